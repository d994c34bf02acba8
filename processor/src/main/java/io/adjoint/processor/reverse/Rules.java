package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Java;
import java.util.ArrayList;
import java.util.List;

/**
 * The derivative rules: for an active node, the local partial derivative with respect to each active
 * operand, written in terms of the operands' values and the node's own value. The reverse sweep multiplies
 * each by the node's adjoint. The conventions at kinks and domain edges match {@code io.adjoint.Value}:
 * abs'(0) = 0; min and max split the adjoint evenly at a tie (and give it to both operands when one is
 * NaN); pow's partials are masked to 0 where the
 * true derivative is 0 (exponent 0; base 0 with a non-negative exponent), as PyTorch does; hypot'(0, 0) =
 * 0; everything else follows IEEE arithmetic (sqrt'(0) = +inf, log'(0) = +inf).
 */
final class Rules {
  private Rules() {}

  /** Where a rule reads values: the operands' and the node's own. */
  interface Values {
    /** Operand {@code index} as a factor of a derivative: a double, an int operand widened. */
    Java.Expr operand(int index);

    /** Operand {@code index} as it is, of its own type: an argument of a user's rule. */
    default Java.Expr argument(int index) {
      return operand(index);
    }

    Java.Expr self();
  }

  /** The partial derivative of a node with respect to its operand {@code operand}. */
  record Partial(int operand, Java.Expr derivative) {}

  private static final double LN10 = Math.log(10.0);

  /** The operands of a node that take part in differentiation, in order. */
  static List<Node> operands(Node node) {
    if (node instanceof Node.Un u) {
      return List.of(u.operand());
    }
    if (node instanceof Node.Bin b) {
      return List.of(b.left(), b.right());
    }
    if (node instanceof Node.Cst c) {
      return List.of(c.operand());
    }
    if (node instanceof Node.MCall m) {
      return m.args();
    }
    if (node instanceof Node.CallValue c) {
      return c.args();
    }
    if (node instanceof Node.Custom c) {
      return c.args();
    }
    return List.of();
  }

  /** The partials of an active node with respect to its active operands. */
  static List<Partial> partials(Node node, Values v) {
    List<Node> ops = operands(node);
    List<Partial> out = new ArrayList<>();
    if (node instanceof Node.Un u) {
      switch (u.op()) {
        case NEG -> out.add(new Partial(0, J.lit("-1.0")));
        case PLUS -> out.add(new Partial(0, J.ONE));
        default -> throw new IllegalStateException("inactive operator " + u.op());
      }
    } else if (node instanceof Node.Cst) {
      out.add(new Partial(0, J.ONE));
    } else if (node instanceof Node.Bin b) {
      binary(b, v, ops, out);
    } else if (node instanceof Node.MCall m) {
      math(m, v, out);
    } else if (node instanceof Node.CallValue c) {
      List<String> accessors = c.record().callee.accessors();
      for (int i = 0; i < accessors.size(); i++) {
        if (accessors.get(i) != null) {
          out.add(
              new Partial(i, new Java.Call(null, J.name(c.record().name), accessors.get(i), List.of())));
        }
      }
    } else if (node instanceof Node.Custom c) {
      // the user's rules, called with the function's arguments
      List<Java.Expr> args = new ArrayList<>();
      for (int i = 0; i < ops.size(); i++) {
        args.add(v.argument(i));
      }
      for (int i = 0; i < ops.size(); i++) {
        String d = c.rule().derivatives().get(i);
        if (d != null) {
          out.add(new Partial(i, new Java.Call(c.rule().derivativeOwners().get(i), null, d, args)));
        }
      }
    } else {
      throw new IllegalStateException("no derivative rule for " + node);
    }
    out.removeIf(p -> !ops.get(p.operand()).active());
    return out;
  }

  private static void binary(Node.Bin b, Values v, List<Node> ops, List<Partial> out) {
    switch (b.op()) {
      case ADD -> {
        out.add(new Partial(0, J.ONE));
        out.add(new Partial(1, J.ONE));
      }
      case SUB -> {
        out.add(new Partial(0, J.ONE));
        out.add(new Partial(1, J.lit("-1.0")));
      }
      case MUL -> {
        if (ops.get(0).isLeaf() && ops.get(0).equals(ops.get(1))) {
          out.add(new Partial(0, J.mul(J.lit("2.0"), v.operand(0)))); // a * a, x[i] * x[i]
          return;
        }
        if (ops.get(0).active()) {
          out.add(new Partial(0, v.operand(1)));
        }
        if (ops.get(1).active()) {
          out.add(new Partial(1, v.operand(0)));
        }
      }
      case DIV -> {
        // q = a / b:  dq/da = 1 / b,  dq/db = -q / b, which is -q² when a is 1 (no division)
        out.add(new Partial(0, J.div(J.ONE, v.operand(1))));
        if (ops.get(1).active()) {
          boolean reciprocal = ops.get(0) instanceof Node.Lit l && J.isOne(J.lit(l.text()));
          Java.Expr q = v.self();
          out.add(new Partial(1, J.neg(reciprocal ? J.mul(q, q) : J.div(q, v.operand(1)))));
        }
      }
      default -> throw new IllegalStateException("no derivative rule for operator " + b.op());
    }
  }

  private static void math(Node.MCall m, Values v, List<Partial> out) {
    List<Node> args = m.args();
    boolean active0 = args.get(0).active();
    if (!active0 && m.function().arity() == 1) {
      return;
    }
    switch (m.function()) {
      case SIN -> out.add(new Partial(0, J.math("cos", v.operand(0))));
      case COS -> out.add(new Partial(0, J.neg(J.math("sin", v.operand(0)))));
      case TAN -> out.add(new Partial(0, J.add(J.ONE, J.mul(v.self(), v.self()))));
      case ASIN -> out.add(new Partial(0, J.div(J.ONE, J.math("sqrt", oneMinusSquare(v.operand(0))))));
      case ACOS -> out.add(
          new Partial(0, J.neg(J.div(J.ONE, J.math("sqrt", oneMinusSquare(v.operand(0)))))));
      case ATAN -> out.add(
          new Partial(0, J.div(J.ONE, J.add(J.ONE, J.mul(v.operand(0), v.operand(0))))));
      case ATAN2 -> {
        // atan2(y, x): d/dy = x / (x^2 + y^2), d/dx = -y / (x^2 + y^2)
        Java.Expr y = v.operand(0);
        Java.Expr x = v.operand(1);
        Java.Expr r2 = J.add(J.mul(x, x), J.mul(y, y));
        out.add(new Partial(0, J.div(x, r2)));
        out.add(new Partial(1, J.neg(J.div(y, r2))));
      }
      case SINH -> out.add(new Partial(0, J.math("cosh", v.operand(0))));
      case COSH -> out.add(new Partial(0, J.math("sinh", v.operand(0))));
      case TANH -> out.add(new Partial(0, J.sub(J.ONE, J.mul(v.self(), v.self()))));
      case EXP -> out.add(new Partial(0, v.self()));
      case EXPM1 -> out.add(new Partial(0, J.add(v.self(), J.ONE)));
      case LOG -> out.add(new Partial(0, J.div(J.ONE, v.operand(0))));
      case LOG10 -> out.add(new Partial(0, J.div(J.ONE, J.mul(v.operand(0), J.lit(LN10)))));
      case LOG1P -> out.add(new Partial(0, J.div(J.ONE, J.add(J.ONE, v.operand(0)))));
      case SQRT -> out.add(new Partial(0, J.div(J.lit("0.5"), v.self())));
      case CBRT -> out.add(new Partial(0, J.div(J.ONE, J.mul(J.lit("3.0"), J.mul(v.self(), v.self())))));
      case POW -> pow(m, v, out);
      case HYPOT -> {
        // hypot(a, b): d/da = a / h, taken as 0 at h = 0 (a subgradient, like abs'(0) = 0)
        Java.Expr h = v.self();
        Java.Expr isZero = J.bin(BinaryOp.EQ, h, J.ZERO);
        if (args.get(0).active()) {
          out.add(new Partial(0, J.cond(isZero, J.ZERO, J.div(v.operand(0), h))));
        }
        if (args.get(1).active()) {
          out.add(new Partial(1, J.cond(isZero, J.ZERO, J.div(v.operand(1), h))));
        }
      }
      case ABS -> out.add(new Partial(0, J.math("signum", v.operand(0))));
      case MIN, MAX -> {
        // the adjoint goes to the chosen operand; a tie splits it evenly; when neither is chosen (NaN)
        // each gets all of it, as Value does
        boolean min = m.function() == io.adjoint.processor.ir.MathFunction.MIN;
        Java.Expr a = v.operand(0);
        Java.Expr b = v.operand(1);
        Java.Expr tie = J.bin(BinaryOp.EQ, a, b);
        Java.Expr bWins = J.bin(min ? BinaryOp.LT : BinaryOp.GT, b, a);
        Java.Expr aWins = J.bin(min ? BinaryOp.LT : BinaryOp.GT, a, b);
        if (args.get(0).active()) {
          out.add(new Partial(0, J.cond(tie, J.lit("0.5"), J.cond(bWins, J.ZERO, J.ONE))));
        }
        if (args.get(1).active()) {
          out.add(new Partial(1, J.cond(tie, J.lit("0.5"), J.cond(aWins, J.ZERO, J.ONE))));
        }
      }
      case TO_RADIANS -> out.add(new Partial(0, J.lit(Math.PI / 180.0)));
      case TO_DEGREES -> out.add(new Partial(0, J.lit(180.0 / Math.PI)));
      default -> throw new IllegalStateException("piecewise-constant " + m.function() + " is inactive");
    }
  }

  /**
   * pow(a, b): d/da = b·a^(b−1), taken as 0 when b = 0; d/db = a^b·ln(a), taken as 0 when a = 0 and b ≥ 0.
   * A literal exponent folds: pow(x, 2) gives 2.0 * x.
   */
  private static void pow(Node.MCall m, Values v, List<Partial> out) {
    Java.Expr a = v.operand(0);
    if (m.args().get(0).active()) {
      Node exponent = m.args().get(1);
      double literal = exponent instanceof Node.Lit l ? J.numeric(J.lit(l.text())) : Double.NaN;
      if (!Double.isNaN(literal)) {
        if (literal != 0.0) {
          Java.Expr power =
              literal == 2.0 ? a : literal == 1.0 ? J.ONE : J.math("pow", a, J.lit(literal - 1.0));
          out.add(new Partial(0, J.mul(J.lit(literal), power)));
        }
      } else {
        Java.Expr b = v.operand(1);
        out.add(
            new Partial(
                0,
                J.cond(
                    J.bin(BinaryOp.EQ, b, J.ZERO),
                    J.ZERO,
                    J.mul(b, J.math("pow", a, J.sub(b, J.ONE))))));
      }
    }
    if (m.args().get(1).active()) {
      Java.Expr b = v.operand(1);
      Java.Expr masked = J.bin(BinaryOp.COND_AND, J.bin(BinaryOp.EQ, a, J.ZERO), J.bin(BinaryOp.GE, b, J.ZERO));
      out.add(new Partial(1, J.cond(masked, J.ZERO, J.mul(v.self(), J.math("log", a)))));
    }
  }

  private static Java.Expr oneMinusSquare(Java.Expr x) {
    return J.sub(J.ONE, J.mul(x, x));
  }
}
