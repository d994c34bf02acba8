package io.adjoint.processor.lower;

import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code return} inside loops, rewritten into what the later stages know: the value goes into a local,
 * a flag says the method has returned, and a {@code break} leaves the loop; after each loop that may have
 * returned, {@code if (returned) break;} leaves the loop around it, and after the outermost one {@code
 * if (returned) return result;} returns (or {@code return result;} alone when that loop can end no other
 * way: {@code while (true)} without a break of its own). The normalizer then removes the breaks as it
 * does every other one. A method returning {@code double[]} (or a record, its leaves) keeps one result
 * per entry, so every return inside the loop must give a new array of the same number of entries:
 * {@code return new double[] {a, b};}, or a record.
 */
final class LoopReturns {
  private final UnaryOperator<String> unique;
  private String flag;
  /** The result's locals: one for a double, one per entry for an array. */
  private List<String> result;
  /** Whether the method returns an array (each return in a loop a new one of {@link #result}'s size). */
  private final boolean array;

  /** {@code unique}: a fresh IR name from a hint. */
  private LoopReturns(UnaryOperator<String> unique, boolean array) {
    this.unique = unique;
    this.array = array;
  }

  /**
   * The body with its returns inside loops rewritten; null when the method returns an array and a return
   * inside a loop gives anything but a new array of the size the others give.
   */
  static List<Stmt> rewrite(List<Stmt> body, UnaryOperator<String> unique, Type returns) {
    LoopReturns rewriter = new LoopReturns(unique, returns == Type.DOUBLE_ARRAY);
    return rewriter.entries(body, -1) < -1 ? null : rewriter.outside(body);
  }

  /**
   * The number of entries every return inside a loop of {@code stmts} gives ({@code known}: found so far,
   * -1 for none); -2 when they differ or one is no new array. For a double method, -1.
   */
  private int entries(List<Stmt> stmts, int known) {
    if (!array) {
      return -1;
    }
    for (Stmt s : stmts) {
      if (s instanceof Stmt.If f) {
        known = entries(f.otherwise(), entries(f.then(), known));
      } else if (s instanceof Stmt.Loop l) {
        known = inLoop(l.body(), known);
      }
      if (known == -2) {
        return -2;
      }
    }
    return known;
  }

  private int inLoop(List<Stmt> stmts, int known) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return r) {
        int n = r.value() instanceof Expr.NewArray a && a.dimensions().isEmpty() ? a.elements().size() : -2;
        known = known == -1 || known == n ? n : -2;
      } else if (s instanceof Stmt.If f) {
        known = inLoop(f.otherwise(), inLoop(f.then(), known));
      } else if (s instanceof Stmt.Loop l) {
        known = inLoop(l.body(), known);
      }
      if (known == -2) {
        return -2;
      }
    }
    return known;
  }

  /**
   * A method returning a record with several returns, each a new array of its leaves, as one that fills
   * a single array declared first and returns it on every path: what inlining it into a caller needs
   * (see the inliner's filled array).
   */
  static List<Stmt> oneArray(List<Stmt> body, UnaryOperator<String> unique, int leaves, int line) {
    if (count(body) <= 1) {
      return body;
    }
    String array = unique.apply("returned");
    List<Stmt> out = new ArrayList<>();
    out.add(new Stmt.Declare(
        array,
        Type.DOUBLE_ARRAY,
        new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(new Expr.Literal(Type.INT, Integer.toString(leaves))), List.of()),
        line,
        null));
    out.addAll(filling(body, array));
    return out;
  }

  private static List<Stmt> filling(List<Stmt> stmts, String array) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return r && r.value() instanceof Expr.NewArray created) {
        for (int j = 0; j < created.elements().size(); j++) {
          Expr index = new Expr.Literal(Type.INT, Integer.toString(j));
          out.add(new Stmt.ArrayWrite(array, List.of(index), created.elements().get(j), r.line(), j == 0 ? r.source() : null));
        }
        out.add(new Stmt.Return(new Expr.Local(Type.DOUBLE_ARRAY, array), r.line(), null));
      } else if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), filling(f.then(), array), filling(f.otherwise(), array), f.line(), f.source()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.condition(), filling(l.body(), array), l.testAfter(), l.line(), l.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static int count(List<Stmt> stmts) {
    int n = 0;
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return) {
        n++;
      } else if (s instanceof Stmt.If f) {
        n += count(f.then()) + count(f.otherwise());
      } else if (s instanceof Stmt.Loop l) {
        n += count(l.body());
      }
    }
    return n;
  }

  /** Statements outside every loop: each loop with a return inside gets its flag and result. */
  private List<Stmt> outside(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), outside(f.then()), outside(f.otherwise()), f.line(), f.source()));
      } else if (s instanceof Stmt.Loop l && returns(l.body())) {
        flag = unique.apply("returned");
        int size = array ? inLoop(l.body(), -1) : 1;
        result = new ArrayList<>();
        List<Expr> results = new ArrayList<>();
        out.add(new Stmt.Declare(flag, Type.BOOLEAN, new Expr.Literal(Type.BOOLEAN, "false"), l.line(), null));
        for (int j = 0; j < size; j++) {
          result.add(unique.apply("result"));
          out.add(new Stmt.Declare(result.get(j), Type.DOUBLE, new Expr.Literal(Type.DOUBLE, "0.0"), l.line(), null));
          results.add(new Expr.Local(Type.DOUBLE, result.get(j)));
        }
        out.add(loop(l));
        Expr value = array ? new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(), results) : results.get(0);
        Stmt.Return done = new Stmt.Return(value, l.line(), "return " + String.join(", ", result));
        boolean forever = l.condition() instanceof Expr.Literal c && c.text().equals("true") && !breaks(l.body());
        out.add(forever ? done : new Stmt.If(new Expr.Local(Type.BOOLEAN, flag), List.of(done), List.of(), l.line(), null));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private Stmt loop(Stmt.Loop l) {
    return new Stmt.Loop(l.condition(), inside(l.body()), l.testAfter(), l.line(), l.source());
  }

  /** Statements inside a loop: a return sets the result and the flag, and breaks. */
  private List<Stmt> inside(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return r) {
        List<Expr> values = array ? ((Expr.NewArray) r.value()).elements() : List.of(r.value());
        for (int j = 0; j < values.size(); j++) {
          out.add(new Stmt.Assign(result.get(j), values.get(j), r.line(), j == 0 ? r.source() : null));
        }
        out.add(new Stmt.Assign(flag, new Expr.Literal(Type.BOOLEAN, "true"), r.line(), null));
        out.add(new Stmt.Break(r.line(), "break"));
        return out; // anything after is unreachable
      } else if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), inside(f.then()), inside(f.otherwise()), f.line(), f.source()));
      } else if (s instanceof Stmt.Loop l && returns(l.body())) {
        out.add(loop(l));
        out.add(new Stmt.If(new Expr.Local(Type.BOOLEAN, flag), List.of(new Stmt.Break(l.line(), "break")), List.of(), l.line(), null));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** Whether {@code stmts} hold a return, at any depth. */
  private static boolean returns(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return
          || s instanceof Stmt.If f && (returns(f.then()) || returns(f.otherwise()))
          || s instanceof Stmt.Loop l && returns(l.body())) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code stmts} hold a break of the loop they are the body of (not of a loop inside). */
  private static boolean breaks(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Break || s instanceof Stmt.If f && (breaks(f.then()) || breaks(f.otherwise()))) {
        return true;
      }
    }
    return false;
  }
}
