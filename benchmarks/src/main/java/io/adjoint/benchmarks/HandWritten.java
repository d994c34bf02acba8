package io.adjoint.benchmarks;

/**
 * Gradients of {@link Objectives} written by hand, as a careful person would: shared subexpressions
 * computed once, no allocation. Each writes the partials into {@code out} and returns the value.
 */
public final class HandWritten {
  private HandWritten() {}

  public static double neuron(double w1, double w2, double b, double x1, double x2, double[] out) {
    double s = 1 / (1 + Math.exp(-(w1 * x1 + w2 * x2 + b)));
    double ds = s * (1 - s);
    out[0] = ds * x1;
    out[1] = ds * x2;
    out[2] = ds;
    return s;
  }

  public static double rosenbrock(double x, double y, double[] out) {
    double a = 1 - x;
    double b = y - x * x;
    out[0] = -2 * a - 400 * x * b;
    out[1] = 200 * b;
    return a * a + 100 * b * b;
  }

  public static double twenty(double x, double y, double z, double[] out) {
    double a = x * y + z;
    double sinA = Math.sin(a);
    double e = Math.exp(-z * z);
    double b = sinA * e;
    double q = 1 + x * x + y * y;
    double c = Math.log(q);
    double r = Math.sqrt(1 + z * z);
    double th = Math.tanh(y);
    double d = r * th;
    // f = a·b + c/d − x·z
    double da = b + a * Math.cos(a) * e; // ∂(a·b)/∂a, with b = sin(a)·e
    double dbdz = sinA * e * (-2 * z); // ∂b/∂z through e
    double dc = 1 / d;
    double dd = -c / (d * d);
    out[0] = da * y + dc * (2 * x / q) - z;
    out[1] = da * x + dc * (2 * y / q) + dd * r * (1 - th * th);
    out[2] = da + a * dbdz + dd * th * (z / r) - x;
    return a * b + c / d - x * z;
  }

  /**
   * The gradient of {@link Objectives#rosenbrockN} in one pass: term i contributes to ∂/∂x_i and
   * ∂/∂x_{i+1}; the second part is carried to the next step.
   */
  public static double rosenbrockN(double[] x, double[] out) {
    int n = x.length;
    double sum = 0;
    double carry = 0; // 200·b of the previous term: its part of ∂/∂x_i
    for (int i = 0; i + 1 < n; i++) {
      double xi = x[i];
      double a = 1 - xi;
      double b = x[i + 1] - xi * xi;
      sum += a * a + 100 * b * b;
      out[i] = carry - 2 * a - 400 * xi * b;
      carry = 200 * b;
    }
    out[n - 1] = carry;
    return sum;
  }

  /**
   * The gradient of {@link io.adjoint.samples.logistic.LogisticRegression#totalLoss} in one pass over the
   * rows: each row's dot product, its term, and the term's derivative −y·σ(−m) times the row added into
   * {@code out} (∂/∂w, zeroed first).
   */
  public static double logisticLoss(double[] w, double[][] x, double[] y, double[] out) {
    java.util.Arrays.fill(out, 0, w.length, 0.0);
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * row[j];
      }
      double margin = y[i] * z;
      double e = Math.exp(-Math.abs(margin));
      total += Math.max(-margin, 0.0) + Math.log1p(e);
      // d/dm of the term: −σ(−m), that is −1/(1 + e^m), written with e = exp(−|m|)
      double sigma = margin > 0 ? e / (1 + e) : 1 / (1 + e);
      double scale = -y[i] * sigma;
      for (int j = 0; j < w.length; j++) {
        out[j] += scale * row[j];
      }
    }
    return total;
  }

  /** The gradient of {@link Objectives#dot}: ∂/∂a = b and ∂/∂b = a, laid out as a then b. */
  public static double dot(double[] a, double[] b, double[] out) {
    int n = a.length;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += a[i] * b[i];
      out[i] = b[i];
      out[n + i] = a[i];
    }
    return sum;
  }

  /**
   * The directional derivative of {@link Objectives#rosenbrockN} along {@code v}, in the same loop as
   * the value, as a person would write forward mode: {@code out[0]} gets the value.
   */
  public static double rosenbrockNTangent(double[] x, double[] v, double[] out) {
    double sum = 0;
    double dot = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double xi = x[i];
      double a = 1 - xi;
      double b = x[i + 1] - xi * xi;
      sum += a * a + 100 * b * b;
      dot += -2 * a * v[i] + 200 * b * (v[i + 1] - 2 * xi * v[i]);
    }
    out[0] = sum;
    return dot;
  }

  /**
   * The neuron's Hessian in its weights and bias: σ″(z)·uuᵀ with u = (x1, x2, 1) and σ″ = σ(1 − σ)(1 − 2σ).
   * Writes the 3 × 3 matrix into {@code out} and returns the value.
   */
  public static double neuronHessian(double w1, double w2, double b, double x1, double x2, double[][] out) {
    double s = 1 / (1 + Math.exp(-(w1 * x1 + w2 * x2 + b)));
    double curvature = s * (1 - s) * (1 - 2 * s);
    double[] u = {x1, x2, 1};
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        out[i][k] = curvature * u[i] * u[k];
      }
    }
    return s;
  }

  /** Rosenbrock's Hessian in two dimensions, into {@code out}; returns the value. */
  public static double rosenbrockHessian(double x, double y, double[][] out) {
    double a = 1 - x;
    double b = y - x * x;
    out[0][0] = 2 - 400 * y + 1200 * x * x;
    out[0][1] = -400 * x;
    out[1][0] = -400 * x;
    out[1][1] = 200;
    return a * a + 100 * b * b;
  }
}
