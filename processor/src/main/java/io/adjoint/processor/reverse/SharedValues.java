package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In a loop {@link SiblingLoops} fused, a value both halves compute is computed once. Each half computes
 * again what it reads of the forward sweep, and at the same position that is the same value: GMM's
 * column reverse computes {@code double t4 = x[ix1][i1] - means[ik_21][i1];} and the fill's reverse
 * {@code double t2 = x[ix1][id_21] - means[ik_21][id_21];} with {@code int id_21 = k6 - 1;} as {@code
 * int i1 = k6 - 1;}. The later declaration becomes a copy of the earlier local ({@code int id_21 = i1;},
 * then {@code double t2 = t4;}) where that is the same value:
 *
 * <ul>
 *   <li>both are defined at the top level of the iteration, declared (an int or a double, with the same
 *       type) or assigned ({@code i1 = k6 - 1;}, where the reverse sets a forward counter), each the only
 *       definition of its name in the iteration;
 *   <li>the initialisers are the same expression once each name already shared is read as the local it
 *       copies, calling nothing but {@code Math}'s functions (not {@code random}) and {@code
 *       Adjoints.rowStart}, creating nothing;
 *   <li>between the two, nothing assigns a name the initialiser reads, calls anything else or evaluates
 *       a statement for its effect, and every array stored into is the form's flat array or an adjoint
 *       array no other name reaches ({@link UnreadStores#freshArrays}), neither of which the initialiser
 *       reads. (The flat array is the caller's output; like every form, this one takes it to share no
 *       entry with an input.)
 * </ul>
 */
final class SharedValues {
  private final Set<String> fresh;
  private final String flat;

  private SharedValues(Set<String> fresh, String flat) {
    this.fresh = fresh;
    this.flat = flat;
  }

  /**
   * {@code body}, a fused iteration, with each definition that repeats an earlier one's value made a
   * copy of that local; {@code fresh}, the adjoint arrays no other name reaches, and {@code flat}, the
   * form's flat array (or null).
   */
  static List<Java.Stmt> share(List<Java.Stmt> body, Set<String> fresh, String flat) {
    return new SharedValues(fresh, flat).share(body);
  }

  private List<Java.Stmt> share(List<Java.Stmt> body) {
    Map<String, Integer> definitions = new HashMap<>();
    for (Java.Stmt s : body) {
      count(s, definitions);
    }
    List<Java.Stmt> out = new ArrayList<>(body);
    // a shared name -> the local it copies, and the definition from which it does (a name assigned, not
    // declared, may be read before it, where it holds the previous iteration's value)
    Map<String, Copy> copies = new HashMap<>();
    for (int k = 0; k < out.size(); k++) {
      Java.Expr value = value(out.get(k), definitions);
      if (value == null) {
        continue;
      }
      value = read(value, copies, k);
      for (int i = 0; i < k; i++) {
        Java.Expr earlier = value(out.get(i), definitions);
        if (earlier != null && read(earlier, copies, i).equals(value) && sameType(out.get(i), out.get(k))
            && unchanged(value, out.subList(i + 1, k))) {
          Java.Name copy = new Java.Name(defined(out.get(i)));
          out.set(k, out.get(k) instanceof Java.Declare d ? new Java.Declare(d.type(), d.name(), copy)
              : new Java.Assign(new Java.Name(defined(out.get(k))), "=", copy));
          copies.put(defined(out.get(k)), new Copy(copy.name(), k));
          break;
        }
      }
    }
    return out;
  }

  /**
   * The value {@code s} gives a local at the top level of the iteration, where it may be shared: an
   * int's or a double's declaration, or an assignment {@code name = e}, the only definition of the name
   * in the iteration, computed ({@code e} not a name or a literal) with nothing {@link ReverseCode#changesNothing}
   * rules out; else null.
   */
  private static Java.Expr value(Java.Stmt s, Map<String, Integer> definitions) {
    Java.Expr e;
    if (s instanceof Java.Declare d && (Java.JType.of(Type.INT).equals(d.type()) || Java.JType.of(Type.DOUBLE).equals(d.type()))) {
      e = d.init();
    } else if (s instanceof Java.Assign a && a.op().equals("=") && a.target() instanceof Java.Name) {
      e = a.value();
    } else {
      return null;
    }
    boolean once = definitions.getOrDefault(defined(s), 0) == 1;
    return once && e != null && !(e instanceof Java.Name) && !(e instanceof Java.Literal) && ReverseCode.changesNothing(e) ? e : null;
  }

  /** The name {@code s}, a {@link #value}, defines. */
  private static String defined(Java.Stmt s) {
    return s instanceof Java.Declare d ? d.name() : ((Java.Name) ((Java.Assign) s).target()).name();
  }

  /** Two declarations of one type, or a definition that is an assignment (the same expression: one type). */
  private static boolean sameType(Java.Stmt one, Java.Stmt two) {
    return !(one instanceof Java.Declare a && two instanceof Java.Declare b) || a.type().equals(b.type());
  }

  /**
   * Counts the definitions of each name in {@code s}, nested blocks included ({@link
   * RowStarts#definitions}): a loop's counter counts once, and, changing in each of its iterations, is
   * never a {@link #value} (a loop is no declaration or assignment).
   */
  private static void count(Java.Stmt s, Map<String, Integer> out) {
    RowStarts.definitions(s, name -> out.merge(name, 1, Integer::sum));
  }

  /** A name made a copy of {@code of} by the definition at {@code at}. */
  private record Copy(String of, int at) {}

  /** {@code e}, at {@code at} in the iteration, with each name shared before it read as the local it copies. */
  private static Java.Expr read(Java.Expr e, Map<String, Copy> copies, int at) {
    if (e instanceof Java.Name n && copies.containsKey(n.name()) && copies.get(n.name()).at() < at) {
      return new Java.Name(copies.get(n.name()).of());
    }
    return Java.mapOperands(e, part -> read(part, copies, at));
  }

  /** Whether {@code between} leaves {@code value} as it was: see the class comment. */
  private boolean unchanged(Java.Expr value, List<Java.Stmt> between) {
    Set<String> read = new HashSet<>();
    UnreadStores.names(value, read);
    Set<String> changed = new HashSet<>();
    for (Java.Stmt s : between) {
      RowStarts.assigned(s, changed);
      if (!storesSafely(s, read)) {
        return false;
      }
    }
    return read.stream().noneMatch(changed::contains);
  }

  /**
   * Whether {@code s} (nested blocks included) calls nothing but what {@link ReverseCode#changesNothing} allows,
   * evaluates nothing for its effect, and stores only into the flat array or a fresh adjoint array,
   * none of them in {@code read}.
   */
  private boolean storesSafely(Java.Stmt s, Set<String> read) {
    if (s instanceof Java.Eval || s instanceof Java.Return) {
      return false;
    }
    if (s instanceof Java.Assign a && a.target() instanceof Java.ArrayRead) {
      String array = UnreadStores.base(a.target());
      if (array == null || !(array.equals(flat) || fresh.contains(array)) || read.contains(array)) {
        return false;
      }
    }
    for (Java.Expr e : UnreadStores.exprs(s)) {
      if (!ReverseCode.changesNothing(e)) {
        return false;
      }
    }
    for (List<Java.Stmt> block : Java.blocks(s)) {
      for (Java.Stmt inner : block) {
        if (!storesSafely(inner, read)) {
          return false;
        }
      }
    }
    return true;
  }
}
