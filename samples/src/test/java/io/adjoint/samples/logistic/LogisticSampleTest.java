package io.adjoint.samples.logistic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.GradCheck;
import io.adjoint.data.DataSetGradient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The logistic-regression sample: the generated per-example pullback summed by {@link DataSetGradient}
 * against central differences of the plainly summed loss ({@link GradCheck}), against a sequential loop
 * of the same pullback, bit for bit on 1, 2, 3 and 8 threads; and the fit it drives.
 */
class LogisticSampleTest {

  private static double summedLoss(Rows rows, double[] w) {
    double total = 0;
    for (int i = 0; i < rows.size(); i++) {
      total += LogisticRegression.loss(w, rows.x()[i], rows.y()[i]);
    }
    return total;
  }

  private static double[] randomWeights(int width, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[width];
    for (int j = 0; j < width; j++) {
      w[j] = random.nextDouble(-1, 1);
    }
    return w;
  }

  @Test
  void summedGradientMatchesCentralDifferencesOfTheSummedLoss() {
    Rows rows = Rows.generate(5000, 4, 3);
    GradCheck.checkInto(
            w -> summedLoss(rows, w),
            (w, gradient) -> {
              java.util.Arrays.fill(gradient, 0);
              return DataSetGradient.sum(rows.size(), LogisticSample.meanLossTerms(rows, w), gradient);
            },
            randomWeights(rows.width(), 4))
        .assertPassed();
  }

  /**
   * Against a sequential loop of the same generated pullback: sums of the same terms in two orders
   * differ by at most 2·(n − 1)·u·Σ|termᵢ| (Higham), for the value and each partial.
   */
  @Test
  void equalsASequentialLoopToRoundingAndHasTheSameBitsOnAnyThreads() {
    Rows rows = Rows.generate(50_001, 6, 5);
    double[] w = randomWeights(rows.width(), 6);
    int n = rows.size();
    double sequential = 0;
    double absolute = 0;
    double[] sequentialGradient = new double[w.length];
    double[] absoluteGradient = new double[w.length];
    double[] term = new double[w.length];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(term, 0);
      double value = LogisticRegressionGradients.lossPullback(w, rows.x()[i], rows.y()[i], 1.0, term, 0);
      sequential += value;
      absolute += Math.abs(value);
      for (int j = 0; j < w.length; j++) {
        sequentialGradient[j] += term[j];
        absoluteGradient[j] += Math.abs(term[j]);
      }
    }
    double u = Math.ulp(1.0) / 2;
    double[] first = null;
    double firstValue = 0;
    for (int threads : new int[] {1, 2, 3, 8}) {
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        double[] gradient = new double[w.length];
        double value = DataSetGradient.sum(n, LogisticSample.meanLossTerms(rows, w), gradient, pool);
        assertEquals(sequential, value, 2 * n * u * absolute);
        for (int j = 0; j < w.length; j++) {
          assertEquals(sequentialGradient[j], gradient[j], 2 * n * u * absoluteGradient[j], "partial " + j);
        }
        if (first == null) {
          first = gradient;
          firstValue = value;
        } else {
          assertEquals(Double.doubleToRawLongBits(firstValue), Double.doubleToRawLongBits(value), threads + " threads");
          assertArrayEquals(first, gradient, 0.0, threads + " threads"); // 0.0: equal doubles
          for (int j = 0; j < w.length; j++) {
            assertEquals(Double.doubleToRawLongBits(first[j]), Double.doubleToRawLongBits(gradient[j]));
          }
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  /**
   * The loss of the whole data set in one method ({@link LogisticRegression#totalLoss}), whose loop over
   * the rows the processor fuses: its {@code Into} form against central differences, and against the
   * per-example pullbacks summed in the same order (the same terms: equal to rounding); its {@code
   * Pullback} form against its {@code Into} form, bit for bit, added at an offset.
   */
  @Test
  void theFusedLossOfTheWholeDataSetHasTheSumOfTheExamplesGradients() {
    Rows rows = Rows.generate(2000, 5, 7);
    double[] signs = rows.signs();
    double[] w = randomWeights(rows.width(), 8);
    GradCheck.checkInto(
            v -> LogisticRegression.totalLoss(v, rows.x(), signs),
            (v, gradient) -> LogisticRegressionGradients.totalLossInto(v, rows.x(), signs, gradient),
            w)
        .assertPassed();

    double[] fused = new double[w.length];
    double value = LogisticRegressionGradients.totalLossInto(w, rows.x(), signs, fused);
    double summed = 0;
    double absolute = 0;
    double[] summedGradient = new double[w.length];
    double[] absoluteGradient = new double[w.length];
    double[] term = new double[w.length];
    for (int i = 0; i < rows.size(); i++) {
      java.util.Arrays.fill(term, 0);
      double loss = LogisticRegressionGradients.lossPullback(w, rows.x()[i], rows.y()[i], 1.0, term, 0);
      summed += loss;
      absolute += Math.abs(loss);
      for (int j = 0; j < w.length; j++) {
        summedGradient[j] += term[j];
        absoluteGradient[j] += Math.abs(term[j]);
      }
    }
    double u = Math.ulp(1.0) / 2;
    int n = rows.size();
    // the terms are written alike but not bit for bit (y·z against max(z, 0) − y01·z): a few ulps each
    assertEquals(summed, value, 8 * n * u * absolute);
    for (int j = 0; j < w.length; j++) {
      assertEquals(summedGradient[j], fused[j], 8 * n * u * absoluteGradient[j], "partial " + j);
    }

    double[] pulled = new double[w.length + 2];
    double pulledValue = LogisticRegressionGradients.totalLossPullback(w, rows.x(), signs, 1.0, pulled, 1);
    assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(pulledValue));
    assertArrayEquals(fused, java.util.Arrays.copyOfRange(pulled, 1, w.length + 1), 0.0);
    assertEquals(0.0, pulled[0]);
    assertEquals(0.0, pulled[w.length + 1]);
  }

  @Test
  void theSampleRecoversTheTrueWeights() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LogisticSample.Result result = LogisticSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    assertTrue(printed.contains("Step   0: mean loss 0.693147"), printed); // log 2 at w = 0
    assertTrue(printed.contains("same bits: yes"), printed);
    assertEquals(Math.log(2), result.initialLoss(), 1e-12);
    assertTrue(result.finalLoss() < 0.8 * result.initialLoss(), printed);
    // 200,000 rows: the maximum-likelihood weights are within a few 0.01 of the true ones.
    assertTrue(result.largestWeightError() < 0.05, printed);
    // At the fitted weights the mean gradient is nearly 0 (gradient descent has converged).
    Rows rows = Rows.generate(LogisticSample.ROWS, LogisticSample.FEATURES, LogisticSample.SEED);
    double[] gradient = new double[rows.width()];
    DataSetGradient.mean(rows.size(), LogisticSample.meanLossTerms(rows, result.weights()), gradient);
    for (double g : gradient) {
      assertTrue(Math.abs(g) < 1e-4, java.util.Arrays.toString(gradient));
    }
  }
}
