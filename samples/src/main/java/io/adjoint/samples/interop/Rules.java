package io.adjoint.samples.interop;

import io.adjoint.Derivative;

/** The derivatives of {@link Stable}'s functions, declared for Adjoint with {@code @Derivative}. */
final class Rules {
  private Rules() {}

  @Derivative(of = "softplus", in = Stable.class, wrt = "x")
  static double softplus(double x) {
    return Stable.sigmoid(x);
  }

  @Derivative(of = "logCosh", in = Stable.class, wrt = "x")
  static double logCosh(double x) {
    return Math.tanh(x);
  }

  @Derivative(of = "logAddExp", in = Stable.class, wrt = "a")
  static double logAddExpA(double a, double b) {
    return Stable.sigmoid(a - b);
  }

  @Derivative(of = "logAddExp", in = Stable.class, wrt = "b")
  static double logAddExpB(double a, double b) {
    return Stable.sigmoid(b - a);
  }
}
