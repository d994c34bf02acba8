package io.adjoint.processor.ssa;

import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes the variables whose values nothing needs: a variable is needed when a return, a condition, an
 * index or another needed variable reads it, and an array when one of its entries is; the declarations,
 * assignments and stores of the others go (expressions are pure, so nothing else is lost). A
 * transformation that writes a program only part of which it returns (the tangent program returns the
 * tangent, not the value) leaves the rest to this pass rather than to every later stage.
 */
public final class DeadStores {
  private DeadStores() {}

  public static List<Stmt> remove(List<Stmt> body) {
    Set<String> needed = new HashSet<>();
    while (mark(body, needed)) {
      // until no statement adds a variable
    }
    return sweep(body, needed);
  }

  /** Adds what the needed statements of {@code stmts} read; whether anything was added. */
  private static boolean mark(List<Stmt> stmts, Set<String> needed) {
    boolean changed = false;
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Declare d) {
        changed |= d.init() != null && needed.contains(d.name()) && reads(d.init(), needed);
      } else if (s instanceof Stmt.Assign a) {
        changed |= needed.contains(a.name()) && reads(a.value(), needed);
      } else if (s instanceof Stmt.ArrayWrite w) {
        if (needed.contains(w.array())) {
          changed |= reads(w.value(), needed);
          for (Expr index : w.indices()) {
            changed |= reads(index, needed);
          }
        }
      } else if (s instanceof Stmt.Return r) {
        changed |= reads(r.value(), needed);
      } else if (s instanceof Stmt.If i) {
        changed |= reads(i.condition(), needed);
        changed |= mark(i.then(), needed);
        changed |= mark(i.otherwise(), needed);
      } else if (s instanceof Stmt.Loop l) {
        changed |= reads(l.condition(), needed);
        changed |= mark(l.body(), needed);
      } else if (s instanceof Stmt.Continue c) {
        changed |= mark(c.update(), needed);
      }
    }
    return changed;
  }

  private static Stmt labelled(Stmt s, String source) {
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(d.name(), d.type(), d.init(), d.line(), source);
    }
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(a.name(), a.value(), a.line(), source);
    }
    if (s instanceof Stmt.ArrayWrite w) {
      return new Stmt.ArrayWrite(w.array(), w.indices(), w.value(), w.line(), source);
    }
    return s; // an if, a loop or a return keeps what it says
  }

  private static boolean reads(Expr e, Set<String> needed) {
    boolean changed = e instanceof Expr.Local l && needed.add(l.name());
    for (Expr operand : e.operands()) {
      changed |= reads(operand, needed);
    }
    return changed;
  }

  /**
   * The statements without those of variables nothing needs; the source a removed statement was
   * labelled with goes to the next statement left, if that has none.
   */
  private static List<Stmt> sweep(List<Stmt> stmts, Set<String> needed) {
    List<Stmt> out = new ArrayList<>();
    String orphan = null;
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Declare d && !needed.contains(d.name())
          || s instanceof Stmt.Assign a && !needed.contains(a.name())
          || s instanceof Stmt.ArrayWrite w && !needed.contains(w.array())) {
        orphan = s.source() != null ? s.source() : orphan;
        continue;
      }
      if (orphan != null && s.source() == null) {
        s = labelled(s, orphan);
      }
      orphan = null;
      if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), sweep(i.then(), needed), sweep(i.otherwise(), needed), i.line(), i.source()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.condition(), sweep(l.body(), needed), l.testAfter(), l.line(), l.source()));
      } else if (s instanceof Stmt.Continue c) {
        out.add(new Stmt.Continue(sweep(c.update(), needed), c.line(), c.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }
}
