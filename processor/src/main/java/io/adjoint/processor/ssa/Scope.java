package io.adjoint.processor.ssa;

/**
 * A block of the source as the reverse sweep sees it: a path (the method body, or a branch of an if whose
 * every path returns), whose forward and reverse code share one Java block; or a branch of an if that
 * falls through, whose reverse code is a block of its own; or a loop's body.
 */
public final class Scope {
  public final Scope parent;
  /** The body of a loop: its values change every iteration, so reverse code reads them from the tape. */
  boolean loop;

  Scope(Scope parent) {
    this.parent = parent;
  }

  /** Whether this scope is the body of a loop. */
  public boolean isLoopBody() {
    return loop;
  }

  /** Whether this scope is {@code other} or inside it. */
  public boolean within(Scope other) {
    for (Scope s = this; s != null; s = s.parent) {
      if (s == other) {
        return true;
      }
    }
    return false;
  }
}
