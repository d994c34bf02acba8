package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ssa.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where a matrix row's adjoints start in the flat array, computed once before a loop instead of in
 * each of its iterations. The Into and Pullback forms add a matrix parameter's adjoint entry {@code
 * [i][j]} straight into the caller's array at {@code Adjoints.rowStart(rows, m, base, i) + j}; inside a
 * loop over {@code j} that does not change {@code i} (GMM's triangle, per component), the row's start
 * becomes a local declared before the loop:
 *
 * <pre>
 * int icfRow = Adjoints.rowStart(icfRows, icf, icfAt, ik1);
 * for (int k7 = 1; k7 &lt;= count6; k7++) {
 *   ...
 *   partials[icfRow + l2] += tBar3 * t4;
 * </pre>
 *
 * A call is hoisted out of the outermost loop that assigns none of the names its arguments read; its
 * arguments must be names, literals, and sums, differences, products and negations of them ({@link
 * #invariant}: no array read, call or field, whose value a loop could change, and no quotient, which
 * could divide by zero where the loop would not have run). {@code rowStart} is total ({@code Adjoints.rowStart} returns some int for a row
 * that does not exist), so computing it before a loop that would not have run is harmless. A pass over
 * the settled Java model, after {@link FirstStores}, which places entries by their {@code rowStart}
 * terms.
 */
final class RowStarts {
  private final Names names;

  private RowStarts(Names names) {
    this.names = names;
  }

  /** {@code body} with each row start a loop computes again in every iteration hoisted before it. */
  static List<Java.Stmt> hoist(List<Java.Stmt> body, Names names) {
    return new RowStarts(names).block(body);
  }

  private List<Java.Stmt> block(List<Java.Stmt> block) {
    List<Java.Stmt> out = new ArrayList<>();
    for (Java.Stmt s : block) {
      if (loop(s)) {
        Set<String> assigned = new HashSet<>();
        assigned(s, assigned);
        Map<Java.Expr, Java.Name> hoisted = new LinkedHashMap<>();
        collect(s, assigned, hoisted);
        int at = out.size(); // before the comments that introduce the loop
        while (at > 0 && out.get(at - 1) instanceof Java.Comment) {
          at--;
        }
        for (Map.Entry<Java.Expr, Java.Name> e : hoisted.entrySet()) {
          out.add(at++, new Java.Declare(Java.JType.of(Type.INT), e.getValue().name(), e.getKey()));
        }
        if (!hoisted.isEmpty()) {
          s = replace(s, hoisted);
        }
      }
      out.add(Java.mapBlocks(s, this::block));
    }
    return out;
  }

  private static boolean loop(Java.Stmt s) {
    return s instanceof Java.While || s instanceof Java.CountDown || s instanceof Java.CountUp;
  }

  /** The names {@code s} assigns or declares, its loops' counters included, nested blocks included. */
  static void assigned(Java.Stmt s, Set<String> out) {
    definitions(s, out::add);
  }

  /**
   * Each definition in {@code s}, nested blocks included, given to {@code out} as the name it defines: a
   * declaration, an assignment to a name, a loop's counter.
   */
  static void definitions(Java.Stmt s, Consumer<String> out) {
    if (s instanceof Java.Declare d) {
      out.accept(d.name());
    } else if (s instanceof Java.Assign a && a.target() instanceof Java.Name n) {
      out.accept(n.name());
    } else if (s instanceof Java.CountDown c) {
      out.accept(c.counter());
    } else if (s instanceof Java.CountUp c) {
      out.accept(c.counter());
    }
    for (List<Java.Stmt> b : Java.blocks(s)) {
      for (Java.Stmt inner : b) {
        definitions(inner, out);
      }
    }
  }

  /** The row starts in {@code s} (nested blocks included) whose arguments read no name in {@code assigned}. */
  private void collect(Java.Stmt s, Set<String> assigned, Map<Java.Expr, Java.Name> out) {
    for (Java.Expr e : UnreadStores.exprs(s)) {
      collect(e, assigned, out);
    }
    for (List<Java.Stmt> b : Java.blocks(s)) {
      for (Java.Stmt inner : b) {
        collect(inner, assigned, out);
      }
    }
  }

  private void collect(Java.Expr e, Set<String> assigned, Map<Java.Expr, Java.Name> out) {
    if (Propagation.rowStart(e) && ((Java.Call) e).args().stream().allMatch(a -> invariant(a, assigned::contains, false))) {
      if (!out.containsKey(e)) {
        Java.Expr matrix = ((Java.Call) e).args().get(1);
        String base = matrix instanceof Java.Name n ? n.name() + "Row" : "row";
        out.put(e, new Java.Name(names.allocate(base, false)));
      }
      return;
    }
    for (Java.Expr part : ReverseCode.parts(e)) {
      collect(part, assigned, out);
    }
  }

  /**
   * Whether {@code e} has the same value before a loop as in each of its iterations, and computing it
   * cannot throw: literals, names the loop does not {@code change}, the lengths of such arrays where
   * {@code lengths} (a null array's would throw), and sums, differences, products and negations of
   * them (no quotient, which could divide by zero where the loop would not have run).
   */
  static boolean invariant(Java.Expr e, Predicate<String> changes, boolean lengths) {
    if (e instanceof Java.Literal) {
      return true;
    } else if (e instanceof Java.Name n) {
      return !changes.test(n.name());
    } else if (lengths && e instanceof Java.FieldRead r && r.owner() == null && r.name().equals("length")) {
      return r.target() instanceof Java.Name n && !changes.test(n.name());
    } else if (e instanceof Java.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB || b.op() == BinaryOp.MUL)) {
      return invariant(b.left(), changes, lengths) && invariant(b.right(), changes, lengths);
    } else if (e instanceof Java.Unary u && u.op().equals("-")) {
      return invariant(u.operand(), changes, lengths);
    }
    return false;
  }

  /** {@code s} with every hoisted call, at any depth, replaced by its local. */
  private static Java.Stmt replace(Java.Stmt s, Map<Java.Expr, Java.Name> hoisted) {
    return Java.mapExpressions(s, e -> replace(e, hoisted));
  }

  private static Java.Expr replace(Java.Expr e, Map<Java.Expr, Java.Name> hoisted) {
    Java.Name local = hoisted.get(e);
    return local != null ? local : Java.mapOperands(e, part -> replace(part, hoisted));
  }
}
