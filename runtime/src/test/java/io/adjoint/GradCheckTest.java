package io.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.GradCheck.Component;
import io.adjoint.GradCheck.Estimate;
import io.adjoint.GradCheck.Report;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** GradCheck passes right gradients, catches wrong ones, and treats kinks and NaN as documented. */
class GradCheckTest {

  /** Rosenbrock's function of n variables: Σ 100·(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)². */
  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      s += 100 * a * a + b * b;
    }
    return s;
  }

  /** Its gradient in closed form. */
  static double[] rosenbrockGradient(double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      g[i] += -400 * a * x[i] - 2 * (1 - x[i]);
      g[i + 1] += 200 * a;
    }
    return g;
  }

  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, 10).boxed();
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void passesTheClosedFormGradientOfRosenbrock(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[6];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble(-3, 3) * Math.pow(10, r.nextInt(-2, 3)); // from 0.01 to 300 in size
    }
    Report report = GradCheck.check(GradCheckTest::rosenbrock, GradCheckTest::rosenbrockGradient, x);
    report.assertPassed();
    assertEquals(6, report.components().size());
    assertTrue(report.components().stream().allMatch(c -> c.estimate() == Estimate.CENTRAL), report::toString);
    assertEquals(rosenbrock(x), report.value());
    assertTrue(report.toString().startsWith("GradCheck passed: 6 components within tolerance"), report::toString);
  }

  @Test
  void theFivePointEstimateIsCloseToExactForAPolynomial() {
    // Exact for polynomials of degree ≤ 4 up to rounding: Rosenbrock is one.
    double[] x = {-1.2, 1.0};
    Report report = GradCheck.check(GradCheckTest::rosenbrock, rosenbrockGradient(x), x);
    for (Component c : report.components()) {
      assertTrue(c.relativeError() < 1e-11, c.toString());
    }
    report.withTolerance(1e-10, 0).assertPassed();
  }

  @Test
  void catchesAWrongComponentAndNamesIt() {
    double[] x = {-1.2, 1.0, 0.7, 0.3};
    ToDoubleFunction<double[]> f = GradCheckTest::rosenbrock;
    Report report = GradCheck.check(f, p -> {
      double[] g = rosenbrockGradient(p);
      g[2] *= 1.001; // a 0.1% error in one component
      return g;
    }, x);
    assertFalse(report.passed());
    assertEquals(List.of(2), report.failures().stream().map(Component::index).toList());
    Component worst = report.worst(1).get(0);
    assertEquals(2, worst.index());
    assertEquals(rosenbrockGradient(x)[2] * 1.001, worst.claimed());
    assertEquals(rosenbrockGradient(x)[2], worst.numeric(), 1e-9);
    String text = report.toString();
    assertTrue(text.startsWith("GradCheck failed: 1 of 4 components outside tolerance (rtol 1.0e-06, atol 1.0e-08)"), text);
    String firstRow = text.lines().toList().get(3);
    assertTrue(firstRow.matches("\\s+2\\s.*central  FAILED"), text);
    AssertionError thrown = assertThrows(AssertionError.class, report::assertPassed);
    assertEquals(text, thrown.getMessage());
    // A looser tolerance judges the same estimates differently.
    assertTrue(report.withTolerance(1e-2, 0).passed());
  }

  @Test
  void aSignErrorInASmallComponentIsCaught() {
    double[] x = {1.0, 1.0 + 1e-7}; // near the minimum: the gradient is small
    double[] g = rosenbrockGradient(x);
    g[0] = -g[0];
    Report report = GradCheck.check(GradCheckTest::rosenbrock, g, x);
    assertEquals(0, report.worst(1).get(0).index(), report::toString);
    assertFalse(report.passed(), report::toString);
  }

  @Test
  void checksTheValueReturnedWithAGradientInto() {
    double[] x = {0.4, -0.9};
    GradCheck.checkInto(GradCheckTest::rosenbrock, (p, g) -> {
      System.arraycopy(rosenbrockGradient(p), 0, g, 0, g.length);
      return rosenbrock(p);
    }, x).assertPassed();
    Report offByOne = GradCheck.checkInto(GradCheckTest::rosenbrock, (p, g) -> {
      System.arraycopy(rosenbrockGradient(p), 0, g, 0, g.length);
      return rosenbrock(p) + 1;
    }, x);
    assertFalse(offByOne.passed());
    assertTrue(offByOne.failures().isEmpty(), "the partials are right");
    assertEquals(rosenbrock(x) + 1, offByOne.claimedValue().getAsDouble());
    assertTrue(offByOne.toString().lines().anyMatch(l -> l.startsWith("f(x) = ") && l.endsWith("FAILED")),
        offByOne::toString);
  }

  @Test
  void checksValueGraphs() {
    GradCheck.checkValue(v -> v[0].mul(v[1]).sin().add(v[2].exp().div(v[0])), 0.3, 0.7, -1.1).assertPassed();
    GradCheck.checkValue(v -> v[0].sigmoid().mul(v[1].tanh()).pow(3.0), 2.0, 0.5).assertPassed();
  }

  @Test
  void rejectsAGradientOfTheWrongLength() {
    assertThrows(IllegalArgumentException.class,
        () -> GradCheck.check(GradCheckTest::rosenbrock, new double[3], 1.0, 2.0));
  }

  // ---- kinks ----

  @Test
  void aKinkAcceptsEitherOneSidedDerivativeOrAnythingBetween() {
    // relu, abs, and a min at a tie, each at its kink; the Value conventions pick 0, 0 and ½.
    Report relu = GradCheck.checkValue(v -> v[0].relu(), 0.0);
    Report abs = GradCheck.checkValue(v -> v[0].abs(), 0.0);
    Report min = GradCheck.checkValue(v -> v[0].min(v[1]), 1.5, 1.5);
    for (Report r : List.of(relu, abs, min)) {
      r.assertPassed();
      assertTrue(r.components().stream().allMatch(c -> c.estimate() == Estimate.KINK), r::toString);
    }
    Component c = abs.components().get(0);
    assertEquals(-1, c.left(), 1e-12);
    assertEquals(1, c.right(), 1e-12);
    assertTrue(abs.toString().contains("kink: left -1.000000000, right 1.000000000"), abs::toString);
    // Outside the one-sided derivatives: wrong.
    assertFalse(GradCheck.check(p -> Math.abs(p[0]), new double[] {1.5}, 0.0).passed());
    assertTrue(GradCheck.check(p -> Math.abs(p[0]), new double[] {1.0}, 0.0).passed());
  }

  @Test
  void aSmoothFunctionWithLargeCurvatureIsNotAKink() {
    for (double x : new double[] {-0.3, 0.0, 0.2, 3.0}) {
      Report r = GradCheck.checkValue(v -> v[0].mul(20).exp().add(v[0].mul(30).sin()), x);
      r.assertPassed();
      assertEquals(Estimate.CENTRAL, r.components().get(0).estimate(), r::toString);
    }
  }

  // ---- NaN and infinities ----

  @Test
  void atADomainBoundaryTheOtherSideIsUsed() {
    // x² for x ≥ 0, NaN for x < 0 (through the square roots); at 0 only the right side is defined.
    ToDoubleFunction<double[]> f = p -> p[0] * p[0] + Math.sqrt(p[0]) - Math.sqrt(p[0]);
    Report right = GradCheck.check(f, new double[] {0.0}, 0.0);
    right.assertPassed();
    assertEquals(Estimate.RIGHT, right.components().get(0).estimate());
    assertFalse(GradCheck.check(f, new double[] {0.01}, 0.0).passed());
    // The mirror image: defined left of 0 only.
    ToDoubleFunction<double[]> g = p -> p[0] * p[0] + Math.sqrt(-p[0]) - Math.sqrt(-p[0]);
    Report left = GradCheck.check(g, new double[] {0.0}, 0.0);
    left.assertPassed();
    assertEquals(Estimate.LEFT, left.components().get(0).estimate());
  }

  @Test
  void noEstimateNeverPasses() {
    Report nanAtX = GradCheck.check(p -> Math.log(p[0]), new double[] {Double.NaN}, -1.0);
    assertFalse(nanAtX.passed());
    assertEquals(Estimate.NONE, nanAtX.components().get(0).estimate());
    assertTrue(nanAtX.toString().contains("none: f(x) is not finite"), nanAtX::toString);

    Report isolated = GradCheck.check(p -> p[0] == 0 ? 0 : Double.NaN, new double[] {0.0}, 0.0);
    assertFalse(isolated.passed());
    assertTrue(isolated.toString().contains("none: f is not finite on either side"), isolated::toString);

    Report infiniteX = GradCheck.check(p -> 1.0, new double[] {0.0}, Double.POSITIVE_INFINITY);
    assertFalse(infiniteX.passed());
    assertTrue(infiniteX.toString().contains("none: x is not finite"), infiniteX::toString);
  }

  @Test
  void aClaimedNaNOrInfinityFails() {
    assertFalse(GradCheck.check(p -> p[0] * p[0], new double[] {Double.NaN}, 1.0).passed());
    assertFalse(GradCheck.check(p -> p[0] * p[0], new double[] {Double.POSITIVE_INFINITY}, 1.0).passed());
    // sqrt′(0) = +∞ (Value's convention) cannot be checked numerically.
    Report sqrt = GradCheck.checkValue(v -> v[0].sqrt(), 0.0);
    assertFalse(sqrt.passed(), sqrt::toString);
    assertEquals(Double.POSITIVE_INFINITY, sqrt.components().get(0).claimed());
  }

  @Test
  void failuresComeFirstInTheReportThenTheClosestCalls() {
    double[] x = new double[12];
    java.util.Arrays.fill(x, 0.5);
    double[] g = rosenbrockGradient(x);
    g[7] += 1;
    g[3] = Double.NaN;
    Report report = GradCheck.check(GradCheckTest::rosenbrock, g, x);
    List<Integer> order = report.worst(3).stream().map(Component::index).toList();
    assertEquals(List.of(3, 7), order.subList(0, 2), report::toString);
    assertTrue(report.toString().contains("(4 more, all better)"), report::toString);
  }

  /** A directional derivative: right along random directions, and a wrong one caught. */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void checksADirectionalDerivative(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = random.doubles(4, -2, 2).toArray();
    double[] v = random.doubles(4, -1, 1).toArray();
    GradCheck.TangentForm right =
        (p, d) -> {
          double[] g = rosenbrockGradient(p);
          double dot = 0;
          for (int i = 0; i < p.length; i++) {
            dot += g[i] * d[i];
          }
          return dot;
        };
    Report report = GradCheck.checkTangent(GradCheckTest::rosenbrock, right, x, v);
    report.assertPassed();
    assertEquals(1, report.components().size());
    GradCheck.TangentForm wrong = (p, d) -> right.apply(p, d) * 1.001 + 1e-3;
    assertFalse(GradCheck.checkTangent(GradCheckTest::rosenbrock, wrong, x, v).passed());
    assertThrows(IllegalArgumentException.class, () -> GradCheck.checkTangent(GradCheckTest::rosenbrock, right, x, new double[3]));
  }

  /** Rosenbrock's Hessian in closed form. */
  static double[][] rosenbrockHessian(double[] x) {
    int n = x.length;
    double[][] h = new double[n][n];
    for (int i = 0; i + 1 < n; i++) {
      h[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
      h[i][i + 1] += -400 * x[i];
      h[i + 1][i] += -400 * x[i];
      h[i + 1][i + 1] += 200;
    }
    return h;
  }

  /** A function of 3 inputs with 2 outputs, and its Jacobian in closed form. */
  static double[] polar(double[] x) {
    return new double[] {x[0] * Math.cos(x[1]) + x[2], x[0] * Math.sin(x[1]) * x[2]};
  }

  static double[][] polarJacobian(double[] x) {
    return new double[][] {
      {Math.cos(x[1]), -x[0] * Math.sin(x[1]), 1},
      {Math.sin(x[1]) * x[2], x[0] * Math.cos(x[1]) * x[2], x[0] * Math.sin(x[1])}
    };
  }

  @Test
  void checksAJacobianEntryByEntry() {
    double[] x = {1.3, 0.7, -0.4};
    Report report = GradCheck.checkJacobian(GradCheckTest::polar, GradCheckTest::polarJacobian, x);
    report.assertPassed();
    assertEquals(6, report.components().size());
    Report wrong =
        GradCheck.checkJacobian(
            GradCheckTest::polar,
            p -> {
              double[][] j = polarJacobian(p);
              j[1][2] *= 1.001;
              return j;
            },
            x);
    assertFalse(wrong.passed());
    assertEquals(List.of(1 * 3 + 2), wrong.failures().stream().map(Component::index).toList());
    assertTrue(wrong.toString().contains("1,2"), wrong::toString);
    assertThrows(IllegalArgumentException.class, () -> GradCheck.checkJacobian(GradCheckTest::polar, p -> new double[1][3], x));
  }

  @Test
  void checksAHessianAgainstDifferencesOfTheGradient() {
    double[] x = {-1.2, 1.0, 0.8, 1.5};
    GradCheck.checkHessian(GradCheckTest::rosenbrockGradient, GradCheckTest::rosenbrockHessian, x).assertPassed();
    Report wrong =
        GradCheck.checkHessian(
            GradCheckTest::rosenbrockGradient,
            p -> {
              double[][] h = rosenbrockHessian(p);
              h[2][1] += 1e-3;
              return h;
            },
            x);
    assertEquals(List.of(2 * 4 + 1), wrong.failures().stream().map(Component::index).toList());
  }

  @Test
  void checksAHessianVectorProduct() {
    double[] x = {-1.2, 1.0, 0.8};
    double[] v = {0.3, -0.9, 0.5};
    java.util.function.BiFunction<double[], double[], double[]> right =
        (p, d) -> {
          double[][] h = rosenbrockHessian(p);
          double[] hv = new double[p.length];
          for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < p.length; k++) {
              hv[i] += h[i][k] * d[k];
            }
          }
          return hv;
        };
    Report report = GradCheck.checkHessianVector(GradCheckTest::rosenbrockGradient, right, x, v);
    report.assertPassed();
    assertEquals(3, report.components().size());
    java.util.function.BiFunction<double[], double[], double[]> transposedDirection =
        (p, d) -> right.apply(p, new double[] {d[1], d[0], d[2]});
    assertFalse(GradCheck.checkHessianVector(GradCheckTest::rosenbrockGradient, transposedDirection, x, v).passed());
    assertThrows(
        IllegalArgumentException.class,
        () -> GradCheck.checkHessianVector(GradCheckTest::rosenbrockGradient, right, x, new double[2]));
  }
}
