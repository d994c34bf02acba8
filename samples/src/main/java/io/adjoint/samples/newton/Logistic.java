package io.adjoint.samples.newton;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * The loss the Newton sample minimises: logistic regression's mean cross-entropy plus a small ridge
 * penalty, which makes the minimiser unique and the Hessian positive definite.
 */
public final class Logistic {
  private Logistic() {}

  /**
   * The mean over the rows of {@link #softplus}(z) − y·z with z = w·x (the loss of {@link
   * io.adjoint.samples.logistic.LogisticRegression#loss}), plus λ/2·‖w‖². With {@code order = 2} the
   * processor also generates {@code meanLossHessian} and {@code meanLossHessianVector}.
   *
   * @param w the weights, one per feature (an intercept is a feature that is always 1)
   * @param x the rows' features
   * @param y the rows' labels, 0 or 1
   * @param lambda the ridge penalty's weight
   */
  @Differentiable(order = 2)
  public static double meanLoss(
      double[] w, @NoDerivative double[][] x, @NoDerivative double[] y, @NoDerivative double lambda) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * x[i][j];
      }
      total += softplus(z) - y[i] * z;
    }
    double squares = 0;
    for (int j = 0; j < w.length; j++) {
      squares += w[j] * w[j];
    }
    return total / x.length + 0.5 * lambda * squares;
  }

  /**
   * softplus(z) = log(1 + eᶻ), by a branch whose two arms are smooth and cannot overflow. The one-line
   * form {@code Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)))} has the right gradient everywhere
   * but a second derivative of 0 at z = 0 (the kinks of max and abs cancel in the value, not in their
   * derivatives' conventions), so Newton's method from w = 0 would see the Hessian λ·I.
   */
  @Differentiable(order = 2)
  public static double softplus(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }
}
