package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.ssa.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two reverse loops over the same positions, one right after the other, run as one loop; and an adjoint
 * array entry that one iteration adds into and then reads and resets kept in a local instead. GMM's
 * gradient reverses, for each component, the triangle's columns and then the fill of {@code centered};
 * each column adds into {@code centeredBar[i]}, which the fill's reverse reads and resets at the same
 * position. As one loop, as a careful hand-written gradient has it:
 *
 * <pre>
 * for (int k6 = 1; k6 &lt;= count5; k6++) {
 *   double centeredBarEntry = 0.0;
 *   ... the column's reverse, ending with centeredBarEntry += t4Bar;
 *   // adjoint of line 67, fused with the loop above: for (int id = 0; id &lt; d; id++)
 *   ... the fill's reverse, reading centeredBarEntry
 * }
 * </pre>
 *
 * <p>Both loops are {@code for (int k = 1; k <= count; k++)} loops (the reverse of a loop whose
 * iterations may run in any order), with the same count, separated by nothing but comments and
 * declarations the first loop does not change. Run as one, iteration {@code b} of the second loop comes
 * before iterations {@code a > b} of the first; that is safe where no such pair touches the same thing:
 *
 * <ul>
 *   <li>no local declared outside the loops is assigned in one and read or assigned in the other;
 *   <li>neither calls anything but {@code Math} and {@code Adjoints.rowStart}, returns, or evaluates a
 *       statement for its effect (the tape's pushes and pops); a loop reading the tape's array at a top it
 *       moves assigns that top, which the rule above catches;
 *   <li>every array either writes is an adjoint array no other name reaches ({@link
 *       UnreadStores#freshArrays}) or the form's flat array. In the flat array, the two loops'
 *       entries lie in different parts (each index names one parameter's position, or none: the
 *       parts at literal positions, before the first array's, taken as one; a double after an array
 *       shares its name). An adjoint array both loops touch is touched by one of them only at its
 *       position {@code p = k - 1}, and by the other only at {@code p} or after it when that one is
 *       the first loop ({@code qCenteredBar[j1]} with {@code j1 = i1 + k7}, {@code k7 >= 1}), at
 *       {@code p} or before it when it is the second: the indices are linear in the loops'
 *       counters, whose bounds prove it ({@link LoopBody}).
 * </ul>
 *
 * Then, in any such loop (fused or not), an adjoint array no other name reaches, of which every mention
 * but its declaration is in the loop's body at its position {@code p}: added into, then read once at the
 * top level of the body, then reset to zero there, is zero whenever an iteration starts; its entry
 * lives in a local of the iteration, and the array goes. What both halves of a fused loop compute
 * again at the same position is computed once ({@link SharedValues}). A pass over the settled Java model, after
 * {@link FirstStores} and before {@link RefilledAdjoints} and {@link RowStarts}, for every form.
 */
final class SiblingLoops {
  /** The comment that introduces the second loop's reverse, inside the fused loop. */
  static final String FUSED = ", fused with the loop above:";

  private final Set<String> fresh;
  /** The form's flat array ({@code partials}, {@code adjoints}), or null. */
  private final String flat;
  /** The names the parameters' positions in the flat array are written with ({@code meansAt}). */
  private final Set<String> positionNames = new HashSet<>();
  private final Names names;

  private SiblingLoops(Set<String> fresh, String flat, Collection<Java.Expr> positions, Names names) {
    this.fresh = fresh;
    this.flat = flat;
    this.names = names;
    positions.forEach(position -> UnreadStores.names(position, positionNames));
  }

  /**
   * {@code body} with adjacent reverse loops over the same positions fused where that is safe, and
   * adjoint entries handed from one part of an iteration to another kept in locals; {@code flat}, the
   * form's flat array (or null) and {@code positions}, its parameters' positions in it.
   */
  static List<Java.Stmt> fuse(
      List<Java.Stmt> body, Set<String> adjointArrays, String flat, Collection<Java.Expr> positions, Names names) {
    Set<String> fresh = new TreeSet<>(UnreadStores.freshArrays(body, adjointArrays)); // in order: names are allocated
    SiblingLoops pass = new SiblingLoops(fresh, flat, positions, names);
    List<Java.Stmt> fused = pass.block(body);
    return pass.forward(fused);
  }

  // ---- fusion

  private List<Java.Stmt> block(List<Java.Stmt> in) {
    List<Java.Stmt> out = new ArrayList<>();
    for (Java.Stmt s : in) {
      out.add(Java.mapBlocks(s, this::block));
    }
    for (int i = 0; i < out.size(); i++) {
      while (out.get(i) instanceof Java.CountDown first && first.upward()) {
        int j = i + 1;
        while (j < out.size() && (out.get(j) instanceof Java.Comment || movable(out.get(j), first))) {
          j++;
        }
        if (j >= out.size() || !(out.get(j) instanceof Java.CountDown second) || !second.upward()
            || !sameCount(out, i, j) || new LoopBody(second).declared.contains(first.counter()) // (its name taken)
            || !independent(first, renamed(second, first.counter()))) {
          break;
        }
        i = fuse(out, i, j);
      }
    }
    return out;
  }

  /**
   * Replaces {@code out[i..j]} by the fused loop, the declarations between the two loops moved before
   * the first (and its introducing comments) unless the fused loop made them unread; the index of the
   * fused loop.
   */
  private int fuse(List<Java.Stmt> out, int i, int j) {
    Java.CountDown first = (Java.CountDown) out.get(i);
    Java.CountDown second = renamed((Java.CountDown) out.get(j), first.counter());
    List<Java.Stmt> body = new ArrayList<>(first.body());
    List<Java.Stmt> moved = new ArrayList<>();
    for (Java.Stmt s : out.subList(i + 1, j)) {
      if (s instanceof Java.Comment c) {
        body.add(new Java.Comment(c.text().replaceFirst("^(adjoint of line \\d+):", "$1" + FUSED)));
      } else {
        moved.add(s);
      }
    }
    body.addAll(second.body());
    Java.CountDown fused = new Java.CountDown(first.counter(), first.from(), SharedValues.share(body, fresh, flat), true);
    List<Java.Stmt> rest = out.subList(j + 1, out.size());
    for (int k = moved.size() - 1; k >= 0; k--) { // kept where the loop, what follows or a kept one reads it
      List<Java.Stmt> after = new ArrayList<>(moved.subList(k + 1, moved.size()));
      after.addAll(rest);
      if (!mentioned(((Java.Declare) moved.get(k)).name(), fused, after)) {
        moved.remove(k);
      }
    }
    out.subList(i, j + 1).clear();
    int at = i;
    while (at > 0 && out.get(at - 1) instanceof Java.Comment) {
      at--;
    }
    out.addAll(at, moved);
    out.add(i + moved.size(), fused);
    return i + moved.size();
  }

  private static boolean mentioned(String name, Java.Stmt fused, List<Java.Stmt> rest) {
    Set<String> mentions = new HashSet<>();
    UnreadStores.named(fused, mentions);
    rest.forEach(s -> UnreadStores.named(s, mentions));
    return mentions.contains(name);
  }

  /** An int declared between the loops from what {@code first} does not change: it may move before it. */
  private static boolean movable(Java.Stmt s, Java.CountDown first) {
    if (!(s instanceof Java.Declare d) || !Java.JType.of(Type.INT).equals(d.type()) || d.init() == null
        || !LoopBody.pure(d.init())) {
      return false;
    }
    Set<String> changed = new HashSet<>();
    RowStarts.assigned(first, changed);
    Set<String> read = new HashSet<>();
    UnreadStores.names(d.init(), read);
    return !changed.contains(d.name()) && read.stream().noneMatch(changed::contains);
  }

  /** Whether the loops at {@code i} and {@code j} of {@code block} count to the same value. */
  static boolean sameCount(List<Java.Stmt> block, int i, int j) {
    Java.CountDown first = (Java.CountDown) block.get(i);
    Java.CountDown second = (Java.CountDown) block.get(j);
    int[] from = {i};
    Java.Expr one = value(first.from(), block, i, from);
    Java.Expr two = value(second.from(), block, j, from);
    if (!one.equals(two) || !LoopBody.pure(one)) {
      return false;
    }
    Set<String> read = new HashSet<>();
    UnreadStores.names(one, read);
    Set<String> changed = new HashSet<>();
    for (Java.Stmt s : block.subList(from[0], j + 1)) { // the second loop too, which tests its bound again
      if (!(s instanceof Java.Declare)) {
        RowStarts.assigned(s, changed);
      }
    }
    return read.stream().noneMatch(changed::contains);
  }

  /** What the loop at {@code block[at]} counts to: {@link #value} of its bound. */
  static Java.Expr count(List<Java.Stmt> block, int at) {
    return value(((Java.CountDown) block.get(at)).from(), block, at, new int[] {at});
  }

  /**
   * What a loop's count {@code e} at {@code block[at]} is: the initialiser of the int it names, when
   * that is declared earlier in the block and never assigned in it; {@code from[0]} is lowered to where
   * that declaration is.
   */
  private static Java.Expr value(Java.Expr e, List<Java.Stmt> block, int at, int[] from) {
    if (!(e instanceof Java.Name n)) {
      return e;
    }
    Set<String> changed = new HashSet<>();
    block.forEach(s -> {
      if (!(s instanceof Java.Declare)) {
        RowStarts.assigned(s, changed);
      }
    });
    for (int k = at - 1; k >= 0; k--) {
      if (block.get(k) instanceof Java.Declare d && d.name().equals(n.name()) && d.init() != null
          && !changed.contains(n.name())) {
        from[0] = Math.min(from[0], k);
        return d.init();
      }
    }
    return e;
  }

  /** {@code loop} with its counter named {@code counter}. */
  private static Java.CountDown renamed(Java.CountDown loop, String counter) {
    Java.Name was = new Java.Name(loop.counter());
    Java.Name now = new Java.Name(counter);
    List<Java.Stmt> body = loop.body().stream().map(s -> Java.mapExpressions(s, e -> rename(e, was, now))).toList();
    return new Java.CountDown(counter, loop.from(), body, loop.upward());
  }

  private static Java.Expr rename(Java.Expr e, Java.Name was, Java.Name now) {
    return e.equals(was) ? now : Java.mapOperands(e, part -> rename(part, was, now));
  }

  /** Whether running {@code second}'s iteration {@code b} before {@code first}'s iterations after it is safe. */
  private boolean independent(Java.CountDown first, Java.CountDown second) {
    LoopBody one = new LoopBody(first);
    LoopBody two = new LoopBody(second);
    if (one.opaque || two.opaque
        || one.declared.stream().anyMatch(n -> !n.equals(one.counter) && two.declared.contains(n))) {
      return false;
    }
    if (one.assigned.stream().anyMatch(n -> two.read.contains(n) || two.assigned.contains(n))
        || two.assigned.stream().anyMatch(one.read::contains)) {
      return false;
    }
    Set<String> written = new HashSet<>();
    for (LoopBody.Access a : one.accesses) {
      if (a.write()) {
        written.add(a.base());
      }
    }
    for (LoopBody.Access a : two.accesses) {
      if (a.write()) {
        written.add(a.base());
      }
    }
    for (String array : written) {
      boolean isFlat = array.equals(flat);
      if (!isFlat && !fresh.contains(array)) {
        return false;
      }
      List<LoopBody.Access> inOne = one.of(array);
      List<LoopBody.Access> inTwo = two.of(array);
      if (inOne.isEmpty() || inTwo.isEmpty()) {
        continue;
      }
      if (isFlat ? !differentParts(inOne, inTwo) : !ordered(one, inOne, two, inTwo)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether every entry of the flat array each body touches lies in a part the other does not touch: the
   * part of the one position name its index has, or, with none, the parts at literal positions (the first
   * parameter's, a double's), taken as one.
   */
  private boolean differentParts(List<LoopBody.Access> one, List<LoopBody.Access> two) {
    Set<String> partsOne = new HashSet<>();
    Set<String> partsTwo = new HashSet<>();
    return parts(one, partsOne) && parts(two, partsTwo) && partsOne.stream().noneMatch(partsTwo::contains);
  }

  private boolean parts(List<LoopBody.Access> accesses, Set<String> out) {
    for (LoopBody.Access a : accesses) {
      Set<String> named = new HashSet<>();
      UnreadStores.names(a.index(), named);
      named.retainAll(positionNames);
      if (!a.rows().isEmpty() || named.size() > 1) {
        return false;
      }
      out.add(named.isEmpty() ? "" : named.iterator().next()); // "": the parts at literal positions, as one
    }
    return true;
  }

  /**
   * Whether an adjoint array's entries are touched in an order fusion keeps: the same row in every
   * access, and one body touching only its position while the other touches only its position or those
   * after it (the first body) or before it (the second).
   */
  private static boolean ordered(LoopBody one, List<LoopBody.Access> inOne, LoopBody two, List<LoopBody.Access> inTwo) {
    List<Java.Expr> rows = inOne.get(0).rows();
    for (List<LoopBody.Access> accesses : List.of(inOne, inTwo)) {
      for (LoopBody.Access a : accesses) {
        if (!a.rows().equals(rows)) {
          return false;
        }
      }
    }
    Set<String> rowNames = new HashSet<>();
    rows.forEach(r -> UnreadStores.names(r, rowNames));
    for (LoopBody b : List.of(one, two)) {
      if (rowNames.stream().anyMatch(n -> b.declared.contains(n) || b.assigned.contains(n))) {
        return false;
      }
    }
    return two.all(inTwo, 0) && one.all(inOne, 1) // the second at the position, the first at or after it
        || one.all(inOne, 0) && two.all(inTwo, -1); // the first at the position, the second at or before it
  }

  // ---- adjoint entries kept in locals

  /** {@code body} with each adjoint entry an iteration adds into, reads and resets kept in a local. */
  private List<Java.Stmt> forward(List<Java.Stmt> body) {
    Map<String, Integer> mentions = LoopBody.mentions(body);
    Set<String> gone = new HashSet<>();
    List<Java.Stmt> out = forwardIn(body, mentions, gone);
    return gone.isEmpty() ? out : withoutDeclarations(out, gone);
  }

  private List<Java.Stmt> forwardIn(List<Java.Stmt> block, Map<String, Integer> mentions, Set<String> gone) {
    List<Java.Stmt> out = new ArrayList<>();
    for (Java.Stmt s : block) {
      s = Java.mapBlocks(s, b -> forwardIn(b, mentions, gone));
      if (s instanceof Java.CountDown loop && loop.upward()) {
        Map<String, Integer> inLoop = LoopBody.mentions(loop.body());
        for (String array : fresh) {
          if (!gone.contains(array) && inLoop.containsKey(array)
              && inLoop.get(array) + 1 == mentions.getOrDefault(array, 0)) {
            Java.CountDown kept = kept(loop, new LoopBody(loop), array);
            if (kept != null) {
              loop = kept;
              gone.add(array);
            }
          }
        }
        s = loop;
      }
      out.add(s);
    }
    return out;
  }

  /**
   * {@code loop} with {@code array}'s entry at its position kept in a local, or null where its body
   * does not add into it, then read it once, then reset it, at the top level and nothing else.
   */
  private Java.CountDown kept(Java.CountDown loop, LoopBody scope, String array) {
    List<Java.Stmt> body = loop.body();
    int read = -1;
    int reset = -1;
    for (int k = 0; k < body.size(); k++) {
      Java.Stmt s = body.get(k);
      if (read < 0 && s instanceof Java.Declare d && d.init() instanceof Java.ArrayRead r && entryAtPosition(r, array, scope)) {
        read = k;
      } else if (read >= 0 && reset < 0 && s instanceof Java.Assign a && a.op().equals("=")
          && JavaExprs.ZERO.equals(a.value()) && a.target() instanceof Java.ArrayRead r && entryAtPosition(r, array, scope)) {
        reset = k;
      } else if (LoopBody.mentions(s, array) > 0 && (read >= 0 || !onlyAdds(s, array, scope))) {
        return null;
      }
    }
    if (reset < 0) {
      return null;
    }
    String local = names.allocate(array + "Entry", false);
    Java.Name entry = new Java.Name(local);
    List<Java.Stmt> out = new ArrayList<>();
    out.add(new Java.Declare(Java.JType.of(Type.DOUBLE), local, JavaExprs.ZERO));
    for (int k = 0; k < body.size(); k++) {
      Java.Stmt s = body.get(k);
      if (k == read) {
        Java.Declare d = (Java.Declare) s;
        out.add(new Java.Declare(d.type(), d.name(), entry));
      } else if (k != reset) {
        out.add(k < read ? intoLocal(s, array, entry) : s);
      }
    }
    return new Java.CountDown(loop.counter(), loop.from(), out, true);
  }

  private static boolean entryAtPosition(Java.ArrayRead r, String array, LoopBody scope) {
    return r.array() instanceof Java.Name n && n.name().equals(array) && scope.atPosition(r.index(), 0);
  }

  /** Whether every mention of {@code array} in {@code s} is an addition into its entry at the position. */
  private static boolean onlyAdds(Java.Stmt s, String array, LoopBody scope) {
    if (s instanceof Java.Assign a && a.target() instanceof Java.ArrayRead r && r.array() instanceof Java.Name n
        && n.name().equals(array)) {
      Set<String> named = new HashSet<>();
      UnreadStores.names(a.value(), named);
      UnreadStores.names(r.index(), named);
      return (a.op().equals("+=") || a.op().equals("-=")) && scope.atPosition(r.index(), 0) && !named.contains(array);
    }
    for (Java.Expr e : UnreadStores.exprs(s)) {
      Set<String> named = new HashSet<>();
      UnreadStores.names(e, named);
      if (named.contains(array)) {
        return false;
      }
    }
    for (List<Java.Stmt> b : Java.blocks(s)) {
      for (Java.Stmt inner : b) {
        if (!onlyAdds(inner, array, scope)) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@code s} with its additions into {@code array}'s entry made into {@code entry}. */
  private static Java.Stmt intoLocal(Java.Stmt s, String array, Java.Name entry) {
    if (s instanceof Java.Assign a && a.target() instanceof Java.ArrayRead r && r.array() instanceof Java.Name n
        && n.name().equals(array)) {
      return new Java.Assign(entry, a.op(), a.value());
    }
    return Java.mapBlocks(s, b -> b.stream().map(inner -> intoLocal(inner, array, entry)).toList());
  }

  private static List<Java.Stmt> withoutDeclarations(List<Java.Stmt> block, Set<String> gone) {
    List<Java.Stmt> out = new ArrayList<>();
    for (Java.Stmt s : block) {
      if (!(s instanceof Java.Declare d && gone.contains(d.name()))) {
        out.add(Java.mapBlocks(s, b -> withoutDeclarations(b, gone)));
      }
    }
    return out;
  }
}
