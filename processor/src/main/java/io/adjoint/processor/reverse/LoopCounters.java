package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.MathFunction;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.ssa.Node;
import io.adjoint.processor.ssa.Scope;
import io.adjoint.processor.ssa.SsaProgram;
import io.adjoint.processor.ssa.SsaStatement;
import io.adjoint.processor.ssa.SsaValue;
import java.util.List;

/**
 * What the reverse sweep can compute of a loop instead of reading it from the tape: a counter's value
 * in any iteration, from the iteration's number, and a counted loop's number of iterations.
 */
final class LoopCounters {
  private LoopCounters() {}

  /**
   * The step of a loop counter: an int header that the body sets only by {@code h = h + step} or {@code
   * h = h - step} ({@code i--}: a negative step) with a literal step, in a loop without break. Its value
   * in any iteration follows from the iteration's number, so the tape need not keep it. Null for any
   * other header.
   */
  static Java.Expr counter(SsaStatement.Loop l, SsaValue h) {
    if (h.type != Type.INT && h.type != Type.LONG) {
      return null;
    }
    SsaValue last = null;
    for (SsaStatement f : l.copyBacks()) {
      SsaStatement.Def d = (SsaStatement.Def) f;
      if (d.target() == h && d.expr() instanceof Node.Ref r) {
        last = r.val();
      }
    }
    if (last == null || breaks(l)) {
      return null;
    }
    int defs = 0;
    Java.Expr step = null;
    for (SsaStatement f : l.body()) {
      if (f instanceof SsaStatement.Group g) {
        for (SsaStatement part : g.parts()) {
          if (part instanceof SsaStatement.Def d && d.target() == last
              && d.expr() instanceof Node.Binary b
              && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
              && b.left() instanceof Node.Ref r
              && r.val() == h
              && b.right() instanceof Node.Literal lit) {
            step = b.op() == BinaryOp.ADD ? JavaExprs.lit(lit.text()) : JavaExprs.neg(JavaExprs.lit(lit.text()));
          }
        }
      }
    }
    // the last value must be defined at the body's top level, once: no branch sets it another way
    for (SsaStatement f : l.body()) {
      if (f instanceof SsaStatement.Group g) {
        for (SsaStatement part : g.parts()) {
          if (part instanceof SsaStatement.Def d && d.target() == last) {
            defs++;
          }
        }
      }
    }
    return defs == 1 ? step : null;
  }

  /**
   * {@code step × n}, written {@code -(2 * n)} rather than {@code -2 * n} for a negative step, so that
   * adding or subtracting it reads {@code a - 2 * n} or {@code a + 2 * n}.
   */
  static Java.Expr times(Java.Expr step, Java.Expr n) {
    return JavaExprs.numeric(step) < 0
        ? JavaExprs.neg(JavaExprs.mul(JavaExprs.neg(step), n))
        : JavaExprs.mul(step, n);
  }

  /**
   * The number of iterations of a counted loop, {@code for (h = init; h < bound; h++)} or {@code for (h
   * = init; h > bound; h--)}, with a bound the loop does not change, as an expression of values the
   * reverse sweep has: max(0, bound − init) or max(0, init − bound), plus one for {@code <=} and {@code
   * >=}. Null for other loops, whose count the tape keeps.
   */
  static Node tripCount(SsaStatement.Loop l) {
    if (l.testAfter() || !(l.condition() instanceof Node.Binary c) || !(c.left() instanceof Node.Ref r)) {
      return null;
    }
    boolean upwards = c.op() == BinaryOp.LT || c.op() == BinaryOp.LE;
    boolean downwards = c.op() == BinaryOp.GT || c.op() == BinaryOp.GE;
    int i = l.headers().indexOf(r.val());
    if (!(upwards || downwards) || i < 0 || c.left().type() != Type.INT || c.right().type() != Type.INT) {
      return null;
    }
    Java.Expr step = counter(l, r.val());
    if (step == null || !(upwards ? JavaExprs.isOne(step) : JavaExprs.isMinusOne(step))
        || !invariant(c.right(), l)) {
      return null;
    }
    Node init = l.inits().get(i);
    Node from = upwards ? init : c.right();
    Node to = upwards ? c.right() : init;
    Node span = isZero(from) ? to : new Node.Binary(BinaryOp.SUB, to, from, Type.INT, false);
    if (c.op() == BinaryOp.LE || c.op() == BinaryOp.GE) {
      span = new Node.Binary(BinaryOp.ADD, span, new Node.Literal(Type.INT, "1"), Type.INT, false);
    }
    return new Node.MathCall(
        MathFunction.MAX, false, List.of(new Node.Literal(Type.INT, "0"), span), Type.INT, false);
  }

  /** Whether {@code n} is the literal 0, or a value that is always 0. */
  private static boolean isZero(Node n) {
    return (n instanceof Node.Literal z && JavaExprs.isZero(JavaExprs.lit(z.text())))
        || (n instanceof Node.Ref z0 && z0.val().resolve().literal() != null && !z0.val().resolve().multi()
            && JavaExprs.isZero(JavaExprs.lit(z0.val().resolve().literal())));
  }

  /**
   * How an int the loop carries advances in each iteration by what an inner loop added to it: GMM's
   * column start {@code l}, which each row's inner loop steps once per entry. The reverse sweep, running
   * the iterations last first, then has the value an iteration started with from the one the next
   * iteration started with (the loop's final value, for the last): that value less {@code step} times
   * the inner loop's trip count, which it can compute, so the tape need not keep it.
   *
   * @param step the inner loop's step of the int, a literal
   * @param tripCount the inner loop's number of iterations, from values the iteration has when it starts
   */
  record Advance(Java.Expr step, Node tripCount) {}

  /**
   * How header {@code h} of {@code l} advances (see {@link Advance}): the body sets it only by {@code h =
   * x} at the end of the iteration, x the final value of a counter of a loop at the body's top level that
   * starts at {@code h} and whose trip count {@link #tripCount} knows. Null for any other header, and in
   * a loop with break, whose last iteration may stop before the inner loop.
   */
  static Advance advance(SsaStatement.Loop l, SsaValue h) {
    if ((h.type != Type.INT && h.type != Type.LONG) || h.active() || breaks(l)) {
      return null;
    }
    SsaValue last = null;
    int sets = 0;
    for (SsaStatement f : l.copyBacks()) {
      SsaStatement.Def d = (SsaStatement.Def) f;
      if (d.target() == h) {
        sets++;
        last = d.expr() instanceof Node.Ref r ? r.val() : null;
      }
    }
    if (sets != 1 || last == null) {
      return null;
    }
    for (SsaStatement f : l.body()) {
      if (f instanceof SsaStatement.Loop inner) {
        int i = inner.headers().indexOf(last);
        if (i >= 0 && inner.inits().get(i) instanceof Node.Ref start && start.val().resolve() == h.resolve()) {
          Java.Expr step = counter(inner, last);
          Node trips = tripCount(inner);
          return step == null || trips == null ? null : new Advance(step, trips);
        }
      }
    }
    return null;
  }

  /** Whether loop {@code l} has a break (the normalizer's flag is one of its headers). */
  private static boolean breaks(SsaStatement.Loop l) {
    return l.headers().stream().anyMatch(x -> x.base.startsWith("broke"));
  }

  /** Whether a loop leaves an expression's value unchanged: it reads no value the loop sets. */
  private static boolean invariant(Node n, SsaStatement.Loop l) {
    if (n instanceof Node.Literal) {
      return true;
    }
    if (n instanceof Node.Length len) {
      return len.array() instanceof Node.Ref;
    }
    if (n instanceof Node.Ref r) {
      SsaValue v = r.val().resolve();
      return !l.headers().contains(v) && !v.scope.within(l.scope());
    }
    if (n instanceof Node.Binary b) {
      return b.op().isArithmetic() && invariant(b.left(), l) && invariant(b.right(), l);
    }
    return false;
  }
}
