package io.adjoint.samples.corpus.physics;

import io.adjoint.Differentiable;

/**
 * European option prices under Black–Scholes. (Finance, not physics — but it is the heat equation in
 * disguise.) The normal CDF is the Abramowitz–Stegun 26.2.17 polynomial, |error| &lt; 7.5·10⁻⁸, since
 * the JDK has no {@code erf}.
 */
public final class BlackScholes {
  private BlackScholes() {}

  // public: records.Finance calls normalCdf from another package, where its body is inlined (E266)
  public static final double P = 0.2316419;
  public static final double B1 = 0.319381530;
  public static final double B2 = -0.356563782;
  public static final double B3 = 1.781477937;
  public static final double B4 = -1.821255978;
  public static final double B5 = 1.330274429;
  public static final double INV_SQRT_2PI = 0.3989422804014327;

  /** Φ(x), the standard normal CDF; the negative half by symmetry, through a recursive call. */
  @Differentiable
  public static double normalCdf(double x) {
    if (x < 0) {
      return 1 - normalCdf(-x);
    }
    double t = 1 / (1 + P * x);
    double poly = t * (B1 + t * (B2 + t * (B3 + t * (B4 + t * B5))));
    return 1 - INV_SQRT_2PI * Math.exp(-0.5 * x * x) * poly;
  }

  /** The price of a call with strike k and expiry t on a spot s, at rate r and volatility σ. */
  @Differentiable
  public static double callPrice(double s, double k, double t, double r, double sigma) {
    double sqrtT = Math.sqrt(t);
    double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / (sigma * sqrtT);
    double d2 = d1 - sigma * sqrtT;
    return s * normalCdf(d1) - k * Math.exp(-r * t) * normalCdf(d2);
  }

  /** The price of the matching put, by put–call parity. */
  @Differentiable
  public static double putPrice(double s, double k, double t, double r, double sigma) {
    return callPrice(s, k, t, r, sigma) - s + k * Math.exp(-r * t);
  }
}
