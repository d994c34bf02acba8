package io.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.samples.gmm.Gmm;
import io.adjoint.samples.gmm.GmmGradients;
import io.adjoint.samples.gmm.GmmInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written GMM gradient, the yardstick {@link GmmBenchmark} times the generated one against,
 * computes the same value as {@link Gmm#objective} and the same gradient as {@code
 * GmmGradients.objectiveInto} and as central differences. Errors are measured as ADBench does,
 * |a − b| / max(1, |a| + |b|).
 */
class HandWrittenGmmTest {
  private static double error(double a, double b) {
    return Math.abs(a - b) / Math.max(1, Math.abs(a) + Math.abs(b));
  }

  private static double objective(GmmInput in) {
    return Gmm.objective(in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM());
  }

  private static double handWritten(GmmInput in, double[] out) {
    return HandWrittenGmm.objectiveInto(
        in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM(), out);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gmm_d2_K5.txt", "gmm_d10_K25.txt"})
  void valueIsTheObjectives(String file) {
    GmmInput in = GmmInput.resource(file);
    double expected = objective(in);
    double actual = handWritten(in, new double[in.parameterCount()]);
    assertEquals(expected, actual, 1e-12 * Math.abs(expected));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gmm_d2_K5.txt", "gmm_d10_K25.txt"})
  void gradientIsTheGenerateds(String file) {
    GmmInput in = GmmInput.resource(file);
    double[] generated = new double[in.parameterCount()];
    double[] hand = new double[in.parameterCount()];
    double value =
        GmmGradients.objectiveInto(
            in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM(), generated);
    java.util.Arrays.fill(hand, Double.NaN); // the hand-written gradient overwrites, never adds
    assertEquals(value, handWritten(in, hand), 1e-12 * Math.abs(value));
    for (int i = 0; i < hand.length; i++) {
      double e = error(generated[i], hand[i]);
      assertEquals(0, e, 1e-12, "entry " + i + ": generated " + generated[i] + ", hand-written " + hand[i]);
    }
  }

  /** With ∂/∂μ after the loop over the points, the same value and gradient. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gmm_d2_K5.txt", "gmm_d10_K25.txt"})
  void summingMeansFirstGivesTheSameGradient(String file) {
    GmmInput in = GmmInput.resource(file);
    double[] hand = new double[in.parameterCount()];
    double[] summed = new double[in.parameterCount()];
    double value = handWritten(in, hand);
    java.util.Arrays.fill(summed, Double.NaN); // it overwrites, never adds
    double summedValue = HandWrittenGmm.objectiveIntoSummingMeans(
        in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM(), summed);
    assertEquals(value, summedValue, 0.0, "the same value, bit for bit: only the reverse changed");
    for (int i = 0; i < hand.length; i++) {
      double e = error(hand[i], summed[i]);
      assertEquals(0, e, 1e-12, "entry " + i + ": hand-written " + hand[i] + ", summing means " + summed[i]);
    }
  }

  /**
   * A few entries of each block (alphas, means, the icf's diagonal and its triangle) by central
   * differences with step ∛ε·max(1, |p|), as {@link FiniteDifferences} takes it: to 1e-7 at d = 2,
   * 1e-6 at d = 10, whose larger value's rounding, divided by 2h, is the differences' error there.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gmm_d2_K5.txt", "gmm_d10_K25.txt"})
  void gradientIsCentralDifferences(String file) {
    GmmInput in = GmmInput.resource(file);
    double tolerance = in.d() == 2 ? 1e-7 : 1e-6;
    int k = in.k();
    int d = in.d();
    int icfSize = in.icf()[0].length;
    int icfAt = k + k * d;
    int[] entries = {
      0, k - 1, // alphas
      k, k + d - 1, k + (k - 1) * d + 1, // means
      icfAt, icfAt + 1, icfAt + (k - 1) * icfSize + d - 1, // the icf's log-diagonal
      icfAt + d, icfAt + (k - 1) * icfSize + icfSize - 1 // its strict lower triangle
    };
    double[] hand = new double[in.parameterCount()];
    handWritten(in, hand);
    double[] p = in.flatParameters();
    for (int i : entries) {
      double h = Math.cbrt(Math.ulp(1.0)) * Math.max(1, Math.abs(p[i]));
      h = (p[i] + h) - p[i]; // so that p ± h are exact
      double[] up = p.clone();
      double[] down = p.clone();
      up[i] += h;
      down[i] -= h;
      double central =
          (objective(in.withFlatParameters(up)) - objective(in.withFlatParameters(down))) / (2 * h);
      assertEquals(0, error(central, hand[i]), tolerance, "entry " + i + ": differences " + central + ", hand-written " + hand[i]);
    }
  }
}
