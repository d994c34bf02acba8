package io.adjoint.processor.reverse;

import static io.adjoint.processor.reverse.Trees.literal;
import static io.adjoint.processor.reverse.Trees.minus;
import static io.adjoint.processor.reverse.Trees.name;
import static io.adjoint.processor.reverse.Trees.plus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ssa.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link SummedAdjoints} on bodies written as the generated model, for shapes the processor's own output
 * reaches rarely: an outer loop over points, in it a loop over components (R) whose body runs a map
 * (T) reading the seed {@code s}, which the outer loop refills per point. The map is summed where every
 * read of the seed the moved additions need is inside T, and not where one is before it, where {@code
 * s} holds another value than the one T reads (and the accumulator sums).
 */
class SummedAdjointsModelTest {
  private static final Java.JType INT = Java.JType.of(Type.INT);
  private static final Java.JType DOUBLE = Java.JType.of(Type.DOUBLE);

  private static Java.Expr at(String array, Java.Expr... indices) {
    Java.Expr e = name(array);
    for (Java.Expr index : indices) {
      e = new Java.ArrayRead(e, index);
    }
    return e;
  }

  private static Java.Expr times(Java.Expr a, Java.Expr b) {
    return new Java.Binary(BinaryOp.MUL, a, b);
  }

  /**
   * {@code double[] s = new double[n]; for (p < m) { for (e < n) s[e] = x[p][e]; for (k = K; k > 0; k--) {
   * int c = k - 1; …beforeMap; for (i < n) for (j < n) partials[c * n + j] += s[i] * w[i][j] + extra; } }}.
   */
  private static List<Java.Stmt> body(List<Java.Stmt> beforeMap, Java.Expr extra) {
    Java.Stmt fill = new Java.CountUp("e", name("n"),
        List.of(new Java.Assign(at("s", name("e")), "=", at("x", name("p"), name("e")))));
    Java.Expr term = times(at("s", name("i")), at("w", name("i"), name("j")));
    Java.Stmt add = new Java.Assign(at("partials", plus(times(name("c"), name("n")), name("j"))), "+=",
        extra == null ? term : plus(term, extra));
    Java.Stmt map = new Java.CountUp("i", name("n"), List.of(new Java.CountUp("j", name("n"), List.of(add))));
    List<Java.Stmt> component = new ArrayList<>();
    component.add(new Java.Declare(INT, "c", minus(name("k"), literal(1))));
    component.addAll(beforeMap);
    component.add(map);
    Java.Stmt points = new Java.CountUp("p", name("m"), List.of(fill, new Java.CountDown("k", name("K"), component)));
    return List.of(
        new Java.Declare(Java.JType.of(Type.DOUBLE_ARRAY), "s", new Java.NewArray(List.of(name("n")), List.of())),
        points);
  }

  private static boolean summed(List<Java.Stmt> body) {
    Names names = new Names(Set.of("s", "x", "w", "n", "m", "K", "partials", "tape", "p", "e", "k", "c", "i", "j", "a"));
    List<Java.Stmt> out = SummedAdjoints.sum(body, Set.of("partials"), "tape", names);
    return out.toString().contains(SummedAdjoints.MARK);
  }

  @Test
  void aMapOfTheSeedReadInsideItIsSummed() {
    assertEquals(true, summed(body(List.of(), null)));
  }

  @Test
  void aSeedReadBeforeTheMapIsNotSummed() {
    // double a = s[0]; s[0] = 0.5 * s[0]; … += … + a * w[0][j]: a holds the seed's value before the store,
    // the accumulator would sum it after
    List<Java.Stmt> before = List.of(
        new Java.Declare(DOUBLE, "a", at("s", literal(0))),
        new Java.Assign(at("s", literal(0)), "=", times(new Java.Literal("0.5"), at("s", literal(0)))));
    assertEquals(false, summed(body(before, times(name("a"), at("w", literal(0), name("j"))))));
  }

  @Test
  void aSeedStoredBeforeTheMapAndReadOnlyInsideItIsSummed() {
    // the map reads s as T finds it, which is what the accumulator adds up before T
    List<Java.Stmt> before = List.of(
        new Java.Assign(at("s", literal(0)), "=", times(new Java.Literal("0.5"), at("s", literal(0)))));
    assertEquals(true, summed(body(before, null)));
  }

  @Test
  void aCoefficientTheLoopStoresIntoIsNotSummed() {
    // w[i][j] stored in the loop: the map changes from point to point
    List<Java.Stmt> before = List.of(new Java.Assign(at("w", literal(0), literal(0)), "=", at("x", name("p"), literal(0))));
    assertEquals(false, summed(body(before, null)));
  }
}
