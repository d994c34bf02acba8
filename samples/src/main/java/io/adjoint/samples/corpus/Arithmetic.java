package io.adjoint.samples.corpus;

import io.adjoint.Differentiable;

/**
 * Java's arithmetic rules inside differentiable code: integer division and promotion, {@code long}
 * literals, {@code boolean} locals, reassigned parameters, several declarators in
 * one statement, constants of another class, and composed calls.
 */
public final class Arithmetic {
  private Arithmetic() {}

  /** Integer division stays integer division: (n / 2) and 1 / 2 are ints, 1 / 2.0 is not. */
  @Differentiable
  public static double integerDivision(double x, int n) {
    int half = n / 2;
    double a = x * half + 1 / 2 * x;
    return a + 1 / 2.0 * x * x + (n / 3) * (x / 3);
  }

  /** {@code long} values and literals in hex, exponent and underscore forms, mixed with doubles. */
  @Differentiable
  public static double literals(double x, long m) {
    long big = m * 3L + 0x10;
    return x * big + 0.1 * x * x + 1e-3 * x + 1_000.5 + (double) (big / 7);
  }

  /** A parameter reassigned and compound-assigned, and two declarators in one statement. */
  @Differentiable
  public static double reassignedParameters(double x, double y) {
    x = x * 2;
    y += x;
    double a = x * y, b = a - y;
    x /= 1 + b * b;
    return x + a;
  }

  /** Conditions kept in {@code boolean} locals and parameters. */
  @Differentiable
  public static double booleans(double x, double y, boolean flip) {
    boolean big = x > 1 && y < 2;
    boolean neither = !big && !(x < -1 || y > 3);
    double r = big ? x * y : x + y;
    if (neither != flip) {
      r *= r;
    }
    return r;
  }

  /** Math on {@code int}s (a constant here) beside Math on doubles. */
  @Differentiable
  public static double intMath(double x, int n) {
    int k = Math.max(n, 3) + Math.abs(n - 5) + Math.min(n, -n);
    return Math.max(x, k) * Math.abs(x) + k;
  }

  /** Calls composed inside one another, with a constant of another class. */
  @Differentiable
  public static double composed(double x, double y) {
    return Activations.sigmoid(Activations.softplus(x) * Activations.GELU_CUBIC
        + TestFunctions.booth(Activations.geluTanh(y), x));
  }

  /** A call in each arm of a conditional expression: only the arm taken runs. */
  @Differentiable
  public static double callsInTernary(double x, double y) {
    return x > y ? TestFunctions.rosenbrock(x, y) : -TestFunctions.himmelblau(y, x);
  }

  /** An early return nested two ifs deep, and a return after them. */
  @Differentiable
  public static double nestedEarlyReturn(double x, double y) {
    double s = x * y;
    if (x > 0) {
      s += x;
      if (y > 0) {
        return s * y;
      }
      s -= y * y;
    } else if (y > 1) {
      return Math.exp(s);
    }
    return s + Math.cos(s);
  }
}
