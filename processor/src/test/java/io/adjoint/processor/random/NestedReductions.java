package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.ARead;
import io.adjoint.processor.random.Ast.AssignA;
import io.adjoint.processor.random.Ast.AssignD;
import io.adjoint.processor.random.Ast.Bin;
import io.adjoint.processor.random.Ast.D;
import io.adjoint.processor.random.Ast.DeclA;
import io.adjoint.processor.random.Ast.DeclD;
import io.adjoint.processor.random.Ast.DeclI;
import io.adjoint.processor.random.Ast.For;
import io.adjoint.processor.random.Ast.FromInt;
import io.adjoint.processor.random.Ast.I;
import io.adjoint.processor.random.Ast.IBin;
import io.adjoint.processor.random.Ast.ILen;
import io.adjoint.processor.random.Ast.ILit;
import io.adjoint.processor.random.Ast.IVar;
import io.adjoint.processor.random.Ast.If;
import io.adjoint.processor.random.Ast.NearMiss;
import io.adjoint.processor.random.Ast.Neg;
import io.adjoint.processor.random.Ast.S;
import io.adjoint.processor.random.Ast.Switch;
import io.adjoint.processor.random.Ast.Var;
import io.adjoint.processor.random.MethodState.VarInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The nested reductions that end most first-order programs (see {@link #nestedReduction}): an outer
 * accumulating loop whose iterations run inner loops (dot products over arrays and matrix rows) and fill
 * scratch arrays made before it, the shape whose reverse the processor runs inside each iteration
 * ("fused"), and the near misses of that shape ({@link NearMiss}), which it must not fuse.
 */
final class NestedReductions {
  /** The share, in percent, of first-order scalar programs (records among them) ending in a nested reduction. */
  static final int NESTED_FIRST_ORDER = 92;
  /** The share, in percent, of second-order programs ending in a nested reduction. */
  static final int NESTED_SECOND_ORDER = 10;
  /** The share, in percent, of record programs returning records that end in a nested reduction. */
  static final int NESTED_RECORD_RETURN = 40;
  /** The share, in percent, of vector programs ending in a nested reduction. */
  static final int NESTED_VECTOR = 6;
  /** The share, in percent, of nested reductions that are near misses (see {@link NearMiss}). */
  private static final int NEAR_MISS_PERCENT = 35;
  /** The share, in percent, of those with a scratch array and no near miss that hold GMM's component. */
  private static final int COMPONENT_PERCENT = 30;
  /**
   * The share, in percent, of GMM's components over an array's length whose map is the same at every point
   * (see {@link #component}), where the program has two arrays to walk whole.
   */
  private static final int SAME_MAP_PERCENT = 100;

  private final SplittableRandom r;
  private final MethodState state;
  // the other parts it calls, which call it in turn (the grammar nests): set by connect
  private Expressions expressions;
  private Calls calls;
  private Statements statements;

  NestedReductions(ProgramGenerator generator) {
    this.r = generator.r;
    this.state = generator.state;
  }

  /** Takes the other parts it calls, once the generator has made them all. */
  void connect(ProgramGenerator generator) {
    expressions = generator.expressions;
    calls = generator.calls;
    statements = generator.statements;
  }

  /**
   * The end of a program's body: a nested reduction and the return. An outer loop over a matrix's rows,
   * an array or a few iterations adds a term into a fresh accumulator in each iteration; its body holds
   * inner loops: accumulations into a local declared in the iteration (a dot product over an array or a
   * row), at times in an if, with calls in their terms; and at times a scratch array made before the
   * outer loop ({@code double[] c = new double[n]}), which each iteration fills ({@code for (j = 0; j <
   * c.length; j++) c[j] = …}, or {@code j < n}) and then reads ({@code c[j]}, {@code c[0]}, {@code c[j +
   * 1] += c[j]}). After the loop, at times another loop that does not read the accumulator; the return
   * is mostly affine in the accumulator. A share are near misses ({@link NearMiss}), which the processor
   * must not fuse. The accumulator and the scratch array are out of reach of the random statements and
   * expressions, but where the shape puts them.
   */
  List<S> nestedReduction(int depth) {
    List<S> out = new ArrayList<>();
    NearMiss miss = r.nextInt(100) < NEAR_MISS_PERCENT
        ? NearMiss.values()[1 + r.nextInt(NearMiss.values().length - 1)] : NearMiss.NONE;
    int hidden = state.taken.size();
    String over = state.has('M', false) && r.nextInt(3) > 0 ? state.pick('M', false)
        : state.hasWhole() && r.nextInt(5) > 0 ? state.pickWhole() : null;
    I bound = over != null ? new ILen(over) : new ILit(1 + r.nextInt(4), false);
    boolean scratchNeeded = miss == NearMiss.READ_BEFORE_FILL || miss == NearMiss.FILLED_IN_BRANCH
        || miss == NearMiss.FILLED_TO_OTHER_BOUND || miss == NearMiss.READ_AFTER_LOOP;
    final String scratch = scratchNeeded || r.nextInt(100) < 60 ? state.fresh() : null;
    I size = null;
    if (scratch != null) {
      state.pending = scratch;
      size = state.hasWhole() && r.nextBoolean() ? new ILen(state.pickWhole()) : new ILit(1 + r.nextInt(3), false);
      state.pending = null;
      out.add(new DeclA(scratch, size));
      state.taken.add(scratch); // not read before the iteration fills it, nor written but by the shape
    }
    // GMM's component: the fill also stores a product into a second array, which a triangle then adds into
    final String projected = scratch != null && miss == NearMiss.NONE && r.nextInt(100) < COMPONENT_PERCENT
        ? state.fresh() : null;
    if (projected != null) {
      out.add(new DeclA(projected, size));
      state.taken.add(projected); // written and read only by the shape
    }
    // GMM's own component, the same map at every point (see component), in an iteration that does little
    // else: over an array's length (a few entries of constant size may become locals, and no loops), with
    // its mean and its triangle's weights two arrays (the two reverse loops then add into different parts
    // of the flat array and may run as one, SiblingLoops)
    String[] pair = projected != null && size instanceof ILen && r.nextInt(100) < SAME_MAP_PERCENT ? twoWhole() : null;
    final String weights = pair == null ? null : pair[0];
    final String mean = pair == null ? null : pair[1];
    state.program.sameMap = weights != null;
    // its length an int, as GMM's d: the processor takes an array made as new double[d] and filled up to d
    // for scratch space (ScratchArrays), not one made as new double[a.length]
    final String length = weights != null ? state.fresh() : null;
    if (length != null) {
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i) instanceof DeclA a && (a.name().equals(scratch) || a.name().equals(projected))) {
          out.set(i, new DeclA(a.name(), new IVar(length, false)));
        }
      }
      out.add(out.indexOf(new DeclA(scratch, new IVar(length, false))), new DeclI(length, false, size));
      state.taken.add(length); // read only by the shape
    }
    final String carried = miss == NearMiss.CARRIED ? state.fresh() : null;
    if (carried != null) {
      state.pending = carried;
      out.add(new DeclD(carried, false, expressions.expr(1)));
      state.pending = null;
      state.env.add(new VarInfo(carried, 'D', true));
    }
    String acc = state.fresh();
    out.add(new DeclD(acc, false, r.nextBoolean() ? expressions.lit(0) : expressions.expr(1)));
    state.outOfReach = acc;
    String var = state.fresh();
    state.program.nested = true;
    state.program.nearMiss = miss;
    state.program.outerLoop = var;
    state.program.scratch = scratch != null;
    state.loops++;
    state.iterations *= 4;
    state.env.add(new VarInfo(var, 'I', false, true, over));
    int mark = state.env.size();
    List<S> body = new ArrayList<>();
    if (weights == null && r.nextInt(4) == 0) {
      S s = statements.statement(depth + 1);
      if (!(s instanceof If || s instanceof Switch) || state.completes) {
        body.add(s); // (one that always returns would leave the rest unreachable)
      }
    }
    D early = null;
    if (miss == NearMiss.READ_BEFORE_FILL) {
      // the entry another iteration wrote (zero in the first)
      String e = state.fresh();
      body.add(new DeclD(e, false, new ARead(scratch, r.nextBoolean() ? new ILit(0, false)
          : new IBin('%', new IVar(var, false), new ILen(scratch)))));
      state.env.add(new VarInfo(e, 'D', false));
      early = new Var(e);
    }
    boolean entrywise = scratch != null && miss == NearMiss.NONE && projected == null && r.nextInt(4) == 0;
    D projectedNorm = null;
    if (projected != null) {
      projectedNorm = component(body, scratch, projected, weights, mean,
          length != null ? new IVar(length, false) : new ILen(scratch));
    } else if (scratch != null && !entrywise) {
      I to = miss == NearMiss.FILLED_TO_OTHER_BOUND ? new IBin('-', new ILen(scratch), new ILit(1, false))
          : r.nextBoolean() ? new ILen(scratch) : size;
      S fill = statements.innerLoop(to, null, j -> List.of(new AssignA(scratch, new IVar(j, false), "=", fillValue())));
      body.add(miss == NearMiss.FILLED_IN_BRANCH ? new If(expressions.cond(1), List.of(fill), List.of()) : fill);
    }
    if (scratch != null && !entrywise && !state.program.sameMap) { // (GMM's centered goes only into its map)
      state.taken.remove(scratch);
      state.env.add(new VarInfo(scratch, 'A', false)); // read only, at any index
      if (projected == null && r.nextInt(4) == 0) {
        // a second pass over what the first filled: c[j + 1] += c[j] * e
        body.add(statements.innerLoop(new IBin('-', new ILen(scratch), new ILit(1, false)), null,
            j -> List.of(new AssignA(scratch, new IBin('+', new IVar(j, false), new ILit(1, false)), "+=",
                new Bin('*', new ARead(scratch, new IVar(j, false)), expressions.bounded(1))))));
      }
    }
    List<D> terms = new ArrayList<>();
    for (int k = 0, count = weights != null ? 0 : r.nextInt(4) == 0 ? 2 : 1; k < count; k++) {
      String z = state.fresh();
      state.pending = z;
      body.add(new DeclD(z, false, r.nextInt(3) > 0 ? expressions.lit(0) : expressions.expr(1)));
      state.pending = null;
      state.env.add(new VarInfo(z, 'D', false)); // in scope: no other local takes its name
      String rowOf = over != null && state.kindOf(over) == 'M' ? expressions.row(over)
          : state.has('M', false) && r.nextInt(3) == 0 ? expressions.row(state.pick('M', false)) : null;
      boolean overScratch = entrywise || (scratch != null && state.taken.indexOf(scratch) < 0 && r.nextInt(3) == 0);
      String walked = overScratch ? scratch : rowOf != null && r.nextInt(4) > 0 ? rowOf : state.hasWhole() ? state.pickWhole() : null;
      I innerBound = walked != null ? new ILen(walked) : new ILit(1 + r.nextInt(3), false);
      boolean fillsHere = entrywise && k == 0;
      S inner = statements.innerLoop(innerBound, walked, j -> {
        List<S> in = new ArrayList<>();
        if (fillsHere) {
          // written, then read at the same index in the same iteration
          in.add(new AssignA(scratch, new IVar(j, false), "=", fillValue()));
        }
        D term = fillsHere ? new Bin('*', new ARead(scratch, new IVar(j, false)), element()) : new Bin('*', element(), element());
        if (weights == null && r.nextInt(4) == 0) {
          D call = calls.invoke(1);
          if (call != null) {
            term = new Bin(r.nextBoolean() ? '*' : '+', term, call);
          }
        }
        if (carried != null && terms.isEmpty()) {
          // carried on: h is the outer scope's, and the next iteration reads it
          in.add(new AssignD(carried, "=", new Bin('+', new Bin('*', new Var(carried), expressions.lit(0.5)), term)));
          term = new Var(carried);
        }
        int op = r.nextInt(4);
        in.add(op == 0 ? new AssignD(z, "-=", term)
            : op == 1 ? new AssignD(z, "=", new Bin('+', new Var(z), term)) : new AssignD(z, "+=", term));
        return in;
      });
      if (fillsHere) {
        state.taken.remove(scratch);
        state.env.add(new VarInfo(scratch, 'A', false)); // every entry written: read only from here
      }
      body.add(!fillsHere && r.nextInt(4) == 0 ? new If(expressions.cond(1), List.of(inner), r.nextBoolean() ? List.of()
          : List.of(new AssignD(z, "=", expressions.expr(1)))) : inner);
      terms.add(new Var(z));
    }
    D term = terms.isEmpty() ? null : of(terms.get(0));
    if (terms.size() > 1) {
      term = new Bin(r.nextBoolean() ? '+' : '*', term, of(terms.get(1)));
    }
    // (a scratch array filled only at times, or not whole, is read: else it would be no near miss)
    boolean partly = miss == NearMiss.FILLED_IN_BRANCH || miss == NearMiss.FILLED_TO_OTHER_BOUND;
    if (scratch != null && state.env.stream().anyMatch(v -> v.name().equals(scratch)) && (partly || r.nextBoolean())) {
      I at = miss == NearMiss.FILLED_TO_OTHER_BOUND && r.nextBoolean()
          ? new IBin('-', new ILen(scratch), new ILit(1, false)) : r.nextBoolean() ? new ILit(0, false) : expressions.index(scratch);
      term = new Bin('+', term, new ARead(scratch, at));
    }
    if (early != null) {
      term = new Bin('+', term, early);
    }
    if (projectedNorm != null) {
      D norm = switch (weights == null ? 0 : r.nextInt(3)) {
        case 0 -> expressions.math("exp", new Bin('*', expressions.lit(-0.5), projectedNorm));
        case 1 -> expressions.math("log1p", projectedNorm);
        default -> expressions.math("sqrt", new Bin('+', expressions.lit(1.0), projectedNorm));
      };
      term = term == null ? norm : new Bin('+', term, norm);
    }
    int op = r.nextInt(4);
    S add = op == 0 ? new AssignD(acc, "-=", term)
        : op == 1 ? new AssignD(acc, "=", new Bin('+', new Var(acc), term)) : new AssignD(acc, "+=", term);
    body.add(weights == null && r.nextInt(4) == 0 ? new If(expressions.cond(1), List.of(add), List.of()) : add);
    for (int i = mark; i < state.env.size(); i++) {
      state.freed.add(state.env.get(i).name());
    }
    state.env.subList(mark, state.env.size()).clear();
    state.env.remove(state.env.size() - 1);
    state.taken.add(var); // (the generated code's fused loop is found by its variable: no later loop takes it)
    state.loops--;
    state.iterations /= 4;
    out.add(new For(var, bound, body));
    if (scratch != null) {
      state.taken.add(scratch); // out of reach again
    }
    // after the loop: what the return adds to the accumulator's part, computed without it
    List<D> parts = new ArrayList<>();
    if (miss == NearMiss.READ_AFTER_LOOP) {
      String post = state.fresh();
      out.add(new DeclD(post, false, new ARead(scratch,
          r.nextBoolean() ? new ILit(0, false) : new IBin('-', new ILen(scratch), new ILit(1, false)))));
      state.env.add(new VarInfo(post, 'D', false));
      parts.add(new Var(post));
    }
    if (miss != NearMiss.ACCUMULATOR_READ_LATER && r.nextInt(3) == 0) {
      out.add(statements.loop(depth)); // any loop, the accumulator out of its reach
    } else if (miss == NearMiss.ACCUMULATOR_READ_LATER || r.nextInt(3) == 0) {
      String u = state.fresh();
      out.add(new DeclD(u, false, r.nextBoolean() ? expressions.lit(0) : expressions.expr(1)));
      state.env.add(new VarInfo(u, 'D', false));
      boolean readsAcc = miss == NearMiss.ACCUMULATOR_READ_LATER;
      String w = state.hasWhole() ? state.pickWhole() : null;
      out.add(statements.innerLoop(w != null ? new ILen(w) : new ILit(1 + r.nextInt(3), false), w, j -> List.of(new AssignD(u, "+=",
          new Bin('*', readsAcc ? new Var(acc) : expressions.expr(1), element())))));
      parts.add(new Var(u));
    }
    D coefficient = r.nextBoolean()
        ? expressions.lit(Expressions.LITERALS[r.nextInt(Expressions.LITERALS.length)]) : expressions.expr(1);
    D rest = r.nextBoolean() ? expressions.expr(1) : null;
    state.outOfReach = null;
    state.env.add(new VarInfo(acc, 'D', false));
    D a = new Var(acc);
    // (GMM's own component under a return affine in the accumulator, whose adjoint the loop then knows: its
    // reverse runs in each iteration, and centered's values are computed again there, not taped)
    D value = switch (weights != null ? r.nextInt(4) : r.nextInt(8)) {
      case 0 -> a;
      case 1, 2, 3 -> new Bin('*', coefficient, a);
      case 4 -> new Bin('-', rest == null ? expressions.lit() : rest, new Bin('/', a, expressions.lit()));
      case 5 -> new Bin('*', a, a); // not affine
      case 6 -> expressions.math(r.nextBoolean() ? "tanh" : "sin", a); // not affine
      default -> expressions.expr(3); // mostly not affine, at times not reading it
    };
    for (D p : parts) {
      value = new Bin('+', value, p);
    }
    if (rest != null && r.nextBoolean()) {
      value = new Bin('+', value, rest);
    }
    out.addAll(statements.returns(value, true));
    state.taken.subList(hidden, state.taken.size()).clear();
    return out;
  }

  /**
   * GMM's component in an iteration ({@code centered}, {@code Q·centered} and its squared norm): the fill
   * of {@code scratch} also stores a product into {@code projected} ({@code c[j] = …; q[j] = e * c[j];}),
   * a triangle adds into {@code projected} ({@code for (i …) for (j = i + 1; j < c.length; j++) q[j] += e
   * * c[i];}, {@code e} at times a literal), and a loop sums its squares; all three count to {@code
   * c.length}, so the triangle's reverse and the fill's may run as one loop, and the sum's reverse may
   * store {@code projected}'s adjoint. Returns the sum of squares, a local of the iteration.
   */
  private D component(List<S> body, String scratch, String projected, String weights, String mean, I length) {
    // GMM's own, where weights is set: the same map at every point, its weights that array parameter's
    // entries at the inner loops' counters, the fill's data a function of the outer loop's counter, which
    // carries no derivative, less mean's entries, which also scale it (the processor then applies the
    // map's transpose once, to the sum over the points: SummedAdjoints)
    if (weights != null) {
      String outer = state.program.outerLoop;
      body.add(statements.innerLoop(length, null, j -> List.of(
          new AssignA(scratch, new IVar(j, false), "=", new Bin('-',
              new Bin('*', expressions.lit(0.25), new FromInt(new IBin('+', new IVar(outer, false), new IVar(j, false)), false)),
              new ARead(mean, new IBin('%', new IVar(j, false), new ILen(mean))))),
          new AssignA(projected, new IVar(j, false), "=", new Bin('*',
              new ARead(mean, new IBin('%', new IBin('+', new IVar(j, false), new ILit(1, false)), new ILen(mean))),
              new ARead(scratch, new IVar(j, false)))))));
    } else {
      body.add(statements.innerLoop(length, null, j -> List.of(
          new AssignA(scratch, new IVar(j, false), "=", fillValue()),
          new AssignA(projected, new IVar(j, false), "=", new Bin('*', element(), new ARead(scratch, new IVar(j, false)))))));
    }
    // (a literal weight at times: the triangle's reverse then adds only into the scratch array's adjoint,
    // and runs as one loop with the fill's, whatever parameters the fill reads)
    boolean weighted = r.nextBoolean();
    body.add(statements.innerLoop(length, null, i -> List.of(statements.innerLoop(
        new IBin('+', new IVar(i, false), new ILit(1, false)), 0, "<", length, null,
        j -> List.of(new AssignA(projected, new IVar(j, false), "+=",
            new Bin('*', weights != null
                ? new ARead(weights, new IBin('%', new IBin('+', new IVar(i, false), new IVar(j, false)), new ILen(weights)))
                : weighted ? element() : expressions.lit(), new ARead(scratch, new IVar(i, false)))))))));
    String norm = state.fresh();
    body.add(new DeclD(norm, false, expressions.lit(0)));
    state.env.add(new VarInfo(norm, 'D', false)); // in scope: no other local takes its name
    body.add(statements.innerLoop(length, null, j -> List.of(new AssignD(norm, "+=",
        new Bin('*', new ARead(projected, new IVar(j, false)), new ARead(projected, new IVar(j, false)))))));
    return new Var(norm);
  }

  /** Two different arrays that may be walked whole, or null where the program has fewer. */
  private String[] twoWhole() {
    String one = state.pickWhole();
    for (int tries = 0; tries < 8; tries++) {
      String two = state.pickWhole();
      if (!two.equals(one)) {
        return new String[] {one, two};
      }
    }
    return null;
  }

  /** A term of the accumulator from an inner accumulation's result {@code z}, smooth and of modest size. */
  private D of(D z) {
    return switch (r.nextInt(6)) {
      case 0 -> z;
      case 1 -> new Bin('*', z, z);
      case 2 -> expressions.math("tanh", z);
      case 3 -> expressions.math("log1p", new Bin('*', z, z));
      case 4 -> new Bin('*', z, expressions.expr(1));
      default -> expressions.math("log1p", expressions.math("exp", new Neg(expressions.math("tanh", z))));
    };
  }

  /** What a fill stores into a scratch array's entry: from the arrays, the matrix rows and the locals. */
  private D fillValue() {
    return new Bin("+-*".charAt(r.nextInt(3)), expressions.expr(1), element());
  }

  /** An entry of an array or of a matrix's row, indexed by the loop counters where it can be. */
  private D element() {
    if (state.has('M', false) && r.nextBoolean()) {
      String row = expressions.row(state.pick('M', false));
      return new ARead(row, expressions.index(row));
    }
    if (state.hasWhole()) {
      String a = state.pickWhole();
      return new ARead(a, expressions.index(a));
    }
    return expressions.expr(1);
  }
}
