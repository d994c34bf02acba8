package io.adjoint.samples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.Value;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Custom derivatives and Value interop, each against an independent oracle: central differences, and the
 * same function written with {@code Value}'s own operations.
 */
class InteropTest {
  private static final long SEED = 2026;

  static Stream<double[]> points() {
    SplittableRandom random = new SplittableRandom(SEED);
    return IntStream.range(0, 25).mapToObj(i -> random.doubles(3, -4, 4).toArray());
  }

  private static double central(ToDoubleFunction<double[]> f, double[] p, int i) {
    double h = 1e-5 * Math.max(1, Math.abs(p[i]));
    double[] up = p.clone();
    double[] down = p.clone();
    up[i] += h;
    down[i] -= h;
    return (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * h);
  }

  private static void assertClose(double expected, double actual, double relative) {
    assertEquals(expected, actual, relative * Math.max(1, Math.abs(expected)));
  }

  @ParameterizedTest(name = "seed " + SEED + ", point {index}")
  @MethodSource("points")
  void customDerivativesAgreeWithFiniteDifferences(double[] p) {
    var robust = LossesGradients.robust(p[0], p[1]);
    ToDoubleFunction<double[]> r = q -> Losses.robust(q[0], q[1]);
    assertEquals(Losses.robust(p[0], p[1]), robust.value());
    assertClose(central(r, p, 0), robust.prediction(), 1e-7);
    assertClose(central(r, p, 1), robust.target(), 1e-7);

    var mixed = LossesGradients.mixed(p[0], p[1], p[2]);
    ToDoubleFunction<double[]> m = q -> Losses.mixed(q[0], q[1], q[2]);
    assertEquals(Losses.mixed(p[0], p[1], p[2]), mixed.value());
    assertClose(central(m, p, 0), mixed.w(), 1e-7);
    assertClose(central(m, p, 1), mixed.x(), 1e-7);
    assertClose(central(m, p, 2), mixed.y(), 1e-7);
  }

  /** The generated gradient as one node of a Value graph, against the graph built from Value's operations. */
  @ParameterizedTest(name = "seed " + SEED + ", point {index}")
  @MethodSource("points")
  void generatedNodeInAValueGraph(double[] p) {
    // loss = robust(a·b, c) · a + tanh(robust(c, b))
    Value a = new Value(p[0]);
    Value b = new Value(p[1]);
    Value c = new Value(p[2]);
    Value loss = LossesGradients.robust(a.mul(b), c).mul(a).add(LossesGradients.robust(c, b).tanh());
    loss.backward();

    Value a2 = new Value(p[0]);
    Value b2 = new Value(p[1]);
    Value c2 = new Value(p[2]);
    Value loss2 = logCosh(a2.mul(b2).sub(c2)).mul(a2).add(logCosh(c2.sub(b2)).tanh());
    loss2.backward();

    assertClose(loss2.data(), loss.data(), 1e-12);
    assertClose(a2.grad(), a.grad(), 1e-10);
    assertClose(b2.grad(), b.grad(), 1e-10);
    assertClose(c2.grad(), c.grad(), 1e-10);
  }

  /** log(cosh r) with Value's operations: log((eʳ + e⁻ʳ) / 2); fine for the |r| < 20 used here. */
  private static Value logCosh(Value r) {
    return r.exp().add(r.neg().exp()).mul(0.5).log();
  }
}
