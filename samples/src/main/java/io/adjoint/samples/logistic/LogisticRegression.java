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

  /**
   * The logistic loss of a whole data set, Σᵢ log(1 + exp(−yᵢ·w·xᵢ)) with labels ±1: the same as Σᵢ
   * {@link #loss} with the labels (yᵢ + 1)/2, in one method over the rows. Each term is written as
   * max(−m, 0) + log1p(exp(−|m|)) with m = yᵢ·w·xᵢ, so that it cannot overflow. The processor fuses the
   * loop over the rows: the gradient of each row's term is added in the same iteration, right after
   * the row's dot product, so the gradient keeps no tape and reads each row once, while it is in cache.
   *
   * @param w the weights, one per feature
   * @param x the rows of features {@code [n][w.length]}
   * @param y the labels, −1 or +1
   */
  @Differentiable
  public static double totalLoss(double[] w, @NoDerivative double[][] x, @NoDerivative double[] y) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * x[i][j];
      }
      double margin = y[i] * z;
      total += Math.max(-margin, 0.0) + Math.log1p(Math.exp(-Math.abs(margin)));
    }
    return total;
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
