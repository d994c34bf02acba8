package io.adjoint.processor.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.rules.JavaExprs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which local arrays a generated body borrows from its tape ({@link LentArrays}): those that cannot
 * outlive the call, and none that can — one returned, put into a record, named by another local, passed to
 * a method, or a matrix whose row is replaced — nor a small array of constant size.
 */
class LentArraysTest {
  private static final Java.JType ARRAY = Java.JType.of(Type.DOUBLE_ARRAY);
  private static final Java.JType MATRIX = Java.JType.of(Type.DOUBLE_MATRIX);
  private static final Java.JType DOUBLE = Java.JType.of(Type.DOUBLE);
  private static final ClassRef RECORD = new ClassRef("p", List.of("FGradient"));

  private static Java.Expr name(String n) {
    return JavaExprs.name(n);
  }

  private static Java.Stmt array(String n, Java.Expr... dimensions) {
    return new Java.Declare(dimensions.length == 1 ? ARRAY : MATRIX, n, new Java.NewArray(List.of(dimensions), List.of()));
  }

  private static Java.Expr at(Java.Expr array, String index) {
    return new Java.ArrayRead(array, name(index));
  }

  /** The names of the arrays {@code body} borrows, as {@code tape.array}/{@code matrix} declarations show. */
  private static List<String> borrowed(List<Java.Stmt> body) {
    List<String> out = new ArrayList<>();
    for (Java.Stmt s : LentArrays.borrow(body, "tape")) {
      if (s instanceof Java.Declare d && d.init() instanceof Java.Call c && JavaExprs.name("tape").equals(c.target())) {
        out.add(d.name());
      }
    }
    return out;
  }

  @Test
  void arraysReadAndWrittenEntryByEntryAreBorrowedAndTheTapeReleasedBeforeTheReturn() {
    List<Java.Stmt> body = List.of(
        array("a", name("n")),
        array("m", name("k"), name("n")),
        new Java.Assign(at(name("a"), "i"), "=", name("x")),
        new Java.Assign(at(at(name("m"), "i"), "j"), "+=", at(name("a"), "i")),
        new Java.Eval(new Java.Call(Emitter.ADJOINTS, null, "zero", List.of(name("a"), JavaExprs.lit(0), new Java.FieldRead(null, name("a"), "length")))),
        new Java.Declare(DOUBLE, "v", new Java.Call(null, null, "Math.exp", List.of(at(at(name("m"), "i"), "j")))),
        new Java.Return(name("v")));
    assertEquals(List.of("a", "m"), borrowed(body));
    List<Java.Stmt> out = LentArrays.borrow(body, "tape");
    assertTrue(out.get(0) instanceof Java.Declare d && d.name().equals("tape"), "the tape acquired first");
    assertTrue(out.get(out.size() - 2) instanceof Java.Eval e && e.expr().toString().contains("release"), "released before the return");
  }

  @Test
  void arraysThatMayOutliveTheCallAreAllocated() {
    List<Java.Stmt> body = List.of(
        array("returned", name("n")),
        array("recorded", name("n")),
        array("renamed", name("n")),
        array("passed", name("n")),
        array("rowReplaced", name("k"), name("n")),
        array("rowPassed", name("k"), name("n")),
        new Java.Declare(ARRAY, "other", name("renamed")),
        new Java.Eval(new Java.Call(new ClassRef("p", List.of("User")), null, "keep", List.of(name("passed")))),
        new Java.Eval(new Java.Call(new ClassRef("p", List.of("User")), null, "keep", List.of(at(name("rowPassed"), "i")))),
        new Java.Assign(at(name("rowReplaced"), "i"), "=", name("other")),
        new Java.Declare(DOUBLE, "v", new Java.New(RECORD, List.of(name("recorded")))),
        new Java.Return(name("returned")));
    assertEquals(List.of(), borrowed(body));
  }

  @Test
  void smallArraysOfConstantSizeAreLeftToTheJit() {
    List<Java.Stmt> body = List.of(
        array("small", JavaExprs.lit("3")),
        new Java.Declare(ARRAY, "smallBar", new Java.NewArray(List.of(new Java.FieldRead(null, name("small"), "length")), List.of())),
        array("large", JavaExprs.lit("65")),
        new Java.Return(at(name("small"), "i")));
    assertEquals(List.of("large"), borrowed(body));
  }

  @Test
  void bodyWithoutLocalArraysIsUnchanged() {
    List<Java.Stmt> body = List.of(new Java.Return(name("x")));
    assertSame(body, LentArrays.borrow(body, "tape"));
  }
}
