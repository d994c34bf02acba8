package io.adjoint.samples.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.samples.gmm.GmmGradients.ObjectiveGradient;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ADBench's GMM objective and its generated gradient, on ADBench's own inputs, checked four ways:
 *
 * <ol>
 *   <li><b>The value</b> against {@link #naiveObjective}, the published formula evaluated directly —
 *       the full matrix Q_k built and multiplied, log of a plain sum of exponentials, log Γ of
 *       half-integers by exact recurrences — sharing no code with {@link Gmm}; and on {@code test.txt}
 *       against the objective ADBench's own tests expect.
 *   <li><b>The {@link io.adjoint.Value} version</b> agrees in every partial to ADBench's tolerance:
 *       |a − b| / max(1, |a| + |b|) &lt; 1e-8; on {@code test.txt} so do the partials ADBench's tests
 *       expect.
 *   <li><b>Central differences</b> agree to 1e-6 in the same relative measure. The objective is stiff
 *       along some means (on {@code gmm_d10_K25.txt} the two-point quotient is off by 2·10⁻⁶ at every
 *       step), so the five-point central stencil (f(p−2h) − 8f(p−h) + 8f(p+h) − f(p+2h)) / 12h is used:
 *       its truncation error h⁴·|f⁽⁵⁾|/30 falls 625-fold from h = 10⁻³ (where it reaches 3·10⁻⁷) to
 *       the step used, h = 2·10⁻⁴·max(1, |pᵢ|), while its rounding error, about ε·|f|/h ≈ 3·10⁻⁸ for
 *       |f| ≈ 2.6·10⁴, stays far below the tolerance. On the 1,000-point file a seeded sample of
 *       coordinates is checked (every alpha, and means and icf entries of every component, diagonal
 *       and off-diagonal).
 *   <li><b>The other forms</b>: {@code objectiveInto} writes the record's partials in the flat
 *       layout, and {@code objectivePullback} adds upstream × partial at the offset and nothing else.
 * </ol>
 */
class GmmTest {
  private static final double ADBENCH_TOLERANCE = 1e-8;
  private static final double FD_TOLERANCE = 1e-6;
  private static final double FD_STEP = 2e-4;
  private static final long SEED = 20240501L;
  private static final int FD_SAMPLE = 120;

  /** ADBench {@code test/cpp/modules/common/GmmTests.cpp}: the expected objective on gmmtest.txt. */
  private static final double ADBENCH_TEST_OBJECTIVE = 8.07380408004975791e+00;

  /** ADBench {@code test/cpp/modules/common/GmmTests.cpp}: the expected gradient on gmmtest.txt. */
  private static final double[] ADBENCH_TEST_GRADIENT = {
    1.08662855508652456e-01, -7.41270039523898472e-01, 6.32607184015246071e-01,
    1.11692576532787013e+00, 1.63333013551455269e-01, -2.19989824071193142e-02,
    2.27778292254236098e-01, 1.20963025612832187e+00, -6.06375920733956339e-02,
    2.58529994051162237e+00, 1.12632694524213789e-01, 3.85744309849611777e-01,
    7.35180573182305508e-02, 5.41836362715595232e+00, -3.21494409677446469e-01,
    1.71892309775004937e+00, 8.60091090790866875e-01, -9.94640930466322848e-01,
  };

  static double adbenchError(double a, double b) {
    return Math.abs(a - b) / Math.max(1, Math.abs(a) + Math.abs(b));
  }

  static double objective(GmmInput in) {
    return Gmm.objective(in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM());
  }

  static double[] generatedGradient(GmmInput in) {
    ObjectiveGradient g =
        GmmGradients.objective(
            in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM());
    return new GmmInput(g.alphas(), g.means(), g.icf(), in.x(), in.wishartGamma(), in.wishartM())
        .flatParameters();
  }

  @Test
  void readsTheFormat() {
    GmmInput test = GmmInput.resource("test.txt");
    assertEquals(2, test.d());
    assertEquals(3, test.k());
    assertEquals(1, test.n());
    assertEquals(3, test.icf()[0].length);
    assertArrayEquals(new double[] {-0.649014, 1.181166, -0.758453}, test.alphas());
    assertArrayEquals(new double[] {0.538817, 0.419195}, test.means()[2]);
    assertArrayEquals(new double[] {-1.509405, 0.875874, -0.242790}, test.icf()[1]);
    assertArrayEquals(new double[] {1.175171, 2.029160}, test.x()[0]);
    assertEquals(1.0, test.wishartGamma());
    assertEquals(0, test.wishartM());
    assertEquals(18, test.parameterCount());

    GmmInput big = GmmInput.resource("gmm_d10_K25.txt");
    assertEquals(10, big.d());
    assertEquals(25, big.k());
    assertEquals(1000, big.n());
    assertEquals(55, big.icf()[0].length);
    assertEquals(25 + 250 + 25 * 55, big.parameterCount());
    assertArrayEquals(big.flatParameters(), big.withFlatParameters(big.flatParameters()).flatParameters());

    assertThrows(IllegalArgumentException.class, () -> GmmInput.parse("2 1 1\n0.5\n1 2\n0 0 0\n"));
    assertThrows(IllegalArgumentException.class, () -> GmmInput.parse("1 1 1\n0\n0\n0\n1\n1 0\n7\n"));
  }

  @Test
  void matchesAdbenchsExpectedObjectiveAndGradientOnItsTestInput() {
    GmmInput in = GmmInput.resource("test.txt");
    assertEquals(ADBENCH_TEST_OBJECTIVE, objective(in), 1e-13 * ADBENCH_TEST_OBJECTIVE);
    double[] gradient = generatedGradient(in);
    assertEquals(ADBENCH_TEST_GRADIENT.length, gradient.length);
    for (int i = 0; i < gradient.length; i++) {
      assertTrue(
          adbenchError(ADBENCH_TEST_GRADIENT[i], gradient[i]) < ADBENCH_TOLERANCE,
          "partial " + i + ": ADBench expects " + ADBENCH_TEST_GRADIENT[i] + ", got " + gradient[i]);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"test.txt", "gmm_d2_K5.txt", "gmm_d10_K25.txt", "gmm_d20_K50.txt"})
  void valueMatchesTheFormulaEvaluatedNaively(String file) {
    GmmInput in = GmmInput.resource(file);
    double expected = naiveObjective(in);
    double actual = objective(in);
    // Two summation orders of the same terms: they differ by rounding, a few ulps of the largest term.
    assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), file);
    assertEquals(actual, GmmGradients.objective(
        in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM()).value(), 0.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"test.txt", "gmm_d2_K5.txt", "gmm_d10_K25.txt"})
  void gradientMatchesTheValueVersion(String file) {
    GmmInput in = GmmInput.resource(file);
    GmmValue.Graph graph = GmmValue.build(in);
    double[] expected = graph.gradient();
    double[] actual = generatedGradient(in);
    assertEquals(objective(in), graph.objective().data(), 1e-12 * Math.abs(objective(in)));
    assertEquals(expected.length, actual.length);
    double worst = 0;
    for (int i = 0; i < actual.length; i++) {
      double error = adbenchError(expected[i], actual[i]);
      worst = Math.max(worst, error);
      assertTrue(
          error < ADBENCH_TOLERANCE,
          file + " partial " + i + ": Value gives " + expected[i] + ", generated " + actual[i]);
    }
    System.out.printf("%s: %d partials, largest ADBench error against Value %.1e%n", file, actual.length, worst);
  }

  @ParameterizedTest
  @ValueSource(strings = {"test.txt", "gmm_d2_K5.txt", "gmm_d10_K25.txt"})
  void gradientMatchesCentralDifferences(String file) {
    GmmInput in = GmmInput.resource(file);
    double[] gradient = generatedGradient(in);
    double[] p = in.flatParameters();
    double worst = 0;
    for (int i : coordinatesToCheck(in)) {
      double h = FD_STEP * Math.max(1, Math.abs(p[i]));
      double fd =
          (objectiveAt(in, p, i, -2 * h)
                  - 8 * objectiveAt(in, p, i, -h)
                  + 8 * objectiveAt(in, p, i, h)
                  - objectiveAt(in, p, i, 2 * h))
              / (12 * h);
      double error = adbenchError(fd, gradient[i]);
      worst = Math.max(worst, error);
      assertTrue(
          error < FD_TOLERANCE,
          file + " partial " + i + ": central differences give " + fd + ", generated " + gradient[i]);
    }
    System.out.printf("%s: largest error against central differences %.1e%n", file, worst);
  }

  @Test
  void intoAndPullbackFormsAgreeWithTheRecord() {
    GmmInput in = GmmInput.resource("gmm_d2_K5.txt");
    double[] gradient = generatedGradient(in);
    double[] partials = new double[gradient.length];
    double value =
        GmmGradients.objectiveInto(
            in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM(), partials);
    assertEquals(objective(in), value, 0.0);
    // The Into and Pullback forms take the means' adjoint once per component after the loop over the
    // points, Q_k transposed times the sum of the points' adjoints (reverse/SummedAdjoints), where the
    // record adds Q_k transposed times each point's: the same sum in another order, so the same to rounding.
    for (int i = 0; i < gradient.length; i++) {
      assertEquals(gradient[i], partials[i], 0x1p-40 * Math.max(1.0, Math.abs(gradient[i])), "partial " + i);
    }

    // the Pullback form is the Into form's arithmetic scaled by a power of two: the same bits, scaled
    double[] adjoints = new double[gradient.length + 5];
    adjoints[0] = 1.5;
    adjoints[gradient.length + 4] = -2.0;
    GmmGradients.objectivePullback(
        in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM(), -0.25, adjoints, 3);
    for (int i = 0; i < adjoints.length; i++) {
      double expected = i >= 3 && i < 3 + gradient.length ? -0.25 * partials[i - 3] : 0.0;
      expected += i == 0 ? 1.5 : i == gradient.length + 4 ? -2.0 : 0.0;
      assertEquals(expected, adjoints[i], 0.0, "adjoint " + i);
    }
  }

  @Test
  void generatedCodeLeavesTheCallersArraysAlone() {
    GmmInput in = GmmInput.resource("test.txt");
    double[] before = in.flatParameters();
    double[][] x = in.x();
    double x00 = x[0][0];
    generatedGradient(in);
    assertArrayEquals(before, in.flatParameters(), 0.0);
    assertEquals(x00, x[0][0], 0.0);
  }

  @Test
  void logGammaMatchesFactorials() {
    // Γ(n) = (n−1)!, Γ(½) = √π, Γ(n + ½) = (2n)!·√π / (4ⁿ·n!).
    double factorial = 1;
    for (int n = 1; n <= 20; n++) {
      assertEquals(Math.log(factorial), Gmm.logGamma(n), 1e-13 * Math.max(1, Math.log(factorial)));
      factorial *= n;
    }
    assertEquals(0.5 * Math.log(Math.PI), Gmm.logGamma(0.5), 1e-14);
    assertEquals(Math.log(0.75 * Math.sqrt(Math.PI)), Gmm.logGamma(2.5), 1e-14);
  }

  /** Every alpha and a seeded sample of means and icf entries, from every component where possible. */
  private static int[] coordinatesToCheck(GmmInput in) {
    if (in.parameterCount() <= 2 * FD_SAMPLE) {
      return IntStream.range(0, in.parameterCount()).toArray();
    }
    SplittableRandom random = new SplittableRandom(SEED);
    List<Integer> picked = new ArrayList<>();
    int k = in.k();
    int d = in.d();
    int icfSize = in.icf()[0].length;
    for (int i = 0; i < k; i++) {
      picked.add(i);
    }
    for (int s = 0; s < FD_SAMPLE / 2; s++) {
      int component = s % k;
      picked.add(k + component * d + random.nextInt(d));
      int icfStart = k + k * d + component * icfSize;
      // Alternate diagonal (log) and strictly lower entries.
      picked.add(icfStart + (s % 2 == 0 ? random.nextInt(d) : d + random.nextInt(icfSize - d)));
    }
    return picked.stream().mapToInt(Integer::intValue).distinct().toArray();
  }

  private static double objectiveAt(GmmInput in, double[] p, int i, double delta) {
    double[] moved = p.clone();
    moved[i] += delta;
    return objective(in.withFlatParameters(moved));
  }

  /**
   * The objective of ADBench's paper evaluated directly: for each point and component the full lower
   * triangular Q_k is built and multiplied, logsumexp is the log of a plain sum of exponentials
   * (shifted by the largest term only when that sum would underflow), and log Γ of the half-integers
   * in the Wishart constant comes from Γ(x + 1) = x·Γ(x) with Γ(1) = 1 and Γ(½) = √π.
   */
  static double naiveObjective(GmmInput in) {
    int d = in.d();
    int k = in.k();
    int n = in.n();
    double[][][] q = new double[k][d][d];
    for (int c = 0; c < k; c++) {
      double[] icf = in.icf()[c];
      for (int r = 0; r < d; r++) {
        q[c][r][r] = Math.exp(icf[r]);
      }
      int next = d;
      for (int col = 0; col < d; col++) {
        for (int row = col + 1; row < d; row++) {
          q[c][row][col] = icf[next++];
        }
      }
    }
    double total = -n * d / 2.0 * Math.log(2 * Math.PI);
    double[] terms = new double[k];
    for (double[] point : in.x()) {
      for (int c = 0; c < k; c++) {
        double logDet = 0;
        for (int r = 0; r < d; r++) {
          logDet += in.icf()[c][r];
        }
        double mahalanobis = 0;
        for (int row = 0; row < d; row++) {
          double dot = 0;
          for (int col = 0; col < d; col++) {
            dot += q[c][row][col] * (point[col] - in.means()[c][col]);
          }
          mahalanobis += dot * dot;
        }
        terms[c] = in.alphas()[c] + logDet - 0.5 * mahalanobis;
      }
      total += naiveLogSumExp(terms);
    }
    total -= n * naiveLogSumExp(in.alphas());
    double gamma = in.wishartGamma();
    int m = in.wishartM();
    for (int c = 0; c < k; c++) {
      double frobenius = 0;
      double logDet = 0;
      for (int row = 0; row < d; row++) {
        logDet += Math.log(q[c][row][row]);
        for (int col = 0; col <= row; col++) {
          frobenius += q[c][row][col] * q[c][row][col];
        }
      }
      total += 0.5 * gamma * gamma * frobenius - m * logDet;
    }
    int nPrime = d + m + 1;
    double logMultivariateGamma = 0.25 * d * (d - 1) * Math.log(Math.PI);
    for (int j = 1; j <= d; j++) {
      logMultivariateGamma += logGammaOfHalfInteger(nPrime + 1 - j); // Γ(n'/2 + (1 − j)/2)
    }
    double c = nPrime * d * (Math.log(gamma) - 0.5 * Math.log(2)) - logMultivariateGamma;
    return total - k * c;
  }

  private static double naiveLogSumExp(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += Math.exp(v);
    }
    if (sum > Double.MIN_NORMAL * 1e100 && sum < Double.MAX_VALUE / 1e100) {
      return Math.log(sum);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    double shifted = 0;
    for (double v : x) {
      shifted += Math.exp(v - max);
    }
    return max + Math.log(shifted);
  }

  /** log Γ(twice / 2) for a positive integer {@code twice}, exactly up to rounding. */
  private static double logGammaOfHalfInteger(int twice) {
    double x = twice % 2 == 0 ? 1 : 0.5;
    double out = twice % 2 == 0 ? 0 : 0.5 * Math.log(Math.PI);
    for (; x < twice / 2.0; x += 1) {
      out += Math.log(x);
    }
    return out;
  }
}
