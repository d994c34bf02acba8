package io.adjoint.processor.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Java.JType;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Where {@link Splitter} cuts a long generated body: not at all up to {@link Splitter#SPLIT_ABOVE}
 * estimated bytes, else between top-level statements into parts of about {@link Splitter#PART}; and what
 * each part reloads and spills. Every filler statement here, {@code double fK = x * K.0;}, is estimated
 * at 10 bytes, so a part holds 300 of them.
 */
class SplitterTest {
  private static final JType DOUBLE = JType.of(Type.DOUBLE);
  private static final JType INT = JType.of(Type.INT);

  @Test
  void aBodyUpToTheLimitIsNotSplit() {
    assertEquals(10, Splitter.size(filler(0)));
    assertNull(Splitter.plan(fillers(0, 600))); // 6,000 bytes
  }

  @Test
  void aBodyJustOverTheLimitIsCutIntoFullParts() {
    assertEquals(List.of(300, 300, 1), partSizes(Splitter.plan(fillers(0, 601))));
  }

  @Test
  void aLongBodyIsCutEveryPart() {
    assertEquals(List.of(300, 300, 300, 100), partSizes(Splitter.plan(fillers(0, 1000))));
  }

  @Test
  void aStatementLargerThanAPartIsNeverCutInside() {
    List<Java.Stmt> body = new ArrayList<>(fillers(0, 100));
    body.add(new Java.While(name("c"), fillers(1000, 400), false)); // 4,000 bytes and more
    body.addAll(fillers(100, 100));
    Splitter.Plan plan = Splitter.plan(body);
    assertEquals(List.of(100, 1, 100), partSizes(plan));
    assertEquals(body.get(100), plan.parts().get(1).body().get(0));
  }

  @Test
  void aLocalReadLaterIsSpilledByItsPartAndReloadedByTheReader() {
    List<Java.Stmt> body = new ArrayList<>();
    body.add(new Java.Declare(INT, "n", lit("3")));
    body.add(new Java.Declare(DOUBLE, "late", null)); // assigned in the last part
    body.addAll(fillers(0, 700));
    body.add(new Java.Assign(name("late"), "=", name("f5")));
    body.add(new Java.Return(new Java.Binary(BinaryOp.MUL, name("late"), name("n"))));
    Splitter.Plan plan = Splitter.plan(body);
    assertEquals(List.of(301, 300, 103), partSizes(plan));

    Splitter.Spill n = new Splitter.Spill("n", INT, 'l', 0);
    Splitter.Spill late = new Splitter.Spill("late", DOUBLE, 'd', 0);
    Splitter.Spill f5 = new Splitter.Spill("f5", DOUBLE, 'd', 1);
    Splitter.Part first = plan.parts().get(0);
    Splitter.Part middle = plan.parts().get(1);
    Splitter.Part last = plan.parts().get(2);
    assertEquals(List.of(), first.inputs());
    assertEquals(List.of(n, late, f5), first.outputs());
    assertEquals(List.of(), middle.inputs(), "the middle part reads none of them");
    assertEquals(List.of(), middle.outputs());
    assertEquals(List.of(late, f5, n), last.inputs(), "in the order the last part reads them");
    assertEquals(List.of(), last.outputs());
    assertEquals(2, plan.doubles());
    assertEquals(1, plan.longs());
    assertEquals(0, plan.objects());
    // a local declared without a value gets one, so that its part can spill it
    assertEquals(new Java.Declare(DOUBLE, "late", lit("0.0")), first.body().get(1));
  }

  @Test
  void theFramesTakeNamesTheBodyLeavesFree() {
    List<Java.Stmt> body = List.of(new Java.Declare(DOUBLE, "doubles", lit("1.0")));
    assertEquals(
        Map.of('d', "doubles2", 'l', "longs", 'o', "objects3"),
        Splitter.frameNames(body, Set.of("objects", "objects2")));
  }

  private static List<Integer> partSizes(Splitter.Plan plan) {
    return plan.parts().stream().map(p -> p.body().size()).toList();
  }

  /** {@code count} fillers, named from {@code fFirst}. */
  private static List<Java.Stmt> fillers(int first, int count) {
    List<Java.Stmt> out = new ArrayList<>();
    for (int k = first; k < first + count; k++) {
      out.add(filler(k));
    }
    return out;
  }

  /** {@code double fK = x * K.0;} */
  private static Java.Stmt filler(int k) {
    return new Java.Declare(DOUBLE, "f" + k, new Java.Binary(BinaryOp.MUL, name("x"), lit(k + ".0")));
  }

  private static Java.Expr name(String name) {
    return new Java.Name(name);
  }

  private static Java.Expr lit(String text) {
    return new Java.Literal(text);
  }
}
