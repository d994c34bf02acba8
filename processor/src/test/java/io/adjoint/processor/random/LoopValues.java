package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.ARead;
import io.adjoint.processor.random.Ast.And;
import io.adjoint.processor.random.Ast.AssignA;
import io.adjoint.processor.random.Ast.AssignD;
import io.adjoint.processor.random.Ast.AssignI;
import io.adjoint.processor.random.Ast.Bin;
import io.adjoint.processor.random.Ast.Cmp;
import io.adjoint.processor.random.Ast.D;
import io.adjoint.processor.random.Ast.DeclA;
import io.adjoint.processor.random.Ast.DeclD;
import io.adjoint.processor.random.Ast.DeclI;
import io.adjoint.processor.random.Ast.For;
import io.adjoint.processor.random.Ast.FromInt;
import io.adjoint.processor.random.Ast.I;
import io.adjoint.processor.random.Ast.IBin;
import io.adjoint.processor.random.Ast.ICmp;
import io.adjoint.processor.random.Ast.IConst;
import io.adjoint.processor.random.Ast.ILen;
import io.adjoint.processor.random.Ast.ILit;
import io.adjoint.processor.random.Ast.IOfD;
import io.adjoint.processor.random.Ast.IVar;
import io.adjoint.processor.random.Ast.If;
import io.adjoint.processor.random.Ast.Jump;
import io.adjoint.processor.random.Ast.Recomputed;
import io.adjoint.processor.random.Ast.S;
import io.adjoint.processor.random.Ast.Var;
import io.adjoint.processor.random.Ast.While;
import io.adjoint.processor.random.MethodState.VarInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Loops whose values the reverse sweep computes again instead of keeping them on the tape (see {@link
 * #loopValues}): arrays refilled in each iteration of an unfused outer loop and read at other indices,
 * ints that inner loops advance (GMM's column start), and the near misses of both ({@link Recomputed}).
 * One {@link Loops} holds the names and choices of one such shape and makes its statements.
 */
final class LoopValues {
  /** The share, in percent, of scalar programs (of either order) that hold {@link #loopValues}. */
  static final int LOOP_VALUES_SCALAR = 15;
  /** The share, in percent, of record programs (of order 1) that hold them. */
  static final int LOOP_VALUES_RECORDS = 10;
  /** The share, in percent, of {@link #loopValues} that are near misses ({@link Recomputed#nearMiss}). */
  private static final int LOOP_VALUES_NEAR_MISS = 40;

  private final SplittableRandom r;
  private final MethodState state;
  /**
   * The shape {@link #loopValues} is making, noted in the program when the return adds its value
   * ({@link Statements#returns}).
   */
  Loops pending;
  /** How many {@link #loopValues} the generator made. */
  private int loopValuesMade;
  // the other parts it calls, which call it in turn (the grammar nests): set by connect
  private Expressions expressions;
  private Statements statements;

  LoopValues(ProgramGenerator generator) {
    this.r = generator.r;
    this.state = generator.state;
  }

  /** Takes the other parts it calls, once the generator has made them all. */
  void connect(ProgramGenerator generator) {
    expressions = generator.expressions;
    statements = generator.statements;
  }

  /**
   * Loops whose values the reverse sweep computes again instead of keeping them on the tape, before the
   * program's ending, their value added to what its return returns (see {@link Statements#returns}): an
   * outer loop whose carried double goes through a nonlinear update ({@code s = Math.sin(s) + z}, {@code s
   * = s * t + z}), so that the processor does not fuse it, and in its iterations
   *
   * <ul>
   *   <li>a refilled array: {@code double[] c = new double[n]} made before the loop, filled in each
   *       iteration over its whole length with a cheap expression ({@code c[j] = a[j] * w - m[r %
   *       m.length][j % …] * r}: entries of the double[] and double[][] parameters at the counter or at
   *       indices derived from it, the outer counter, parameters, a double computed before), then read at
   *       other indices: {@code c[(i + 1) % c.length]}, {@code c[i + 1]} in a loop {@code i + 1 < n},
   *       {@code c[c.length - 1 - i]}, {@code c[i]} before the inner loop of a triangle ({@code for (j = i
   *       + 1; j < n; j++)}, a read of the inner loop's preheader) and {@code c[i + 1]} there, which is
   *       past the end when the inner loop does not run;
   *   <li>an int advanced by inner loops, GMM's column start: {@code int l = …; for (i …) { for (j = i +
   *       a; j < n; j++) { … w[l % w.length] …; l += step; } }} with steps 1 to 3, bounds {@code <} and
   *       {@code <=}, and inner loops from {@code i + a} or 0, declared before the outer loop or in its
   *       iteration; l indexes an active array and is cast into the value, so that a wrong value of it
   *       in the reverse sweep shows in the gradient.
   * </ul>
   *
   * A share are near misses ({@link Recomputed#nearMiss}) whose values the reverse sweep must keep: a fill
   * under an if, of part of the array, a store after it, a fill too costly or reading the carried double;
   * an inner loop that breaks, l set again, advanced through another int, downwards, or by a while loop
   * whose trip count is unknown. The forms are noted in {@link Ast.Program#recomputed} when the return adds
   * the value, and {@link Coverage} looks in the generated reverse code for the values computed again.
   * The names the shape declares stay out of reach of the rest of the program, but the refilled array,
   * which it may read from then on.
   *
   * @return what the return adds: the outer loop's carried double
   */
  D loopValues(List<S> out) {
    List<String> vectors = new ArrayList<>();
    List<String> matrices = new ArrayList<>();
    for (int k = 0; k < state.program.params.size(); k++) {
      String name = state.program.params.get(k);
      if (state.program.kind(k) == 'A' && state.env.stream().anyMatch(v -> v.name().equals(name))) {
        vectors.add(name); // (not an array reserved for a sweep: see Sweeps)
      } else if (state.program.kind(k) == 'M') {
        matrices.add(state.program.params.get(k));
      }
    }
    Loops shape = new Loops(vectors, matrices);
    boolean refill = r.nextBoolean();
    boolean advance = !refill || r.nextInt(3) == 0;
    Recomputed miss = null;
    if (r.nextInt(100) < LOOP_VALUES_NEAR_MISS) {
      List<Recomputed> misses = new ArrayList<>();
      for (Recomputed m : Recomputed.values()) {
        if (m.nearMiss && m.ofFill() == refill) {
          misses.add(m);
        }
      }
      miss = misses.get(r.nextInt(misses.size()));
    }
    shape.miss = miss;
    if (r.nextBoolean()) {
      // a double computed before the loops, which fills and terms read
      String k = shape.hide(state.fresh());
      out.add(new DeclD(k, false, expressions.expr(1)));
      shape.before = k;
    }
    if (refill) {
      shape.array = shape.hide(state.fresh());
      int roll = r.nextInt(vectors.isEmpty() ? 1 : 4);
      if (roll == 0) {
        shape.size = new ILit(1 + r.nextInt(4), false);
      } else {
        shape.sameLength = vectors.get(r.nextInt(vectors.size()));
        if (roll == 1) {
          String n = shape.hide(state.fresh());
          out.add(new DeclI(n, false, new ILen(shape.sameLength)));
          shape.size = new IVar(n, false);
        } else {
          shape.size = new ILen(shape.sameLength);
        }
      }
      out.add(new DeclA(shape.array, shape.size));
    }
    String s = shape.hide(state.fresh());
    shape.carried = s;
    out.add(new DeclD(s, false,
        r.nextBoolean() ? expressions.lit(Expressions.LITERALS[r.nextInt(6)]) : expressions.bounded(1)));
    D factor = null;
    if (r.nextBoolean()) {
      String t = shape.hide(state.fresh());
      out.add(new DeclD(t, false, new Bin('*', expressions.lit(0.5), expressions.bounded(1))));
      factor = new Var(t);
    }
    final D t = factor;
    boolean outer = refill || r.nextBoolean();
    boolean inIteration = outer && advance && r.nextBoolean();
    if (advance && !inIteration) {
      out.add(shape.declareAdvanced());
    }
    if (outer) {
      I bound = !vectors.isEmpty() && r.nextBoolean() ? new ILen(vectors.get(r.nextInt(vectors.size())))
          : !matrices.isEmpty() && r.nextInt(3) == 0 ? new ILen(matrices.get(r.nextInt(matrices.size())))
          : new ILit(1 + r.nextInt(3), false);
      out.add(statements.innerLoop(new ILit(0, false), 0, "<", bound, null, rv -> {
        shape.outer = rv;
        List<S> body = new ArrayList<>();
        if (refill) {
          shape.fill(body);
        }
        String z = shape.hide(state.fresh());
        shape.sum = z;
        body.add(new DeclD(z, false, expressions.lit(0)));
        if (refill) {
          shape.reads(body);
        }
        if (advance) {
          if (inIteration) {
            body.add(shape.declareAdvanced());
          }
          body.add(shape.triangle(false));
        }
        body.add(update(s, z, t));
        return body;
      }));
    } else {
      out.add(shape.triangle(true));
    }
    if (advance && inIteration) {
      shape.noted.add(Recomputed.ADVANCED_IN_ITERATION);
    }
    if (miss != null) {
      shape.noted.add(miss);
    }
    if (advance && (miss == null || miss.ofFill())) {
      shape.noted.add(Recomputed.ADVANCED);
    }
    if (shape.array != null) {
      // read only from here on, at any index
      state.taken.remove(shape.array);
      state.env.add(new VarInfo(shape.array, 'A', false));
    }
    pending = shape;
    D value = new Var(s);
    return r.nextBoolean() ? value : new Bin('*', expressions.lit(Expressions.LITERALS[r.nextInt(6)]), value);
  }

  /** {@code s = f(s, z)}: not an accumulation, so that the loop carrying s is not fused. */
  private S update(String s, String z, D factor) {
    D sv = new Var(s);
    D zv = new Var(z);
    return new AssignD(s, "=", switch (r.nextInt(4)) {
      case 0 -> new Bin('+', expressions.math("sin", sv), zv);
      case 1 -> new Bin('+', new Bin('*', sv, factor != null ? factor : expressions.lit(0.5)), zv);
      case 2 -> expressions.math("tanh", new Bin('+', sv, zv));
      default -> new Bin('+', new Bin('*', sv, expressions.math("cos", zv)), zv);
    });
  }

  /** The names and choices of one {@link #loopValues}, and the statements it makes. */
  final class Loops {
    final List<String> vectors;
    final List<String> matrices;
    final java.util.Set<Recomputed> noted = java.util.EnumSet.noneOf(Recomputed.class);
    /** The names declared, out of reach of the rest of the program. */
    final List<String> hidden = new ArrayList<>();
    /** The locals holding entries read elsewhere (at other indices than the fill's), named to be found. */
    final List<String> reads = new ArrayList<>();
    Recomputed miss;
    String before; // a double computed before the loops, or null
    String array; // the refilled array, or null
    I size; // what it was made with
    String sameLength; // a double[] parameter as long as it, or null
    String carried; // the outer loop's double
    String outer; // the outer loop's counter
    String sum; // the double an iteration adds its terms into
    String advanced; // the int inner loops advance, or null
    int step;

    /** Which loopValues of the generator this is: its names {@link #name} are the generator's alone. */
    final int id = loopValuesMade++;

    Loops(List<String> vectors, List<String> matrices) {
      this.vectors = vectors;
      this.matrices = matrices;
    }

    /**
     * A name no other program of the generator declares, ending in a letter ({@code e3r0}, {@code l3x}):
     * {@link Coverage} finds it in the generated code, where the processor's names for its versions
     * only add digits and underscores, and where a callee inlined at second order has names of its own.
     */
    String name(String prefix, String suffix) {
      String name = prefix + id + suffix;
      while (state.visible(name)) {
        name = prefix + id + suffix + "z";
      }
      return name;
    }

    String hide(String name) {
      state.taken.add(name);
      hidden.add(name);
      return name;
    }

    /** A bound for a loop over the refilled array's entries: its length, or what it was made with. */
    I entries() {
      return r.nextBoolean() ? new ILen(array) : size;
    }

    /** An entry of a double[] or double[][] parameter, read at an index derived from counter {@code j}. */
    D entryAt(String j) {
      I at = new IVar(j, false);
      if (!matrices.isEmpty() && (vectors.isEmpty() || r.nextInt(3) == 0)) {
        String m = matrices.get(r.nextInt(matrices.size()));
        String rowIndex = switch (r.nextInt(outer != null ? 4 : 3)) {
          case 0 -> j + " % " + m + ".length";
          case 1 -> m + ".length - 1";
          case 2 -> "0";
          default -> outer + " % " + m + ".length";
        };
        String row = m + "[" + rowIndex + "]";
        if (array != null && j.equals(fillCounter)) {
          noted.add(Recomputed.FILL_OF_MATRIX);
        }
        return new ARead(row, new IBin('%', r.nextBoolean() ? at : new IBin('+', at, new ILit(1, false)), new ILen(row)));
      }
      if (vectors.isEmpty()) {
        return new FromInt(at, r.nextBoolean()); // (no array to read: the counter itself)
      }
      String a = vectors.get(r.nextInt(vectors.size()));
      if (a.equals(sameLength) && j.equals(fillCounter) && r.nextBoolean()) {
        return new ARead(a, at); // c's length is a's
      }
      I index = switch (r.nextInt(outer != null ? 3 : 2)) {
        case 0 -> at;
        case 1 -> new IBin('+', at, new ILit(1 + r.nextInt(2), false));
        default -> new IBin('+', at, new IVar(outer, false));
      };
      return new ARead(a, new IBin('%', index, new ILen(a)));
    }

    /** A cheap operand of a fill: an entry, a parameter or the double computed before, the outer counter, a literal. */
    D atom(String j) {
      return switch (r.nextInt(5)) {
        case 0, 1 -> entryAt(j);
        case 2 -> before != null ? new Var(before) : new Var(doubleParam());
        case 3 -> outer != null ? new FromInt(new IVar(outer, false), r.nextInt(3) == 0) : expressions.lit();
        default -> expressions.lit();
      };
    }

    /** A double parameter (there is one, or an assignable double). */
    String doubleParam() {
      List<String> names = new ArrayList<>();
      for (int k = 0; k < state.program.params.size(); k++) {
        if (state.program.kind(k) == 'D' || state.program.kind(k) == 'N') {
          names.add(state.program.params.get(k));
        }
      }
      return names.isEmpty() ? state.pick('D', false) : names.get(r.nextInt(names.size()));
    }

    String fillCounter; // the fill's counter while its value is made

    /** What the fill stores: a few sums, differences and products of cheap operands, one an entry at j. */
    D cheapFill(String j) {
      D value = new Bin("+-*".charAt(r.nextInt(3)), entryAt(j), atom(j));
      if (r.nextBoolean()) {
        D third = atom(j);
        value = r.nextBoolean() ? new Bin("+-*".charAt(r.nextInt(3)), value, third)
            : new Bin("+-".charAt(r.nextInt(2)), third, new Bin('*', atom(j), entryAt(j)));
      }
      return value;
    }

    /** The fill of the refilled array, or its near miss, and what follows it before the reads. */
    void fill(List<S> body) {
      boolean partial = miss == Recomputed.PARTIAL_FILL;
      I bound = partial ? new IBin('-', new ILen(array), new ILit(1, false)) : entries();
      For fill = statements.innerLoop(new ILit(0, false), 0, "<", bound, array, j -> {
        fillCounter = j;
        D value;
        if (miss == Recomputed.COSTLY_FILL) {
          value = new Bin('*', expressions.math("exp", new Bin('*', expressions.lit(0.5), entryAt(j))), atom(j));
        } else if (miss == Recomputed.FILL_READS_CARRIED) {
          value = new Bin(r.nextBoolean() ? '*' : '+', entryAt(j), new Var(carried));
        } else {
          value = cheapFill(j);
        }
        S store = new AssignA(array, new IVar(j, false), "=", value);
        List<S> in = new ArrayList<>();
        if (miss == Recomputed.FILL_IN_BRANCH && r.nextBoolean()) {
          // stored on both arms, each a cheap expression: twice in the loop
          in.add(new If(new Cmp(">", entryAt(j), expressions.lit(0.0)), List.of(store),
              List.of(new AssignA(array, new IVar(j, false), "=", cheapFill(j)))));
        } else {
          in.add(store);
        }
        fillCounter = null;
        return in;
      });
      if (miss == Recomputed.FILL_IN_BRANCH && fill.body().size() == 1 && fill.body().get(0) instanceof AssignA) {
        body.add(new If(expressions.cond(1), List.of(fill), List.of())); // the whole fill, at times
      } else {
        body.add(fill);
      }
      if (miss == Recomputed.STORE_AFTER_FILL) {
        I at = switch (r.nextInt(3)) {
          case 0 -> new ILit(0, false);
          case 1 -> new IBin('-', new ILen(array), new ILit(1, false));
          default -> new IBin('%', new IVar(outer, false), new ILen(array));
        };
        body.add(new AssignA(array, at, r.nextBoolean() ? "=" : "+=", expressions.expr(0)));
      }
    }

    /** A double to multiply a read entry by: an entry at i, the double before, the read entry at i. */
    D partner(String i) {
      return switch (r.nextInt(4)) {
        case 0, 1 -> entryAt(i);
        case 2 -> before != null ? new Var(before) : expressions.expr(0);
        default -> new ARead(array, new IBin('%', new IVar(i, false), new ILen(array)));
      };
    }

    /** {@code z += e * partner}, or a nonlinear term of e: its value is needed in the reverse sweep. */
    S term(D e, String i) {
      D value = switch (r.nextInt(3)) {
        case 0 -> expressions.math("sin", new Bin('*', e, partner(i)));
        default -> new Bin('*', e, partner(i));
      };
      return new AssignD(sum, r.nextInt(4) == 0 ? "-=" : "+=", value);
    }

    /** A read at {@code at}, into a named local (found in the reverse code) or in the term. */
    List<S> read(I at, String i) {
      D entry = new ARead(array, at);
      if (r.nextInt(3) == 0) {
        return List.of(term(entry, i));
      }
      String e = hide(name("e", "r" + reads.size()));
      reads.add(e);
      return List.of(new DeclD(e, false, entry), term(new Var(e), i));
    }

    /** The reads of the refilled array at other indices than the fill's, one to three forms. */
    void reads(List<S> body) {
      List<Recomputed> forms = new ArrayList<>(List.of(Recomputed.READ_MODULO, Recomputed.READ_SHIFTED,
          Recomputed.READ_MIRRORED, Recomputed.READ_IN_PREHEADER, Recomputed.UNSAFE_PREHEADER_READ));
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        Recomputed form = forms.remove(r.nextInt(forms.size()));
        noted.add(form);
        I one = new ILit(1, false);
        switch (form) {
          case READ_MODULO -> {
            if (r.nextInt(4) == 0) {
              // in the iteration, at the outer counter
              body.addAll(read(new IBin('%', new IBin('+', new IVar(outer, false), one), new ILen(array)), outer));
            } else {
              I bound = r.nextBoolean() ? entries() : !vectors.isEmpty() ? new ILen(vectors.get(r.nextInt(vectors.size())))
                  : new ILit(1 + r.nextInt(4), false);
              int plus = 1 + r.nextInt(2);
              body.add(statements.innerLoop(new ILit(0, false), 0, "<", bound, null,
                  i -> read(new IBin('%', new IBin('+', new IVar(i, false), new ILit(plus, false)), new ILen(array)), i)));
            }
          }
          case READ_SHIFTED -> body.add(statements.innerLoop(new ILit(0, false), 1, "<", entries(), null,
              i -> read(new IBin('+', new IVar(i, false), one), i)));
          case READ_MIRRORED -> body.add(statements.innerLoop(new ILit(0, false), 0, "<", entries(), array,
              i -> read(new IBin('-', new IBin('-', new ILen(array), one), new IVar(i, false)), i)));
          default -> {
            // read in the inner loop, the same in each of its iterations: before it, once, when it runs
            boolean unsafe = form == Recomputed.UNSAFE_PREHEADER_READ;
            I n = entries();
            body.add(statements.innerLoop(new ILit(0, false), 0, "<", n, array, i -> List.of(
                statements.innerLoop(new IBin('+', new IVar(i, false), one), 0, "<", n, array, j -> {
                  D entry = new ARead(array, unsafe ? new IBin('+', new IVar(i, false), one) : new IVar(i, false));
                  D value = r.nextInt(3) == 0 ? expressions.math("cos", entry) : entry;
                  return List.of(new AssignD(sum, "+=", new Bin('*', entryAt(j), value)));
                }))));
          }
        }
      }
    }

    /** {@code int l = …;}: the int inner loops advance, never negative. */
    S declareAdvanced() {
      advanced = hide(name("l", "x"));
      boolean downwards = miss == Recomputed.ADVANCE_DOWNWARDS;
      step = 1 + r.nextInt(3);
      // (downwards from 1,000: steps of at most 2, in a triangle over at most 6 entries, 21 steps, inside
      // outer loops of as many: 100 was too few where a vector program passes an array of 5 entries to a
      // triangle inside a loop over it, 75 steps of 2, and l % n went negative)
      I init = downwards ? new ILit(1000, false)
          : switch (r.nextInt(4)) {
            case 0 -> new ILit(r.nextInt(3), false);
            case 1 -> !vectors.isEmpty() ? new ILen(vectors.get(r.nextInt(vectors.size()))) : new ILit(1, false);
            case 2 -> new IConst(state.klass.name(), "K0", state.klass.k0(), state.qualify("K0"));
            default -> new IOfD(expressions.expr(1), 3);
          };
      return new DeclI(advanced, false, init);
    }

    /** An entry of an active array at l: a double[] parameter's or a matrix row's. */
    D atAdvanced(String l, String j) {
      I at = new IVar(l, false);
      if (!matrices.isEmpty() && (vectors.isEmpty() || r.nextInt(3) == 0)) {
        String m = matrices.get(r.nextInt(matrices.size()));
        if (r.nextBoolean()) {
          String row = m + "[" + l + " % " + m + ".length]";
          return new ARead(row, new IBin('%', new IVar(j, false), new ILen(row)));
        }
        String row = m + "[" + j + " % " + m + ".length]";
        return new ARead(row, new IBin('%', at, new ILen(row)));
      }
      if (vectors.isEmpty()) {
        return new Bin('*', new FromInt(at, true), expressions.lit(0.25));
      }
      String w = vectors.get(r.nextInt(vectors.size()));
      return new ARead(w, new IBin('%', at, new ILen(w)));
    }

    /** What an inner iteration adds, reading l: an entry at l times one at j, or l cast into the value. */
    S advancedTerm(String l, String j) {
      D value = switch (r.nextInt(4)) {
        case 0 -> new Bin('*', expressions.math("sin", new Bin('+',
            new Bin('*', new FromInt(new IVar(l, false), r.nextBoolean()), expressions.lit(0.25)), entryAt(j))),
            atAdvanced(l, j));
        case 1 -> new Bin('*', atAdvanced(l, j), array != null && r.nextBoolean()
            ? new ARead(array, new IBin('%', new IVar(j, false), new ILen(array))) : entryAt(j));
        default -> new Bin('*', atAdvanced(l, j), r.nextBoolean() ? entryAt(j) : expressions.expr(0));
      };
      return new AssignD(sum, "+=", value);
    }

    /**
     * The triangle: {@code for (i …) { for (j = i + a; j < n; j++) { … l …; l += step; } }}, or its near
     * miss; with {@code top}, the outermost loop, its own double s carried through the update.
     */
    For triangle(boolean top) {
      String l = advanced;
      I n = array != null && r.nextBoolean() ? entries()
          : !vectors.isEmpty() && r.nextBoolean() ? new ILen(vectors.get(r.nextInt(vectors.size())))
          : !matrices.isEmpty() && r.nextBoolean() ? new ILen(matrices.get(r.nextInt(matrices.size())))
          : new ILit(1 + r.nextInt(4), false);
      String over = n instanceof ILen len ? len.array() : null;
      boolean downwards = miss == Recomputed.ADVANCE_DOWNWARDS;
      return statements.innerLoop(new ILit(0, false), 0, "<", n, over, i -> {
        List<S> body = new ArrayList<>();
        if (top) {
          outer = i;
          sum = hide(state.fresh());
          body.add(new DeclD(sum, false, expressions.lit(0)));
        }
        if (r.nextInt(3) == 0) {
          body.add(advancedTerm(l, i)); // l as the iteration starts
        }
        int variant = r.nextInt(4);
        I start = variant < 2 ? (r.nextBoolean() ? new IVar(i, false) : new IBin('+', new IVar(i, false), new ILit(1, false)))
            : new ILit(0, false);
        String cmp = r.nextBoolean() ? "<" : "<=";
        I bound = variant < 2 ? (cmp.equals("<") ? n : new IBin('-', n, new ILit(1, false))) : new IVar(i, false);
        if (variant >= 2 && cmp.equals("<=") && r.nextBoolean()) {
          cmp = "<";
        }
        String advancedHere = l;
        if (miss == Recomputed.ADVANCE_OTHER_START) {
          advancedHere = hide(state.fresh());
          body.add(new DeclI(advancedHere, false, new IBin('+', new IVar(l, false), new ILit(1, false))));
        }
        String m = advancedHere;
        S advanceBy = downwards ? (step == 1 && r.nextBoolean() ? new AssignI(m, "--", null)
                : new AssignI(m, "-=", new ILit(Math.min(step, 2), false)))
            : step == 1 && r.nextBoolean() ? new AssignI(m, "++", null) : new AssignI(m, "+=", new ILit(step, false));
        if (miss == Recomputed.ADVANCE_UNKNOWN_TRIPS) {
          String k = hide(state.fresh());
          body.add(new DeclI(k, false, new ILit(0, false)));
          state.loops++;
          state.iterations *= 4;
          state.env.add(new VarInfo(k, 'I', false, true, null));
          List<S> in = new ArrayList<>();
          in.add(new AssignI(k, "++", null));
          in.add(advancedTerm(m, k));
          in.add(advanceBy);
          state.env.removeIf(v -> v.name().equals(k));
          state.loops--;
          state.iterations /= 4;
          body.add(new While(new And(new ICmp("<", new IVar(k, false), n), new Cmp("<", new Var(sum), expressions.lit(2.0))), in, false));
        } else {
          // the inner loop's terms summed apart, then added to sum: the row loop then only accumulates, so
          // its reverse may run first first (GMM's triangle adds into an array instead)
          String target = sum;
          String part = null;
          if (!top && miss != Recomputed.ADVANCE_BREAKS && r.nextInt(3) == 0) {
            part = hide(state.fresh());
            body.add(new DeclD(part, false, expressions.lit(0)));
            sum = part;
          }
          body.add(statements.innerLoop(start, 0, cmp, bound, null, j -> {
            List<S> in = new ArrayList<>();
            in.add(advancedTerm(m, j));
            in.add(advanceBy);
            if (miss == Recomputed.ADVANCE_BREAKS) {
              in.add(new If(new Cmp(">", new Var(sum), expressions.lit(1.5)), List.of(new Jump(true)), List.of()));
            }
            return in;
          }));
          if (part != null) {
            sum = target;
            body.add(new AssignD(sum, "+=", new Var(part)));
          }
        }
        if (miss == Recomputed.ADVANCE_OTHER_START) {
          body.add(new AssignI(l, "=", new IVar(m, false)));
        } else if (miss == Recomputed.ADVANCE_SET_AGAIN) {
          body.add(r.nextBoolean() ? new AssignI(l, "+=", new IVar(i, false)) : new AssignI(l, "++", null));
        }
        if (r.nextInt(4) == 0) {
          body.add(advancedTerm(l, i)); // l as the inner loop left it
        }
        if (top) {
          body.add(update(carried, sum, null));
        }
        return body;
      });
    }
  }
}
