package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.ssa.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In the Into form, stores the first contribution to each entry of an array parameter's part of the
 * caller's array where one loop provably makes it, instead of zeroing the part and adding into it; the
 * entries that loop does not store into first are zeroed before it. A hand-written gradient of the dot
 * product stores each entry once: {@code out[i] = b[i]}.
 *
 * <p>The emitter zeroes a part ({@code Adjoints.zero(partials, base, length)}) and adds into its entries
 * ({@code partials[base + i] += ...}). This pass takes a loop at the top level of the body that counts a
 * counter {@code c} up by one, from its value on entry while {@code c + m < bound} (or {@code <=}), the
 * bound unchanged in the loop and no return in it; and a part that no statement outside that loop
 * touches, and that the loop only adds into, at entries {@code c + k} for constant offsets {@code k}.
 * The loop reaches entry {@code e} first in the earliest iteration that reaches it: with the largest
 * offset {@code K}, iteration {@code e - K}, as no other offset reaches {@code e} sooner. So the first
 * statement of the loop's body that adds at offset {@code K} stores instead, if the body runs it in every
 * iteration (at its top level, before the counter moves). It stores into the entries from {@code start + K}
 * up to {@code end + K}, where {@code end} is the counter's value when the loop stops; {@code
 * Adjoints.zeroOutside} zeroes the rest of the part before the loop, all of it when the loop does not run.
 *
 * <p>Where the loop adds into the part at exactly two offsets, {@code K} and {@code K - 1}, each once at
 * the top level of its body (the n-D Rosenbrock function's {@code x[i + 1] - x[i] * x[i]}), the entry
 * {@code c + K} is complete one iteration later, when offset {@code K - 1} adds into it. Its value is
 * carried in a local to that iteration, which stores it: each entry is stored once, as in a gradient
 * written by hand, and the last after the loop (see {@link #carry}).
 *
 * <p>Every other reference to the array must be placed: an entry at a literal offset before a part is a
 * double parameter's, a matrix's row start names its part's base, and an entry at an index that is not
 * linear ({@code cAt + (i1 + 1) % c.length}) lies in the part of the one position it names, which it
 * rules out. Where a reference cannot be placed, the body is left as it is.
 */
final class FirstStores {
  /** A parameter's part of the array: {@code Adjoints.zero(array, base, length)} at the top level. */
  private static final class Part {
    final int zeroAt;
    final Java.Expr base;
    final Java.Expr length;
    /** The parameter whose part it is. */
    final String parameter;
    /** The name in the base, or "" where the base is a literal. */
    final String baseName;
    final int baseOffset;
    /** The loop at the top level that adds into the part; -1 while there is none. */
    int loop = -1;
    /** Whether some reference rules the part out: a read, a store, an entry not {@code c + k}, two loops. */
    boolean ruledOut;
    final List<Entry> entries = new ArrayList<>();

    Part(int zeroAt, Java.Expr base, Java.Expr length, String parameter, String baseName, int baseOffset) {
      this.zeroAt = zeroAt;
      this.base = base;
      this.length = length;
      this.parameter = parameter;
      this.baseName = baseName;
      this.baseOffset = baseOffset;
    }
  }

  /**
   * An addition into a part at {@code counter + offset}: {@code topLevel}, the index in the loop's body
   * of the statement that holds it, and whether it is that statement itself.
   */
  private record Entry(Java.Assign store, String counter, int offset, int topLevel, boolean direct) {}

  /** A linear index: a sum of signed terms and a constant. */
  private record Sum(List<Java.Expr> plus, List<Java.Expr> minus, int constant) {}

  private final String array;
  /** The parameter at each position in the array. */
  private final Map<Java.Expr, String> parameterAt;
  /** The names the parameters' positions are written with ({@code bAt}): an entry's index names at most one. */
  private final Set<String> positionNames = new HashSet<>();
  private final Names names;
  private final List<Java.Stmt> body;
  private final List<Part> parts = new ArrayList<>();
  private final Map<String, Part> byBaseName = new HashMap<>();
  /** Whether a reference to the array could not be placed in a part: then nothing changes. */
  private boolean unplaced;

  private FirstStores(List<Java.Stmt> body, String array, Map<Java.Expr, String> parameterAt, Names names) {
    this.body = body;
    this.array = array;
    this.parameterAt = parameterAt;
    this.names = names;
    parameterAt.keySet().forEach(position -> UnreadStores.names(position, positionNames));
  }

  /**
   * {@code body}, an Into form's, with first stores where a loop provably makes them; {@code array}, its
   * array; {@code parameterAt}, the parameter at each position in it; {@code names}, for the carried locals.
   */
  static List<Java.Stmt> store(List<Java.Stmt> body, String array, Map<Java.Expr, String> parameterAt, Names names) {
    FirstStores pass = new FirstStores(body, array, parameterAt, names);
    return pass.findParts() ? pass.rewrite() : body;
  }

  /** Finds the parts and places every reference to the array; false where some reference cannot be placed. */
  private boolean findParts() {
    for (int i = 0; i < body.size(); i++) {
      Java.Call zero = zeroCall(body.get(i));
      if (zero != null) {
        Sum base = sum(zero.args().get(1));
        String name = base == null || !base.minus().isEmpty() || base.plus().size() > 1
            ? null
            : base.plus().isEmpty() ? "" : base.plus().get(0) instanceof Java.Name n ? n.name() : null;
        String parameter = parameterAt.get(zero.args().get(1));
        if (name == null || parameter == null || byBaseName.containsKey(name)) {
          return false;
        }
        Part part = new Part(i, zero.args().get(1), zero.args().get(2), parameter, name, base.constant());
        parts.add(part);
        byBaseName.put(name, part);
      }
    }
    if (parts.isEmpty()) {
      return false;
    }
    for (int i = 0; i < body.size(); i++) {
      Java.Stmt s = body.get(i);
      if (zeroCall(s) == null) {
        place(s, i, loopOf(s), -1);
      }
    }
    return !unplaced;
  }

  /** The call of {@code s} when it is {@code Adjoints.zero(array, base, length)}, else null. */
  private Java.Call zeroCall(Java.Stmt s) {
    return s instanceof Java.Eval e
            && e.expr() instanceof Java.Call c
            && Emitter.ADJOINTS.equals(c.owner())
            && c.method().equals("zero")
            && c.args().get(0) instanceof Java.Name n
            && n.name().equals(array)
        ? c
        : null;
  }

  /**
   * Places the references in {@code s}, a statement in top-level statement {@code top}; {@code loop}, the
   * counted loop {@code top} is, or null; {@code topLevel}, the index in that loop's body of the statement
   * that holds {@code s}, or -1 outside it.
   */
  private void place(Java.Stmt s, int top, Counted loop, int topLevel) {
    if (s instanceof Java.Assign a
        && a.target() instanceof Java.ArrayRead entry
        && entry.array() instanceof Java.Name n
        && n.name().equals(array)) {
      placeEntry(entry.index(), a, top, loop, topLevel, loop != null && loop.body().get(topLevel) == s);
      references(entry.index());
      references(a.value());
      return;
    }
    if (loop != null && topLevel < 0) { // the loop statement itself: its parts are its condition and its body
      references(loop.condition());
      for (int i = 0; i < loop.body().size(); i++) {
        place(loop.body().get(i), top, loop, i);
      }
      return;
    }
    UnreadStores.exprs(s).forEach(this::references);
    for (List<Java.Stmt> block : Java.blocks(s)) {
      for (Java.Stmt inner : block) {
        place(inner, top, loop, topLevel);
      }
    }
  }

  /** Places the references to the array read in {@code e}: each rules out its part. */
  private void references(Java.Expr e) {
    if (e instanceof Java.Call c
        && Emitter.ADJOINTS.equals(c.owner())
        && c.method().equals("write")
        && c.args().get(1) instanceof Java.Name n
        && n.name().equals(array)) { // another parameter's adjoint, written at its position
      Part part = partAt(c.args().get(2));
      if (part != null) {
        part.ruledOut = true;
      }
      references(c.args().get(0));
      references(c.args().get(2));
      return;
    }
    if (e instanceof Java.Name n && n.name().equals(array)) {
      unplaced = true; // the whole array passed on or read
      return;
    }
    if (e instanceof Java.ArrayRead r && r.array() instanceof Java.Name n && n.name().equals(array)) {
      Part part = partOf(r.index());
      if (part != null) {
        part.ruledOut = true;
      }
      references(r.index());
      return;
    }
    Java.mapOperands(e, operand -> {
      references(operand);
      return operand;
    });
  }

  /** Places an addition or store into {@code array[index]}, made by {@code store}. */
  private void placeEntry(Java.Expr index, Java.Assign store, int top, Counted loop, int topLevel, boolean direct) {
    Part part = partOf(index);
    if (part == null) {
      return;
    }
    Sum sum = sum(index);
    if (sum == null) { // an entry of the part at an index not linear
      part.ruledOut = true;
      return;
    }
    List<Java.Expr> rest = new ArrayList<>(sum.plus());
    if (part.baseName.length() > 0) {
      rest.remove(JavaExprs.name(part.baseName));
    }
    boolean counted = loop != null
        && !store.op().equals("=")
        && sum.minus().isEmpty()
        && rest.size() == 1
        && rest.get(0).equals(JavaExprs.name(loop.counter()))
        && (topLevel < loop.update());
    if (!counted || (part.loop >= 0 && part.loop != top)) {
      part.ruledOut = true;
      return;
    }
    part.loop = top;
    part.entries.add(new Entry(store, loop.counter(), sum.constant() - part.baseOffset, topLevel, direct));
  }

  /**
   * The part an entry at {@code index} lies in, or null for a double parameter's entry before a part; sets
   * {@link #unplaced} where it cannot tell. An index with terms that are not names, int literals or row
   * starts ({@code cAt + (i1 + 1) % c.length}) lies in the part its one position name or row start
   * names, if it names one.
   */
  private Part partOf(Java.Expr index) {
    List<Java.Expr> opaque = new ArrayList<>();
    Sum sum = sum(index, opaque);
    String baseName = "";
    for (Java.Expr term : sum.plus()) {
      if (Propagation.rowStart(term)) {
        Part part = partAt(((Java.Call) term).args().get(2)); // a matrix's row: its part is ruled out
        if (part == null) {
          unplaced = true;
        }
        return part;
      }
      if (term instanceof Java.Name n && positionNames.contains(n.name())) {
        if (!baseName.isEmpty()) {
          unplaced = true;
          return null;
        }
        baseName = n.name();
      }
    }
    for (Java.Expr term : sum.minus()) {
      if (term instanceof Java.Name n && positionNames.contains(n.name())) {
        unplaced = true;
        return null;
      }
    }
    Part part = byBaseName.get(baseName);
    if (!opaque.isEmpty()) {
      Set<String> inOpaque = new HashSet<>();
      opaque.forEach(term -> UnreadStores.names(term, inOpaque));
      inOpaque.retainAll(positionNames);
      if (baseName.isEmpty() || part == null || !inOpaque.isEmpty()) {
        unplaced = true;
        return null;
      }
      return part;
    }
    boolean literal = sum.minus().isEmpty() && sum.plus().size() == (baseName.isEmpty() ? 0 : 1);
    if (part == null) {
      if (!literal) {
        unplaced = true;
      }
      return null; // a double parameter's entry: no part has its base
    }
    if (literal && sum.constant() < part.baseOffset) {
      return null; // a double parameter's entry before the part
    }
    return part;
  }

  /** The part whose base is {@code base}, or null. */
  private Part partAt(Java.Expr base) {
    Sum sum = sum(base);
    for (Part part : parts) {
      if (sum != null && sum.equals(sum(part.base))) {
        return part;
      }
    }
    return null;
  }

  /** {@code e} as a linear sum of terms, or null where a term is not a name, a literal int or a row start. */
  private static Sum sum(Java.Expr e) {
    return sum(e, null);
  }

  /**
   * {@code e} as a linear sum of terms; the terms that are not names, int literals or row starts go into
   * {@code opaque}, or, where it is null, make the result null.
   */
  private static Sum sum(Java.Expr e, List<Java.Expr> opaque) {
    List<Java.Expr> plus = new ArrayList<>();
    List<Java.Expr> minus = new ArrayList<>();
    int[] constant = {0};
    return collect(e, true, plus, minus, constant, opaque) ? new Sum(plus, minus, constant[0]) : null;
  }

  private static boolean collect(
      Java.Expr e, boolean positive, List<Java.Expr> plus, List<Java.Expr> minus, int[] constant, List<Java.Expr> opaque) {
    if (e instanceof Java.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
      return collect(b.left(), positive, plus, minus, constant, opaque)
          && collect(b.right(), b.op() == BinaryOp.ADD == positive, plus, minus, constant, opaque);
    }
    if (e instanceof Java.Literal l) {
      Integer value = intValue(l);
      if (value == null) {
        return opaque(e, opaque);
      }
      constant[0] += positive ? value : -value;
      return true;
    }
    if (e instanceof Java.Name || Propagation.rowStart(e)) {
      (positive ? plus : minus).add(e);
      return true;
    }
    return opaque(e, opaque);
  }

  private static boolean opaque(Java.Expr e, List<Java.Expr> opaque) {
    if (opaque == null) {
      return false;
    }
    opaque.add(e);
    return true;
  }

  private static Integer intValue(Java.Literal l) {
    try {
      return Integer.valueOf(l.text());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * A loop at the top level that counts {@code counter} up by one, while {@code counter + margin < bound}
   * ({@code <=} when {@code inclusive}); {@code update}, the index in its body of the statement that moves
   * the counter ({@code body.size()} for a counted-up loop, whose header moves it).
   */
  private record Counted(
      Java.Expr condition, List<Java.Stmt> body, String counter, int margin, Java.Expr bound, boolean inclusive, Java.Expr start, int update) {}

  /** {@code s} as a counted loop, or null. */
  private Counted loopOf(Java.Stmt s) {
    if (s instanceof Java.CountUp c) {
      if (assigns(c.body(), c.counter()) > 0 || !invariant(c.to(), c.body())) {
        return null;
      }
      return new Counted(JavaExprs.lit("true"), c.body(), c.counter(), 0, c.to(), false, JavaExprs.lit("0"), c.body().size());
    }
    if (!(s instanceof Java.While w) || w.testAfter() || returns(w.body())) {
      return null;
    }
    if (!(w.condition() instanceof Java.Binary test) || (test.op() != BinaryOp.LT && test.op() != BinaryOp.LE)) {
      return null;
    }
    Sum left = sum(test.left());
    if (left == null || left.plus().size() != 1 || !left.minus().isEmpty() || !(left.plus().get(0) instanceof Java.Name counter)) {
      return null;
    }
    if (!invariant(test.right(), w.body()) || assigns(w.body(), counter.name()) != 1) {
      return null;
    }
    int update = -1;
    for (int i = 0; i < w.body().size(); i++) {
      if (w.body().get(i) instanceof Java.Assign a && a.target().equals(counter)) {
        update = stepsByOne(a, counter, w.body().subList(0, i)) ? i : -1;
        break;
      }
    }
    if (update < 0) {
      return null; // the counter moves in a nested statement, or by something other than one
    }
    return new Counted(w.condition(), w.body(), counter.name(), left.constant(), test.right(), test.op() == BinaryOp.LE, counter, update);
  }

  /** Whether {@code a} adds one to {@code counter}: {@code c += 1}, {@code c = c + 1}, or {@code c = next} after {@code int next = c + 1}. */
  private static boolean stepsByOne(Java.Assign a, Java.Name counter, List<Java.Stmt> before) {
    Java.Expr value = a.value();
    if (a.op().equals("+=")) {
      return value.equals(JavaExprs.lit("1"));
    }
    if (!a.op().equals("=")) {
      return false;
    }
    if (value instanceof Java.Name next) {
      value = null;
      for (Java.Stmt s : before) {
        if (s instanceof Java.Declare d && d.name().equals(next.name()) && assigns(before, next.name()) == 0) {
          value = d.init();
        }
      }
    }
    return new Java.Binary(BinaryOp.ADD, counter, JavaExprs.lit("1")).equals(value);
  }

  /** How many assignments to local {@code name} {@code stmts} make, nested ones included. */
  private static int assigns(List<Java.Stmt> stmts, String name) {
    int count = 0;
    for (Java.Stmt s : stmts) {
      if (s instanceof Java.Assign a && a.target() instanceof Java.Name n && n.name().equals(name)) {
        count++;
      }
      if (s instanceof Java.CountUp c && c.counter().equals(name) || s instanceof Java.CountDown d && d.counter().equals(name)) {
        count++;
      }
      for (List<Java.Stmt> block : Java.blocks(s)) {
        count += assigns(block, name);
      }
    }
    return count;
  }

  private static boolean returns(List<Java.Stmt> stmts) {
    for (Java.Stmt s : stmts) {
      if (s instanceof Java.Return) {
        return true;
      }
      for (List<Java.Stmt> block : Java.blocks(s)) {
        if (returns(block)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code e} is a sum of names, literals and array lengths none of which {@code loop} assigns. */
  private static boolean invariant(Java.Expr e, List<Java.Stmt> loop) {
    return RowStarts.invariant(e, name -> assigns(loop, name) > 0, true);
  }

  /** The body with first stores in each loop that makes them, and the parts' zeroing moved before it. */
  private List<Java.Stmt> rewrite() {
    Map<Integer, List<Part>> byLoop = new LinkedHashMap<>();
    for (Part part : parts) {
      if (!part.ruledOut && part.zeroAt < part.loop && firstStore(part) != null) { // zeroed before its loop
        byLoop.computeIfAbsent(part.loop, k -> new ArrayList<>()).add(part);
      }
    }
    if (byLoop.isEmpty()) {
      return body;
    }
    List<Java.Stmt> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      int at = i;
      if (parts.stream().anyMatch(p -> p.zeroAt == at && byLoop.getOrDefault(p.loop, List.of()).contains(p))) {
        continue; // zeroed before its loop instead
      }
      List<Part> stored = byLoop.get(i);
      if (stored == null) {
        out.add(body.get(i));
        continue;
      }
      Counted loop = loopOf(body.get(i));
      Map<Integer, List<Java.Stmt>> replaced = new HashMap<>();
      List<Java.Stmt> after = new ArrayList<>();
      for (Part part : stored) {
        Entry first = firstStore(part);
        Java.Stmt zero = zeroOutside(part, loop, i, first.offset());
        if (zero != null) {
          out.add(zero);
        }
        Entry behind = behind(part, first, loop, i);
        if (behind == null) {
          replaced.put(first.topLevel(), List.of(new Java.Assign(first.store().target(), "=", storedValue(first))));
        } else {
          carry(part, first, behind, startOf(loop, i), out, replaced, after);
        }
      }
      out.add(withStores(body.get(i), replaced));
      out.addAll(after);
    }
    return out;
  }

  /** What {@code entry}'s addition adds, negated for {@code -=}: what a store of it stores. */
  private static Java.Expr storedValue(Entry entry) {
    return entry.store().op().equals("+=") ? entry.store().value() : JavaExprs.neg(entry.store().value());
  }

  /**
   * The other addition into {@code part}, one entry behind {@code first}, when the part's entry ahead can
   * be carried to it (see {@link #carry}): the part has just these two additions, both at the top level of
   * the body, and the loop is a {@code while} whose counter starts from a literal and is read after it;
   * else null.
   */
  private Entry behind(Part part, Entry first, Counted loop, int at) {
    if (part.entries.size() != 2 || !(body.get(at) instanceof Java.While) || !(startOf(loop, at) instanceof Java.Literal)) {
      return null;
    }
    Entry other = part.entries.get(part.entries.get(0) == first ? 1 : 0);
    return other.direct() && other.offset() == first.offset() - 1 ? other : null;
  }

  /**
   * Carries the entry {@code first} stores into to the next iteration, where {@code behind} adds into it:
   * before the loop, {@code double xBarCarried = 0.0}; in the body, {@code behind}'s {@code partials[e] -=
   * v} becomes {@code partials[e] = xBarCarried - v}, and {@code first}'s store sets {@code xBarCarried}
   * (through {@code xBarNext} where it comes first, as the store behind still reads the carried value);
   * after the loop, if it ran, the last entry is stored. Zero is what the entry behind held before the
   * loop's first iteration, and each entry is the same sum of the same terms as before.
   */
  private void carry(
      Part part, Entry first, Entry behind, Java.Expr start, List<Java.Stmt> before, Map<Integer, List<Java.Stmt>> replaced,
      List<Java.Stmt> after) {
    Java.Name carried = new Java.Name(names.allocate(part.parameter + "BarCarried", false));
    Java.Expr behindValue = behind.store().op().equals("+=")
        ? JavaExprs.add(carried, behind.store().value())
        : JavaExprs.sub(carried, behind.store().value());
    Java.Stmt storeBehind = new Java.Assign(behind.store().target(), "=", behindValue);
    before.add(new Java.Comment(
        part.parameter + "'s adjoint one entry ahead is complete in the next iteration, which stores it; carried until then"));
    before.add(new Java.Declare(Java.JType.of(Type.DOUBLE), carried.name(), JavaExprs.ZERO));
    if (first.topLevel() < behind.topLevel()) {
      String next = names.allocate(part.parameter + "BarNext", false);
      replaced.put(first.topLevel(), List.of(new Java.Declare(Java.JType.of(Type.DOUBLE), next, storedValue(first))));
      replaced.put(behind.topLevel(), List.of(storeBehind, new Java.Assign(carried, "=", JavaExprs.name(next))));
    } else {
      replaced.put(behind.topLevel(), List.of(storeBehind));
      replaced.put(first.topLevel(), List.of(new Java.Assign(carried, "=", storedValue(first))));
    }
    Java.Expr ran = new Java.Binary(BinaryOp.GT, JavaExprs.name(first.counter()), start);
    after.add(new Java.If(ran, List.of(new Java.Assign(behind.store().target(), "=", carried)), List.of()));
  }

  /**
   * The addition that stores instead: the first in the body at the largest offset, if the body's top level
   * holds it; else null.
   */
  private static Entry firstStore(Part part) {
    Entry first = null;
    for (Entry e : part.entries) {
      if (first == null || e.offset() > first.offset()) {
        first = e;
      }
    }
    return first != null && first.direct() ? first : null;
  }

  /**
   * {@code Adjoints.zeroOutside(array, base, length, from, to)}, or null where the loop stores into the
   * whole part: {@code from} is literally 0 and {@code to} the part's length.
   */
  private Java.Stmt zeroOutside(Part part, Counted loop, int at, int offset) {
    Java.Expr from = plus(startOf(loop, at), offset);
    Java.Expr to = plus(loop.bound(), offset - loop.margin() + (loop.inclusive() ? 1 : 0));
    if (from.equals(JavaExprs.lit("0")) && to.equals(part.length)) {
      return null;
    }
    return new Java.Eval(new Java.Call(
        Emitter.ADJOINTS, null, "zeroOutside", List.of(JavaExprs.name(array), part.base, part.length, from, to)));
  }

  /**
   * The counter's value on entry to the loop at {@code at}: the literal it is declared with at the top
   * level, through one copy, where nothing but that loop assigns it; else the counter itself, read just
   * before the loop.
   */
  private Java.Expr startOf(Counted loop, int at) {
    Java.Expr start = loop.start();
    for (int hops = 0; hops < 2 && start instanceof Java.Name n; hops++) {
      Java.Expr init = declaredOnce(n.name(), hops == 0 ? at : -1);
      if (init == null) {
        break;
      }
      start = init;
    }
    return start instanceof Java.Literal l && intValue(l) != null ? start : loop.start();
  }

  /**
   * The initial value of {@code name} where the body declares it at its top level and no statement but
   * the one at {@code except} assigns it; else null.
   */
  private Java.Expr declaredOnce(String name, int except) {
    Java.Expr init = null;
    int assigned = 0;
    for (int i = 0; i < body.size(); i++) {
      Java.Stmt s = body.get(i);
      if (s instanceof Java.Declare d && d.name().equals(name)) {
        init = d.init();
      } else if (i != except) {
        assigned += assigns(List.of(s), name);
      }
    }
    return assigned == 0 ? init : null;
  }

  /** {@code e + k}, the literal folded in. */
  private static Java.Expr plus(Java.Expr e, int k) {
    if (k == 0) {
      return e;
    }
    if (e instanceof Java.Literal l && intValue(l) != null) {
      return JavaExprs.lit(Integer.toString(intValue(l) + k));
    }
    if (e instanceof Java.Binary b
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
        && b.right() instanceof Java.Literal l
        && intValue(l) != null) {
      int folded = (b.op() == BinaryOp.ADD ? intValue(l) : -intValue(l)) + k;
      return folded == 0 ? b.left() : plus(b.left(), folded);
    }
    return k > 0
        ? new Java.Binary(BinaryOp.ADD, e, JavaExprs.lit(Integer.toString(k)))
        : new Java.Binary(BinaryOp.SUB, e, JavaExprs.lit(Integer.toString(-k)));
  }

  /** The loop with the statements of its body at the indices {@code replaced} holds replaced by theirs. */
  private static Java.Stmt withStores(Java.Stmt loop, Map<Integer, List<Java.Stmt>> replaced) {
    return Java.mapBlocks(loop, block -> {
      List<Java.Stmt> out = new ArrayList<>();
      for (int i = 0; i < block.size(); i++) {
        out.addAll(replaced.getOrDefault(i, List.of(block.get(i))));
      }
      return out;
    });
  }
}
