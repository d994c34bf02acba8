package io.adjoint.samples.java17;

import io.adjoint.Differentiable;

/**
 * Piecewise functions as Java 17 code writes them: a {@code switch} over a bracket or a kind (arrow and
 * colon labels, a switch expression, a block that yields), and the newer {@code Math} functions. The
 * gradient goes through the chosen case only.
 */
public final class Piecewise {
  public static final int RELU = 0;
  public static final int LEAKY = 1;
  public static final int GELU = 2;
  public static final int SOFTPLUS = 3;

  private Piecewise() {}

  /**
   * Income tax over brackets of 10,000 taxed at 0%, 10%, 20% and 40% of what lies in them: continuous,
   * with the marginal rate as derivative.
   */
  @Differentiable
  public static double tax(double income) {
    int bracket = (int) Math.min(3, Math.max(0, Math.floor(income / 10_000)));
    double over = income - bracket * 10_000.0;
    return switch (bracket) {
      case 0 -> 0.0;
      case 1 -> 0.10 * over;
      case 2 -> 1_000 + 0.20 * over;
      default -> {
        double below = 1_000 + 2_000;
        yield below + 0.40 * over;
      }
    };
  }

  /** An activation function chosen by {@code kind}. */
  @Differentiable
  public static double activate(double x, int kind) {
    switch (kind) {
      case RELU:
        return Math.max(0, x);
      case LEAKY:
        return x > 0 ? x : 0.01 * x;
      case GELU: {
        double c = Math.sqrt(2 / Math.PI);
        return 0.5 * x * (1 + Math.tanh(c * Math.fma(0.044715 * x, x * x, x)));
      }
      default:
        return x > 20 ? x : Math.log1p(Math.exp(x));
    }
  }

  /** A neuron: the weighted sum of its inputs and a bias, through the activation {@code kind}. */
  @Differentiable
  public static double neuron(double[] w, double[] in, double b, int kind) {
    double z = b;
    for (int i = 0; i < w.length; i++) {
      z = Math.fma(w[i], in[i], z);
    }
    return activate(z, kind);
  }

  /**
   * A loss chosen per sample (0: squared, 1: absolute, 2: Huber, other: log-cosh), summed over the
   * samples; a switch in a loop, falling through from Huber's quadratic part.
   */
  @Differentiable
  public static double loss(double[] prediction, double[] target, int kind) {
    double sum = 0;
    for (int i = 0; i < prediction.length; i++) {
      double r = prediction[i] - target[i];
      double term = 0;
      switch (kind) {
        case 2:
          if (Math.abs(r) <= 1) {
            term = 0.5 * r * r;
            break;
          }
          term = -0.5; // beyond 1, Huber is |r| − 1/2: go on to the absolute loss
        case 1:
          term += Math.copySign(r, 1.0);
          break;
        case 0:
          term = r * r;
          break;
        default:
          term = Math.log(Math.cosh(r));
      }
      sum += term;
    }
    return sum / prediction.length;
  }
}
