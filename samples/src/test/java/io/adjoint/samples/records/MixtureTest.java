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
}
