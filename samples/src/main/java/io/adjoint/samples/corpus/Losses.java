package io.adjoint.samples.corpus;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * Loss functions of a prediction against a target. Targets, margins and quantiles are data, marked
 * {@link NoDerivative} or passed as {@code int}; the logistic losses call {@link Activations}.
 */
public final class Losses {
  private Losses() {}

  /** ½·(prediction − target)². */
  @Differentiable
  public static double squaredError(double prediction, @NoDerivative double target) {
    double r = prediction - target;
    return 0.5 * r * r;
  }

  /** Huber: quadratic within {@code delta} of the target, linear beyond it. */
  @Differentiable
  public static double huber(
      double prediction, @NoDerivative double target, @NoDerivative double delta) {
    double r = Math.abs(prediction - target);
    if (r <= delta) {
      return 0.5 * r * r;
    }
    return delta * (r - 0.5 * delta);
  }

  /** log(cosh(prediction − target)): smooth, quadratic near 0 and linear far away. */
  @Differentiable
  public static double logCosh(double prediction, double target) {
    return Math.log(Math.cosh(prediction - target));
  }

  /** Logistic loss of a score against a label in {−1, +1}: ln(1 + e<sup>−label·score</sup>). */
  @Differentiable
  public static double logisticLoss(double score, int label) {
    return Activations.softplus(-label * score);
  }

  /** Binary cross-entropy of σ(logit) against a probability {@code target}. */
  @Differentiable
  public static double binaryCrossEntropy(double logit, @NoDerivative double target) {
    double p = Activations.sigmoid(logit);
    return -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
  }

  /** Pinball (quantile) loss for quantile {@code tau}. */
  @Differentiable
  public static double pinball(double prediction, double target, @NoDerivative double tau) {
    double r = target - prediction;
    return r >= 0 ? tau * r : (tau - 1) * r;
  }

  /** Hinge loss of a score against a label in {−1, +1}: max(0, 1 − label·score). */
  @Differentiable
  public static double hinge(double score, int label) {
    return Math.max(0.0, 1 - label * score);
  }
}
