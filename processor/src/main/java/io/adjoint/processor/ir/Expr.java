package io.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An expression of the differentiable subset, after name resolution and type inference. Expressions are
 * pure: assignments and increments appear only as statements.
 *
 * <p>Every kind lists its operands in evaluation order ({@link #operands}) and rebuilds itself from new
 * ones ({@link #withOperands}), so that a pass over expressions is written once, for every kind and in
 * every context, rather than once per kind: a new kind of expression cannot be added without saying what
 * its operands are.
 */
public sealed interface Expr {
  Type type();

  /** The direct subexpressions, in the order Java evaluates them. */
  List<Expr> operands();

  /** This expression with its operands replaced, in the order of {@link #operands}. */
  Expr withOperands(List<Expr> operands);

  /** This expression with {@code rewrite} applied to each operand, left to right. */
  default Expr mapOperands(UnaryOperator<Expr> rewrite) {
    List<Expr> operands = operands();
    if (operands.isEmpty()) {
      return this;
    }
    List<Expr> rewritten = new ArrayList<>(operands.size());
    for (Expr operand : operands) {
      rewritten.add(rewrite.apply(operand));
    }
    return withOperands(rewritten);
  }

  /** An expression without operands. */
  sealed interface Leaf extends Expr {
    @Override
    default List<Expr> operands() {
      return List.of();
    }

    @Override
    default Expr withOperands(List<Expr> operands) {
      if (!operands.isEmpty()) {
        throw new IllegalArgumentException(this + " has no operands");
      }
      return this;
    }
  }

  /** A literal or a compile-time constant, already printed as Java source ({@code 2.0}, {@code Math.PI}). */
  record Literal(Type type, String text) implements Leaf {}

  /** A read of a parameter or local variable, by its unique IR name. */
  record Local(Type type, String name) implements Leaf {}

  /**
   * A read of a field the body treats as a constant: {@code owner} is the class holding it, or null for an
   * instance field read through the receiver.
   */
  record Field(Type type, ClassRef owner, String name) implements Leaf {}

  record Unary(UnaryOp op, Expr operand, Type type) implements Expr {
    @Override
    public List<Expr> operands() {
      return List.of(operand);
    }

    @Override
    public Unary withOperands(List<Expr> operands) {
      return new Unary(op, only(operands, 1).get(0), type);
    }
  }

  /**
   * {@code left op right}. The right operand of {@code &&} and {@code ||} is evaluated only when the left
   * does not decide the result.
   */
  record Binary(BinaryOp op, Expr left, Expr right, Type type) implements Expr {
    @Override
    public List<Expr> operands() {
      return List.of(left, right);
    }

    @Override
    public Binary withOperands(List<Expr> operands) {
      only(operands, 2);
      return new Binary(op, operands.get(0), operands.get(1), type);
    }
  }

  /** {@code condition ? ifTrue : ifFalse}: only the chosen arm is evaluated. */
  record Conditional(Expr condition, Expr ifTrue, Expr ifFalse, Type type) implements Expr {
    @Override
    public List<Expr> operands() {
      return List.of(condition, ifTrue, ifFalse);
    }

    @Override
    public Conditional withOperands(List<Expr> operands) {
      only(operands, 3);
      return new Conditional(operands.get(0), operands.get(1), operands.get(2), type);
    }
  }

  record Cast(Type type, Expr operand) implements Expr {
    @Override
    public List<Expr> operands() {
      return List.of(operand);
    }

    @Override
    public Cast withOperands(List<Expr> operands) {
      return new Cast(type, only(operands, 1).get(0));
    }
  }

  /** A call to a {@code java.lang.Math} or {@code StrictMath} function with a known derivative rule. */
  record MathCall(MathFunction function, boolean strict, List<Expr> args, Type type) implements Expr {
    public MathCall {
      args = List.copyOf(args);
    }

    @Override
    public List<Expr> operands() {
      return args;
    }

    @Override
    public MathCall withOperands(List<Expr> operands) {
      return new MathCall(function, strict, only(operands, args.size()), type);
    }
  }

  /** {@code array[index]}: a double of a {@code double[]}, or a row of a {@code double[][]}. */
  record ArrayRead(Expr array, Expr index, Type type) implements Expr {
    @Override
    public List<Expr> operands() {
      return List.of(array, index);
    }

    @Override
    public ArrayRead withOperands(List<Expr> operands) {
      only(operands, 2);
      return new ArrayRead(operands.get(0), operands.get(1), type);
    }
  }

  /** {@code array.length}. */
  record Length(Expr array) implements Expr {
    @Override
    public Type type() {
      return Type.INT;
    }

    @Override
    public List<Expr> operands() {
      return List.of(array);
    }

    @Override
    public Length withOperands(List<Expr> operands) {
      return new Length(only(operands, 1).get(0));
    }
  }

  /**
   * {@code new double[n]}, {@code new double[n][m]} or {@code new double[]{a, b}}: {@code dimensions}
   * when sized, {@code elements} when initialized. Operands: the dimensions, then the elements.
   */
  record NewArray(Type type, List<Expr> dimensions, List<Expr> elements) implements Expr {
    public NewArray {
      dimensions = List.copyOf(dimensions);
      elements = List.copyOf(elements);
    }

    @Override
    public List<Expr> operands() {
      List<Expr> operands = new ArrayList<>(dimensions);
      operands.addAll(elements);
      return List.copyOf(operands);
    }

    @Override
    public NewArray withOperands(List<Expr> operands) {
      only(operands, dimensions.size() + elements.size());
      int split = dimensions.size();
      return new NewArray(type, operands.subList(0, split), operands.subList(split, operands.size()));
    }
  }

  /**
   * A call to a function with user-declared derivatives ({@code @Derivative}); {@code origin}: the call in
   * the source, opaque here, where a problem found later is reported.
   */
  record CustomCall(Custom custom, List<Expr> args, Object origin) implements Expr {
    public CustomCall {
      args = List.copyOf(args);
    }

    @Override
    public Type type() {
      return Type.DOUBLE;
    }

    @Override
    public List<Expr> operands() {
      return args;
    }

    @Override
    public CustomCall withOperands(List<Expr> operands) {
      return new CustomCall(custom, only(operands, args.size()), origin);
    }
  }

  /**
   * A call to another {@code @Differentiable} method; its gradient code is called in turn, or, for a
   * vector-valued one, its body is inlined ({@code ssa.Inliner}). {@code origin}: the call in the source,
   * opaque here, where a problem found later is reported.
   */
  record DiffCall(Callee callee, List<Expr> args, Object origin) implements Expr {
    public DiffCall {
      args = List.copyOf(args);
    }

    @Override
    public Type type() {
      return callee.returns();
    }

    @Override
    public List<Expr> operands() {
      return args;
    }

    @Override
    public DiffCall withOperands(List<Expr> operands) {
      return new DiffCall(callee, only(operands, args.size()), origin);
    }
  }

  private static List<Expr> only(List<Expr> operands, int count) {
    if (operands.size() != count) {
      throw new IllegalArgumentException("expected " + count + " operands, got " + operands.size());
    }
    return operands;
  }
}
