package io.adjoint.processor.ir;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code Math}/{@code StrictMath} functions of the subset; each has a derivative rule. Every function
 * of {@code java.lang.Math} on doubles is here but {@code random}; the int and long ones ({@code
 * floorMod}, {@code addExact}, …) are not.
 */
public enum MathFunction {
  SIN(1), COS(1), TAN(1), ASIN(1), ACOS(1), ATAN(1), ATAN2(2),
  SINH(1), COSH(1), TANH(1),
  EXP(1), EXPM1(1), LOG(1), LOG10(1), LOG1P(1), SQRT(1), CBRT(1), POW(2), HYPOT(2),
  ABS(1), MIN(2), MAX(2),
  TO_RADIANS(1, "toRadians"), TO_DEGREES(1, "toDegrees"),
  /** {@code fma(a, b, c)}: a·b + c, rounded once. */
  FMA(3),
  /** {@code scalb(d, n)}: d·2ⁿ for an int n. */
  SCALB(2),
  /** {@code copySign(m, s)}: |m| with the sign of s; piecewise constant in s. */
  COPY_SIGN(2, "copySign"),
  /** The neighbouring doubles: derivative 1 with respect to the start (0 to the direction). */
  NEXT_UP(1, "nextUp"), NEXT_DOWN(1, "nextDown"), NEXT_AFTER(2, "nextAfter"),
  /** {@code IEEEremainder(a, b)}: a − b·n for n the integer nearest a/b. */
  IEEE_REMAINDER(2, "IEEEremainder"),
  /** Piecewise constant: derivative 0. */
  SIGNUM(1), FLOOR(1), CEIL(1), RINT(1), ROUND(1), ULP(1), GET_EXPONENT(1, "getExponent");

  private final int arity;
  private final String javaName;

  MathFunction(int arity) {
    this.arity = arity;
    this.javaName = name().toLowerCase(Locale.ROOT);
  }

  MathFunction(int arity, String javaName) {
    this.arity = arity;
    this.javaName = javaName;
  }

  public int arity() {
    return arity;
  }

  public String javaName() {
    return javaName;
  }

  public boolean isPiecewiseConstant() {
    return ordinal() >= SIGNUM.ordinal();
  }

  public static Optional<MathFunction> named(String name) {
    for (MathFunction f : values()) {
      if (f.javaName.equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code java.lang.Math} also declares this function on floats, so that Java picks the double
   * one only when an argument in a float-or-double position is a double: the indices of those positions.
   */
  public List<Integer> floatOverloaded() {
    return switch (this) {
      case FMA -> List.of(0, 1, 2);
      case COPY_SIGN -> List.of(0, 1);
      case SCALB, NEXT_UP, NEXT_DOWN, NEXT_AFTER, ULP, GET_EXPONENT -> List.of(0);
      default -> List.of();
    };
  }

  /** The result type for arguments of the given (promoted) type, as {@code java.lang.Math} declares it. */
  public Type resultType(Type argument) {
    switch (this) {
      case ABS:
      case MIN:
      case MAX:
        return argument;
      case ROUND:
        return Type.LONG;
      case GET_EXPONENT:
        return Type.INT;
      default:
        return Type.DOUBLE;
    }
  }
}
