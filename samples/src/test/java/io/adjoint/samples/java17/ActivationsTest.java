package io.adjoint.samples.java17;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.samples.Differences;
import io.adjoint.samples.java17.Activations.Activation;
import io.adjoint.samples.java17.Activations.Loss;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The enum-configured model: for every activation and every loss, each gradient against central
 * differences (away from the kinks of relu, abs and Huber), the value against the method's own, and the
 * tangent form against ⟨∇f, v⟩.
 */
class ActivationsTest {
  private static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void everyActivation() {
    for (Activation a : Activation.values()) {
      for (double z : new double[] {-2.5, -0.3, 0.4, 1.7, 25}) {
        var g = ActivationsGradients.activate(z, a);
        assertEquals(Activations.activate(z, a), g.value());
        close(Differences.partial(x -> Activations.activate(x[0], a), new double[] {z}, 0), g.z(), a + " at " + z);
      }
    }
  }

  @Test
  void everyLossOfEveryNetwork() {
    SplittableRandom r = new SplittableRandom(13);
    for (Activation a : Activation.values()) {
      for (Loss l : Loss.values()) {
        for (int trial = 0; trial < 4; trial++) {
          double[] w = new double[4 * 3 + 1];
          for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(-1, 1);
          }
          double[] x0 = {r.nextDouble(-2, 2), r.nextDouble(-2, 2)};
          double[] x1 = {r.nextDouble(-2, 2), r.nextDouble(-2, 2)};
          double[] targets = {r.nextDouble(-3, 3), r.nextDouble(-3, 3)};
          var g = ActivationsGradients.meanLoss(w, x0, x1, targets, a, l);
          assertEquals(Activations.meanLoss(w, x0, x1, targets, a, l), g.value());
          ToDoubleFunction<double[]> f = v -> Activations.meanLoss(v, x0, x1, targets, a, l);
          double[] v = new double[w.length];
          double dot = 0;
          for (int i = 0; i < w.length; i++) {
            close(Differences.partial(f, w, i), g.w()[i], a + ", " + l + ": weight " + i);
            v[i] = r.nextDouble(-1, 1);
            dot += g.w()[i] * v[i];
          }
          ToDoubleFunction<double[]> g0 = u -> Activations.meanLoss(w, u, x1, targets, a, l);
          for (int i = 0; i < x0.length; i++) {
            close(Differences.partial(g0, x0, i), g.x0()[i], a + ", " + l + ": x0[" + i + "]");
          }
          var t =
              ActivationsGradients.meanLossTangent(
                  w, x0, x1, targets, a, l, v, new double[2], new double[2], new double[2]);
          assertEquals(g.value(), t.value());
          assertEquals(dot, t.tangent(), 1e-12 * Math.max(1, Math.abs(dot)));
        }
      }
    }
  }
}
