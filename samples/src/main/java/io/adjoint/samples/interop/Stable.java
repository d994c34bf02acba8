package io.adjoint.samples.interop;

/**
 * Numerically careful functions, written for accuracy rather than for a differentiator: the kind of
 * library code a {@code @Differentiable} method calls. Adjoint does not see into them; {@link Rules}
 * declares their derivatives.
 */
public final class Stable {
  private Stable() {}

  /** log(1 + eˣ), without overflow for large x. */
  public static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** log(cosh x), without overflow for large |x|. */
  public static double logCosh(double x) {
    double a = Math.abs(x);
    return a + Math.log1p(Math.exp(-2 * a)) - Math.log(2);
  }

  /** log(eᵃ + eᵇ), without overflow. */
  public static double logAddExp(double a, double b) {
    double max = Math.max(a, b);
    return max + Math.log1p(Math.exp(-Math.abs(a - b)));
  }

  static double sigmoid(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }
}
