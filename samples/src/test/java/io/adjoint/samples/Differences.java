package io.adjoint.samples;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Central differences: the oracle the samples' Jacobians and Hessians are checked against. */
public final class Differences {
  private Differences() {}

  /**
   * The Jacobian of {@code f} at {@code x}, one row per output: column j is (f(x + hⱼeⱼ) − f(x −
   * hⱼeⱼ)) / 2hⱼ with hⱼ = {@code step}·max(1, |xⱼ|).
   */
  public static double[][] jacobian(Function<double[], double[]> f, double[] x, double step) {
    int outputs = f.apply(x).length;
    double[][] jacobian = new double[outputs][x.length];
    for (int j = 0; j < x.length; j++) {
      double h = step * Math.max(1, Math.abs(x[j]));
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[j] += h;
      minus[j] -= h;
      double[] up = f.apply(plus);
      double[] down = f.apply(minus);
      for (int i = 0; i < outputs; i++) {
        jacobian[i][j] = (up[i] - down[i]) / (plus[j] - minus[j]);
      }
    }
    return jacobian;
  }

  /**
   * The partial derivative of {@code f} at {@code x} along entry {@code i}: the Richardson-extrapolated
   * central difference (8(f(x + h) − f(x − h)) − (f(x + 2h) − f(x − 2h))) / 12h, h = 1e-4·max(1, |xᵢ|).
   */
  public static double partial(ToDoubleFunction<double[]> f, double[] x, int i) {
    double h = 1e-4 * Math.max(1, Math.abs(x[i]));
    double[] s = {h, -h, 2 * h, -2 * h};
    double[] v = new double[4];
    for (int k = 0; k < 4; k++) {
      double[] y = x.clone();
      y[i] += s[k];
      v[k] = f.applyAsDouble(y);
    }
    return (8 * (v[0] - v[1]) - (v[2] - v[3])) / (12 * h);
  }

  /** The largest |a − b| / max(1, |b|) over the entries of two matrices of one shape. */
  public static double largestError(double[][] a, double[][] b) {
    double largest = 0;
    for (int i = 0; i < b.length; i++) {
      for (int j = 0; j < b[i].length; j++) {
        largest = Math.max(largest, Math.abs(a[i][j] - b[i][j]) / Math.max(1, Math.abs(b[i][j])));
      }
    }
    return largest;
  }
}
