package io.adjoint.processor.rules;

import static io.adjoint.processor.rules.JavaExprs.add;
import static io.adjoint.processor.rules.JavaExprs.div;
import static io.adjoint.processor.rules.JavaExprs.lit;
import static io.adjoint.processor.rules.JavaExprs.mul;
import static io.adjoint.processor.rules.JavaExprs.neg;
import static io.adjoint.processor.rules.JavaExprs.sub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Java;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The folding rules of {@link JavaExprs}, a table: each builder call and the expression it gives. The
 * trivial cases fold (x·1, x/1, 0 + x, x − 0, −(−x), a sign moved out of a product); anything else is
 * built as written.
 */
class JavaExprsTest {
  private static final Java.Expr A = JavaExprs.name("a");
  private static final Java.Expr B = JavaExprs.name("b");
  private static final Java.Expr MINUS_A = new Java.Unary("-", A);
  private static final Java.Expr MINUS_B = new Java.Unary("-", B);

  static Stream<Arguments> rules() {
    return Stream.of(
        rule("1.0 * a", mul(lit("1.0"), A), A),
        rule("a * 1.0", mul(A, lit("1.0")), A),
        rule("a * 1 (an int one)", mul(A, lit("1")), A),
        rule("-1.0 * a", mul(lit("-1.0"), A), MINUS_A),
        rule("a * -1.0", mul(A, lit("-1.0")), MINUS_A),
        rule("-a * b", mul(MINUS_A, B), new Java.Unary("-", bin(BinaryOp.MUL, A, B))),
        rule("a * -b", mul(A, MINUS_B), new Java.Unary("-", bin(BinaryOp.MUL, A, B))),
        rule("-a * -b", mul(MINUS_A, MINUS_B), bin(BinaryOp.MUL, A, B)),
        rule("2.0 * a", mul(lit("2.0"), A), bin(BinaryOp.MUL, lit("2.0"), A)),
        rule("a * 0.0 (not folded: a may be NaN or infinite)", mul(A, lit("0.0")), bin(BinaryOp.MUL, A, lit("0.0"))),
        rule("a / 1.0", div(A, lit("1.0")), A),
        rule("-a / b", div(MINUS_A, B), new Java.Unary("-", bin(BinaryOp.DIV, A, B))),
        rule("a / -b (not folded)", div(A, MINUS_B), bin(BinaryOp.DIV, A, MINUS_B)),
        rule("a / b", div(A, B), bin(BinaryOp.DIV, A, B)),
        rule("0.0 + a", add(lit("0.0"), A), A),
        rule("a + 0.0", add(A, lit("0.0")), A),
        rule("a + 0 (an int zero)", add(A, lit("0")), A),
        rule("a + -b", add(A, MINUS_B), bin(BinaryOp.SUB, A, B)),
        rule("-a + b (not reordered)", add(MINUS_A, B), bin(BinaryOp.ADD, MINUS_A, B)),
        rule("a + b", add(A, B), bin(BinaryOp.ADD, A, B)),
        rule("a - 0.0", sub(A, lit("0.0")), A),
        rule("0.0 - a", sub(lit("0.0"), A), MINUS_A),
        rule("0.0 - -a", sub(lit("0.0"), MINUS_A), A),
        rule("a - b", sub(A, B), bin(BinaryOp.SUB, A, B)),
        rule("-(-a)", neg(MINUS_A), A),
        rule("-(2.0)", neg(lit("2.0")), lit("-2.0")),
        rule("-(-2.0)", neg(lit("-2.0")), lit("2.0")),
        rule("-(3L)", neg(lit("3L")), lit("-3L")),
        rule("-a", neg(A), MINUS_A),
        rule("-(a + b)", neg(bin(BinaryOp.ADD, A, B)), new Java.Unary("-", bin(BinaryOp.ADD, A, B))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rules(String name, Java.Expr built, Java.Expr expected) {
    assertEquals(expected, built);
  }

  @Test
  void literalsOfDoublesThatHaveNone() {
    ClassRef number = new ClassRef("java.lang", List.of("Double"));
    assertEquals(new Java.FieldRead(number, null, "NaN"), lit(Double.NaN));
    assertEquals(new Java.FieldRead(number, null, "POSITIVE_INFINITY"), lit(Double.POSITIVE_INFINITY));
    assertEquals(new Java.FieldRead(number, null, "NEGATIVE_INFINITY"), lit(Double.NEGATIVE_INFINITY));
    assertEquals(lit("0.25"), lit(0.25));
  }

  @Test
  void numericValuesOfLiterals() {
    assertEquals(2.0, JavaExprs.numeric(lit("2L")));
    assertEquals(-0.5, JavaExprs.numeric(lit("-0.5")));
    assertTrue(Double.isNaN(JavaExprs.numeric(lit("true"))));
    assertTrue(Double.isNaN(JavaExprs.numeric(A)));
    assertTrue(JavaExprs.isZero(lit("-0.0")));
    assertFalse(JavaExprs.isOne(lit("1.0000001")));
  }

  @Test
  void simpleExpressionsAreWrittenTwiceRatherThanNamed() {
    assertTrue(JavaExprs.isSimple(A));
    assertTrue(JavaExprs.isSimple(lit("2.0")));
    assertTrue(JavaExprs.isSimple(MINUS_A));
    assertFalse(JavaExprs.isSimple(bin(BinaryOp.MUL, A, B)));
    assertFalse(JavaExprs.isSimple(JavaExprs.math("sin", A)));
  }

  private static Arguments rule(String name, Java.Expr built, Java.Expr expected) {
    return Arguments.of(name, built, expected);
  }

  private static Java.Expr bin(BinaryOp op, Java.Expr l, Java.Expr r) {
    return new Java.Binary(op, l, r);
  }
}
