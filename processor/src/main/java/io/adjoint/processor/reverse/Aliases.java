package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.Java;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which arrays of a generated body another name can reach, and what an outer loop stores into: what
 * {@link SummedAdjoints} must know to say that an array the loop does not store into by name keeps its
 * entries through the loop.
 */
final class Aliases {
  private Aliases() {}

  /**
   * Records each local's declared type in {@code types}; in {@code unaliased} the locals whose every
   * definition is a new array ({@code new double[n]}, {@code Adjoints.zerosLike}, the tape's {@code array},
   * {@code matrix}, {@code zerosLike}) or the tape's doubles (also in {@code tapeArrays}), and every
   * mention an entry ({@code a[i]}, {@code m[i][j]}, to the last dimension) or a length.
   */
  static void find(List<Java.Stmt> body, String tape, Map<String, Java.JType> types, Set<String> unaliased, Set<String> tapeArrays) {
    Set<String> made = new HashSet<>();
    Set<String> spoiled = new HashSet<>();
    walk(body, tape, types, made, tapeArrays, spoiled);
    for (String name : made) {
      if (!spoiled.contains(name)) {
        unaliased.add(name);
      }
    }
    tapeArrays.retainAll(unaliased);
  }

  private static void walk(
      List<Java.Stmt> stmts, String tape, Map<String, Java.JType> types, Set<String> made, Set<String> tapeArrays, Set<String> spoiled) {
    for (Java.Stmt s : stmts) {
      if (s instanceof Java.Declare d) {
        if (types.containsKey(d.name()) && !types.get(d.name()).equals(d.type())) {
          spoiled.add(d.name()); // two locals of one name and different types: keep out of it
        }
        types.putIfAbsent(d.name(), d.type());
        if (d.init() != null) {
          define(d.name(), d.init(), tape, made, tapeArrays, spoiled);
        }
      } else if (s instanceof Java.Assign a && a.target() instanceof Java.Name n) {
        define(n.name(), a.value(), tape, made, tapeArrays, spoiled);
      }
      for (Java.Expr e : expressions(s)) {
        mentions(e, types, spoiled, false);
      }
      for (List<Java.Stmt> block : Java.blocks(s)) {
        walk(block, tape, types, made, tapeArrays, spoiled);
      }
    }
  }

  private static void define(String name, Java.Expr value, String tape, Set<String> made, Set<String> tapeArrays, Set<String> spoiled) {
    if (tapeCall(value, tape, "doubles")) {
      made.add(name);
      tapeArrays.add(name);
    } else if (value instanceof Java.NewArray n && !n.dimensions().isEmpty()
        || value instanceof Java.Call c && c.owner() != null && c.owner().equals(Emitter.ADJOINTS) && c.method().equals("zerosLike")
        || tapeCall(value, tape, "array") || tapeCall(value, tape, "matrix") || tapeCall(value, tape, "zerosLike")) {
      made.add(name);
    } else {
      spoiled.add(name);
    }
  }

  private static boolean tapeCall(Java.Expr e, String tape, String method) {
    return e instanceof Java.Call c && c.target() instanceof Java.Name n && n.name().equals(tape) && c.method().equals(method);
  }

  /**
   * The expressions of {@code s} itself that read or store: a store's target (its indices read, its array
   * stored into), never the name a declaration or an assignment to a name defines.
   */
  static List<Java.Expr> expressions(Java.Stmt s) {
    List<Java.Expr> out = new ArrayList<>(UnreadStores.exprs(s));
    if (s instanceof Java.Declare || s instanceof Java.CountDown || s instanceof Java.CountUp
        || s instanceof Java.Assign a && a.target() instanceof Java.Name) {
      out.remove(0); // the name it defines, which UnreadStores.exprs lists first
    }
    out.removeIf(java.util.Objects::isNull); // a return without a value
    return out;
  }

  /** Spoils each array {@code e} mentions other than as an entry or, where {@code length}, a length. */
  private static void mentions(Java.Expr e, Map<String, Java.JType> types, Set<String> spoiled, boolean length) {
    if (e instanceof Java.Name n) {
      if (!length) {
        spoiled.add(n.name());
      }
      return;
    }
    if (e instanceof Java.FieldRead f && f.target() != null && f.name().equals("length")) {
      mentions(f.target(), types, spoiled, true);
      return;
    }
    if (e instanceof Java.ArrayRead) {
      int depth = 0;
      Java.Expr x = e;
      while (x instanceof Java.ArrayRead r) {
        mentions(r.index(), types, spoiled, false);
        depth++;
        x = r.array();
      }
      if (x instanceof Java.Name n) {
        Java.JType type = types.get(n.name());
        int dims = type == null || type.keyword() == null ? -1 : (type.keyword().length() - type.keyword().replace("[]", "").length()) / 2;
        if (!length && depth != dims) {
          spoiled.add(n.name());
        }
      } else {
        mentions(x, types, spoiled, false);
      }
      return;
    }
    for (Java.Expr part : ReverseCode.parts(e)) {
      mentions(part, types, spoiled, false);
    }
  }

  /**
   * Whether loop {@code outer} may have a map taken out of it: it does not return, creates no object,
   * calls nothing but {@code Math}'s functions, {@code Adjoints.rowStart} and the tape's methods, and
   * stores only into the {@code sinks} (by additions, nothing else in it mentioning them) and into
   * {@code unaliased} arrays; the arrays it stores into are added to {@code stored}.
   */
  static boolean safe(Java.Stmt outer, Set<String> sinks, String tape, Set<String> unaliased, Set<String> tapeArrays, Set<String> stored) {
    if (outer instanceof Java.Return) {
      return false;
    }
    if (outer instanceof Java.Assign a && !(a.target() instanceof Java.Name)) {
      String root = UnreadStores.base(a.target());
      if (root == null || (sinks.contains(root) ? a.op().equals("=") : !unaliased.contains(root))) {
        return false;
      }
      stored.add(root);
      Java.Expr x = a.target();
      while (x instanceof Java.ArrayRead r) {
        if (!allowed(r.index(), sinks, tape)) {
          return false;
        }
        x = r.array();
      }
      if (!allowed(a.value(), sinks, tape)) {
        return false;
      }
    } else {
      for (Java.Expr e : expressions(outer)) {
        if (!allowed(e, sinks, tape)) {
          return false;
        }
      }
    }
    for (List<Java.Stmt> block : Java.blocks(outer)) {
      for (Java.Stmt s : block) {
        if (!safe(s, sinks, tape, unaliased, tapeArrays, stored)) {
          return false;
        }
      }
    }
    return true;
  }

  /** No object made, no call but the allowed ones, no mention of a sink. */
  private static boolean allowed(Java.Expr e, Set<String> sinks, String tape) {
    if (e instanceof Java.New || e instanceof Java.Name n && sinks.contains(n.name())) {
      return false;
    }
    if (e instanceof Java.Call c) {
      boolean tapes = c.target() instanceof Java.Name n && n.name().equals(tape);
      if (!tapes && !(c.target() == null && ReverseCode.sameEachTime(c))) {
        return false;
      }
    }
    return ReverseCode.parts(e).stream().allMatch(part -> allowed(part, sinks, tape));
  }

  /**
   * Of the {@code stored} arrays, those {@code unaliased} (not the tape's) that loop {@code outer} mentions
   * only to add into their entries ({@code a[i] += …}, {@code a[i] -= …}): what it adds into them may as
   * well be added after it.
   */
  static Set<String> onlyAddedInto(Java.Stmt outer, Set<String> stored, Set<String> unaliased, Set<String> tapeArrays) {
    Map<String, Integer> mentions = LoopBody.mentions(List.of(outer));
    Map<String, Integer> additions = new java.util.HashMap<>();
    additions(outer, additions);
    Set<String> out = new HashSet<>();
    for (String array : stored) {
      if (unaliased.contains(array) && !tapeArrays.contains(array) && mentions.get(array).equals(additions.get(array))) {
        out.add(array);
      }
    }
    return out;
  }

  private static void additions(Java.Stmt s, Map<String, Integer> out) {
    if (s instanceof Java.Assign a && !a.op().equals("=") && !(a.target() instanceof Java.Name)) {
      String root = UnreadStores.base(a.target());
      if (root != null) {
        out.merge(root, 1, Integer::sum);
      }
    }
    for (List<Java.Stmt> block : Java.blocks(s)) {
      for (Java.Stmt inner : block) {
        additions(inner, out);
      }
    }
  }

  /** Adds the arrays {@code s} stores into (nested blocks included) to {@code out}. */
  static void storedInto(Java.Stmt s, Set<String> out) {
    if (s instanceof Java.Assign a && !(a.target() instanceof Java.Name)) {
      String root = UnreadStores.base(a.target());
      if (root != null) {
        out.add(root);
      }
    }
    for (List<Java.Stmt> block : Java.blocks(s)) {
      for (Java.Stmt inner : block) {
        storedInto(inner, out);
      }
    }
  }

  /** Adds the names {@code s} declares, its loops' counters among them, nested blocks included. */
  static void declared(Java.Stmt s, Set<String> out) {
    if (s instanceof Java.Declare d) {
      out.add(d.name());
    } else if (s instanceof Java.CountDown c) {
      out.add(c.counter());
    } else if (s instanceof Java.CountUp c) {
      out.add(c.counter());
    }
    for (List<Java.Stmt> block : Java.blocks(s)) {
      for (Java.Stmt inner : block) {
        declared(inner, out);
      }
    }
  }
}
