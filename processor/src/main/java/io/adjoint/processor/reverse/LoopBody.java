package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one iteration of a counted loop of the settled Java model ({@code for (int k = 1; k <= count;
 * k++)}, or counted down to 1) declares, assigns, reads and touches, for {@link SiblingLoops} and {@link
 * RefilledAdjoints}; and proofs about its indices. An index is linear in the ints the body declares once
 * ({@code int j1 = j + (k7 - 1);}, {@code int j = i1 + 1;}, {@code int i1 = k6 - 1;}, substituted, and
 * outer ints it sets once at its top level before reading them), the counters of its loops and names it
 * does not assign (an index reading any other name is not linear); a counter {@code k} of a loop counting to {@code
 * count} lies between 1 and {@code count} ({@code Math.max(0, x)} counts to {@code x} when it runs at
 * all), which bounds such indices: {@code j1 = i1 + k7 >= i1 + 1}, {@code j1 <= i1 + (d - j) = d - 1}.
 */
final class LoopBody {
  /** An entry access: the array's name, the row indices before the last, the last index. */
  record Access(String base, List<Java.Expr> rows, Java.Expr index, boolean write) {}

  /** The loop's counter: its position is {@code counter - 1}. */
  final String counter;
  final Set<String> declared = new HashSet<>();
  /** Names declared outside the body that it assigns. */
  final Set<String> assigned = new HashSet<>();
  final Set<String> read = new HashSet<>();
  final List<Access> accesses = new ArrayList<>();
  /** Whether the body returns, evaluates a statement for its effect, or calls what may change something. */
  boolean opaque;
  /** Counters of the loops in the body (its own too), with their least values. */
  private final Map<String, Long> least = new HashMap<>();
  /** Counters of the loops in the body (its own too), with what they count to (their greatest values). */
  private final Map<String, Java.Expr> most = new HashMap<>();
  /** Ints declared in the body and never assigned again: their initialisers. */
  private final Map<String, Java.Expr> definitions = new HashMap<>();
  private final Set<String> reassigned = new HashSet<>();
  /** Counters declared more than once in the body. */
  private final Set<String> twice = new HashSet<>();
  /** Names of the enclosing scope the body sets once, at its top level, before reading them. */
  private final Set<String> once = new HashSet<>();

  /** Counters in the order their loops begin: outer before inner. */
  private final List<String> counters = new ArrayList<>();

  LoopBody(Java.CountDown loop) {
    this(loop, loop.from());
  }

  /** {@code count}: what the loop counts to, where its bound is a local declared before it. */
  LoopBody(Java.CountDown loop, Java.Expr count) {
    counter = loop.counter();
    least.put(counter, 1L);
    most.put(counter, count);
    counters.add(counter);
    declared.add(counter);
    loop.body().forEach(this::scan);
    assigned.removeAll(declared);
    reassigned.forEach(definitions::remove);
    twice.forEach(least::remove);
    twice.forEach(most::remove);
    setOnce(loop.body());
  }

  /**
   * Takes as definitions the names of the enclosing scope that the body sets once, at its top level,
   * before any other mention ({@code i1 = k2 - 1;}, where {@code i1} is read after the loop): in every
   * iteration they hold that value wherever the body reads them.
   */
  private void setOnce(List<Java.Stmt> body) {
    Map<String, Integer> sets = new HashMap<>();
    body.forEach(st -> sets(st, sets));
    Set<String> seen = new HashSet<>();
    for (Java.Stmt s : body) {
      if (s instanceof Java.Assign a && a.op().equals("=") && a.target() instanceof Java.Name n
          && !seen.contains(n.name()) && !declared.contains(n.name()) && sets.get(n.name()) == 1) {
        Set<String> read = new HashSet<>();
        UnreadStores.names(a.value(), read);
        if (!read.contains(n.name()) && stable(a.value())) {
          definitions.put(n.name(), a.value());
          once.add(n.name());
        }
      }
      UnreadStores.named(s, seen);
    }
  }

  /** Counts the assignments to each name in {@code s}, nested statements included. */
  private static void sets(Java.Stmt s, Map<String, Integer> out) {
    if (s instanceof Java.Assign a && a.target() instanceof Java.Name n) {
      out.merge(n.name(), 1, Integer::sum);
    }
    Java.blocks(s).forEach(b -> b.forEach(inner -> sets(inner, out)));
  }

  List<Access> of(String array) {
    return accesses.stream().filter(a -> a.base().equals(array)).toList();
  }

  private void scan(Java.Stmt s) {
    if (s instanceof Java.Return || s instanceof Java.Eval) {
      opaque = true;
      return;
    }
    if (s instanceof Java.Declare d) {
      if (!declared.add(d.name())) {
        reassigned.add(d.name()); // declared in two blocks: no one definition
      }
      if (d.init() != null) {
        if (Java.JType.of(Type.INT).equals(d.type())) {
          definitions.put(d.name(), d.init());
        }
        expr(d.init());
      }
    } else if (s instanceof Java.Assign a) {
      if (a.target() instanceof Java.Name n) {
        assigned.add(n.name());
        reassigned.add(n.name());
        if (!a.op().equals("=")) {
          read.add(n.name());
        }
      } else if (a.target() instanceof Java.ArrayRead r) {
        access(r, true);
        if (!a.op().equals("=")) {
          access(r, false);
        }
      } else {
        opaque = true;
      }
      expr(a.value());
    } else if (s instanceof Java.CountDown c) {
      counter(c.counter());
      least.put(c.counter(), 1L);
      most.put(c.counter(), c.from());
      counters.add(c.counter());
      expr(c.from());
    } else if (s instanceof Java.CountUp c) {
      counter(c.counter());
      least.put(c.counter(), 0L);
      counters.add(c.counter());
      expr(c.to());
    } else if (s instanceof Java.If i) {
      expr(i.condition());
    } else if (s instanceof Java.While w) {
      expr(w.condition());
    }
    for (List<Java.Stmt> b : Java.blocks(s)) {
      b.forEach(this::scan);
    }
  }

  /** Records a nested loop's counter: a name declared twice is no counter of known bounds. */
  private void counter(String name) {
    if (!declared.add(name)) {
      reassigned.add(name);
      twice.add(name);
    }
  }

  /** Records the entry access {@code r} and what its indices read. */
  private void access(Java.ArrayRead r, boolean write) {
    List<Java.Expr> indices = new ArrayList<>();
    Java.Expr x = r;
    while (x instanceof Java.ArrayRead a) {
      indices.add(0, a.index());
      x = a.array();
    }
    indices.forEach(this::expr);
    if (x instanceof Java.Name n) {
      read.add(n.name());
      accesses.add(new Access(n.name(), indices.subList(0, indices.size() - 1), indices.get(indices.size() - 1), write));
    } else if (write) {
      opaque = true;
    } else {
      expr(x);
    }
  }

  private void expr(Java.Expr e) {
    if (e instanceof Java.Name n) {
      read.add(n.name());
      return;
    }
    if (e instanceof Java.ArrayRead r) {
      access(r, false);
      return;
    }
    if (e instanceof Java.Call c && !ReverseCode.sameEachTime(c) || e instanceof Java.New || e instanceof Java.NewArray) {
      opaque = true;
    }
    for (Java.Expr part : ReverseCode.parts(e)) {
      expr(part);
    }
  }

  /**
   * Whether every access's index, less the position {@code counter - 1}, is 0 ({@code sign} 0), at
   * least 0 ({@code sign} 1) or at most 0 ({@code sign} -1) in every iteration.
   */
  boolean all(List<Access> accesses, int sign) {
    return accesses.stream().allMatch(a -> atPosition(a.index(), sign));
  }

  /** Whether {@code index}, less the position, is 0 ({@code sign} 0), at least 0 (1) or at most 0 (-1). */
  boolean atPosition(Java.Expr index, int sign) {
    Linear difference = Linear.of(index, this);
    if (difference == null) {
      return false;
    }
    difference.add(counter, -1);
    difference.constant += 1;
    if (sign == 0) {
      return difference.isZero();
    }
    return difference.scaled(sign).atLeastZero(this);
  }

  /** Whether {@code index} is greater than the position in every iteration. */
  boolean beyondPosition(Java.Expr index) {
    Linear difference = Linear.of(index, this);
    if (difference == null) {
      return false;
    }
    difference.add(counter, -1);
    return difference.atLeastZero(this); // index - (counter - 1) - 1
  }

  /** Whether {@code index} is less than {@code bound} in every iteration ({@code Math.max(0, x)}: than x). */
  boolean below(Java.Expr index, Java.Expr bound) {
    Linear room = Linear.of(withoutMax(resolved(bound)), this);
    Linear at = Linear.of(index, this);
    if (room == null || at == null) {
      return false;
    }
    room.addAll(at.scaled(-1));
    room.constant -= 1;
    return room.atLeastZero(this);
  }

  /** {@code e}, or what the int it names is defined as. */
  private Java.Expr resolved(Java.Expr e) {
    for (int step = 0; step < 16 && e instanceof Java.Name n && definitions.containsKey(n.name())
        && stable(definitions.get(n.name())); step++) {
      e = definitions.get(n.name());
    }
    return e;
  }

  /** {@code x} for {@code Math.max(0, x)}: what a loop counting to it counts to when it runs at all. */
  private static Java.Expr withoutMax(Java.Expr e) {
    if (e instanceof Java.Call c && ClassRef.MATH.equals(c.owner()) && c.target() == null && c.method().equals("max")
        && c.args().size() == 2 && c.args().get(0).equals(new Java.Literal("0"))) {
      return c.args().get(1);
    }
    return e;
  }

  /** A sum of names times integers, and an integer. */
  private static final class Linear {
    final Map<String, Long> terms = new HashMap<>();
    long constant;

    /** {@code e} as a linear form, the body's definitions substituted; null where it is not linear. */
    static Linear of(Java.Expr e, LoopBody body) {
      Linear out = new Linear();
      return out.add(e, 1, body, new HashSet<>()) ? out : null;
    }

    void add(String name, long times) {
      terms.merge(name, times, Long::sum);
      terms.values().removeIf(v -> v == 0);
    }

    void addAll(Linear other) {
      other.terms.forEach(this::add);
      constant += other.constant;
    }

    Linear scaled(long by) {
      Linear out = new Linear();
      terms.forEach((n, v) -> out.add(n, v * by));
      out.constant = constant * by;
      return out;
    }

    boolean isZero() {
      return terms.isEmpty() && constant == 0;
    }

    /**
     * Whether the form is at least 0 wherever the body evaluates it: each counter, innermost first, with
     * a positive factor replaced by its least value, with a negative one by what its loop counts to, until
     * no name is left (false where one that is not a counter is).
     */
    boolean atLeastZero(LoopBody body) {
      Linear form = scaled(1);
      for (int step = 0; step < 64 && !form.terms.isEmpty(); step++) {
        String name = null;
        for (String c : body.counters) {
          if (form.terms.containsKey(c)) {
            name = c; // the last, the innermost
          }
        }
        if (name == null) {
          return false;
        }
        long times = form.terms.remove(name);
        if (times > 0) {
          form.constant += times * body.least.get(name);
        } else {
          Java.Expr count = body.most.get(name);
          Linear greatest = count == null ? null : Linear.of(withoutMax(body.resolved(count)), body);
          if (greatest == null || greatest.terms.containsKey(name)) {
            return false;
          }
          form.addAll(greatest.scaled(times));
        }
      }
      return form.terms.isEmpty() && form.constant >= 0;
    }

    private boolean add(Java.Expr e, long scale, LoopBody body, Set<String> open) {
      if (e instanceof Java.Literal l) {
        Long value = integer(l);
        constant += value == null ? 0 : scale * value;
        return value != null;
      } else if (e instanceof Java.Name n) {
        Java.Expr definition = body.definitions.get(n.name());
        if (definition != null && body.stable(definition) && open.add(n.name())) {
          boolean linear = add(definition, scale, body, open);
          open.remove(n.name());
          return linear;
        }
        if ((body.assigned.contains(n.name()) || body.reassigned.contains(n.name())) && !body.once.contains(n.name())) {
          return false; // a name the body changes: not the same value wherever it is read
        }
        add(n.name(), scale);
        return true;
      } else if (e instanceof Java.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
        return add(b.left(), scale, body, open) && add(b.right(), b.op() == BinaryOp.ADD ? scale : -scale, body, open);
      } else if (e instanceof Java.Binary b && b.op() == BinaryOp.MUL && b.left() instanceof Java.Literal l) {
        return integer(l) != null && add(b.right(), scale * integer(l), body, open);
      } else if (e instanceof Java.Binary b && b.op() == BinaryOp.MUL && b.right() instanceof Java.Literal l) {
        return integer(l) != null && add(b.left(), scale * integer(l), body, open);
      } else if (e instanceof Java.Unary u && u.op().equals("-")) {
        return add(u.operand(), -scale, body, open);
      }
      return false;
    }

    private static Long integer(Java.Literal l) {
      try {
        return Long.parseLong(l.text());
      } catch (NumberFormatException notAnInt) {
        return null;
      }
    }
  }

  /** Whether a definition reads nothing the body assigns: its value is the same wherever it is read. */
  private boolean stable(Java.Expr definition) {
    Set<String> named = new HashSet<>();
    UnreadStores.names(definition, named);
    return named.stream().noneMatch(n -> (assigned.contains(n) || reassigned.contains(n)) && !once.contains(n));
  }

  /** How many times each name is mentioned in {@code block}, nested statements included. */
  static Map<String, Integer> mentions(List<Java.Stmt> block) {
    Map<String, Integer> out = new HashMap<>();
    count(block, out);
    return out;
  }

  /** How many times {@code s}, nested statements included, mentions {@code name}. */
  static int mentions(Java.Stmt s, String name) {
    return mentions(List.of(s)).getOrDefault(name, 0);
  }

  private static void count(List<Java.Stmt> block, Map<String, Integer> mentions) {
    for (Java.Stmt s : block) {
      for (Java.Expr e : UnreadStores.exprs(s)) {
        count(e, mentions);
      }
      for (List<Java.Stmt> b : Java.blocks(s)) {
        count(b, mentions);
      }
    }
  }

  private static void count(Java.Expr e, Map<String, Integer> mentions) {
    if (e instanceof Java.Name n) {
      mentions.merge(n.name(), 1, Integer::sum);
    }
    for (Java.Expr part : ReverseCode.parts(e)) {
      count(part, mentions);
    }
  }

  /**
   * Whether evaluating {@code e} changes nothing and gives the same value each time ({@link
   * ReverseCode#changesNothing}), reading no array entry, which a loop may change.
   */
  static boolean pure(Java.Expr e) {
    return ReverseCode.changesNothing(e) && readsNoEntry(e);
  }

  private static boolean readsNoEntry(Java.Expr e) {
    return !(e instanceof Java.ArrayRead) && ReverseCode.parts(e).stream().allMatch(LoopBody::readsNoEntry);
  }
}
