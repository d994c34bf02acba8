package io.adjoint.processor.rules;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.MathFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * The derivative rules of the arithmetic operators and the {@code Math} functions, shared by every
 * transformation: for an operation, the local partial derivative with respect to each active operand,
 * written in terms of the operands' values and the operation's own value. Reverse mode multiplies each
 * by the operation's adjoint; forward mode multiplies each by its operand's tangent and sums. The
 * conventions at kinks and domain edges match {@code io.adjoint.Value}: abs'(0) = 0; min and max split
 * evenly at a tie (and give all to both operands when one is NaN); pow's partials are masked to 0 where
 * the true derivative is 0 (exponent 0; base 0 with a non-negative exponent), as PyTorch does;
 * hypot'(0, 0) = 0; everything else follows IEEE arithmetic (sqrt'(0) = +inf, log'(0) = +inf).
 *
 * <p>The piecewise functions follow one convention: where a function is constant between jumps its
 * derivative is 0 everywhere, jumps included ({@code signum floor ceil rint round ulp getExponent}, and
 * {@code copySign} with respect to the sign); where it is linear between jumps its derivative is that
 * slope, at the jumps too ({@code IEEEremainder(a, b)}: 1 and −n for the n it rounded a/b to); a kink
 * takes 0, as abs does ({@code copySign(m, s)} with respect to m: signum(m) times the sign of s, 0 at
 * m = 0). {@code nextUp}, {@code nextDown} and {@code nextAfter} move their start by one ulp: derivative 1
 * with respect to the start, 0 to the direction; {@code scalb(d, n)} is d·2ⁿ, exact, and {@code fma(a, b,
 * c)} is a·b + c.
 */
public final class Partials {
  private static final double LN10 = Math.log(10.0);

  private Partials() {}

  /** The partial derivative of an operation with respect to its operand {@code operand}. */
  public record Partial(int operand, Java.Expr derivative) {}

  /** What a rule may know of an operation's operands, in the transformation's own terms. */
  public interface Operands {
    /** Operand {@code index}'s value as a factor of a derivative: a double, an int operand widened. */
    Java.Expr operand(int index);

    /** Operand {@code index} as it is, of its own type: an int argument stays an int. */
    default Java.Expr argument(int index) {
      return operand(index);
    }

    /** The operation's own value. */
    Java.Expr self();

    /** Whether operand {@code index} carries a derivative. */
    boolean active(int index);

    /** Operand {@code index}'s value when it is a numeric literal, else NaN. */
    double literal(int index);

    /** Whether both operands are the same variable or array entry ({@code a * a}). */
    boolean sameLeaf();
  }

  /** An operand's value when it is a numeric literal, else NaN: for {@link Operands#literal}. */
  public static double literal(Expr operand) {
    return operand instanceof Expr.Literal l ? JavaExprs.numeric(JavaExprs.lit(l.text())) : Double.NaN;
  }

  /**
   * Whether both operands are the same variable or array entry ({@code a * a}, {@code x[i] * x[i]}): for
   * {@link Operands#sameLeaf}.
   */
  public static boolean sameLeaf(List<Expr> operands) {
    return operands.size() == 2
        && operands.get(0).equals(operands.get(1))
        && (operands.get(0) instanceof Expr.Local || isEntry(operands.get(0)));
  }

  private static boolean isEntry(Expr e) {
    return e instanceof Expr.ArrayRead a
        && (a.index() instanceof Expr.Local || a.index() instanceof Expr.Literal)
        && (a.array() instanceof Expr.Local || isEntry(a.array()));
  }

  public static List<Partial> binary(BinaryOp op, Operands v) {
    List<Partial> out = new ArrayList<>();
    switch (op) {
      case ADD -> {
        out.add(new Partial(0, JavaExprs.ONE));
        out.add(new Partial(1, JavaExprs.ONE));
      }
      case SUB -> {
        out.add(new Partial(0, JavaExprs.ONE));
        out.add(new Partial(1, JavaExprs.lit("-1.0")));
      }
      case MUL -> {
        if (v.sameLeaf()) {
          out.add(new Partial(0, JavaExprs.mul(JavaExprs.lit("2.0"), v.operand(0)))); // a * a, x[i] * x[i]
          return out;
        }
        if (v.active(0)) {
          out.add(new Partial(0, v.operand(1)));
        }
        if (v.active(1)) {
          out.add(new Partial(1, v.operand(0)));
        }
      }
      case DIV -> {
        // q = a / b:  dq/da = 1 / b,  dq/db = -q / b, which is -q² when a is 1 (no division)
        if (v.active(0)) { // not for 1 / b, whose partial would read b for nothing
          out.add(new Partial(0, JavaExprs.div(JavaExprs.ONE, v.operand(1))));
        }
        if (v.active(1)) {
          boolean reciprocal = v.literal(0) == 1.0;
          Java.Expr q = v.self();
          out.add(new Partial(1, JavaExprs.neg(reciprocal ? JavaExprs.mul(q, q) : JavaExprs.div(q, v.operand(1)))));
        }
      }
      default -> throw new IllegalStateException("no derivative rule for operator " + op);
    }
    return out;
  }

  public static List<Partial> math(MathFunction function, Operands v) {
    List<Partial> out = new ArrayList<>();
    if (!v.active(0) && function.arity() == 1) {
      return out;
    }
    switch (function) {
      case SIN -> out.add(new Partial(0, JavaExprs.math("cos", v.operand(0))));
      case COS -> out.add(new Partial(0, JavaExprs.neg(JavaExprs.math("sin", v.operand(0)))));
      case TAN -> out.add(new Partial(0, JavaExprs.add(JavaExprs.ONE, JavaExprs.mul(v.self(), v.self()))));
      case ASIN -> out.add(new Partial(0, JavaExprs.div(JavaExprs.ONE, JavaExprs.math("sqrt", oneMinusSquare(v.operand(0))))));
      case ACOS -> out.add(
          new Partial(0, JavaExprs.neg(JavaExprs.div(JavaExprs.ONE, JavaExprs.math("sqrt", oneMinusSquare(v.operand(0)))))));
      case ATAN -> out.add(
          new Partial(0, JavaExprs.div(JavaExprs.ONE, JavaExprs.add(JavaExprs.ONE, JavaExprs.mul(v.operand(0), v.operand(0))))));
      case ATAN2 -> {
        // atan2(y, x): d/dy = x / (x^2 + y^2), d/dx = -y / (x^2 + y^2)
        Java.Expr y = v.operand(0);
        Java.Expr x = v.operand(1);
        Java.Expr r2 = JavaExprs.add(JavaExprs.mul(x, x), JavaExprs.mul(y, y));
        out.add(new Partial(0, JavaExprs.div(x, r2)));
        out.add(new Partial(1, JavaExprs.neg(JavaExprs.div(y, r2))));
      }
      case SINH -> out.add(new Partial(0, JavaExprs.math("cosh", v.operand(0))));
      case COSH -> out.add(new Partial(0, JavaExprs.math("sinh", v.operand(0))));
      case TANH -> out.add(new Partial(0, JavaExprs.sub(JavaExprs.ONE, JavaExprs.mul(v.self(), v.self()))));
      case EXP -> out.add(new Partial(0, v.self()));
      case EXPM1 -> out.add(new Partial(0, JavaExprs.add(v.self(), JavaExprs.ONE)));
      case LOG -> out.add(new Partial(0, JavaExprs.div(JavaExprs.ONE, v.operand(0))));
      case LOG10 -> out.add(new Partial(0, JavaExprs.div(JavaExprs.ONE, JavaExprs.mul(v.operand(0), JavaExprs.lit(LN10)))));
      case LOG1P -> out.add(new Partial(0, JavaExprs.div(JavaExprs.ONE, JavaExprs.add(JavaExprs.ONE, v.operand(0)))));
      case SQRT -> out.add(new Partial(0, JavaExprs.div(JavaExprs.lit("0.5"), v.self())));
      case CBRT -> out.add(new Partial(0, JavaExprs.div(JavaExprs.ONE, JavaExprs.mul(JavaExprs.lit("3.0"), JavaExprs.mul(v.self(), v.self())))));
      case POW -> pow(v, out);
      case HYPOT -> {
        // hypot(a, b): d/da = a / h, taken as 0 at h = 0 (a subgradient, like abs'(0) = 0)
        Java.Expr h = v.self();
        Java.Expr isZero = JavaExprs.bin(BinaryOp.EQ, h, JavaExprs.ZERO);
        if (v.active(0)) {
          out.add(new Partial(0, JavaExprs.cond(isZero, JavaExprs.ZERO, JavaExprs.div(v.operand(0), h))));
        }
        if (v.active(1)) {
          out.add(new Partial(1, JavaExprs.cond(isZero, JavaExprs.ZERO, JavaExprs.div(v.operand(1), h))));
        }
      }
      case ABS -> out.add(new Partial(0, JavaExprs.math("signum", v.operand(0))));
      case MIN, MAX -> {
        // the adjoint goes to the chosen operand; a tie splits it evenly; when neither is chosen (NaN)
        // each gets all of it, as Value does
        boolean min = function == MathFunction.MIN;
        Java.Expr a = v.operand(0);
        Java.Expr b = v.operand(1);
        Java.Expr tie = JavaExprs.bin(BinaryOp.EQ, a, b);
        Java.Expr bWins = JavaExprs.bin(min ? BinaryOp.LT : BinaryOp.GT, b, a);
        Java.Expr aWins = JavaExprs.bin(min ? BinaryOp.LT : BinaryOp.GT, a, b);
        if (v.active(0)) {
          out.add(new Partial(0, JavaExprs.cond(tie, JavaExprs.lit("0.5"), JavaExprs.cond(bWins, JavaExprs.ZERO, JavaExprs.ONE))));
        }
        if (v.active(1)) {
          out.add(new Partial(1, JavaExprs.cond(tie, JavaExprs.lit("0.5"), JavaExprs.cond(aWins, JavaExprs.ZERO, JavaExprs.ONE))));
        }
      }
      case FMA -> {
        if (v.active(0)) {
          out.add(new Partial(0, v.operand(1)));
        }
        if (v.active(1)) {
          out.add(new Partial(1, v.operand(0)));
        }
        out.add(new Partial(2, JavaExprs.ONE));
      }
      case SCALB -> out.add(new Partial(0, JavaExprs.math("scalb", JavaExprs.ONE, v.argument(1))));
      case COPY_SIGN -> out.add(
          new Partial(0, JavaExprs.mul(JavaExprs.math("signum", v.operand(0)), JavaExprs.math("copySign", JavaExprs.ONE, v.operand(1)))));
      case NEXT_UP, NEXT_DOWN, NEXT_AFTER -> out.add(new Partial(0, JavaExprs.ONE));
      case IEEE_REMAINDER -> {
        // r = a - b·n, n = rint(a / b) taken exactly: dr/da = 1, dr/db = -n, n recovered from r
        out.add(new Partial(0, JavaExprs.ONE));
        if (v.active(1)) {
          Java.Expr n = JavaExprs.math("rint", JavaExprs.div(JavaExprs.sub(v.operand(0), v.self()), v.operand(1)));
          out.add(new Partial(1, JavaExprs.neg(n)));
        }
      }
      case TO_RADIANS -> out.add(new Partial(0, JavaExprs.lit(Math.PI / 180.0)));
      case TO_DEGREES -> out.add(new Partial(0, JavaExprs.lit(180.0 / Math.PI)));
      default -> throw new IllegalStateException("piecewise-constant " + function + " is inactive");
    }
    return out;
  }

  /**
   * pow(a, b): d/da = b·a^(b−1), taken as 0 when b = 0; d/db = a^b·ln(a), taken as 0 when a = 0 and b ≥ 0.
   * A literal exponent folds: pow(x, 2) gives 2.0 * x.
   */
  private static void pow(Operands v, List<Partial> out) {
    Java.Expr a = v.operand(0);
    if (v.active(0)) {
      double literal = v.literal(1);
      if (!Double.isNaN(literal)) {
        if (literal != 0.0) {
          Java.Expr power =
              literal == 2.0 ? a : literal == 1.0 ? JavaExprs.ONE : JavaExprs.math("pow", a, JavaExprs.lit(literal - 1.0));
          out.add(new Partial(0, JavaExprs.mul(JavaExprs.lit(literal), power)));
        }
      } else {
        Java.Expr b = v.operand(1);
        Java.Expr power = JavaExprs.math("pow", a, JavaExprs.sub(b, JavaExprs.ONE));
        Java.Expr unmasked = JavaExprs.mul(b, power);
        // At b = 0 the partial is 0. Where a^(b−1) is finite it is written b·a^(b−1) + 0.0, which is +0.0
        // there too but keeps its derivative by b, a^(b−1): second order differentiates this expression,
        // and ∂²(a^b)/∂a∂b = 1/a at b = 0. Elsewhere (a = 0 or tiny, NaN) it is the constant 0, as PyTorch
        // masks it, with no 0·∞.
        Java.Expr finite = JavaExprs.bin(BinaryOp.LE, JavaExprs.math("abs", power), JavaExprs.lit(Double.MAX_VALUE));
        Java.Expr atZero =
            JavaExprs.cond(finite, new Java.Binary(BinaryOp.ADD, unmasked, JavaExprs.ZERO), JavaExprs.ZERO);
        out.add(new Partial(0, JavaExprs.cond(JavaExprs.bin(BinaryOp.EQ, b, JavaExprs.ZERO), atZero, unmasked)));
      }
    }
    if (v.active(1)) {
      Java.Expr b = v.operand(1);
      Java.Expr masked = JavaExprs.bin(BinaryOp.COND_AND, JavaExprs.bin(BinaryOp.EQ, a, JavaExprs.ZERO), JavaExprs.bin(BinaryOp.GE, b, JavaExprs.ZERO));
      out.add(new Partial(1, JavaExprs.cond(masked, JavaExprs.ZERO, JavaExprs.mul(v.self(), JavaExprs.math("log", a)))));
    }
  }

  private static Java.Expr oneMinusSquare(Java.Expr x) {
    return JavaExprs.sub(JavaExprs.ONE, JavaExprs.mul(x, x));
  }
}
