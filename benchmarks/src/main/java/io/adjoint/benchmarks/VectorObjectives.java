package io.adjoint.benchmarks;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * Vector-valued objectives of the Jacobian benchmarks, of several shapes: few or many inputs and outputs
 * (a rotation and bundle adjustment's reprojection error are the samples' own, {@code
 * samples/.../ba/BundleAdjustment}).
 */
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
