package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Java.JType;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.rules.Partials.Partial;
import io.adjoint.processor.ssa.Names;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the forward sweep and the reverse sweep of an SSA body as Java statements.
 *
 * <p>A path (the body, or a branch of an if that ends the method) is written as its forward statements,
 * then its end (a return, whose adjoint is seeded at once, or an if whose branches are paths of their
 * own), then the reverse of its statements in reverse order. An if that falls through is written twice:
 * forward, and in the reverse sweep as an if on the same condition holding the reverse of each branch.
 * Values read by reverse code from inside such an if are declared before it.
 *
 * <p>A loop is written forward as itself, counting its iterations and pushing onto a tape, at the end of
 * each iteration, the values of that iteration that reverse code reads; in the reverse sweep it is a loop
 * counting down, which pops them back before running the reverse of the body.
 */
final class Emitter {
  static final ClassRef TAPE = new ClassRef("io.adjoint.internal", List.of("Tape"));
  static final ClassRef ADJOINTS = ClassRef.ADJOINTS;

  /** Statements before their declarations are settled (see {@link #settle}). */
  sealed interface P {}

  record Done(Java.Stmt stmt) implements P {}

  /** {@code a[i] += v} in reverse code: an addition into an adjoint entry, which may {@link #merge}. */
  record Adds(Java.Stmt stmt) implements P {}

  /** {@code [type] name = expr}: a declaration, unless the value was declared earlier. */
  record Define(Val val, Java.Expr expr) implements P {}

  /** {@code type name;} before an if that assigns it on every path. */
  record DeclareBefore(Val val) implements P {}

  /** {@code type name = 0;}, for a value set under a condition and read after it. */
  record DeclareDefault(Val val) implements P {}

  /** Declarations of values defined inside the ifs that follow and read by reverse code. */
  record Hoist(List<Val> vals) implements P {}

  /** Pushes onto the tape those of {@code vals} that reverse code reads. */
  record Push(List<Val> vals) implements P {}

  /** Pops what the matching {@link Push} pushed; values of {@code scope} are declared. */
  record Pop(List<Val> vals, Scope scope) implements P {}

  /** {@code counter = value}, if reverse code reads the loop counter. */
  record Recount(Val counter, Java.Expr value) implements P {}

  record PIf(Java.Expr condition, List<P> then, List<P> otherwise) implements P {}

  record PWhile(Java.Expr condition, List<P> body, boolean testAfter) implements P {}

  record PCountDown(String counter, Java.Expr from, List<P> body) implements P {}

  private final Ssa ssa;
  private final Names names;
  private final Java.Expr seed;
  private final String receiver;
  private final String tape;
  private boolean usesTape;
  private boolean reversing;
  private Scope current;
  private List<P> out;
  private List<Val> hoist;
  /** The values of the loop iteration being written that the tape may have to keep. */
  private List<Val> iteration;
  private final java.util.Map<F.Loop, List<Val>> kept = new java.util.IdentityHashMap<>();
  private boolean resultDeclared;
  /** Loops whose reverse step runs inside the forward loop (see {@link Fusion}), with their headers' adjoints. */
  private final java.util.Map<F.Loop, java.util.Map<Val, Java.Expr>> fused = new java.util.IdentityHashMap<>();
  /** Whether reverse code being written runs inside a forward loop, where it reads the iteration's values. */
  private boolean fusing;
  /**
   * The accumulators of fused loops: their adjoints are set before the loop, once and for all, so reverse
   * code adds nothing into them.
   */
  private final Set<Val> frozen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /**
   * Adjoints that are so far a literal (the seed 1.0 passed through a sum, say): reverse code writes the
   * literal, and declares the adjoint only if something else flows into it.
   */
  private final java.util.Map<Val, Java.Expr> constantBars = new java.util.IdentityHashMap<>();
  /** Values the forward sweep has defined so far. */
  private final Set<Val> defined = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** Array parameters whose adjoint entries go straight into the caller's flat array (see {@link #direct}). */
  private final java.util.Map<Val, Direct> direct = new java.util.IdentityHashMap<>();

  /**
   * Where an array parameter's adjoint lives when it is not an array of its own: entries {@code base ..
   * base + length − 1} of {@code array}, which the reverse sweep adds into.
   *
   * @param zeroFirst whether those entries are set to zero before the first addition (the Into form)
   */
  record Direct(String array, Java.Expr base, boolean zeroFirst) {}

  Emitter(Ssa ssa, Names names, Java.Expr seed, String receiver, String tape) {
    this.ssa = ssa;
    this.names = names;
    this.seed = seed;
    this.receiver = receiver;
    this.tape = tape;
  }

  /** The statements of the whole body. */
  List<Java.Stmt> emit() {
    List<P> top = new ArrayList<>();
    path(ssa.body, ssa.top, top);
    List<Java.Stmt> stmts = settle(top);
    if (usesTape) {
      stmts.add(0, new Java.Declare(JType.of(TAPE), tape, new Java.Call(TAPE, null, "acquire", List.of())));
      stmts.add(new Java.Eval(new Java.Call(null, JavaExprs.name(tape), "release", List.of())));
    }
    return stmts;
  }

  String name(Val v) {
    Val r = v.resolve();
    if (r.name == null) {
      boolean own = r.callee == null && !r.base.equals("t") && !r.base.equals("branch");
      r.name = names.allocate(r.base, own && r != ssa.result && !r.base.equals("count"));
    }
    return r.name;
  }

  /** The adjoint of a value, or null when nothing flowed into it. */
  Java.Expr adjoint(Val v) {
    Val r = v.resolve();
    Java.Expr constant = constantBars.get(r);
    return constant != null ? constant : r.bar == null ? null : JavaExprs.name(r.bar);
  }

  /** Whether the forward sweep has defined {@code v} where code written now in {@code scope} sees it. */
  private boolean visible(Val v, Scope scope) {
    return (ssa.params.contains(v) || defined.contains(v)) && scope.within(v.scope);
  }

  /**
   * Has the reverse sweep add the adjoint of array parameter {@code param} straight into a caller's flat
   * array, instead of into an array of its own that is copied there at the end: no allocation and one
   * pass less over memory. Only for an array the method never stores into, whose adjoint the reverse
   * sweep therefore only ever adds to; call before {@link #emit}.
   */
  void direct(Val param, Direct where) {
    direct.put(param.resolve(), where);
  }

  /** Whether {@code v}'s adjoint lives in the caller's flat array. */
  boolean isDirect(Val v) {
    return direct.containsKey(v.resolve());
  }

  /** Whether the method stores into array {@code v} anywhere. */
  boolean storedInto(Val v) {
    Set<Val> arrays = new LinkedHashSet<>();
    stored(ssa.body, arrays);
    Val r = v.resolve();
    return arrays.stream().anyMatch(a -> a.resolve() == r);
  }

  private void path(List<F> code, Scope scope, List<P> block) {
    scope.reverse = block;
    F last = code.get(code.size() - 1);
    List<F> body = code.subList(0, code.size() - 1);
    for (int k = 0; k < body.size(); k++) {
      F f = body.get(k);
      if (f instanceof F.Loop l) {
        java.util.Map<Val, Java.Expr> exits = Fusion.exitAdjoints(
            l, code.subList(k + 1, code.size()), ssa.result, v -> visible(v, scope), this::forwardExpr);
        if (exits != null) {
          fused.put(l, exits);
        }
      }
      forward(f, block);
    }
    if (last instanceof F.Group g && g.isReturn()) {
      forward(g, block);
      reverse(g, block, scope);
    } else if (last instanceof F.If i && i.tail()) {
      if (!resultDeclared) {
        block.add(new DeclareBefore(ssa.result));
        resultDeclared = true;
      }
      List<P> then = new ArrayList<>();
      List<P> otherwise = new ArrayList<>();
      Java.Expr condition = forwardExpr(i.condition());
      path(i.then(), i.thenScope(), then);
      path(i.otherwise(), i.elseScope(), otherwise);
      comment(block, i.line(), i.source(), false);
      block.add(new PIf(condition, then, otherwise));
    } else {
      throw new IllegalStateException("a path does not end in a return");
    }
    for (int k = body.size() - 1; k >= 0; k--) {
      reverse(body.get(k), block, scope);
    }
  }

  // ------------------------------------------------------------------------------------------ forward

  private void forward(F f, List<P> block) {
    if (f instanceof F.Group g) {
      comment(block, g.line(), g.source(), false);
      for (F part : g.parts()) {
        if (part instanceof F.Def d) {
          define(d.target(), forwardExpr(d.expr()), block);
        } else if (part instanceof F.Call c) {
          define(c.record(), call(c), block);
        } else if (part instanceof F.Store st) {
          String op = st.increment() == 0 ? "=" : st.increment() > 0 ? "+=" : "-=";
          block.add(new Done(new Java.Assign(element(JavaExprs.name(name(st.array())), st.indices()), op,
              forwardExpr(st.value()))));
        }
      }
    } else if (f instanceof F.If i) {
      boolean outermost = hoist == null;
      if (outermost) {
        hoist = new ArrayList<>();
        block.add(new Hoist(hoist));
      }
      for (Val phi : i.phis()) {
        if (!outermost) {
          hoist.add(phi);
        }
        if (iteration != null) {
          iteration.add(phi);
        }
        block.add(new DeclareBefore(phi));
      }
      comment(block, i.line(), i.source(), false);
      List<P> then = new ArrayList<>();
      List<P> otherwise = new ArrayList<>();
      for (F g : i.then()) {
        forward(g, then);
      }
      for (F g : i.otherwise()) {
        forward(g, otherwise);
      }
      block.add(new PIf(forwardExpr(i.condition()), then, otherwise));
      if (outermost) {
        hoist = null;
      }
    } else if (f instanceof F.Loop l) {
      loop(l, block);
    }
  }

  private void loop(F.Loop l, List<P> block) {
    // a fused loop has no reverse loop: it counts its iterations only if values read before it need it
    boolean counted = !fused.containsKey(l) || !l.preheader().isEmpty();
    l.count().remat = tripCount(l);
    if (counted) {
      define(l.count(), JavaExprs.lit("0"), block);
    }
    comment(block, l.line(), l.source(), false);
    if (!l.preheader().isEmpty()) {
      // entries the loop reads but cannot change, read once if the loop runs at all
      List<P> reads = new ArrayList<>();
      for (F f : l.preheader()) {
        F.Def d = (F.Def) f;
        if (hoist != null) {
          hoist.add(d.target());
        }
        if (iteration != null) {
          iteration.add(d.target());
        }
        name(d.target());
        block.add(new DeclareDefault(d.target()));
        reads.add(new Define(d.target(), forwardExpr(d.expr())));
      }
      if (l.testAfter()) {
        block.addAll(reads);
      } else {
        block.add(new PIf(forwardExpr(l.condition()), reads, List.of()));
      }
    }
    List<Val> savedHoist = hoist;
    List<Val> savedIteration = iteration;
    hoist = null;
    iteration = new ArrayList<>();
    List<P> body = new ArrayList<>();
    for (F f : l.body()) {
      forward(f, body);
    }
    List<Val> values = iteration;
    for (Val h : l.headers()) {
      if (counter(l, h) == null) {
        values.add(h);
      } else {
        h.recounted = true; // computed again in the reverse sweep from the iteration number instead
      }
    }
    kept.put(l, values);
    java.util.Map<Val, Java.Expr> exits = fused.get(l);
    if (exits == null) {
      body.add(new Push(values));
    } else {
      // The adjoint of an accumulator is the same in every iteration, known now, and is also that of its
      // value at the end of the iteration.
      for (java.util.Map.Entry<Val, Java.Expr> e : exits.entrySet()) {
        Val h = e.getKey();
        h.bar = names.allocate(name(h) + "Bar", false);
        frozen.add(h);
        block.add(new Done(new Java.Declare(JType.of(Type.DOUBLE), h.bar, JavaExprs.mul(seed, e.getValue()))));
      }
      for (F f : l.copyBacks()) {
        F.Def d = (F.Def) f;
        if (frozen.contains(d.target().resolve())) {
          ((Node.Ref) d.expr()).val().resolve().bar = d.target().resolve().bar;
        }
      }
      boolean savedFusing = fusing;
      fusing = true;
      l.scope().reverse = body;
      for (int j = l.copyBacks().size() - 1; j >= 0; j--) {
        F.Def d = (F.Def) l.copyBacks().get(j);
        if (!frozen.contains(d.target().resolve())) {
          reverse(d, body, l.scope());
        }
      }
      for (int j = l.body().size() - 1; j >= 0; j--) {
        reverse(l.body().get(j), body, l.scope());
      }
      fusing = savedFusing;
    }
    for (F f : l.copyBacks()) {
      F.Def d = (F.Def) f;
      body.add(new Define(d.target(), forwardExpr(d.expr())));
    }
    if (counted) {
      body.add(new Done(new Java.Assign(JavaExprs.name(name(l.count())), "+=", JavaExprs.lit("1"))));
    }
    hoist = savedHoist;
    iteration = savedIteration;
    block.add(new PWhile(forwardExpr(l.condition()), body, l.testAfter()));
  }

  private void define(Val v, Java.Expr expr, List<P> block) {
    defined.add(v.resolve());
    if (hoist != null) {
      hoist.add(v);
    }
    if (iteration != null) {
      iteration.add(v);
    }
    name(v);
    block.add(new Define(v, expr));
  }

  // ------------------------------------------------------------------------------------------ reverse

  private void reverse(F f, List<P> block, Scope scope) {
    Scope savedScope = current;
    List<P> savedOut = out;
    boolean savedReversing = reversing;
    current = scope;
    out = block;
    reversing = true;
    try {
      if (f instanceof F.Group g) {
        int mark = block.size();
        for (int k = g.parts().size() - 1; k >= 0; k--) {
          F part = g.parts().get(k);
          if (part instanceof F.Def d) {
            reverseDef(d);
          } else if (part instanceof F.Store st) {
            reverseStore(st);
          }
        }
        if (block.size() > mark && g.source() != null) {
          block.add(mark, new Done(new Java.Comment(commentText(g.line(), g.source(), true))));
        }
      } else if (f instanceof F.If i) {
        List<P> then = reverseBranch(i.then(), i.thenScope());
        List<P> otherwise = reverseBranch(i.otherwise(), i.elseScope());
        current = scope;
        out = block;
        if (!then.isEmpty() || !otherwise.isEmpty()) {
          comment(block, i.line(), i.source(), true);
          Java.Expr condition = forwardExpr(i.condition());
          if (then.isEmpty()) {
            block.add(new PIf(new Java.Unary("!", condition), otherwise, List.of()));
          } else {
            block.add(new PIf(condition, then, otherwise));
          }
        }
      } else if (f instanceof F.Loop l) {
        reverseLoop(l, block, scope);
      } else if (f instanceof F.Def d) {
        reverseDef(d);
      }
    } finally {
      current = savedScope;
      out = savedOut;
      reversing = savedReversing;
    }
  }

  private void reverseDef(F.Def d) {
    Val target = d.target().resolve();
    Java.Expr bar = target == ssa.result ? seed : adjoint(target);
    if (!target.active || bar == null) {
      return;
    }
    if (target.type.isArray()) {
      reverseNewArray(d, target);
      return;
    }
    if (target.multi) {
      // the value defined here is not read before: its adjoint moves to what it was computed from
      if (reads(d.expr(), target)) {
        String moved = names.allocate(name(target) + "Bar", false);
        out.add(new Done(new Java.Declare(JType.of(Type.DOUBLE), moved, bar)));
        out.add(new Done(new Java.Assign(bar, "=", JavaExprs.ZERO)));
        propagate(d.expr(), JavaExprs.name(moved), target);
      } else {
        propagate(d.expr(), bar, target);
        if (!frozen.contains(target)) { // a fused loop's accumulator is read no more: no need to reset it
          out.add(new Done(new Java.Assign(bar, "=", JavaExprs.ZERO)));
        }
      }
      return;
    }
    propagate(d.expr(), bar, target);
  }

  private static boolean reads(Node n, Val v) {
    if (n instanceof Node.Ref r) {
      return r.val().resolve() == v;
    }
    if (n instanceof Node.CallValue c) {
      return c.args().stream().anyMatch(a -> reads(a, v));
    }
    if (n instanceof Node.Arr a) {
      return reads(a.array(), v) || reads(a.index(), v);
    }
    return Rules.operands(n).stream().anyMatch(o -> reads(o, v));
  }

  /** The elements of {@code new double[] {a, b}} receive the adjoint's entries. */
  private void reverseNewArray(F.Def d, Val target) {
    if (d.expr() instanceof Node.NewArr n) {
      for (int k = 0; k < n.elements().size(); k++) {
        propagate(n.elements().get(k), new Java.ArrayRead(JavaExprs.name(target.bar), JavaExprs.lit(Integer.toString(k))), null);
      }
    }
  }

  /** {@code a[i] = v}: the entry's adjoint moves to {@code v}, and the overwritten entry gets none. */
  private void reverseStore(F.Store st) {
    Val array = st.array().resolve();
    if (!array.active || array.bar == null) {
      return;
    }
    if (direct.containsKey(array)) {
      throw new IllegalStateException("a store into " + array + ", whose adjoint is direct");
    }
    Java.Expr entry = element(JavaExprs.name(array.bar), st.indices());
    if (st.increment() != 0) {
      propagate(st.value(), st.increment() > 0 ? entry : JavaExprs.neg(entry), null);
      return;
    }
    if (st.value().active()) {
      String moved = names.allocate("tBar", false);
      out.add(new Done(new Java.Declare(JType.of(Type.DOUBLE), moved, entry)));
      out.add(new Done(new Java.Assign(entry, "=", JavaExprs.ZERO)));
      propagate(st.value(), JavaExprs.name(moved), null);
    } else {
      out.add(new Done(new Java.Assign(entry, "=", JavaExprs.ZERO)));
    }
  }

  private Java.Expr element(Java.Expr array, List<Node> indices) {
    Java.Expr e = array;
    for (Node index : indices) {
      e = new Java.ArrayRead(e, forwardExpr(index));
    }
    return e;
  }

  private void reverseLoop(F.Loop l, List<P> block, Scope scope) {
    if (!fused.containsKey(l)) {
      reverseIterations(l, block, scope);
    }
    if (!l.preheader().isEmpty()) {
      List<P> reads = new ArrayList<>();
      out = reads;
      for (int j = l.preheader().size() - 1; j >= 0; j--) {
        reverseDef((F.Def) l.preheader().get(j));
      }
      out = block;
      if (!reads.isEmpty()) {
        Java.Expr ran = JavaExprs.bin(io.adjoint.processor.ir.BinaryOp.GT, forwardExpr(new Node.Ref(l.count())), JavaExprs.lit("0"));
        block.add(new PIf(ran, reads, List.of()));
      }
    }
  }

  /** The loop that runs the reverse of the iterations, last first. */
  private void reverseIterations(F.Loop l, List<P> block, Scope scope) {
    // The reverse of an iteration reads adjoints that the reverse of the next iteration wrote: those of
    // the headers and of the arrays the body stores into. They must exist before the first iteration.
    Set<Val> live = new LinkedHashSet<>(l.headers());
    stored(l.body(), live);
    for (Val v : live) {
      Val r = v.resolve();
      if (r.active && r.bar == null) {
        r.bar = names.allocate(name(r) + "Bar", false);
        declareAdjoint(r);
      }
    }
    List<P> body = new ArrayList<>();
    l.scope().reverse = body;
    body.add(new Pop(kept.get(l), l.scope()));
    String k = names.allocate("k", false);
    for (int i = 0; i < l.headers().size(); i++) {
      Val h = l.headers().get(i);
      Java.Expr step = counter(l, h);
      if (step != null) {
        // iteration k (counting from 1) starts with init + step * (k - 1); set if reverse code reads it
        Java.Expr start = forwardExprReversing(l.inits().get(i));
        Java.Expr value = JavaExprs.add(start, JavaExprs.mul(step, JavaExprs.sub(JavaExprs.name(k), JavaExprs.lit("1"))));
        body.add(new Recount(h, value));
      }
    }
    for (int j = l.copyBacks().size() - 1; j >= 0; j--) {
      reverse(l.copyBacks().get(j), body, l.scope());
    }
    for (int j = l.body().size() - 1; j >= 0; j--) {
      reverse(l.body().get(j), body, l.scope());
    }
    current = scope;
    out = block;
    // written even when only the pops remain: what the forward sweep pushed must come off the tape
    // (settle drops the loop if its body comes to nothing)
    comment(block, l.line(), l.source(), true);
    block.add(new PCountDown(k, forwardExpr(new Node.Ref(l.count())), body));
  }

  /**
   * The step of a loop counter: an int header that the body sets only by {@code h = h + step} with a
   * literal step, in a loop without break. Its value in any iteration follows from the iteration's
   * number, so the tape need not keep it. Null for any other header.
   */
  private static Java.Expr counter(F.Loop l, Val h) {
    if (h.type != Type.INT && h.type != Type.LONG) {
      return null;
    }
    Val last = null;
    for (F f : l.copyBacks()) {
      F.Def d = (F.Def) f;
      if (d.target() == h && d.expr() instanceof Node.Ref r) {
        last = r.val();
      }
    }
    if (last == null || l.headers().stream().anyMatch(x -> x.base.startsWith("broke"))) {
      return null;
    }
    int defs = 0;
    Java.Expr step = null;
    for (F f : l.body()) {
      if (f instanceof F.Group g) {
        for (F part : g.parts()) {
          if (part instanceof F.Def d && d.target() == last
              && d.expr() instanceof Node.Bin b
              && b.op() == io.adjoint.processor.ir.BinaryOp.ADD
              && b.left() instanceof Node.Ref r
              && r.val() == h
              && b.right() instanceof Node.Lit lit) {
            step = JavaExprs.lit(lit.text());
          }
        }
      }
    }
    // the last value must be defined at the body's top level, once: no branch sets it another way
    for (F f : l.body()) {
      if (f instanceof F.Group g) {
        for (F part : g.parts()) {
          if (part instanceof F.Def d && d.target() == last) {
            defs++;
          }
        }
      }
    }
    return defs == 1 ? step : null;
  }

  /**
   * The number of iterations of a counted loop, {@code for (h = init; h < bound; h++)} with a bound the
   * loop does not change, as an expression of values the reverse sweep has: max(0, bound − init), plus
   * one for {@code <=}. Null for other loops, whose count the tape keeps.
   */
  private static Node tripCount(F.Loop l) {
    if (l.testAfter() || !(l.condition() instanceof Node.Bin c)
        || (c.op() != io.adjoint.processor.ir.BinaryOp.LT && c.op() != io.adjoint.processor.ir.BinaryOp.LE)
        || !(c.left() instanceof Node.Ref r)) {
      return null;
    }
    int i = l.headers().indexOf(r.val());
    if (i < 0 || c.left().type() != Type.INT || c.right().type() != Type.INT) {
      return null;
    }
    Java.Expr step = counter(l, r.val());
    if (step == null || !JavaExprs.isOne(step) || !invariant(c.right(), l)) {
      return null;
    }
    Node init = l.inits().get(i);
    boolean fromZero = (init instanceof Node.Lit z && JavaExprs.isZero(JavaExprs.lit(z.text())))
        || (init instanceof Node.Ref z0 && z0.val().resolve().literal != null && !z0.val().resolve().multi
            && JavaExprs.isZero(JavaExprs.lit(z0.val().resolve().literal)));
    Node span =
        fromZero ? c.right() : new Node.Bin(io.adjoint.processor.ir.BinaryOp.SUB, c.right(), init, Type.INT, false);
    if (c.op() == io.adjoint.processor.ir.BinaryOp.LE) {
      span = new Node.Bin(io.adjoint.processor.ir.BinaryOp.ADD, span, new Node.Lit(Type.INT, "1"), Type.INT, false);
    }
    return new Node.MCall(
        io.adjoint.processor.ir.MathFunction.MAX, false, List.of(new Node.Lit(Type.INT, "0"), span), Type.INT, false);
  }

  /** Whether a loop leaves an expression's value unchanged: it reads no value the loop sets. */
  private static boolean invariant(Node n, F.Loop l) {
    if (n instanceof Node.Lit) {
      return true;
    }
    if (n instanceof Node.Len len) {
      return len.array() instanceof Node.Ref;
    }
    if (n instanceof Node.Ref r) {
      Val v = r.val().resolve();
      return !l.headers().contains(v) && !v.scope.within(l.scope());
    }
    if (n instanceof Node.Bin b) {
      return b.op().isArithmetic() && invariant(b.left(), l) && invariant(b.right(), l);
    }
    return false;
  }

  private Java.Expr forwardExprReversing(Node n) {
    boolean saved = reversing;
    reversing = true;
    try {
      return forwardExpr(n);
    } finally {
      reversing = saved;
    }
  }

  private static void stored(List<F> code, Set<Val> arrays) {
    for (F f : code) {
      if (f instanceof F.Group g) {
        stored(g.parts(), arrays);
      } else if (f instanceof F.Store st) {
        arrays.add(st.array());
      } else if (f instanceof F.If i) {
        stored(i.then(), arrays);
        stored(i.otherwise(), arrays);
      } else if (f instanceof F.Loop l) {
        stored(l.body(), arrays);
      }
    }
  }

  private List<P> reverseBranch(List<F> code, Scope scope) {
    List<P> block = new ArrayList<>();
    scope.reverse = block;
    for (int k = code.size() - 1; k >= 0; k--) {
      reverse(code.get(k), block, scope);
    }
    return block;
  }

  /** Sends {@code bar}, the adjoint of {@code node}, to the values it was computed from. */
  private void propagate(Node node, Java.Expr bar, Val self) {
    if (!node.active()) {
      return;
    }
    if (node instanceof Node.Ref r) {
      accumulate(r.val(), bar);
      return;
    }
    if (node instanceof Node.Arr a) {
      accumulateEntry(a, bar);
      return;
    }
    if (node instanceof Node.CallValue c) {
      c.record().needed = true;
    }
    List<Node> operands = Rules.operands(node);
    List<Partial> partials =
        Rules.partials(
            node,
            new Rules.Values() {
              @Override
              public Java.Expr operand(int index) {
                return value(operands.get(index));
              }

              @Override
              public Java.Expr argument(int index) {
                return forwardExpr(operands.get(index));
              }

              @Override
              public Java.Expr self() {
                return self != null ? value(new Node.Ref(self)) : forwardExpr(node);
              }
            });
    if (partials.size() > 1 && !JavaExprs.isSimple(bar)) {
      String tmp =
          names.allocate(node instanceof Node.CallValue c ? name(c.record()) + "Bar" : "tBar", false);
      out.add(new Done(new Java.Declare(JType.of(Type.DOUBLE), tmp, bar)));
      bar = JavaExprs.name(tmp);
    }
    for (Partial p : partials) {
      Node operand = operands.get(p.operand());
      if (operand.type().isArray()) {
        accumulateArray(operand, bar, p.derivative());
      } else {
        propagate(operand, JavaExprs.mul(bar, p.derivative()), null);
      }
    }
  }

  private void accumulate(Val v, Java.Expr contribution) {
    Val r = v.resolve();
    if (!r.active || frozen.contains(r)) {
      return;
    }
    if (r.bar == null) {
      r.bar = names.allocate(name(r) + "Bar", false);
      if (r.scope == current) {
        if (!r.multi && contribution instanceof Java.Literal && !Double.isNaN(JavaExprs.numeric(contribution))) {
          constantBars.put(r, contribution);
        } else {
          out.add(new Done(new Java.Declare(JType.of(Type.DOUBLE), r.bar, contribution)));
        }
        return;
      }
      declareAdjoint(r);
    } else if (constantBars.containsKey(r)) {
      // declared where its scope's reverse code is, which may enclose the block written now
      r.scope.reverse.add(new Done(new Java.Declare(JType.of(Type.DOUBLE), r.bar, constantBars.remove(r))));
    }
    if (contribution instanceof Java.Unary u && u.op().equals("-")) {
      out.add(new Done(new Java.Assign(JavaExprs.name(r.bar), "-=", u.operand())));
    } else {
      out.add(new Done(new Java.Assign(JavaExprs.name(r.bar), "+=", contribution)));
    }
  }

  /** Declares the adjoint of {@code r}, zero, in the reverse block of its scope, before what is written now. */
  private void declareAdjoint(Val r) {
    if (!current.within(r.scope)) {
      throw new IllegalStateException("adjoint of " + r + " used outside its scope");
    }
    Direct d = direct.get(r);
    if (d != null) {
      if (d.zeroFirst()) {
        Java.Expr length = new Java.FieldRead(null, JavaExprs.name(name(r)), "length");
        r.scope.reverse.add(new Done(new Java.Eval(
            new Java.Call(ADJOINTS, null, "zero", List.of(JavaExprs.name(d.array()), d.base(), length)))));
      }
      return;
    }
    Java.Expr zero;
    if (r.type == Type.DOUBLE_ARRAY) {
      zero = new Java.NewArray(List.of(new Java.FieldRead(null, JavaExprs.name(name(r)), "length")), List.of());
      r.needed = true;
    } else if (r.type == Type.DOUBLE_MATRIX) {
      zero = new Java.Call(ADJOINTS, null, "zerosLike", List.of(JavaExprs.name(name(r))));
      r.needed = true;
    } else {
      zero = JavaExprs.ZERO;
    }
    r.scope.reverse.add(new Done(new Java.Declare(JType.of(r.type), r.bar, zero)));
  }

  /** {@code a[i][j]} receives {@code bar}. */
  private void accumulateEntry(Node.Arr a, Java.Expr bar) {
    List<Node> indices = new ArrayList<>();
    Node base = a;
    while (base instanceof Node.Arr inner) {
      indices.add(0, inner.index());
      base = inner.array();
    }
    Val array = ((Node.Ref) base).val().resolve();
    if (!array.active) {
      return;
    }
    if (array.bar == null) {
      array.bar = names.allocate(name(array) + "Bar", false);
      declareAdjoint(array);
    }
    Direct d = direct.get(array);
    Java.Expr entry = d != null
        ? new Java.ArrayRead(JavaExprs.name(d.array()), JavaExprs.add(d.base(), forwardExpr(indices.get(0))))
        : element(JavaExprs.name(array.bar), indices);
    if (bar instanceof Java.Unary u && u.op().equals("-")) {
      out.add(new Adds(new Java.Assign(entry, "-=", u.operand())));
    } else {
      out.add(new Adds(new Java.Assign(entry, "+=", bar)));
    }
  }

  /** A whole array receives {@code bar} times {@code partials}, entry by entry. */
  private void accumulateArray(Node operand, Java.Expr bar, Java.Expr partials) {
    if (!(operand instanceof Node.Ref ref)) {
      throw new IllegalStateException("array operand " + operand);
    }
    Val array = ref.val().resolve();
    if (!array.active) {
      return;
    }
    if (array.bar == null) {
      array.bar = names.allocate(name(array) + "Bar", false);
      declareAdjoint(array);
    }
    Direct d = direct.get(array);
    Java.Call call = d != null
        ? new Java.Call(ADJOINTS, null, "add", List.of(bar, partials, JavaExprs.name(d.array()), d.base()))
        : new Java.Call(ADJOINTS, null, "addScaled", List.of(JavaExprs.name(array.bar), bar, partials));
    out.add(new Done(new Java.Eval(call)));
  }

  /** The value of an operand, read by a derivative rule. */
  private Java.Expr value(Node n) {
    Java.Expr e = forwardExpr(n);
    if (n.type() != Type.INT && n.type() != Type.LONG) {
      return e;
    }
    // derivatives are doubles: an int operand as an int would multiply as an int (50000 * n overflows)
    if (n instanceof Node.Lit l) {
      try {
        return JavaExprs.lit((double) Long.decode(l.text().replace("_", "").replaceAll("[lL]$", "")));
      } catch (NumberFormatException other) {
        // a binary literal, say: cast it below
      }
    }
    return new Java.Cast(Type.DOUBLE, e, null);
  }

  Java.Expr forwardExpr(Node n) {
    if (n instanceof Node.Ref r) {
      Val v = r.val().resolve();
      if (reversing) {
        if (v.literal != null && !v.multi) {
          return JavaExprs.lit(v.literal);
        }
        if (v.remat != null && !v.multi && insideLoop(v.scope) && !fusing) {
          // computing it again costs less than keeping it on the tape: once per reverse iteration, into a
          // local of the same name, before the statement that first reads it
          if (v.rematerialized != v.scope.reverse) {
            v.rematerialized = v.scope.reverse;
            v.scope.reverse.add(new Done(new Java.Declare(JType.of(v.type), name(v), forwardExpr(v.remat))));
          }
          return JavaExprs.name(name(v));
        }
        v.needed = true;
        if (v.loop != null && (current == null || !current.within(v.loop))) {
          v.readOutside = true;
        }
      }
      return JavaExprs.name(name(r.val()));
    }
    if (n instanceof Node.Lit l) {
      return JavaExprs.lit(l.text());
    }
    if (n instanceof Node.Fld f) {
      return new Java.FieldRead(f.owner(), f.owner() == null ? JavaExprs.name(receiver) : null, f.name());
    }
    if (n instanceof Node.Un u) {
      return new Java.Unary(u.op().symbol(), forwardExpr(u.operand()));
    }
    if (n instanceof Node.Bin b) {
      return JavaExprs.bin(b.op(), forwardExpr(b.left()), forwardExpr(b.right()));
    }
    if (n instanceof Node.Cond c) {
      return JavaExprs.cond(forwardExpr(c.condition()), forwardExpr(c.ifTrue()), forwardExpr(c.ifFalse()));
    }
    if (n instanceof Node.Cst c) {
      return new Java.Cast(c.type(), forwardExpr(c.operand()));
    }
    if (n instanceof Node.MCall m) {
      List<Java.Expr> args = new ArrayList<>();
      for (Node a : m.args()) {
        args.add(forwardExpr(a));
      }
      return new Java.Call(
          m.strict() ? ClassRef.STRICT_MATH : ClassRef.MATH, null, m.function().javaName(), args);
    }
    if (n instanceof Node.CallValue c) {
      if (reversing) {
        c.record().needed = true;
      }
      return new Java.Call(null, JavaExprs.name(name(c.record())), "value", List.of());
    }
    if (n instanceof Node.Arr a) {
      return new Java.ArrayRead(forwardExpr(a.array()), forwardExpr(a.index()));
    }
    if (n instanceof Node.Custom c) {
      List<Java.Expr> args = new ArrayList<>();
      for (Node a : c.args()) {
        args.add(forwardExpr(a));
      }
      return new Java.Call(c.rule().owner(), null, c.rule().method(), args);
    }
    if (n instanceof Node.Len l) {
      return new Java.FieldRead(null, forwardExpr(l.array()), "length");
    }
    if (n instanceof Node.NewArr a) {
      List<Java.Expr> dims = new ArrayList<>();
      for (Node d : a.dimensions()) {
        dims.add(forwardExpr(d));
      }
      List<Java.Expr> elements = new ArrayList<>();
      for (Node e : a.elements()) {
        elements.add(forwardExpr(e));
      }
      return new Java.NewArray(dims, elements);
    }
    throw new IllegalStateException("unknown node " + n);
  }

  private Java.Expr call(F.Call c) {
    List<Java.Expr> args = new ArrayList<>();
    if (c.record().callee.instance()) {
      args.add(JavaExprs.name(receiver));
    }
    for (Node a : c.args()) {
      args.add(forwardExpr(a));
    }
    return new Java.Call(c.record().callee.gradients(), null, c.record().callee.method(), args);
  }

  private void comment(List<P> block, int line, String source, boolean reverse) {
    if (source != null) {
      block.add(new Done(new Java.Comment(commentText(line, source, reverse))));
    }
  }

  private static String commentText(int line, String source, boolean reverse) {
    String text = source.replace("\\", "\\ ");
    return (reverse ? "adjoint of line " : "line ") + line + ": " + text;
  }

  // ------------------------------------------------------------------------------------------- settle

  /** Turns {@link P}s into statements, now that it is known which values reverse code reads. */
  private List<Java.Stmt> settle(List<P> block) {
    List<Java.Stmt> stmts = new ArrayList<>();
    for (P p : block) {
      if (p instanceof Done d) {
        stmts.add(d.stmt());
      } else if (p instanceof Adds a) {
        if (!merge(stmts, a.stmt())) {
          stmts.add(a.stmt());
          terms.put(a.stmt(), 1);
        }
      } else if (p instanceof Hoist h) {
        for (Val v : h.vals()) {
          Val r = v.resolve();
          if (r == v && r.needed && !r.hoisted && !r.declared) {
            r.hoisted = true;
            stmts.add(new Java.Declare(type(r), name(r), defaultValue(r)));
          }
        }
      } else if (p instanceof DeclareDefault d) {
        Val r = d.val().resolve();
        if (!r.hoisted && !r.declared) {
          r.declared = true;
          stmts.add(new Java.Declare(type(r), name(r), defaultValue(r)));
        }
      } else if (p instanceof DeclareBefore d) {
        Val r = d.val().resolve();
        if (!r.hoisted && !r.declared) {
          r.declared = true;
          stmts.add(new Java.Declare(type(r), name(r), null));
        }
      } else if (p instanceof Define d) {
        Val r = d.val().resolve();
        if (r.hoisted || r.declared) {
          stmts.add(new Java.Assign(JavaExprs.name(name(r)), "=", d.expr()));
        } else {
          r.declared = true;
          stmts.add(new Java.Declare(type(r), name(r), d.expr()));
        }
      } else if (p instanceof Push push) {
        for (Val v : kept(push.vals())) {
          usesTape = true;
          stmts.add(new Java.Eval(new Java.Call(null, JavaExprs.name(tape), "push", List.of(JavaExprs.name(name(v))))));
        }
      } else if (p instanceof Pop pop) {
        List<Val> vals = kept(pop.vals());
        for (int k = vals.size() - 1; k >= 0; k--) {
          Val v = vals.get(k);
          Java.Expr popped = popped(v);
          if (v.scope.within(pop.scope())) {
            stmts.add(new Java.Declare(type(v), name(v), popped));
          } else {
            stmts.add(new Java.Assign(JavaExprs.name(name(v)), "=", popped));
          }
        }
      } else if (p instanceof Recount r) {
        Val h = r.counter().resolve();
        if (h.needed) {
          boolean popped = !(h.recounted && !h.readOutside);
          if (popped || !insideLoop(h.scope)) {
            stmts.add(new Java.Assign(JavaExprs.name(name(h)), "=", r.value()));
          } else {
            // not kept by an enclosing loop, so not declared in this reverse block: declare it here
            stmts.add(new Java.Declare(type(h), name(h), r.value()));
          }
        }
      } else if (p instanceof PIf i) {
        stmts.add(new Java.If(i.condition(), settle(i.then()), settle(i.otherwise())));
      } else if (p instanceof PWhile w) {
        stmts.add(new Java.While(w.condition(), settle(w.body()), w.testAfter()));
      } else if (p instanceof PCountDown c) {
        List<Java.Stmt> body = settle(c.body());
        if (body.isEmpty()) {
          if (!stmts.isEmpty() && stmts.get(stmts.size() - 1) instanceof Java.Comment) {
            stmts.remove(stmts.size() - 1); // its comment
          }
        } else {
          stmts.add(new Java.CountDown(c.counter(), c.from(), body));
        }
      }
    }
    return stmts;
  }

  /**
   * The statements {@link Adds} wrote, the only ones {@link #merge} merges, with how many additions each
   * holds.
   */
  private final java.util.Map<Java.Stmt, Integer> terms = new java.util.IdentityHashMap<>();

  /**
   * Adds {@code a[i] ±= v2} to {@code a[i] ±= v1} written just before by reverse code (comments between
   * them aside), as {@code a[i] ±= v1 ± v2}: one read and one write of the entry instead of two, and a
   * shorter chain of dependent additions where consecutive iterations update the same entry ({@code
   * partials[i + 1]} then {@code partials[i]}). Only where {@code v2} and the index read nothing of
   * {@code a}, so that the first addition cannot change them (another index may name the same entry),
   * and only in reverse code, whose additions into adjoints may round in another order; the forward
   * sweep's values are the method's, bit for bit. The comments between, which would be left with no
   * statement, go.
   */
  private boolean merge(List<Java.Stmt> stmts, Java.Stmt next) {
    if (!(next instanceof Java.Assign b) || !(b.target() instanceof Java.ArrayRead r)
        || !(b.op().equals("+=") || b.op().equals("-=")) || !pure(b.target())) {
      return false;
    }
    Java.Expr array = r.array();
    while (array instanceof Java.ArrayRead inner) {
      array = inner.array();
    }
    if (mentions(b.value(), array) || mentions(r.index(), array)) {
      return false;
    }
    int k = stmts.size() - 1;
    while (k >= 0 && stmts.get(k) instanceof Java.Comment) {
      k--;
    }
    if (k < 0 || !terms.containsKey(stmts.get(k)) || !(stmts.get(k) instanceof Java.Assign a)
        || !a.target().equals(b.target()) || !(a.op().equals("+=") || a.op().equals("-="))) {
      return false;
    }
    int count = terms.get(a);
    if (count >= MAX_MERGED) {
      return false; // a long chain of additions in one statement is too deep for javac to compile
    }
    Java.Expr value = a.op().equals(b.op()) ? JavaExprs.add(a.value(), b.value()) : JavaExprs.sub(a.value(), b.value());
    stmts.subList(k, stmts.size()).clear();
    Java.Assign sum = new Java.Assign(a.target(), a.op(), value);
    stmts.add(sum);
    terms.put(sum, count + 1);
    return true;
  }

  /** At most this many additions merge into one statement. */
  private static final int MAX_MERGED = 8;

  /** Whether {@code e} contains {@code part}. */
  private static boolean mentions(Java.Expr e, Java.Expr part) {
    if (e.equals(part)) {
      return true;
    }
    return parts(e).stream().anyMatch(x -> mentions(x, part));
  }

  /** Whether evaluating {@code e} has no side effect: no call, no allocation. */
  private static boolean pure(Java.Expr e) {
    if (e instanceof Java.Call || e instanceof Java.New || e instanceof Java.NewArray) {
      return false;
    }
    return parts(e).stream().allMatch(Emitter::pure);
  }

  static List<Java.Expr> parts(Java.Expr e) {
    if (e instanceof Java.Unary u) {
      return List.of(u.operand());
    }
    if (e instanceof Java.Binary b) {
      return List.of(b.left(), b.right());
    }
    if (e instanceof Java.Conditional c) {
      return List.of(c.condition(), c.ifTrue(), c.ifFalse());
    }
    if (e instanceof Java.Cast c) {
      return List.of(c.operand());
    }
    if (e instanceof Java.Call c) {
      List<Java.Expr> all = new ArrayList<>(c.args());
      if (c.target() != null) {
        all.add(c.target());
      }
      return all;
    }
    if (e instanceof Java.FieldRead f) {
      return f.target() == null ? List.of() : List.of(f.target());
    }
    if (e instanceof Java.ArrayRead a) {
      return List.of(a.array(), a.index());
    }
    if (e instanceof Java.NewArray n) {
      List<Java.Expr> all = new ArrayList<>(n.dimensions());
      all.addAll(n.elements());
      return all;
    }
    if (e instanceof Java.New n) {
      return n.args();
    }
    return List.of();
  }

  private static boolean insideLoop(Scope s) {
    for (Scope x = s; x != null; x = x.parent) {
      if (x.loop) {
        return true;
      }
    }
    return false;
  }

  /** The values of an iteration that reverse code reads, each once, in a fixed order. */
  private static List<Val> kept(List<Val> vals) {
    Set<Val> out = new LinkedHashSet<>();
    for (Val v : vals) {
      Val r = v.resolve();
      if (r.needed && !(r.recounted && !r.readOutside)) {
        out.add(r);
      }
    }
    return new ArrayList<>(out);
  }

  private Java.Expr popped(Val v) {
    if (v.callee != null) {
      return new Java.Cast(null, new Java.Call(null, JavaExprs.name(tape), "popObject", List.of()), v.callee.record());
    }
    String method = switch (v.type) {
      case DOUBLE -> "popDouble";
      case INT -> "popInt";
      case LONG -> "popLong";
      case BOOLEAN -> "popBoolean";
      default -> throw new IllegalStateException("an array kept on the tape: " + v);
    };
    return new Java.Call(null, JavaExprs.name(tape), method, List.of());
  }

  private static JType type(Val v) {
    return v.callee != null ? JType.of(v.callee.record()) : JType.of(v.type);
  }

  private static Java.Expr defaultValue(Val v) {
    if (v.callee != null) {
      return JavaExprs.lit("null");
    }
    return switch (v.type) {
      case DOUBLE -> JavaExprs.ZERO;
      case BOOLEAN -> JavaExprs.lit("false");
      case LONG -> JavaExprs.lit("0L");
      case INT -> JavaExprs.lit("0");
      case DOUBLE_ARRAY, DOUBLE_MATRIX, ENUM -> JavaExprs.lit("null");
    };
  }
}
