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
import io.adjoint.processor.ssa.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When {@link SiblingLoops} runs two reverse loops as one, and keeps an adjoint entry in a local: a table
 * of bodies in and bodies out, on the shape of GMM's triangle (the first loop reads {@code qBar} after its
 * position and adds into {@code cBar} at it; the second reads and resets both at its position).
 */
class SiblingLoopsTest {
  private static final Java.JType INT = Java.JType.of(Type.INT);
  private static final Java.JType DOUBLE = Java.JType.of(Type.DOUBLE);
  private static final Java.Stmt Q_BAR = adjointArray("qBar");
  private static final Java.Stmt C_BAR = adjointArray("cBar");
  private static final Java.Stmt COMMENT = new Java.Comment("adjoint of line 7: for (int i = 0; i < n; i++)");
  private static final Java.Stmt FUSED_COMMENT =
      new Java.Comment("adjoint of line 7, fused with the loop above: for (int i = 0; i < n; i++)");

  private static Java.Expr entry(String array, Java.Expr index) {
    return new Java.ArrayRead(name(array), index);
  }

  private static Java.Stmt adjointArray(String name) {
    return new Java.Declare(Java.JType.of(Type.DOUBLE_ARRAY), name, new Java.NewArray(List.of(name("n")), List.of()));
  }

  private static Java.Stmt loop(String counter, String count, List<Java.Stmt> body) {
    return new Java.CountDown(counter, name(count), body, true);
  }

  /**
   * {@code for (k1 …) { int i1 = k1 - 1; int j = i1 + 1; double t = 0.0; for (k2 …) { int j1 = j + (k2 - 1);
   * t += qBar[j1 + shift]; } cBar[i1] += t; …more }}: the column's reverse.
   */
  private static Java.Stmt first(int shift, String cEntry, Java.Stmt... more) {
    List<Java.Stmt> inner = List.of(
        new Java.Declare(INT, "j1", plus(name("j"), minus(name("k2"), literal(1)))),
        new Java.Assign(name("t"), "+=", entry("qBar", shift == 0 ? name("j1") : plus(name("j1"), literal(shift)))));
    List<Java.Stmt> body = new ArrayList<>();
    if (cEntry != null) {
      body.add(new Java.Declare(DOUBLE, cEntry, JavaExprs.ZERO));
    }
    body.addAll(List.of(
        new Java.Declare(INT, "i1", minus(name("k1"), literal(1))),
        new Java.Declare(INT, "j", plus(name("i1"), literal(1))),
        new Java.Declare(DOUBLE, "t", JavaExprs.ZERO),
        declareCount("count2", minus(name("n"), name("j"))),
        loop("k2", "count2", inner),
        new Java.Assign(cEntry != null ? name(cEntry) : entry("cBar", name("i1")), "+=", name("t"))));
    body.addAll(List.of(more));
    return loop("k1", "count1", body);
  }

  /** The fill's reverse: {@code int i2 = k - 1; double q = qBar[i2]; qBar[i2] = 0.0; double c = cBar[i2]; …}. */
  private static List<Java.Stmt> second(String counter, String cEntry, Java.Stmt... more) {
    List<Java.Stmt> body = new ArrayList<>(List.of(
        new Java.Declare(INT, "i2", minus(name(counter), literal(1))),
        new Java.Declare(DOUBLE, "q", entry("qBar", name("i2"))),
        new Java.Assign(entry("qBar", name("i2")), "=", JavaExprs.ZERO),
        new Java.Declare(DOUBLE, "c", cEntry != null ? name(cEntry) : entry("cBar", name("i2")))));
    if (cEntry == null) {
      body.add(new Java.Assign(entry("cBar", name("i2")), "=", JavaExprs.ZERO));
    }
    body.addAll(List.of(more));
    return body;
  }

  /** The two loops as the emitter writes them, {@code more1} and {@code more2} at the ends of their bodies. */
  private static List<Java.Stmt> siblings(int shift, Java.Expr secondCount, List<Java.Stmt> between, Java.Stmt more1,
      Java.Stmt more2, Java.Stmt... after) {
    List<Java.Stmt> body = new ArrayList<>(List.of(Q_BAR, C_BAR, declareCount("count1", name("n"))));
    body.add(more1 == null ? first(shift, null) : first(shift, null, more1));
    body.add(COMMENT);
    body.addAll(between);
    body.add(declareCount("count3", secondCount));
    body.add(loop("k3", "count3", more2 == null ? second("k3", null) : second("k3", null, more2)));
    body.addAll(List.of(after));
    return body;
  }

  /**
   * Those loops fused, {@code cBar}'s entry in a local where {@code kept}, and the second's position a
   * copy of the first's.
   */
  private static List<Java.Stmt> fused(boolean kept, List<Java.Stmt> moved, Java.Stmt more1, Java.Stmt more2,
      Java.Stmt... after) {
    String cEntry = kept ? "cBarEntry" : null;
    List<Java.Stmt> body = new ArrayList<>(kept ? List.of(Q_BAR) : List.of(Q_BAR, C_BAR));
    body.add(declareCount("count1", name("n")));
    body.addAll(moved);
    Java.CountDown column = (Java.CountDown) (more1 == null ? first(0, cEntry) : first(0, cEntry, more1));
    List<Java.Stmt> both = new ArrayList<>(column.body());
    both.add(FUSED_COMMENT);
    List<Java.Stmt> fill = new ArrayList<>(more2 == null ? second("k1", cEntry) : second("k1", cEntry, more2));
    fill.set(0, new Java.Declare(INT, "i2", name("i1"))); // the same position: SharedValues
    both.addAll(fill);
    body.add(loop("k1", "count1", both));
    body.addAll(List.of(after));
    return body;
  }

  static Stream<Arguments> cases() {
    Java.Stmt intoA = new Java.Assign(entry("partials", plus(name("aAt"), name("i1"))), "+=", name("t"));
    Java.Stmt intoB = new Java.Assign(entry("partials", plus(name("bAt"), name("i2"))), "+=", name("q"));
    Java.Stmt intoAFromSecond = new Java.Assign(entry("partials", plus(name("aAt"), name("i2"))), "+=", name("q"));
    Java.Stmt setS = new Java.Assign(name("s"), "=", name("t"));
    Java.Stmt readS = new Java.Assign(entry("partials", plus(name("bAt"), name("i2"))), "+=", name("s"));
    Java.Stmt pop = new Java.Declare(DOUBLE, "popped", new Java.Call(null, name("tape"), "popDouble", List.of()));
    Java.Stmt readAfter = new Java.Declare(DOUBLE, "last", entry("cBar", literal(0)));
    Java.Stmt fromS = new Java.Declare(INT, "m", name("s"));
    Java.Stmt fromN = new Java.Declare(INT, "m", plus(name("n"), literal(1)));
    Java.Stmt useM = new Java.Assign(entry("partials", plus(name("bAt"), name("m"))), "+=", name("q"));
    return Stream.of(
        Arguments.of("fused, cBar's entry in a local and cBar gone, the second count dropped",
            siblings(0, name("n"), List.of(), null, null),
            fused(true, List.of(), null, null)),
        Arguments.of("fused where they add into different parameters' parts of the flat array",
            siblings(0, name("n"), List.of(), intoA, intoB),
            fused(true, List.of(), intoA, intoB)),
        Arguments.of("fused, a declaration between them that the first loop does not change moved before it",
            siblings(0, name("n"), List.of(fromN), null, useM),
            fused(true, List.of(fromN), null, useM)),
        Arguments.of("fused, but cBar kept where it is read after the loops",
            siblings(0, name("n"), List.of(), null, null, readAfter),
            fused(false, List.of(), null, null, readAfter)),
        Arguments.of("not where the first reads qBar before its position, which the second has reset",
            siblings(-2, name("n"), List.of(), null, null),
            siblings(-2, name("n"), List.of(), null, null)),
        Arguments.of("not where they count to different values",
            siblings(0, minus(name("n"), literal(1)), List.of(), null, null),
            siblings(0, minus(name("n"), literal(1)), List.of(), null, null)),
        Arguments.of("not where they add into the same part of the flat array",
            siblings(0, name("n"), List.of(), intoA, intoAFromSecond),
            siblings(0, name("n"), List.of(), intoA, intoAFromSecond)),
        Arguments.of("not where the first assigns a local the second reads",
            siblings(0, name("n"), List.of(), setS, readS),
            siblings(0, name("n"), List.of(), setS, readS)),
        Arguments.of("not where one pops the tape",
            siblings(0, name("n"), List.of(), null, pop),
            siblings(0, name("n"), List.of(), null, pop)),
        Arguments.of("not across a declaration from what the first loop changes",
            siblings(0, name("n"), List.of(fromS), setS, useM),
            siblings(0, name("n"), List.of(fromS), setS, useM)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fuses(String what, List<Java.Stmt> body, List<Java.Stmt> expected) {
    Names names = new Names(Set.of("n", "qBar", "cBar", "partials", "aAt", "bAt", "s", "tape"));
    List<Java.Stmt> out = SiblingLoops.fuse(
        body, Set.of("qBar", "cBar"), "partials", List.of(literal(0), name("aAt"), name("bAt")), names);
    assertEquals(expected, out);
  }
}
