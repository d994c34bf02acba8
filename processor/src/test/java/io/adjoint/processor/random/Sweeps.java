package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.ARead;
import io.adjoint.processor.random.Ast.And;
import io.adjoint.processor.random.Ast.AssignD;
import io.adjoint.processor.random.Ast.AssignI;
import io.adjoint.processor.random.Ast.B;
import io.adjoint.processor.random.Ast.Bin;
import io.adjoint.processor.random.Ast.Cmp;
import io.adjoint.processor.random.Ast.D;
import io.adjoint.processor.random.Ast.DeclD;
import io.adjoint.processor.random.Ast.DeclI;
import io.adjoint.processor.random.Ast.For;
import io.adjoint.processor.random.Ast.I;
import io.adjoint.processor.random.Ast.IBin;
import io.adjoint.processor.random.Ast.ICmp;
import io.adjoint.processor.random.Ast.ICond;
import io.adjoint.processor.random.Ast.ILen;
import io.adjoint.processor.random.Ast.ILit;
import io.adjoint.processor.random.Ast.IOfD;
import io.adjoint.processor.random.Ast.IVar;
import io.adjoint.processor.random.Ast.If;
import io.adjoint.processor.random.Ast.Jump;
import io.adjoint.processor.random.Ast.S;
import io.adjoint.processor.random.Ast.Seq;
import io.adjoint.processor.random.Ast.SweepMiss;
import io.adjoint.processor.random.Ast.Var;
import io.adjoint.processor.random.Ast.While;
import io.adjoint.processor.random.MethodState.VarInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sweeps (see {@link #sweep}): a loop at the top level of a first-order program returning double, over
 * one or two {@code double[]} parameters reserved for it, which reads them only at its counter plus a
 * constant ({@code a[i - 1]}, {@code a[i]}, {@code a[i + 1]}, {@code a[i + 2]}) and adds nonlinear terms of
 * them into a fresh accumulator that every later return adds. It is the shape whose Into form stores the
 * first contribution to each entry of the arrays' partials instead of zeroing them and adding (the
 * processor's {@code reverse/FirstStores}), zeroing only the entries the loop does not reach ({@code
 * Adjoints.zeroOutside}); the near misses ({@link SweepMiss}) are the shapes next to it, where the Into
 * form must add into zeros or may. The reserved arrays are out of reach of the random statements and
 * expressions, as a nested reduction's accumulator is ({@link NestedReductions}), so that nothing but the
 * sweep touches their partials; and in a share of the programs ({@link MethodState#linearIndices}) every
 * other index into an array is one the pass can place, so that nothing else keeps it from the sweep.
 */
final class Sweeps {
  /** The share, in percent, of first-order programs returning double (record programs among them) that hold a sweep. */
  static final int SWEEP_PERCENT = 20;
  /**
   * The share, in percent, of programs with a sweep in which every index into an array is a counter over
   * it or 0 ({@link MethodState#linearIndices}): elsewhere an index such as {@code (i + 1) % c.length} into
   * another array parameter rules out that parameter's part of the Into form's array, and the sweep's
   * parts may still be stored first.
   */
  static final int LINEAR_INDICES_PERCENT = 60;
  /** The share, in percent, of sweeps over two reserved arrays (else one). */
  static final int TWO_ARRAYS_PERCENT = 40;
  /** The share, in percent, of sweeps that stand first in the body (else just before the program's ending). */
  private static final int FIRST_PERCENT = 50;
  /** The share, in percent, of sweeps that are near misses ({@link SweepMiss}). */
  private static final int NEAR_MISS_PERCENT = 35;

  private final SplittableRandom r;
  private final MethodState state;
  // the part it calls: set by connect
  private Expressions expressions;

  /** The array parameters reserved for the sweep of the program being generated: empty when it has none. */
  private final List<String> reserved = new ArrayList<>();
  /** The names the sweep declared that no other variable may take until the program ends: its counters. */
  private final List<String> hidden = new ArrayList<>();

  Sweeps(ProgramGenerator generator) {
    this.r = generator.r;
    this.state = generator.state;
  }

  /** Takes the other parts it calls, once the generator has made them all. */
  void connect(ProgramGenerator generator) {
    expressions = generator.expressions;
  }

  /**
   * Reserves the array parameters {@code arrays} for the sweep of the program being generated: no other
   * statement or expression reads them (nor passes them on), and no local takes their names. Then the
   * sweep stands first in the body (the statements returned, to put there) or, at the top level, just
   * before the program's ending ({@link MethodState#sweeping}, which {@link Statements#block} heeds).
   */
  List<S> begin(List<String> arrays) {
    reserved.addAll(arrays);
    state.env.removeIf(v -> arrays.contains(v.name()));
    state.taken.addAll(arrays);
    if (r.nextInt(100) < FIRST_PERCENT) {
      return sweep();
    }
    state.sweeping = true;
    return List.of();
  }

  /** Ends the program being generated: its reserved arrays and hidden names are free again. */
  void end() {
    state.taken.removeAll(reserved);
    state.taken.removeAll(hidden);
    reserved.clear();
    hidden.clear();
    state.sweeping = false;
    state.sweepValue = null;
  }

  /**
   * A sweep: {@code double acc = …;} and a loop at the top level that counts {@code i} up by one, in
   * whose body every read of the reserved arrays is at {@code i + k} for a constant {@code k}:
   *
   * <ul>
   *   <li>the counter starts at 0, 1 or 2, at an int local holding one of them, at an int parameter
   *       clamped from below ({@code int s = n > 1 ? n : 1;}) or at a value computed from a double
   *       ({@code int s = 1 + (int) Math.abs(x) % 2;}), and offsets below zero are read only where the
   *       start allows them;
   *   <li>the loop is a {@code for} or a {@code while} whose body ends in {@code i++} ({@code i += 1},
   *       {@code i = i + 1}), while {@code i + m < a.length}, {@code i <= last} for {@code int last =
   *       a.length - 1 - m} (at times the least of that and an int parameter, which may keep the loop
   *       from running), {@code i + m <= last}, or {@code i < a.length - m}; over two arrays, of lengths
   *       the test draws apart, the bound is a local holding the shorter length;
   *   <li>its body adds terms into the accumulator, in one update ({@code acc += t1 + t2 - t3}): n-D
   *       Rosenbrock's stencil ({@code 1 - a[i]}, {@code a[i + 1] - a[i] * a[i]}, at times through locals,
   *       the second array at times in place of the first at {@code i + 1}), a dot product ({@code a[i] *
   *       b[i]}, at any one offset), or one to three nonlinear terms of entries at offsets from {@code lo}
   *       to {@code hi} (products, squares, {@code Math.sin}, {@code exp} of half an entry, {@code log}
   *       and {@code sqrt} of one plus a square, a difference squared), some with random expressions of
   *       the other variables.
   * </ul>
   *
   * A share are near misses ({@link SweepMiss}): a read of {@code a[0]} or {@code a[a.length - 1]} before
   * or after the loop, the largest offset read only in an {@code if} of the body, the loop in an {@code
   * if}, a second loop over the array, a step of two, a {@code break}, a counter counting down, a
   * condition of two comparisons, the accumulator read by the rest of the program or updated twice in an
   * iteration. Else the accumulator
   * is out of reach of the rest of the program, and every later return adds it or a multiple of it
   * ({@link MethodState#sweepValue}): the result is affine in it, so that the processor can run the
   * reverse of each iteration in the iteration ("fused"), the loop the Into form stores first in. The
   * int locals the sweep declares at the top level are readable after it, the counters never.
   */
  List<S> sweep() {
    SweepMiss miss = SweepMiss.NONE;
    if (r.nextInt(100) < NEAR_MISS_PERCENT) {
      miss = SweepMiss.values()[1 + r.nextInt(SweepMiss.values().length - 1)];
    }
    state.program.sweep = miss;
    String first = reserved.get(0);
    List<S> out = new ArrayList<>();
    String acc = state.fresh();
    state.taken.add(acc); // out of reach until the loops are made
    state.pending = acc;
    D init = miss == SweepMiss.READ_BEFORE ? fixedTerm(first)
        : r.nextBoolean() ? expressions.lit(0) : expressions.expr(1);
    state.pending = null;
    out.add(new DeclD(acc, false, init));
    Parts loop = loop(acc, miss, reserved);
    out.addAll(loop.declarations());
    if (miss == SweepMiss.LOOP_IN_BRANCH) {
      out.add(new If(expressions.cond(1), loop.loop(), r.nextInt(3) == 0
          ? List.of(new AssignD(acc, "=", expressions.expr(1))) : List.of()));
    } else {
      out.addAll(loop.loop());
    }
    if (miss == SweepMiss.TWO_LOOPS) {
      Parts again = loop(acc, SweepMiss.NONE, r.nextBoolean() ? List.of(first) : reserved);
      out.addAll(again.declarations());
      out.addAll(again.loop());
    }
    if (miss == SweepMiss.READ_AFTER) {
      out.add(accumulate(acc, fixedTerm(first)));
    }
    if (miss == SweepMiss.ACCUMULATOR_READ) {
      state.taken.remove(acc);
      state.env.add(new VarInfo(acc, 'D', false)); // read only: what the returns add is what the loop made
      state.sweepValue = r.nextBoolean() ? expressions.math("tanh", new Var(acc))
          : new Bin('*', new Var(acc), new Var(acc));
    } else {
      // out of reach, and the result affine in it: the reverse of the loop's iterations can run in them
      // ("fused"), where the Into form stores first
      hidden.add(acc);
      state.sweepValue = r.nextInt(3) > 0 ? new Var(acc)
          : new Bin('*', expressions.lit(Expressions.LITERALS[r.nextInt(6)]), new Var(acc));
    }
    return out;
  }

  /** A sweep's loop, and the int locals it reads, declared before it at the top level. */
  private record Parts(List<S> declarations, List<S> loop) {}

  /** The stencils of a sweep's body. */
  private enum Stencil {
    ROSENBROCK,
    DOT,
    TERMS
  }

  /**
   * The loop of a sweep over {@code arrays} adding into {@code acc}, with the near miss {@code miss} where
   * it lies in the loop itself (see {@link #sweep}).
   */
  private Parts loop(String acc, SweepMiss miss, List<String> arrays) {
    List<S> declarations = new ArrayList<>();
    boolean downward = miss == SweepMiss.DOWNWARD;
    boolean whileForm = downward || miss == SweepMiss.STEP_TWO || miss == SweepMiss.TWO_BOUNDS || r.nextInt(5) < 2;
    // where the counter starts, and the least value it may start at
    I start;
    int least;
    int roll = r.nextInt(20);
    String intParam = intParameter();
    if (roll < 8) {
      least = 0;
      start = new ILit(0, false);
    } else if (roll < 12) {
      least = 1;
      start = new ILit(1, false);
    } else if (roll < 14) {
      least = 2;
      start = new ILit(2, false);
    } else if (roll < 16) {
      least = r.nextInt(3);
      start = new IVar(intLocal(declarations, new ILit(least, false)), false);
    } else if (roll < 18 && intParam != null) {
      least = r.nextInt(2);
      I clamped = new ICond(new ICmp(r.nextBoolean() ? ">" : ">=", new IVar(intParam, false), new ILit(least, false)),
          new IVar(intParam, false), new ILit(least, false));
      start = whileForm && r.nextBoolean() ? clamped : new IVar(intLocal(declarations, clamped), false);
    } else {
      least = r.nextInt(2);
      I fromDouble = new IOfD(expressions.expr(1), 2);
      I value = least == 0 ? fromDouble : new IBin('+', new ILit(least, false), fromDouble);
      start = whileForm && r.nextBoolean() ? value : new IVar(intLocal(declarations, value), false);
    }
    // the offsets the body reads, from lo to hi
    Stencil stencil = Stencil.TERMS;
    if (miss != SweepMiss.READ_IN_BRANCH) {
      int pick = r.nextInt(5); // two in five Rosenbrock's, one a dot product, two terms
      stencil = pick < 2 ? Stencil.ROSENBROCK : pick < 3 ? Stencil.DOT : Stencil.TERMS;
    }
    int lowest = downward ? -1 : -Math.min(least, 2);
    int lo = lowest < 0 && r.nextInt(3) == 0 ? (lowest < -1 && r.nextInt(3) == 0 ? -2 : -1) : 0;
    int hi = switch (stencil) {
      case ROSENBROCK -> {
        lo += r.nextInt(2 - lo); // {lo, lo + 1}, up to {1, 2}
        yield lo + 1;
      }
      case DOT -> {
        lo += r.nextInt(3 - lo); // one offset, up to 2
        yield lo;
      }
      case TERMS -> Math.min(2, lo + r.nextInt(4));
    };
    int margin = Math.max(hi, 0);
    // the length the counter is bounded by: the array's, or the shorter of two
    String a = arrays.get(0);
    I length;
    if (arrays.size() > 1 && miss != SweepMiss.TWO_BOUNDS) {
      String b = arrays.get(1);
      boolean swap = r.nextBoolean();
      String one = swap ? b : a;
      String other = swap ? a : b;
      I oneLength = new ILen(one);
      I otherLength = new ILen(other);
      I shorter = r.nextBoolean()
          ? new ICond(new ICmp(r.nextBoolean() ? "<" : "<=", oneLength, otherLength), oneLength, otherLength)
          : new ICond(new ICmp(r.nextBoolean() ? ">" : ">=", oneLength, otherLength), otherLength, oneLength);
      length = new IVar(intLocal(declarations, shorter), false);
    } else {
      length = new ILen(a);
    }
    String counter = state.fresh();
    hidden.add(counter);
    state.taken.add(counter);
    // the condition: counter + plus cmp bound
    int plus = margin;
    String cmp = "<";
    I bound = length;
    int form = r.nextInt(10);
    if (!downward && miss != SweepMiss.TWO_BOUNDS && form >= 5) {
      if (form < 8) {
        // i <= last, last = length - 1 - margin (at times at most an int parameter)
        I last = new IBin('-', length, new ILit(1 + margin, false));
        if (intParam != null && form == 7) {
          last = new ICond(new ICmp("<", new IVar(intParam, false), last), new IVar(intParam, false), last);
        }
        plus = 0;
        cmp = "<=";
        bound = new IVar(intLocal(declarations, last), false);
      } else if (form == 8) {
        cmp = "<="; // i + margin <= last, last = length - 1
        bound = new IVar(intLocal(declarations, new IBin('-', length, new ILit(1, false))), false);
      } else if (margin > 0) {
        plus = 0; // i < length - margin
        bound = new IBin('-', length, new ILit(margin, false));
      }
    }
    if (downward) {
      start = new IBin('-', length, new ILit(1 + margin, false));
    }
    // the body
    state.loops++;
    state.iterations *= 4; // (arrays have at most 3 entries)
    state.env.add(new VarInfo(counter, 'I', false, true, null));
    int mark = state.env.size();
    Reads reads = new Reads(counter, arrays, lo, hi);
    List<S> body = new ArrayList<>();
    boolean breaksFirst = miss == SweepMiss.BREAKS && r.nextInt(3) == 0;
    if (breaksFirst) {
      body.add(exit(reads)); // (before the body's locals are declared, which its condition must not read)
    }
    boolean split = miss == SweepMiss.TWO_UPDATES;
    switch (stencil) {
      case ROSENBROCK -> rosenbrock(acc, reads, split, body);
      case DOT -> {
        D left = reads.at(a, lo);
        D right = arrays.size() > 1 ? reads.at(arrays.get(1), lo)
            : r.nextBoolean() ? reads.at(a, lo) : expressions.expr(1);
        List<D> terms = new ArrayList<>(List.of(new Bin('*', left, right)));
        if (split) {
          terms.add(reads.term());
        }
        add(acc, terms, split, body);
      }
      case TERMS -> {
        if (miss == SweepMiss.READ_IN_BRANCH) {
          // the largest offset only in an if: one branch adds terms of it, the other (if any) terms of
          // the offsets below it, or of the other variables
          B cond = r.nextBoolean() ? expressions.cond(1) : entryComparison(reads);
          reads.forced.add(reads.at(a, hi));
          List<S> then = new ArrayList<>();
          add(acc, reads.terms(1 + r.nextInt(2)), false, then);
          List<S> otherwise = new ArrayList<>();
          if (r.nextInt(4) > 0) {
            List<D> below = hi > lo ? new Reads(counter, arrays, lo, hi - 1).terms(1 + r.nextInt(2))
                : List.of(expressions.expr(1));
            add(acc, below, false, otherwise);
          }
          body.add(new If(cond, then, otherwise));
        } else {
          reads.forced.add(reads.at(a, hi));
          if (arrays.size() > 1) {
            reads.forced.add(reads.at(arrays.get(1), lo + r.nextInt(hi - lo + 1)));
          }
          add(acc, reads.terms((split ? 2 : 1) + r.nextInt(3)), split, body);
        }
      }
      default -> throw new AssertionError(stencil);
    }
    if (miss == SweepMiss.BREAKS && !breaksFirst) {
      body.add(exit(reads));
    }
    for (int i = mark; i < state.env.size(); i++) {
      state.freed.add(state.env.get(i).name());
    }
    state.env.subList(mark - 1, state.env.size()).clear();
    state.loops--;
    state.iterations /= 4;
    if (!whileForm) {
      return new Parts(declarations, List.of(new For(counter, start, plus, cmp, bound, body)));
    }
    // while (cond) { body; i++; }, the counter declared before it
    IVar i = new IVar(counter, false);
    B cond;
    if (downward) {
      int least0 = -Math.min(lo, 0); // the reads at i + lo stay at 0 or above
      cond = r.nextBoolean() ? new ICmp(">=", i, new ILit(least0, false))
          : new ICmp(">", i, new ILit(least0 - 1, false));
      body.add(r.nextBoolean() ? new AssignI(counter, "--", null) : new AssignI(counter, "-=", new ILit(1, false)));
    } else {
      I left = plus == 0 ? i : new IBin('+', i, new ILit(plus, false));
      if (miss == SweepMiss.TWO_BOUNDS) {
        // bounded by the other array's length too, or (over one array) by an int parameter or a literal
        I right = plus == 0 ? i : new IBin('+', i, new ILit(plus, false));
        B other = arrays.size() > 1 ? new ICmp("<", right, new ILen(arrays.get(1)))
            : intParam != null ? new ICmp(r.nextBoolean() ? "<" : "<=", i, new IVar(intParam, false))
            : new ICmp("<", i, new ILit(1 + r.nextInt(3), false));
        cond = new And(new ICmp("<", left, new ILen(arrays.get(0))), other);
      } else {
        cond = new ICmp(cmp, left, bound);
      }
      body.add(miss == SweepMiss.STEP_TWO ? new AssignI(counter, "+=", new ILit(2, false))
          : switch (r.nextInt(3)) {
            case 0 -> new AssignI(counter, "++", null);
            case 1 -> new AssignI(counter, "+=", new ILit(1, false));
            default -> new AssignI(counter, "=", new IBin('+', i, new ILit(1, false)));
          });
    }
    S loop = new Seq(List.of(new DeclI(counter, false, start), new While(cond, body, false)));
    return new Parts(declarations, List.of(loop));
  }

  /** {@code a[i + lo] > c} or {@code <}, of an entry of one of the arrays the body reads. */
  private B entryComparison(Reads reads) {
    String op = r.nextBoolean() ? ">" : "<";
    return new Cmp(op, reads.at(reads.arrays.get(r.nextInt(reads.arrays.size())), reads.lo), expressions.lit());
  }

  /** {@code if (c) { break; }}, {@code c} of the other variables or an entry the body reads. */
  private S exit(Reads reads) {
    B cond = r.nextBoolean() ? expressions.cond(1)
        : new Cmp(r.nextBoolean() ? ">" : "<", reads.at(reads.arrays.get(0), reads.lo), expressions.lit());
    return new If(cond, List.of(new Jump(true)), List.of());
  }

  /**
   * {@code int name = value;} added to {@code declarations}: readable from then on (not assignable, so that
   * it stays what the loop was bounded by); returns its name.
   */
  private String intLocal(List<S> declarations, I value) {
    String name = state.fresh();
    declarations.add(new DeclI(name, false, value));
    state.env.add(new VarInfo(name, 'I', false));
    return name;
  }

  /** An int (not long) parameter still visible, or null. */
  private String intParameter() {
    List<String> names = new ArrayList<>();
    for (VarInfo v : state.env) {
      if (v.kind() == 'I' && state.program.params.contains(v.name())) {
        names.add(v.name());
      }
    }
    return names.isEmpty() ? null : names.get(r.nextInt(names.size()));
  }

  /**
   * n-D Rosenbrock's terms at offsets {@code lo} and {@code lo + 1}, {@code (c - a[i])²} and {@code d * (a[i
   * + 1] - a[i] * a[i])²}: mostly through locals (declared in {@code body}), as it is written by hand and
   * as the Into form carries the entry ahead to the next iteration (each entry's adjoint added once at
   * each offset); else inline, squared by a product or by {@code Math.pow}. At times the second array's
   * entry stands at {@code i + 1}, and at times a third term is added; into {@code acc} (see {@link #add}).
   */
  private void rosenbrock(String acc, Reads reads, boolean split, List<S> body) {
    String a = reads.arrays.get(0);
    String ahead = reads.arrays.size() > 1 && r.nextBoolean() ? reads.arrays.get(1) : a;
    D here = reads.at(a, reads.lo);
    D next = reads.at(ahead, reads.lo + 1);
    D one = expressions.lit(r.nextInt(3) > 0 ? 1.0 : Expressions.LITERALS[r.nextInt(6)]);
    D weight = expressions.lit(r.nextInt(3) > 0 ? 100.0 : Expressions.LITERALS[r.nextInt(Expressions.LITERALS.length)]);
    D first = new Bin('-', one, here);
    D second = new Bin('-', next, new Bin('*', here, here));
    List<D> terms;
    if (r.nextInt(4) > 0) {
      first = new Var(local(body, first));
      second = new Var(local(body, second));
      terms = new ArrayList<>(
          List.of(new Bin('*', first, first), new Bin('*', weight, new Bin('*', second, second))));
    } else {
      // inline: squared as a product of the expression with itself, or by Math.pow
      boolean pow = r.nextBoolean();
      terms = new ArrayList<>(List.of(pow ? square(first) : new Bin('*', first, first),
          new Bin('*', weight, pow ? square(second) : new Bin('*', second, second))));
    }
    if (r.nextInt(5) == 0) {
      // a term of the other variables or of another entry
      terms.add(r.nextBoolean() ? reads.term() : new Bin('*', expressions.expr(1), here));
    }
    add(acc, terms, split, body);
  }

  /** {@code Math.pow(e, 2.0)}. */
  private D square(D e) {
    return expressions.math("pow", e, expressions.lit(2.0));
  }

  /**
   * Adds {@code terms} into {@code acc} in {@code body}: in one update, {@code acc += t1 + t2 - t3}, the
   * accumulator's only one in the iteration (the loop the processor fuses); with {@code split}, one
   * update each.
   */
  private void add(String acc, List<D> terms, boolean split, List<S> body) {
    if (split) {
      terms.forEach(t -> body.add(accumulate(acc, t)));
      return;
    }
    D sum = terms.get(0);
    for (D t : terms.subList(1, terms.size())) {
      sum = new Bin(r.nextInt(3) > 0 ? '+' : '-', sum, t);
    }
    body.add(accumulate(acc, sum));
  }

  /** {@code double t = value;} added to {@code out}, readable in the rest of the body; returns its name. */
  private String local(List<S> out, D value) {
    String name = state.fresh();
    out.add(new DeclD(name, false, value));
    state.env.add(new VarInfo(name, 'D', false));
    return name;
  }

  /** {@code acc += term}, {@code acc -= term} or {@code acc = acc + term}. */
  private S accumulate(String acc, D term) {
    int op = r.nextInt(4);
    return op == 0 ? new AssignD(acc, "-=", term)
        : op == 1 ? new AssignD(acc, "=", new Bin('+', new Var(acc), term)) : new AssignD(acc, "+=", term);
  }

  /**
   * A term of an array's entry at a fixed index, {@code a[0]} or {@code a[a.length - 1]}: a near miss's
   * read outside the loop.
   */
  private D fixedTerm(String array) {
    I index = r.nextInt(4) == 0 ? new IBin('-', new ILen(array), new ILit(1, false)) : new ILit(0, false);
    D entry = new ARead(array, index);
    return switch (r.nextInt(3)) {
      case 0 -> new Bin('*', entry, expressions.expr(1));
      case 1 -> expressions.math("sin", entry);
      default -> new Bin('*', entry, entry);
    };
  }

  /**
   * The entries a sweep's body reads: of {@code arrays} at {@code counter + k}, {@code lo <= k <= hi};
   * {@link #forced} first, in the terms made next.
   */
  private final class Reads {
    final String counter;
    final List<String> arrays;
    final int lo;
    final int hi;
    /** Entries the next terms read before any other. */
    final Deque<D> forced = new ArrayDeque<>();

    Reads(String counter, List<String> arrays, int lo, int hi) {
      this.counter = counter;
      this.arrays = arrays;
      this.lo = lo;
      this.hi = hi;
    }

    /** {@code array[counter + offset]}. */
    D at(String array, int offset) {
      I i = new IVar(counter, false);
      I shifted = new IBin(offset > 0 ? '+' : '-', i, new ILit(Math.abs(offset), false));
      return new ARead(array, offset == 0 ? i : shifted);
    }

    /** An entry: a forced one, else of any of the arrays at any offset. */
    D next() {
      if (!forced.isEmpty()) {
        return forced.poll();
      }
      return at(arrays.get(r.nextInt(arrays.size())), lo + r.nextInt(hi - lo + 1));
    }

    /** {@code count} terms, and more while entries are {@link #forced}. */
    List<D> terms(int count) {
      List<D> out = new ArrayList<>();
      while (out.size() < count || !forced.isEmpty()) {
        out.add(term());
      }
      return out;
    }

    /** A nonlinear term of one or two entries, at times with random expressions of the other variables. */
    D term() {
      D u = next();
      return switch (r.nextInt(11)) {
        case 0 -> new Bin('*', u, next());
        case 1 -> r.nextBoolean() ? expressions.math("sin", u) : new Bin('*', expressions.math("sin", u), next());
        case 2 -> expressions.math("exp", new Bin('*', expressions.lit(0.5), u));
        case 3 -> expressions.math("log", new Bin('+', expressions.lit(1.0), new Bin('*', u, u)));
        case 4 -> new Bin('*', u, u);
        case 5 -> {
          D d = new Bin('-', expressions.lit(1.0), u);
          yield new Bin('*', d, d);
        }
        case 6 -> new Bin('*', u, expressions.expr(1));
        case 7 -> {
          D d = new Bin('-', u, next());
          yield new Bin('*', d, d);
        }
        case 8 -> new Bin('*', expressions.math("tanh", u), next());
        case 9 -> expressions.math("sqrt", new Bin('+', expressions.lit(1.0), new Bin('*', u, u)));
        default -> new Bin('*', u, new Var(state.pick('D', false)));
      };
    }
  }
}
