package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.ssa.Node;
import io.adjoint.processor.ssa.SsaStatement;
import io.adjoint.processor.ssa.SsaValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether the arrays a loop stores into are scratch space for its iterations: each iteration writes an
 * entry before it reads it, so no iteration reads what another wrote. GMM's {@code centered[d]} is
 * one: every iteration over the points first fills it, in a loop over all its entries, and then reads
 * it.
 *
 * <p>Then the reverse of an iteration reads no adjoint entry the reverse of another iteration wrote:
 * the reverse of the write that fills an entry moves the entry's adjoint on and sets it to zero, and by
 * then the reverse of every read of the entry in that iteration has added into it. So the iteration's
 * reverse can run right after it (see {@link Fusion}), the array's adjoint back to zero at its end.
 *
 * <p>An array a loop defines in its body is new in each iteration. One defined before it counts as
 * filled after a loop {@code for (i = 0; i < n; i++)} (n its length) whose body, outside any if, sets
 * {@code a[i]}; an entry counts as written once the same iteration of the innermost loop has set it,
 * at the same index. Any other read of an array the loop stores into, before it is filled, is a read
 * of another iteration's values.
 */
final class ScratchArrays {
  private ScratchArrays() {}

  /**
   * Whether every array {@code l} stores into is scratch for its iterations: an array of its own body's,
   * or one of doubles, made before the loop by {@code new double[n]}, that each iteration fills before
   * it reads it.
   *
   * @param definition the expression an array value was defined by, or null (a parameter)
   */
  static boolean scratch(SsaStatement.Loop l, Function<SsaValue, Node> definition) {
    Set<SsaValue> stored = new LinkedHashSet<>();
    SsaStatement.stored(l.body(), stored);
    Map<SsaValue, Node> lengths = new IdentityHashMap<>();
    for (SsaValue a : stored) {
      SsaValue r = a.resolve();
      if (r.scope.within(l.scope())) {
        continue; // new in each iteration
      }
      Node length = madeWith(r, definition);
      if (r.type != Type.DOUBLE_ARRAY || r.multi() || length == null) {
        return false;
      }
      lengths.put(r, length);
    }
    if (lengths.isEmpty()) {
      return true;
    }
    Walk walk = new Walk(lengths, definition);
    return walk.code(l.preheader(), new Frame(Collections.newSetFromMap(new IdentityHashMap<>())))
        && walk.code(l.body(), new Frame(Collections.newSetFromMap(new IdentityHashMap<>())));
  }

  /** The expression each value of {@code code} defined once is defined by, at any depth. */
  static Map<SsaValue, Node> definitions(List<SsaStatement> code) {
    Map<SsaValue, Node> out = new IdentityHashMap<>();
    SsaStatement.each(code, f -> {
      if (f instanceof SsaStatement.Def d) {
        out.merge(d.target().resolve(), d.expr(), (a, b) -> TWICE);
      }
    });
    out.values().removeIf(n -> n == TWICE);
    return out;
  }

  /** Stands for the definition of a value defined more than once (in the branches of an if). */
  private static final Node TWICE = new Node.Literal(Type.INT, "0");

  /** What an iteration has written so far: the arrays it has filled, and entries written at an index. */
  private record Frame(Set<SsaValue> filled, Map<SsaValue, List<SsaValue>> entries) {
    Frame(Set<SsaValue> filled) {
      this(filled, new IdentityHashMap<>());
    }

    Frame copy() {
      Set<SsaValue> f = Collections.newSetFromMap(new IdentityHashMap<>());
      f.addAll(filled);
      Map<SsaValue, List<SsaValue>> e = new IdentityHashMap<>();
      entries.forEach((k, v) -> e.put(k, new ArrayList<>(v)));
      return new Frame(f, e);
    }
  }

  private static final class Walk {
    /** The arrays made before the loop that it stores into, with their lengths. */
    private final Map<SsaValue, Node> lengths;
    private final Function<SsaValue, Node> definition;

    Walk(Map<SsaValue, Node> lengths, Function<SsaValue, Node> definition) {
      this.lengths = lengths;
      this.definition = definition;
    }

    /** Whether {@code code}, run in the state {@code frame} (which it updates), reads only what it wrote. */
    boolean code(List<SsaStatement> code, Frame frame) {
      for (SsaStatement f : code) {
        if (f instanceof SsaStatement.Group g) {
          if (!code(g.parts(), frame)) {
            return false;
          }
        } else if (f instanceof SsaStatement.Def d) {
          if (!reads(d.expr(), frame)) {
            return false;
          }
        } else if (f instanceof SsaStatement.Call c) {
          if (!c.args().stream().allMatch(a -> reads(a, frame))) {
            return false;
          }
        } else if (f instanceof SsaStatement.Store st) {
          if (!reads(st.value(), frame) || !st.indices().stream().allMatch(i -> reads(i, frame))) {
            return false;
          }
          SsaValue array = st.array().resolve();
          if (lengths.containsKey(array)) {
            SsaValue index = st.indices().get(0) instanceof Node.Ref r ? r.val().resolve() : null;
            if (st.increment() != 0 && !frame.filled().contains(array)
                && (index == null || !frame.entries().getOrDefault(array, List.of()).contains(index))) {
              return false; // a += reads the entry
            }
            if (st.increment() == 0 && index != null) {
              frame.entries().computeIfAbsent(array, k -> new ArrayList<>()).add(index);
            }
          }
        } else if (f instanceof SsaStatement.If i) {
          if (!reads(i.condition(), frame)) {
            return false;
          }
          Frame then = frame.copy();
          Frame otherwise = frame.copy();
          if (!code(i.then(), then) || !code(i.otherwise(), otherwise)) {
            return false;
          }
          // filled after the if: what both branches filled
          then.filled().retainAll(otherwise.filled());
          frame.filled().addAll(then.filled());
        } else if (f instanceof SsaStatement.Loop inner) {
          if (!loop(inner, frame)) {
            return false;
          }
        } else {
          return false;
        }
      }
      return true;
    }

    private boolean loop(SsaStatement.Loop inner, Frame frame) {
      if (!inner.inits().stream().allMatch(i -> reads(i, frame)) || !code(inner.preheader(), frame)) {
        return false;
      }
      // an iteration starts knowing what was filled before the loop, but no entry written at an index
      Frame body = new Frame(Collections.newSetFromMap(new IdentityHashMap<>()));
      body.filled().addAll(frame.filled());
      if (!reads(inner.condition(), body) || !code(inner.body(), body) || !code(inner.copyBacks(), body)) {
        return false;
      }
      frame.filled().addAll(fills(inner));
      return true;
    }

    /** The arrays loop {@code l} fills (see {@link #countsOver}) by setting {@code a[i]} outside any if. */
    private Set<SsaValue> fills(SsaStatement.Loop l) {
      Set<SsaValue> out = Collections.newSetFromMap(new IdentityHashMap<>());
      SsaValue h = counterFromZero(l, definition);
      if (h == null) {
        return out;
      }
      for (SsaStatement f : l.body()) {
        if (f instanceof SsaStatement.Group g) {
          for (SsaStatement part : g.parts()) {
            if (part instanceof SsaStatement.Store st && st.increment() == 0
                && lengths.containsKey(st.array().resolve())
                && st.indices().get(0) instanceof Node.Ref index && index.val().resolve() == h
                && countsOver(l, st.array().resolve(), definition)) {
              out.add(st.array().resolve());
            }
          }
        }
      }
      return out;
    }

    /**
     * Whether {@code n} reads only entries of the arrays made before the loop that the iteration has
     * written: each such array filled, or read at an index the innermost loop's iteration has written.
     */
    private boolean reads(Node n, Frame frame) {
      if (n instanceof Node.Ref r) {
        SsaValue v = r.val().resolve();
        return !lengths.containsKey(v) || frame.filled().contains(v); // the whole array, or an alias of it
      }
      if (n instanceof Node.Length) {
        return true;
      }
      if (n instanceof Node.ArrayRead a && a.array() instanceof Node.Ref r && lengths.containsKey(r.val().resolve())) {
        SsaValue array = r.val().resolve();
        if (!reads(a.index(), frame)) {
          return false;
        }
        return frame.filled().contains(array)
            || (a.index() instanceof Node.Ref index
                && frame.entries().getOrDefault(array, List.of()).contains(index.val().resolve()));
      }
      return Node.children(n).stream().allMatch(child -> reads(child, frame));
    }
  }

  /**
   * The counter of loop {@code l} when it is {@code for (i = 0; i < n; i++)}, counting up from zero by
   * one and tested before each iteration; else null.
   */
  static SsaValue counterFromZero(SsaStatement.Loop l, Function<SsaValue, Node> definition) {
    if (l.testAfter() || !(l.condition() instanceof Node.Binary c) || c.op() != BinaryOp.LT
        || !(c.left() instanceof Node.Ref counter)) {
      return null;
    }
    SsaValue h = counter.val().resolve();
    int i = l.headers().indexOf(h);
    boolean fromZero = i >= 0 && original(l.inits().get(i), definition) instanceof Node.Literal init
        && JavaExprs.isZero(JavaExprs.lit(init.text()));
    io.adjoint.processor.ir.Java.Expr step = fromZero ? LoopCounters.counter(l, h) : null;
    return step != null && JavaExprs.isOne(step) ? h : null;
  }

  /**
   * Whether loop {@code l}, {@code for (i = 0; i < n; i++)} (see {@link #counterFromZero}), counts over
   * every entry of {@code array}: n is its {@code length}, or what it was made with ({@link #madeWith}).
   */
  static boolean countsOver(SsaStatement.Loop l, SsaValue array, Function<SsaValue, Node> definition) {
    Node bound = ((Node.Binary) l.condition()).right();
    if (bound instanceof Node.Length len && len.array() instanceof Node.Ref r && r.val().resolve() == array) {
      return true;
    }
    Node length = madeWith(array, definition);
    return length != null && same(bound, length, definition);
  }

  /** The length {@code array} was made with by {@code new double[n]}, or null when it was made otherwise. */
  static Node madeWith(SsaValue array, Function<SsaValue, Node> definition) {
    return definition.apply(array) instanceof Node.NewArray n && n.dimensions().size() == 1 && n.elements().isEmpty()
        ? n.dimensions().get(0)
        : null;
  }

  /** Whether two int expressions of values that do not change are the same. */
  private static boolean same(Node a, Node b, Function<SsaValue, Node> definition) {
    a = original(a, definition);
    b = original(b, definition);
    if (a instanceof Node.Ref x && b instanceof Node.Ref y) {
      return x.val().resolve() == y.val().resolve() && !x.val().resolve().multi();
    }
    if (a instanceof Node.Length x && b instanceof Node.Length y) {
      return same(x.array(), y.array(), definition);
    }
    return a instanceof Node.Literal x && b instanceof Node.Literal y && x.text().equals(y.text());
  }

  /** What a copy of a value ({@code n = m}) copies, followed to the value first defined. */
  private static Node original(Node n, Function<SsaValue, Node> definition) {
    for (int depth = 0; depth < 16 && n instanceof Node.Ref r && !r.val().resolve().multi(); depth++) {
      SsaValue v = r.val().resolve();
      if (v.literal() != null) {
        return new Node.Literal(v.type, v.literal());
      }
      Node defined = definition.apply(v);
      if (!(defined instanceof Node.Ref) && !(defined instanceof Node.Literal)) {
        return n;
      }
      n = defined;
    }
    return n;
  }
}
