package io.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.samples.gmm.GmmGradients;
import io.adjoint.samples.gmm.GmmInput;
import io.adjoint.samples.mlp.PerceptronGradients;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every alternative the benchmarks time computes the same gradient as the generated code: the
 * {@code Value} tape, Commons Math's {@code DerivativeStructure} and {@code SparseGradient}, central
 * finite differences, and the hand-written gradients of the loops. Errors are measured as ADBench does,
 * |a − b| / max(1, |a| + |b|): below 1e-12 for the exact methods, 1e-7 for finite differences.
 */
class AlternativesTest {
  private static final long SEED = 7;
  private static final double EXACT = 1e-12;
  private static final double FINITE = 1e-7;

  /** An objective's value and gradient, written into {@code out}, by one method. */
  interface Gradient {
    double apply(double[] out);
  }

  private static void assertAgrees(
      String what, Gradient expected, Gradient actual, int parameters, double tolerance) {
    double[] e = new double[parameters];
    double[] a = new double[parameters];
    double ev = expected.apply(e);
    double av = actual.apply(a);
    assertTrue(error(ev, av) <= tolerance, () -> what + ": value " + av + ", expected " + ev);
    for (int i = 0; i < parameters; i++) {
      int index = i;
      assertTrue(
          error(e[i], a[i]) <= tolerance,
          () -> what + ": ∂" + index + " = " + a[index] + ", expected " + e[index]);
    }
  }

  private static double error(double a, double b) {
    return Math.abs(a - b) / Math.max(1, Math.abs(a) + Math.abs(b));
  }

  /** The alternatives that must agree with {@code generated} exactly (up to rounding). */
  private static void assertAllAgree(
      String objective,
      Gradient generated,
      int parameters,
      Gradient value,
      Gradient derivativeStructure,
      Gradient sparseGradient,
      Gradient finiteDifferences) {
    assertAgrees(objective + " Value", generated, value, parameters, EXACT);
    assertAgrees(objective + " DerivativeStructure", generated, derivativeStructure, parameters, EXACT);
    assertAgrees(objective + " SparseGradient", generated, sparseGradient, parameters, EXACT);
    assertAgrees(objective + " finite differences", generated, finiteDifferences, parameters, FINITE);
  }

  static Stream<double[]> points() {
    SplittableRandom random = new SplittableRandom(SEED);
    return IntStream.range(0, 10).mapToObj(i -> random.doubles(5, -2, 2).toArray());
  }

  @ParameterizedTest(name = "seed " + SEED + ", point {index}")
  @MethodSource("points")
  void neuron(double[] p) {
    var ds = ForwardMode.derivativeStructure(3);
    var sg = ForwardMode.sparseGradient(3);
    assertAllAgree(
        "neuron",
        out -> ObjectivesGradients.neuronInto(p[0], p[1], p[2], p[3], p[4], out),
        3,
        out -> ValueObjectives.neuron(p[0], p[1], p[2], p[3], p[4], out),
        out -> ForwardMode.neuron(ds, p[0], p[1], p[2], p[3], p[4], out),
        out -> ForwardMode.neuron(sg, p[0], p[1], p[2], p[3], p[4], out),
        out -> FiniteDifferences.neuron(p[0], p[1], p[2], p[3], p[4], out));
  }

  @ParameterizedTest(name = "seed " + SEED + ", point {index}")
  @MethodSource("points")
  void rosenbrock(double[] p) {
    var ds = ForwardMode.derivativeStructure(2);
    var sg = ForwardMode.sparseGradient(2);
    assertAllAgree(
        "rosenbrock",
        out -> ObjectivesGradients.rosenbrockInto(p[0], p[1], out),
        2,
        out -> ValueObjectives.rosenbrock(p[0], p[1], out),
        out -> ForwardMode.rosenbrock(ds, p[0], p[1], out),
        out -> ForwardMode.rosenbrock(sg, p[0], p[1], out),
        out -> FiniteDifferences.rosenbrock(p[0], p[1], out));
  }

  @ParameterizedTest(name = "seed " + SEED + ", point {index}")
  @MethodSource("points")
  void twenty(double[] p) {
    var ds = ForwardMode.derivativeStructure(3);
    var sg = ForwardMode.sparseGradient(3);
    assertAllAgree(
        "twenty",
        out -> ObjectivesGradients.twentyInto(p[0], p[1], p[2], out),
        3,
        out -> ValueObjectives.twenty(p[0], p[1], p[2], out),
        out -> ForwardMode.twenty(ds, p[0], p[1], p[2], out),
        out -> ForwardMode.twenty(sg, p[0], p[1], p[2], out),
        out -> FiniteDifferences.twenty(p[0], p[1], p[2], out));
  }

  @ParameterizedTest(name = "n = {0}, seed " + SEED)
  @ValueSource(ints = {2, 3, 10, 100})
  void rosenbrockN(int n) {
    double[] x = new SplittableRandom(SEED + n).doubles(n, -2, 2).toArray();
    double[] copy = x.clone();
    Gradient generated = out -> ObjectivesGradients.rosenbrockNInto(x, out);
    assertAllAgree(
        "rosenbrockN",
        generated,
        n,
        out -> ValueObjectives.rosenbrockN(x, out),
        out -> ForwardMode.rosenbrockN(ForwardMode.derivativeStructure(n), x, out),
        out -> ForwardMode.rosenbrockN(ForwardMode.sparseGradient(n), x, out),
        out -> FiniteDifferences.rosenbrockN(x, out));
    assertAgrees("rosenbrockN hand-written", generated, out -> HandWritten.rosenbrockN(x, out), n, EXACT);
    assertAgrees(
        "rosenbrockN SparseGradient, plain add",
        generated,
        out -> ForwardMode.rosenbrockNPlainAdd(ForwardMode.sparseGradient(n), x, out),
        n,
        EXACT);
    assertAgrees(
        "rosenbrockN record",
        generated,
        out -> {
          var g = ObjectivesGradients.rosenbrockN(x);
          System.arraycopy(g.x(), 0, out, 0, n);
          return g.value();
        },
        n,
        0);
    assertEquals(Arrays.toString(copy), Arrays.toString(x), "x restored");
  }

  @Test
  void rosenbrockNAgreesWithTheTwoDimensionalOne() {
    double[] out = new double[2];
    double value = HandWritten.rosenbrockN(new double[] {-1.2, 1.1}, out);
    var g = ObjectivesGradients.rosenbrock(-1.2, 1.1);
    assertEquals(g.value(), value, 1e-12);
    assertEquals(g.x(), out[0], 1e-12);
    assertEquals(g.y(), out[1], 1e-12);
  }

  @Test
  void dot() {
    SplittableRandom random = new SplittableRandom(SEED);
    double[] a = random.doubles(50, -1, 1).toArray();
    double[] b = random.doubles(50, -1, 1).toArray();
    Gradient generated = out -> ObjectivesGradients.dotInto(a, b, out);
    assertAgrees("dot hand-written", generated, out -> HandWritten.dot(a, b, out), 100, EXACT);
    assertAgrees("dot Value", generated, out -> ValueObjectives.dot(a, b, out), 100, EXACT);
    assertAgrees("dot finite differences", generated, out -> FiniteDifferences.dot(a, b, out), 100, FINITE);
  }

  /** On the smallest ADBench input, which keeps finite differences and forward mode fast. */
  @Test
  void gmm() {
    GmmInput in = GmmInput.resource("gmm_d2_K5.txt");
    int p = in.parameterCount();
    assertAllAgree(
        "gmm",
        out ->
            GmmGradients.objectiveInto(
                in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM(), out),
        p,
        out -> ValueObjectives.gmm(in, out),
        out -> ForwardMode.gmm(ForwardMode.derivativeStructure(p), in, out),
        out -> ForwardMode.gmm(ForwardMode.sparseGradient(p), in, out),
        out -> FiniteDifferences.gmm(in, out));
  }

  @Test
  void mlp() {
    MlpInput in = MlpInput.twoMoons();
    int p = in.parameterCount();
    assertAllAgree(
        "mlp",
        out ->
            PerceptronGradients.lossInto(
                in.w1(), in.b1(), in.w2(), in.b2(), in.w3(), in.b3(), in.x(), in.y(), out),
        p,
        out -> ValueObjectives.mlp(in, out),
        out -> ForwardMode.mlp(ForwardMode.derivativeStructure(p), in, out),
        out -> ForwardMode.mlp(ForwardMode.sparseGradient(p), in, out),
        out -> FiniteDifferences.mlp(in, out));
  }
}
