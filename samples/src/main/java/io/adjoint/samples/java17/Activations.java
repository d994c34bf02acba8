package io.adjoint.samples.java17;

import io.adjoint.Differentiable;

/**
 * A small model configured by enums, as Java code is: the activation and the loss are enum parameters,
 * switched on (a statement with arrow labels, an exhaustive switch expression without {@code default}),
 * compared with {@code ==}, and passed on to other {@code @Differentiable} methods. Enums carry no
 * derivative: the gradient goes through the chosen case only.
 */
public final class Activations {
  /** How a unit's weighted sum is squashed. */
  public enum Activation { RELU, TANH, SOFTPLUS, GELU }

  /** How a prediction is compared with its target. */
  public enum Loss { SQUARED, ABSOLUTE, HUBER }

  private Activations() {}

  /** {@code activation} applied to {@code z}. */
  @Differentiable
  public static double activate(double z, Activation activation) {
    double y;
    switch (activation) {
      case RELU -> y = Math.max(0, z);
      case TANH -> y = Math.tanh(z);
      case SOFTPLUS -> y = z > 20 ? z : Math.log1p(Math.exp(z));
      default -> {
        double c = Math.sqrt(2 / Math.PI);
        y = 0.5 * z * (1 + Math.tanh(c * (z + 0.044715 * z * z * z)));
      }
    }
    return y;
  }

  /** The loss of {@code prediction} against {@code target}: a switch expression over every constant. */
  @Differentiable
  public static double loss(double prediction, double target, Loss loss) {
    double r = prediction - target;
    return switch (loss) {
      case SQUARED -> 0.5 * r * r;
      case ABSOLUTE -> Math.abs(r);
      case HUBER -> {
        double a = Math.abs(r);
        yield a <= 1 ? 0.5 * r * r : a - 0.5;
      }
    };
  }

  /**
   * A two-layer network with {@code hidden} units, {@code w} holding each unit's two weights and bias
   * and then the output weights and bias, its loss on the point {@code (x, target)}: the activation of
   * the hidden layer is {@code activation}, the output is linear unless the activation is {@link
   * Activation#TANH} (then squashed too).
   */
  @Differentiable
  public static double network(double[] w, double x0, double x1, double target, Activation activation, Loss loss) {
    int hidden = (w.length - 1) / 4;
    double out = w[w.length - 1];
    for (int j = 0; j < hidden; j++) {
      double z = w[3 * j] * x0 + w[3 * j + 1] * x1 + w[3 * j + 2];
      out += w[3 * hidden + j] * activate(z, activation);
    }
    if (activation == Activation.TANH) {
      out = Math.tanh(out);
    }
    return loss(out, target, loss);
  }

  /** The mean loss of {@link #network} over the points {@code (x0[i], x1[i])}, the unit's index as a weight. */
  @Differentiable
  public static double meanLoss(double[] w, double[] x0, double[] x1, double[] targets, Activation activation,
      Loss loss) {
    double sum = 0;
    for (int i = 0; i < targets.length; i++) {
      sum += network(w, x0[i], x1[i], targets[i], activation, loss) * (1 + 0.1 * loss.ordinal());
    }
    return sum / targets.length;
  }
}
