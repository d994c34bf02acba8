package io.adjoint.samples.corpus;

import io.adjoint.Differentiable;

/** Time value of money. */
public final class Finance {
  private Finance() {}

  /** A principal compounded {@code periodsPerYear} times a year at an annual rate, after some years. */
  @Differentiable
  public static double compoundInterest(
      double principal, double rate, int periodsPerYear, double years) {
    return principal * Math.pow(1 + rate / periodsPerYear, periodsPerYear * years);
  }

  /** Continuous compounding: P·e<sup>rt</sup>. */
  @Differentiable
  public static double continuousCompounding(double principal, double rate, double years) {
    return principal * Math.exp(rate * years);
  }

  /** The payment that repays a loan in {@code periods} equal instalments at a rate per period. */
  @Differentiable
  public static double annuityPayment(double principal, double rate, int periods) {
    return principal * rate / (1 - Math.pow(1 + rate, -periods));
  }

  /** The present value of three yearly cash flows at a discount rate. */
  @Differentiable
  public static double presentValue(double rate, double c1, double c2, double c3) {
    double d = 1 + rate;
    return c1 / d + c2 / Math.pow(d, 2) + c3 / Math.pow(d, 3);
  }
}
