package io.adjoint.benchmarks;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * The straight-line objectives of the gradient benchmarks, differentiated by Adjoint; those of the
 * second-order benchmarks also twice ({@code order = 2}).
 */
public final class Objectives {
  private Objectives() {}

  /** The seed page's neuron: sigmoid(w1·x1 + w2·x2 + b), differentiated in the weights and bias. */
  @Differentiable(order = 2)
  public static double neuron(
      double w1, double w2, double b, @NoDerivative double x1, @NoDerivative double x2) {
    double z = w1 * x1 + w2 * x2 + b;
    return 1 / (1 + Math.exp(-z));
  }

  /** Rosenbrock's function in two dimensions. */
  @Differentiable(order = 2)
  public static double rosenbrock(double x, double y) {
    double a = 1 - x;
    double b = y - x * x;
    return a * a + 100 * b * b;
  }

  /** A scalar function of about 20 operations mixing arithmetic and transcendental functions. */
  @Differentiable(order = 2)
  public static double twenty(double x, double y, double z) {
    double a = x * y + z;
    double b = Math.sin(a) * Math.exp(-z * z);
    double c = Math.log(1 + x * x + y * y);
    double d = Math.sqrt(1 + z * z) * Math.tanh(y);
    return a * b + c / d - x * z;
  }

  /**
   * Rosenbrock's function in n dimensions, Σ_{i<n−1} (1 − x_i)² + 100·(x_{i+1} − x_i²)², as a loop over
   * an array.
   */
  @Differentiable(order = 2)
  public static double rosenbrockN(double[] x) {
    double sum = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = 1 - x[i];
      double b = x[i + 1] - x[i] * x[i];
      sum += a * a + 100 * b * b;
    }
    return sum;
  }

  /** The dot product Σ a_i·b_i of two arrays of the same length. */
  @Differentiable
  public static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
