package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.rules.JavaExprs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link SummedAdjoints} needs to know of the values in one part of an outer loop's iteration
 * (the <em>region</em>): which are the same in every iteration of the outer loop, and which are linear
 * in the entries of the <em>seed</em> arrays, adjoint arrays the outer loop fills anew in each iteration,
 * with coefficients that are the same in every iteration.
 *
 * <p>A value is {@link Kind#SAME} when it is computed, in the region, from literals, the region's own
 * loop counters, names the outer loop never assigns, entries of arrays it never stores into (and which
 * nothing it stores into can reach: {@link SummedAdjoints} checks that) and {@code Math}'s functions of
 * them; {@link Kind#LINEAR} when it is a seed's entry at such an index, or a sum, difference or
 * negation of linear values, or a linear value times or divided by a same one. A local of the region
 * takes the kind of all its definitions together, and a definition under a condition or in a loop
 * whose bound is not the same in every iteration is {@link Kind#OTHER}. Everything else is {@link
 * Kind#OTHER}: that is what keeps the transformation sound, so anything not recognised lands there.
 */
final class Linearity {
  /** The kinds, from the least known: {@code ZERO} is the literal zero, both same and linear. */
  enum Kind {
    ZERO,
    SAME,
    LINEAR,
    OTHER;

    Kind join(Kind other) {
      if (this == other || other == ZERO) {
        return this;
      } else if (this == ZERO) {
        return other;
      }
      return OTHER;
    }

    boolean same() {
      return this == ZERO || this == SAME;
    }
  }

  private final Set<String> seeds;
  /** Names the region reads that the outer loop never defines and that are declared outside it. */
  private final java.util.function.Predicate<String> unchangedOutside;
  /** Arrays whose entries are the same in every iteration of the outer loop (see the class comment). */
  private final java.util.function.Predicate<String> unchangedArray;
  /** The kind of each of the region's locals (its declarations, its loops' counters). */
  final Map<String, Kind> locals = new HashMap<>();

  Linearity(
      Set<String> seeds,
      java.util.function.Predicate<String> unchangedOutside,
      java.util.function.Predicate<String> unchangedArray) {
    this.seeds = seeds;
    this.unchangedOutside = unchangedOutside;
    this.unchangedArray = unchangedArray;
  }

  /**
   * Gives each of the region's {@code locals} (already entered, as {@link Kind#ZERO}) the kind of all
   * its definitions in {@code region}, repeating until no kind changes (a loop's locals may be read
   * before they are defined in an iteration).
   */
  void settle(List<Java.Stmt> region) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Java.Stmt s : region) {
        changed |= define(s, Kind.SAME);
      }
    }
  }

  /** Joins the kinds of the definitions in {@code s} into {@link #locals}; whether one changed. */
  private boolean define(Java.Stmt s, Kind context) {
    boolean changed = false;
    if (s instanceof Java.Declare d && d.init() != null) {
      changed = join(d.name(), restrict(kind(d.init()), context));
    } else if (s instanceof Java.Assign a && a.target() instanceof Java.Name n && locals.containsKey(n.name())) {
      Kind value = kind(a.value());
      Kind total = a.op().equals("=") ? value : sum(locals.get(n.name()), value);
      changed = join(n.name(), restrict(total, context));
    }
    Kind inner = inside(s, context);
    if (s instanceof Java.CountDown c) {
      changed = join(c.counter(), inner.same() ? Kind.SAME : Kind.OTHER);
    } else if (s instanceof Java.CountUp c) {
      changed = join(c.counter(), inner.same() ? Kind.SAME : Kind.OTHER);
    }
    for (List<Java.Stmt> block : Java.blocks(s)) {
      for (Java.Stmt nested : block) {
        changed |= define(nested, inner);
      }
    }
    return changed;
  }

  /** A definition's kind where it runs under conditions and loop bounds of kind {@code context}. */
  static Kind restrict(Kind kind, Kind context) {
    return context.same() ? kind : Kind.OTHER;
  }

  /** The context inside {@code s}'s blocks, given the context {@code s} runs in. */
  Kind inside(Java.Stmt s, Kind context) {
    Java.Expr governing = s instanceof Java.If i ? i.condition()
        : s instanceof Java.While w ? w.condition()
        : s instanceof Java.CountDown c ? c.from()
        : s instanceof Java.CountUp c ? c.to()
        : null;
    return governing == null || restrict(kind(governing), context).same() ? context : Kind.OTHER;
  }

  private boolean join(String name, Kind kind) {
    Kind was = locals.getOrDefault(name, Kind.ZERO);
    Kind now = was.join(kind);
    locals.put(name, now);
    return now != was;
  }

  /** The kind of {@code e} with the locals' kinds as they stand. */
  Kind kind(Java.Expr e) {
    if (e instanceof Java.Literal) {
      return JavaExprs.isZero(e) ? Kind.ZERO : Kind.SAME;
    } else if (e instanceof Java.Name n) {
      Kind local = locals.get(n.name());
      return local != null ? local : unchangedOutside.test(n.name()) ? Kind.SAME : Kind.OTHER;
    } else if (e instanceof Java.Binary b) {
      return binary(b.op(), kind(b.left()), kind(b.right()));
    } else if (e instanceof Java.Unary u) {
      Kind operand = kind(u.operand());
      return u.op().equals("-") ? operand : operand.same() && u.op().equals("!") ? Kind.SAME : Kind.OTHER;
    } else if (e instanceof Java.Cast c) {
      Kind operand = kind(c.operand());
      return c.type() == Type.DOUBLE ? operand : operand.same() && c.ref() == null ? Kind.SAME : Kind.OTHER;
    } else if (e instanceof Java.Conditional c) {
      return kind(c.condition()).same() ? kind(c.ifTrue()).join(kind(c.ifFalse())) : Kind.OTHER;
    } else if (e instanceof Java.Call c) {
      boolean known = c.target() == null && ReverseCode.sameEachTime(c);
      return known && c.args().stream().allMatch(a -> kind(a).same()) ? Kind.SAME : Kind.OTHER;
    } else if (e instanceof Java.FieldRead f) {
      if (f.target() == null) {
        // Math.PI and Math.E; another class's static field, constant or not, is not ours to say
        return io.adjoint.processor.ir.ClassRef.MATH.equals(f.owner()) ? Kind.SAME : Kind.OTHER;
      }
      return f.name().equals("length") && f.target() instanceof Java.Name n && lengthUnchanged(n.name())
          ? Kind.SAME : Kind.OTHER;
    } else if (e instanceof Java.ArrayRead r) {
      return entry(r);
    }
    return Kind.OTHER;
  }

  private boolean lengthUnchanged(String array) {
    return !locals.containsKey(array) && (unchangedOutside.test(array) || seeds.contains(array));
  }

  /** A seed's entry is linear, an unchanged array's entry the same; at same indices only. */
  private Kind entry(Java.ArrayRead r) {
    Java.Expr x = r;
    while (x instanceof Java.ArrayRead a) {
      if (!kind(a.index()).same()) {
        return Kind.OTHER;
      }
      x = a.array();
    }
    if (!(x instanceof Java.Name n) || locals.containsKey(n.name())) {
      return Kind.OTHER;
    }
    if (seeds.contains(n.name())) {
      return r.array() instanceof Java.Name ? Kind.LINEAR : Kind.OTHER;
    }
    return unchangedArray.test(n.name()) ? Kind.SAME : Kind.OTHER;
  }

  private static Kind binary(BinaryOp op, Kind left, Kind right) {
    switch (op) {
      case ADD, SUB -> {
        return sum(left, right);
      }
      case MUL -> {
        if (left.same() && right.same()) {
          return Kind.SAME;
        }
        return left.same() && right == Kind.LINEAR || left == Kind.LINEAR && right.same() ? Kind.LINEAR : Kind.OTHER;
      }
      case DIV -> {
        if (left.same() && right.same()) {
          return Kind.SAME;
        }
        return left == Kind.LINEAR && right.same() ? Kind.LINEAR : Kind.OTHER;
      }
      default -> {
        return left.same() && right.same() ? Kind.SAME : Kind.OTHER;
      }
    }
  }

  /** The kind of a sum or difference: linear plus same is affine, which is {@link Kind#OTHER}. */
  private static Kind sum(Kind left, Kind right) {
    if (left == Kind.ZERO) {
      return right;
    } else if (right == Kind.ZERO) {
      return left;
    } else if (left.same() && right.same()) {
      return Kind.SAME;
    }
    return left == Kind.LINEAR && right == Kind.LINEAR ? Kind.LINEAR : Kind.OTHER;
  }
}
