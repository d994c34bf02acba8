package io.adjoint.samples.corpus;

import io.adjoint.Differentiable;

/**
 * User names that the generated code also wants: a parameter called {@code value}, locals named like
 * the generated temporaries and adjoints, and an overloaded method.
 */
public final class Names {
  private Names() {}

  /** Parameters named like the pullback's and Into's own parameters, and the record's value. */
  @Differentiable
  public static double clashes(double value, double upstream, double adjoints, double partials) {
    double t = value * upstream;
    double t2 = t + adjoints;
    double valueBar = t2 * partials;
    double upstreamBar = Math.sin(valueBar);
    double offset = upstreamBar - t;
    return offset * value;
  }

  /** One of two overloads: the sum of squares of two numbers. */
  @Differentiable
  public static double norm2(double x, double y) {
    return x * x + y * y;
  }

  /** The other overload, of three numbers; calls the first. */
  @Differentiable
  public static double norm2(double x, double y, double z) {
    return norm2(x, y) + z * z;
  }
}
