package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.Java;
import io.adjoint.processor.rules.JavaExprs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An adjoint array that one loop fills whole, each time, before a later loop reads it and resets it:
 * the fill stores instead of adding, and the reset goes. GMM's gradient, for each component, adds the
 * adjoint of {@code qCentered} entry by entry in the sum of squares' reverse ({@code qCenteredBar[id] +=
 * t5Bar}), reads it in the triangle's reverse, and resets it there ({@code qCenteredBar[id] = 0.0}) so
 * that the next component adds into zeros. As a careful hand-written gradient has it, the first loop
 * stores ({@code qCenteredBar[id] = t5Bar}) and nothing resets.
 *
 * <p>The array must be an adjoint array no other name reaches ({@link UnreadStores#freshArrays}), mentioned
 * in two statements of one block and nowhere else: a loop counted from 1 to {@code n} (up or down), whose
 * body adds into the entry at its position {@code k - 1} once, at its top level; then a loop counting up
 * to the same {@code n}, whose body resets the entry at its position once, at its top level, and reads
 * entries only at its position before the reset, or after its position (where no earlier iteration has
 * reset them) and below {@code n}. The old code read what the fill added into zeros; the new reads what
 * the fill stored, at the same entries: the fill stores every entry from 0 to {@code n - 1} (its
 * positions) before any read, and no read reaches an entry the old code would have reset first or the
 * fill would not have stored. A pass over the settled Java model, after {@link SiblingLoops}, which
 * brings such a read and reset into one loop.
 */
final class RefilledAdjoints {
  private final Set<String> fresh;
  private final Map<String, Integer> mentions;

  private RefilledAdjoints(Set<String> fresh, Map<String, Integer> mentions) {
    this.fresh = fresh;
    this.mentions = mentions;
  }

  /** {@code body} with each adjoint array a loop fills whole before another reads and resets it stored, not reset. */
  static List<Java.Stmt> store(List<Java.Stmt> body, Set<String> adjointArrays) {
    Set<String> fresh = new TreeSet<>(UnreadStores.freshArrays(body, adjointArrays));
    return new RefilledAdjoints(fresh, LoopBody.mentions(body)).block(body);
  }

  private List<Java.Stmt> block(List<Java.Stmt> in) {
    List<Java.Stmt> out = new ArrayList<>();
    for (Java.Stmt s : in) {
      out.add(Java.mapBlocks(s, this::block));
    }
    for (String array : fresh) {
      List<Integer> at = new ArrayList<>();
      int inBlock = 0;
      for (int k = 0; k < out.size(); k++) {
        if (out.get(k) instanceof Java.Declare d && d.name().equals(array)) {
          continue; // its declaration, counted below
        }
        int here = LoopBody.mentions(out.get(k), array);
        if (here > 0) {
          at.add(k);
          inBlock += here;
        }
      }
      if (at.size() == 2 && inBlock + 1 == mentions.getOrDefault(array, 0)
          && out.get(at.get(0)) instanceof Java.CountDown fill && out.get(at.get(1)) instanceof Java.CountDown reader
          && reader.upward() && SiblingLoops.sameCount(out, at.get(0), at.get(1))) {
        Java.CountDown stored = stored(fill, array);
        Java.CountDown unreset = stored == null ? null : unreset(reader, array, SiblingLoops.count(out, at.get(1)));
        if (unreset != null) {
          out.set(at.get(0), stored);
          out.set(at.get(1), unreset);
        }
      }
    }
    return out;
  }

  /** {@code fill} storing into {@code array}'s entry at its position, or null where it does not add into it just once. */
  private static Java.CountDown stored(Java.CountDown fill, String array) {
    LoopBody scope = new LoopBody(fill);
    List<Java.Stmt> body = new ArrayList<>(fill.body());
    int add = -1;
    for (int k = 0; k < body.size(); k++) {
      Java.Stmt s = body.get(k);
      if (LoopBody.mentions(s, array) == 0) {
        if (returns(s)) {
          return null;
        }
        continue;
      }
      if (add >= 0 || !(s instanceof Java.Assign a) || !a.op().equals("+=") || !(a.target() instanceof Java.ArrayRead r)
          || !(r.array() instanceof Java.Name n) || !n.name().equals(array) || !scope.atPosition(r.index(), 0)
          || LoopBody.mentions(new Java.Eval(a.value()), array) > 0 || LoopBody.mentions(new Java.Eval(r.index()), array) > 0) {
        return null;
      }
      add = k;
      body.set(k, new Java.Assign(a.target(), "=", a.value()));
    }
    return add < 0 ? null : new Java.CountDown(fill.counter(), fill.from(), body, fill.upward());
  }

  /**
   * {@code reader} without its reset of {@code array}'s entry at its position, or null where it touches
   * the array otherwise than {@link RefilledAdjoints} allows; {@code count}, what it counts to.
   */
  private static Java.CountDown unreset(Java.CountDown reader, String array, Java.Expr count) {
    LoopBody scope = new LoopBody(reader, count);
    List<Java.Stmt> body = new ArrayList<>();
    boolean reset = false;
    for (Java.Stmt s : reader.body()) {
      if (!reset && s instanceof Java.Assign a && a.op().equals("=") && JavaExprs.ZERO.equals(a.value())
          && a.target() instanceof Java.ArrayRead r && r.array() instanceof Java.Name n && n.name().equals(array)
          && scope.atPosition(r.index(), 0) && LoopBody.mentions(new Java.Eval(r.index()), array) == 0) {
        reset = true;
        continue;
      }
      if (returns(s)) {
        return null;
      }
      List<Java.Expr> reads = new ArrayList<>();
      if (!reads(s, array, reads)) {
        return null;
      }
      for (Java.Expr index : reads) {
        boolean atPosition = !reset && scope.atPosition(index, 0);
        if (!atPosition && !(scope.beyondPosition(index) && scope.below(index, count))) {
          return null;
        }
      }
      body.add(s);
    }
    return reset ? new Java.CountDown(reader.counter(), reader.from(), body, true) : null;
  }

  /** Adds the indices at which {@code s} reads {@code array} to {@code out}; false where it writes it or reads it whole. */
  private static boolean reads(Java.Stmt s, String array, List<Java.Expr> out) {
    if (s instanceof Java.Assign a && a.target() instanceof Java.ArrayRead r && r.array() instanceof Java.Name n
        && n.name().equals(array)) {
      return false;
    }
    for (Java.Expr e : UnreadStores.exprs(s)) {
      if (!reads(e, array, out)) {
        return false;
      }
    }
    for (List<Java.Stmt> b : Java.blocks(s)) {
      for (Java.Stmt inner : b) {
        if (!reads(inner, array, out)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean reads(Java.Expr e, String array, List<Java.Expr> out) {
    if (e instanceof Java.ArrayRead r && r.array() instanceof Java.Name n && n.name().equals(array)) {
      out.add(r.index());
      return reads(r.index(), array, out);
    }
    if (e instanceof Java.Name n && n.name().equals(array)) {
      return false;
    }
    for (Java.Expr part : ReverseCode.parts(e)) {
      if (!reads(part, array, out)) {
        return false;
      }
    }
    return true;
  }

  private static boolean returns(Java.Stmt s) {
    if (s instanceof Java.Return) {
      return true;
    }
    return Java.blocks(s).stream().flatMap(List::stream).anyMatch(RefilledAdjoints::returns);
  }
}
