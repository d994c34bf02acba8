package io.adjoint.samples.records;

import static io.adjoint.samples.records.Checks.assertClose;
import static io.adjoint.samples.records.Checks.assertDifferences;
import static io.adjoint.samples.records.Checks.assertGradient;
import static io.adjoint.samples.records.Checks.assertTangent;
import static io.adjoint.samples.records.Checks.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.samples.records.Regression.Coefficients;
import io.adjoint.samples.records.Regression.Dataset;
import io.adjoint.samples.records.Regression.Sample;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Regression over records holding arrays: the prediction and one sample's error in closed form and against
 * the same over the arrays themselves, the ridge loss against central differences in every weight, feature
 * and target and against the same loss over the arrays themselves, the tangent form against ⟨∇f, v⟩.
 */
class RegressionTest {
  private static double[][] matrix(SplittableRandom r, int rows, int columns) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = r.doubles(columns, -2, 2).toArray();
    }
    return m;
  }

  private static double[][] withRow(double[][] m, int i, double[] row) {
    double[][] copy = m.clone();
    copy[i] = row;
    return copy;
  }

  /** ∂/∂w = r x, ∂/∂b = r, ∂/∂x = r w, ∂/∂y = −r with r = w·x + b − y; the prediction's are x, 1, w. */
  @Test
  void predictionAndSquaredErrorInClosedForm() {
    SplittableRandom r = new SplittableRandom(61);
    for (int d = 1; d <= 5; d++) {
      double[] w = r.doubles(d, -1, 1).toArray();
      double[] x = r.doubles(d, -2, 2).toArray();
      Coefficients c = new Coefficients(w, r.nextDouble(-1, 1));
      Sample sample = new Sample(x, r.nextDouble(-3, 3));

      var p = RegressionGradients.predict(c, x);
      assertArrayEquals(x, p.c().weights(), 0.0);
      assertEquals(1, p.c().bias(), 0.0);
      assertArrayEquals(w, p.x(), 0.0);
      var predictByArrays = RegressionGradients.predictFlat(w, c.bias(), x);
      assertEquals(predictByArrays.value(), p.value(), 0.0);
      assertGradient(v -> Regression.predict(new Coefficients(v, c.bias()), x), w, p.c().weights(),
          predictByArrays.weights(), 0.0, "prediction: w");
      assertGradient(v -> Regression.predict(new Coefficients(w, v[0]), x), new double[] {c.bias()},
          new double[] {p.c().bias()}, new double[] {predictByArrays.bias()}, 0.0, "prediction: b");
      assertGradient(v -> Regression.predict(c, v), x, p.x(), predictByArrays.x(), 0.0, "prediction: x");

      var g = RegressionGradients.squaredError(c, sample);
      double residual = Regression.predict(c, x) - sample.y();
      assertEquals(0.5 * residual * residual, g.value(), 0.0);
      for (int j = 0; j < d; j++) {
        assertEquals(residual * x[j], g.c().weights()[j], 1e-15 * Math.max(1, Math.abs(residual * x[j])));
        assertEquals(residual * w[j], g.sample().x()[j], 1e-15 * Math.max(1, Math.abs(residual * w[j])));
      }
      assertEquals(residual, g.c().bias(), 1e-15 * Math.max(1, Math.abs(residual)));
      assertEquals(-residual, g.sample().y(), 1e-15 * Math.max(1, Math.abs(residual)));
      // the ridge loss over one sample without a penalty is the squared error, in the same arithmetic
      var byArrays = RegressionGradients.ridgeLossFlat(w, c.bias(), new double[][] {x}, new double[] {sample.y()}, 0);
      assertEquals(byArrays.value(), g.value(), 0.0);
      assertGradient(v -> Regression.squaredError(new Coefficients(v, c.bias()), sample), w, g.c().weights(),
          byArrays.weights(), 1e-15, "w");
      assertGradient(v -> Regression.squaredError(c, new Sample(v, sample.y())), x, g.sample().x(), byArrays.x()[0],
          1e-15, "x");
      assertEquals(byArrays.bias(), g.c().bias(), 1e-15 * Math.max(1, Math.abs(residual)));
      assertEquals(byArrays.y()[0], g.sample().y(), 1e-15 * Math.max(1, Math.abs(residual)));
    }
  }

  @Test
  void ridgeLoss() {
    SplittableRandom r = new SplittableRandom(62);
    double lambda = 0.1;
    for (int n = 1; n <= 6; n++) {
      int d = 1 + n % 4;
      double[] w = r.doubles(d, -1, 1).toArray();
      double bias = r.nextDouble(-1, 1);
      double[][] x = matrix(r, n, d);
      double[] y = r.doubles(n, -3, 3).toArray();
      Coefficients c = new Coefficients(w, bias);
      Dataset data = new Dataset(x, y);
      var g = RegressionGradients.ridgeLoss(c, data, lambda);
      assertEquals(Regression.ridgeLoss(c, data, lambda), g.value(), 0.0);
      String what = n + " samples of " + d;

      assertDifferences(v -> Regression.ridgeLoss(new Coefficients(v, bias), data, lambda), w, g.c().weights(),
          what + ": weights");
      assertDifferences(v -> Regression.ridgeLoss(new Coefficients(w, v[0]), data, lambda), new double[] {bias},
          new double[] {g.c().bias()}, what + ": bias");
      for (int i = 0; i < n; i++) {
        int row = i;
        assertDifferences(v -> Regression.ridgeLoss(c, new Dataset(withRow(x, row, v), y), lambda), x[i],
            g.data().x()[i], what + ": x[" + i + "]");
      }
      assertDifferences(v -> Regression.ridgeLoss(c, new Dataset(x, v), lambda), y, g.data().y(), what + ": y");

      // the same arithmetic over the arrays
      var byArrays = RegressionGradients.ridgeLossFlat(w, bias, x, y, lambda);
      assertEquals(byArrays.value(), g.value(), 0.0);
      assertClose(byArrays.weights(), g.c().weights(), 1e-15, what + ": weights against the flat loss");
      assertEquals(byArrays.bias(), g.c().bias(), 1e-15 * Math.max(1, Math.abs(g.c().bias())));
      for (int i = 0; i < n; i++) {
        assertClose(byArrays.x()[i], g.data().x()[i], 1e-15, what + ": x[" + i + "] against the flat loss");
      }
      assertClose(byArrays.y(), g.data().y(), 1e-15, what + ": y against the flat loss");

      double[] wDot = r.doubles(d, -1, 1).toArray();
      double bDot = r.nextDouble(-1, 1);
      double[][] xDot = matrix(r, n, d);
      double[] yDot = r.doubles(n, -1, 1).toArray();
      var tangent = RegressionGradients.ridgeLossTangent(c, data, lambda,
          new Regression_CoefficientsTangent(wDot, bDot), new Regression_DatasetTangent(xDot, yDot));
      double[] gradient = concat(g.c().weights(), new double[] {g.c().bias()}, g.data().y());
      double[] direction = concat(wDot, new double[] {bDot}, yDot);
      for (int i = 0; i < n; i++) {
        gradient = concat(gradient, g.data().x()[i]);
        direction = concat(direction, xDot[i]);
      }
      assertTangent(gradient, direction, tangent.tangent(), what + ": tangent");
    }
  }
}
