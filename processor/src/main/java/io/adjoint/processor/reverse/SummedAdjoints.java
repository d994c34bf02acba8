package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.reverse.Linearity.Kind;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.ssa.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parameter's adjoint that an outer loop's every iteration adds as the same linear map of an adjoint
 * array, applied once to that array summed over the iterations, after the loop. GMM's ∂/∂μ_k is −Q_kᵀ
 * times the adjoint of {@code Q_k·(x_i − μ_k)}, for every point i; Q_k does not change from point to
 * point, so
 *
 * <pre>
 * Σ_i Q_kᵀ·qCenteredBar_i = Q_kᵀ·Σ_i qCenteredBar_i
 * </pre>
 *
 * and the reverse sweep of each point keeps only the outer product that goes to ∂/∂l, as a careful
 * hand-written gradient does. The additions may move because their target only receives additions in
 * the loop, which nothing in it reads: the Into and Pullback forms' flat array, the record form's
 * adjoint arrays of its parameters, or a local's adjoint array the loop only adds into (the <em>sinks</em>).
 * For an outer loop L and a statement T of its iteration, directly or in the body of a counted loop R
 * directly in it:
 *
 * <ul>
 *   <li>every addition {@code sink[index] ±= value} in T whose index is the same in every iteration of L
 *       and whose value is linear in the entries of <em>seed</em> arrays with coefficients the same in
 *       every iteration ({@link Linearity}), under conditions and loop bounds the same in every
 *       iteration, leaves T; a seed is an array of doubles declared before L, which L stores into but T
 *       does not, and which the moved additions read only inside T (elsewhere it may hold another value). T (or R) may read names the iteration declares before it with a value the same in
 *       every iteration ({@code int l = 0;}), and names it assigns first in each of its iterations
 *       ({@code ik_21 = k4 - 1;}): the replay declares them again;
 *   <li>before T, each seed is added into an accumulator (a row of it per iteration of R), made zero
 *       before L; after L, if it ran, T (and R around it) runs again with only what those additions
 *       need, reading the accumulators instead of the seeds;
 *   <li>what T computed only for those additions goes from T.
 * </ul>
 *
 * <p>It applies only where it can be shown: L calls nothing but {@code Math}'s functions, {@code
 * Adjoints.rowStart} and its tape's methods, creates no object and does not return; every array L stores
 * into is a sink (by additions only, nothing else mentioning it), the tape's, or one no other name
 * reaches ({@link Aliases}: each definition a new array, each mention an entry or a length), so an
 * array L does not store into by name keeps its entries. And it applies only where it saves work: the additions' values
 * read a seed inside two nested loops (a matrix applied per iteration), against the accumulation's one.
 * The sums round differently from the additions one by one, as any reordering of a sum does.
 */
final class SummedAdjoints {
  /** The end of the comment that introduces the additions made once after the loop. */
  static final String MARK = "made once to their sums over the loop";

  /** The parameters' adjoints: the flat array of the Into and Pullback forms, the record form's arrays. */
  private final Set<String> sinks;
  private final String tape;
  private final Names names;
  /** The type of each local, from its first declaration in the body (a name declared twice has one type). */
  private final Map<String, Java.JType> types = new HashMap<>();
  /** Locals whose every definition is a new array or the tape's, and every mention an entry or a length. */
  private final Set<String> unaliased = new HashSet<>();
  /** Locals holding the tape's array of doubles. */
  private final Set<String> tapeArrays = new HashSet<>();

  private SummedAdjoints(Set<String> sinks, String tape, Names names) {
    this.sinks = sinks;
    this.tape = tape;
    this.names = names;
  }

  /**
   * {@code body} with each such map applied once; {@code sinks}, the arrays that receive the parameters'
   * adjoints (the Into and Pullback forms' flat array, the record form's adjoint arrays of its array
   * and matrix parameters).
   */
  static List<Java.Stmt> sum(List<Java.Stmt> body, Set<String> sinks, String tape, Names names) {
    SummedAdjoints summed = new SummedAdjoints(sinks, tape, names);
    Aliases.find(body, tape, summed.types, summed.unaliased, summed.tapeArrays);
    return summed.block(body);
  }

  private List<Java.Stmt> block(List<Java.Stmt> block) {
    List<Java.Stmt> out = new ArrayList<>();
    for (Java.Stmt s : block) {
      List<Java.Stmt> summed = isLoop(s) ? summed(s) : null;
      if (summed != null) {
        out.addAll(summed);
      } else {
        out.add(Java.mapBlocks(s, this::block));
      }
    }
    return out;
  }

  private static boolean isLoop(Java.Stmt s) {
    return s instanceof Java.While || s instanceof Java.CountDown || s instanceof Java.CountUp;
  }

  private static boolean counted(Java.Stmt s) {
    return s instanceof Java.CountDown || s instanceof Java.CountUp;
  }

  /** Loop {@code outer} as statements with one map taken out of it, or null. */
  private List<Java.Stmt> summed(Java.Stmt outer) {
    Set<String> defined = new HashSet<>();
    RowStarts.assigned(outer, defined);
    Set<String> stored = new HashSet<>();
    if (!Aliases.safe(outer, sinks, tape, unaliased, tapeArrays, stored)) {
      return null;
    }
    // the parameters' adjoints, and the adjoint arrays of locals the loop only adds into, which it never reads
    Set<String> into = new HashSet<>(sinks);
    into.addAll(Aliases.onlyAddedInto(outer, stored, unaliased, tapeArrays));
    List<Java.Stmt> body = Java.blocks(outer).get(0);
    for (int t = 0; t < body.size(); t++) {
      Java.Stmt s = body.get(t);
      if (counted(s)) {
        List<Java.Stmt> inner = Java.blocks(s).get(0);
        for (int u = 0; u < inner.size(); u++) {
          if (isLoop(inner.get(u))) {
            List<Java.Stmt> out = new Candidate(outer, t, u, defined, stored, into).rewrite();
            if (out != null) {
              return out;
            }
          }
        }
      }
      if (isLoop(s)) {
        List<Java.Stmt> out = new Candidate(outer, t, -1, defined, stored, into).rewrite();
        if (out != null) {
          return out;
        }
      }
    }
    return null;
  }

  /**
   * One choice of T: statement {@code t} of the outer loop's body, or, where {@code u} is not -1,
   * statement {@code u} of the body of statement {@code t}, the counted loop R.
   */
  private final class Candidate {
    final Java.Stmt outer;
    final List<Java.Stmt> outerBody;
    final int t;
    final int u;
    final Java.Stmt counted; // R, or null
    final List<Java.Stmt> region; // R's body, or T alone
    final Java.Stmt target; // T
    final Set<String> defined;
    final Set<String> stored;
    /** The arrays additions may leave T into: sinks, and locals' adjoints the outer loop only adds into. */
    final Set<String> into;
    final Set<String> seeds = new HashSet<>();
    /** Names declared in the outer loop's body, outside R, that R's body assigns first: declared in the replay. */
    final Map<String, Java.JType> redeclared = new HashMap<>();
    /**
     * Declarations at the top of the outer loop's body, before T's loop, with values the same in every
     * iteration, of names it defines nowhere else ({@code int l = d;}) or only in the region ({@code int
     * l1Next = 0;}): declared again before the replay where it reads them.
     */
    final List<Java.Declare> constants = new ArrayList<>();
    /** The names the region declares, its loops' counters among them: the only ones whose definitions may go. */
    final Set<String> declaredInRegion = new HashSet<>();
    Linearity linearity;

    Candidate(Java.Stmt outer, int t, int u, Set<String> defined, Set<String> stored, Set<String> into) {
      this.into = into;
      this.outer = outer;
      this.outerBody = Java.blocks(outer).get(0);
      this.t = t;
      this.u = u;
      this.counted = u < 0 ? null : outerBody.get(t);
      this.region = u < 0 ? List.of(outerBody.get(t)) : Java.blocks(counted).get(0);
      this.target = u < 0 ? outerBody.get(t) : region.get(u);
      this.defined = defined;
      this.stored = stored;
    }

    List<Java.Stmt> rewrite() {
      Set<String> storedInTarget = new HashSet<>();
      Aliases.storedInto(target, storedInTarget);
      for (String array : stored) {
        Java.JType type = types.get(array);
        if (unaliased.contains(array) && !tapeArrays.contains(array) && !into.contains(array) && !defined.contains(array)
            && !storedInTarget.contains(array) && type != null && "double[]".equals(type.keyword())) {
          seeds.add(array);
        }
      }
      if (seeds.isEmpty() || counted != null && !boundBeforeLoop()) {
        return null;
      }
      linearity = new Linearity(
          seeds,
          name -> !defined.contains(name),
          name -> !defined.contains(name) && !stored.contains(name) && !tapeArrays.contains(name) && !into.contains(name));
      enterLocals();
      linearity.settle(region);
      Set<Java.Stmt> hoisted = Collections.newSetFromMap(new IdentityHashMap<>());
      collect(target, Kind.SAME, hoisted);
      if (hoisted.isEmpty()) {
        return null;
      }
      Slice slice = Slice.of(region, hoisted, linearity.locals.keySet());
      if (slice == null || slice.neededKinds(linearity) || slice.readsSeedOutside(target, seeds)
          || !slice.readsSeedTwoLoopsDeep(target, seeds)) {
        return null;
      }
      // it must save work: T's iterations must lose some of what they do inside two loops
      if (Slice.deep(Slice.without(region, hoisted, declaredInRegion)) >= Slice.deep(region)) {
        return null;
      }
      return assemble(slice, hoisted);
    }

    /** R's bound reads only names the outer loop does not define, so it can be evaluated before and after. */
    private boolean boundBeforeLoop() {
      Java.Expr from = counted instanceof Java.CountDown c ? c.from() : ((Java.CountUp) counted).to();
      Set<String> read = new HashSet<>();
      UnreadStores.names(from, read);
      return ReverseCode.changesNothing(from) && read.stream().noneMatch(defined::contains);
    }

    /**
     * The region's locals: its declarations and loops' counters; a name the outer loop declares outside
     * the region that a loop's body in it assigns with {@code =} before anything in it mentions it (GMM's
     * {@code ik_21 = k4 - 1;}); the outer loop's {@link #constants}, and the names its body declares
     * before the region with a value the same in every iteration that only the region defines again and
     * reads ({@code int l1Next = 0;}, advanced in the triangle's reverse); and, as {@link Kind#OTHER},
     * every other name the region assigns.
     */
    private void enterLocals() {
      for (Java.Stmt s : region) {
        Aliases.declared(s, declaredInRegion);
      }
      if (counted != null) {
        declaredInRegion.add(counted instanceof Java.CountDown c ? c.counter() : ((Java.CountUp) counted).counter());
      }
      Map<String, Integer> definitions = new HashMap<>();
      for (Java.Stmt s : region) {
        RowStarts.definitions(s, name -> definitions.merge(name, 1, Integer::sum));
      }
      Map<String, Integer> mentions = LoopBody.mentions(region);
      if (counted != null) {
        assignedFirst(region, definitions, mentions);
      }
      nestedBodies(region, definitions, mentions);
      Map<String, Integer> inOuter = new HashMap<>();
      RowStarts.definitions(outer, name -> inOuter.merge(name, 1, Integer::sum));
      Map<String, Integer> mentionedInOuter = LoopBody.mentions(outerBody);
      for (int i = 0; i < t; i++) {
        if (outerBody.get(i) instanceof Java.Declare d && d.init() != null && !redeclared.containsKey(d.name())
            && linearity.kind(d.init()).same()) {
          Kind init = linearity.kind(d.init());
          if (inOuter.get(d.name()) == 1) {
            constants.add(d); // the same value all through the iteration
            linearity.locals.put(d.name(), Kind.SAME);
          } else if (inOuter.get(d.name()) == 1 + definitions.getOrDefault(d.name(), 0)
              && mentionedInOuter.get(d.name()) == 1 + mentions.getOrDefault(d.name(), 0)) {
            constants.add(d); // that value on entering the region, which alone defines it again and reads it
            linearity.locals.put(d.name(), init);
          }
        }
      }
      for (String name : declaredInRegion) {
        linearity.locals.put(name, Kind.ZERO);
      }
      for (String name : redeclared.keySet()) {
        linearity.locals.put(name, Kind.ZERO);
      }
      for (String name : definitions.keySet()) {
        linearity.locals.putIfAbsent(name, Kind.OTHER);
      }
      if (counted != null) {
        String counter = counted instanceof Java.CountDown c ? c.counter() : ((Java.CountUp) counted).counter();
        linearity.locals.put(counter, Kind.SAME);
      }
    }

    /** {@link #assignedFirst} in the body of every loop {@code block} holds, nested ones too. */
    private void nestedBodies(List<Java.Stmt> block, Map<String, Integer> definitions, Map<String, Integer> mentions) {
      for (Java.Stmt s : block) {
        for (List<Java.Stmt> inner : Java.blocks(s)) {
          if (isLoop(s)) {
            assignedFirst(inner, definitions, mentions);
          }
          nestedBodies(inner, definitions, mentions);
        }
      }
    }

    /**
     * Enters in {@link #redeclared} each name the outer loop's body declares (before T) that {@code body},
     * a loop's body in the region, assigns with {@code =} at its top level before anything in it
     * mentions it, that nothing else in the region defines or mentions, and whose value does not read it:
     * in each iteration of that loop, a local of the iteration (GMM's {@code ik_21 = k4 - 1;}).
     */
    private void assignedFirst(List<Java.Stmt> body, Map<String, Integer> definitions, Map<String, Integer> mentionsInRegion) {
      Set<String> mentioned = new HashSet<>();
      Map<String, Integer> mentionsInBody = LoopBody.mentions(body);
      for (Java.Stmt s : body) {
        if (s instanceof Java.Assign a && a.op().equals("=") && a.target() instanceof Java.Name n
            && !mentioned.contains(n.name()) && definitions.get(n.name()) == 1 && declaredAtTop(n.name()) != null
            && mentionsInBody.get(n.name()).equals(mentionsInRegion.get(n.name()))) {
          Set<String> read = new HashSet<>();
          UnreadStores.names(a.value(), read);
          if (!read.contains(n.name())) {
            redeclared.put(n.name(), declaredAtTop(n.name()));
          }
        }
        UnreadStores.named(s, mentioned);
      }
    }

    /** The type of {@code name} where the outer loop's body declares it before T's loop, else null. */
    private Java.JType declaredAtTop(String name) {
      for (int i = 0; i < t; i++) {
        if (outerBody.get(i) instanceof Java.Declare d && d.name().equals(name)) {
          return d.type();
        }
      }
      return null;
    }

    /** The additions into a sink in {@code s} that leave T. */
    private void collect(Java.Stmt s, Kind context, Set<Java.Stmt> out) {
      if (s instanceof Java.Assign a && context.same() && !a.op().equals("=") && a.target() instanceof Java.ArrayRead
          && into.contains(UnreadStores.base(a.target())) && linearity.kind(a.value()) == Kind.LINEAR) {
        boolean same = true;
        for (Java.Expr x = a.target(); x instanceof Java.ArrayRead r; x = r.array()) {
          same &= linearity.kind(r.index()).same();
        }
        if (same) {
          out.add(s);
        }
      }
      Kind inside = linearity.inside(s, context);
      for (List<Java.Stmt> block : Java.blocks(s)) {
        for (Java.Stmt inner : block) {
          collect(inner, inside, out);
        }
      }
    }

    /** The outer loop with T keeping what it still needs, and the accumulators before and the replay after. */
    private List<Java.Stmt> assemble(Slice slice, Set<Java.Stmt> hoisted) {
      String ran = names.allocate("summed", false);
      Map<String, String> accumulators = new HashMap<>();
      List<Java.Stmt> out = new ArrayList<>();
      Java.Expr rows = counted == null ? null : atLeastZero(counted instanceof Java.CountDown c ? c.from() : ((Java.CountUp) counted).to());
      for (String seed : new java.util.TreeSet<>(slice.seedsRead(seeds))) {
        String sum = names.allocate(seed + "Sum", false);
        accumulators.put(seed, sum);
        Java.Expr length = new Java.FieldRead(null, JavaExprs.name(seed), "length");
        List<Java.Expr> dimensions = rows == null ? List.of(length) : List.of(rows, length);
        String keyword = rows == null ? "double[]" : "double[][]";
        out.add(new Java.Declare(new Java.JType(keyword, null), sum, new Java.NewArray(dimensions, List.of())));
      }
      out.add(new Java.Declare(Java.JType.of(Type.BOOLEAN), ran, JavaExprs.lit("false")));

      List<Java.Stmt> accumulate = new ArrayList<>();
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(accumulators).entrySet()) {
        accumulate.add(accumulation(e.getKey(), e.getValue()));
      }
      List<Java.Stmt> accumulated = new ArrayList<>(region);
      accumulated.addAll(u < 0 ? 0 : u, accumulate);
      List<Java.Stmt> kept = Slice.without(accumulated, hoisted, declaredInRegion);
      List<Java.Stmt> newOuterBody = new ArrayList<>();
      newOuterBody.add(new Java.Assign(JavaExprs.name(ran), "=", JavaExprs.lit("true")));
      for (int i = 0; i < outerBody.size(); i++) {
        if (i != t) {
          newOuterBody.add(outerBody.get(i));
        } else if (counted == null) {
          newOuterBody.addAll(kept);
        } else {
          newOuterBody.add(Java.mapBlocks(counted, old -> kept));
        }
      }
      out.add(replaceBody(outer, newOuterBody));

      List<Java.Stmt> replay = new ArrayList<>();
      replay.add(new Java.Comment("the additions above that are linear in " + String.join(", ", new java.util.TreeSet<>(accumulators.keySet()))
          + ", " + MARK));
      List<Java.Stmt> again = slice.replay(region, this::redeclare, e -> readSum(e, accumulators));
      replay.addAll(neededConstants(slice));
      if (counted == null) {
        replay.addAll(again);
      } else {
        replay.add(Java.mapBlocks(counted, old -> again));
      }
      out.add(new Java.If(JavaExprs.name(ran), replay, List.of()));
      return out;
    }

    /** The {@link #constants} the slice reads, and those they read, in their order. */
    private List<Java.Stmt> neededConstants(Slice slice) {
      Set<String> needed = new HashSet<>(slice.needed());
      List<Java.Stmt> out = new ArrayList<>();
      for (int i = constants.size() - 1; i >= 0; i--) {
        Java.Declare d = constants.get(i);
        if (needed.contains(d.name())) {
          out.add(0, d);
          UnreadStores.names(d.init(), needed);
        }
      }
      return out;
    }

    private Java.Stmt redeclare(Java.Stmt s) {
      if (s instanceof Java.Assign a && a.target() instanceof Java.Name n && redeclared.containsKey(n.name())) {
        return new Java.Declare(redeclared.get(n.name()), n.name(), a.value());
      }
      return s;
    }

    /** {@code accumulator[row][i] += seed[i]} for each entry, the row R's iteration's. */
    private Java.Stmt accumulation(String seed, String accumulator) {
      String entry = names.allocate("entry", false);
      Java.Expr target = new Java.ArrayRead(row(accumulator), JavaExprs.name(entry));
      Java.Stmt add = new Java.Assign(target, "+=", new Java.ArrayRead(JavaExprs.name(seed), JavaExprs.name(entry)));
      return new Java.CountUp(entry, new Java.FieldRead(null, JavaExprs.name(seed), "length"), List.of(add));
    }

    /** The accumulator, or its row for R's iteration. */
    private Java.Expr row(String accumulator) {
      if (counted == null) {
        return JavaExprs.name(accumulator);
      }
      Java.Expr index = counted instanceof Java.CountDown c
          ? new Java.Binary(BinaryOp.SUB, JavaExprs.name(c.counter()), JavaExprs.lit("1"))
          : JavaExprs.name(((Java.CountUp) counted).counter());
      return new Java.ArrayRead(JavaExprs.name(accumulator), index);
    }

    /** A seed's entry read as the accumulator's; everything else as it was. */
    private Java.Expr readSum(Java.Expr e, Map<String, String> accumulators) {
      if (e instanceof Java.ArrayRead r && r.array() instanceof Java.Name n && accumulators.containsKey(n.name())) {
        return new Java.ArrayRead(row(accumulators.get(n.name())), readSum(r.index(), accumulators));
      }
      return Java.mapOperands(e, x -> readSum(x, accumulators));
    }
  }

  /** {@code Math.max(0, count)}, the number of iterations of a loop counting {@code count} (an array's size). */
  private static Java.Expr atLeastZero(Java.Expr count) {
    boolean already = count instanceof Java.Call c && c.target() == null && io.adjoint.processor.ir.ClassRef.MATH.equals(c.owner())
        && c.method().equals("max") && c.args().size() == 2 && c.args().get(0).equals(JavaExprs.lit("0"));
    return already ? count : JavaExprs.math("max", JavaExprs.lit("0"), count);
  }

  private static Java.Stmt replaceBody(Java.Stmt loop, List<Java.Stmt> body) {
    return Java.mapBlocks(loop, old -> body);
  }
}
