package golden.arrays;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/** Loops over arrays: adjoints of array parameters go straight into the caller's flat array. */
public final class Series {
  private Series() {}

  /** Rosenbrock's function in n dimensions. */
  @Differentiable
  public static double rosenbrock(double[] x) {
    double sum = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = 1 - x[i];
      double b = x[i + 1] - x[i] * x[i];
      sum += a * a + 100 * b * b;
    }
    return sum;
  }

  /** A scale, a vector and a matrix: the flat layout puts them one after another. */
  @Differentiable
  public static double quadratic(double s, double[] v, double[][] m) {
    double sum = 0;
    for (int i = 0; i < m.length; i++) {
      double row = 0;
      for (int j = 0; j < v.length; j++) {
        row += m[i][j] * v[j];
      }
      sum += row * row;
    }
    return s * sum;
  }

  /** A local array the method stores into has an adjoint array of its own. */
  @Differentiable
  public static double smooth(double[] x, double[] w) {
    double[] y = new double[x.length];
    y[0] = x[0];
    for (int i = 1; i < x.length; i++) {
      y[i] = 0.5 * (x[i] + y[i - 1]);
    }
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += w[i] * y[i];
    }
    return sum;
  }

  /** A hinge loss averaged over points: the reverse of the if runs in the same iteration. */
  @Differentiable
  public static double hinge(double[] w, @NoDerivative double[][] x, @NoDerivative double[] y) {
    double loss = 0;
    for (int i = 0; i < y.length; i++) {
      double margin = y[i] * (w[0] * x[i][0] + w[1] * x[i][1]);
      if (margin < 1) {
        loss += 1 - margin;
      }
    }
    return loss / y.length;
  }
}
