package io.adjoint.processor.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ssa.Names;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where {@link RowStarts} computes a matrix row's start: before the outermost loop that assigns none of
 * the names it reads, and nowhere else; a table of bodies in and bodies out.
 */
class RowStartsTest {
  private static final Java.JType INT = Java.JType.of(Type.INT);

  /** {@code Adjoints.rowStart(mRows, m, mAt, index)}. */
  private static Java.Expr rowStart(Java.Expr index) {
    return new Java.Call(Emitter.ADJOINTS, null, "rowStart", List.of(name("mRows"), name("m"), name("mAt"), index));
  }

  /** {@code partials[at + j] += g;} */
  private static Java.Stmt add(Java.Expr at) {
    return new Java.Assign(new Java.ArrayRead(name("partials"), new Java.Binary(BinaryOp.ADD, at, name("j"))), "+=", name("g"));
  }

  private static Java.Expr name(String n) {
    return new Java.Name(n);
  }

  private static Java.Stmt overEntries(Java.Stmt... body) {
    return new Java.CountDown("j", name("n"), List.of(body), true);
  }

  private static Java.Stmt overRows(Java.Stmt... body) {
    return new Java.CountDown("k", name("rows"), List.of(body));
  }

  private static final Java.Stmt SET_I = new Java.Assign(name("i"), "=", new Java.Binary(BinaryOp.SUB, name("k"), new Java.Literal("1")));

  private static Java.Stmt declareRow(Java.Expr index) {
    return new Java.Declare(INT, "mRow", rowStart(index));
  }

  static Stream<Arguments> cases() {
    Java.Expr iPlusOne = new Java.Binary(BinaryOp.ADD, name("i"), new Java.Literal("1"));
    Java.Expr byRowIndex = new Java.ArrayRead(name("order"), name("i"));
    Java.Expr quotient = new Java.Binary(BinaryOp.DIV, name("i"), name("q"));
    Java.Stmt ifPositive = new Java.If(name("positive"), List.of(add(rowStart(name("i")))), List.of());
    return Stream.of(
        Arguments.of(
            "out of the loop over a row's entries, not out of the loop that sets the row",
            List.of(overRows(SET_I, overEntries(add(rowStart(name("i")))))),
            List.of(overRows(SET_I, declareRow(name("i")), overEntries(add(name("mRow")))))),
        Arguments.of(
            "out of both loops, when neither changes the row",
            List.of(overRows(overEntries(add(rowStart(iPlusOne))))),
            List.of(declareRow(iPlusOne), overRows(overEntries(add(name("mRow")))))),
        Arguments.of(
            "one local for the same row read twice, inside an if too",
            List.of(overRows(SET_I, overEntries(add(rowStart(name("i"))), ifPositive))),
            List.of(overRows(SET_I, declareRow(name("i")),
                overEntries(add(name("mRow")), new Java.If(name("positive"), List.of(add(name("mRow"))), List.of()))))),
        Arguments.of(
            "not where the row is read from an array, which a loop could change",
            List.of(overRows(SET_I, overEntries(add(rowStart(byRowIndex))))),
            List.of(overRows(SET_I, overEntries(add(rowStart(byRowIndex)))))),
        Arguments.of(
            "not where the row is a quotient, which could divide by zero where the loop would not run",
            List.of(overRows(overEntries(add(rowStart(quotient))))),
            List.of(overRows(overEntries(add(rowStart(quotient)))))),
        Arguments.of(
            "not out of the loop that declares the row's name, nor outside any loop",
            List.of(add(rowStart(name("i"))), overEntries(new Java.Declare(INT, "r", name("j")), add(rowStart(name("r"))))),
            List.of(add(rowStart(name("i"))), overEntries(new Java.Declare(INT, "r", name("j")), add(rowStart(name("r")))))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hoists(String what, List<Java.Stmt> body, List<Java.Stmt> expected) {
    assertEquals(expected, RowStarts.hoist(body, new Names(Set.of("m", "mRows", "mAt", "partials", "i", "j", "k"))));
  }
}
