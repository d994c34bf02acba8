package io.adjoint.samples.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.GradCheck;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ADBench's GMM objective is {@code @Differentiable(order = 2)}: its Hessian-vector product, reverse mode
 * over the tangent of an objective with loops, calls (inlined) and a log-sum-exp, checked against central
 * differences of the generated gradient (itself checked against ADBench and differences in {@link
 * GmmTest}), and its Hessian on the small test input against the Hessian-vector products.
 */
class GmmSecondOrderTest {
  private static final long SEED = 11;

  private static double[] gradient(GmmInput in, double[] flat) {
    GmmInput at = in.withFlatParameters(flat);
    double[] g = new double[flat.length];
    GmmGradients.objectiveInto(at.alphas(), at.means(), at.icf(), at.x(), at.wishartGamma(), at.wishartM(), g);
    return g;
  }

  private static double[] hessianVector(GmmInput in, double[] flat, double[] v) {
    GmmInput at = in.withFlatParameters(flat);
    return GmmGradients.objectiveHessianVector(
        at.alphas(), at.means(), at.icf(), at.x(), at.wishartGamma(), at.wishartM(), v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"test.txt", "gmm_d2_K5.txt", "gmm_d10_K25.txt"})
  void hessianVectorMatchesDifferencesOfTheGradient(String file) {
    GmmInput in = GmmInput.resource(file);
    double[] flat = in.flatParameters();
    SplittableRandom random = new SplittableRandom(SEED);
    double[] v = random.doubles(flat.length, -1, 1).toArray();
    // a unit direction: the step along it then moves the point by about 1e-3, as GradCheck assumes
    double norm = Math.sqrt(java.util.Arrays.stream(v).map(e -> e * e).sum());
    for (int i = 0; i < v.length; i++) {
      v[i] /= norm;
    }
    Function<double[], double[]> gradient = p -> gradient(in, p);
    GradCheck.checkHessianVector(gradient, (p, d) -> hessianVector(in, p, d), flat, v).assertPassed();
  }

  @ParameterizedTest
  @ValueSource(strings = {"test.txt"})
  void hessianIsSymmetricAndItsColumnsAreHessianVectorProducts(String file) {
    GmmInput in = GmmInput.resource(file);
    double[] flat = in.flatParameters();
    GmmGradients.ObjectiveHessian h =
        GmmGradients.objectiveHessian(in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM());
    assertEquals(Gmm.objective(in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM()), h.value());
    double[] g = gradient(in, flat);
    for (int k = 0; k < flat.length; k++) {
      assertEquals(g[k], h.gradient()[k], 1e-12 * (1 + Math.abs(g[k])), "gradient " + k);
      double[] unit = new double[flat.length];
      unit[k] = 1;
      double[] column = hessianVector(in, flat, unit);
      for (int i = 0; i < flat.length; i++) {
        assertEquals(h.hessian()[i][k], h.hessian()[k][i], 0.0, "symmetric at " + i + "," + k);
        assertEquals(column[i], h.hessian()[i][k], 1e-10 * (1 + Math.abs(column[i]) + Math.abs(column[k])));
      }
    }
  }
}
