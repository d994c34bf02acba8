package io.adjoint.benchmarks;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/** Vector-valued objectives of the Jacobian benchmarks, of several shapes: few or many inputs and outputs. */
public final class VectorObjectives {
  private VectorObjectives() {}

  /** Exponential-decay residuals a·exp(−b·x) + c − y at each point: 3 inputs, one output per point. */
  @Differentiable
  public static double[] residuals(double[] theta, @NoDerivative double[] xs, @NoDerivative double[] ys) {
    double[] r = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      r[i] = theta[0] * Math.exp(-theta[1] * xs[i]) + theta[2] - ys[i];
    }
    return r;
  }

  /** Rodrigues' rotation of x by the axis-angle vector w: 6 inputs, 3 outputs. */
  @Differentiable
  public static double[] rotate(double[] w, double[] x) {
    double theta = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
    double c = Math.cos(theta);
    double s = Math.sin(theta);
    double k0 = w[0] / theta;
    double k1 = w[1] / theta;
    double k2 = w[2] / theta;
    double dot = (k0 * x[0] + k1 * x[1] + k2 * x[2]) * (1 - c);
    return new double[] {
      x[0] * c + (k1 * x[2] - k2 * x[1]) * s + k0 * dot,
      x[1] * c + (k2 * x[0] - k0 * x[2]) * s + k1 * dot,
      x[2] * c + (k0 * x[1] - k1 * x[0]) * s + k2 * dot
    };
  }

  /** A dense layer tanh(W·x + b): rows·(columns + 1) inputs, one output per row. */
  @Differentiable
  public static double[] layer(double[][] weights, double[] bias, @NoDerivative double[] input) {
    double[] out = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      double s = bias[i];
      for (int j = 0; j < input.length; j++) {
        s += weights[i][j] * input[j];
      }
      out[i] = Math.tanh(s);
    }
    return out;
  }
}
