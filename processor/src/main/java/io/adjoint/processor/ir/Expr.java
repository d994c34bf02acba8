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

  /** {@code array[index]}: a double of a {@code double[]}, or a row of a {@code double[][]}. */
  record ArrayRead(Expr array, Expr index, Type type) implements Expr {}

  /** {@code array.length}. */
  record Length(Expr array) implements Expr {
    @Override
    public Type type() {
      return Type.INT;
    }
  }

  /**
   * {@code new double[n]}, {@code new double[n][m]} or {@code new double[]{a, b}}: {@code dimensions}
   * when sized, {@code elements} when initialized.
   */
  record NewArray(Type type, List<Expr> dimensions, List<Expr> elements) implements Expr {}

  /** A call to a function with user-declared derivatives ({@code @Derivative}). */
  record CustomCall(Custom custom, List<Expr> args) implements Expr {
    @Override
    public Type type() {
      return Type.DOUBLE;
    }
  }

  /** A call to another {@code @Differentiable} method; its gradient code is called in turn. */
  /** {@code origin}: the call in the source, opaque here, where a problem found later is reported. */
  record DiffCall(Callee callee, List<Expr> args, Object origin) implements Expr {
    @Override
    public Type type() {
      return Type.DOUBLE;
    }
  }
}
