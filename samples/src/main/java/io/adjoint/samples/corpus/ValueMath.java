package io.adjoint.samples.corpus;

import io.adjoint.Value;

/**
 * The {@code Math} functions that {@link Value} lacks. Most are built from the operations it has, so
 * that Value's own chain rule derives them. Five state their derivatives by hand, as a node linearized
 * at its argument: {@link #atan}, which cannot be composed from Value's real operations, and {@link
 * #atan2}, {@link #hypot}, {@link #log1p} and {@link #expm1}, whose compositions lose precision exactly
 * where they are used (atan(y/x) at x = 0, √(x² + y²) for tiny or huge arguments, log(1 + x) and
 * e<sup>x</sup> − 1 for small x).
 */
public final class ValueMath {
  private ValueMath() {}

  private static final double LN10 = Math.log(10.0);

  /** A node equal to {@code f(x)} whose derivative with respect to x is {@code slope}, at x's value. */
  static Value linearized(Value x, double fx, double slope) {
    return x.sub(x.data()).mul(slope).add(fx); // (x − x₀)·f′(x₀) + f(x₀): value f(x₀) exactly
  }

  /** The same for a function of two arguments, with partial derivatives {@code dx} and {@code dy}. */
  static Value linearized(Value x, Value y, double fxy, double dx, double dy) {
    return x.sub(x.data()).mul(dx).add(y.sub(y.data()).mul(dy)).add(fxy);
  }

  /** atan x; ∂/∂x = 1 / (1 + x²). */
  public static Value atan(Value x) {
    double x0 = x.data();
    return linearized(x, Math.atan(x0), 1 / (1 + x0 * x0));
  }

  /** atan2(y, x); ∂/∂y = x / (x² + y²), ∂/∂x = −y / (x² + y²). */
  public static Value atan2(Value y, Value x) {
    double y0 = y.data();
    double x0 = x.data();
    double r2 = x0 * x0 + y0 * y0;
    return linearized(y, x, Math.atan2(y0, x0), x0 / r2, -y0 / r2);
  }

  /** asin x = atan(x / √(1 − x²)) on (−1, 1). */
  public static Value asin(Value x) {
    return atan(x.div(x.mul(x).neg().add(1).sqrt()));
  }

  /** acos x = π/2 − asin x. */
  public static Value acos(Value x) {
    return asin(x).neg().add(Math.PI / 2);
  }

  public static Value sinh(Value x) {
    return x.exp().sub(x.neg().exp()).mul(0.5);
  }

  public static Value cosh(Value x) {
    return x.exp().add(x.neg().exp()).mul(0.5);
  }

  /** e<sup>x</sup> − 1; ∂/∂x = e<sup>x</sup>. */
  public static Value expm1(Value x) {
    double x0 = x.data();
    return linearized(x, Math.expm1(x0), Math.exp(x0));
  }

  /** ln(1 + x); ∂/∂x = 1 / (1 + x). */
  public static Value log1p(Value x) {
    double x0 = x.data();
    return linearized(x, Math.log1p(x0), 1 / (1 + x0));
  }

  public static Value log10(Value x) {
    return x.log().div(LN10);
  }

  /** √(x² + y²) without overflow; ∂/∂x = x / h, ∂/∂y = y / h, both taken as 0 at h = 0. */
  public static Value hypot(Value x, Value y) {
    double x0 = x.data();
    double y0 = y.data();
    double h = Math.hypot(x0, y0);
    return h == 0 ? linearized(x, y, 0, 0, 0) : linearized(x, y, h, x0 / h, y0 / h);
  }

  public static Value toRadians(Value x) {
    return x.mul(Math.PI / 180);
  }

  public static Value toDegrees(Value x) {
    return x.mul(180 / Math.PI);
  }

  /** A piecewise-constant function's value as a new leaf: no gradient flows through it. */
  public static Value constant(double value) {
    return new Value(value);
  }

  public static Value max(Value x, double c) {
    return x.max(constant(c));
  }
}
