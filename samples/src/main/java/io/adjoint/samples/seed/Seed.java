package io.adjoint.samples.seed;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * The seed walkthrough's three examples as plain {@code double} methods; the processor writes their
 * gradients to {@code SeedGradients}. {@link SeedSamples} runs them as the walkthrough runs its {@code
 * Value} versions.
 */
public final class Seed {
  private Seed() {}

  /** e = (a + b) + a·b. */
  @Differentiable
  public static double graph(double a, double b) {
    return (a + b) + a * b;
  }

  /** A neuron: sigmoid(w1·x1 + w2·x2 + b); the inputs are data, so the gradient is over w1, w2, b. */
  @Differentiable
  public static double neuron(
      @NoDerivative double x1, @NoDerivative double x2, double w1, double w2, double b) {
    double z = w1 * x1 + w2 * x2 + b;
    return 1 / (1 + Math.exp(-z));
  }

  /** (w·x + b − y)² for the target line y = 2x + 1. */
  @Differentiable
  public static double squaredError(double w, double b, int x) {
    double error = w * x + b - (2 * x + 1);
    return error * error;
  }

  /** The training loss: the sum of squared errors at x = 1, 2, 3, 4 (unrolled: no loops yet). */
  @Differentiable
  public static double loss(double w, double b) {
    return squaredError(w, b, 1) + squaredError(w, b, 2) + squaredError(w, b, 3)
        + squaredError(w, b, 4);
  }
}
