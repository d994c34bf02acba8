package io.adjoint.processor.ssa;

import io.adjoint.processor.ir.Callee;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The calls first order inlines though nothing requires it ({@link Inliner}), where it can: a call to a
 * method returning double that a derivative flows through, inside a loop, or passing arrays a derivative
 * flows into. Kept as a call, the first would keep its gradient record on the tape for every iteration and
 * the second return its partials in new arrays, allocated on every call; inlined, the reverse sweep
 * recomputes or tapes the few doubles the callee's derivative needs and adds into the caller's adjoints.
 *
 * <p>A call whose {@code @NoDerivative} double or array parameter may be passed a value that depends on
 * the inputs stays a call, where that is reported (E225); inlined, it would be differentiated. And one
 * whose body would grow past {@link #LIMIT} stays a call, as does one the inliner cannot inline (its
 * source elsewhere, a recursion, arrays created in a loop that cannot be split into scalars).
 */
final class ElectiveCalls {
  /**
   * The most expression and statement nodes a call may grow into when it is inlined though nothing
   * requires it: more, and the generated method risks passing the size the JIT compiles (8,000 bytes of
   * bytecode), so such a call stays a call.
   */
  static final int LIMIT = 400;

  /** The array parameters of the function that carry no derivative and are never assigned: data. */
  private final Set<String> data = new HashSet<>();

  ElectiveCalls(Function function) {
    Set<String> assigned = new HashSet<>();
    Stmt.names(function.body(), assigned, s -> s instanceof Stmt.Assign a ? a.name() : null);
    Inliner.writtenArrays(function.body(), assigned); // an entry written may carry a derivative
    for (int i = 0; i < function.parameters().size(); i++) {
      Parameter p = function.parameters().get(i);
      if (p.type().isArray() && function.accessors().get(i) == null && !assigned.contains(p.name())) {
        data.add(p.name());
      }
    }
  }

  /** Whether {@code body} holds a call first order would inline where it can. */
  static boolean any(List<Stmt> body) {
    return any(body, 0);
  }

  /** Whether {@code e}, {@code loops} loops deep, is a call to inline where it can. */
  boolean wanted(Expr e, int loops) {
    return e instanceof Expr.DiffCall c && active(c) && (loops > 0 || takesActiveArrays(c)) && dataForNoDerivative(c);
  }

  /**
   * Whether {@code stmts}, {@code loops} loops deep, hold a call first order would inline where it can.
   */
  private static boolean any(List<Stmt> stmts, int loops) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Loop l && (any(l.body(), loops + 1))
          || s instanceof Stmt.If i && (any(i.then(), loops) || any(i.otherwise(), loops))
          || s instanceof Stmt.Continue c && any(c.update(), loops)) {
        return true;
      }
      // a loop's condition is evaluated again in every iteration: a call there is never inlined
      if (!(s instanceof Stmt.Loop) && Stmt.expressions(s).stream().anyMatch(e -> activeCall(e, loops > 0))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code e} calls, anywhere in it, a method returning double that a derivative flows through:
   * in a loop, any; else one taking arrays that a derivative flows into.
   */
  private static boolean activeCall(Expr e, boolean inLoop) {
    return e instanceof Expr.DiffCall c && active(c) && (inLoop || takesActiveArrays(c))
        || e.operands().stream().anyMatch(o -> activeCall(o, inLoop));
  }

  /** Whether a derivative flows through a call to a method returning double: into one of its parameters. */
  private static boolean active(Expr.DiffCall c) {
    return c.type() == Type.DOUBLE && c.callee().accessors().stream().anyMatch(java.util.Objects::nonNull);
  }

  /**
   * Whether every argument for a {@code @NoDerivative} double or array parameter of the callee is data:
   * else the call stays a call, which reports there an argument that depends on the inputs (E225), where
   * inlined it would be differentiated.
   */
  private boolean dataForNoDerivative(Expr.DiffCall c) {
    Callee callee = c.callee();
    for (int i = 0; i < c.args().size(); i++) {
      Type type = callee.parameterTypes().get(i);
      if (callee.accessors().get(i) == null && (type == Type.DOUBLE || type.isArray()) && !data(c.args().get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code e} certainly carries no derivative: a literal, an int, long or boolean (or one cast to
   * double), or an array parameter of the function that carries none and is never assigned, or its
   * entries and rows.
   */
  private boolean data(Expr e) {
    if (e instanceof Expr.Literal || e.type() == Type.INT || e.type() == Type.LONG || e.type() == Type.BOOLEAN) {
      return true;
    }
    if (e instanceof Expr.Cast cast) {
      return cast.operand().type() != Type.DOUBLE && data(cast.operand());
    }
    if (e instanceof Expr.ArrayRead read) {
      return data(read.array());
    }
    return e instanceof Expr.Local l && data.contains(l.name());
  }

  /**
   * Whether a derivative flows into an array or matrix parameter of the callee: its gradient record would
   * hold a new array of partials, where its body inlined adds them into the caller's adjoints.
   */
  private static boolean takesActiveArrays(Expr.DiffCall c) {
    for (int i = 0; i < c.args().size(); i++) {
      if (c.callee().accessors().get(i) != null && c.callee().parameterTypes().get(i).isArray()) {
        return true;
      }
    }
    return false;
  }

  /** How many statements and expressions {@code stmts} hold, nested ones included. */
  static int nodes(List<Stmt> stmts) {
    int count = 0;
    for (Stmt s : stmts) {
      count++;
      for (Expr e : Stmt.expressions(s)) {
        count += nodes(e);
      }
      for (List<Stmt> block : Stmt.blocks(s)) {
        count += nodes(block);
      }
    }
    return count;
  }

  private static int nodes(Expr e) {
    int count = 1;
    for (Expr o : e.operands()) {
      count += nodes(o);
    }
    return count;
  }
}
