package io.adjoint.samples.curvefit;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * Exponential decay towards a baseline, y(t) = c + A·exp(−k·t), with parameters {@code theta = [A, k,
 * c]}: the model the curve-fitting sample fits (Newton's law of cooling, for a cup of coffee).
 */
public final class Decay {
  private Decay() {}

  /**
   * The model's values at the times {@code ts}. The processor generates {@code
   * DecayGradients.modelJacobian(theta, ts)}: the values and their Jacobian, one row per time and one
   * column per parameter, the layout least-squares solvers take.
   */
  @Differentiable
  public static double[] model(double[] theta, @NoDerivative double[] ts) {
    double[] y = new double[ts.length];
    for (int i = 0; i < ts.length; i++) {
      y[i] = theta[2] + theta[0] * Math.exp(-theta[1] * ts[i]);
    }
    return y;
  }

  /**
   * Half the sum of squared residuals, the cost least squares minimises. It calls the vector-valued
   * {@link #model}, so {@code DecayGradients.cost(theta, ts, ys)} is its gradient, Jᵀr.
   */
  @Differentiable
  public static double cost(double[] theta, @NoDerivative double[] ts, @NoDerivative double[] ys) {
    double[] y = model(theta, ts);
    double sum = 0;
    for (int i = 0; i < ts.length; i++) {
      double r = y[i] - ys[i];
      sum += r * r;
    }
    return 0.5 * sum;
  }
}
