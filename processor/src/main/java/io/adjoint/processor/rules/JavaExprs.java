package io.adjoint.processor.rules;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Java;
import java.util.List;

/** Builders for generated expressions that fold the trivial cases (x·1, −(−x), 0+x) as a person would. */
public final class JavaExprs {
  public static final Java.Expr ZERO = lit("0.0");
  public static final Java.Expr ONE = lit("1.0");

  private JavaExprs() {}

  public static Java.Expr name(String name) {
    return new Java.Name(name);
  }

  public static Java.Expr lit(String text) {
    return new Java.Literal(text);
  }

  public static Java.Expr lit(double value) {
    if (Double.isNaN(value)) {
      return new Java.FieldRead(new ClassRef("java.lang", List.of("Double")), null, "NaN");
    }
    if (Double.isInfinite(value)) {
      return new Java.FieldRead(
          new ClassRef("java.lang", List.of("Double")),
          null,
          value > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY");
    }
    return lit(Double.toString(value));
  }

  /** The numeric value of a literal, or NaN when {@code e} is not a plain numeric literal. */
  public static double numeric(Java.Expr e) {
    if (e instanceof Java.Literal l) {
      String t = l.text();
      if (t.endsWith("L") || t.endsWith("l")) {
        t = t.substring(0, t.length() - 1);
      }
      try {
        return Double.parseDouble(t);
      } catch (NumberFormatException notNumeric) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  public static boolean isOne(Java.Expr e) {
    return numeric(e) == 1.0;
  }

  public static boolean isZero(Java.Expr e) {
    return numeric(e) == 0.0;
  }

  public static boolean isMinusOne(Java.Expr e) {
    return numeric(e) == -1.0;
  }

  public static Java.Expr neg(Java.Expr e) {
    if (e instanceof Java.Unary u && u.op().equals("-")) {
      return u.operand();
    }
    if (e instanceof Java.Literal l && !Double.isNaN(numeric(l))) {
      return l.text().startsWith("-") ? lit(l.text().substring(1)) : lit("-" + l.text());
    }
    return new Java.Unary("-", e);
  }

  public static Java.Expr mul(Java.Expr a, Java.Expr b) {
    if (isOne(a)) {
      return b;
    }
    if (isOne(b)) {
      return a;
    }
    if (isMinusOne(a)) {
      return neg(b);
    }
    if (isMinusOne(b)) {
      return neg(a);
    }
    if (a instanceof Java.Unary u && u.op().equals("-")) {
      return neg(mul(u.operand(), b));
    }
    if (b instanceof Java.Unary u && u.op().equals("-")) {
      return neg(mul(a, u.operand()));
    }
    return new Java.Binary(BinaryOp.MUL, a, b);
  }

  public static Java.Expr div(Java.Expr a, Java.Expr b) {
    if (isOne(b)) {
      return a;
    }
    if (a instanceof Java.Unary u && u.op().equals("-")) {
      return neg(div(u.operand(), b));
    }
    return new Java.Binary(BinaryOp.DIV, a, b);
  }

  public static Java.Expr add(Java.Expr a, Java.Expr b) {
    if (isZero(a)) {
      return b;
    }
    if (isZero(b)) {
      return a;
    }
    if (b instanceof Java.Unary u && u.op().equals("-")) {
      return new Java.Binary(BinaryOp.SUB, a, u.operand());
    }
    return new Java.Binary(BinaryOp.ADD, a, b);
  }

  public static Java.Expr sub(Java.Expr a, Java.Expr b) {
    if (isZero(b)) {
      return a;
    }
    if (b instanceof Java.Unary u && u.op().equals("-")) {
      return add(a, u.operand());
    }
    if (isZero(a)) {
      return neg(b);
    }
    return new Java.Binary(BinaryOp.SUB, a, b);
  }

  public static Java.Expr bin(BinaryOp op, Java.Expr a, Java.Expr b) {
    return new Java.Binary(op, a, b);
  }

  public static Java.Expr math(String function, Java.Expr... args) {
    return new Java.Call(ClassRef.MATH, null, function, List.of(args));
  }

  public static Java.Expr cond(Java.Expr c, Java.Expr a, Java.Expr b) {
    return new Java.Conditional(c, a, b);
  }

  /** Whether an expression is cheap and short enough to write twice instead of naming it. */
  public static boolean isSimple(Java.Expr e) {
    if (e instanceof Java.Name || e instanceof Java.Literal) {
      return true;
    }
    if (e instanceof Java.Unary u) {
      return isSimple(u.operand());
    }
    return false;
  }
}
