package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ssa.Node;
import io.adjoint.processor.ssa.SsaStatement;
import io.adjoint.processor.ssa.SsaValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Whether the reverses of a loop's iterations may run in any order, so that the reverse loop can run
 * upwards, the way memory is laid out, as a hand-written gradient does (GMM's triangle {@code Q·x}:
 * 7–9% at d ≥ 10). They may when each only adds into adjoints other iterations add into, or touches
 * adjoint entries no other iteration touches:
 *
 * <ul>
 *   <li>every differentiable variable the loop carries only accumulates ({@link Fusion#accumulator}):
 *       its adjoint is the same in every iteration;
 *   <li>every array the body both stores into ({@code =}, whose reverse reads and resets the entry's
 *       adjoint, or {@code +=}, whose reverse reads it) and reads (an entry, or whole) is stored into and
 *       read only at the loop's counter, an entry per iteration: the reverse of a read adds into the
 *       adjoint entry that the reverse of a store reads, so an iteration reading what another stored
 *       ({@code c[i] += c[i - 1]}) must have its reverse run first;
 *   <li>and, checked once reverse code is written ({@link ReverseCode#orient}), the reverse pops nothing
 *       from the tape, nested loops included, whose values must come off in the order they went on.
 * </ul>
 *
 * An int only inner loops advance ({@link LoopCounters#advance}) is then recovered from the value it
 * started with, iteration after iteration ({@link ReverseCode.Advanced}).
 *
 * <p>Additions into one adjoint then happen in another order than the iterations' last-first: the sum
 * rounds differently, not less accurately.
 */
final class ReverseOrder {
  private ReverseOrder() {}

  static boolean free(SsaStatement.Loop l) {
    SsaValue counter = null;
    for (SsaValue h : l.headers()) {
      SsaValue r = h.resolve();
      if (r.active() && !(r.type == Type.DOUBLE && Fusion.accumulator(l, r))) {
        return false;
      }
      if (counter == null && LoopCounters.counter(l, r) != null) {
        counter = r;
      }
    }
    List<Node.ArrayRead> reads = new ArrayList<>();
    List<SsaStatement.Store> stores = new ArrayList<>();
    collect(l.body(), stores, reads);
    Set<SsaValue> stored = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<SsaValue> overwritten = Collections.newSetFromMap(new IdentityHashMap<>());
    for (SsaStatement.Store st : stores) {
      stored.add(st.array().resolve());
      if (st.increment() == 0) {
        overwritten.add(st.array().resolve());
      }
    }
    // the arrays whose adjoint entries one iteration's reverse may write and another's read
    Set<SsaValue> constrained = Collections.newSetFromMap(new IdentityHashMap<>());
    constrained.addAll(overwritten);
    for (Node.ArrayRead read : reads) {
      SsaValue array = base(read);
      if (array != null && stored.contains(array)) {
        constrained.add(array);
      }
    }
    for (SsaStatement.Store st : stores) {
      if (constrained.contains(st.array().resolve()) && !atCounter(st.indices(), counter)) {
        return false;
      }
    }
    for (Node.ArrayRead read : reads) {
      if (constrained.contains(base(read))
          && !(read.array() instanceof Node.Ref && atCounter(List.of(read.index()), counter))) {
        return false;
      }
    }
    return true;
  }

  /** The array an entry read reads from, through its rows; null when it is not a variable's. */
  private static SsaValue base(Node.ArrayRead read) {
    Node n = read;
    while (n instanceof Node.ArrayRead a) {
      n = a.array();
    }
    return n instanceof Node.Ref r ? r.val().resolve() : null;
  }

  /** Whether an entry is at {@code [counter]}: one entry per iteration. */
  private static boolean atCounter(List<Node> indices, SsaValue counter) {
    return counter != null && indices.size() == 1 && indices.get(0) instanceof Node.Ref r
        && r.val().resolve() == counter;
  }

  /** The stores and the reads of array entries of {@code code}, nested blocks included. */
  private static void collect(List<SsaStatement> code, List<SsaStatement.Store> stores, List<Node.ArrayRead> reads) {
    SsaStatement.each(code, f -> {
      if (f instanceof SsaStatement.Store st) {
        stores.add(st);
      }
      SsaStatement.nodes(f).forEach(n -> reads(n, reads));
    });
  }

  /**
   * The entry reads in {@code n}; an array read whole (passed to a call) counts as a read at an index
   * that is not the counter.
   */
  private static void reads(Node n, List<Node.ArrayRead> out) {
    if (n instanceof Node.Length) {
      return; // reads no entry
    }
    if (n instanceof Node.ArrayRead a) {
      out.add(a);
      reads(a.index(), out);
      if (a.array() instanceof Node.ArrayRead row) {
        reads(row, out);
      }
      return;
    }
    if (n instanceof Node.Ref r && r.val().resolve().type.isArray()) {
      out.add(new Node.ArrayRead(r, WHOLE, Type.DOUBLE, false, false));
      return;
    }
    Node.children(n).forEach(c -> reads(c, out));
  }

  /** The index of an array read whole: not a counter. */
  private static final Node WHOLE = new Node.Literal(Type.INT, "-1");
}
