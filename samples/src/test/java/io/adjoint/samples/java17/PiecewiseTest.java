package io.adjoint.samples.java17;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.samples.Differences;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The switch samples: each gradient against central differences (away from the kinks) and the tangent
 * form against ⟨∇f, v⟩, in every case of every switch.
 */
class PiecewiseTest {
  private static double difference(ToDoubleFunction<double[]> f, double[] x, int i) {
    return Differences.partial(f, x, i);
  }

  private static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void taxHasTheMarginalRate() {
    double[] rates = {0.0, 0.10, 0.20, 0.40};
    for (double income : new double[] {5_000, 12_000, 25_500, 31_000, 90_000, -3_000}) {
      var g = PiecewiseGradients.tax(income);
      assertEquals(Piecewise.tax(income), g.value());
      int bracket = (int) Math.min(3, Math.max(0, Math.floor(income / 10_000)));
      assertEquals(rates[bracket], g.income(), 1e-15);
      close(difference(x -> Piecewise.tax(x[0]), new double[] {income}, 0), g.income(), "tax'(" + income + ")");
      var t = PiecewiseGradients.taxTangent(income, 0.5);
      assertEquals(g.value(), t.value());
      assertEquals(0.5 * g.income(), t.tangent(), 1e-15);
    }
    // continuous at the bracket edges
    assertEquals(1_000, Piecewise.tax(20_000), 1e-9);
    assertEquals(3_000, Piecewise.tax(30_000), 1e-9);
  }

  @Test
  void everyActivation() {
    for (int kind = 0; kind < 4; kind++) {
      for (double x : new double[] {-2.5, -0.3, 0.4, 1.7, 25}) {
        int k = kind;
        var g = PiecewiseGradients.activate(x, kind);
        assertEquals(Piecewise.activate(x, kind), g.value());
        close(difference(y -> Piecewise.activate(y[0], k), new double[] {x}, 0), g.x(), "activation " + kind + " at " + x);
        var t = PiecewiseGradients.activateTangent(x, kind, -1.5);
        assertEquals(g.value(), t.value());
        assertEquals(-1.5 * g.x(), t.tangent(), 1e-14 * Math.abs(g.x()));
      }
    }
  }

  @Test
  void neuronAndLossInEveryCase() {
    SplittableRandom r = new SplittableRandom(17);
    for (int kind = 0; kind < 4; kind++) {
      for (int trial = 0; trial < 5; trial++) {
        double[] w = {r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1)};
        double[] in = {r.nextDouble(-2, 2), r.nextDouble(-2, 2), r.nextDouble(-2, 2)};
        double b = r.nextDouble(-1, 1);
        int k = kind;
        var g = PiecewiseGradients.neuron(w, in, b, kind);
        double[] all = {w[0], w[1], w[2], in[0], in[1], in[2], b};
        ToDoubleFunction<double[]> f =
            x -> Piecewise.neuron(new double[] {x[0], x[1], x[2]}, new double[] {x[3], x[4], x[5]}, x[6], k);
        double[] grad = {g.w()[0], g.w()[1], g.w()[2], g.in()[0], g.in()[1], g.in()[2], g.b()};
        for (int i = 0; i < all.length; i++) {
          close(difference(f, all, i), grad[i], "neuron " + kind + ", input " + i);
        }
        double[] v = new double[7];
        double dot = 0;
        for (int i = 0; i < 7; i++) {
          v[i] = r.nextDouble(-1, 1);
          dot += grad[i] * v[i];
        }
        var t = PiecewiseGradients.neuronTangent(
            w, in, b, kind, new double[] {v[0], v[1], v[2]}, new double[] {v[3], v[4], v[5]}, v[6]);
        assertEquals(g.value(), t.value());
        assertEquals(dot, t.tangent(), 1e-12);

        // the losses: residuals away from Huber's and abs's kinks at ±1 and 0
        double[] p = {r.nextDouble(-3, 3), r.nextDouble(-3, 3), r.nextDouble(-3, 3)};
        double[] q = {r.nextDouble(-3, 3), r.nextDouble(-3, 3), r.nextDouble(-3, 3)};
        boolean nearKink = false;
        for (int i = 0; i < 3; i++) {
          double res = Math.abs(p[i] - q[i]);
          nearKink |= res < 1e-2 || Math.abs(res - 1) < 1e-2;
        }
        if (nearKink) {
          continue;
        }
        var lg = PiecewiseGradients.loss(p, q, kind);
        double[] pq = {p[0], p[1], p[2], q[0], q[1], q[2]};
        ToDoubleFunction<double[]> loss =
            x -> Piecewise.loss(new double[] {x[0], x[1], x[2]}, new double[] {x[3], x[4], x[5]}, k);
        double[] lgrad = {lg.prediction()[0], lg.prediction()[1], lg.prediction()[2], lg.target()[0], lg.target()[1], lg.target()[2]};
        double ldot = 0;
        for (int i = 0; i < 6; i++) {
          close(difference(loss, pq, i), lgrad[i], "loss " + kind + ", input " + i);
          ldot += lgrad[i] * v[i];
        }
        var lt = PiecewiseGradients.lossTangent(p, q, kind, new double[] {v[0], v[1], v[2]}, new double[] {v[3], v[4], v[5]});
        assertEquals(lg.value(), lt.value());
        assertEquals(ldot, lt.tangent(), 1e-12);
      }
    }
  }
}
