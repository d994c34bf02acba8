package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.ARead;
import io.adjoint.processor.random.Ast.And;
import io.adjoint.processor.random.Ast.AssignA;
import io.adjoint.processor.random.Ast.AssignD;
import io.adjoint.processor.random.Ast.AssignI;
import io.adjoint.processor.random.Ast.B;
import io.adjoint.processor.random.Ast.Bin;
import io.adjoint.processor.random.Ast.D;
import io.adjoint.processor.random.Ast.DeclA;
import io.adjoint.processor.random.Ast.DeclB;
import io.adjoint.processor.random.Ast.DeclD;
import io.adjoint.processor.random.Ast.DeclI;
import io.adjoint.processor.random.Ast.For;
import io.adjoint.processor.random.Ast.ForEach;
import io.adjoint.processor.random.Ast.ForEachR;
import io.adjoint.processor.random.Ast.I;
import io.adjoint.processor.random.Ast.IBin;
import io.adjoint.processor.random.Ast.ICmp;
import io.adjoint.processor.random.Ast.IConst;
import io.adjoint.processor.random.Ast.ILen;
import io.adjoint.processor.random.Ast.ILit;
import io.adjoint.processor.random.Ast.IOfD;
import io.adjoint.processor.random.Ast.IVar;
import io.adjoint.processor.random.Ast.If;
import io.adjoint.processor.random.Ast.IncD;
import io.adjoint.processor.random.Ast.Jump;
import io.adjoint.processor.random.Ast.MixI;
import io.adjoint.processor.random.Ast.Neg;
import io.adjoint.processor.random.Ast.Return;
import io.adjoint.processor.random.Ast.ReturnA;
import io.adjoint.processor.random.Ast.ReturnNew;
import io.adjoint.processor.random.Ast.S;
import io.adjoint.processor.random.Ast.Seq;
import io.adjoint.processor.random.Ast.Switch;
import io.adjoint.processor.random.Ast.Var;
import io.adjoint.processor.random.Ast.While;
import io.adjoint.processor.random.MethodState.VarInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The statements of a program's body: blocks, declarations and assignments of doubles, ints, booleans
 * and arrays, ifs, loops (for, for-each, while and do-while, with break and continue), the accumulating
 * loop of a reduction, and the returns that end a body (in a vector program, stores into its result
 * array). A program's top-level block ends in a nested reduction ({@link NestedReductions}) or holds
 * loop values ({@link LoopValues}) or a sweep ({@link Sweeps}) when the program drew them; the switches
 * come from {@link Switches}.
 */
final class Statements {
  private final SplittableRandom r;
  private final MethodState state;
  // the other parts it calls, which call it in turn (the grammar nests): set by connect
  private Expressions expressions;
  private Calls calls;
  private Records records;
  private Switches switches;
  private NestedReductions nestedReductions;
  private LoopValues loopValues;
  private Sweeps sweeps;

  Statements(ProgramGenerator generator) {
    this.r = generator.r;
    this.state = generator.state;
  }

  /** Takes the other parts it calls, once the generator has made them all. */
  void connect(ProgramGenerator generator) {
    expressions = generator.expressions;
    calls = generator.calls;
    records = generator.records;
    switches = generator.switches;
    nestedReductions = generator.nestedReductions;
    loopValues = generator.loopValues;
    sweeps = generator.sweeps;
  }

  List<S> block(int depth, int size, boolean top) {
    int mark = state.env.size();
    List<S> out = new ArrayList<>();
    boolean normal = true;
    for (int i = 0; i < size && normal; i++) {
      S s = statement(depth);
      out.add(s);
      if ((s instanceof If || s instanceof Switch) && !state.completes) {
        normal = false;
      }
    }
    if (normal && top && state.yielding < 0 && state.valuing) {
      state.valuing = false;
      state.loopValue = loopValues.loopValues(out);
    }
    if (normal && top && state.yielding < 0 && state.sweeping) {
      state.sweeping = false;
      out.addAll(sweeps.sweep());
    }
    if (normal && state.loops > 0 && state.loops > state.yielding && r.nextInt(6) == 0) {
      // break, continue, or at times a return from inside the loop (of a double: a vector program's
      // returns store into its result array first, kept out of loops)
      out.add(
          state.yielding < 0 && state.returnsInCases && state.result == null && r.nextInt(4) == 0
              ? returns(expressions.expr(3), false).get(0)
              : new Jump(r.nextBoolean()));
      normal = false;
    } else if (normal && top && state.yielding < 0 && state.nesting) {
      out.addAll(nestedReductions.nestedReduction(depth));
      normal = false;
    } else if (normal && top && state.yielding < 0 && r.nextInt(3) == 0) {
      String acc = reduction(depth, out);
      // at times statements between the loop and the return: stores into arrays, other uses of acc
      boolean falls = true;
      for (int n = r.nextInt(3); n > 0 && falls; n--) {
        if (state.arrays && state.has('A', true) && r.nextBoolean()) {
          // a store into a local array the loop may have read
          String target = state.pick('A', true);
          out.add(new AssignA(target, expressions.index(target), r.nextBoolean() ? "=" : "+=", expressions.expr(2)));
          continue;
        }
        S s = statement(depth);
        out.add(s);
        falls = !(s instanceof If || s instanceof Switch) || state.completes;
      }
      if (falls) {
        out.addAll(returns(affineIn(acc), true));
      }
      normal = false;
    } else if (normal && state.yielding < 0
        && (top || (state.loops == 0 && state.returnsInCases && r.nextInt(5) == 0))) {
      out.addAll(returns(expressions.expr(3), top));
      normal = false;
    }
    for (int i = mark; i < state.env.size(); i++) {
      state.freed.add(state.env.get(i).name());
    }
    state.env.subList(mark, state.env.size()).clear();
    state.completes = normal;
    return out;
  }

  /**
   * A return of {@code value}: in a vector program, {@code value} and a few more expressions stored into
   * the result array before {@code return out;}, or the entries of a {@code new double[] {…}} (more
   * often in a branch, {@code top} false, where returns are rare).
   */
  List<S> returns(D value, boolean top) {
    if (state.sweepValue != null) {
      value = new Bin('+', value, state.sweepValue); // every return after a sweep adds its accumulator
    }
    if (top && state.loopValue != null) {
      // the program's ending: it returns what loopValues computed too
      value = new Bin('+', value, state.loopValue);
      state.loopValue = null;
      state.program.recomputed.addAll(loopValues.pending.noted);
      state.program.advanced = loopValues.pending.advanced;
      state.program.refilled = loopValues.pending.array;
      state.program.refilledReads.addAll(loopValues.pending.reads);
    }
    if (state.program.returns != null) {
      return List.of(new Ast.ReturnR(records.returnedRecord(state.program.returns, value)));
    }
    if (state.result == null) {
      return List.of(new Return(value));
    }
    int m = state.program.outputs;
    if (!state.single && r.nextInt(top ? 3 : 2) == 0) {
      List<D> elements = new ArrayList<>();
      int at = r.nextInt(m);
      for (int j = 0; j < m; j++) {
        elements.add(j == at ? value : expressions.expr(2));
      }
      return List.of(new ReturnNew(List.copyOf(elements)));
    }
    List<S> out = new ArrayList<>();
    for (int n = r.nextInt(Math.min(m, 3)); n > 0; n--) {
      out.add(new AssignA(state.result, r.nextBoolean() ? new ILit(r.nextInt(m), false) : expressions.index(state.result),
          r.nextInt(3) == 0 ? "+=" : "=", expressions.expr(2)));
    }
    out.add(new AssignA(state.result, r.nextBoolean() ? new ILit(r.nextInt(m), false) : expressions.index(state.result),
        r.nextBoolean() ? "+=" : "=", value));
    out.add(new ReturnA(state.result));
    return out;
  }

  S statement(int depth) {
    if (state.takesRecords && r.nextInt(100) < 16) {
      S s = records.recordStatement();
      if (s != null) {
        return s;
      }
    }
    if (r.nextInt(100) < (state.program.vector ? 8 : 5)) {
      // a call to a vector program; in a loop, one whose result the processor splits into scalars (E265)
      S call = calls.vectorCall();
      if (call != null) {
        return call;
      }
    }
    if (state.result != null && r.nextInt(100) < 10) {
      // a store into the vector program's result
      int op = r.nextInt(4);
      return new AssignA(state.result, expressions.index(state.result), op < 2 ? "=" : op < 3 ? "+=" : "-=",
          expressions.expr(op < 2 ? 3 : 2));
    }
    if (state.arrays) {
      int a = r.nextInt(100);
      if (a < 9) {
        // inside a loop, a fresh array each iteration, of a constant size: the processor splits it into
        // one local per entry (E242 otherwise), so it is only indexed, never passed or walked whole (E248)
        boolean split = state.loops > 0;
        String name = state.fresh();
        state.pending = name; // in scope in its initializer: a K0 there must be qualified
        if (r.nextBoolean()) {
          // an initializer: any expression in each element
          List<D> elements = new ArrayList<>();
          for (int k = 1 + r.nextInt(4); k > 0; k--) {
            elements.add(expressions.expr(3));
          }
          state.pending = null;
          state.env.add(new VarInfo(name, 'A', true, false, null, split));
          return new DeclA(name, null, List.copyOf(elements), r.nextInt(3) == 0);
        }
        if (split) {
          state.pending = null;
          state.env.add(new VarInfo(name, 'A', true, false, null, true));
          return new DeclA(name, new ILit(1 + r.nextInt(4), false));
        }
        int roll = r.nextInt(6);
        I size =
            state.has('A', false) && roll < 3
                ? lengthPlus(state.pick('A', false))
                : roll == 3
                    ? new IBin('+', new ILit(1, false), new IOfD(expressions.expr(1), 4)) // 1 to 4, from a double
                    : new ILit(1 + r.nextInt(4), false);
        state.pending = null;
        state.env.add(new VarInfo(name, 'A', true));
        return new DeclA(name, size);
      }
      String array = a >= 95 && state.hasWhole() ? state.pickWhole() : null;
      // never of a vector program's result, which its returns store into
      if (array != null && !array.equals(state.result) && (state.program.params.contains(array) || r.nextInt(3) == 0)) {
        // a second name, read only; the array it names is not written while it lives (nor after)
        String name = state.fresh();
        for (int k = 0; k < state.env.size(); k++) {
          VarInfo v = state.env.get(k);
          if (v.name().equals(array) && v.assignable()) {
            state.env.set(k, new VarInfo(v.name(), v.kind(), false, v.nonNegative(), v.over()));
          }
        }
        state.env.add(new VarInfo(name, 'A', false));
        return new Ast.DeclAlias(name, array);
      }
      if (a < (state.loops > 0 ? 45 : 40) && state.has('A', true)) {
        String target = state.pick('A', true);
        I index = expressions.index(target);
        int op = r.nextInt(8);
        if (op < 3) {
          return new AssignA(target, index, "=", expressions.expr(3));
        } else if (op < 6) {
          return new AssignA(target, index, "+=", expressions.expr(2));
        } else if (op < 7) {
          return new AssignA(target, index, "-=", expressions.expr(2));
        }
        return new AssignA(target, index, "*=", expressions.bounded(2));
      }
    }
    int roll = r.nextInt(100);
    if (roll < 35) {
      String name = state.fresh();
      boolean isFinal = r.nextInt(7) == 0;
      state.pending = name;
      D init = expressions.expr(3);
      state.pending = null;
      state.env.add(new VarInfo(name, 'D', !isFinal));
      return new DeclD(name, isFinal, init);
    }
    if (roll < 52) {
      String target = state.pick('D', true);
      int op = r.nextInt(10);
      if (op < 4) {
        return new AssignD(target, "=", expressions.expr(3));
      } else if (op < 6) {
        return new AssignD(target, "+=", expressions.expr(2));
      } else if (op < 7) {
        return new AssignD(target, "-=", expressions.expr(2));
      } else if (op < 9) {
        return new AssignD(target, "*=", r.nextBoolean() ? expressions.bounded(2) : expressions.expr(1));
      } else {
        return new AssignD(target, "/=", expressions.positiveAwayFromZero(2));
      }
    }
    if (roll < 56) {
      return new IncD(state.pick('D', true), r.nextBoolean(), r.nextBoolean());
    }
    if (roll >= 64 && roll < 68 && depth < 3) {
      return r.nextInt(3) > 0 ? switches.switchStatement(depth) : switches.declSwitch(depth);
    }
    if (roll >= 68 && roll < 72 && state.loops < 2 && depth < 3) {
      return loop(depth);
    }
    if (roll < 72 && (depth < 2 || (depth < 3 && r.nextInt(3) == 0))) {
      B cond = expressions.cond(2);
      List<S> then = block(depth + 1, 1 + r.nextInt(3), false);
      boolean thenCompletes = state.completes;
      List<S> otherwise = List.of();
      boolean elseCompletes = true;
      if (r.nextInt(10) < 6) {
        otherwise =
            r.nextInt(4) == 0 && depth < 2
                ? List.of(statementIf(depth + 1))
                : block(depth + 1, 1 + r.nextInt(3), false);
        elseCompletes = state.completes;
      }
      state.completes = thenCompletes || elseCompletes;
      return new If(cond, then, otherwise);
    }
    if (roll < 82) {
      boolean isLong = r.nextInt(4) == 0;
      String name = state.fresh();
      state.pending = name;
      I init = expressions.intExpr(1);
      state.pending = null;
      isLong |= Ast.isLong(init);
      state.env.add(new VarInfo(name, isLong ? 'L' : 'I', true));
      return new DeclI(name, isLong, init);
    }
    if (roll < 86 && state.has('I', true)) {
      String target = state.pick('I', true);
      return switch (r.nextInt(6)) {
        case 4, 5 ->
            new MixI(target, state.kindOf(target) == 'L', new String[] {"+=", "-=", "*="}[r.nextInt(3)], expressions.bounded(1));
        case 0 -> new AssignI(target, "++", null);
        case 1 -> new AssignI(target, "+=", expressions.intExpr(1));
        case 2 -> new AssignI(target, "*=", new ILit(2, false));
        default ->
            new AssignI(target, "=", state.kindOf(target) == 'L' ? expressions.intExpr(1) : expressions.intOnly(1));
      };
    }
    if (roll < 92) {
      String name = state.fresh();
      state.pending = name;
      B init = expressions.cond(2);
      state.pending = null;
      state.env.add(new VarInfo(name, 'B', r.nextBoolean()));
      return new DeclB(name, init);
    }
    String target = state.pick('D', true);
    return new AssignD(target, "=", expressions.expr(3));
  }

  /** Whether {@code body} has a break or continue of the loop it is the body of, or of a switch in it. */
  private static boolean jumps(List<S> body) {
    return jumps(body, false);
  }

  /** {@code inSwitch}: a break there leaves the switch, not the loop. */
  private static boolean jumps(List<S> body, boolean inSwitch) {
    for (S s : body) {
      if (s instanceof Jump j && !(inSwitch && j.isBreak())
          || s instanceof If f && (jumps(f.then(), inSwitch) || jumps(f.otherwise(), inSwitch))
          || s instanceof Switch w && w.cases().stream().anyMatch(c -> jumps(c.body(), true))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code body} has a continue of the loop it is the body of. */
  private static boolean continues(List<S> body) {
    for (S s : body) {
      if (s instanceof Jump j && !j.isBreak()
          || s instanceof If f && (continues(f.then()) || continues(f.otherwise()))
          || s instanceof Switch w && w.cases().stream().anyMatch(c -> continues(c.body()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A loop of a few iterations: a for loop over a fresh int, or a while or do-while loop whose body
   * first counts up a fresh int declared just before (which this returns as a block with it).
   */
  S loop(int depth) {
    state.loops++;
    state.iterations *= 4; // every bound is at most 4
    S out;
    if (state.takesRecords && state.has('Q', false) && r.nextInt(3) == 0) {
      String array = state.pick('Q', false);
      String var = state.fresh();
      state.env.add(new VarInfo(var, 'R', false));
      state.recordOf.put(var, state.recordOf.get(array));
      List<S> body = block(depth + 1, 1 + r.nextInt(4), false);
      state.env.remove(state.env.size() - 1);
      state.freed.add(var);
      out = new ForEachR(var, state.recordOf.get(array), array, body);
    } else if (state.hasWhole() && r.nextInt(4) == 0) {
      String array = state.pickWhole();
      String var = state.fresh();
      state.env.add(new VarInfo(var, 'D', false));
      List<S> body = block(depth + 1, 1 + r.nextInt(4), false);
      state.env.remove(state.env.size() - 1);
      state.freed.add(var);
      out = new ForEach(var, array, body);
    } else if (r.nextInt(2) > 0) {
      String var = state.fresh();
      state.pending = var; // in scope in the condition: a K0 there must be qualified
      String over = state.has('A', false) && r.nextInt(3) > 0 ? state.pick('A', false) : null; // at most 4 entries
      if (state.takesRecords && state.has('Q', false) && r.nextInt(3) == 0) {
        over = state.pick('Q', false); // ps.length: at most 3
      }
      if (over == null && state.has('M', false) && r.nextInt(3) > 0) {
        over = state.pick('M', false); // over its rows
      }
      I bound =
          over != null
              ? new ILen(over)
              : switch (r.nextInt(5)) {
                case 0 -> new IConst(state.klass.name(), "K0", state.klass.k0(), state.qualify("K0"));
                case 4 -> new IOfD(expressions.expr(1), 3 + r.nextInt(2)); // below 4, from a double, calls too
                case 1 -> new IBin('%', expressions.intExpr(0), new ILit(3 + r.nextInt(2), false)); // below 4
                default -> new ILit(1 + r.nextInt(4), false);
              };
      state.pending = null;
      state.env.add(new VarInfo(var, 'I', false, true, over));
      List<S> body = block(depth + 1, 1 + r.nextInt(4), false);
      state.env.remove(state.env.size() - 1);
      state.freed.add(var);
      out = new For(var, bound, body);
    } else {
      String counter = state.fresh();
      state.env.add(new VarInfo(counter, 'I', false, true, null));
      B cond = new ICmp("<", new IVar(counter, false), new ILit(1 + r.nextInt(4), false));
      int callsBefore = state.callCost;
      if (r.nextInt(4) > 0) {
        // calls too: the processor tests such a condition in the body
        int roll = r.nextInt(16);
        cond = new And(cond, roll < 2 ? expressions.castComparison() : roll < 3 ? expressions.switchComparison()
            : expressions.cond(2));
      }
      boolean condCalls = state.callCost > callsBefore;
      List<S> body = new ArrayList<>();
      body.add(new AssignI(counter, "++", null));
      body.addAll(block(depth + 1, 1 + r.nextInt(3), false));
      // a do loop whose body always returns would never complete: Java rejects what follows it
      boolean doWhile = r.nextBoolean() && (state.completes || jumps(body))
          && !(condCalls && continues(body)); // a continue would skip the test: E209
      // the counter is declared in the enclosing block, and stays readable after the loop
      out = new Seq(List.of(new DeclI(counter, false, new ILit(0, false)), new While(cond, body, doWhile)));
    }
    state.loops--;
    state.iterations /= 4;
    state.completes = true;
    return out;
  }

  /**
   * A loop that adds a term into a fresh accumulator in each iteration, the shape whose reverse step the
   * processor runs inside the forward loop; adds its statements to {@code out} and returns the
   * accumulator's name. The accumulator is declared before the loop but is out of reach of the loop's
   * body, which is an ordinary block (with ifs, breaks and inner loops at times).
   */
  private String reduction(int depth, List<S> out) {
    String acc = state.fresh();
    state.outOfReach = acc; // no other variable may take its name
    D init = r.nextBoolean() ? expressions.lit(0) : expressions.expr(1);
    state.loops++;
    state.iterations *= 4;
    String var = state.fresh();
    String over = state.has('A', false) && r.nextInt(4) > 0 ? state.pick('A', false) : null;
    if (over == null && state.has('M', false) && r.nextInt(3) > 0) {
      over = state.pick('M', false); // over its rows
    }
    I bound = over != null ? new ILen(over) : new ILit(1 + r.nextInt(4), false);
    state.env.add(new VarInfo(var, 'I', false, true, over));
    int mark = state.env.size();
    List<S> body = new ArrayList<>();
    int size = r.nextInt(3);
    boolean normal = true;
    for (int i = 0; i < size && normal; i++) {
      S s = statement(depth + 1);
      body.add(s);
      normal = !(s instanceof If || s instanceof Switch) || state.completes;
    }
    if (normal) {
      S add = accumulate(acc);
      if (r.nextInt(3) == 0) {
        // under a condition, with another term or none otherwise
        B cond = expressions.cond(1);
        body.add(new If(cond, List.of(add), r.nextBoolean() ? List.of(accumulate(acc)) : List.of()));
      } else {
        body.add(add);
      }
    }
    for (int i = mark; i < state.env.size(); i++) {
      state.freed.add(state.env.get(i).name());
    }
    state.env.subList(mark, state.env.size()).clear();
    state.env.remove(state.env.size() - 1);
    state.freed.add(var);
    state.loops--;
    state.iterations /= 4;
    state.completes = true;
    state.outOfReach = null;
    out.add(new DeclD(acc, false, init));
    out.add(new For(var, bound, body));
    state.env.add(new VarInfo(acc, 'D', true));
    return acc;
  }

  /** {@code acc += term}, {@code acc -= term} or {@code acc = acc + term}. */
  private S accumulate(String acc) {
    D term = expressions.expr(2);
    if (state.arrays && state.has('A', true) && r.nextInt(3) == 0) {
      // an entry of a local array, which a store after the loop may change
      String array = state.pick('A', true);
      term = new Bin('+', term, new ARead(array, expressions.index(array)));
    }
    int op = r.nextInt(4);
    return op == 0 ? new AssignD(acc, "-=", term)
        : op == 1 ? new AssignD(acc, "=", new Bin('+', new Var(acc), term))
        : new AssignD(acc, "+=", term);
  }

  /** Mostly an affine function of {@code acc}, with coefficients computed before it; at times not. */
  private D affineIn(String acc) {
    D a = new Var(acc);
    return switch (r.nextInt(6)) {
      case 0 -> a;
      case 1 -> new Bin('+', new Bin('*', a, expressions.expr(1)), expressions.expr(1));
      case 2 -> new Bin('-', expressions.expr(1), new Bin('/', a, expressions.positiveAwayFromZero(1)));
      case 3 -> new Neg(new Bin('*', expressions.expr(1), a));
      case 4 -> new Bin('+', a, expressions.expr(2));
      default -> expressions.expr(3);
    };
  }

  /**
   * {@code for (int j = 0; j < bound; j++) { body }}, j a fresh counter over {@code over} (or null),
   * inside one more loop while its body is made.
   */
  For innerLoop(I bound, String over, java.util.function.Function<String, List<S>> body) {
    return innerLoop(new ILit(0, false), 0, "<", bound, over, body);
  }

  /** {@code for (int j = start; j + plus cmp bound; j++) { body }}, as {@link #innerLoop(I, String, java.util.function.Function)}. */
  For innerLoop(I start, int plus, String cmp, I bound, String over, java.util.function.Function<String, List<S>> body) {
    state.loops++;
    state.iterations *= 4;
    String j = state.fresh();
    state.env.add(new VarInfo(j, 'I', false, true, over));
    List<S> statements = body.apply(j);
    state.env.removeIf(v -> v.name().equals(j));
    state.freed.add(j);
    state.loops--;
    state.iterations /= 4;
    return new For(j, start, plus, cmp, bound, statements);
  }

  /** A local array's size from an array parameter or local: at most 4 (arrays passed in have 1 to 3 entries). */
  private I lengthPlus(String array) {
    return r.nextBoolean() && kindIsParam(array) ? new IBin('+', new ILen(array), new ILit(1, false)) : new ILen(array);
  }

  private boolean kindIsParam(String name) {
    return state.program.params.contains(name);
  }

  /** An {@code if} for an else-if chain; sets {@link MethodState#completes}. */
  private S statementIf(int depth) {
    B cond = expressions.cond(2);
    List<S> then = block(depth + 1, 1 + r.nextInt(3), false);
    boolean thenCompletes = state.completes;
    List<S> otherwise = List.of();
    boolean elseCompletes = true;
    if (r.nextBoolean()) {
      otherwise = block(depth + 1, 1 + r.nextInt(3), false);
      elseCompletes = state.completes;
    }
    state.completes = thenCompletes || elseCompletes;
    return new If(cond, then, otherwise);
  }
}
