package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.Java;
import io.adjoint.processor.rules.JavaExprs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes from a generated method body the stores nothing reads, and writes {@code x = y} where the body
 * says {@code x = 0.0; x += y}. The emitter writes each adjoint statement without knowing what later
 * code reads: an adjoint reset after its last use, a loop counter counted again that the reverse
 * iteration never reads, the zero an adjoint starts from.
 *
 * <p>A backward liveness pass over the settled statements. A name is live where some path reads it
 * before it is assigned again; a loop is taken as a whole: whatever it reads anywhere is live throughout
 * it, but for the locals its body declares, which are new in each iteration. An entry of a local adjoint
 * array at literal indices ({@code errorBar[1]}) is live apart from the other entries. A store goes only
 * when it is provably dead and its expressions have no side effect (no call, no allocation): an
 * assignment to a local of the method nothing reads afterwards, an entry stored into a local adjoint
 * array (see {@link #freshArrays}) nothing reads afterwards, and the declaration, with a pure initial
 * value, of a local that the body names nowhere else or the rest of its block nowhere; and every
 * assignment to a local that only its own assignments read. Calls, tape pushes and pops, and stores into
 * any other array stay. A comment goes with the statements it stood above when all of them go.
 */
final class UnreadStores {
  /** Locals declared in the body. */
  private final Set<String> locals = new HashSet<>();
  /** Local adjoint arrays whose entries are the only use of them (see {@link #freshArrays}). */
  private final Set<String> arrays;
  /** How often each name occurs in the body, declarations included. */
  private final Map<String, Integer> mentions = new HashMap<>();
  /**
   * Locals that only their own assignments read ({@code count += 1} of a count nothing else reads): their
   * values reach nothing else, so all their stores are dead.
   */
  private final Set<String> selfRead = new HashSet<>();

  private UnreadStores(List<Java.Stmt> body, Set<String> adjointArrays) {
    walk(body);
    arrays = freshArrays(body, adjointArrays);
    Set<String> read = new HashSet<>();
    for (Java.Stmt s : body) {
      readOutsideOwnStores(s, read);
    }
    selfRead.addAll(locals);
    selfRead.removeAll(read);
  }

  /**
   * {@code body} without its dead stores. {@code adjointArrays} names the adjoint arrays the reverse
   * sweep declared: the only arrays whose entries may be found dead.
   */
  static List<Java.Stmt> remove(List<Java.Stmt> body, Set<String> adjointArrays) {
    List<Java.Stmt> stmts = body;
    while (true) { // a removed store may have been the last to read another
      UnreadStores pass = new UnreadStores(stmts, adjointArrays);
      List<Java.Stmt> next = pass.fold(pass.block(stmts, new HashSet<>()));
      if (next.equals(stmts)) {
        return next;
      }
      stmts = next;
    }
  }

  /**
   * The statements of {@code stmts} that some later statement needs; {@code live}, what is live after
   * them on entry, becomes what is live before them.
   */
  private List<Java.Stmt> block(List<Java.Stmt> stmts, Set<String> live) {
    Java.Stmt[] kept = new Java.Stmt[stmts.size()];
    Set<String> namedAfter = new HashSet<>(); // by the statements after the one at i, nested ones included
    for (int i = stmts.size() - 1; i >= 0; i--) {
      kept[i] = statement(stmts.get(i), live, namedAfter);
      named(stmts.get(i), namedAfter);
    }
    List<Java.Stmt> out = new ArrayList<>();
    for (int i = 0; i < kept.length; i++) {
      if (stmts.get(i) instanceof Java.Comment && !commentKept(stmts, kept, i)) {
        continue;
      }
      if (kept[i] != null) {
        out.add(kept[i]);
      }
    }
    return out;
  }

  /**
   * Whether the comment at {@code i} still stands above a statement, or stood above none: it goes with
   * the statements up to the next comment when they all go, and with a loop or an if right after it.
   */
  private static boolean commentKept(List<Java.Stmt> stmts, Java.Stmt[] kept, int i) {
    if (i + 1 < kept.length && kept[i + 1] == null && compound(stmts.get(i + 1))) {
      return false;
    }
    boolean any = false;
    for (int j = i + 1; j < kept.length && !(stmts.get(j) instanceof Java.Comment); j++) {
      if (kept[j] != null) {
        return true;
      }
      any = true;
    }
    return !any;
  }

  /**
   * What {@code s} becomes, or null if it goes; updates {@code live} from after it to before it. {@code
   * namedAfter} holds the names the rest of its block mentions: a local declared in {@code s} that none
   * of them names is seen nowhere else, however often other blocks use the name for locals of their own.
   */
  private Java.Stmt statement(Java.Stmt s, Set<String> live, Set<String> namedAfter) {
    if (s instanceof Java.Return r) {
      live.clear();
      reads(r.value(), live);
      return s;
    }
    if (s instanceof Java.Assign a) {
      return assign(a, live);
    }
    if (s instanceof Java.Declare d) {
      boolean pure = d.init() == null || ReverseCode.pure(d.init());
      if (pure && !live.contains(d.name()) && (mentions.get(d.name()) == 1 || !namedAfter.contains(d.name()))) {
        return null;
      }
      live.remove(d.name());
      if (d.init() != null) {
        reads(d.init(), live);
      }
      return s;
    }
    if (s instanceof Java.If i) {
      Set<String> otherwiseLive = new HashSet<>(live);
      List<Java.Stmt> then = block(i.then(), live);
      List<Java.Stmt> otherwise = block(i.otherwise(), otherwiseLive);
      live.addAll(otherwiseLive);
      reads(i.condition(), live);
      if (then.isEmpty() && otherwise.isEmpty() && ReverseCode.pure(i.condition())) {
        return null;
      }
      return then.isEmpty() && !otherwise.isEmpty()
          ? new Java.If(new Java.Unary("!", i.condition()), otherwise, List.of())
          : new Java.If(i.condition(), then, otherwise);
    }
    if (compound(s)) {
      // what the loop reads is live throughout it, read in a later iteration or after the loop, except
      // the locals its body declares: each iteration has its own, declared before it is read
      Set<String> read = new HashSet<>();
      used(s, read);
      for (Java.Stmt inner : loopBody(s)) {
        if (inner instanceof Java.Declare d) {
          read.remove(d.name());
        }
      }
      live.addAll(read);
      List<Java.Stmt> body = block(loopBody(s), new HashSet<>(live));
      if (s instanceof Java.While w) {
        return new Java.While(w.condition(), body, w.testAfter());
      }
      if (s instanceof Java.CountDown c) {
        return body.isEmpty() && ReverseCode.pure(c.from()) ? null : new Java.CountDown(c.counter(), c.from(), body, c.upward());
      }
      Java.CountUp c = (Java.CountUp) s;
      return body.isEmpty() && ReverseCode.pure(c.to()) ? null : new Java.CountUp(c.counter(), c.to(), body);
    }
    used(s, live); // a call, a comment
    return s;
  }

  private Java.Stmt assign(Java.Assign a, Set<String> live) {
    String base = base(a.target());
    boolean whole = a.target() instanceof Java.Name;
    boolean entry = !whole && arrays.contains(base);
    String key = entry ? entryKey(a.target(), base) : base;
    boolean unread = whole
        ? locals.contains(base) && (!live.contains(base) || selfRead.contains(base))
        : entry && !entryLive(base, key, live);
    if (unread && ReverseCode.pure(a.value()) && ReverseCode.pure(a.target())) {
      return null;
    }
    if (a.op().equals("=")) {
      if (whole || entry && key != null) {
        live.remove(whole ? base : key);
      }
    } else if (base != null) {
      live.add(entry && key == null ? base : key);
    }
    for (Java.Expr e = a.target(); e instanceof Java.ArrayRead r; e = r.array()) {
      reads(r.index(), live);
    }
    if (!whole && base == null) {
      reads(a.target(), live);
    }
    reads(a.value(), live);
    return a;
  }

  /**
   * {@code "a[1][0]"} for an entry of fresh array {@code a} at literal indices, read or written apart from
   * the array's other entries; null where an index is computed, which may name any entry.
   */
  private static String entryKey(Java.Expr access, String array) {
    StringBuilder key = new StringBuilder();
    for (Java.Expr e = access; e instanceof Java.ArrayRead r; e = r.array()) {
      if (!(r.index() instanceof Java.Literal l) || !l.text().matches("[0-9]{1,9}")) {
        return null;
      }
      key.insert(0, "[" + Integer.parseInt(l.text()) + "]");
    }
    return array + key;
  }

  /**
   * Whether some entry of fresh array {@code array} named by {@code key} may be read later: the array as a
   * whole is live (an entry at a computed index is read), or that entry is; for a computed index ({@code
   * key} null), any entry.
   */
  private static boolean entryLive(String array, String key, Set<String> live) {
    if (live.contains(array)) {
      return true;
    }
    return key != null ? live.contains(key) : live.stream().anyMatch(n -> n.startsWith(array + "["));
  }

  /** The local an assignment's target names or stores into an entry of, or null. */
  static String base(Java.Expr target) {
    Java.Expr e = target;
    while (e instanceof Java.ArrayRead r) {
      e = r.array();
    }
    return e instanceof Java.Name n ? n.name() : null;
  }

  private static List<Java.Stmt> loopBody(Java.Stmt loop) {
    if (loop instanceof Java.While w) {
      return w.body();
    }
    return loop instanceof Java.CountDown c ? c.body() : ((Java.CountUp) loop).body();
  }

  /** Adds the names {@code s} reads to {@code names}, but not a name that an assignment to it reads. */
  private void readOutsideOwnStores(Java.Stmt s, Set<String> names) {
    if (s instanceof Java.Assign a && a.target() instanceof Java.Name n) {
      Set<String> read = new HashSet<>();
      reads(a.value(), read);
      read.remove(n.name());
      names.addAll(read);
    } else if (compound(s)) {
      for (Java.Expr e : exprs(s)) {
        reads(e, names);
      }
      for (Java.Stmt inner : children(s)) {
        readOutsideOwnStores(inner, names);
      }
    } else {
      used(s, names);
    }
  }

  /** Adds every name {@code s} reads, or any statement inside it, to {@code names}. */
  private void used(Java.Stmt s, Set<String> names) {
    if (s instanceof Java.Declare d) {
      if (d.init() != null) {
        reads(d.init(), names);
      }
    } else if (s instanceof Java.Assign a) {
      String base = base(a.target());
      if (base == null || !a.op().equals("=")) {
        reads(a.target(), names); // what it adds to is read
      } else {
        for (Java.Expr e = a.target(); e instanceof Java.ArrayRead r; e = r.array()) {
          reads(r.index(), names);
        }
      }
      reads(a.value(), names);
    } else {
      for (Java.Expr e : exprs(s)) {
        reads(e, names);
      }
    }
    for (Java.Stmt inner : children(s)) {
      used(inner, names);
    }
  }

  /**
   * Adds the names {@code e} reads to {@code names}; an entry of a fresh array at literal indices as its
   * {@link #entryKey}, at computed ones as the array's name.
   */
  private void reads(Java.Expr e, Set<String> names) {
    if (e instanceof Java.ArrayRead && arrays.contains(base(e))) {
      String key = entryKey(e, base(e));
      names.add(key != null ? key : base(e));
      for (Java.Expr x = e; x instanceof Java.ArrayRead r; x = r.array()) {
        reads(r.index(), names);
      }
      return;
    }
    if (e instanceof Java.Name n) {
      names.add(n.name());
    }
    for (Java.Expr part : ReverseCode.parts(e)) {
      reads(part, names);
    }
  }

  /** The expressions of {@code s} itself, a declaration's name and a loop's counter among them. */
  static List<Java.Expr> exprs(Java.Stmt s) {
    List<Java.Expr> out = new ArrayList<>();
    if (s instanceof Java.Declare d) {
      out.add(JavaExprs.name(d.name()));
      if (d.init() != null) {
        out.add(d.init());
      }
    } else if (s instanceof Java.Assign a) {
      out.add(a.target());
      out.add(a.value());
    } else if (s instanceof Java.If i) {
      out.add(i.condition());
    } else if (s instanceof Java.While w) {
      out.add(w.condition());
    } else if (s instanceof Java.CountDown c) {
      out.add(JavaExprs.name(c.counter()));
      out.add(c.from());
    } else if (s instanceof Java.CountUp c) {
      out.add(JavaExprs.name(c.counter()));
      out.add(c.to());
    } else if (s instanceof Java.Eval e) {
      out.add(e.expr());
    } else if (s instanceof Java.Return r) {
      out.add(r.value());
    }
    return out;
  }

  private static boolean compound(Java.Stmt s) {
    return s instanceof Java.If || s instanceof Java.While || s instanceof Java.CountDown || s instanceof Java.CountUp;
  }

  private static List<Java.Stmt> children(Java.Stmt s) {
    return Java.blocks(s).stream().flatMap(List::stream).toList();
  }

  /** Records the locals of {@code stmts} and counts the names they mention. */
  private void walk(List<Java.Stmt> stmts) {
    for (Java.Stmt s : stmts) {
      if (s instanceof Java.Declare d) {
        locals.add(d.name());
      }
      for (Java.Expr e : exprs(s)) {
        count(e);
      }
      walk(children(s));
    }
  }

  /** Adds the names {@code s} mentions, in its statements nested too, to {@code out}. */
  static void named(Java.Stmt s, Set<String> out) {
    for (Java.Expr e : exprs(s)) {
      names(e, out);
    }
    for (Java.Stmt inner : children(s)) {
      named(inner, out);
    }
  }

  /** Adds the names {@code e} mentions to {@code out}. */
  static void names(Java.Expr e, Set<String> out) {
    if (e instanceof Java.Name n) {
      out.add(n.name());
    }
    for (Java.Expr part : ReverseCode.parts(e)) {
      names(part, out);
    }
  }

  private void count(Java.Expr e) {
    if (e instanceof Java.Name n) {
      mentions.merge(n.name(), 1, Integer::sum);
    }
    for (Java.Expr part : ReverseCode.parts(e)) {
      count(part);
    }
  }

  /**
   * Those of {@code adjointArrays} no entry of which another name can reach: each is declared or
   * assigned only a new array ({@code new double[n]}, {@code Adjoints.zerosLike(a)}), and every other
   * mention of it is one of its entries ({@code aBar[i]}, {@code aBar[i][j]} for a matrix), never the array
   * or a row of it passed to a call or given to another local. What is read of such an array is read by
   * its name, so liveness by name is exact for it.
   */
  static Set<String> freshArrays(List<Java.Stmt> body, Set<String> adjointArrays) {
    Map<String, Integer> depth = new HashMap<>();
    Set<String> spoiled = new HashSet<>();
    arrays(body, depth, spoiled);
    checkDepths(body, depth, spoiled); // an entry access must reach a double: a shorter one is a row, which escapes
    Set<String> fresh = new HashSet<>();
    for (String a : adjointArrays) {
      if (depth.containsKey(a) && !spoiled.contains(a)) {
        fresh.add(a);
      }
    }
    return fresh;
  }

  private static void arrays(List<Java.Stmt> stmts, Map<String, Integer> depth, Set<String> spoiled) {
    for (Java.Stmt s : stmts) {
      if (s instanceof Java.Declare d) {
        int dims = d.type().keyword() == null ? 0 : (d.type().keyword().length() - d.type().keyword().replace("[]", "").length()) / 2;
        if (depth.containsKey(d.name()) && depth.get(d.name()) != dims || d.init() != null && !allocates(d.init())) {
          spoiled.add(d.name());
        }
        depth.put(d.name(), dims);
        if (d.init() != null) {
          entries(d.init(), spoiled);
        }
        continue;
      }
      if (s instanceof Java.Assign a && a.target() instanceof Java.Name n) {
        if (!allocates(a.value())) {
          spoiled.add(n.name());
        }
        entries(a.value(), spoiled);
        continue;
      }
      for (Java.Expr e : exprs(s)) {
        entries(e, spoiled);
      }
      arrays(children(s), depth, spoiled);
    }
  }

  /** Whether {@code e} makes a new array of zeros that nothing else holds. */
  private static boolean allocates(Java.Expr e) {
    return e instanceof Java.NewArray n && !n.dimensions().isEmpty()
        || e instanceof Java.Call c && c.owner() != null && c.owner().equals(Emitter.ADJOINTS) && c.method().equals("zerosLike");
  }

  /** Spoils the names {@code e} mentions other than as the array of an entry access. */
  private static void entries(Java.Expr e, Set<String> spoiled) {
    if (e instanceof Java.Name n) {
      spoiled.add(n.name());
      return;
    }
    if (e instanceof Java.ArrayRead) {
      Java.Expr x = e;
      while (x instanceof Java.ArrayRead r) {
        entries(r.index(), spoiled);
        x = r.array();
      }
      if (!(x instanceof Java.Name)) {
        entries(x, spoiled);
      }
      return;
    }
    for (Java.Expr part : ReverseCode.parts(e)) {
      entries(part, spoiled);
    }
  }

  private static void checkDepths(List<Java.Stmt> stmts, Map<String, Integer> depth, Set<String> spoiled) {
    for (Java.Stmt s : stmts) {
      for (Java.Expr e : exprs(s)) {
        checkDepth(e, depth, spoiled);
      }
      checkDepths(children(s), depth, spoiled);
    }
  }

  private static void checkDepth(Java.Expr e, Map<String, Integer> depth, Set<String> spoiled) {
    if (e instanceof Java.ArrayRead) {
      int n = 0;
      Java.Expr x = e;
      while (x instanceof Java.ArrayRead r) {
        checkDepth(r.index(), depth, spoiled);
        x = r.array();
        n++;
      }
      if (x instanceof Java.Name name && !Integer.valueOf(n).equals(depth.get(name.name()))) {
        spoiled.add(name.name());
      }
      if (!(x instanceof Java.Name)) {
        checkDepth(x, depth, spoiled);
      }
      return;
    }
    for (Java.Expr part : ReverseCode.parts(e)) {
      checkDepth(part, depth, spoiled);
    }
  }

  /**
   * {@code double x = 0.0;} or {@code x = 0.0;} followed, comments aside, by {@code x += y;} becomes
   * {@code double x = y;} or {@code x = y;} where the addition was ({@code -=} likewise, as {@code -y}),
   * when {@code y} does not read {@code x}.
   */
  private List<Java.Stmt> fold(List<Java.Stmt> stmts) {
    List<Java.Stmt> out = new ArrayList<>();
    for (Java.Stmt s : stmts) {
      s = nested(s);
      int k = out.size() - 1;
      while (k >= 0 && out.get(k) instanceof Java.Comment) {
        k--;
      }
      if (k >= 0 && s instanceof Java.Assign add && add.target() instanceof Java.Name x
          && (add.op().equals("+=") || add.op().equals("-="))) {
        Java.Expr value = add.op().equals("+=") ? add.value() : JavaExprs.neg(add.value());
        Set<String> read = new HashSet<>();
        reads(add.value(), read);
        Java.Stmt zero = out.get(k);
        if (!read.contains(x.name())) {
          if (zero instanceof Java.Declare d && d.name().equals(x.name()) && JavaExprs.ZERO.equals(d.init())) {
            out.remove(k);
            out.add(new Java.Declare(d.type(), d.name(), value));
            continue;
          }
          if (zero instanceof Java.Assign a && a.target().equals(x) && a.op().equals("=") && JavaExprs.ZERO.equals(a.value())) {
            out.remove(k);
            out.add(new Java.Assign(x, "=", value));
            continue;
          }
        }
      }
      out.add(s);
    }
    return out;
  }

  private Java.Stmt nested(Java.Stmt s) {
    if (s instanceof Java.If i) {
      return new Java.If(i.condition(), fold(i.then()), fold(i.otherwise()));
    }
    if (s instanceof Java.While w) {
      return new Java.While(w.condition(), fold(w.body()), w.testAfter());
    }
    if (s instanceof Java.CountDown c) {
      return new Java.CountDown(c.counter(), c.from(), fold(c.body()), c.upward());
    }
    if (s instanceof Java.CountUp c) {
      return new Java.CountUp(c.counter(), c.to(), fold(c.body()));
    }
    return s;
  }
}
