package io.adjoint.processor.ssa;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites a body into the shape the reverse stage works on: conditional expressions of type double become
 * if statements (so that only the chosen arm is evaluated and differentiated), and every return ends a path
 * (statements after an if that may return move into the branches that fall through).
 */
public final class Normalizer {
  private final Set<String> names;

  /** {@code names}: every name the body already uses, so that new locals avoid them. */
  public Normalizer(Set<String> names) {
    this.names = names;
  }

  public List<Stmt> normalize(List<Stmt> body) {
    return restructure(loops(lift(body)));
  }

  /** Adds the name of every local {@code stmts} declare, at any depth, to {@code names}. */
  public static void declaredNames(List<Stmt> stmts, Set<String> names) {
    Stmt.names(stmts, names, s -> s instanceof Stmt.Declare d ? d.name() : null);
  }

  /** Whether every path through {@code stmts} ends in a return. */
  public static boolean terminates(List<Stmt> stmts) {
    if (stmts.isEmpty()) {
      return false;
    }
    Stmt last = stmts.get(stmts.size() - 1);
    if (last instanceof Stmt.Return) {
      return true;
    }
    return last instanceof Stmt.If i && terminates(i.then()) && terminates(i.otherwise());
  }

  private static List<Stmt> restructure(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < stmts.size(); i++) {
      Stmt s = stmts.get(i);
      if (s instanceof Stmt.Return) {
        out.add(s);
        return out; // anything after is unreachable, and javac reports it
      }
      if (s instanceof Stmt.If f) {
        if (containsReturn(f)) {
          List<Stmt> rest = stmts.subList(i + 1, stmts.size());
          out.add(
              new Stmt.If(
                  f.condition(),
                  restructure(concat(f.then(), rest)),
                  restructure(concat(f.otherwise(), rest)),
                  f.line(),
                  f.source()));
          return out;
        }
        out.add(s);
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean containsReturn(Stmt s) {
    if (s instanceof Stmt.Return) {
      return true;
    }
    if (s instanceof Stmt.If f) {
      return f.then().stream().anyMatch(Normalizer::containsReturn)
          || f.otherwise().stream().anyMatch(Normalizer::containsReturn);
    }
    return false;
  }

  private static List<Stmt> concat(List<Stmt> a, List<Stmt> b) {
    List<Stmt> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private List<Stmt> lift(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      // Lifted statements carry no source of their own: the first if they produce is commented with the
      // statement, and the statement itself follows it uncommented.
      List<Stmt> lifted = new ArrayList<>();
      if (s instanceof Stmt.Declare d) {
        Expr init = d.init() == null ? null : lift(d.init(), lifted, d);
        out.addAll(lifted);
        out.add(new Stmt.Declare(d.name(), d.type(), init, d.line(), sourceAfter(lifted, d)));
      } else if (s instanceof Stmt.Assign a) {
        Expr value = lift(a.value(), lifted, a);
        out.addAll(lifted);
        out.add(new Stmt.Assign(a.name(), value, a.line(), sourceAfter(lifted, a)));
      } else if (s instanceof Stmt.Return r) {
        Expr value = lift(r.value(), lifted, r);
        out.addAll(lifted);
        out.add(new Stmt.Return(value, r.line(), sourceAfter(lifted, r)));
      } else if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), lift(f.then()), lift(f.otherwise()), f.line(), f.source()));
      } else if (s instanceof Stmt.ArrayWrite w) {
        // the indices too, in Java's order (the target's indices before the value): an index left with
        // its conditional would be evaluated again in the reverse sweep, after the array has changed
        List<Expr> indices = new ArrayList<>();
        for (Expr index : w.indices()) {
          indices.add(lift(index, lifted, w));
        }
        Expr value = lift(w.value(), lifted, w);
        out.addAll(lifted);
        out.add(new Stmt.ArrayWrite(w.array(), indices, value, w.line(), sourceAfter(lifted, w)));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.condition(), lift(l.body()), l.testAfter(), l.line(), l.source()));
      } else if (s instanceof Stmt.Continue c) {
        out.add(new Stmt.Continue(lift(c.update()), c.line(), c.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Removes break and continue: what follows a jump moves into the branches that do not jump, a continue
   * runs its loop's update, and a break sets a flag the loop's condition tests.
   */
  private List<Stmt> loops(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Loop l) {
        List<Stmt> body = loops(l.body());
        String flag = null;
        Expr condition = l.condition();
        if (breaks(body)) {
          flag = fresh("broke");
          out.add(new Stmt.Declare(flag, Type.BOOLEAN, new Expr.Literal(Type.BOOLEAN, "false"), l.line(), null));
          condition =
              new Expr.Binary(
                  BinaryOp.COND_AND,
                  new Expr.Unary(io.adjoint.processor.ir.UnaryOp.NOT, new Expr.Local(Type.BOOLEAN, flag), Type.BOOLEAN),
                  condition,
                  Type.BOOLEAN);
        }
        out.add(new Stmt.Loop(condition, withoutJumps(body, flag), l.testAfter(), l.line(), l.source()));
      } else if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), loops(f.then()), loops(f.otherwise()), f.line(), f.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static List<Stmt> withoutJumps(List<Stmt> stmts, String flag) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < stmts.size(); i++) {
      Stmt s = stmts.get(i);
      if (s instanceof Stmt.Break b) {
        out.add(new Stmt.Assign(flag, new Expr.Literal(Type.BOOLEAN, "true"), b.line(), b.source()));
        return out;
      }
      if (s instanceof Stmt.Continue c) {
        out.addAll(c.update());
        return out;
      }
      if (s instanceof Stmt.If f && jumps(f)) {
        List<Stmt> rest = stmts.subList(i + 1, stmts.size());
        out.add(
            new Stmt.If(
                f.condition(),
                withoutJumps(concat(f.then(), rest), flag),
                withoutJumps(concat(f.otherwise(), rest), flag),
                f.line(),
                f.source()));
        return out;
      }
      out.add(s);
    }
    return out;
  }

  /** Whether a break or continue of the enclosing loop is in {@code s} (not in loops nested in it). */
  private static boolean jumps(Stmt s) {
    if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
      return true;
    }
    if (s instanceof Stmt.If f) {
      return f.then().stream().anyMatch(Normalizer::jumps) || f.otherwise().stream().anyMatch(Normalizer::jumps);
    }
    return false;
  }

  private static boolean breaks(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Break) {
        return true;
      }
      if (s instanceof Stmt.If f && (breaks(f.then()) || breaks(f.otherwise()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Replaces each double conditional that is always evaluated by a local set in an if, in whatever
   * expression it stands: an operand, a call argument, an array initializer's element or index. Operands
   * evaluated only sometimes (the arms of a conditional left in place, the right side of {@code &&} and
   * {@code ||}) are left as they are: lifting from them would evaluate what the program guards. They are
   * boolean or integer contexts, through which no derivative flows; so is a lifted conditional's condition,
   * which stays as written.
   */
  private Expr lift(Expr e, List<Stmt> out, Stmt at) {
    return lift(e, out, at, true);
  }

  private Expr lift(Expr e, List<Stmt> out, Stmt at, boolean comment) {
    if (e instanceof Expr.Conditional c && c.type() == Type.DOUBLE) {
      String name = fresh("choice");
      boolean first = comment && out.isEmpty();
      out.add(new Stmt.Declare(name, Type.DOUBLE, null, at.line(), null));
      List<Stmt> then = new ArrayList<>();
      Expr ifTrue = lift(c.ifTrue(), then, at, false);
      then.add(new Stmt.Assign(name, ifTrue, at.line(), null));
      List<Stmt> otherwise = new ArrayList<>();
      Expr ifFalse = lift(c.ifFalse(), otherwise, at, false);
      otherwise.add(new Stmt.Assign(name, ifFalse, at.line(), null));
      out.add(new Stmt.If(c.condition(), then, otherwise, at.line(), first ? at.source() : null));
      return new Expr.Local(Type.DOUBLE, name);
    }
    if (evaluatedOnlySometimes(e)) {
      return e;
    }
    return e.mapOperands(operand -> lift(operand, out, at, comment));
  }

  /** Whether some operands of {@code e} are evaluated only under a condition. */
  private static boolean evaluatedOnlySometimes(Expr e) {
    return e instanceof Expr.Conditional
        || e instanceof Expr.Binary b && (b.op() == BinaryOp.COND_AND || b.op() == BinaryOp.COND_OR);
  }

  private static String sourceAfter(List<Stmt> lifted, Stmt s) {
    return lifted.isEmpty() ? s.source() : null;
  }

  private String fresh(String base) {
    String name = base;
    for (int i = 2; names.contains(name); i++) {
      name = base + i;
    }
    names.add(name);
    return name;
  }
}
