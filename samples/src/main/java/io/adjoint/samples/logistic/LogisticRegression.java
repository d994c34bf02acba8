package io.adjoint.samples.logistic;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * Logistic regression, one example at a time: the processor generates {@code
 * LogisticRegressionGradients.lossPullback(w, x, y, upstream, adjoints, offset)}, which {@link
 * io.adjoint.data.DataSetGradient} sums over a data set.
 */
public final class LogisticRegression {
  private LogisticRegression() {}

  /**
   * The cross-entropy of σ(w·x) against the label y (0 or 1): softplus(z) − y·z with z = w·x, written
   * as max(z, 0) + log1p(exp(−|z|)) − y·z so that it cannot overflow. It is MLlib's {@code
   * LogisticGradient} loss for two classes.
   *
   * @param w the weights, one per feature (an intercept is a feature that is always 1)
   * @param x the example's features
   * @param y the example's label, 0 or 1
   */
  @Differentiable
  public static double loss(double[] w, @NoDerivative double[] x, @NoDerivative double y) {
    double z = 0;
    for (int j = 0; j < x.length; j++) {
      z += w[j] * x[j];
    }
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z;
  }

  /** The probability σ(w·x) that the label of {@code x} is 1. */
  public static double probability(double[] w, double[] x) {
    double z = 0;
    for (int j = 0; j < x.length; j++) {
      z += w[j] * x[j];
    }
    return 1 / (1 + Math.exp(-z));
  }
}
