package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Java.JType;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.reverse.ReverseCode.Advanced;
import io.adjoint.processor.reverse.ReverseCode.DeclareBefore;
import io.adjoint.processor.reverse.ReverseCode.DeclareDefault;
import io.adjoint.processor.reverse.ReverseCode.Define;
import io.adjoint.processor.reverse.ReverseCode.Done;
import io.adjoint.processor.reverse.ReverseCode.Hoist;
import io.adjoint.processor.reverse.ReverseCode.P;
import io.adjoint.processor.reverse.ReverseCode.PCountDown;
import io.adjoint.processor.reverse.ReverseCode.PIf;
import io.adjoint.processor.reverse.ReverseCode.PWhile;
import io.adjoint.processor.reverse.ReverseCode.Pop;
import io.adjoint.processor.reverse.ReverseCode.Push;
import io.adjoint.processor.reverse.ReverseCode.Recount;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.ssa.Names;
import io.adjoint.processor.ssa.Node;
import io.adjoint.processor.ssa.Scope;
import io.adjoint.processor.ssa.SsaProgram;
import io.adjoint.processor.ssa.SsaStatement;
import io.adjoint.processor.ssa.SsaValue;
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
 *
 * <p>The reverse of a statement sends its value's adjoint to what the value was computed from through
 * {@link Propagation}, which declares the adjoints and adds into them.
 */
final class Emitter implements ForwardJava.Reads {
  static final ClassRef TAPE = new ClassRef("io.adjoint.internal", List.of("Tape"));
  static final ClassRef ADJOINTS = ClassRef.ADJOINTS;

  private final SsaProgram ssa;
  /** What this emission has decided about the program's values; the program itself stays as built. */
  private final Emission state = new Emission();
  private final Names names;
  private final Java.Expr seed;
  private final String receiver;
  private final String tape;
  private boolean reversing;
  /** The scope whose reverse code is being written. */
  private Scope current;
  /** The block reverse code is being written to. */
  private List<P> out;
  private List<SsaValue> hoist;
  /** The values of the loop iteration being written that the tape may have to keep. */
  private List<SsaValue> iteration;
  private final java.util.Map<SsaStatement.Loop, List<SsaValue>> kept = new java.util.IdentityHashMap<>();
  private boolean resultDeclared;
  /** Loops whose reverse step runs inside the forward loop (see {@link Fusion}), with their headers' adjoints. */
  private final java.util.Map<SsaStatement.Loop, java.util.Map<SsaValue, Java.Expr>> fused = new java.util.IdentityHashMap<>();
  /**
   * The bodies of the fused loops: their reverse code runs inside the forward iteration, where it reads
   * the iteration's values as the forward sweep left them.
   */
  private final Set<Scope> inIteration = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** Sends adjoints to the values they were computed from, and keeps where those adjoints live. */
  private final Propagation propagation;
  /** Values the forward sweep has defined so far. */
  private final Set<SsaValue> defined = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** Written just before the statement of the method's final return, if set (see {@link #markReturn}). */
  private Java.Stmt returnMarker;
  /** The expression each value defined once is defined by, once {@link #definitions} has found them. */
  private java.util.Map<SsaValue, Node> definitions;

  Emitter(SsaProgram ssa, Names names, Java.Expr seed, String receiver, String tape) {
    this.ssa = ssa;
    this.names = names;
    this.seed = seed;
    this.receiver = receiver;
    this.tape = tape;
    this.propagation = new Propagation(this, state, names);
    for (SsaValue p : ssa.params()) {
      state.of(p).name = p.base; // the parameters keep their names, which the name allocator holds already
    }
  }

  /** The statements of the whole body. */
  List<Java.Stmt> emit() {
    List<P> top = new ArrayList<>();
    state.reread(FilledEntries.of(ssa.body(), definitions()::get));
    path(ssa.body(), ssa.top(), top);
    ReverseCode code = new ReverseCode(this::name, state, tape, base -> names.allocate(base, false));
    code.orient(top);
    List<Java.Stmt> stmts = code.settle(top);
    if (code.usesTape()) {
      stmts.add(0, new Java.Declare(JType.of(TAPE), tape, new Java.Call(TAPE, null, "acquire", List.of())));
      stmts.add(new Java.Eval(new Java.Call(null, JavaExprs.name(tape), "release", List.of())));
    }
    return stmts;
  }

  String name(SsaValue v) {
    SsaValue r = v.resolve();
    if (state.of(r).name == null) {
      boolean own = r.callee == null && !r.base.equals("t") && !r.base.equals("branch");
      state.of(r).name = names.allocate(r.base, own && r != ssa.result() && !r.base.equals("count"));
    }
    return state.of(r).name;
  }

  /** The adjoint of a value, or null when nothing flowed into it. */
  Java.Expr adjoint(SsaValue v) {
    return propagation.adjoint(v);
  }

  private java.util.Map<SsaValue, Node> definitions() {
    if (definitions == null) {
      definitions = ScratchArrays.definitions(ssa.body());
    }
    return definitions;
  }

  /** Whether the forward sweep has defined {@code v} where code written now in {@code scope} sees it. */
  private boolean visible(SsaValue v, Scope scope) {
    return (ssa.params().contains(v) || defined.contains(v)) && scope.within(v.scope);
  }

  /**
   * Has the reverse sweep add the adjoint of array parameter {@code param} straight into a caller's flat
   * array, instead of into an array of its own that is copied there at the end: no allocation and one
   * pass less over memory. Only for an array the method never stores into, whose adjoint the reverse
   * sweep therefore only ever adds to; call before {@link #emit}.
   */
  void direct(SsaValue param, Propagation.Direct where) {
    propagation.direct(param, where);
  }

  /**
   * Writes {@code marker} into the top-level block in place of the method's final return, whose value
   * is then not computed: what comes after the marker is the whole reverse sweep, what comes before is
   * the forward sweep (no loop is fused, so no reverse code runs inside it). Call before {@link #emit}.
   */
  void markReturn(Java.Stmt marker) {
    returnMarker = marker;
  }

  /** The names of the adjoint arrays the reverse sweep declares, once {@link #emit} has run. */
  Set<String> adjointArrays() {
    return propagation.adjointArrays();
  }

  /** Whether {@code v}'s adjoint lives in the caller's flat array. */
  boolean isDirect(SsaValue v) {
    return propagation.isDirect(v);
  }

  /** Whether the method stores into array {@code v} anywhere. */
  boolean storedInto(SsaValue v) {
    return ssa.storedInto(v);
  }

  private void path(List<SsaStatement> code, Scope scope, List<P> block) {
    state.reverse(scope, block);
    SsaStatement last = code.get(code.size() - 1);
    List<SsaStatement> body = code.subList(0, code.size() - 1);
    state.reread(Rereads.inBlock(code));
    for (int k = 0; k < body.size(); k++) {
      SsaStatement f = body.get(k);
      if (f instanceof SsaStatement.Loop l && returnMarker == null) { // a fused loop's reverse would run before the marker
        java.util.Map<SsaValue, Java.Expr> exits = Fusion.exitAdjoints(
            l, code.subList(k + 1, code.size()), ssa.result(), v -> visible(v, scope), this::forwardExpr,
            definitions()::get);
        if (exits != null) {
          fused.put(l, exits);
        }
      }
      forward(f, block);
    }
    if (last instanceof SsaStatement.Group g && g.isReturn()) {
      if (returnMarker != null && scope == ssa.top()) {
        block.add(new Done(returnMarker)); // what the method returns is not needed, only its adjoint
      } else {
        forward(g, block);
      }
      reverse(g, block, scope);
    } else if (last instanceof SsaStatement.If i && i.tail()) {
      if (!resultDeclared) {
        block.add(new DeclareBefore(ssa.result()));
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

  private void forward(SsaStatement f, List<P> block) {
    if (f instanceof SsaStatement.Group g) {
      comment(block, g.line(), g.source(), false);
      for (SsaStatement part : g.parts()) {
        if (part instanceof SsaStatement.Def d) {
          define(d.target(), forwardExpr(d.expr()), block);
        } else if (part instanceof SsaStatement.Call c) {
          define(c.record(), ForwardJava.call(c, receiver, this), block);
        } else if (part instanceof SsaStatement.Store st) {
          String op = st.increment() == 0 ? "=" : st.increment() > 0 ? "+=" : "-=";
          block.add(new Done(new Java.Assign(element(JavaExprs.name(name(st.array())), st.indices()), op,
              forwardExpr(st.value()))));
        }
      }
    } else if (f instanceof SsaStatement.If i) {
      boolean outermost = hoist == null;
      if (outermost) {
        hoist = new ArrayList<>();
        block.add(new Hoist(hoist));
      }
      for (SsaValue phi : i.phis()) {
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
      for (SsaStatement g : i.then()) {
        forward(g, then);
      }
      for (SsaStatement g : i.otherwise()) {
        forward(g, otherwise);
      }
      block.add(new PIf(forwardExpr(i.condition()), then, otherwise));
      if (outermost) {
        hoist = null;
      }
    } else if (f instanceof SsaStatement.Loop l) {
      loop(l, block);
    }
  }

  private void loop(SsaStatement.Loop l, List<P> block) {
    // a fused loop has no reverse loop: it counts its iterations only if values read before it need it
    boolean counted = !fused.containsKey(l) || !l.preheader().isEmpty();
    state.tripCount(l.count(), LoopCounters.tripCount(l));
    if (counted) {
      define(l.count(), JavaExprs.lit("0"), block);
    }
    comment(block, l.line(), l.source(), false);
    if (!l.preheader().isEmpty()) {
      // entries the loop reads but cannot change, read once if the loop runs at all
      List<P> reads = new ArrayList<>();
      for (SsaStatement f : l.preheader()) {
        SsaStatement.Def d = (SsaStatement.Def) f;
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
    if (fused.containsKey(l)) {
      state.reread(Rereads.inBlock(l.body())); // the reverse of its inner loops runs within the iteration
    }
    List<SsaValue> savedHoist = hoist;
    List<SsaValue> savedIteration = iteration;
    hoist = null;
    iteration = new ArrayList<>();
    List<P> body = new ArrayList<>();
    for (SsaStatement f : l.body()) {
      forward(f, body);
    }
    List<SsaValue> values = iteration;
    for (SsaValue h : l.headers()) {
      if (LoopCounters.counter(l, h) != null) {
        state.of(h).recounted = true; // computed again in the reverse sweep from the iteration number instead
      } else if (!fused.containsKey(l) && LoopCounters.advance(l, h) != null) {
        continue; // the reverse sweep has it from the next iteration's value instead
      } else if (!(h.resolve().type == Type.DOUBLE && Fusion.accumulator(l, h.resolve()))) {
        // an accumulator's value in each iteration is read by no reverse code (its partial is 1); its
        // value after the loop is the variable's, as the forward sweep or an enclosing loop leaves it
        values.add(h);
      }
    }
    kept.put(l, values);
    java.util.Map<SsaValue, Java.Expr> exits = fused.get(l);
    if (exits == null) {
      body.add(new Push(values));
    } else {
      // The adjoint of an accumulator is the same in every iteration, known now, and is also that of its
      // value at the end of the iteration.
      for (java.util.Map.Entry<SsaValue, Java.Expr> e : exits.entrySet()) {
        SsaValue h = e.getKey();
        state.of(h).bar = names.allocate(name(h) + "Bar", false);
        propagation.freeze(h);
        block.add(new Done(new Java.Declare(JType.of(Type.DOUBLE), state.of(h).bar, JavaExprs.mul(seed, e.getValue()))));
      }
      for (SsaStatement f : l.copyBacks()) {
        SsaStatement.Def d = (SsaStatement.Def) f;
        if (propagation.frozen(d.target().resolve())) {
          state.of(((Node.Ref) d.expr()).val().resolve()).bar = state.of(d.target().resolve()).bar;
        }
      }
      inIteration.add(l.scope());
      state.reverse(l.scope(), body);
      if (l.source() != null) {
        body.add(new Done(new Java.Comment(
            "adjoint of line " + l.line() + ", in the same iteration: " + l.source().replace("\\", "\\ "))));
      }
      for (int j = l.copyBacks().size() - 1; j >= 0; j--) {
        SsaStatement.Def d = (SsaStatement.Def) l.copyBacks().get(j);
        if (!propagation.frozen(d.target().resolve())) {
          reverse(d, body, l.scope());
        }
      }
      for (int j = l.body().size() - 1; j >= 0; j--) {
        reverse(l.body().get(j), body, l.scope());
      }
    }
    for (SsaStatement f : l.copyBacks()) {
      SsaStatement.Def d = (SsaStatement.Def) f;
      body.add(new Define(d.target(), forwardExpr(d.expr())));
    }
    if (counted) {
      body.add(new Done(new Java.Assign(JavaExprs.name(name(l.count())), "+=", JavaExprs.lit("1"))));
    }
    hoist = savedHoist;
    iteration = savedIteration;
    Node trips = state.tripCountOf(l.count());
    block.add(new PWhile(forwardExpr(l.condition()), body, l.testAfter(), trips == null ? null : forwardExpr(trips)));
  }

  private void define(SsaValue v, Java.Expr expr, List<P> block) {
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

  /** The scope whose reverse code is being written. */
  Scope current() {
    return current;
  }

  /** The block reverse code is being written to. */
  List<P> out() {
    return out;
  }

  private void reverse(SsaStatement f, List<P> block, Scope scope) {
    Scope savedScope = current;
    List<P> savedOut = out;
    boolean savedReversing = reversing;
    current = scope;
    out = block;
    reversing = true;
    try {
      if (f instanceof SsaStatement.Group g) {
        int mark = block.size();
        for (int k = g.parts().size() - 1; k >= 0; k--) {
          SsaStatement part = g.parts().get(k);
          if (part instanceof SsaStatement.Def d) {
            reverseDef(d);
          } else if (part instanceof SsaStatement.Store st) {
            reverseStore(st);
          }
        }
        if (block.size() > mark && g.source() != null) {
          block.add(mark, new Done(new Java.Comment(commentText(g.line(), g.source(), true))));
        }
      } else if (f instanceof SsaStatement.If i) {
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
      } else if (f instanceof SsaStatement.Loop l) {
        reverseLoop(l, block, scope);
      } else if (f instanceof SsaStatement.Def d) {
        reverseDef(d);
      }
    } finally {
      current = savedScope;
      out = savedOut;
      reversing = savedReversing;
    }
  }

  private void reverseDef(SsaStatement.Def d) {
    SsaValue target = d.target().resolve();
    Java.Expr bar = target == ssa.result() ? seed : adjoint(target);
    if (!target.active() || bar == null) {
      return;
    }
    if (target.type.isArray()) {
      reverseNewArray(d, target);
      return;
    }
    if (target.multi()) {
      // the value defined here is not read before: its adjoint moves to what it was computed from
      if (Node.reads(d.expr(), target)) {
        String moved = names.allocate(name(target) + "Bar", false);
        out.add(new Done(new Java.Declare(JType.of(Type.DOUBLE), moved, bar)));
        out.add(new Done(new Java.Assign(bar, "=", JavaExprs.ZERO)));
        propagation.propagate(d.expr(), JavaExprs.name(moved), target);
      } else {
        propagation.propagate(d.expr(), bar, target);
        if (!propagation.frozen(target)) { // a fused loop's accumulator is read no more: no need to reset it
          out.add(new Done(new Java.Assign(bar, "=", JavaExprs.ZERO)));
        }
      }
      return;
    }
    propagation.propagate(d.expr(), bar, target);
  }

  /** The elements of {@code new double[] {a, b}} receive the adjoint's entries. */
  private void reverseNewArray(SsaStatement.Def d, SsaValue target) {
    if (d.expr() instanceof Node.NewArray n) {
      for (int k = 0; k < n.elements().size(); k++) {
        propagation.propagate(n.elements().get(k), new Java.ArrayRead(JavaExprs.name(state.of(target).bar), JavaExprs.lit(Integer.toString(k))), null);
      }
    }
  }

  /** {@code a[i] = v}: the entry's adjoint moves to {@code v}, and the overwritten entry gets none. */
  private void reverseStore(SsaStatement.Store st) {
    SsaValue array = st.array().resolve();
    if (!array.active() || state.of(array).bar == null) {
      return;
    }
    if (propagation.isDirect(array)) {
      throw new IllegalStateException("a store into " + array + ", whose adjoint is direct");
    }
    Java.Expr entry = element(JavaExprs.name(state.of(array).bar), st.indices());
    if (st.increment() != 0) {
      propagation.propagate(st.value(), st.increment() > 0 ? entry : JavaExprs.neg(entry), null);
      return;
    }
    if (st.value().active()) {
      String moved = names.allocate("tBar", false);
      out.add(new Done(new Java.Declare(JType.of(Type.DOUBLE), moved, entry)));
      out.add(new Done(new Java.Assign(entry, "=", JavaExprs.ZERO)));
      propagation.propagate(st.value(), JavaExprs.name(moved), null);
    } else {
      out.add(new Done(new Java.Assign(entry, "=", JavaExprs.ZERO)));
    }
  }

  /** {@code array[i][j]}, the entry at {@code indices}. */
  Java.Expr element(Java.Expr array, List<Node> indices) {
    Java.Expr e = array;
    for (Node index : indices) {
      e = new Java.ArrayRead(e, forwardExpr(index));
    }
    return e;
  }

  private void reverseLoop(SsaStatement.Loop l, List<P> block, Scope scope) {
    if (!fused.containsKey(l)) {
      reverseIterations(l, block, scope);
    }
    if (!l.preheader().isEmpty()) {
      List<P> reads = new ArrayList<>();
      out = reads;
      for (int j = l.preheader().size() - 1; j >= 0; j--) {
        reverseDef((SsaStatement.Def) l.preheader().get(j));
      }
      out = block;
      if (!reads.isEmpty()) {
        Java.Expr ran = JavaExprs.bin(io.adjoint.processor.ir.BinaryOp.GT, forwardExpr(new Node.Ref(l.count())), JavaExprs.lit("0"));
        block.add(new PIf(ran, reads, List.of()));
      }
    }
  }

  /** The loop that runs the reverse of the iterations, last first. */
  private void reverseIterations(SsaStatement.Loop l, List<P> block, Scope scope) {
    // The reverse of an iteration reads adjoints that the reverse of the next iteration wrote: those of
    // the headers and of the arrays the body stores into. They must exist before the first iteration.
    Set<SsaValue> live = new LinkedHashSet<>(l.headers());
    SsaStatement.stored(l.body(), live);
    for (SsaValue v : live) {
      SsaValue r = v.resolve();
      if (r.active()) {
        propagation.declare(r);
      }
    }
    List<P> body = new ArrayList<>();
    state.reverse(l.scope(), body);
    body.add(new Pop(kept.get(l), l.scope()));
    String k = names.allocate("k", false);
    for (int i = 0; i < l.headers().size(); i++) {
      SsaValue h = l.headers().get(i);
      Java.Expr step = LoopCounters.counter(l, h);
      if (step != null) {
        // iteration k (counting from 1) starts with init + step * (k - 1); set if reverse code reads it
        Java.Expr start = forwardExprReversing(l.inits().get(i));
        Java.Expr value = JavaExprs.add(start, LoopCounters.times(step, JavaExprs.sub(JavaExprs.name(k), JavaExprs.lit("1"))));
        body.add(new Recount(h, value, live(h)));
      }
    }
    boolean free = ReverseOrder.free(l);
    Scope savedScope = current;
    for (int i = 0; i < l.headers().size(); i++) {
      SsaValue h = l.headers().get(i);
      LoopCounters.Advance advance = LoopCounters.advance(l, h);
      if (advance != null) {
        // what the iteration started with: what the previous one started with and its inner loop added,
        // running first first, or what the next one started with less that, running last first
        current = savedScope;
        Java.Expr start = free ? forwardExprReversing(l.inits().get(i)) : null;
        current = l.scope(); // the inner loop's trip count reads values of the iteration
        Java.Expr added = LoopCounters.times(advance.step(), forwardExprReversing(advance.tripCount()));
        if (free) {
          body.add(new Advanced(h, start, added, names.allocate(name(h) + "Next", false), live(h)));
        } else {
          body.add(new Recount(h, JavaExprs.sub(JavaExprs.name(name(h)), added), live(h)));
        }
      }
    }
    current = savedScope;
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
    block.add(new PCountDown(k, forwardExpr(new Node.Ref(l.count())), body, free));
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

  private List<P> reverseBranch(List<SsaStatement> code, Scope scope) {
    List<P> block = new ArrayList<>();
    state.reverse(scope, block);
    for (int k = code.size() - 1; k >= 0; k--) {
      reverse(code.get(k), block, scope);
    }
    return block;
  }

  Java.Expr forwardExpr(Node n) {
    return ForwardJava.of(n, receiver, this);
  }

  /** A read of a value: in reverse code, it may be a literal or computed again instead. */
  @Override
  public Java.Expr read(Node.Ref r) {
    SsaValue v = r.val().resolve();
    if (reversing) {
      if (v.literal() != null && !v.multi()) {
        return JavaExprs.lit(v.literal());
      }
      Node trip = state.tripCountOf(v);
      if (trip != null && live(v)) {
        // a loop in a fused iteration: its trip count from its bounds, so it need not count forwards
        return forwardExpr(trip);
      }
      if (state.remat(v) != null && !v.multi() && ReverseCode.insideLoop(v.scope) && !live(v)) {
        // computing it again costs less than keeping it on the tape: once per reverse iteration, into a
        // local of the same name, before the statement that first reads it
        List<P> block = state.reverse(v.scope);
        if (state.of(v).rematerialized != block) {
          state.of(v).rematerialized = block;
          block.add(new Done(new Java.Declare(JType.of(v.type), name(v), forwardExpr(state.remat(v)))));
        }
        return JavaExprs.name(name(v));
      }
      state.of(v).needed = true;
      if (v.loop() != null && (current == null || !current.within(v.loop()))) {
        state.of(v).readOutside = true;
      }
    }
    return JavaExprs.name(name(r.val()));
  }

  /**
   * Whether reverse code sees {@code v} as the forward sweep defined it: it belongs to the iteration of a
   * fused loop, whose reverse runs inside that iteration (not inside a loop nested in it).
   */
  private boolean live(SsaValue v) {
    for (Scope s = v.scope; s != null; s = s.parent) {
      if (s.isLoopBody()) {
        return inIteration.contains(s);
      }
    }
    return false;
  }

  @Override
  public Java.Expr readCallValue(Node.CallValue c) {
    if (reversing) {
      state.of(c.record()).needed = true;
    }
    return new Java.Call(null, JavaExprs.name(name(c.record())), "value", List.of());
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
}
