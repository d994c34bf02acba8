package io.adjoint.processor.random;

import io.adjoint.Value;

/**
 * The {@code Math} functions {@link Value} lacks, for the Value version of a generated program. Each is
 * built from Value's own operations where that is natural ({@code sinh} from {@code exp}, {@code hypot}
 * from {@code sqrt}), or as a node scaled by the textbook derivative where Value has no such function
 * ({@code asin}, {@code atan2}); either way the node's value is then set to what {@code Math} computes,
 * so that the Value version sees exactly the plain program's values. (None of the nodes touched by
 * {@code setData} read their own value when propagating, except {@code sqrt}, where the exact value is
 * the right one.) At kinks and singularities they follow the conventions of the processor's rules:
 * cbrt′(0) = +∞, hypot′(0, 0) = 0. The piecewise-constant functions give fresh leaves: derivative 0.
 */
public final class ValueMath {
  private ValueMath() {}

  /**
   * {@code node}, the Value version of {@code StrictMath.fn(args)} computed as Math's, with
   * StrictMath's value. (Arguments are evaluated twice; their second copies are left out of the graph.)
   */
  public static Value strict(String fn, Value node, Value... args) {
    double a = args[0].data();
    double b = args.length > 1 ? args[1].data() : Double.NaN;
    double c = args.length > 2 ? args[2].data() : Double.NaN;
    double v =
        switch (fn) {
          case "sin" -> StrictMath.sin(a);
          case "cos" -> StrictMath.cos(a);
          case "tan" -> StrictMath.tan(a);
          case "asin" -> StrictMath.asin(a);
          case "acos" -> StrictMath.acos(a);
          case "atan" -> StrictMath.atan(a);
          case "atan2" -> StrictMath.atan2(a, b);
          case "sinh" -> StrictMath.sinh(a);
          case "cosh" -> StrictMath.cosh(a);
          case "tanh" -> StrictMath.tanh(a);
          case "exp" -> StrictMath.exp(a);
          case "expm1" -> StrictMath.expm1(a);
          case "log" -> StrictMath.log(a);
          case "log10" -> StrictMath.log10(a);
          case "log1p" -> StrictMath.log1p(a);
          case "sqrt" -> StrictMath.sqrt(a);
          case "cbrt" -> StrictMath.cbrt(a);
          case "pow" -> StrictMath.pow(a, b);
          case "hypot" -> StrictMath.hypot(a, b);
          case "toRadians" -> StrictMath.toRadians(a);
          case "toDegrees" -> StrictMath.toDegrees(a);
          case "copySign" -> StrictMath.copySign(a, b);
          case "fma" -> StrictMath.fma(a, b, c);
          default -> throw new IllegalArgumentException(fn);
        };
    return exact(node, v);
  }

  private static Value exact(Value node, double value) {
    node.setData(value);
    return node;
  }

  public static Value asin(Value a) {
    double d = a.data();
    return exact(a.mul(1.0 / Math.sqrt(1.0 - d * d)), Math.asin(d));
  }

  public static Value acos(Value a) {
    double d = a.data();
    return exact(a.mul(-1.0 / Math.sqrt(1.0 - d * d)), Math.acos(d));
  }

  public static Value atan(Value a) {
    double d = a.data();
    return exact(a.mul(1.0 / (1.0 + d * d)), Math.atan(d));
  }

  public static Value atan2(Value y, Value x) {
    double yd = y.data();
    double xd = x.data();
    double r2 = xd * xd + yd * yd;
    return exact(y.mul(xd / r2).add(x.mul(-yd / r2)), Math.atan2(yd, xd));
  }

  public static Value sinh(Value a) {
    return exact(a.exp().sub(a.neg().exp()).mul(0.5), Math.sinh(a.data()));
  }

  public static Value cosh(Value a) {
    return exact(a.exp().add(a.neg().exp()).mul(0.5), Math.cosh(a.data()));
  }

  public static Value expm1(Value a) {
    return exact(a.exp().sub(1.0), Math.expm1(a.data()));
  }

  public static Value log10(Value a) {
    return exact(a.log().div(Math.log(10.0)), Math.log10(a.data()));
  }

  public static Value log1p(Value a) {
    return exact(a.add(1.0).log(), Math.log1p(a.data()));
  }

  /** cbrt′(a) = 1 / (3·cbrt(a)²), +∞ at 0 as IEEE arithmetic has it. */
  public static Value cbrt(Value a) {
    double c = Math.cbrt(a.data());
    return exact(a.mul(1.0 / (3.0 * c * c)), c);
  }

  /** hypot′ = (a/h, b/h), taken as 0 at the origin (a subgradient, like abs′(0) = 0). */
  public static Value hypot(Value a, Value b) {
    double h = Math.hypot(a.data(), b.data());
    if (h == 0.0) {
      return exact(a.mul(0.0).add(b.mul(0.0)), h);
    }
    return exact(a.mul(a).add(b.mul(b)).sqrt(), h);
  }

  public static Value toRadians(Value a) {
    return exact(a.mul(Math.PI / 180.0), Math.toRadians(a.data()));
  }

  public static Value toDegrees(Value a) {
    return exact(a.mul(180.0 / Math.PI), Math.toDegrees(a.data()));
  }

  public static Value fma(Value a, Value b, Value c) {
    return exact(a.mul(b).add(c), Math.fma(a.data(), b.data(), c.data()));
  }

  /** {@code n}: a literal int, a fresh leaf. */
  public static Value scalb(Value x, Value n) {
    int k = (int) n.data();
    return exact(x.mul(Math.scalb(1.0, k)), Math.scalb(x.data(), k));
  }

  /** |m| with the sign of s: abs′(0) = 0, and s, piecewise constant, gets no derivative. */
  public static Value copySign(Value m, Value s) {
    return exact(m.abs().mul(Math.copySign(1.0, s.data())), Math.copySign(m.data(), s.data()));
  }

  public static Value nextUp(Value a) {
    return exact(a.mul(1.0), Math.nextUp(a.data()));
  }

  public static Value nextDown(Value a) {
    return exact(a.mul(1.0), Math.nextDown(a.data()));
  }

  /** Derivative 1 with respect to the start, 0 to the direction. */
  public static Value nextAfter(Value a, Value direction) {
    return exact(a.mul(1.0), Math.nextAfter(a.data(), direction.data()));
  }

  /** a − b·n for the integer n nearest a/b: derivatives 1 and −n. */
  public static Value IEEEremainder(Value a, Value b) {
    double r = Math.IEEEremainder(a.data(), b.data());
    double n = Math.rint((a.data() - r) / b.data());
    return exact(a.sub(b.mul(n)), r);
  }

  public static Value ulp(Value a) {
    return new Value(Math.ulp(a.data()));
  }

  public static Value getExponent(Value a) {
    return new Value(Math.getExponent(a.data()));
  }

  public static Value signum(Value a) {
    return new Value(Math.signum(a.data()));
  }

  public static Value floor(Value a) {
    return new Value(Math.floor(a.data()));
  }

  public static Value ceil(Value a) {
    return new Value(Math.ceil(a.data()));
  }

  public static Value rint(Value a) {
    return new Value(Math.rint(a.data()));
  }

  public static Value round(Value a) {
    return new Value(Math.round(a.data()));
  }

  public static Value toInt(Value a) {
    return new Value((int) a.data());
  }

  public static Value toLong(Value a) {
    return new Value((long) a.data());
  }

  /** A local {@code new double[n]}: n fresh zero leaves. */
  public static Value[] zeros(int n) {
    Value[] out = new Value[n];
    for (int i = 0; i < n; i++) {
      out[i] = new Value(0.0);
    }
    return out;
  }

  // The helpers with custom derivatives (SourcePrinter.CUSTOM_HELPERS), from Value's own operations,
  // branch for branch: the same values, and derivatives by Value's chain rule, not by the @Derivative
  // methods under test.

  public static Value softplus(Value x) {
    return x.data() > 0 ? x.add(log1p(x.neg().exp())) : log1p(x.exp());
  }

  public static Value logCosh(Value x) {
    Value a = x.data() > 0 ? x : x.neg(); // Math.abs, with abs′(0) = -1 here: logCosh′(0) = 0 either way
    return a.add(log1p(a.mul(-2.0).exp())).sub(Math.log(2.0));
  }

  public static Value logAddExp(Value x, Value y) {
    return x.data() >= y.data() ? x.add(log1p(y.sub(x).exp())) : y.add(log1p(x.sub(y).exp()));
  }
}
