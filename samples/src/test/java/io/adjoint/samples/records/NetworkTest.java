package io.adjoint.samples.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.samples.Differences;
import io.adjoint.samples.records.Network.Layer;
import io.adjoint.samples.records.Network.Model;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The network whose layers are records of arrays: its gradients, nested like the model, against the flat
 * methods' and against central differences.
 */
class NetworkTest {
  private static double[][] matrix(SplittableRandom r, int rows, int columns) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = r.doubles(columns, -0.7, 0.7).toArray();
    }
    return m;
  }

  private static double[][] withRow(double[][] m, int i, double[] row) {
    double[][] copy = m.clone();
    copy[i] = row;
    return copy;
  }

  @Test
  void loss() {
    SplittableRandom r = new SplittableRandom(13);
    for (int hidden = 1; hidden <= 4; hidden++) {
      double[][] w1 = matrix(r, hidden, 3);
      double[] b1 = r.doubles(hidden, -0.5, 0.5).toArray();
      double[][] w2 = matrix(r, 1, hidden);
      double[] b2 = {r.nextDouble(-0.5, 0.5)};
      double[] x = r.doubles(3, -1, 1).toArray();
      double target = r.nextDouble(-1, 1);
      Model model = new Model(new Layer(w1, b1), new Layer(w2, b2));
      var g = NetworkGradients.loss(model, x, target);
      var byArrays = NetworkGradients.lossFlat(w1, b1, w2, b2, x, target);
      assertEquals(Network.loss(model, x, target), g.value(), 0.0);
      // the flat method adds the output bias first: the same loss, rounded in another order
      assertEquals(byArrays.value(), g.value(), 1e-14 * Math.max(1, Math.abs(g.value())));
      for (int i = 0; i < hidden; i++) {
        assertArrayEquals(byArrays.hidden()[i], g.model().hidden().weights()[i], 1e-14);
      }
      assertArrayEquals(byArrays.hiddenBias(), g.model().hidden().bias(), 1e-14);
      assertArrayEquals(byArrays.output()[0], g.model().output().weights()[0], 1e-14);
      assertArrayEquals(byArrays.outputBias(), g.model().output().bias(), 1e-14);
      assertArrayEquals(byArrays.x(), g.x(), 1e-14);
      for (int i = 0; i < hidden; i++) {
        int row = i;
        ToDoubleFunction<double[]> f = v -> {
          double[][] w = w1.clone();
          w[row] = v;
          return Network.loss(new Model(new Layer(w, b1), new Layer(w2, b2)), x, target);
        };
        for (int j = 0; j < 3; j++) {
          double expected = Differences.partial(f, w1[i], j);
          assertEquals(expected, g.model().hidden().weights()[i][j], 1e-6 * Math.max(1, Math.abs(expected)));
        }
      }
      Checks.assertDifferences(v -> Network.loss(new Model(new Layer(w1, v), new Layer(w2, b2)), x, target), b1,
          g.model().hidden().bias(), hidden + " hidden: hidden bias");
      Checks.assertDifferences(
          v -> Network.loss(new Model(new Layer(w1, b1), new Layer(new double[][] {v}, b2)), x, target), w2[0],
          g.model().output().weights()[0], hidden + " hidden: output weights");
      Checks.assertDifferences(v -> Network.loss(new Model(new Layer(w1, b1), new Layer(w2, v)), x, target), b2,
          g.model().output().bias(), hidden + " hidden: output bias");
      Checks.assertDifferences(v -> Network.loss(model, v, target), x, g.x(), hidden + " hidden: x");
    }
  }

  /**
   * The hidden layer's output Σᵢ oᵢ tanh(zᵢ), zᵢ = bᵢ + wᵢ·x: ∂/∂oᵢ = tanh zᵢ, ∂/∂bᵢ = oᵢ(1 − tanh² zᵢ),
   * ∂/∂wᵢⱼ = ∂/∂bᵢ · xⱼ, ∂/∂xⱼ = Σᵢ ∂/∂bᵢ · wᵢⱼ; and against central differences and the same output
   * over the arrays themselves.
   */
  @Test
  void outputInClosedForm() {
    SplittableRandom r = new SplittableRandom(16);
    for (int hidden = 1; hidden <= 4; hidden++) {
      double[][] w = matrix(r, hidden, 3);
      double[] b = r.doubles(hidden, -0.5, 0.5).toArray();
      double[] out = r.doubles(hidden, -1, 1).toArray();
      double[] x = r.doubles(3, -1, 1).toArray();
      var g = NetworkGradients.output(new Layer(w, b), out, x);
      double[] xPartials = new double[3];
      for (int i = 0; i < hidden; i++) {
        double z = b[i];
        for (int j = 0; j < 3; j++) {
          z += w[i][j] * x[j];
        }
        double t = Math.tanh(z);
        double bias = out[i] * (1 - t * t);
        assertEquals(t, g.out()[i], 1e-15);
        assertEquals(bias, g.hidden().bias()[i], 1e-15);
        for (int j = 0; j < 3; j++) {
          assertEquals(bias * x[j], g.hidden().weights()[i][j], 1e-15);
          xPartials[j] += bias * w[i][j];
        }
      }
      Checks.assertClose(xPartials, g.x(), 1e-14, "x");

      // the same arithmetic over the layer's arrays themselves
      var byArrays = NetworkGradients.outputFlat(w, b, out, x);
      assertEquals(byArrays.value(), g.value(), 0.0);
      for (int i = 0; i < hidden; i++) {
        int row = i;
        Checks.assertGradient(v -> Network.output(new Layer(withRow(w, row, v), b), out, x), w[i],
            g.hidden().weights()[i], byArrays.weights()[i], 0.0, hidden + " hidden: weights[" + i + "]");
      }
      Checks.assertGradient(v -> Network.output(new Layer(w, v), out, x), b, g.hidden().bias(), byArrays.bias(), 0.0,
          hidden + " hidden: bias");
      Checks.assertGradient(v -> Network.output(new Layer(w, b), v, x), out, g.out(), byArrays.out(), 0.0,
          hidden + " hidden: out");
      Checks.assertGradient(v -> Network.output(new Layer(w, b), out, v), x, g.x(), byArrays.x(), 0.0,
          hidden + " hidden: x");
    }
  }
}
