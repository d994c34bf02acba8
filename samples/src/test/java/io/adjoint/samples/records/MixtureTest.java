package io.adjoint.samples.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.samples.Differences;
import io.adjoint.samples.records.Mixture.Component;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The mixture's log-likelihood over component records, against central differences and the flat method. */
class MixtureTest {
  private static Component[] components(double[] flat) {
    Component[] cs = new Component[flat.length / 3];
    for (int k = 0; k < cs.length; k++) {
      cs[k] = new Component(flat[3 * k], flat[3 * k + 1], flat[3 * k + 2]);
    }
    return cs;
  }

  @Test
  void logLikelihood() {
    SplittableRandom r = new SplittableRandom(12);
    for (int k = 1; k <= 4; k++) {
      double[] flat = new double[3 * k];
      for (int j = 0; j < k; j++) {
        flat[3 * j] = r.nextDouble(-1, 1);
        flat[3 * j + 1] = r.nextDouble(-2, 2);
        flat[3 * j + 2] = r.nextDouble(-0.5, 0.5);
      }
      double[] xs = r.doubles(7, -3, 3).toArray();
      var g = MixtureGradients.logLikelihood(components(flat), xs);
      assertEquals(Mixture.logLikelihood(components(flat), xs), g.value());
      double[] partials = Mixture_ComponentTangent.flatten(g.components());
      ToDoubleFunction<double[]> f = v -> Mixture.logLikelihood(components(v), xs);
      for (int i = 0; i < flat.length; i++) {
        double expected = Differences.partial(f, flat, i);
        assertEquals(expected, partials[i], 1e-6 * Math.max(1, Math.abs(expected)), k + " components, entry " + i);
      }
      var byArrays = MixtureGradients.logLikelihoodFlat(flat, xs);
      assertEquals(byArrays.value(), g.value(), 1e-12 * Math.abs(g.value()));
      assertArrayEquals(byArrays.components(), partials, 1e-10);
      assertArrayEquals(byArrays.xs(), g.xs(), 1e-10);
    }
  }

  /**
   * One component's log density: ∂/∂μ = z e⁻ˢ, ∂/∂s = z² − 1, ∂/∂x = −z e⁻ˢ with z = (x − μ) e⁻ˢ and s the
   * log sigma; the log weight does not enter. The flat log-likelihood of one component and one point is
   * (log density + w) − w: the same gradient, rounded through that sum.
   */
  @Test
  void logDensity() {
    SplittableRandom r = new SplittableRandom(15);
    for (int k = 0; k < 10; k++) {
      double[] flat = {r.nextDouble(-1, 1), r.nextDouble(-2, 2), r.nextDouble(-0.5, 0.5)};
      double x = r.nextDouble(-3, 3);
      var g = MixtureGradients.logDensity(components(flat)[0], x);
      double[] partials = Mixture_ComponentTangent.flatten(new Mixture_ComponentTangent[] {g.c()});
      double z = (x - flat[1]) * Math.exp(-flat[2]);
      Checks.assertClose(new double[] {0, z * Math.exp(-flat[2]), z * z - 1}, partials, 1e-14, "closed form");
      assertEquals(-z * Math.exp(-flat[2]), g.x(), 1e-14 * Math.max(1, Math.abs(g.x())));
      var byArrays = MixtureGradients.logLikelihoodFlat(flat, new double[] {x});
      assertEquals(byArrays.value(), g.value(), 1e-14 * Math.max(1, Math.abs(g.value())));
      Checks.assertGradient(v -> Mixture.logDensity(components(v)[0], x), flat, partials, byArrays.components(), 1e-14,
          "component");
      Checks.assertGradient(v -> Mixture.logDensity(components(flat)[0], v[0]), new double[] {x}, new double[] {g.x()},
          byArrays.xs(), 1e-14, "x");
    }
  }
}
