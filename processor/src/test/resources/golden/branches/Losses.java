package golden.branches;

import io.adjoint.Differentiable;

/** Branches: early returns, else-if chains, a reassigned local and a ternary. */
final class Losses {
  private Losses() {}

  @Differentiable
  static double huber(double r, double delta) {
    double a = Math.abs(r);
    if (a <= delta) {
      return 0.5 * r * r;
    }
    return delta * (a - 0.5 * delta);
  }

  @Differentiable
  static double clipped(double x, double lo, double hi, boolean squared) {
    double y = x;
    if (x < lo) {
      y = lo;
    } else if (x > hi) {
      y = hi;
    }
    return squared ? y * y : y;
  }
}
