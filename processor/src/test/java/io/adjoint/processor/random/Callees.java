package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.And;
import io.adjoint.processor.random.Ast.AssignD;
import io.adjoint.processor.random.Ast.B;
import io.adjoint.processor.random.Ast.Bin;
import io.adjoint.processor.random.Ast.Call;
import io.adjoint.processor.random.Ast.Cast;
import io.adjoint.processor.random.Ast.Cmp;
import io.adjoint.processor.random.Ast.Cond;
import io.adjoint.processor.random.Ast.D;
import io.adjoint.processor.random.Ast.DeclB;
import io.adjoint.processor.random.Ast.DeclD;
import io.adjoint.processor.random.Ast.If;
import io.adjoint.processor.random.Ast.Invoke;
import io.adjoint.processor.random.Ast.Neg;
import io.adjoint.processor.random.Ast.Not;
import io.adjoint.processor.random.Ast.Or;
import io.adjoint.processor.random.Ast.Program;
import io.adjoint.processor.random.Ast.Return;
import io.adjoint.processor.random.Ast.S;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The programs a program calls directly. */
final class Callees {
  private Callees() {}

  static Set<Program> of(Program p) {
    Set<Program> out = new LinkedHashSet<>();
    statements(p.body, out);
    return out;
  }

  /** The callee of every call site of p, in source order: a callee once per call. */
  static List<Program> sites(Program p) {
    List<Program> out = new java.util.ArrayList<>();
    statements(p.body, out);
    return out;
  }

  private static void statements(List<S> body, java.util.Collection<Program> out) {
    for (S s : body) {
      if (s instanceof DeclD d) {
        expr(d.init(), out);
      } else if (s instanceof AssignD a) {
        expr(a.value(), out);
      } else if (s instanceof Ast.MixI m) {
        expr(m.value(), out);
      } else if (s instanceof DeclB d) {
        cond(d.init(), out);
      } else if (s instanceof If f) {
        cond(f.cond(), out);
        statements(f.then(), out);
        statements(f.otherwise(), out);
      } else if (s instanceof Return r) {
        expr(r.value(), out);
      } else if (s instanceof Ast.For f) {
        integral(f.start(), out);
        integral(f.bound(), out);
        statements(f.body(), out);
      } else if (s instanceof Ast.While w) {
        cond(w.cond(), out);
        statements(w.body(), out);
      } else if (s instanceof Ast.Seq q) {
        statements(q.statements(), out);
      } else if (s instanceof Ast.ForEach f) {
        statements(f.body(), out);
      } else if (s instanceof Ast.AssignA a) {
        integral(a.index(), out);
        expr(a.value(), out);
      } else if (s instanceof Ast.Switch w) {
        integral(w.selector(), out);
        w.cases().forEach(c -> statements(c.body(), out));
      } else if (s instanceof Ast.DeclSwitch w) {
        integral(w.selector(), out);
        w.cases().forEach(c -> statements(c.body(), out));
        w.values().forEach(v -> expr(v, out));
      } else if (s instanceof Ast.DeclA a) {
        if (a.elements() != null) {
          a.elements().forEach(e -> expr(e, out));
        } else {
          integral(a.size(), out);
        }
      } else if (s instanceof Ast.DeclI d) {
        integral(d.init(), out);
      } else if (s instanceof Ast.AssignI a && a.value() != null) {
        integral(a.value(), out);
      } else if (s instanceof Ast.DeclV v) {
        expr(v.call(), out);
      } else if (s instanceof Ast.ReturnNew r) {
        r.elements().forEach(e -> expr(e, out));
      } else if (s instanceof Ast.DeclR d) {
        record(d.init(), out);
      } else if (s instanceof Ast.AssignR a) {
        record(a.value(), out);
      } else if (s instanceof Ast.ForEachR f) {
        statements(f.body(), out);
      } else if (s instanceof Ast.ReturnR r) {
        record(r.value(), out);
      }
    }
  }

  private static void expr(D e, java.util.Collection<Program> out) {
    if (e instanceof Neg n) {
      expr(n.operand(), out);
    } else if (e instanceof Ast.Pos p) {
      expr(p.operand(), out);
    } else if (e instanceof Bin b) {
      expr(b.left(), out);
      expr(b.right(), out);
    } else if (e instanceof Call c) {
      c.args().forEach(a -> expr(a, out));
    } else if (e instanceof Cond c) {
      cond(c.cond(), out);
      expr(c.then(), out);
      expr(c.otherwise(), out);
    } else if (e instanceof Cast c) {
      expr(c.operand(), out);
    } else if (e instanceof Ast.SwitchD w) {
      integral(w.selector(), out);
      w.arms().forEach(a -> expr(a, out));
    } else if (e instanceof Ast.Custom c) {
      c.args().forEach(a -> expr(a, out));
    } else if (e instanceof Ast.ARead a) {
      integral(a.index(), out);
    } else if (e instanceof Ast.FromInt f) {
      integral(f.expr(), out);
    } else if (e instanceof Invoke inv) {
      out.add(inv.callee());
      inv.args().forEach(a -> argument(a, out));
    } else if (e instanceof Ast.RRead r && r.index() != null) {
      integral(r.index(), out);
    }
  }

  /** An argument of a call or a record's constructor. */
  private static void argument(Object a, java.util.Collection<Program> out) {
    if (a instanceof D d) {
      expr(d, out);
    } else if (a instanceof B b) {
      cond(b, out);
    } else if (a instanceof Ast.I i) {
      integral(i, out);
    } else if (a instanceof Ast.RE r) {
      record(r, out);
    }
  }

  private static void record(Ast.RE e, java.util.Collection<Program> out) {
    if (e instanceof Ast.RAt a) {
      integral(a.index(), out);
    } else if (e instanceof Ast.RCond c) {
      cond(c.cond(), out);
      record(c.then(), out);
      record(c.otherwise(), out);
    } else if (e instanceof Ast.RNew n) {
      n.args().forEach(a -> argument(a, out));
    } else if (e instanceof Ast.RCall c) {
      expr(c.call(), out);
    }
  }

  private static void integral(Ast.I e, java.util.Collection<Program> out) {
    if (e instanceof Ast.IOfD f) {
      expr(f.value(), out);
    } else if (e instanceof Ast.IBin b) {
      integral(b.left(), out);
      integral(b.right(), out);
    } else if (e instanceof Ast.ICond c) {
      cond(c.cond(), out);
      integral(c.then(), out);
      integral(c.otherwise(), out);
    }
  }

  private static void cond(B b, java.util.Collection<Program> out) {
    if (b instanceof Cmp c) {
      expr(c.left(), out);
      expr(c.right(), out);
    } else if (b instanceof And a) {
      cond(a.left(), out);
      cond(a.right(), out);
    } else if (b instanceof Or o) {
      cond(o.left(), out);
      cond(o.right(), out);
    } else if (b instanceof Not n) {
      cond(n.operand(), out);
    } else if (b instanceof Ast.ICmp c) {
      integral(c.left(), out);
      integral(c.right(), out);
    }
  }
}
