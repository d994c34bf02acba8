package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.Java;
import java.util.List;

/**
 * A block of the source as the reverse sweep sees it: a path (the method body, or a branch of an if whose
 * every path returns), whose forward and reverse code share one Java block; or a branch of an if that
 * falls through, whose reverse code is a block of its own.
 */
final class Scope {
  final Scope parent;
  /** The body of a loop: its values change every iteration, so reverse code reads them from the tape. */
  boolean loop;
  /** The block reverse code of this scope is being written to. */
  List<ReverseCode.P> reverse;

  Scope(Scope parent) {
    this.parent = parent;
  }

  boolean within(Scope other) {
    for (Scope s = this; s != null; s = s.parent) {
      if (s == other) {
        return true;
      }
    }
    return false;
  }
}
