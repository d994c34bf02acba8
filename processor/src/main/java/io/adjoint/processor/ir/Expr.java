package io.adjoint.processor.ir;

import java.util.List;

/**
 * An expression of the differentiable subset, after name resolution and type inference. Expressions are
 * pure: assignments and increments appear only as statements.
 */
public sealed interface Expr {
  Type type();

  /** A literal or a compile-time constant, already printed as Java source ({@code 2.0}, {@code Math.PI}). */
  record Literal(Type type, String text) implements Expr {}

  /** A read of a parameter or local variable, by its unique IR name. */
  record Local(Type type, String name) implements Expr {}

  /**
   * A read of a field the body treats as a constant: {@code owner} is the class holding it, or null for an
   * instance field read through the receiver.
   */
  record Field(Type type, ClassRef owner, String name) implements Expr {}

  record Unary(UnaryOp op, Expr operand, Type type) implements Expr {}

  record Binary(BinaryOp op, Expr left, Expr right, Type type) implements Expr {}

  record Conditional(Expr condition, Expr ifTrue, Expr ifFalse, Type type) implements Expr {}

  record Cast(Type type, Expr operand) implements Expr {}

  /** A call to a {@code java.lang.Math} or {@code StrictMath} function with a known derivative rule. */
  record MathCall(MathFunction function, boolean strict, List<Expr> args, Type type) implements Expr {}

  /** A call to another {@code @Differentiable} method; its gradient code is called in turn. */
  record DiffCall(Callee callee, List<Expr> args) implements Expr {
    @Override
    public Type type() {
      return Type.DOUBLE;
    }
  }
}
