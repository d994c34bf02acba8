package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ssa.Node;
import io.adjoint.processor.ssa.SsaStatement;
import io.adjoint.processor.ssa.SsaValue;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entries of arrays that a loop reads and the reverse sweep reads again, instead of keeping them on the
 * tape: those of arrays nothing stores into between the read and the reverse of the loop. A local array
 * filled before a loop and only read in it (a layer's outputs read by the next layer, {@code centered}
 * read by a norm), is unchanged when the loop's reverse runs: reading the entry again costs a load where
 * the tape costs a store and a load.
 *
 * <p>The loop's reverse runs after everything its path does after it (for a loop at the top of a path),
 * or after the rest of the iteration (for a loop in the body of a fused loop, see {@link Fusion}); and
 * an enclosing loop runs the loop again. So the array must not be stored into anywhere in the statement
 * holding the loop (at the top of the path or of the fused body) or after it.
 */
final class Rereads {
  private Rereads() {}

  /**
   * The values of loops in {@code code} read from arrays that do not change before the loops' reverse,
   * each with its read: for each loop or if of {@code code}, what {@link #of} finds with the rest of
   * {@code code} after it.
   *
   * @param code a block whose statements' reverse runs after all of it: a path, or a fused loop's body
   */
  static Map<SsaValue, Node> inBlock(List<SsaStatement> code) {
    Map<SsaValue, Node> out = new IdentityHashMap<>();
    for (int k = 0; k < code.size(); k++) {
      if (code.get(k) instanceof SsaStatement.Loop || code.get(k) instanceof SsaStatement.If) {
        out.putAll(of(code.subList(k, code.size())));
      }
    }
    return out;
  }

  /**
   * The values of loops inside {@code code[0]} defined by reading an entry of an array stored into
   * nowhere in {@code code}, each with its read.
   *
   * @param code a statement and what runs after it before its loops' reverse
   */
  private static Map<SsaValue, Node> of(List<SsaStatement> code) {
    Map<SsaValue, Node> out = new IdentityHashMap<>();
    Set<SsaValue> raw = new LinkedHashSet<>();
    SsaStatement.stored(code, raw);
    Set<SsaValue> stored = Collections.newSetFromMap(new IdentityHashMap<>());
    raw.forEach(a -> stored.add(a.resolve()));
    collect(List.of(code.get(0)), stored, false, out);
    return out;
  }

  private static void collect(List<SsaStatement> code, Set<SsaValue> stored, boolean inLoop, Map<SsaValue, Node> out) {
    for (SsaStatement f : code) {
      if (f instanceof SsaStatement.Group g) {
        collect(g.parts(), stored, inLoop, out);
      } else if (f instanceof SsaStatement.If i) {
        collect(i.then(), stored, inLoop, out);
        collect(i.otherwise(), stored, inLoop, out);
      } else if (f instanceof SsaStatement.Loop l) {
        // not the preheader: it reads only if the loop runs, where the reverse would read regardless
        collect(l.body(), stored, true, out);
      } else if (f instanceof SsaStatement.Def d && inLoop && d.target().type == Type.DOUBLE
          && d.target().resolve() == d.target() && !d.target().multi() && unchanged(d.expr(), stored)) {
        // not a branch's value of a variable an if merges: the other branch gives it otherwise
        out.put(d.target(), d.expr());
      }
    }
  }

  /** Whether {@code n} reads an entry of an array stored into nowhere in the region, at plain int indices. */
  private static boolean unchanged(Node n, Set<SsaValue> stored) {
    if (!(n instanceof Node.ArrayRead read)) {
      return false;
    }
    Node base = read;
    while (base instanceof Node.ArrayRead a) {
      if (!Node.cheapInt(a.index())) {
        return false;
      }
      base = a.array();
    }
    return base instanceof Node.Ref r && !r.val().resolve().multi() && !stored.contains(r.val().resolve());
  }
}
