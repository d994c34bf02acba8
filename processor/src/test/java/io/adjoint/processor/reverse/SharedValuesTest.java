package io.adjoint.processor.reverse;

import static io.adjoint.processor.reverse.Trees.literal;
import static io.adjoint.processor.reverse.Trees.minus;
import static io.adjoint.processor.reverse.Trees.name;
import static io.adjoint.processor.reverse.Trees.plus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.ClassRef;
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
 * When {@link SharedValues} makes a value the second half of a fused iteration computes again a copy of
 * the first half's: a table of iterations in and out, on the shape of GMM's ({@code x[ix][i] - mu[i]},
 * computed by the column's reverse and by the fill's, at {@code i1 = k - 1} and {@code i2 = k - 1}).
 */
class SharedValuesTest {
  private static final Java.JType INT = Java.JType.of(Type.INT);
  private static final Java.JType DOUBLE = Java.JType.of(Type.DOUBLE);

  private static Java.Expr entry(String array, Java.Expr index) {
    return new Java.ArrayRead(name(array), index);
  }

  /** {@code x[ix][i] - mu[i]}. */
  private static Java.Expr centered(String i) {
    return minus(new Java.ArrayRead(entry("x", name("ix")), name(i)), entry("mu", name(i)));
  }

  /**
   * {@code int i1 = k - 1; double t4 = x[ix][i1] - mu[i1]; …between; int i2 = k - 1; double t2 =
   * x[ix][i2] - mu[i2]; partials[i2] -= t2 * t4;}
   */
  private static List<Java.Stmt> iteration(Java.Expr laterValue, Java.Stmt... between) {
    List<Java.Stmt> body = new ArrayList<>(List.of(
        new Java.Declare(INT, "i1", minus(name("k"), literal(1))),
        new Java.Declare(DOUBLE, "t4", centered("i1"))));
    body.addAll(List.of(between));
    body.addAll(List.of(
        new Java.Declare(INT, "i2", minus(name("k"), literal(1))),
        new Java.Declare(DOUBLE, "t2", laterValue),
        new Java.Assign(entry("partials", name("i2")), "-=", new Java.Binary(BinaryOp.MUL, name("t2"), name("t4")))));
    return body;
  }

  /** {@link #iteration} as {@link SharedValues} leaves it: {@code i2} and {@code t2} copies. */
  private static List<Java.Stmt> shared(Java.Stmt... between) {
    List<Java.Stmt> body = new ArrayList<>(iteration(centered("i2"), between));
    body.set(body.size() - 3, new Java.Declare(INT, "i2", name("i1")));
    body.set(body.size() - 2, new Java.Declare(DOUBLE, "t2", name("t4")));
    return body;
  }

  /** {@link #iteration} with only {@code i2} a copy (its value the same, {@code t2}'s not). */
  private static List<Java.Stmt> onlyThePosition(Java.Expr laterValue, Java.Stmt... between) {
    List<Java.Stmt> body = new ArrayList<>(iteration(laterValue, between));
    body.set(body.size() - 3, new Java.Declare(INT, "i2", name("i1")));
    return body;
  }

  /** {@code for (k2 …) { partials[p + k2] += t4; }}: the column's inner loop, adding into the flat array. */
  private static Java.Stmt column(String array) {
    return new Java.CountDown("k2", name("count2"),
        List.of(new Java.Assign(entry(array, plus(name("p"), name("k2"))), "+=", name("t4"))), true);
  }

  static Stream<Arguments> cases() {
    Java.Stmt resetC = new Java.Assign(entry("cBar", name("i1")), "=", JavaExprs.ZERO);
    Java.Expr random = new Java.Call(ClassRef.MATH, null, "random", List.of());
    Java.Expr readsC = plus(centered("i2"), entry("cBar", name("i2")));
    Java.Expr readsCEarlier = plus(centered("i1"), entry("cBar", name("i1")));
    List<Java.Stmt> cBoth = iteration(readsC, resetC);
    cBoth.set(1, new Java.Declare(DOUBLE, "t4", readsCEarlier));
    List<Java.Stmt> cBothOut = new ArrayList<>(cBoth);
    cBothOut.set(cBothOut.size() - 3, new Java.Declare(INT, "i2", name("i1")));
    List<Java.Stmt> assignedLater = iteration(centered("i2"));
    assignedLater.add(new Java.Assign(name("t2"), "+=", name("t4")));
    List<Java.Stmt> assignedLaterOut = new ArrayList<>(assignedLater);
    assignedLaterOut.set(assignedLaterOut.size() - 4, new Java.Declare(INT, "i2", name("i1")));
    // positions assigned, not declared (forward counters the reverse sets): id1 read before it is set
    Java.Stmt setI1 = new Java.Assign(name("i1"), "=", minus(name("k"), literal(1)));
    Java.Stmt setId1 = new Java.Assign(name("id1"), "=", minus(name("k"), literal(1)));
    Java.Stmt before = new Java.Declare(DOUBLE, "a", entry("y", name("id1")));
    Java.Stmt after = new Java.Declare(DOUBLE, "b", entry("y", name("i1")));
    Java.Stmt sum = new Java.Assign(entry("partials", name("k")), "+=", plus(name("a"), name("b")));
    List<Java.Stmt> assigned = List.of(setI1, before, setId1, after, sum);
    List<Java.Stmt> assignedOut = List.of(setI1, before, new Java.Assign(name("id1"), "=", name("i1")), after, sum);
    return Stream.of(
        Arguments.of("GMM's: the flat array and a fresh adjoint array stored between",
            iteration(centered("i2"), column("partials"), resetC), shared(column("partials"), resetC)),
        Arguments.of("an input array stored into between",
            iteration(centered("i2"), column("mu")), iteration(centered("i2"), column("mu"))),
        Arguments.of("a fresh adjoint array the value reads, stored into between", cBoth, cBothOut),
        Arguments.of("a name the value reads assigned between",
            iteration(centered("i2"), new Java.Assign(name("ix"), "+=", literal(1))),
            onlyThePosition(centered("i2"), new Java.Assign(name("ix"), "+=", literal(1)))),
        Arguments.of("a statement evaluated for its effect between",
            iteration(centered("i2"), new Java.Eval(new Java.Call(null, name("tape"), "doubleTop", List.of(name("top"))))),
            iteration(centered("i2"), new Java.Eval(new Java.Call(null, name("tape"), "doubleTop", List.of(name("top")))))),
        Arguments.of("the later local assigned after it", assignedLater, assignedLaterOut),
        Arguments.of("Math.random", iteration(random), onlyThePosition(random)),
        Arguments.of("another value", iteration(entry("mu", name("i2"))), onlyThePosition(entry("mu", name("i2")))),
        Arguments.of("assigned positions; a read of one before it is set is not a read of the other",
            assigned, assignedOut));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sharesOnlyWhatIsTheSameValue(String title, List<Java.Stmt> in, List<Java.Stmt> out) {
    assertEquals(out, SharedValues.share(in, Set.of("cBar"), "partials"), title);
  }
}
