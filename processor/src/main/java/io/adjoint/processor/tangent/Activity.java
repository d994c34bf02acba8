package io.adjoint.processor.tangent;

import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.UnaryOp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Forward activity: which variables may carry a nonzero tangent. A differentiable parameter is active;
 * a local is active once some assignment to it (a store, for an array) is an active expression; the
 * analysis repeats until nothing changes, so that loops carry activity around. Inactive variables get no
 * tangent variable, and terms through them are left out rather than multiplied by zero.
 */
final class Activity {
  private final Set<String> active = new HashSet<>();

  Activity(Function function, List<Stmt> body) {
    for (int i = 0; i < function.parameters().size(); i++) {
      if (function.accessors().get(i) != null) {
        active.add(function.parameters().get(i).name());
      }
    }
    boolean changed = true;
    while (changed) {
      changed = pass(body);
    }
  }

  boolean isActive(String variable) {
    return active.contains(variable);
  }

  private boolean pass(List<Stmt> stmts) {
    boolean changed = false;
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Declare d && d.init() != null && isActive(d.init())) {
        changed |= active.add(d.name());
      } else if (s instanceof Stmt.Assign a && isActive(a.value())) {
        changed |= active.add(a.name());
      } else if (s instanceof Stmt.ArrayWrite w && isActive(w.value())) {
        changed |= active.add(w.array());
      } else if (s instanceof Stmt.If f) {
        changed |= pass(f.then());
        changed |= pass(f.otherwise());
      } else if (s instanceof Stmt.Loop l) {
        changed |= pass(l.body());
      }
    }
    return changed;
  }

  /** Whether {@code e} may have a nonzero tangent. */
  boolean isActive(Expr e) {
    if (!e.type().carriesDerivatives()) {
      return false;
    }
    if (e instanceof Expr.Local l) {
      return active.contains(l.name());
    }
    if (e instanceof Expr.Literal || e instanceof Expr.Field) {
      return false;
    }
    if (e instanceof Expr.Unary u) {
      return (u.op() == UnaryOp.NEG || u.op() == UnaryOp.PLUS) && isActive(u.operand());
    }
    if (e instanceof Expr.Binary b) {
      return b.op().isArithmetic() && (isActive(b.left()) || isActive(b.right()));
    }
    if (e instanceof Expr.Conditional c) {
      return isActive(c.ifTrue()) || isActive(c.ifFalse());
    }
    if (e instanceof Expr.Cast c) {
      return isActive(c.operand());
    }
    if (e instanceof Expr.MathCall m) {
      return !m.function().isPiecewiseConstant() && m.args().stream().anyMatch(this::isActive);
    }
    if (e instanceof Expr.ArrayRead a) {
      return isActive(a.array());
    }
    if (e instanceof Expr.NewArray n) {
      return n.elements().stream().anyMatch(this::isActive);
    }
    if (e instanceof Expr.CustomCall c) {
      for (int i = 0; i < c.args().size(); i++) {
        if (c.custom().derivatives().get(i) != null && isActive(c.args().get(i))) {
          return true;
        }
      }
      return false;
    }
    if (e instanceof Expr.DiffCall c) {
      for (int i = 0; i < c.args().size(); i++) {
        if (c.callee().accessors().get(i) != null && isActive(c.args().get(i))) {
          return true;
        }
      }
      return false;
    }
    return false; // Length: an int
  }
}
