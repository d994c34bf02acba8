package io.adjoint.processor.lower;

import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * A loop whose condition calls a {@code @Differentiable} method: the condition moves into the body, as
 * an if that breaks, so that the call is an ordinary statement of an iteration, with its place on the
 * tape. {@code while (c) body} becomes {@code while (true) { if (!c) break; body }} (a for loop's update
 * stays at the end of the body, where a continue runs it too); {@code do body while (c)} becomes {@code
 * do { body if (!c) break; } while (true)}, unless its body has a {@code continue}, which would skip the
 * test.
 */
final class LoopConditions {
  private LoopConditions() {}

  /** Whether {@code e} calls a {@code @Differentiable} method. */
  static boolean calls(Expr e) {
    if (e instanceof Expr.DiffCall) {
      return true;
    }
    for (Expr o : e.operands()) {
      if (calls(o)) {
        return true;
      }
    }
    return false;
  }

  /** The loop, its condition in its body when that calls a method; null when that cannot be done. */
  static Stmt.Loop loop(Expr condition, List<Stmt> body, boolean testAfter, int line, String source) {
    if (!calls(condition)) {
      return new Stmt.Loop(condition, body, testAfter, line, source);
    }
    if (testAfter && continues(body)) {
      return null;
    }
    Stmt exit =
        new Stmt.If(
            new Expr.Unary(UnaryOp.NOT, condition, Type.BOOLEAN),
            List.of(new Stmt.Break(line, "break")),
            List.of(),
            line,
            source);
    List<Stmt> guarded = new ArrayList<>();
    if (!testAfter) {
      guarded.add(exit);
    }
    guarded.addAll(body);
    if (testAfter) {
      guarded.add(exit);
    }
    return new Stmt.Loop(new Expr.Literal(Type.BOOLEAN, "true"), guarded, false, line, source);
  }

  /** Whether {@code stmts} continue the loop they are the body of. */
  private static boolean continues(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Continue || s instanceof Stmt.If f && (continues(f.then()) || continues(f.otherwise()))) {
        return true;
      }
    }
    return false;
  }
}
