package io.adjoint.processor.ssa;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.GenerationError;
import io.adjoint.processor.ir.LoopArrays;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The arrays that bodies inlined inside loops create, split into one scalar local per entry (see {@link
 * LoopArrays}): a rotated point or a cross product computed in each iteration of a loop over points.
 * What the inliner inlines into a loop may create such arrays only where they can be split — a {@code
 * double[]} of constant size, of at most {@link LoopArrays#MAX_ENTRIES} entries, only indexed (by
 * indices that call nothing) or asked its length, never passed on whole to a call that stays a call;
 * anything else is reported at the call whose body created it.
 */
final class InlinedLoopArrays {
  private final LoopArrays split = new LoopArrays();
  /** The arrays to split, each with the message and place of the call whose body created it. */
  private final Map<String, Expr.DiffCall> origins;
  private final Function<Expr.DiffCall, String> problem;
  private final UnaryOperator<String> unique;
  /**
   * Where an index that calls a method is computed once, into a local, before the statement being
   * rewritten (an entry is selected by comparing the index with each position); null in a loop's
   * condition, which is evaluated again in every iteration.
   */
  private List<Stmt> before;

  private InlinedLoopArrays(
      Map<String, Expr.DiffCall> origins, Function<Expr.DiffCall, String> problem, UnaryOperator<String> unique) {
    this.origins = origins;
    this.problem = problem;
    this.unique = unique;
  }

  /**
   * {@code body} with the arrays named in {@code origins} split into scalars.
   *
   * @param problem what to report at a call whose array cannot be split
   * @param unique a fresh name for each entry's local
   * @throws GenerationError at the call that created an array that cannot be split
   */
  static List<Stmt> split(
      List<Stmt> body,
      Map<String, Expr.DiffCall> origins,
      Function<Expr.DiffCall, String> problem,
      UnaryOperator<String> unique) {
    return new InlinedLoopArrays(origins, problem, unique).statements(body);
  }

  private List<Stmt> statements(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      statement(s, out);
    }
    return out;
  }

  private void statement(Stmt s, List<Stmt> out) {
    before = out;
    if (s instanceof Stmt.Declare d && origins.containsKey(d.name())) {
      if (d.init() == null || !split.declare(d.name(), d.type(), expr(d.init()), unique, d.line(), d.source(), out)) {
        throw cannotSplit(d.name());
      }
    } else if (s instanceof Stmt.Declare d) {
      out.add(new Stmt.Declare(d.name(), d.type(), d.init() == null ? null : expr(d.init()), d.line(), d.source()));
    } else if (s instanceof Stmt.Assign a) {
      out.add(new Stmt.Assign(a.name(), expr(a.value()), a.line(), a.source()));
    } else if (s instanceof Stmt.Return r) {
      out.add(new Stmt.Return(expr(r.value()), r.line(), r.source()));
    } else if (s instanceof Stmt.ArrayWrite w && origins.containsKey(w.array())) {
      if (w.indices().size() != 1) {
        throw cannotSplit(w.array());
      }
      Expr index = selecting(expr(w.indices().get(0)), w.array());
      Expr value = expr(w.value());
      if (!split.write(w.array(), index, entry -> value, w.line(), w.source(), out)) {
        throw cannotSplit(w.array());
      }
    } else if (s instanceof Stmt.ArrayWrite w) {
      List<Expr> indices = w.indices().stream().map(this::expr).toList();
      out.add(new Stmt.ArrayWrite(w.array(), indices, expr(w.value()), w.line(), w.source()));
    } else if (s instanceof Stmt.If i) {
      out.add(new Stmt.If(expr(i.condition()), statements(i.then()), statements(i.otherwise()), i.line(), i.source()));
    } else if (s instanceof Stmt.Loop l) {
      before = null;
      Expr condition = expr(l.condition());
      out.add(new Stmt.Loop(condition, statements(l.body()), l.testAfter(), l.line(), l.source()));
    } else if (s instanceof Stmt.Continue c) {
      out.add(new Stmt.Continue(statements(c.update()), c.line(), c.source()));
    } else {
      out.add(s);
    }
  }

  private Expr expr(Expr e) {
    if (e instanceof Expr.ArrayRead r && split.split(r.array())) {
      String array = ((Expr.Local) r.array()).name();
      Expr entry = split.read(r.array(), selecting(expr(r.index()), array));
      if (entry == null) {
        throw cannotSplit(((Expr.Local) r.array()).name());
      }
      return entry;
    }
    if (e instanceof Expr.Length l && split.split(l.array())) {
      return split.length(l.array());
    }
    if (e instanceof Expr.Local l && split.split(l)) {
      throw cannotSplit(l.name()); // used whole: passed to a call, say
    }
    return e.mapOperands(this::expr);
  }

  /**
   * {@code index}, or a local computed before the statement that holds it, when it calls a method: an
   * int computed by pure methods, which cannot throw (a division by a value other than a literal, which
   * might, is not moved).
   */
  private Expr selecting(Expr index, String array) {
    if (!calls(index)) {
      return index;
    }
    if (before == null || divides(index)) {
      throw cannotSplit(array);
    }
    String name = unique.apply("index");
    before.add(new Stmt.Declare(name, index.type(), index, 0, null));
    return new Expr.Local(index.type(), name);
  }

  private static boolean calls(Expr e) {
    return e instanceof Expr.DiffCall || e instanceof Expr.CustomCall || e instanceof Expr.MathCall
        || e.operands().stream().anyMatch(InlinedLoopArrays::calls);
  }

  private static boolean divides(Expr e) {
    if (e instanceof Expr.Binary b && (b.op() == BinaryOp.DIV || b.op() == BinaryOp.REM)
        && b.type() != Type.DOUBLE && !(b.right() instanceof Expr.Literal)) {
      return true;
    }
    return e.operands().stream().anyMatch(InlinedLoopArrays::divides);
  }

  private GenerationError cannotSplit(String array) {
    Expr.DiffCall call = origins.get(array);
    return new GenerationError(call.origin(), problem.apply(call));
  }
}
