package io.adjoint.samples.interop;

import io.adjoint.Differentiable;

/**
 * Differentiable code that calls {@link Stable}'s functions, through their declared derivatives, and is
 * in turn used as single nodes of {@code Value} graphs ({@code LossesGradients.robust(Value, Value)}).
 */
public final class Losses {
  private Losses() {}

  /** A robust regression loss of a residual, smooth everywhere. */
  @Differentiable
  public static double robust(double prediction, double target) {
    return Stable.logCosh(prediction - target);
  }

  /** The logistic loss of a score for a label ±1, and a soft maximum of two scores. */
  @Differentiable
  public static double mixed(double w, double x, double y) {
    double score = w * x;
    return Stable.softplus(-y * score) + 0.1 * Stable.logAddExp(score, w * w);
  }
}
