package golden.names;

import io.adjoint.Differentiable;

/**
 * Names that clash: a parameter named value, locals named like the generated ones, overloads, and an int
 * parameter that gets no partial derivative.
 */
final class Clash {
  private Clash() {}

  @Differentiable
  static double f(double value) {
    double valueBar = value * value;
    return valueBar;
  }

  @Differentiable
  static double f(double value, double upstream, int offset) {
    double partials = value * upstream + offset;
    double adjoints = partials * partials;
    return adjoints;
  }
}
