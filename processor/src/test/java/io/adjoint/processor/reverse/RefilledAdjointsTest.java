package io.adjoint.processor.reverse;

import static io.adjoint.processor.reverse.Trees.declareCount;
import static io.adjoint.processor.reverse.Trees.literal;
import static io.adjoint.processor.reverse.Trees.minus;
import static io.adjoint.processor.reverse.Trees.name;
import static io.adjoint.processor.reverse.Trees.plus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.rules.JavaExprs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When {@link RefilledAdjoints} makes a fill of an adjoint array store instead of add, and drops the reset
 * of a later loop that reads it: a table of bodies in and bodies out, on the shape of GMM's {@code
 * qCenteredBar} (filled by the sum of squares' reverse, counted down; read after each position by the
 * triangle's reverse and at the position by the diagonal's, then reset).
 */
class RefilledAdjointsTest {
  private static final Java.JType INT = Java.JType.of(Type.INT);
  private static final Java.JType DOUBLE = Java.JType.of(Type.DOUBLE);
  private static final Java.Stmt Q_BAR =
      new Java.Declare(Java.JType.of(Type.DOUBLE_ARRAY), "qBar", new Java.NewArray(List.of(name("n")), List.of()));
  private static final Java.Stmt RESET = new Java.Assign(entry("i1"), "=", JavaExprs.ZERO);
  private static final Java.Stmt READ = new Java.Declare(DOUBLE, "q", entry("i1"));

  private static Java.Expr entry(String index) {
    return new Java.ArrayRead(name("qBar"), name(index));
  }

  /** {@code for (int k0 = count0; k0 > 0; k0--) { int i0 = k0 - 1; …adds }}. */
  private static Java.Stmt fill(Java.Stmt... adds) {
    List<Java.Stmt> body = new ArrayList<>();
    body.add(new Java.Declare(INT, "i0", minus(name("k0"), literal(1))));
    body.addAll(List.of(adds));
    return new Java.CountDown("k0", name("count0"), body);
  }

  private static Java.Stmt add(String op) {
    return new Java.Assign(entry("i0"), op, name("g"));
  }

  /**
   * {@code for (int k1 = 1; k1 <= count1; k1++) { int i1 = k1 - 1; int j = i1 + 1; double t = 0.0; for
   * (k2 …) { int j1 = j + (k2 - 1); t += qBar[j1 + shift]; } …rest }}.
   */
  private static Java.Stmt reader(int shift, Java.Stmt... rest) {
    List<Java.Stmt> inner = List.of(
        new Java.Declare(INT, "j1", plus(name("j"), minus(name("k2"), literal(1)))),
        new Java.Assign(name("t"), "+=", new Java.ArrayRead(name("qBar"), plus(name("j1"), literal(shift)))));
    List<Java.Stmt> body = new ArrayList<>(List.of(
        new Java.Declare(INT, "i1", minus(name("k1"), literal(1))),
        new Java.Declare(INT, "j", plus(name("i1"), literal(1))),
        new Java.Declare(DOUBLE, "t", JavaExprs.ZERO),
        declareCount("count2", minus(name("n"), name("j"))),
        new Java.CountDown("k2", name("count2"), inner, true)));
    body.addAll(List.of(rest));
    body.add(new Java.Assign(new Java.ArrayRead(name("partials"), name("i1")), "+=", plus(name("q"), name("t"))));
    return new Java.CountDown("k1", name("count1"), body, true);
  }

  private static List<Java.Stmt> method(Java.Expr fillCount, Java.Stmt fill, Java.Stmt reader, Java.Stmt... after) {
    List<Java.Stmt> body = new ArrayList<>(List.of(Q_BAR, declareCount("count0", fillCount), fill,
        declareCount("count1", name("n")), reader));
    body.addAll(List.of(after));
    return body;
  }

  static Stream<Arguments> cases() {
    Java.Stmt unchangedReader = reader(0, READ, RESET);
    Java.Stmt readAfter = new Java.Declare(DOUBLE, "last", new Java.ArrayRead(name("qBar"), literal(0)));
    Java.Stmt ifAdd = new Java.If(name("c"), List.of(add("+=")), List.of());
    Java.Stmt growN = new Java.Assign(name("n"), "=", plus(name("n"), literal(1)));
    return Stream.of(
        Arguments.of("stored, and the reset dropped",
            method(name("n"), fill(add("+=")), unchangedReader),
            method(name("n"), fill(add("=")), reader(0, READ))),
        Arguments.of("not where the reader reads before its position, which an earlier iteration reset",
            method(name("n"), fill(add("+=")), reader(-2, READ, RESET)),
            method(name("n"), fill(add("+=")), reader(-2, READ, RESET))),
        Arguments.of("not where the reader may read past what the fill stores",
            method(name("n"), fill(add("+=")), reader(1, READ, RESET)),
            method(name("n"), fill(add("+=")), reader(1, READ, RESET))),
        Arguments.of("not where it reads its position after the reset",
            method(name("n"), fill(add("+=")), reader(0, RESET, READ)),
            method(name("n"), fill(add("+=")), reader(0, RESET, READ))),
        Arguments.of("not where the fill adds only in a branch",
            method(name("n"), fill(ifAdd), unchangedReader),
            method(name("n"), fill(ifAdd), unchangedReader)),
        Arguments.of("not where the fill adds twice",
            method(name("n"), fill(add("+="), add("+=")), unchangedReader),
            method(name("n"), fill(add("+="), add("+=")), unchangedReader)),
        Arguments.of("not where they count to different values",
            method(minus(name("n"), literal(1)), fill(add("+=")), unchangedReader),
            method(minus(name("n"), literal(1)), fill(add("+=")), unchangedReader)),
        Arguments.of("not where the reader changes what it counts to, and what bounds its reads",
            method(name("n"), fill(add("+=")), reader(0, READ, RESET, growN)),
            method(name("n"), fill(add("+=")), reader(0, READ, RESET, growN))),
        Arguments.of("not where the array is read after the reader",
            method(name("n"), fill(add("+=")), unchangedReader, readAfter),
            method(name("n"), fill(add("+=")), unchangedReader, readAfter)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void stores(String what, List<Java.Stmt> body, List<Java.Stmt> expected) {
    assertEquals(expected, RefilledAdjoints.store(body, Set.of("qBar")));
  }
}
