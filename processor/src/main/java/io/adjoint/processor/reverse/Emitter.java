package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Java.JType;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.reverse.ReverseCode.Adds;
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
import io.adjoint.processor.rules.Partials.Partial;
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
  private Scope current;
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
  /**
   * The accumulators of fused loops: their adjoints are set before the loop, once and for all, so reverse
   * code adds nothing into them.
   */
  private final Set<SsaValue> frozen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /**
   * Adjoints that are so far a literal (the seed 1.0 passed through a sum, say): reverse code writes the
   * literal, and declares the adjoint only if something else flows into it.
   */
  private final java.util.Map<SsaValue, Java.Expr> constantBars = new java.util.IdentityHashMap<>();
  /** Values the forward sweep has defined so far. */
  private final Set<SsaValue> defined = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** Array parameters whose adjoint entries go straight into the caller's flat array (see {@link #direct}). */
  private final java.util.Map<SsaValue, Direct> direct = new java.util.IdentityHashMap<>();
  /** The direct matrices whose {@link Direct#rows} the reverse sweep has declared. */
  private final Set<SsaValue> rowStarts = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** The adjoint arrays the reverse sweep declares (see {@link UnreadStores}). */
  private final Set<String> adjointArrays = new java.util.TreeSet<>();
  /** Written just before the statement of the method's final return, if set (see {@link #markReturn}). */
  private Java.Stmt returnMarker;
  /** The expression each value defined once is defined by, once {@link #definitions} has found them. */
  private java.util.Map<SsaValue, Node> definitions;

  /**
   * Where an array parameter's adjoint lives when it is not an array of its own: entries {@code base ..
   * base + length − 1} of {@code array}, which the reverse sweep adds into; a matrix's rows one after
   * another.
   *
   * @param zeroFirst whether those entries are set to zero before the first addition (the Into form)
   * @param rows for a matrix, the local, declared before the first entry is written, that holds {@link
   *     io.adjoint.internal.Adjoints#rowStarts} (null unless rows differ in length), so that entry {@code
   *     [i][j]} is at {@code Adjoints.rowStart(rows, matrix, base, i) + j}; null for an array
   */
  record Direct(String array, Java.Expr base, boolean zeroFirst, String rows) {
    Direct(String array, Java.Expr base, boolean zeroFirst) {
      this(array, base, zeroFirst, null);
    }
  }

  Emitter(SsaProgram ssa, Names names, Java.Expr seed, String receiver, String tape) {
    this.ssa = ssa;
    this.names = names;
    this.seed = seed;
    this.receiver = receiver;
    this.tape = tape;
    for (SsaValue p : ssa.params()) {
      state.of(p).name = p.base; // the parameters keep their names, which the name allocator holds already
    }
  }

  /** The statements of the whole body. */
  List<Java.Stmt> emit() {
    List<P> top = new ArrayList<>();
    path(ssa.body(), ssa.top(), top);
    ReverseCode code = new ReverseCode(this::name, state, tape);
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
    SsaValue r = v.resolve();
    Java.Expr constant = constantBars.get(r);
    return constant != null ? constant : state.of(r).bar == null ? null : JavaExprs.name(state.of(r).bar);
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
  void direct(SsaValue param, Direct where) {
    direct.put(param.resolve(), where);
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
    return java.util.Collections.unmodifiableSet(adjointArrays);
  }

  /** Whether {@code v}'s adjoint lives in the caller's flat array. */
  boolean isDirect(SsaValue v) {
    return direct.containsKey(v.resolve());
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
      if (LoopCounters.counter(l, h) == null) {
        if (!(h.resolve().type == Type.DOUBLE && Fusion.accumulator(l, h.resolve()))) {
          // an accumulator's value in each iteration is read by no reverse code (its partial is 1); its
          // value after the loop is the variable's, as the forward sweep or an enclosing loop leaves it
          values.add(h);
        }
      } else {
        state.of(h).recounted = true; // computed again in the reverse sweep from the iteration number instead
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
        frozen.add(h);
        block.add(new Done(new Java.Declare(JType.of(Type.DOUBLE), state.of(h).bar, JavaExprs.mul(seed, e.getValue()))));
      }
      for (SsaStatement f : l.copyBacks()) {
        SsaStatement.Def d = (SsaStatement.Def) f;
        if (frozen.contains(d.target().resolve())) {
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
        if (!frozen.contains(d.target().resolve())) {
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
    block.add(new PWhile(forwardExpr(l.condition()), body, l.testAfter()));
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

  /** The elements of {@code new double[] {a, b}} receive the adjoint's entries. */
  private void reverseNewArray(SsaStatement.Def d, SsaValue target) {
    if (d.expr() instanceof Node.NewArray n) {
      for (int k = 0; k < n.elements().size(); k++) {
        propagate(n.elements().get(k), new Java.ArrayRead(JavaExprs.name(state.of(target).bar), JavaExprs.lit(Integer.toString(k))), null);
      }
    }
  }

  /** {@code a[i] = v}: the entry's adjoint moves to {@code v}, and the overwritten entry gets none. */
  private void reverseStore(SsaStatement.Store st) {
    SsaValue array = st.array().resolve();
    if (!array.active() || state.of(array).bar == null) {
      return;
    }
    if (direct.containsKey(array)) {
      throw new IllegalStateException("a store into " + array + ", whose adjoint is direct");
    }
    Java.Expr entry = element(JavaExprs.name(state.of(array).bar), st.indices());
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
      if (r.active() && state.of(r).bar == null) {
        state.of(r).bar = names.allocate(name(r) + "Bar", false);
        declareAdjoint(r);
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
        Java.Expr value = JavaExprs.add(start, JavaExprs.mul(step, JavaExprs.sub(JavaExprs.name(k), JavaExprs.lit("1"))));
        body.add(new Recount(h, value, live(h)));
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
    block.add(new PCountDown(k, forwardExpr(new Node.Ref(l.count())), body, ReverseOrder.free(l)));
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

  /** Sends {@code bar}, the adjoint of {@code node}, to the values it was computed from. */
  private void propagate(Node node, Java.Expr bar, SsaValue self) {
    if (!node.active()) {
      return;
    }
    if (node instanceof Node.Ref r) {
      accumulate(r.val(), bar);
      return;
    }
    if (node instanceof Node.ArrayRead a) {
      accumulateEntry(a, bar);
      return;
    }
    if (node instanceof Node.CallValue c) {
      state.of(c.record()).needed = true;
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

              @Override
              public String name(SsaValue record) {
                return Emitter.this.name(record);
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

  private void accumulate(SsaValue v, Java.Expr contribution) {
    SsaValue r = v.resolve();
    if (!r.active() || frozen.contains(r)) {
      return;
    }
    if (state.of(r).bar == null) {
      state.of(r).bar = names.allocate(name(r) + "Bar", false);
      if (r.scope == current) {
        if (!r.multi() && contribution instanceof Java.Literal && !Double.isNaN(JavaExprs.numeric(contribution))) {
          constantBars.put(r, contribution);
        } else {
          out.add(new Done(new Java.Declare(JType.of(Type.DOUBLE), state.of(r).bar, contribution)));
        }
        return;
      }
      declareAdjoint(r);
    } else if (constantBars.containsKey(r)) {
      // declared where its scope's reverse code is, which may enclose the block written now
      state.reverse(r.scope).add(new Done(new Java.Declare(JType.of(Type.DOUBLE), state.of(r).bar, constantBars.remove(r))));
    }
    if (contribution instanceof Java.Unary u && u.op().equals("-")) {
      out.add(new Done(new Java.Assign(JavaExprs.name(state.of(r).bar), "-=", u.operand())));
    } else {
      out.add(new Done(new Java.Assign(JavaExprs.name(state.of(r).bar), "+=", contribution)));
    }
  }

  /** Declares the adjoint of {@code r}, zero, in the reverse block of its scope, before what is written now. */
  private void declareAdjoint(SsaValue r) {
    if (!current.within(r.scope)) {
      throw new IllegalStateException("adjoint of " + r + " used outside its scope");
    }
    Direct d = direct.get(r);
    if (d != null) {
      if (d.zeroFirst()) {
        Java.Expr self = JavaExprs.name(name(r));
        Java.Expr length = d.rows() == null
            ? new Java.FieldRead(null, self, "length")
            : new Java.Call(ADJOINTS, null, "size", List.of(self));
        state.reverse(r.scope).add(new Done(new Java.Eval(
            new Java.Call(ADJOINTS, null, "zero", List.of(JavaExprs.name(d.array()), d.base(), length)))));
      }
      return;
    }
    Java.Expr zero;
    if (r.type == Type.DOUBLE_ARRAY) {
      zero = new Java.NewArray(List.of(new Java.FieldRead(null, JavaExprs.name(name(r)), "length")), List.of());
      state.of(r).needed = true;
      adjointArrays.add(state.of(r).bar);
    } else if (r.type == Type.DOUBLE_MATRIX) {
      zero = new Java.Call(ADJOINTS, null, "zerosLike", List.of(JavaExprs.name(name(r))));
      state.of(r).needed = true;
      adjointArrays.add(state.of(r).bar);
    } else {
      zero = JavaExprs.ZERO;
    }
    state.reverse(r.scope).add(new Done(new Java.Declare(JType.of(r.type), state.of(r).bar, zero)));
  }

  /** {@code a[i][j]} receives {@code bar}. */
  private void accumulateEntry(Node.ArrayRead a, Java.Expr bar) {
    List<Node> indices = new ArrayList<>();
    Node base = a;
    while (base instanceof Node.ArrayRead inner) {
      indices.add(0, inner.index());
      base = inner.array();
    }
    SsaValue array = ((Node.Ref) base).val().resolve();
    if (!array.active()) {
      return;
    }
    if (state.of(array).bar == null) {
      state.of(array).bar = names.allocate(name(array) + "Bar", false);
      declareAdjoint(array);
    }
    Direct d = direct.get(array);
    Java.Expr entry = d != null
        ? new Java.ArrayRead(JavaExprs.name(d.array()), JavaExprs.add(directRow(array, d, indices), forwardExpr(indices.get(indices.size() - 1))))
        : element(JavaExprs.name(state.of(array).bar), indices);
    if (bar instanceof Java.Unary u && u.op().equals("-")) {
      out.add(new Adds(new Java.Assign(entry, "-=", u.operand())));
    } else {
      out.add(new Adds(new Java.Assign(entry, "+=", bar)));
    }
  }

  /** Where the row holding entry {@code indices} of direct array {@code array} starts in its flat array. */
  private Java.Expr directRow(SsaValue array, Direct d, List<Node> indices) {
    if (d.rows() == null) {
      return d.base();
    }
    if (rowStarts.add(array)) { // declared where the adjoint is, before its first entry is written
      Java.Expr starts = new Java.Call(ADJOINTS, null, "rowStarts", List.of(JavaExprs.name(name(array)), d.base()));
      state.reverse(array.scope).add(new Done(new Java.Declare(new JType("int[]", null), d.rows(), starts)));
    }
    List<Java.Expr> args = List.of(JavaExprs.name(d.rows()), JavaExprs.name(name(array)), d.base(), forwardExpr(indices.get(0)));
    return new Java.Call(ADJOINTS, null, "rowStart", args);
  }

  /** A whole array receives {@code bar} times {@code partials}, entry by entry. */
  private void accumulateArray(Node operand, Java.Expr bar, Java.Expr partials) {
    if (!(operand instanceof Node.Ref ref)) {
      throw new IllegalStateException("array operand " + operand);
    }
    SsaValue array = ref.val().resolve();
    if (!array.active()) {
      return;
    }
    if (state.of(array).bar == null) {
      state.of(array).bar = names.allocate(name(array) + "Bar", false);
      declareAdjoint(array);
    }
    Direct d = direct.get(array);
    Java.Call call = d != null
        ? new Java.Call(ADJOINTS, null, "add", List.of(bar, partials, JavaExprs.name(d.array()), d.base()))
        : new Java.Call(ADJOINTS, null, "addScaled", List.of(JavaExprs.name(state.of(array).bar), bar, partials));
    out.add(new Done(new Java.Eval(call)));
  }

  /** The value of an operand, read by a derivative rule. */
  private Java.Expr value(Node n) {
    Java.Expr e = forwardExpr(n);
    if (n.type() != Type.INT && n.type() != Type.LONG) {
      return e;
    }
    // derivatives are doubles: an int operand as an int would multiply as an int (50000 * n overflows)
    if (n instanceof Node.Literal l) {
      try {
        return JavaExprs.lit((double) Long.decode(l.text().replace("_", "").replaceAll("[lL]$", "")));
      } catch (NumberFormatException other) {
        // a binary literal, say: cast it below
      }
    }
    return new Java.Cast(Type.DOUBLE, e, null);
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
