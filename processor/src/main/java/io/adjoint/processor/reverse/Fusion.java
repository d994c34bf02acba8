package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ir.UnaryOp;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.ssa.Node;
import io.adjoint.processor.ssa.Scope;
import io.adjoint.processor.ssa.SsaProgram;
import io.adjoint.processor.ssa.SsaStatement;
import io.adjoint.processor.ssa.SsaValue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which loops can run the reverse of each iteration inside the forward loop, in the same iteration, so
 * that the gradient makes one pass over the data where it would make two.
 *
 * <p>A loop qualifies when its iterations' reverse steps do not depend on one another or on anything
 * computed after the loop: every active variable it carries is an accumulator, {@code s = s + term} or
 * {@code s = s − term}, read nowhere else in the loop, and the method's result depends on each such
 * variable's final value affinely, through sums, differences, negation and products with or quotients
 * by values known before the loop. Then the adjoint of every accumulator is the same in every iteration
 * and is known before the loop runs: the seed times the coefficient of the accumulator in the result.
 *
 * <p>The body is statements, ifs and inner loops (whose reverse runs, as any loop's, from what their
 * iterations pushed, within the iteration); the arrays it stores into must be scratch space for its
 * iterations ({@link ScratchArrays}), so that reverse code never reads an adjoint entry another iteration
 * wrote. The code after the loop may run loops and ifs that read no accumulator, and must neither read
 * an array the loop stores into nor store into one the loop reads (the store's reverse would reset an
 * adjoint entry the loop's reverse has already added into), nor into one a coefficient reads.
 *
 * <p>This is the loop of a sum of independent terms: a dot product, a sum of squares, Rosenbrock's
 * function, a log-likelihood summed over data points, a loss summed over the rows of a data set.
 */
final class Fusion {
  private Fusion() {}

  /** A value that is not an affine function of the loop's accumulators. */
  private static final class NotAffine extends Exception {
    NotAffine() {
      super(null, null, false, false);
    }
  }

  /**
   * For a loop that qualifies, the final adjoint of each active header, as an expression of values known
   * before the loop (without the seed); null for a loop that does not.
   *
   * @param after what the path runs after the loop, ending in its return
   * @param result the method's result
   * @param available whether a value is defined before the loop and visible where the loop is written
   * @param expr writes a node of values known before the loop as Java
   */
  static Map<SsaValue, Java.Expr> exitAdjoints(
      SsaStatement.Loop l,
      List<SsaStatement> after,
      SsaValue result,
      Predicate<SsaValue> available,
      Function<Node, Java.Expr> expr,
      Function<SsaValue, Node> definition) {
    if (after.isEmpty() || !(after.get(after.size() - 1) instanceof SsaStatement.Group last) || !last.isReturn()) {
      return null;
    }
    List<SsaValue> accumulators = new ArrayList<>();
    for (SsaValue h : l.headers()) {
      SsaValue r = h.resolve();
      if (!r.active()) {
        continue;
      }
      if (r.type != Type.DOUBLE || !accumulator(l, r)) {
        return null;
      }
      accumulators.add(r);
    }
    if (!straight(l.body()) || readsInnerHeader(l) || !ScratchArrays.scratch(l, definition)) {
      return null;
    }
    // the loop's arrays: after it, none it stores into is read, and none it reads is stored into
    Set<SsaValue> loopStores = resolved(List.of(l), true);
    Set<SsaValue> loopArrays = resolved(List.of(l), false);
    loopArrays.addAll(loopStores);
    if (accumulators.isEmpty()) {
      return null;
    }

    Map<SsaValue, Map<SsaValue, Java.Expr>> affine = new IdentityHashMap<>();
    for (SsaValue h : accumulators) {
      affine.put(h, Map.of(h, JavaExprs.ONE));
    }
    // a coefficient is computed before the loop: from no array that code after the loop changes
    Set<SsaValue> changedAfter = resolved(after, true);
    Predicate<Node> known = n -> known(n, available, l) && !readsAny(n, changedAfter);
    // coefficients are doubles: an int factor is widened, or (k / n) would divide as integers
    Function<Node, Java.Expr> asDouble =
        n -> expr.apply(n.type() == Type.DOUBLE ? n : new Node.Cast(Type.DOUBLE, n, false));
    try {
      for (SsaStatement f : after) {
        List<SsaStatement> one = List.of(f);
        if (!java.util.Collections.disjoint(resolved(one, true), loopArrays)
            || !java.util.Collections.disjoint(resolved(one, false), loopStores)) {
          return null;
        }
        if (f instanceof SsaStatement.Loop || (f instanceof SsaStatement.If i && !i.tail())) {
          // its reverse adds into adjoints the loop's reverse adds into, in another order; it may read
          // no accumulator, which would make the result depend on one otherwise than affinely
          for (SsaValue accumulated : affine.keySet()) {
            int[] reads = {0};
            countIn(one, accumulated, reads);
            if (reads[0] > 0) {
              return null;
            }
          }
          continue;
        }
        if (!(f instanceof SsaStatement.Group g)) {
          return null;
        }
        for (SsaStatement part : g.parts()) {
          if (part instanceof SsaStatement.Def d) {
            Map<SsaValue, Java.Expr> form = form(d.expr(), affine, known, asDouble);
            for (Java.Expr c : form.values()) {
              // a value used twice doubles its coefficient's expression: past a few, not worth writing
              if (!within(c, new int[] {MAX_COEFFICIENT})) {
                return null;
              }
            }
            if (!form.isEmpty()) {
              affine.put(d.target().resolve(), form);
            }
          } else if (part instanceof SsaStatement.Call c) {
            for (Node a : c.args()) {
              if (!form(a, affine, known, asDouble).isEmpty()) {
                return null;
              }
            }
          } else if (part instanceof SsaStatement.Store st && !form(st.value(), affine, known, asDouble).isEmpty()) {
            return null;
          }
        }
      }
    } catch (NotAffine e) {
      return null;
    }
    Map<SsaValue, Java.Expr> out = new LinkedHashMap<>();
    Map<SsaValue, Java.Expr> resultForm = affine.getOrDefault(result.resolve(), Map.of());
    for (SsaValue h : accumulators) {
      out.put(h, resultForm.getOrDefault(h, JavaExprs.ZERO));
    }
    return out;
  }

  /**
   * The arrays {@code code} stores into ({@code stores}), or those it reads (at any depth, resolved).
   * A store's reverse reads and resets an entry's adjoint, so one after the loop into an array the loop
   * reads would reset what the loop's reverse already added.
   */
  private static Set<SsaValue> resolved(List<SsaStatement> code, boolean stores) {
    Set<SsaValue> out = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    if (stores) {
      Set<SsaValue> arrays = new java.util.LinkedHashSet<>();
      SsaStatement.stored(code, arrays);
      arrays.forEach(a -> out.add(a.resolve()));
    } else {
      readArrays(code, out);
    }
    return out;
  }

  private static void readArrays(List<SsaStatement> code, Set<SsaValue> out) {
    SsaStatement.each(code, f -> SsaStatement.nodes(f).forEach(e -> readArrays(e, out)));
  }

  private static boolean readsAny(Node n, Set<SsaValue> arrays) {
    Set<SsaValue> read = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    readArrays(n, read);
    return !java.util.Collections.disjoint(read, arrays);
  }

  private static void readArrays(Node n, Set<SsaValue> out) {
    if (n instanceof Node.Ref r && r.val().resolve().type.isArray()) {
      out.add(r.val().resolve());
    }
    Node.children(n).forEach(c -> readArrays(c, out));
  }

  /**
   * Whether code is statements, ifs and loops: no if that ends the method. An inner loop's reverse runs,
   * as the reverse of any loop does, after the rest of the iteration's forward code, from what its
   * forward iterations pushed onto the tape: within one iteration of the fused loop, so the tape holds
   * at most one iteration's values.
   */
  private static boolean straight(List<SsaStatement> code) {
    for (SsaStatement f : code) {
      if (f instanceof SsaStatement.Group) {
        continue;
      } else if (f instanceof SsaStatement.If i) {
        if (i.tail() || !straight(i.then()) || !straight(i.otherwise())) {
          return false;
        }
      } else if (f instanceof SsaStatement.Loop inner) {
        if (!straight(inner.body())) {
          return false;
        }
      } else {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the loop's copy backs read a header of a loop inside its body. The reverse of that inner
   * loop, written before the copy backs, sets its headers again (to each iteration's value, popped or
   * counted), so the copy back would read the wrong one.
   */
  private static boolean readsInnerHeader(SsaStatement.Loop l) {
    List<SsaValue> inner = new ArrayList<>();
    innerHeaders(l.body(), inner);
    for (SsaStatement f : l.copyBacks()) {
      Node read = ((SsaStatement.Def) f).expr();
      for (SsaValue h : inner) {
        if (count(read, h.resolve()) > 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static void innerHeaders(List<SsaStatement> code, List<SsaValue> out) {
    for (SsaStatement f : code) {
      if (f instanceof SsaStatement.If i) {
        innerHeaders(i.then(), out);
        innerHeaders(i.otherwise(), out);
      } else if (f instanceof SsaStatement.Loop inner) {
        out.addAll(inner.headers());
        innerHeaders(inner.body(), out);
      }
    }
  }

  /** The most nodes a coefficient may have, written out: it is computed once, before the loop. */
  private static final int MAX_COEFFICIENT = 64;

  /** Whether {@code e}, written out as a tree, has at most {@code budget[0]} nodes; stops counting past it. */
  private static boolean within(Java.Expr e, int[] budget) {
    if (--budget[0] < 0) {
      return false;
    }
    for (Java.Expr part : ReverseCode.parts(e)) {
      if (!within(part, budget)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether active header {@code h} only accumulates: the loop sets it by {@code h = next}, where every
   * definition of {@code next} (one per path through the body's ifs) is {@code h ± term} or {@code h},
   * and nothing else reads {@code h} or {@code next}.
   */
  static boolean accumulator(SsaStatement.Loop l, SsaValue h) {
    SsaValue next = null;
    for (SsaStatement f : l.copyBacks()) {
      SsaStatement.Def d = (SsaStatement.Def) f;
      if (d.target().resolve() == h) {
        if (!(d.expr() instanceof Node.Ref r) || next != null) {
          return false;
        }
        next = r.val().resolve();
      }
    }
    if (next == null) {
      return false;
    }
    List<SsaStatement.Def> definitions = new ArrayList<>();
    definitions(l.body(), next, definitions);
    for (SsaStatement.Def d : definitions) {
      Node e = d.expr();
      boolean accumulates = refersTo(e, h)
          || (e instanceof Node.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
              && (refersTo(b.left(), h) || (b.op() == BinaryOp.ADD && refersTo(b.right(), h))));
      if (!accumulates) {
        return false;
      }
    }
    // h once in each definition of next, and next once (in the copy back)
    return !definitions.isEmpty() && count(l, h) == definitions.size() && count(l, next) == 1;
  }

  private static void definitions(List<SsaStatement> code, SsaValue v, List<SsaStatement.Def> out) {
    for (SsaStatement f : code) {
      if (f instanceof SsaStatement.Group g) {
        definitions(g.parts(), v, out);
      } else if (f instanceof SsaStatement.Def d && d.target().resolve() == v) {
        out.add(d);
      } else if (f instanceof SsaStatement.If i) {
        definitions(i.then(), v, out);
        definitions(i.otherwise(), v, out);
      }
    }
  }

  private static boolean refersTo(Node n, SsaValue v) {
    return n instanceof Node.Ref r && r.val().resolve() == v;
  }

  /** How many times the loop's condition, body and copy backs read {@code v}. */
  private static int count(SsaStatement.Loop l, SsaValue v) {
    int[] n = {count(l.condition(), v)};
    countIn(l.body(), v, n);
    countIn(l.copyBacks(), v, n);
    return n[0];
  }

  private static void countIn(List<SsaStatement> code, SsaValue v, int[] n) {
    SsaStatement.each(code, f -> SsaStatement.nodes(f).forEach(e -> n[0] += count(e, v)));
  }

  private static int count(Node n, SsaValue v) {
    if (n instanceof Node.Ref r) {
      return r.val().resolve() == v ? 1 : 0;
    }
    if (n instanceof Node.CallValue c) {
      return (c.record().resolve() == v ? 1 : 0) + c.args().stream().mapToInt(a -> count(a, v)).sum();
    }
    int total = 0;
    for (Node child : Node.children(n)) {
      total += count(child, v);
    }
    return total;
  }

  /** Whether a node's value is known before the loop: it reads only values defined before it. */
  private static boolean known(Node n, Predicate<SsaValue> available, SsaStatement.Loop l) {
    if (n instanceof Node.Ref r) {
      SsaValue v = r.val().resolve();
      return available.test(v) && !l.headers().contains(v);
    }
    if (n instanceof Node.CallValue || n instanceof Node.CustomCall || n instanceof Node.NewArray) {
      return false;
    }
    return Node.children(n).stream().allMatch(c -> known(c, available, l));
  }

  /**
   * The coefficients of {@code n} in the accumulators' final values, empty when it depends on none.
   *
   * @throws NotAffine when it depends on one in another way than affinely, with coefficients known
   *     before the loop
   */
  private static Map<SsaValue, Java.Expr> form(
      Node n, Map<SsaValue, Map<SsaValue, Java.Expr>> affine, Predicate<Node> known, Function<Node, Java.Expr> expr)
      throws NotAffine {
    if (n instanceof Node.Ref r) {
      return affine.getOrDefault(r.val().resolve(), Map.of());
    }
    if (n instanceof Node.Binary b && n.type() == Type.DOUBLE) {
      Map<SsaValue, Java.Expr> left = form(b.left(), affine, known, expr);
      Map<SsaValue, Java.Expr> right = form(b.right(), affine, known, expr);
      switch (b.op()) {
        case ADD -> {
          return sum(left, right, false);
        }
        case SUB -> {
          return sum(left, right, true);
        }
        case MUL -> {
          if (!left.isEmpty() && right.isEmpty() && known.test(b.right())) {
            return scale(left, c -> JavaExprs.mul(c, expr.apply(b.right())));
          }
          if (left.isEmpty() && !right.isEmpty() && known.test(b.left())) {
            return scale(right, c -> JavaExprs.mul(expr.apply(b.left()), c));
          }
        }
        case DIV -> {
          if (!left.isEmpty() && right.isEmpty() && known.test(b.right())) {
            return scale(left, c -> JavaExprs.div(c, expr.apply(b.right())));
          }
        }
        default -> {}
      }
      if (left.isEmpty() && right.isEmpty()) {
        return Map.of();
      }
      throw new NotAffine();
    }
    if (n instanceof Node.Unary u && n.type() == Type.DOUBLE
        && (u.op() == UnaryOp.NEG || u.op() == UnaryOp.PLUS)) {
      Map<SsaValue, Java.Expr> operand = form(u.operand(), affine, known, expr);
      return u.op() == UnaryOp.NEG ? scale(operand, JavaExprs::neg) : operand;
    }
    for (Node child : Node.children(n)) {
      if (!form(child, affine, known, expr).isEmpty()) {
        throw new NotAffine();
      }
    }
    if (n instanceof Node.CallValue c && affine.containsKey(c.record().resolve())) {
      throw new NotAffine();
    }
    return Map.of();
  }

  private static Map<SsaValue, Java.Expr> sum(Map<SsaValue, Java.Expr> a, Map<SsaValue, Java.Expr> b, boolean minus) {
    if (b.isEmpty()) {
      return a;
    }
    Map<SsaValue, Java.Expr> out = new LinkedHashMap<>(a);
    for (Map.Entry<SsaValue, Java.Expr> e : b.entrySet()) {
      Java.Expr c = minus ? JavaExprs.neg(e.getValue()) : e.getValue();
      out.merge(e.getKey(), c, JavaExprs::add);
    }
    return out;
  }

  private static Map<SsaValue, Java.Expr> scale(
      Map<SsaValue, Java.Expr> form, java.util.function.UnaryOperator<Java.Expr> by) {
    Map<SsaValue, Java.Expr> out = new LinkedHashMap<>();
    form.forEach((v, c) -> out.put(v, by.apply(c)));
    return out;
  }
}
