package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ssa.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * The vector–Jacobian product of a vector-valued method as a gradient: for {@code double[] f(x)} and an
 * upstream vector {@code u}, {@code uᵀ·J} is the gradient of the scalar {@code ⟨u, f(x)⟩}. This rewrites
 * each {@code return r;} into {@code return Σᵢ u[i]·r[i];} (a loop, or a sum of terms for {@code new
 * double[] {a, b}}), with {@code u} a parameter that gets no derivative; reverse mode then does the rest.
 */
final class Contraction {
  private Contraction() {}

  /** {@code function} (normalized) returning {@code ⟨upstream, value⟩}, with {@code upstream} appended. */
  static Function contract(Function function, String upstream, Names names) {
    List<Parameter> parameters = new ArrayList<>(function.parameters());
    parameters.add(new Parameter(upstream, Type.DOUBLE_ARRAY, false));
    List<String> accessors = new ArrayList<>(function.accessors());
    accessors.add(null);
    Expr u = new Expr.Local(Type.DOUBLE_ARRAY, upstream);
    return function.derived(parameters, accessors, returns(function.body(), u, names), Type.DOUBLE);
  }

  /**
   * {@code function} (normalized, ending in its only return) returning entry {@code row} of its value,
   * with {@code row} an {@code int} parameter appended: the function whose gradient is row {@code row}
   * of the Jacobian. Everything before the return does not depend on {@code row}, so one forward sweep
   * serves every row (see {@link Generator#jacobian}). Null when the function does not end in its
   * only return.
   */
  static Function select(Function function, String row, Names names) {
    List<Stmt> body = function.body();
    if (body.isEmpty() || !(body.get(body.size() - 1) instanceof Stmt.Return r)) {
      return null;
    }
    List<Parameter> parameters = new ArrayList<>(function.parameters());
    parameters.add(new Parameter(row, Type.INT, false));
    List<String> accessors = new ArrayList<>(function.accessors());
    accessors.add(null);
    List<Stmt> selected = new ArrayList<>(body.subList(0, body.size() - 1));
    Expr value = r.value();
    if (!(value instanceof Expr.Local)) {
      String returned = names.allocate("returned", false);
      selected.add(new Stmt.Declare(returned, Type.DOUBLE_ARRAY, value, r.line(), r.source()));
      value = new Expr.Local(Type.DOUBLE_ARRAY, returned);
    }
    selected.add(new Stmt.Return(entry(value, new Expr.Local(Type.INT, row)), r.line(), r.source()));
    return function.derived(parameters, accessors, selected, Type.DOUBLE);
  }

  private static List<Stmt> returns(List<Stmt> stmts, Expr upstream, Names names) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return r) {
        contracted(r, upstream, names, out);
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(
            i.condition(), returns(i.then(), upstream, names), returns(i.otherwise(), upstream, names), i.line(), i.source()));
      } else {
        out.add(s); // normalized: returns end paths, never inside loops
      }
    }
    return out;
  }

  private static void contracted(Stmt.Return r, Expr upstream, Names names, List<Stmt> out) {
    Expr value = r.value();
    if (value instanceof Expr.NewArray created && created.dimensions().isEmpty()) {
      Expr sum = null;
      for (int i = 0; i < created.elements().size(); i++) {
        Expr term = times(entry(upstream, literal(i)), created.elements().get(i));
        sum = sum == null ? term : new Expr.Binary(BinaryOp.ADD, sum, term, Type.DOUBLE);
      }
      out.add(new Stmt.Return(sum == null ? new Expr.Literal(Type.DOUBLE, "0.0") : sum, r.line(), r.source()));
      return;
    }
    if (value instanceof Expr.NewArray) {
      out.add(new Stmt.Return(new Expr.Literal(Type.DOUBLE, "0.0"), r.line(), r.source())); // zeros
      return;
    }
    String sum = names.allocate("contracted", false);
    String index = names.allocate("output", false);
    Expr s = new Expr.Local(Type.DOUBLE, sum);
    Expr i = new Expr.Local(Type.INT, index);
    out.add(new Stmt.Declare(sum, Type.DOUBLE, new Expr.Literal(Type.DOUBLE, "0.0"), r.line(), r.source()));
    out.add(new Stmt.Declare(index, Type.INT, literal(0), r.line(), null));
    out.add(
        new Stmt.Loop(
            new Expr.Binary(BinaryOp.LT, i, new Expr.Length(value), Type.BOOLEAN),
            List.of(
                new Stmt.Assign(
                    sum,
                    new Expr.Binary(BinaryOp.ADD, s, times(entry(upstream, i), entry(value, i)), Type.DOUBLE),
                    r.line(),
                    null),
                new Stmt.Assign(index, new Expr.Binary(BinaryOp.ADD, i, literal(1), Type.INT), r.line(), null)),
            false,
            r.line(),
            null));
    out.add(new Stmt.Return(s, r.line(), null));
  }

  private static Expr times(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.MUL, a, b, Type.DOUBLE);
  }

  private static Expr entry(Expr array, Expr index) {
    return new Expr.ArrayRead(array, index, Type.DOUBLE);
  }

  private static Expr literal(int value) {
    return new Expr.Literal(Type.INT, Integer.toString(value));
  }
}
