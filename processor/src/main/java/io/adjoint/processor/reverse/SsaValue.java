package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.Callee;
import io.adjoint.processor.ir.Type;

/**
 * One value of the SSA form: a parameter, one assignment of a local, a temporary, or the merge of a
 * variable after an if. Values are immutable in generated code, which is what lets the reverse sweep read
 * any of them without a tape.
 */
final class SsaValue {
  final String base;
  final Type type;
  /** For the record returned by a call to another differentiable method; else null. */
  final Callee callee;
  final Scope scope;
  /** Whether the value depends on a differentiable input (activity analysis). */
  boolean active;
  /** Whether reverse code reads the value: then it must be visible there. */
  boolean needed;
  /**
   * A variable a loop carries: set before the loop and at the end of each iteration. Its adjoint is reset
   * when the reverse sweep passes a definition, since the value defined there is not read before it.
   */
  boolean multi;
  /** A value defined in a branch and merged into {@code redirect} after the if: they are one variable. */
  SsaValue redirect;

  /** The literal a value was defined as, if it was; reverse code writes the literal instead of reading it. */
  String literal;
  /**
   * An expression that gives this value again from others: reverse code writes it instead of reading
   * the value (an int computed from others, or a copy of another value).
   */
  Node remat;
  /** The reverse block {@link #remat} was last computed into, so that it is computed there once. */
  java.util.List<?> rematerialized;
  /** For a loop header, the loop's body. */
  Scope loop;
  /** A loop counter whose value the reverse sweep computes from the iteration number. */
  boolean recounted;
  /** Whether reverse code outside its loop's body reads this header. */
  boolean readOutside;

  String name;
  String bar;
  boolean hoisted;
  boolean declared;

  SsaValue(String base, Type type, Callee callee, Scope scope) {
    this.base = base;
    this.type = type;
    this.callee = callee;
    this.scope = scope;
  }

  SsaValue resolve() {
    SsaValue v = this;
    while (v.redirect != null) {
      v = v.redirect;
    }
    return v;
  }

  @Override
  public String toString() {
    return name != null ? name : base;
  }
}
