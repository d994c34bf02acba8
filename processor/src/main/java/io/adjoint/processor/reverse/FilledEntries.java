package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ssa.Node;
import io.adjoint.processor.ssa.SsaStatement;
import io.adjoint.processor.ssa.SsaValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Entries of arrays read after a loop that filled them, computed again in the reverse sweep from what
 * the loop stored, instead of kept on the tape. GMM fills {@code centered[id] = x[ix][id] − means[ik][id]}
 * for every id and then, in the triangle, reads {@code centered[i]}: the reverse sweep computes {@code
 * x[ix][i] − means[ik][i]} again. {@link Rereads} cannot read the entry again, because the next
 * component fills the array anew before the reverse of this one runs.
 *
 * <p>A fill is a loop {@code for (i = 0; i < n; i++)}, n the array's length, whose body sets {@code
 * a[i]}, outside any if and nowhere else, to a cheap expression: a few additions, subtractions and
 * multiplications of entries of arrays that never change, of values defined before the loop, and of
 * {@code i}. After it, up to the first statement of the same block that stores into the array or uses it
 * whole, an entry read at index e was stored as that expression with e for i. The read succeeded, so e
 * is one of the fill's indices and the expression could be computed there. A read that runs only when a
 * loop runs (the loop's preheader) needs e to be the counter of an enclosing loop over the array's
 * entries, since the reverse sweep computes the value regardless.
 */
final class FilledEntries {
  private FilledEntries() {}

  /** How many operations an expression the reverse sweep computes again may have. */
  private static final int BUDGET = 3;

  /** A fill: loop counter {@code counter} ranges over {@code array}'s entries, each set to {@code value}. */
  private record Fill(SsaValue array, SsaValue counter, Node value) {}

  /**
   * The values of {@code code}, at any depth, read from entries a fill set, each with the expression
   * that gives it again.
   *
   * @param definition the expression a value defined once was defined by, or null
   */
  static Map<SsaValue, Node> of(List<SsaStatement> code, Function<SsaValue, Node> definition) {
    Map<SsaValue, Node> out = new IdentityHashMap<>();
    block(code, definition, out);
    return out;
  }

  private static void block(List<SsaStatement> code, Function<SsaValue, Node> definition, Map<SsaValue, Node> out) {
    for (int k = 0; k < code.size(); k++) {
      SsaStatement f = code.get(k);
      if (f instanceof SsaStatement.Group g) {
        block(g.parts(), definition, out);
      } else if (f instanceof SsaStatement.If i) {
        block(i.then(), definition, out);
        block(i.otherwise(), definition, out);
      } else if (f instanceof SsaStatement.Loop l) {
        block(l.body(), definition, out);
        for (Fill fill : fills(l, definition)) {
          for (SsaStatement later : code.subList(k + 1, code.size())) {
            if (changes(later, fill.array())) {
              break;
            }
            reads(List.of(later), fill, Set.of(), false, definition, out);
          }
        }
      }
    }
  }

  /** The fills loop {@code l} makes: arrays it sets at its counter to a cheap expression, once. */
  private static List<Fill> fills(SsaStatement.Loop l, Function<SsaValue, Node> definition) {
    SsaValue counter = ScratchArrays.counterFromZero(l, definition);
    if (counter == null) {
      return List.of();
    }
    Map<SsaValue, Node> topLevel = new IdentityHashMap<>();
    Map<SsaValue, Integer> stores = new IdentityHashMap<>();
    SsaStatement.each(List.of(l), f -> {
      if (f instanceof SsaStatement.Store st) {
        stores.merge(st.array().resolve(), 1, Integer::sum);
      }
    });
    List<SsaStatement.Store> candidates = new ArrayList<>();
    for (SsaStatement f : l.body()) {
      if (f instanceof SsaStatement.Group g) {
        for (SsaStatement part : g.parts()) {
          if (part instanceof SsaStatement.Def d && !d.target().multi() && d.target().resolve() == d.target()) {
            topLevel.put(d.target(), d.expr());
          } else if (part instanceof SsaStatement.Store st && st.increment() == 0 && st.indices().size() == 1
              && st.indices().get(0) instanceof Node.Ref index && index.val().resolve() == counter) {
            candidates.add(st);
          }
        }
      }
    }
    List<Fill> out = new ArrayList<>();
    for (SsaStatement.Store st : candidates) {
      SsaValue array = st.array().resolve();
      if (array.type != Type.DOUBLE_ARRAY || array.multi() || stores.get(array) != 1
          || !ScratchArrays.countsOver(l, array, definition)) {
        continue;
      }
      Node value = inline(st.value(), topLevel, 0);
      if (value != null && cheap(value, counter, l)) {
        out.add(new Fill(array, counter, value));
      }
    }
    return out;
  }

  /**
   * {@code n} with the values the loop's body defines at its top level replaced by their definitions;
   * null past {@code depth} definitions followed one into another, or for a node {@link
   * Node#replaceRefs} does not take apart.
   */
  private static Node inline(Node n, Map<SsaValue, Node> topLevel, int depth) {
    return Node.replaceRefs(n, r -> {
      Node definition = topLevel.get(r.val().resolve());
      return definition == null ? r : depth >= 8 ? null : inline(definition, topLevel, depth + 1);
    });
  }

  /**
   * Whether the reverse sweep can compute {@code n} again, for another value of {@code counter}, at a
   * cost below keeping it ({@link Node#cheapDouble}): of the counter, and of values defined before loop
   * {@code l} (ints, or doubles no loop carries).
   */
  private static boolean cheap(Node n, SsaValue counter, SsaStatement.Loop l) {
    return Node.cheapDouble(n, BUDGET, r -> {
      SsaValue v = r.resolve();
      boolean definedInLoop = v.scope.within(l.scope()) || l.headers().contains(v);
      return v == counter || (!definedInLoop && (!v.multi() || v.type == Type.INT || v.type == Type.LONG));
    });
  }

  /**
   * Whether statement {@code f} may change entries of {@code array}: it stores into it, or uses it whole
   * (copies it, passes it to a call), which the forwarding does not follow.
   */
  private static boolean changes(SsaStatement f, SsaValue array) {
    boolean[] found = {false};
    SsaStatement.each(List.of(f), s -> {
      if (s instanceof SsaStatement.Store st && st.array().resolve() == array) {
        found[0] = true;
      }
      for (Node n : SsaStatement.nodes(s)) {
        found[0] |= usesWhole(n, array);
      }
    });
    return found[0];
  }

  private static boolean usesWhole(Node n, SsaValue array) {
    if (n instanceof Node.Ref r) {
      return r.val().resolve() == array;
    }
    if (n instanceof Node.ArrayRead a && a.array() instanceof Node.Ref r && r.val().resolve() == array) {
      return usesWhole(a.index(), array);
    }
    if (n instanceof Node.Length len && len.array() instanceof Node.Ref) {
      return false;
    }
    return Node.children(n).stream().anyMatch(c -> usesWhole(c, array));
  }

  /**
   * Records the values of {@code code} read from an entry of the fill's array, with the fill's value at
   * the read's index. {@code overEntries} are counters of enclosing loops that range over the array's
   * entries; {@code preheader} whether {@code code} runs only when a loop runs.
   */
  private static void reads(
      List<SsaStatement> code,
      Fill fill,
      Set<SsaValue> overEntries,
      boolean preheader,
      Function<SsaValue, Node> definition,
      Map<SsaValue, Node> out) {
    for (SsaStatement f : code) {
      if (f instanceof SsaStatement.Group g) {
        reads(g.parts(), fill, overEntries, preheader, definition, out);
      } else if (f instanceof SsaStatement.If i) {
        reads(i.then(), fill, overEntries, preheader, definition, out);
        reads(i.otherwise(), fill, overEntries, preheader, definition, out);
      } else if (f instanceof SsaStatement.Loop l) {
        Set<SsaValue> inner = overEntries;
        SsaValue counter = ScratchArrays.counterFromZero(l, definition);
        if (counter != null && ScratchArrays.countsOver(l, fill.array(), definition)) {
          inner = new HashSet<>(overEntries);
          inner.add(counter);
        }
        reads(l.preheader(), fill, overEntries, true, definition, out);
        reads(l.body(), fill, inner, preheader, definition, out);
      } else if (f instanceof SsaStatement.Def d && d.expr() instanceof Node.ArrayRead a
          && a.array() instanceof Node.Ref r && r.val().resolve() == fill.array()
          && d.target().type == Type.DOUBLE && d.target().resolve() == d.target() && !d.target().multi()
          && Node.cheapInt(a.index())
          && (!preheader || a.index() instanceof Node.Ref index && overEntries.contains(index.val().resolve()))) {
        out.putIfAbsent(d.target(), Node.replaceRefs(fill.value(), ref -> ref.val().resolve() == fill.counter() ? a.index() : ref));
      }
    }
  }
}
