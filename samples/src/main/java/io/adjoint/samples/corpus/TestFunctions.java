package io.adjoint.samples.corpus;

import io.adjoint.Differentiable;

/** Classic two-variable test functions of numerical optimisation. */
public final class TestFunctions {
  private TestFunctions() {}

  /** Rosenbrock's banana: (1 − x)² + 100·(y − x²)². */
  @Differentiable
  public static double rosenbrock(double x, double y) {
    double a = 1 - x;
    double b = y - x * x;
    return a * a + 100 * b * b;
  }

  /** Himmelblau: (x² + y − 11)² + (x + y² − 7)². */
  @Differentiable
  public static double himmelblau(double x, double y) {
    return Math.pow(x * x + y - 11, 2) + Math.pow(x + y * y - 7, 2);
  }

  /** Beale: (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)². */
  @Differentiable
  public static double beale(double x, double y) {
    double a = 1.5 - x + x * y;
    double b = 2.25 - x + x * Math.pow(y, 2);
    double c = 2.625 - x + x * Math.pow(y, 3);
    return a * a + b * b + c * c;
  }

  /** Booth: (x + 2y − 7)² + (2x + y − 5)². */
  @Differentiable
  public static double booth(double x, double y) {
    double a = x + 2 * y - 7;
    double b = 2 * x + y - 5;
    return a * a + b * b;
  }

  /** Ackley in two dimensions (not differentiable at the origin). */
  @Differentiable
  public static double ackley(double x, double y) {
    double r = Math.sqrt(0.5 * (x * x + y * y));
    double c = 0.5 * (Math.cos(2 * Math.PI * x) + Math.cos(2 * Math.PI * y));
    return -20 * Math.exp(-0.2 * r) - Math.exp(c) + Math.E + 20;
  }

  /** Rastrigin in two dimensions: 10·n + Σ (xᵢ² − 10·cos 2πxᵢ). */
  @Differentiable
  public static double rastrigin(double x, double y) {
    final int n = 2;
    double sum = 10 * n;
    sum += x * x - 10 * Math.cos(2 * Math.PI * x);
    sum += y * y - 10 * Math.cos(2 * Math.PI * y);
    return sum;
  }

  /** Matyas: 0.26·(x² + y²) − 0.48·xy. */
  @Differentiable
  public static double matyas(double x, double y) {
    return 0.26 * (x * x + y * y) - 0.48 * x * y;
  }

  /** Three-hump camel: 2x² − 1.05x⁴ + x⁶/6 + xy + y². */
  @Differentiable
  public static double threeHumpCamel(double x, double y) {
    double x2 = x * x;
    return 2 * x2 - 1.05 * x2 * x2 + x2 * x2 * x2 / 6 + x * y + y * y;
  }

  /** Goldstein–Price, about thirty operations in one expression tree. */
  @Differentiable
  public static double goldsteinPrice(double x, double y) {
    double a = 1 + Math.pow(x + y + 1, 2)
        * (19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y);
    double b = 30 + Math.pow(2 * x - 3 * y, 2)
        * (18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y);
    return a * b;
  }

  /** Styblinski–Tang in two dimensions: ½·Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ). */
  @Differentiable
  public static double styblinskiTang(double x, double y) {
    double fx = x * x * x * x - 16 * x * x + 5 * x;
    double fy = y * y * y * y - 16 * y * y + 5 * y;
    return (fx + fy) / 2;
  }
}
