package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.And;
import io.adjoint.processor.random.Ast.AssignD;
import io.adjoint.processor.random.Ast.AssignI;
import io.adjoint.processor.random.Ast.B;
import io.adjoint.processor.random.Ast.Bin;
import io.adjoint.processor.random.Ast.Call;
import io.adjoint.processor.random.Ast.Cast;
import io.adjoint.processor.random.Ast.Cmp;
import io.adjoint.processor.random.Ast.Cond;
import io.adjoint.processor.random.Ast.D;
import io.adjoint.processor.random.Ast.DeclB;
import io.adjoint.processor.random.Ast.DeclD;
import io.adjoint.processor.random.Ast.DeclI;
import io.adjoint.processor.random.Ast.FromInt;
import io.adjoint.processor.random.Ast.I;
import io.adjoint.processor.random.Ast.IBin;
import io.adjoint.processor.random.Ast.ICmp;
import io.adjoint.processor.random.Ast.ICond;
import io.adjoint.processor.random.Ast.ILit;
import io.adjoint.processor.random.Ast.If;
import io.adjoint.processor.random.Ast.Invoke;
import io.adjoint.processor.random.Ast.Lit;
import io.adjoint.processor.random.Ast.MixI;
import io.adjoint.processor.random.Ast.Neg;
import io.adjoint.processor.random.Ast.Not;
import io.adjoint.processor.random.Ast.Or;
import io.adjoint.processor.random.Ast.Pos;
import io.adjoint.processor.random.Ast.Program;
import io.adjoint.processor.random.Ast.Return;
import io.adjoint.processor.random.Ast.S;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shrinks a failing program while it keeps failing the same way at the same point: greedily removes
 * statements, replaces an {@code if} by one of its branches, and an expression by one of its operands or
 * a literal, in the program and in the programs it calls (candidates that do not compile are just
 * rejected). Slow (a compilation per candidate), so only on request: {@code -Dadjoint.random.minimize=true}.
 */
final class Minimizer {
  private final Map<String, ProgramGenerator.Klass> klasses;
  private final DifferentialCheck.Mismatch failure;
  private int compilations;

  Minimizer(Map<String, ProgramGenerator.Klass> klasses, DifferentialCheck.Mismatch failure) {
    this.klasses = klasses;
    this.failure = failure;
  }

  /** The minimized program and its callees, as source; the original is left alone. */
  String minimize(Program original) {
    Map<Program, Program> copies = new IdentityHashMap<>();
    Program target = copy(original, copies);
    List<Program> all = new ArrayList<>(copies.values());
    if (!fails(target)) {
      return "(the failure does not reproduce alone)";
    }
    boolean changed = true;
    while (changed && compilations < 2000) {
      changed = shrink(target, target);
      for (Program p : all) {
        if (p != target && reachable(target).contains(p)) {
          changed |= shrink(p, target);
        }
      }
    }
    return Batch.sourceWithCallees(target) + "\n(" + compilations + " compilations)";
  }

  /** One greedy pass over p's nodes; whether anything was removed. */
  private boolean shrink(Program p, Program target) {
    boolean changed = false;
    for (int node = 0; ; node++) {
      Rewrite counting = new Rewrite(-1, 0);
      counting.block(p.body);
      if (node >= counting.counter) {
        return changed;
      }
      for (int variant = 0; ; variant++) {
        Rewrite rewrite = new Rewrite(node, variant);
        List<S> body = rewrite.block(p.body);
        if (!rewrite.applied) {
          break;
        }
        List<S> before = p.body;
        p.body = body;
        if (fails(target)) {
          changed = true;
          variant = -1; // the node now is another: start over at it
          Rewrite recount = new Rewrite(-1, 0);
          recount.block(p.body);
          if (node >= recount.counter) {
            return true;
          }
        } else {
          p.body = before;
        }
      }
    }
  }

  private boolean fails(Program target) {
    compilations++;
    List<Program> programs = new ArrayList<>(reachable(target));
    Batch batch = new Batch(klasses, programs);
    if (!batch.compiled()) {
      return false;
    }
    try {
      new DifferentialCheck(target, batch.handles(target), new DifferentialCheck.Stats())
          .at(failure.x, failure.lengths, failure.n, failure.flag);
      return false;
    } catch (DifferentialCheck.Mismatch m) {
      return m.kind().equals(failure.kind());
    } catch (Throwable t) {
      return false;
    }
  }

  /** p and every program it calls, callees first. */
  private static Set<Program> reachable(Program p) {
    Set<Program> out = new LinkedHashSet<>();
    collect(p, out);
    return out;
  }

  private static void collect(Program p, Set<Program> out) {
    for (Program c : Callees.of(p)) {
      collect(c, out);
    }
    out.add(p);
  }

  /** A copy of p and its callees, the copies calling each other. */
  static Program copy(Program p) {
    return copy(p, new IdentityHashMap<>());
  }

  private static Program copy(Program p, Map<Program, Program> copies) {
    Program c = copies.get(p);
    if (c != null) {
      return c;
    }
    for (Program callee : Callees.of(p)) {
      copy(callee, copies);
    }
    c = new Program(p.owner, p.name, p.params, p.kinds, p.records);
    c.order = p.order;
    c.vector = p.vector;
    c.returns = p.returns;
    c.receiver = p.receiver;
    c.outputs = p.outputs;
    c.inlinable = p.inlinable;
    c.createsArrays = p.createsArrays;
    c.inlinedSize = p.inlinedSize;
    Rewrite remap = new Rewrite(-1, 0);
    remap.copies = copies;
    c.body = remap.block(p.body);
    copies.put(p, c);
    return c;
  }

  /**
   * Rebuilds a body, numbering its nodes in pre-order, with node {@code target} replaced by its
   * {@code variant}-th simplification; {@link #applied} tells whether that variant exists.
   */
  private static final class Rewrite {
    final int target;
    final int variant;
    int counter;
    boolean applied;
    Map<Program, Program> copies;

    Rewrite(int target, int variant) {
      this.target = target;
      this.variant = variant;
    }

    private boolean here() {
      return counter++ == target;
    }

    /** The variant-th of the candidates, or null (and no change) when there are fewer. */
    private <T> T pick(List<T> candidates) {
      if (variant < candidates.size()) {
        applied = true;
        return candidates.get(variant);
      }
      return null;
    }

    List<S> block(List<S> body) {
      List<S> out = new ArrayList<>();
      for (S s : body) {
        out.addAll(stmt(s));
      }
      return out;
    }

    private List<S> stmt(S s) {
      if (here()) {
        List<List<S>> candidates = new ArrayList<>();
        candidates.add(List.of());
        if (s instanceof If f) {
          candidates.add(f.then());
          candidates.add(f.otherwise());
        } else if (s instanceof Ast.For f) {
          candidates.add(f.body());
        } else if (s instanceof Ast.While w) {
          candidates.add(w.body());
        } else if (s instanceof Ast.Seq q) {
          candidates.add(q.statements());
        } else if (s instanceof Ast.ForEach f) {
          candidates.add(f.body());
        } else if (s instanceof Ast.ForEachR f) {
          candidates.add(f.body());
        }
        List<S> picked = pick(candidates);
        if (picked != null) {
          return picked;
        }
      }
      if (s instanceof DeclD d) {
        return List.of(new DeclD(d.name(), d.isFinal(), d(d.init())));
      } else if (s instanceof AssignD a) {
        return List.of(new AssignD(a.name(), a.op(), d(a.value())));
      } else if (s instanceof DeclI d) {
        return List.of(new DeclI(d.name(), d.isLong(), i(d.init())));
      } else if (s instanceof AssignI a) {
        return List.of(new AssignI(a.name(), a.op(), a.value() == null ? null : i(a.value())));
      } else if (s instanceof MixI m) {
        return List.of(new MixI(m.name(), m.isLong(), m.op(), d(m.value())));
      } else if (s instanceof DeclB d) {
        return List.of(new DeclB(d.name(), b(d.init())));
      } else if (s instanceof If f) {
        B cond = b(f.cond());
        return List.of(new If(cond, block(f.then()), block(f.otherwise())));
      } else if (s instanceof Return r) {
        return List.of(new Return(d(r.value())));
      } else if (s instanceof Ast.For f) {
        I bound = i(f.bound());
        I start = i(f.start());
        return List.of(new Ast.For(f.var(), start, f.plus(), f.cmp(), bound, block(f.body())));
      } else if (s instanceof Ast.While w) {
        B cond = b(w.cond());
        return List.of(new Ast.While(cond, block(w.body()), w.doWhile()));
      } else if (s instanceof Ast.Seq q) {
        return List.of(new Ast.Seq(block(q.statements())));
      } else if (s instanceof Ast.ForEach f) {
        return List.of(new Ast.ForEach(f.var(), f.array(), block(f.body())));
      } else if (s instanceof Ast.ForEachR f) {
        return List.of(new Ast.ForEachR(f.var(), f.type(), f.array(), block(f.body())));
      } else if (s instanceof Ast.DeclR r) {
        return List.of(new Ast.DeclR(r.name(), r.type(), r.var(), record(r.init())));
      } else if (s instanceof Ast.ReturnR r) {
        return List.of(new Ast.ReturnR(record(r.value())));
      } else if (s instanceof Ast.AssignR a) {
        return List.of(new Ast.AssignR(a.name(), record(a.value())));
      } else if (s instanceof Ast.AssignA a) {
        I index = i(a.index());
        return List.of(new Ast.AssignA(a.array(), index, a.op(), d(a.value())));
      } else if (s instanceof Ast.DeclV v) {
        Invoke inv = v.call();
        List<Object> args = new ArrayList<>();
        for (Object a : inv.args()) {
          args.add(argument(a));
        }
        Program callee = copies == null ? inv.callee() : copies.get(inv.callee());
        return List.of(new Ast.DeclV(v.name(), new Invoke(callee, args, inv.qualified())));
      } else if (s instanceof Ast.ReturnNew r) {
        List<D> elements = new ArrayList<>();
        for (D e : r.elements()) {
          elements.add(d(e));
        }
        return List.of(new Ast.ReturnNew(elements));
      } else if (s instanceof Ast.DeclA a && a.elements() != null) {
        List<D> elements = new ArrayList<>();
        for (D e : a.elements()) {
          elements.add(d(e));
        }
        return List.of(new Ast.DeclA(a.name(), null, elements, a.bare()));
      } else if (s instanceof Ast.DeclA a) {
        return List.of(new Ast.DeclA(a.name(), a.size() == null ? null : i(a.size()), null, a.bare()));
      } else if (s instanceof Ast.Switch w) {
        I selector = i(w.selector());
        List<Ast.SwitchCase> cases = new ArrayList<>();
        for (Ast.SwitchCase c : w.cases()) {
          cases.add(new Ast.SwitchCase(c.labels(), block(c.body()), c.breaks()));
        }
        return List.of(new Ast.Switch(selector, cases, w.arrows()));
      } else if (s instanceof Ast.DeclSwitch w) {
        I selector = i(w.selector());
        List<Ast.SwitchCase> cases = new ArrayList<>();
        List<D> values = new ArrayList<>();
        for (int k = 0; k < w.cases().size(); k++) {
          Ast.SwitchCase c = w.cases().get(k);
          cases.add(new Ast.SwitchCase(c.labels(), block(c.body()), c.breaks()));
          values.add(d(w.values().get(k)));
        }
        return List.of(new Ast.DeclSwitch(w.name(), selector, cases, values, w.arrows()));
      }
      return List.of(s); // IncD, Jump
    }

    private D d(D e) {
      if (here()) {
        List<D> candidates = new ArrayList<>();
        if (e instanceof Neg n) {
          candidates.add(n.operand());
        } else if (e instanceof Pos p) {
          candidates.add(p.operand());
        } else if (e instanceof Bin b) {
          candidates.add(b.left());
          candidates.add(b.right());
        } else if (e instanceof Call c) {
          candidates.addAll(c.args());
        } else if (e instanceof Cond c) {
          candidates.add(c.then());
          candidates.add(c.otherwise());
        } else if (e instanceof Cast c) {
          candidates.add(c.operand());
        } else if (e instanceof Invoke inv) {
          inv.args().stream().filter(a -> a instanceof D).forEach(a -> candidates.add((D) a));
        } else if (e instanceof Ast.Custom c) {
          candidates.addAll(c.args());
        }
        if (!(e instanceof Lit)) {
          candidates.add(new Lit(1.0, "1.0"));
          candidates.add(new Lit(0.5, "0.5"));
        }
        D picked = pick(candidates);
        if (picked != null) {
          return picked;
        }
      }
      if (e instanceof Neg n) {
        return new Neg(d(n.operand()));
      } else if (e instanceof Pos p) {
        return new Pos(d(p.operand()));
      } else if (e instanceof Bin b) {
        D l = d(b.left());
        return new Bin(b.op(), l, d(b.right()));
      } else if (e instanceof Call c) {
        List<D> args = new ArrayList<>();
        for (D a : c.args()) {
          args.add(d(a));
        }
        return new Call(c.fn(), args, c.strict());
      } else if (e instanceof Cond c) {
        B cond = b(c.cond());
        D t = d(c.then());
        return new Cond(cond, t, d(c.otherwise()));
      } else if (e instanceof FromInt f) {
        return new FromInt(i(f.expr()), f.explicit());
      } else if (e instanceof Cast c) {
        return new Cast(c.type(), d(c.operand()));
      } else if (e instanceof Invoke inv) {
        List<Object> args = new ArrayList<>();
        for (Object a : inv.args()) {
          args.add(argument(a));
        }
        Program callee = copies == null ? inv.callee() : copies.get(inv.callee());
        return new Invoke(callee, args, inv.qualified());
      } else if (e instanceof Ast.Custom c) {
        List<D> args = new ArrayList<>();
        for (D a : c.args()) {
          args.add(d(a));
        }
        return new Ast.Custom(c.owner(), c.fn(), args, c.qualified());
      } else if (e instanceof Ast.SwitchD w) {
        I selector = i(w.selector());
        List<D> arms = new ArrayList<>();
        for (D a : w.arms()) {
          arms.add(d(a));
        }
        return new Ast.SwitchD(selector, w.labels(), arms);
      } else if (e instanceof Ast.ARead a) {
        return new Ast.ARead(a.array(), i(a.index()));
      } else if (e instanceof Ast.RRead r) {
        return new Ast.RRead(r.base(), r.index() == null ? null : i(r.index()), r.path());
      }
      return e; // Var, Lit, Const
    }

    /** An argument of a call or of a record's constructor, rewritten. */
    private Object argument(Object a) {
      return a instanceof D ad ? d(ad) : a instanceof I ai ? i(ai) : a instanceof B ab ? b(ab)
          : a instanceof Ast.RE re ? record(re) : a;
    }

    private Ast.RE record(Ast.RE e) {
      if (e instanceof Ast.RCond c) {
        B cond = b(c.cond());
        Ast.RE t = record(c.then());
        return new Ast.RCond(cond, t, record(c.otherwise()));
      } else if (e instanceof Ast.RNew n) {
        List<Object> args = new ArrayList<>();
        for (Object a : n.args()) {
          args.add(argument(a));
        }
        return new Ast.RNew(n.type(), args);
      } else if (e instanceof Ast.RCall c) {
        // the call stays a call (of the copy of its callee); its arguments may shrink
        List<Object> args = new ArrayList<>();
        for (Object a : c.call().args()) {
          args.add(argument(a));
        }
        Program callee = copies == null ? c.call().callee() : copies.get(c.call().callee());
        return new Ast.RCall(new Invoke(callee, args, c.call().qualified()));
      }
      if (e instanceof Ast.RAt a) {
        return new Ast.RAt(a.array(), i(a.index()));
      }
      return e; // RName
    }

    private B b(B e) {
      if (here()) {
        List<B> candidates = new ArrayList<>();
        if (e instanceof And a) {
          candidates.add(a.left());
          candidates.add(a.right());
        } else if (e instanceof Or o) {
          candidates.add(o.left());
          candidates.add(o.right());
        } else if (e instanceof Not n) {
          candidates.add(n.operand());
        }
        B picked = pick(candidates);
        if (picked != null) {
          return picked;
        }
      }
      if (e instanceof Cmp c) {
        D l = d(c.left());
        return new Cmp(c.op(), l, d(c.right()));
      } else if (e instanceof ICmp c) {
        I l = i(c.left());
        return new ICmp(c.op(), l, i(c.right()));
      } else if (e instanceof And a) {
        B l = b(a.left());
        return new And(l, b(a.right()));
      } else if (e instanceof Or o) {
        B l = b(o.left());
        return new Or(l, b(o.right()));
      } else if (e instanceof Not n) {
        return new Not(b(n.operand()));
      }
      return e; // BVar
    }

    private I i(I e) {
      if (here() && !(e instanceof ILit)) {
        I picked = pick(List.of(new ILit(1, false)));
        if (picked != null) {
          return picked;
        }
      }
      if (e instanceof IBin b) {
        I l = i(b.left());
        return new IBin(b.op(), l, i(b.right()));
      } else if (e instanceof ICond c) {
        B cond = b(c.cond());
        I t = i(c.then());
        return new ICond(cond, t, i(c.otherwise()));
      } else if (e instanceof Ast.IOfD f) {
        return new Ast.IOfD(d(f.value()), f.modulus());
      }
      return e; // IVar, ILit, IConst, ILen
    }
  }
}
