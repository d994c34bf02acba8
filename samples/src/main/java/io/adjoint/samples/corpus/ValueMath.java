package io.adjoint.samples.corpus;

import io.adjoint.Value;

/**
 * The {@code Math} functions that {@link Value} lacks, built from the operations it has, so that Value's
 * own chain rule derives them. Only {@link #atan} states a derivative by hand: it cannot be composed
 * from Value's real operations.
 */
public final class ValueMath {
  private ValueMath() {}

  private static final double LN10 = Math.log(10.0);

  /** A node equal to {@code f(x)} whose derivative with respect to x is {@code slope}, at x's value. */
  static Value linearized(Value x, double fx, double slope) {
    return x.sub(x.data()).mul(slope).add(fx); // (x − x₀)·f′(x₀) + f(x₀): value f(x₀) exactly
  }

  /** atan x; ∂/∂x = 1 / (1 + x²). */
  public static Value atan(Value x) {
    double x0 = x.data();
    return linearized(x, Math.atan(x0), 1 / (1 + x0 * x0));
  }

  /** atan2(y, x) from atan(y / x) and the quadrant, off the axis x = 0. */
  public static Value atan2(Value y, Value x) {
    Value a = atan(y.div(x));
    if (x.data() > 0) {
      return a;
    }
    return y.data() >= 0 ? a.add(Math.PI) : a.sub(Math.PI);
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

  public static Value expm1(Value x) {
    return x.exp().sub(1);
  }

  public static Value log1p(Value x) {
    return x.add(1).log();
  }

  public static Value log10(Value x) {
    return x.log().div(LN10);
  }

  public static Value hypot(Value x, Value y) {
    return x.mul(x).add(y.mul(y)).sqrt();
  }

  /** x² by multiplication, where the generated code's {@code pow(x, 2)} folds to the same. */
  public static Value square(Value x) {
    return x.mul(x);
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
