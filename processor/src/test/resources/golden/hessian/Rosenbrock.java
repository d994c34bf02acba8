package golden.hessian;

import io.adjoint.Differentiable;

/** Second order: the Hessian, the Hessian-vector product and its allocation-free Into form. */
public class Rosenbrock {
  @Differentiable(order = 2)
  public static double rosenbrock(double x, double y) {
    double a = 1 - x;
    double b = y - x * x;
    return a * a + 100 * b * b;
  }
}
