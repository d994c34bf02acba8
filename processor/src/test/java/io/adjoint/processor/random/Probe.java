package io.adjoint.processor.random;

/**
 * What the probe version of a generated program calls at each comparison and each kink ({@code abs},
 * {@code min}, {@code floor}, a cast to int, ...): it returns what the plain program computes, and
 * records the relative distance of each kink's argument from the kink ({@link #distances}, in the order
 * met) and which side it took ({@link #path}, a hash). A finite difference is only meaningful away from
 * the kinks that depend on the input, and when every evaluation of the stencil takes the same path.
 * Static state: the tests that use it run on one thread.
 */
public final class Probe {
  private Probe() {}

  /** The distances since {@link #reset()}, {@link #count} of them; NaN counts as 0. */
  public static double[] distances = new double[64];

  public static int count;
  /** A hash of the sides taken since {@link #reset()}. */
  public static long path;
  /**
   * Whether a function was evaluated at or beyond the edge of its domain since {@link #reset()} (cbrt
   * at 0, atan2 at the origin, asin at ±1, sqrt at 0, ...), where derivatives are infinite or NaN, even
   * if the argument does not move with the input: the generated gradient and Value may then differ in
   * how 0·∞ meets a structural zero (the programs keep away from these edges, but {@code tanh} of a
   * large value is exactly 1, and a program being minimized may step out of its domain).
   */
  public static boolean singular;

  public static void reset() {
    count = 0;
    path = 17;
    singular = false;
  }

  /** The distances recorded since {@link #reset()}. */
  public static double[] distances() {
    return java.util.Arrays.copyOf(distances, count);
  }

  private static void note(double distance, double scale, long side) {
    double m = Math.abs(distance) / Math.max(1.0, Math.abs(scale));
    if (Double.isNaN(m)) {
      m = 0.0;
    }
    if (count == distances.length) {
      distances = java.util.Arrays.copyOf(distances, count * 2);
    }
    distances[count++] = m;
    path = path * 1_000_003L + side;
  }

  private static void compare(double a, double b, boolean outcome) {
    note(a - b, Math.max(Math.abs(a), Math.abs(b)), outcome ? 1 : 2);
  }

  public static boolean lt(double a, double b) {
    boolean r = a < b;
    compare(a, b, r);
    return r;
  }

  public static boolean le(double a, double b) {
    boolean r = a <= b;
    compare(a, b, r);
    return r;
  }

  public static boolean gt(double a, double b) {
    boolean r = a > b;
    compare(a, b, r);
    return r;
  }

  public static boolean ge(double a, double b) {
    boolean r = a >= b;
    compare(a, b, r);
    return r;
  }

  public static boolean eq(double a, double b) {
    boolean r = a == b;
    compare(a, b, r);
    return r;
  }

  public static boolean ne(double a, double b) {
    boolean r = a != b;
    compare(a, b, r);
    return r;
  }

  private static long sign(double a) {
    return a > 0 ? 1 : a < 0 ? 2 : 3;
  }

  public static double abs(double a) {
    note(a, 1.0, sign(a));
    return Math.abs(a);
  }

  public static double signum(double a) {
    note(a, 1.0, sign(a));
    return Math.signum(a);
  }

  public static double min(double a, double b) {
    compare(a, b, a < b);
    return Math.min(a, b);
  }

  public static double max(double a, double b) {
    compare(a, b, a < b);
    return Math.max(a, b);
  }

  /** Notes a function that jumps at the integers; returns a. */
  private static double integers(double a) {
    double f = Math.floor(a);
    note(Math.min(a - f, f + 1 - a), a, (long) f);
    return a;
  }

  /** Notes a function that jumps half-way between the integers; returns a. */
  private static double halves(double a) {
    double f = Math.floor(a);
    note(a - f - 0.5, a, (long) f * 2 + (a - f < 0.5 ? 0 : 1));
    return a;
  }

  public static double floor(double a) {
    return Math.floor(integers(a));
  }

  public static double ceil(double a) {
    return Math.ceil(integers(a));
  }

  public static double rint(double a) {
    return Math.rint(halves(a));
  }

  public static long round(double a) {
    return Math.round(halves(a));
  }

  public static int toInt(double a) {
    return (int) integers(a);
  }

  public static long toLong(double a) {
    return (long) integers(a);
  }

  /** A kink at m = 0 (as abs), a jump at s = 0. */
  public static double copySign(double m, double s, boolean strict) {
    note(m, 1.0, sign(m));
    note(s, 1.0, sign(s));
    return strict ? StrictMath.copySign(m, s) : Math.copySign(m, s);
  }

  /** Jumps where a/b is half-way between integers; singular at b = 0. */
  public static double IEEEremainder(double a, double b) {
    singular |= b == 0.0;
    halves(a / b);
    return Math.IEEEremainder(a, b);
  }

  /** Notes a function that jumps at the powers of two; returns a. */
  private static double powers(double a) {
    int e = Math.getExponent(a);
    double m = Math.abs(a);
    double low = Math.scalb(1.0, e);
    note(Math.min(m - low, 2 * low - m), m, e);
    return a;
  }

  public static double ulp(double a) {
    return Math.ulp(powers(a));
  }

  public static int getExponent(double a) {
    return Math.getExponent(powers(a));
  }

  /** Its derivative is infinite at 0. */
  public static double cbrt(double a, boolean strict) {
    note(a, 1.0, sign(a));
    singular |= a == 0.0;
    return strict ? StrictMath.cbrt(a) : Math.cbrt(a);
  }

  /**
   * A stored or overflowing value: one that is not finite makes the point singular, where a derivative
   * that is 0 may come out NaN as 0·∞ (a program's value can stay finite when it no longer depends on
   * an intermediate that overflowed).
   */
  public static double finite(double v) {
    singular |= !Double.isFinite(v);
    return v;
  }

  // Functions whose derivative is infinite or NaN at the edge of their domain: singular there.

  public static double asin(double a, boolean strict) {
    singular |= !(Math.abs(a) < 1.0);
    return strict ? StrictMath.asin(a) : Math.asin(a);
  }

  public static double acos(double a, boolean strict) {
    singular |= !(Math.abs(a) < 1.0);
    return strict ? StrictMath.acos(a) : Math.acos(a);
  }

  public static double sqrt(double a, boolean strict) {
    singular |= !(a > 0.0);
    return strict ? StrictMath.sqrt(a) : Math.sqrt(a);
  }

  public static double log(double a, boolean strict) {
    singular |= !(a > 0.0);
    return strict ? StrictMath.log(a) : Math.log(a);
  }

  public static double log10(double a, boolean strict) {
    singular |= !(a > 0.0);
    return strict ? StrictMath.log10(a) : Math.log10(a);
  }

  public static double log1p(double a, boolean strict) {
    singular |= !(a > -1.0);
    return strict ? StrictMath.log1p(a) : Math.log1p(a);
  }

  public static double pow(double a, double b, boolean strict) {
    singular |= !(a > 0.0) && !(b == Math.rint(b) && a != 0.0);
    return strict ? StrictMath.pow(a, b) : Math.pow(a, b);
  }

  /** A cone at the origin. */
  public static double hypot(double a, double b, boolean strict) {
    note(Math.max(Math.abs(a), Math.abs(b)), 1.0, 0);
    return strict ? StrictMath.hypot(a, b) : Math.hypot(a, b);
  }

  /** Singular at the origin, and jumps by 2π across the negative x axis. */
  public static double atan2(double y, double x, boolean strict) {
    note(Math.max(Math.abs(y), Math.abs(x)), 1.0, 0);
    singular |= x == 0.0 && y == 0.0;
    if (x < 0) {
      note(y, x, sign(y));
    }
    return strict ? StrictMath.atan2(y, x) : Math.atan2(y, x);
  }
}
