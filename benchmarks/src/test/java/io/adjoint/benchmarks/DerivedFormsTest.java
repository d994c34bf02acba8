package io.adjoint.benchmarks;

import io.adjoint.GradCheck;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Jacobians and Hessian-vector products the benchmarks time are right: each against central
 * differences ({@link GradCheck}) of the function or of the generated gradient, itself checked in {@link
 * BaselinesTest}.
 */
class DerivedFormsTest {
  private final SplittableRandom random = new SplittableRandom(7);

  @Test
  void residualsJacobian() {
    double[] xs = random.doubles(12, 0, 3).toArray();
    double[] ys = random.doubles(12, 0, 2).toArray();
    GradCheck.checkJacobian(
            theta -> VectorObjectives.residuals(theta, xs, ys),
            theta -> VectorObjectivesGradients.residualsJacobian(theta, xs, ys).theta(),
            2.0, 0.7, 0.1)
        .assertPassed();
  }

  @Test
  void layerJacobian() {
    int rows = 3;
    int columns = 4;
    double[] input = random.doubles(columns, -1, 1).toArray();
    double[] flat = random.doubles(rows * columns + rows, -0.5, 0.5).toArray();
    GradCheck.checkJacobian(
            p -> VectorObjectives.layer(weights(p, rows, columns), Arrays.copyOfRange(p, rows * columns, p.length), input),
            p -> {
              var j = VectorObjectivesGradients.layerJacobian(
                  weights(p, rows, columns), Arrays.copyOfRange(p, rows * columns, p.length), input);
              double[][] joined = new double[rows][];
              for (int i = 0; i < rows; i++) {
                double[] row = new double[p.length];
                for (int r = 0; r < rows; r++) {
                  System.arraycopy(j.weights()[i][r], 0, row, r * columns, columns);
                }
                System.arraycopy(j.bias()[i], 0, row, rows * columns, rows);
                joined[i] = row;
              }
              return joined;
            },
            flat)
        .assertPassed();
  }

  @Test
  void hessianVectorProducts() {
    double[] v = {0.3, -0.8, 0.5};
    GradCheck.checkHessianVector(
            p -> {
              double[] g = new double[3];
              ObjectivesGradients.twentyInto(p[0], p[1], p[2], g);
              return g;
            },
            (p, d) -> {
              double[] hv = new double[3];
              ObjectivesGradients.twentyHessianVectorInto(p[0], p[1], p[2], d[0], d[1], d[2], hv);
              return hv;
            },
            new double[] {-1.2, 1.1, 0.7},
            v)
        .assertPassed();
    double[] x = random.doubles(20, -1.5, 1.5).toArray();
    double[] direction = random.doubles(20, -0.2, 0.2).toArray();
    GradCheck.checkHessianVector(
            p -> {
              double[] g = new double[p.length];
              ObjectivesGradients.rosenbrockNInto(p, g);
              return g;
            },
            ObjectivesGradients::rosenbrockNHessianVector,
            x,
            direction)
        .assertPassed();
  }

  private static double[][] weights(double[] flat, int rows, int columns) {
    double[][] w = new double[rows][];
    for (int r = 0; r < rows; r++) {
      w[r] = Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
    }
    return w;
  }
}
