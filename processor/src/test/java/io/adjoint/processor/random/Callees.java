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

  private static void statements(List<S> body, Set<Program> out) {
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
        statements(f.body(), out);
      } else if (s instanceof Ast.While w) {
        cond(w.cond(), out);
        statements(w.body(), out);
      } else if (s instanceof Ast.Seq q) {
        statements(q.statements(), out);
      } else if (s instanceof Ast.ForEach f) {
        statements(f.body(), out);
      } else if (s instanceof Ast.AssignA a) {
        expr(a.value(), out);
      } else if (s instanceof Ast.Switch w) {
        w.cases().forEach(c -> statements(c.body(), out));
      } else if (s instanceof Ast.DeclSwitch w) {
        w.cases().forEach(c -> statements(c.body(), out));
        w.values().forEach(v -> expr(v, out));
      }
    }
  }

  private static void expr(D e, Set<Program> out) {
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
      w.arms().forEach(a -> expr(a, out));
    } else if (e instanceof Ast.Custom c) {
      c.args().forEach(a -> expr(a, out));
    } else if (e instanceof Invoke inv) {
      out.add(inv.callee());
      for (Object a : inv.args()) {
        if (a instanceof D d) {
          expr(d, out);
        } else if (a instanceof B b) {
          cond(b, out);
        }
      }
    }
  }

  private static void cond(B b, Set<Program> out) {
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
    }
  }
}
