package io.adjoint.samples.corpus;

import io.adjoint.Differentiable;

/**
 * Functions chosen for their control flow and statements rather than their use: piecewise definitions,
 * early returns, nested ternaries, chains of reassignment and compound assignment, {@code int} and
 * {@code long} values, piecewise-constant {@code Math} calls, and one longer straight-line function.
 */
public final class Misc {
  private Misc() {}

  /** Three linear pieces, continuous at −1 and 2, chosen by an if/else-if chain. */
  @Differentiable
  public static double piecewiseLinear(double x) {
    double y;
    if (x < -1) {
      y = -1 + 0.5 * (x + 1);
    } else if (x < 2) {
      y = x;
    } else {
      y = 2 + 3 * (x - 2);
    }
    return y;
  }

  /** Hermite smoothstep between two edges, with early returns outside them. */
  @Differentiable
  public static double smoothstep(double edge0, double edge1, double x) {
    double t = (x - edge0) / (edge1 - edge0);
    if (t <= 0) {
      return 0.0;
    }
    if (t >= 1) {
      return 1.0;
    }
    return t * t * (3 - 2 * t);
  }

  /** A sawtooth wave: amplitude·(x − ⌊x⌋). */
  @Differentiable
  public static double sawtooth(double x, double amplitude) {
    return amplitude * (x - Math.floor(x));
  }

  /** The Chebyshev polynomial Tₙ(x) = cos(n·acos x) on (−1, 1), with an {@code int} degree. */
  @Differentiable
  public static double chebyshev(double x, int n) {
    return Math.cos(n * Math.acos(x));
  }

  /** A chain of reassignments: every compound assignment and ++/−− on one local. */
  @Differentiable
  public static double reassignmentChain(double x, double y) {
    double s = x;
    s += y;
    s *= x;
    s -= 1.5;
    s /= 1 + y * y;
    s++;
    s = s * s;
    s--;
    double t = s;
    t = t + x;
    t = Math.sin(t) * y;
    return t;
  }

  /** Nested conditional expressions. */
  @Differentiable
  public static double ternaryChain(double x, double y) {
    return x > y ? (x > 0 ? x * y : x - y) : (y > 1 ? Math.sqrt(y) * x : y * y);
  }

  /** log(e<sup>a</sup> + e<sup>b</sup>), shifted by the maximum so that it cannot overflow. */
  @Differentiable
  public static double logSumExp(double a, double b) {
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }

  /** About twenty operations of straight-line code over three inputs. */
  @Differentiable
  public static double twentyOps(double x, double y, double z) {
    double a = x * y + Math.sin(z);
    double b = Math.exp(-a * a) / (1 + z * z);
    double c = Math.sqrt(x * x + y * y + 1);
    double d = Math.log(c) * b - Math.atan(y / c);
    return a * b + c * d - Math.tanh(x - z) + Math.cos(b * c);
  }

  /** {@code long} from {@code Math.round}, and ceil, rint and signum, which all have derivative 0. */
  @Differentiable
  public static double roundedProduct(double x, double y) {
    long n = Math.round(y);
    double c = Math.ceil(x) + Math.rint(x * y) * Math.signum(y);
    return x * n + c * y;
  }

  /** An {@code int} counter and a {@code double} stepped with ++ and −− and mixed in arithmetic. */
  @Differentiable
  public static double withIncrements(double x, int k) {
    int i = k;
    i++;
    i++;
    double s = x;
    s++;
    s *= i;
    --s;
    i--;
    return s / i + (double) k * x;
  }
}
