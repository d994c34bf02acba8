package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.Java.JType;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.reverse.ReverseCode.Adds;
import io.adjoint.processor.reverse.ReverseCode.Done;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.rules.Partials.Partial;
import io.adjoint.processor.ssa.Names;
import io.adjoint.processor.ssa.Node;
import io.adjoint.processor.ssa.SsaValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How reverse code sends the adjoint of a node to the values it was computed from, by the node's
 * derivative rules ({@link Rules}), and adds it into their adjoints: a scalar's, an entry of an array's,
 * or a whole array's at once.
 *
 * <p>An adjoint is declared when something first flows into it. A value of the scope whose reverse code
 * {@link Emitter} is writing has its adjoint declared there as that first contribution, or, while the
 * contribution is a literal, has none until a second one comes: reverse code writes the literal instead.
 * Any other adjoint is declared zero in the reverse block of its value's scope, before what is written
 * now. An array parameter's adjoint may live in the caller's flat array instead ({@link Direct}), whose
 * entries the additions go straight into. The accumulators of fused loops ({@link Fusion}) have their
 * adjoints set before the loop, once and for all, and receive nothing.
 */
final class Propagation {
  private final Emitter emitter;
  private final Emission state;
  private final Names names;
  /**
   * Adjoints that are so far a literal (the seed 1.0 passed through a sum, say): reverse code writes the
   * literal, and declares the adjoint only if something else flows into it.
   */
  private final Map<SsaValue, Java.Expr> constantBars = new IdentityHashMap<>();
  /** The accumulators of fused loops: reverse code adds nothing into their adjoints. */
  private final Set<SsaValue> frozen = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Array parameters whose adjoint entries go straight into the caller's flat array (see {@link #direct}). */
  private final Map<SsaValue, Direct> direct = new IdentityHashMap<>();
  /** The direct matrices whose {@link Direct#rows} the reverse sweep has declared. */
  private final Set<SsaValue> rowStarts = Collections.newSetFromMap(new IdentityHashMap<>());
  /** The adjoint arrays the reverse sweep declares (see {@link UnreadStores}). */
  private final Set<String> adjointArrays = new TreeSet<>();

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

  /** The propagation of {@code emitter}'s reverse code, which it writes into the emitter's current block. */
  Propagation(Emitter emitter, Emission state, Names names) {
    this.emitter = emitter;
    this.state = state;
    this.names = names;
  }

  /** See {@link Emitter#direct}. */
  void direct(SsaValue param, Direct where) {
    direct.put(param.resolve(), where);
  }

  /** Whether {@code v}'s adjoint lives in the caller's flat array. */
  boolean isDirect(SsaValue v) {
    return direct.containsKey(v.resolve());
  }

  /** The names of the adjoint arrays the reverse sweep declares. */
  Set<String> adjointArrays() {
    return Collections.unmodifiableSet(adjointArrays);
  }

  /** The adjoint of a value, or null when nothing flowed into it. */
  Java.Expr adjoint(SsaValue v) {
    SsaValue r = v.resolve();
    Java.Expr constant = constantBars.get(r);
    return constant != null ? constant : state.of(r).bar == null ? null : JavaExprs.name(state.of(r).bar);
  }

  /** Has reverse code add nothing into the adjoint of {@code h}, a fused loop's accumulator, set before the loop. */
  void freeze(SsaValue h) {
    frozen.add(h);
  }

  /** Whether {@code v} is a fused loop's accumulator (see {@link #freeze}). */
  boolean frozen(SsaValue v) {
    return frozen.contains(v);
  }

  /** Names the adjoint of {@code r} and declares it (see {@link #declareAdjoint}), unless it has one. */
  void declare(SsaValue r) {
    if (state.of(r).bar == null) {
      state.of(r).bar = names.allocate(emitter.name(r) + "Bar", false);
      declareAdjoint(r);
    }
  }

  /** Sends {@code bar}, the adjoint of {@code node}, to the values it was computed from. */
  void propagate(Node node, Java.Expr bar, SsaValue self) {
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
                return emitter.forwardExpr(operands.get(index));
              }

              @Override
              public Java.Expr self() {
                return self != null ? value(new Node.Ref(self)) : emitter.forwardExpr(node);
              }

              @Override
              public String name(SsaValue record) {
                return emitter.name(record);
              }
            });
    if (partials.size() > 1 && !JavaExprs.isSimple(bar)) {
      String tmp =
          names.allocate(node instanceof Node.CallValue c ? emitter.name(c.record()) + "Bar" : "tBar", false);
      emitter.out().add(new Done(new Java.Declare(JType.of(Type.DOUBLE), tmp, bar)));
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
    List<ReverseCode.P> out = emitter.out();
    if (state.of(r).bar == null) {
      state.of(r).bar = names.allocate(emitter.name(r) + "Bar", false);
      if (r.scope == emitter.current()) {
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
    if (!emitter.current().within(r.scope)) {
      throw new IllegalStateException("adjoint of " + r + " used outside its scope");
    }
    Direct d = direct.get(r);
    if (d != null) {
      if (d.zeroFirst()) {
        Java.Expr self = JavaExprs.name(emitter.name(r));
        Java.Expr length = d.rows() == null
            ? new Java.FieldRead(null, self, "length")
            : new Java.Call(Emitter.ADJOINTS, null, "size", List.of(self));
        state.reverse(r.scope).add(new Done(new Java.Eval(
            new Java.Call(Emitter.ADJOINTS, null, "zero", List.of(JavaExprs.name(d.array()), d.base(), length)))));
      }
      return;
    }
    Java.Expr zero;
    if (r.type == Type.DOUBLE_ARRAY) {
      zero = new Java.NewArray(List.of(new Java.FieldRead(null, JavaExprs.name(emitter.name(r)), "length")), List.of());
      state.of(r).needed = true;
      adjointArrays.add(state.of(r).bar);
    } else if (r.type == Type.DOUBLE_MATRIX) {
      zero = new Java.Call(Emitter.ADJOINTS, null, "zerosLike", List.of(JavaExprs.name(emitter.name(r))));
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
    declare(array);
    Direct d = direct.get(array);
    Java.Expr entry = d != null
        ? new Java.ArrayRead(JavaExprs.name(d.array()), JavaExprs.add(directRow(array, d, indices), emitter.forwardExpr(indices.get(indices.size() - 1))))
        : emitter.element(JavaExprs.name(state.of(array).bar), indices);
    if (bar instanceof Java.Unary u && u.op().equals("-")) {
      emitter.out().add(new Adds(new Java.Assign(entry, "-=", u.operand())));
    } else {
      emitter.out().add(new Adds(new Java.Assign(entry, "+=", bar)));
    }
  }

  /** Where the row holding entry {@code indices} of direct array {@code array} starts in its flat array. */
  private Java.Expr directRow(SsaValue array, Direct d, List<Node> indices) {
    if (d.rows() == null) {
      return d.base();
    }
    if (rowStarts.add(array)) { // declared where the adjoint is, before its first entry is written
      Java.Expr starts = new Java.Call(Emitter.ADJOINTS, null, "rowStarts", List.of(JavaExprs.name(emitter.name(array)), d.base()));
      state.reverse(array.scope).add(new Done(new Java.Declare(new JType("int[]", null), d.rows(), starts)));
    }
    List<Java.Expr> args =
        List.of(JavaExprs.name(d.rows()), JavaExprs.name(emitter.name(array)), d.base(), emitter.forwardExpr(indices.get(0)));
    return new Java.Call(Emitter.ADJOINTS, null, ROW_START, args);
  }

  /** The method of {@link io.adjoint.internal.Adjoints} that gives a direct matrix's row start. */
  private static final String ROW_START = "rowStart";

  /** Whether {@code e} is a direct matrix's row start, {@code Adjoints.rowStart(rows, m, base, i)}. */
  static boolean rowStart(Java.Expr e) {
    return e instanceof Java.Call c && Emitter.ADJOINTS.equals(c.owner()) && c.method().equals(ROW_START);
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
    declare(array);
    Direct d = direct.get(array);
    Java.Call call = d != null
        ? new Java.Call(Emitter.ADJOINTS, null, "add", List.of(bar, partials, JavaExprs.name(d.array()), d.base()))
        : new Java.Call(Emitter.ADJOINTS, null, "addScaled", List.of(JavaExprs.name(state.of(array).bar), bar, partials));
    emitter.out().add(new Done(new Java.Eval(call)));
  }

  /** The value of an operand, read by a derivative rule. */
  private Java.Expr value(Node n) {
    Java.Expr e = emitter.forwardExpr(n);
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
}
