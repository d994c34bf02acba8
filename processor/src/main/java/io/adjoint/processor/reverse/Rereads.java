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
   * The values of loops inside {@code code[0]} defined by reading an entry of an array stored into
   * nowhere in {@code code}, each with its read.
   *
   * @param code a statement and what runs after it before its loops' reverse
   */
  static Map<SsaValue, Node> of(List<SsaStatement> code) {
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
      if (!plainInt(a.index())) {
        return false;
      }
      base = a.array();
    }
    return base instanceof Node.Ref r && !r.val().resolve().multi() && !stored.contains(r.val().resolve());
  }

  /** Literals and int values under int arithmetic: what the reverse sweep can compute again. */
  private static boolean plainInt(Node n) {
    if (n.type() != Type.INT) {
      return false;
    }
    if (n instanceof Node.Literal || n instanceof Node.Ref || n instanceof Node.Length) {
      return true;
    }
    return n instanceof Node.Binary b && b.op().isArithmetic() && plainInt(b.left()) && plainInt(b.right());
  }
}
