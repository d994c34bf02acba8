package io.adjoint.processor.ssa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Callee;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Custom;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.MathFunction;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The normalizer's lifting of double conditionals into ifs, kind by kind: a conditional in any operand
 * of any kind of expression that is always evaluated is lifted (else the reverse sweep would miss its
 * adjoint, issue 16), and one the program guards (a {@code ?:} arm, the right of {@code &&}) is not;
 * and its removal of {@code break} and {@code continue}: what follows a jump moves into the branch that
 * does not jump, a continue runs its loop's update, a break sets a flag the loop's condition tests.
 */
class NormalizerTest {
  private static final Expr X = new Expr.Local(Type.DOUBLE, "x");
  private static final Expr Y = new Expr.Local(Type.DOUBLE, "y");
  private static final Expr N = new Expr.Local(Type.INT, "n");
  private static final Expr A = new Expr.Local(Type.DOUBLE_ARRAY, "a");
  private static final Expr TEST = new Expr.Binary(BinaryOp.LT, X, Y, Type.BOOLEAN);
  /** {@code x < y ? x : y}, the conditional each case puts somewhere. */
  private static final Expr CHOICE = new Expr.Conditional(TEST, X, Y, Type.DOUBLE);
  /** {@code (int) (x < y ? x : y)}: the conditional where an int is wanted. */
  private static final Expr INT_CHOICE = new Expr.Cast(Type.INT, CHOICE);

  private static final Custom RULE =
      new Custom("h", new ClassRef("p", List.of("T")), "h", List.of(new ClassRef("p", List.of("T"))), List.of("hx"));
  private static final Callee CALLEE =
      new Callee(
          "g(double)",
          new ClassRef("p", List.of("TGradients")),
          "g",
          new ClassRef("p", List.of("TGradients", "GGradient")),
          List.of(Type.DOUBLE),
          List.of("x"),
          List.of("x"),
          false,
          new ClassRef("p", List.of("T")),
          Type.DOUBLE,
          false);

  /** One expression per kind and operand, the conditional in that operand. */
  private record Case(String name, Class<? extends Expr> kind, Expr expr) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("-c", Expr.Unary.class, new Expr.Unary(UnaryOp.NEG, CHOICE, Type.DOUBLE)));
    cases.add(new Case("c + y", Expr.Binary.class, new Expr.Binary(BinaryOp.ADD, CHOICE, Y, Type.DOUBLE)));
    cases.add(new Case("x * c", Expr.Binary.class, new Expr.Binary(BinaryOp.MUL, X, CHOICE, Type.DOUBLE)));
    cases.add(new Case("c in a taken arm's arm", Expr.Conditional.class,
        new Expr.Conditional(TEST, CHOICE, Y, Type.DOUBLE)));
    cases.add(new Case("(double) c", Expr.Cast.class, new Expr.Cast(Type.DOUBLE, CHOICE)));
    cases.add(new Case("sin(c)", Expr.MathCall.class,
        new Expr.MathCall(MathFunction.SIN, false, List.of(CHOICE), Type.DOUBLE)));
    cases.add(new Case("a[(int) c]", Expr.ArrayRead.class, new Expr.ArrayRead(A, INT_CHOICE, Type.DOUBLE)));
    cases.add(new Case("new double[(int) c].length", Expr.Length.class,
        new Expr.Length(new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(INT_CHOICE), List.of()))));
    cases.add(new Case("new double[] {x, c}", Expr.NewArray.class,
        new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(), List.of(X, CHOICE))));
    cases.add(new Case("h(c)", Expr.CustomCall.class, new Expr.CustomCall(RULE, List.of(CHOICE), null)));
    cases.add(new Case("g(c)", Expr.DiffCall.class, new Expr.DiffCall(CALLEE, List.of(CHOICE), null)));
    return cases;
  }

  @Test
  void everyKindWithOperandsHasACase() {
    Set<Class<?>> covered = cases().stream().map(Case::kind).collect(Collectors.toSet());
    Set<Class<?>> withOperands = new HashSet<>();
    for (Class<?> kind : Expr.class.getPermittedSubclasses()) {
      if (kind != Expr.Leaf.class) {
        withOperands.add(kind);
      }
    }
    assertEquals(withOperands, covered, "a kind of expression with operands has no case here");
  }

  @TestFactory
  Stream<DynamicTest> aConditionalAlwaysEvaluatedIsLifted() {
    return cases().stream()
        .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
          List<Stmt> body = normalize(c.expr());
          Stmt.Return last = (Stmt.Return) body.get(body.size() - 1);
          assertTrue(body.size() >= 3, () -> "nothing lifted from " + c + ": " + body);
          assertEquals(0, unguardedDoubleConditionals(last.value()), () -> "left in " + last.value());
          assertTrue(body.get(1) instanceof Stmt.If, () -> body.toString());
        }));
  }

  @Test
  void aGuardedConditionalStays() {
    Expr zero = new Expr.Literal(Type.INT, "0");
    Expr one = new Expr.Literal(Type.INT, "1");
    // x * (n > 0 && c > 0.0 ? 1 : 0): c only when n > 0
    Expr rightOfAnd =
        new Expr.Binary(
            BinaryOp.COND_AND,
            new Expr.Binary(BinaryOp.GT, N, zero, Type.BOOLEAN),
            new Expr.Binary(BinaryOp.GT, CHOICE, new Expr.Literal(Type.DOUBLE, "0.0"), Type.BOOLEAN),
            Type.BOOLEAN);
    // x * (x < y ? (int) c : 1): c only when x < y
    Expr inIntArm = new Expr.Conditional(TEST, INT_CHOICE, one, Type.INT);
    for (Expr guarded : List.of(new Expr.Conditional(rightOfAnd, one, zero, Type.INT), inIntArm)) {
      Expr e = new Expr.Binary(BinaryOp.MUL, X, new Expr.Cast(Type.DOUBLE, guarded), Type.DOUBLE);
      List<Stmt> body = normalize(e);
      assertEquals(List.of(new Stmt.Return(e, 1, "return e;")), body);
    }
  }

  // ------------------------------------------------------------------------------- break, continue

  private static final Expr C = new Expr.Binary(BinaryOp.LT, N, new Expr.Local(Type.INT, "m"), Type.BOOLEAN);
  private static final Expr T = new Expr.Binary(BinaryOp.GT, X, Y, Type.BOOLEAN);
  private static final Stmt A1 = assign("x", Y);
  private static final Stmt B1 = assign("y", X);
  private static final Stmt UPDATE = assign("n", new Expr.Binary(BinaryOp.ADD, N, one(), Type.INT));

  @Test
  void aBreakSetsAFlagTheConditionTestsAndTheRestMovesIntoTheOtherBranch() {
    // while (n < m) { x = y; if (x > y) break; y = x; }
    Stmt loop = loop(C, List.of(A1, new Stmt.If(T, List.of(new Stmt.Break(2, "break;")), List.of(), 2, "if"), B1));
    Expr notBroke = new Expr.Unary(UnaryOp.NOT, new Expr.Local(Type.BOOLEAN, "broke"), Type.BOOLEAN);
    assertEquals(
        List.of(
            new Stmt.Declare("broke", Type.BOOLEAN, new Expr.Literal(Type.BOOLEAN, "false"), 1, null),
            loop(
                new Expr.Binary(BinaryOp.COND_AND, notBroke, C, Type.BOOLEAN),
                List.of(
                    A1,
                    new Stmt.If(
                        T,
                        List.of(new Stmt.Assign("broke", new Expr.Literal(Type.BOOLEAN, "true"), 2, "break;")),
                        List.of(B1),
                        2,
                        "if")))),
        normalizeStatements(List.of(loop)));
  }

  @Test
  void aContinueRunsTheUpdateAndTheRestMovesIntoTheOtherBranch() {
    // for (; n < m; n = n + 1) { x = y; if (x > y) continue; y = x; }: the update ends the body
    Stmt jump = new Stmt.Continue(List.of(UPDATE), 2, "continue;");
    Stmt loop = loop(C, List.of(A1, new Stmt.If(T, List.of(jump), List.of(), 2, "if"), B1, UPDATE));
    assertEquals(
        List.of(loop(C, List.of(A1, new Stmt.If(T, List.of(UPDATE), List.of(B1, UPDATE), 2, "if")))),
        normalizeStatements(List.of(loop)));
  }

  @Test
  void statementsAfterAnUnconditionalBreakAreDropped() {
    Stmt loop = loop(C, List.of(A1, new Stmt.Break(2, "break;"), B1));
    List<Stmt> out = normalizeStatements(List.of(loop));
    Stmt.Loop lowered = (Stmt.Loop) out.get(1);
    assertEquals(
        List.of(A1, new Stmt.Assign("broke", new Expr.Literal(Type.BOOLEAN, "true"), 2, "break;")),
        lowered.body());
  }

  @Test
  void aBreakLeavesOnlyItsOwnLoopAndTheFlagAvoidsTakenNames() {
    // while (n < m) { while (n < m) { break; } x = y; }, where "broke" is a name already used
    Stmt inner = loop(C, List.of(new Stmt.Break(3, "break;")));
    Stmt outer = loop(C, List.of(inner, A1));
    Set<String> names = new HashSet<>(List.of("x", "y", "n", "m", "broke"));
    List<Stmt> out = new Normalizer(names).normalize(List.of(outer));
    assertEquals(1, out.size(), "the outer loop needs no flag");
    Stmt.Loop lowered = (Stmt.Loop) out.get(0);
    assertEquals(C, lowered.condition());
    assertEquals(
        new Stmt.Declare("broke2", Type.BOOLEAN, new Expr.Literal(Type.BOOLEAN, "false"), 1, null),
        lowered.body().get(0));
    Stmt.Loop innerLowered = (Stmt.Loop) lowered.body().get(1);
    assertEquals(
        List.of(new Stmt.Assign("broke2", new Expr.Literal(Type.BOOLEAN, "true"), 3, "break;")), innerLowered.body());
    assertEquals(A1, lowered.body().get(2));
  }

  private static Stmt loop(Expr condition, List<Stmt> body) {
    return new Stmt.Loop(condition, body, false, 1, "while");
  }

  private static Stmt assign(String name, Expr value) {
    return new Stmt.Assign(name, value, 1, null);
  }

  private static Expr one() {
    return new Expr.Literal(Type.INT, "1");
  }

  private static List<Stmt> normalizeStatements(List<Stmt> stmts) {
    return new Normalizer(new HashSet<>(List.of("x", "y", "n", "m"))).normalize(stmts);
  }

  /** {@code return e;}, normalized. */
  private static List<Stmt> normalize(Expr e) {
    Set<String> names = new HashSet<>(List.of("x", "y", "n", "a"));
    return new Normalizer(names).normalize(List.of(new Stmt.Return(e, 1, "return e;")));
  }

  /** Double conditionals that are always evaluated, counted. */
  private static int unguardedDoubleConditionals(Expr e) {
    if (e instanceof Expr.Conditional c) {
      return (c.type() == Type.DOUBLE ? 1 : 0) + unguardedDoubleConditionals(c.condition());
    }
    if (e instanceof Expr.Binary b && (b.op() == BinaryOp.COND_AND || b.op() == BinaryOp.COND_OR)) {
      return unguardedDoubleConditionals(b.left());
    }
    Function<Expr, Integer> count = NormalizerTest::unguardedDoubleConditionals;
    return e.operands().stream().mapToInt(count::apply).sum();
  }
}
