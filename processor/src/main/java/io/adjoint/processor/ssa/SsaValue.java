package io.adjoint.processor.ssa;

import io.adjoint.processor.ir.Callee;
import io.adjoint.processor.ir.Type;

/**
 * One value of the SSA form: a parameter, one assignment of a local, a temporary, or the merge of a
 * variable after an if. Values are immutable in generated code, which is what lets the reverse sweep read
 * any of them without a tape. What is known of a value is set by {@link SsaBuilder} while it builds the
 * program and never changes after; a transformation keeps what it writes of a value (its name, its
 * adjoint) in state of its own, keyed by the value.
 */
public final class SsaValue {
  /** The variable's name in the source, or what the value is ({@code t}, {@code branch}, {@code count}). */
  public final String base;
  public final Type type;
  /** For the record returned by a call to another differentiable method; else null. */
  public final Callee callee;
  public final Scope scope;
  /** Whether the value depends on a differentiable input (activity analysis). */
  boolean active;
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
  /** For a loop header, the loop's body. */
  Scope loop;

  SsaValue(String base, Type type, Callee callee, Scope scope) {
    this.base = base;
    this.type = type;
    this.callee = callee;
    this.scope = scope;
  }

  /** The value this one is: itself, or the merged value after the if it was defined in a branch of. */
  public SsaValue resolve() {
    SsaValue v = this;
    while (v.redirect != null) {
      v = v.redirect;
    }
    return v;
  }

  /** Whether the value depends on a differentiable input (activity analysis). */
  public boolean active() {
    return active;
  }

  /** Whether a loop carries the variable: set before the loop and at the end of each iteration. */
  public boolean multi() {
    return multi;
  }

  /** The literal the value was defined as, or null. */
  public String literal() {
    return literal;
  }

  /** An expression that gives the value again from others, cheaper than keeping it; or null. */
  public Node remat() {
    return remat;
  }

  /** For a loop header, the loop's body; else null. */
  public Scope loop() {
    return loop;
  }

  @Override
  public String toString() {
    return base;
  }
}
