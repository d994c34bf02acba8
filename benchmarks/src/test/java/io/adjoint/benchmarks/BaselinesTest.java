package io.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The benchmarks compare generated gradients with hand-written ones; both must be right. Each is checked
 * against central finite differences, and against each other.
 */
class BaselinesTest {
  private static final long SEED = 7;

  static Stream<double[]> points() {
    SplittableRandom random = new SplittableRandom(SEED);
    return IntStream.range(0, 20).mapToObj(i -> random.doubles(5, -2, 2).toArray());
  }

  private static double central(ToDoubleFunction<double[]> f, double[] p, int i) {
    double h = 1e-6 * Math.max(1, Math.abs(p[i]));
    double[] up = p.clone();
    double[] down = p.clone();
    up[i] += h;
    down[i] -= h;
    return (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * h);
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), what);
  }

  @ParameterizedTest(name = "seed " + SEED + ", point {index}")
  @MethodSource("points")
  void neuron(double[] p) {
    double[] hand = new double[3];
    double value = HandWritten.neuron(p[0], p[1], p[2], p[3], p[4], hand);
    var generated = ObjectivesGradients.neuron(p[0], p[1], p[2], p[3], p[4]);
    ToDoubleFunction<double[]> f = q -> Objectives.neuron(q[0], q[1], q[2], q[3], q[4]);
    assertEquals(Objectives.neuron(p[0], p[1], p[2], p[3], p[4]), value, 1e-15);
    double[] gen = {generated.w1(), generated.w2(), generated.b()};
    for (int i = 0; i < 3; i++) {
      assertClose(central(f, p, i), hand[i], "hand-written ∂" + i);
      assertEquals(hand[i], gen[i], 1e-14, "generated ∂" + i);
    }
  }

  @ParameterizedTest(name = "seed " + SEED + ", point {index}")
  @MethodSource("points")
  void rosenbrock(double[] p) {
    double[] hand = new double[2];
    HandWritten.rosenbrock(p[0], p[1], hand);
    var generated = ObjectivesGradients.rosenbrock(p[0], p[1]);
    ToDoubleFunction<double[]> f = q -> Objectives.rosenbrock(q[0], q[1]);
    double[] gen = {generated.x(), generated.y()};
    for (int i = 0; i < 2; i++) {
      assertClose(central(f, p, i), hand[i], "hand-written ∂" + i);
      assertEquals(hand[i], gen[i], 1e-9 * Math.max(1, Math.abs(hand[i])), "generated ∂" + i);
    }
  }

  @ParameterizedTest(name = "seed " + SEED + ", point {index}")
  @MethodSource("points")
  void twenty(double[] p) {
    double[] hand = new double[3];
    double value = HandWritten.twenty(p[0], p[1], p[2], hand);
    var generated = ObjectivesGradients.twenty(p[0], p[1], p[2]);
    ToDoubleFunction<double[]> f = q -> Objectives.twenty(q[0], q[1], q[2]);
    assertEquals(Objectives.twenty(p[0], p[1], p[2]), value, 1e-12);
    double[] gen = {generated.x(), generated.y(), generated.z()};
    for (int i = 0; i < 3; i++) {
      assertClose(central(f, p, i), hand[i], "hand-written ∂" + i);
      assertEquals(hand[i], gen[i], 1e-9 * Math.max(1, Math.abs(hand[i])), "generated ∂" + i);
    }
  }

  /** The hand-written tangent of n-D Rosenbrock against a central difference along the direction. */
  @ParameterizedTest(name = "seed " + SEED + ", point {index}")
  @MethodSource("points")
  void rosenbrockNTangent(double[] p) {
    double[] v = {0.5, -1, 0.25, 2, -0.75};
    double[] value = new double[1];
    double tangent = HandWritten.rosenbrockNTangent(p, v, value);
    assertClose(Objectives.rosenbrockN(p), value[0], "value");
    double h = 1e-6;
    double[] up = p.clone();
    double[] down = p.clone();
    for (int i = 0; i < p.length; i++) {
      up[i] += h * v[i];
      down[i] -= h * v[i];
    }
    assertClose((Objectives.rosenbrockN(up) - Objectives.rosenbrockN(down)) / (2 * h), tangent, "tangent");
  }

  /** The hand-written Hessians equal the generated ones, and both the differences of the gradient. */
  @ParameterizedTest(name = "seed " + SEED + ", point {index}")
  @MethodSource("points")
  void hessians(double[] p) {
    double[][] hand = new double[3][3];
    double value = HandWritten.neuronHessian(p[0], p[1], p[2], p[3], p[4], hand);
    var generated = ObjectivesGradients.neuronHessian(p[0], p[1], p[2], p[3], p[4]);
    assertClose(value, generated.value(), "neuron value");
    java.util.function.Function<double[], double[]> neuronGradient =
        w -> {
          double[] g = new double[3];
          ObjectivesGradients.neuronInto(w[0], w[1], w[2], p[3], p[4], g);
          return g;
        };
    io.adjoint.GradCheck.checkHessian(
            neuronGradient, w -> ObjectivesGradients.neuronHessian(w[0], w[1], w[2], p[3], p[4]).hessian(), p[0], p[1], p[2])
        .assertPassed();
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        assertClose(hand[i][k], generated.hessian()[i][k], "neuron h[" + i + "][" + k + "]");
      }
    }
    double[][] hand2 = new double[2][2];
    HandWritten.rosenbrockHessian(p[0], p[1], hand2);
    var rosenbrock = ObjectivesGradients.rosenbrockHessian(p[0], p[1]);
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 2; k++) {
        assertClose(hand2[i][k], rosenbrock.hessian()[i][k], "rosenbrock h[" + i + "][" + k + "]");
      }
    }
  }

  /**
   * The hand-written logistic-loss gradient against central differences ({@link io.adjoint.GradCheck})
   * and against the generated
   * {@code Into} form, on 500 rows of the benchmark's data set with weights large enough that some
   * margins are far from 0 on either side.
   */
  @ParameterizedTest(name = "seed " + SEED + ", point {index}")
  @MethodSource("points")
  void logisticLoss(double[] p) {
    io.adjoint.samples.logistic.Rows rows =
        io.adjoint.samples.logistic.Rows.generate(500, LogisticBenchmark.FEATURES - 1, LogisticBenchmark.SEED);
    double[] y = rows.signs();
    double[] w = LogisticBenchmark.weights();
    for (int j = 0; j < p.length; j++) {
      w[j] = 3 * p[j];
    }
    double[] hand = new double[w.length];
    double value = HandWritten.logisticLoss(w, rows.x(), y, hand);
    double[] generated = new double[w.length];
    double generatedValue =
        io.adjoint.samples.logistic.LogisticRegressionGradients.totalLossInto(w, rows.x(), y, generated);
    ToDoubleFunction<double[]> f = q -> io.adjoint.samples.logistic.LogisticRegression.totalLoss(q, rows.x(), y);
    assertEquals(f.applyAsDouble(w), value, 0.0, "the same loss, computed alike");
    assertEquals(value, generatedValue, 0.0, "generated value");
    // a sum of 500 terms: GradCheck picks steps and tolerances from the function's rounding
    io.adjoint.GradCheck.checkInto(f, (q, out) -> HandWritten.logisticLoss(q, rows.x(), y, out), w).assertPassed();
    for (int j = 0; j < w.length; j++) {
      assertEquals(hand[j], generated[j], 1e-12 * Math.max(1, Math.abs(hand[j])), "generated ∂" + j);
    }
  }
}
