package io.adjoint.samples.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.samples.Differences;
import io.adjoint.samples.logistic.Rows;
import io.adjoint.samples.newton.NewtonSample.Run;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Newton sample: the generated Hessian and Hessian-vector product of {@link Logistic#meanLoss}
 * against the hand-written ones, (1/n)·Σ σ(z)(1 − σ(z))·x·xᵀ + λI, and against central differences of
 * the generated gradient; then the three minimisations, which must reach the same minimiser.
 */
class NewtonSampleTest {
  private static final Rows ROWS = NewtonSample.data();
  private static final double LAMBDA = NewtonSample.LAMBDA;

  /** w = 0 (where every z is 0, the softplus branch point), the minimiser's neighbourhood, random points. */
  static Stream<double[]> weights() {
    SplittableRandom random = new SplittableRandom(53);
    return Stream.concat(
        Stream.of(new double[ROWS.width()], ROWS.trueWeights()),
        Stream.generate(() -> random.doubles(ROWS.width(), -1, 1).toArray()).limit(8));
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static double z(double[] w, double[] x) {
    double z = 0;
    for (int j = 0; j < w.length; j++) {
      z += w[j] * x[j];
    }
    return z;
  }

  /** The gradient by hand: (1/n)·Σ (σ(z) − y)·x + λw. */
  static double[] handWrittenGradient(double[] w) {
    double[] gradient = new double[w.length];
    for (int i = 0; i < ROWS.size(); i++) {
      double residual = sigmoid(z(w, ROWS.x()[i])) - ROWS.y()[i];
      for (int j = 0; j < w.length; j++) {
        gradient[j] += residual * ROWS.x()[i][j] / ROWS.size();
      }
    }
    for (int j = 0; j < w.length; j++) {
      gradient[j] += LAMBDA * w[j];
    }
    return gradient;
  }

  /** The Hessian by hand: (1/n)·Σ σ(z)(1 − σ(z))·x·xᵀ + λI. */
  static double[][] handWrittenHessian(double[] w) {
    double[][] hessian = new double[w.length][w.length];
    for (double[] x : ROWS.x()) {
      double s = sigmoid(z(w, x));
      for (int j = 0; j < w.length; j++) {
        for (int k = 0; k < w.length; k++) {
          hessian[j][k] += s * (1 - s) * x[j] * x[k] / ROWS.size();
        }
      }
    }
    for (int j = 0; j < w.length; j++) {
      hessian[j][j] += LAMBDA;
    }
    return hessian;
  }

  @ParameterizedTest
  @MethodSource("weights")
  void hessianEqualsTheHandWrittenOneAndIsSymmetric(double[] w) {
    LogisticGradients.MeanLossHessian h = LogisticGradients.meanLossHessian(w, ROWS.x(), ROWS.y(), LAMBDA);
    assertEquals(Logistic.meanLoss(w, ROWS.x(), ROWS.y(), LAMBDA), h.value());
    assertTrue(Differences.largestError(new double[][] {h.gradient()}, new double[][] {handWrittenGradient(w)}) < 1e-13);
    assertTrue(Differences.largestError(h.hessian(), handWrittenHessian(w)) < 1e-13);
    for (int j = 0; j < w.length; j++) {
      for (int k = 0; k < j; k++) {
        assertEquals(h.hessian()[j][k], h.hessian()[k][j]);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("weights")
  void hessianMatchesCentralDifferencesOfTheGeneratedGradient(double[] w) {
    double[][] differences =
        Differences.jacobian(
            v -> {
              double[] gradient = new double[v.length];
              LogisticGradients.meanLossInto(v, ROWS.x(), ROWS.y(), LAMBDA, gradient);
              return gradient;
            },
            w,
            1e-5);
    double[][] hessian = LogisticGradients.meanLossHessian(w, ROWS.x(), ROWS.y(), LAMBDA).hessian();
    double error = Differences.largestError(hessian, differences);
    assertTrue(error < 1e-8, "largest error " + error);
  }

  @ParameterizedTest
  @MethodSource("weights")
  void hessianVectorProductIsTheHandWrittenHessianTimesTheVector(double[] w) {
    double[] v = new SplittableRandom(59).doubles(w.length, -1, 1).toArray();
    double[][] hessian = handWrittenHessian(w);
    double[] expected = new double[w.length];
    for (int j = 0; j < w.length; j++) {
      expected[j] = NewtonSample.dot(hessian[j], v);
    }
    double[] product = new double[w.length];
    double directional = LogisticGradients.meanLossHessianVectorInto(w, ROWS.x(), ROWS.y(), LAMBDA, v, product);
    assertTrue(Differences.largestError(new double[][] {product}, new double[][] {expected}) < 1e-13);
    assertArrayEqualsWithin(product, LogisticGradients.meanLossHessianVector(w, ROWS.x(), ROWS.y(), LAMBDA, v), 0);
    assertEquals(NewtonSample.dot(handWrittenGradient(w), v), directional, 1e-13);
  }

  private static void assertArrayEqualsWithin(double[] expected, double[] actual, double tolerance) {
    assertEquals(expected.length, actual.length);
    for (int j = 0; j < expected.length; j++) {
      assertEquals(expected[j], actual[j], tolerance);
    }
  }

  /**
   * All three reach the minimiser: the hand-written gradient is below the tolerance where each stops,
   * and since the loss is λ-strongly convex, each is within ‖∇‖/λ of the minimiser, so any two are
   * within the sum of their bounds. Newton's methods take few iterations, gradient descent many.
   */
  @Test
  void allThreeMethodsReachTheSameMinimiser() {
    Run newton = NewtonSample.newton(ROWS, LAMBDA);
    Run newtonCg = NewtonSample.newtonCg(ROWS, LAMBDA);
    Run descent = NewtonSample.gradientDescent(ROWS, LAMBDA);
    double newtonNorm = NewtonSample.norm(handWrittenGradient(newton.w()));
    for (Run run : new Run[] {newton, newtonCg, descent}) {
      double norm = NewtonSample.norm(handWrittenGradient(run.w()));
      assertTrue(norm < NewtonSample.TOLERANCE, run.work() + ": ‖∇‖ = " + norm);
      assertTrue(
          NewtonSample.largestDifference(run.w(), newton.w()) <= (norm + newtonNorm) / LAMBDA, run.work());
    }
    assertTrue(newton.iterations() <= 8, "Newton took " + newton.iterations());
    assertTrue(newtonCg.iterations() <= 12, "Newton-CG took " + newtonCg.iterations());
    assertTrue(descent.iterations() > 50 * newton.iterations(), "gradient descent took " + descent.iterations());
  }

  /** Newton's steps converge quadratically: each gradient norm at most a constant times the last one's square. */
  @Test
  void newtonConvergesQuadratically() {
    double[] w = new double[ROWS.width()];
    double previous = Double.NaN;
    for (int iteration = 0; iteration < 5; iteration++) {
      LogisticGradients.MeanLossHessian h = LogisticGradients.meanLossHessian(w, ROWS.x(), ROWS.y(), LAMBDA);
      double norm = NewtonSample.norm(h.gradient());
      if (iteration >= 2 && norm > 1e-13) {
        assertTrue(norm < 10 * previous * previous, "iteration " + iteration + ": " + norm + " after " + previous);
      }
      previous = norm;
      double[] direction = NewtonSample.solve(h.hessian(), h.gradient());
      NewtonSample.lineSearch(ROWS, LAMBDA, w, h.value(), h.gradient(), direction, 1);
    }
  }

  @Test
  void sampleRunPrintsEachMethod() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    NewtonSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    for (String method : new String[] {"Newton (meanLossHessian)", "Newton-CG (HessianVector)", "gradient descent"}) {
      assertTrue(printed.contains(method), printed);
    }
  }
}
