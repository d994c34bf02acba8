package io.adjoint.processor.ir;

import java.util.Locale;
import java.util.Optional;

/** The {@code Math}/{@code StrictMath} functions of the subset; each has a derivative rule. */
public enum MathFunction {
  SIN(1), COS(1), TAN(1), ASIN(1), ACOS(1), ATAN(1), ATAN2(2),
  SINH(1), COSH(1), TANH(1),
  EXP(1), EXPM1(1), LOG(1), LOG10(1), LOG1P(1), SQRT(1), CBRT(1), POW(2), HYPOT(2),
  ABS(1), MIN(2), MAX(2),
  TO_RADIANS(1, "toRadians"), TO_DEGREES(1, "toDegrees"),
  /** Piecewise constant: derivative 0. */
  SIGNUM(1), FLOOR(1), CEIL(1), RINT(1), ROUND(1);

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

  /** The result type for arguments of the given (promoted) type, as {@code java.lang.Math} declares it. */
  public Type resultType(Type argument) {
    switch (this) {
      case ABS:
      case MIN:
      case MAX:
        return argument;
      case ROUND:
        return Type.LONG;
      default:
        return Type.DOUBLE;
    }
  }
}
