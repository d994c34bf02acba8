package io.adjoint.processor.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.UnaryOp;
import io.adjoint.processor.lower.LoweredMethods;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.ssa.Node;
import io.adjoint.processor.ssa.Normalized;
import io.adjoint.processor.ssa.SsaProgram;
import io.adjoint.processor.ssa.SsaStatement;
import io.adjoint.processor.ssa.SsaValue;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which loops {@link Fusion} fuses, a table of cases: each method is lowered and put into SSA form as
 * {@link Generator} does, and the first loop of its body is given to {@link Fusion#exitAdjoints}, which
 * names the accumulators of a loop it fuses with the coefficient of each in the result, and gives null for
 * a loop it does not fuse.
 */
class FusionTest {
  private static final Java.Expr ONE = JavaExprs.ONE;

  static Stream<Arguments> fused() {
    return Stream.of(
        Arguments.of(
            "a dot product",
            "double s = 0; for (int i = 0; i < x.length; i++) { s += x[i] * y[i]; } return s;",
            Map.of("s", ONE)),
        Arguments.of(
            "s = s - term, returned times a constant",
            "double s = 0; for (int i = 0; i < x.length; i++) { s = s - x[i] * x[i]; } return 2.0 * s;",
            Map.of("s", JavaExprs.lit("2.0"))),
        Arguments.of(
            "returned divided by a value known before the loop",
            "double s = 0; for (int i = 0; i < x.length; i++) { s += x[i]; } return s / y[0];",
            Map.of("s", new Java.Binary(BinaryOp.DIV, ONE, new Java.ArrayRead(name("y"), JavaExprs.lit("0"))))),
        Arguments.of(
            "returned negated",
            "double s = 0; for (int i = 0; i < x.length; i++) { s += x[i]; } return -s;",
            Map.of("s", JavaExprs.lit("-1.0"))),
        Arguments.of(
            "two accumulators, their difference",
            "double s = 0; double t = 0;"
                + " for (int i = 0; i < x.length; i++) { s += x[i]; t += y[i] * y[i]; } return s - t;",
            Map.of("s", ONE, "t", JavaExprs.lit("-1.0"))),
        Arguments.of(
            "an accumulator that only some iterations add to",
            "double s = 0; for (int i = 0; i < x.length; i++) { if (x[i] > 0) { s += x[i]; } } return s;",
            Map.of("s", ONE)),
        Arguments.of(
            "an accumulator the result does not use",
            "double s = 0; for (int i = 0; i < x.length; i++) { s += x[i]; } return y[0];",
            Map.of("s", JavaExprs.ZERO)),
        Arguments.of(
            "an entry stored and read in the same iteration",
            "double[] r = new double[x.length]; double s = 0;"
                + " for (int i = 0; i < x.length; i++) { r[i] = x[i] * x[i]; s += r[i]; } return s;",
            Map.of("s", ONE)),
        Arguments.of(
            "a nested reduction: a dot product in each iteration",
            "double s = 0; for (int i = 0; i < x.length; i++) { double z = 0;"
                + " for (int j = 0; j < y.length; j++) { z += x[i] * y[j]; } s += Math.log1p(Math.exp(z)); }"
                + " return s;",
            Map.of("s", ONE)),
        Arguments.of(
            "a scratch array each iteration fills before reading it",
            "double[] c = new double[y.length]; double s = 0; for (int i = 0; i < x.length; i++) {"
                + " for (int j = 0; j < y.length; j++) { c[j] = x[i] - y[j]; c[j] = c[j] * c[j]; }"
                + " for (int j = 1; j < c.length; j++) { c[j] += c[j - 1]; }"
                + " s += c[c.length - 1]; } return s;",
            Map.of("s", ONE)),
        Arguments.of(
            "a scratch array filled in both branches of an if",
            "double[] c = new double[y.length]; double s = 0; for (int i = 0; i < x.length; i++) {"
                + " if (x[i] > 0) { for (int j = 0; j < c.length; j++) { c[j] = x[i] * y[j]; } }"
                + " else { for (int j = 0; j < c.length; j++) { c[j] = y[j]; } }"
                + " s += c[0]; } return s;",
            Map.of("s", ONE)),
        Arguments.of(
            "a loop after it that reads no accumulator",
            "double s = 0; for (int i = 0; i < x.length; i++) { s += x[i]; }"
                + " double t = 0; for (int j = 0; j < y.length; j++) { t += Math.sin(y[j]); } return s * 3.0 + t;",
            Map.of("s", JavaExprs.lit("3.0"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void fused(String name, String body, Map<String, Java.Expr> coefficients) {
    assertEquals(coefficients, exitAdjoints(body));
  }

  static Stream<Arguments> notFused() {
    return Stream.of(
        Arguments.of(
            "a product, not a sum",
            "double p = 1; for (int i = 0; i < x.length; i++) { p = p * x[i]; } return p;"),
        Arguments.of(
            "the accumulator read by a term",
            "double s = 1; for (int i = 0; i < x.length; i++) { s = s + s * x[i]; } return s;"),
        Arguments.of(
            "the result not affine in the accumulator",
            "double s = 0; for (int i = 0; i < x.length; i++) { s += x[i]; } return s * s;"),
        Arguments.of(
            "the result a product of two accumulators",
            "double s = 0; double t = 0;"
                + " for (int i = 0; i < x.length; i++) { s += x[i]; t += y[i]; } return s * t;"),
        Arguments.of(
            "a function of the accumulator after the loop",
            "double s = 0; for (int i = 0; i < x.length; i++) { s += x[i]; } double k = Math.sin(s); return k + s;"),
        Arguments.of(
            "scaled by a value computed after the loop",
            "double s = 0; for (int i = 0; i < x.length; i++) { s += x[i]; } double k = Math.sin(y[0]); return k * s;"),
        Arguments.of(
            "an entry another iteration stored",
            "double[] r = new double[x.length + 1]; double s = 0;"
                + " for (int i = 0; i < x.length; i++) { r[i + 1] = x[i] * r[i]; s += r[i]; } return s;"),
        Arguments.of(
            "an array read before the iteration fills it",
            "double[] c = new double[y.length]; double s = 0; for (int i = 0; i < x.length; i++) {"
                + " s += c[0] * x[i]; for (int j = 0; j < c.length; j++) { c[j] = x[i] * y[j]; } } return s;"),
        Arguments.of(
            "an array filled in one branch of an if only",
            "double[] c = new double[y.length]; double s = 0; for (int i = 0; i < x.length; i++) {"
                + " if (x[i] > 0) { for (int j = 0; j < c.length; j++) { c[j] = x[i] * y[j]; } }"
                + " s += c[0]; } return s;"),
        Arguments.of(
            "an array filled up to another bound than its length",
            "double[] c = new double[y.length]; double s = 0; for (int i = 0; i < x.length; i++) {"
                + " for (int j = 0; j < x.length; j++) { c[j] = x[i] * x[j]; } s += c[0]; } return s;"),
        Arguments.of(
            "an array filled under an if in its loop",
            "double[] c = new double[y.length]; double s = 0; for (int i = 0; i < x.length; i++) {"
                + " for (int j = 0; j < c.length; j++) { if (y[j] > 0) { c[j] = x[i] * y[j]; } } s += c[0]; }"
                + " return s;"),
        Arguments.of(
            "an entry added to before it is stored",
            "double[] c = new double[y.length]; double s = 0; for (int i = 0; i < x.length; i++) {"
                + " c[0] += x[i]; s += c[0]; } return s;"),
        Arguments.of(
            "an array the loop stores into read after it",
            "double[] c = new double[y.length]; double s = 0; for (int i = 0; i < x.length; i++) {"
                + " for (int j = 0; j < c.length; j++) { c[j] = x[i] * y[j]; } s += c[0]; } return s + c[1];"),
        Arguments.of(
            "an array the loop reads stored into after it",
            "double[] c = new double[y.length]; c[0] = y[0]; double s = 0;"
                + " for (int i = 0; i < x.length; i++) { s += c[0] * x[i]; } c[0] = y[1]; return s + c[0];"),
        Arguments.of(
            "a loop after it that reads the accumulator",
            "double s = 0; for (int i = 0; i < x.length; i++) { s += x[i]; }"
                + " double t = 0; for (int j = 0; j < y.length; j++) { t += s * y[j]; } return t;"),
        Arguments.of(
            "the accumulator added to in an inner loop",
            "double s = 0; for (int i = 0; i < x.length; i++) {"
                + " for (int j = 0; j < y.length; j++) { s += x[i] * y[j]; } } return s;"),
        Arguments.of(
            "a variable the inner loop sets carried on",
            "double s = 0; int m = 0; for (int i = 0; i < x.length; i++) {"
                + " for (int j = 0; j < i; j++) { m++; } s += x[i] * m; } return s;"),
        Arguments.of(
            "a store into an array after the loop",
            "double[] r = new double[1]; double s = 0;"
                + " for (int i = 0; i < x.length; i++) { s += x[i]; } r[0] = s; return r[0];"),
        Arguments.of(
            "no active variable carried",
            "int k = 0; for (int i = 0; i < x.length; i++) { k += 2; } return k * x[0];"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void notFused(String name, String body) {
    assertNull(exitAdjoints(body));
  }

  /**
   * What Fusion says of the first top-level loop of {@code double f(double[] x, double[] y)} with this
   * body: its accumulators by name, each with its coefficient; null when it does not fuse the loop.
   */
  private static Map<String, Java.Expr> exitAdjoints(String body) {
    String source = "@Differentiable static double f(double[] x, double[] y) { " + body + " }";
    SsaProgram ssa = SsaProgram.of(Normalized.of(LoweredMethods.lower(source, "f")).function(), Rules.DIFFERENTIATION);
    for (int k = 0; k < ssa.body().size(); k++) {
      if (ssa.body().get(k) instanceof SsaStatement.Loop loop) {
        Set<SsaValue> before = new HashSet<>(ssa.params());
        for (SsaStatement f : ssa.body().subList(0, k)) {
          definedBy(f, before);
        }
        Map<SsaValue, Java.Expr> exits =
            Fusion.exitAdjoints(
                loop, ssa.body().subList(k + 1, ssa.body().size()), ssa.result(), before::contains, FusionTest::java,
                ScratchArrays.definitions(ssa.body())::get);
        if (exits == null) {
          return null;
        }
        Map<String, Java.Expr> byName = new LinkedHashMap<>();
        exits.forEach((v, c) -> byName.put(v.base, c));
        return byName;
      }
    }
    throw new AssertionError("no loop at the top of " + body);
  }

  /** The values a top-level statement before the loop defines, as the emitter has them when it fuses. */
  private static void definedBy(SsaStatement f, Set<SsaValue> out) {
    if (f instanceof SsaStatement.Group g) {
      for (SsaStatement part : g.parts()) {
        if (part instanceof SsaStatement.Def d) {
          out.add(d.target().resolve());
        }
      }
    }
  }

  /** The Java of a node known before the loop: enough of the emitter's for the cases above. */
  private static Java.Expr java(Node n) {
    if (n instanceof Node.Literal l) {
      return JavaExprs.lit(l.text());
    }
    if (n instanceof Node.Ref r) {
      return name(r.val().resolve().base);
    }
    if (n instanceof Node.ArrayRead a) {
      return new Java.ArrayRead(java(a.array()), java(a.index()));
    }
    if (n instanceof Node.Cast c) {
      return new Java.Cast(c.type(), java(c.operand()));
    }
    if (n instanceof Node.Binary b) {
      return new Java.Binary(b.op(), java(b.left()), java(b.right()));
    }
    if (n instanceof Node.Unary u && u.op() == UnaryOp.NEG) {
      return JavaExprs.neg(java(u.operand()));
    }
    throw new AssertionError("not expected in a coefficient: " + n);
  }

  private static Java.Expr name(String name) {
    return JavaExprs.name(name);
  }
}
