package io.adjoint.samples.corpus;

import io.adjoint.Differentiable;

/**
 * Activation functions of neural networks, written as one would write them by hand. The branchy ones
 * (ELU, leaky ReLU, the stable softplus) exercise {@code if}/{@code else} and early returns; {@link
 * #sigmoid} is a helper the others call.
 */
public final class Activations {
  private Activations() {}

  static final double SQRT_2_OVER_PI = 0.7978845608028654; // √(2/π)
  static final double GELU_CUBIC = 0.044715;
  static final double SELU_ALPHA = 1.6732632423543772;
  static final double SELU_SCALE = 1.0507009873554805;

  /** The logistic function 1 / (1 + e<sup>−x</sup>), in the form that cannot overflow. */
  @Differentiable
  public static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  /** softplus(x) = ln(1 + e<sup>x</sup>), as max(x, 0) + log1p(e<sup>−|x|</sup>) so that it never overflows. */
  @Differentiable
  public static double softplus(double x) {
    return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** GELU, tanh approximation: ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
  @Differentiable
  public static double geluTanh(double x) {
    double inner = SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x);
    return 0.5 * x * (1.0 + Math.tanh(inner));
  }

  /** Swish (SiLU) with a trainable slope: x·σ(βx). Calls {@link #sigmoid}. */
  @Differentiable
  public static double swish(double x, double beta) {
    return x * sigmoid(beta * x);
  }

  /** ELU: x for x &gt; 0, else α·(e<sup>x</sup> − 1); α is differentiable too. */
  @Differentiable
  public static double elu(double x, double alpha) {
    if (x > 0) {
      return x;
    } else {
      return alpha * Math.expm1(x);
    }
  }

  /** Leaky ReLU with slope {@code slope} below 0, as a ternary. */
  @Differentiable
  public static double leakyRelu(double x, double slope) {
    return x >= 0 ? x : slope * x;
  }

  /** SELU: λ·x for x &gt; 0, else λ·α·(e<sup>x</sup> − 1), with the constants as static finals. */
  @Differentiable
  public static double selu(double x) {
    double y = x;
    if (x <= 0) {
      y = SELU_ALPHA * (Math.exp(x) - 1.0);
    }
    return SELU_SCALE * y;
  }

  /** Mish: x·tanh(softplus(x)). Calls {@link #softplus}. */
  @Differentiable
  public static double mish(double x) {
    return x * Math.tanh(softplus(x));
  }
}
