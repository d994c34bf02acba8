package io.adjoint.processor.ssa;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.MathFunction;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ir.UnaryOp;
import java.util.List;

/** An expression in SSA form: variables are {@link SsaValue}s. Each node knows whether it is active. */
public sealed interface Node {
  Type type();

  boolean active();

  /** Leaves are read freely by reverse code: they never need a temporary. */
  default boolean isLeaf() {
    return this instanceof Ref
        || this instanceof Literal
        || this instanceof FieldRead
        || this instanceof CallValue
        || this instanceof Length
        || (this instanceof ArrayRead a && a.fixed());
  }

  /** A read of a value; activity is taken when the read is made, which is what holds on its path. */
  record Ref(SsaValue val, boolean active) implements Node {
    public Ref(SsaValue val) {
      this(val, val.resolve().active());
    }

    @Override
    public Type type() {
      return val.type;
    }
  }

  record Literal(Type type, String text) implements Node {
    @Override
    public boolean active() {
      return false;
    }
  }

  record FieldRead(Type type, ClassRef owner, String name) implements Node {
    @Override
    public boolean active() {
      return false;
    }
  }

  record Unary(UnaryOp op, Node operand, Type type, boolean active) implements Node {}

  record Binary(BinaryOp op, Node left, Node right, Type type, boolean active) implements Node {}

  /** A conditional left inline: only in inactive positions (conditions, int expressions). */
  record Conditional(Node condition, Node ifTrue, Node ifFalse, Type type, boolean activeArms) implements Node {
    @Override
    public boolean active() {
      return false;
    }
  }

  record Cast(Type type, Node operand, boolean active) implements Node {}

  record MathCall(MathFunction function, boolean strict, List<Node> args, Type type, boolean active)
      implements Node {}

  /**
   * {@code array[index]}. {@code fixed} when the array cannot change during the call (a parameter or a
   * field): then reverse code may read the element again instead of keeping it.
   */
  record ArrayRead(Node array, Node index, Type type, boolean active, boolean fixed) implements Node {}

  record Length(Node array) implements Node {
    @Override
    public Type type() {
      return Type.INT;
    }

    @Override
    public boolean active() {
      return false;
    }
  }

  /** {@code new double[n]...} (dimensions) or {@code new double[] {a, b}} (elements). */
  record NewArray(Type type, List<Node> dimensions, List<Node> elements, boolean active) implements Node {}

  /** A call to a function whose partial derivatives the user declared. */
  record CustomCall(io.adjoint.processor.ir.Custom rule, List<Node> args, boolean active) implements Node {
    @Override
    public Type type() {
      return Type.DOUBLE;
    }
  }

  /** The value of a call to another differentiable method, read from its gradient record. */
  record CallValue(SsaValue record, List<Node> args) implements Node {
    @Override
    public Type type() {
      return Type.DOUBLE;
    }

    @Override
    public boolean active() {
      return record.active();
    }
  }

  /**
   * An int expression that costs less to compute again in the reverse sweep than to keep: literals,
   * reads of int values, lengths, and int arithmetic on them.
   */
  public static boolean cheapInt(Node n) {
    if (n instanceof Literal) {
      return true;
    }
    if (n instanceof Ref r) {
      return r.val().type == Type.INT || r.val().type == Type.LONG;
    }
    if (n instanceof Length) {
      return true;
    }
    if (n instanceof Binary b) {
      return (b.type() == Type.INT || b.type() == Type.LONG) && b.op().isArithmetic()
          && cheapInt(b.left()) && cheapInt(b.right());
    }
    if (n instanceof Unary u) {
      return (u.type() == Type.INT || u.type() == Type.LONG) && cheapInt(u.operand());
    }
    return false;
  }

  /**
   * A double expression that costs less to compute again in the reverse sweep than to keep: within
   * {@code budget} additions, subtractions and multiplications (and any negations) of literals, fields,
   * values {@code readable} accepts, and entries of arrays that cannot change ({@link ArrayRead#fixed}) at
   * int indices ({@link #cheapInt}) of readable values.
   */
  public static boolean cheapDouble(Node n, int budget, java.util.function.Predicate<SsaValue> readable) {
    if (budget < 0) {
      return false;
    }
    if (n instanceof Literal || n instanceof FieldRead) {
      return true;
    }
    if (n instanceof Ref r) {
      return readable.test(r.val());
    }
    if (n instanceof ArrayRead a) {
      return a.fixed() && a.type() == Type.DOUBLE && fixedRows(a, readable);
    }
    if (n instanceof Binary b) {
      boolean op = b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB || b.op() == BinaryOp.MUL;
      return op && cheapDouble(b.left(), budget - 1, readable) && cheapDouble(b.right(), budget - 1, readable);
    }
    if (n instanceof Unary u) {
      return cheapDouble(u.operand(), budget, readable);
    }
    return false;
  }

  /** Whether {@code n} is a readable array, or rows of one at cheap int indices of readable values. */
  private static boolean fixedRows(Node n, java.util.function.Predicate<SsaValue> readable) {
    if (n instanceof ArrayRead a) {
      return cheapInt(a.index()) && readsOnly(a.index(), readable) && fixedRows(a.array(), readable);
    }
    return (n instanceof Ref r && readable.test(r.val())) || n instanceof FieldRead;
  }

  private static boolean readsOnly(Node n, java.util.function.Predicate<SsaValue> readable) {
    if (n instanceof Ref r) {
      return readable.test(r.val());
    }
    return children(n).stream().allMatch(c -> readsOnly(c, readable));
  }

  /**
   * {@code n} with each read of a value replaced by what {@code replacement} gives for it (the read itself
   * to keep it); null when {@code replacement} gives null, or when {@code n} holds a node other than
   * reads, literals, fields, entries, lengths, and unary and binary operations, which it does not take
   * apart.
   */
  static Node replaceRefs(Node n, java.util.function.Function<Ref, Node> replacement) {
    if (n instanceof Ref r) {
      return replacement.apply(r);
    }
    if (n instanceof Literal || n instanceof FieldRead) {
      return n;
    }
    if (n instanceof ArrayRead a) {
      Node array = replaceRefs(a.array(), replacement);
      Node index = replaceRefs(a.index(), replacement);
      return array == null || index == null ? null : new ArrayRead(array, index, a.type(), a.active(), a.fixed());
    }
    if (n instanceof Binary b) {
      Node left = replaceRefs(b.left(), replacement);
      Node right = replaceRefs(b.right(), replacement);
      return left == null || right == null ? null : new Binary(b.op(), left, right, b.type(), b.active());
    }
    if (n instanceof Unary u) {
      Node operand = replaceRefs(u.operand(), replacement);
      return operand == null ? null : new Unary(u.op(), operand, u.type(), u.active());
    }
    if (n instanceof Length len) {
      Node array = replaceRefs(len.array(), replacement);
      return array == null ? null : new Length(array);
    }
    return null;
  }

  /** Whether {@code n} reads {@code v}. */
  static boolean reads(Node n, SsaValue v) {
    if (n instanceof Node.Ref r) {
      return r.val().resolve() == v;
    }
    if (n instanceof Node.CallValue c) {
      return c.args().stream().anyMatch(a -> reads(a, v));
    }
    if (n instanceof Node.ArrayRead a) {
      return reads(a.array(), v) || reads(a.index(), v);
    }
    return operands(n).stream().anyMatch(o -> reads(o, v));
  }

  /** The operands of a node that take part in differentiation, in order. */
  static List<Node> operands(Node node) {
    if (node instanceof Node.Unary u) {
      return List.of(u.operand());
    }
    if (node instanceof Node.Binary b) {
      return List.of(b.left(), b.right());
    }
    if (node instanceof Node.Cast c) {
      return List.of(c.operand());
    }
    if (node instanceof Node.MathCall m) {
      return m.args();
    }
    if (node instanceof Node.CallValue c) {
      return c.args();
    }
    if (node instanceof Node.CustomCall c) {
      return c.args();
    }
    return List.of();
  }

  /** Every node {@code n} reads directly. */
  static List<Node> children(Node n) {
    if (n instanceof Unary u) {
      return List.of(u.operand());
    }
    if (n instanceof Binary b) {
      return List.of(b.left(), b.right());
    }
    if (n instanceof Conditional c) {
      return List.of(c.condition(), c.ifTrue(), c.ifFalse());
    }
    if (n instanceof Cast c) {
      return List.of(c.operand());
    }
    if (n instanceof MathCall m) {
      return m.args();
    }
    if (n instanceof ArrayRead a) {
      return List.of(a.array(), a.index());
    }
    if (n instanceof Length l) {
      return List.of(l.array());
    }
    if (n instanceof NewArray a) {
      List<Node> all = new java.util.ArrayList<>(a.dimensions());
      all.addAll(a.elements());
      return all;
    }
    if (n instanceof CustomCall c) {
      return c.args();
    }
    if (n instanceof CallValue c) {
      return c.args();
    }
    return List.of();
  }
}
