package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.ARef;
import io.adjoint.processor.random.Ast.D;
import io.adjoint.processor.random.Ast.DeclV;
import io.adjoint.processor.random.Ast.EVar;
import io.adjoint.processor.random.Ast.FromInt;
import io.adjoint.processor.random.Ast.Invoke;
import io.adjoint.processor.random.Ast.Program;
import io.adjoint.processor.random.Ast.RE;
import io.adjoint.processor.random.Ast.RType;
import io.adjoint.processor.random.Ast.RecordConstruct;
import io.adjoint.processor.random.Ast.S;
import io.adjoint.processor.random.MethodState.VarInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Calls to earlier programs of the batch: to scalar programs in expressions, to vector programs ({@code
 * double[] r = vec(…);}), to record programs returning records, and to instance methods of records (on a
 * record there, or on the receiver), with their arguments; and which programs may be called where (their
 * cost, what second order can inline, the records they take: E263, E265).
 */
final class Calls {
  /**
   * The largest callee, in characters of source with its own callees inlined, that a second-order
   * program calls: second order inlines every call, and every form of a second-order method, its
   * first-order forms too, is generated from the inlined body (about five times the code of the same
   * program at order 1), so that unbounded inlining would make the compilations the run's cost.
   */
  private static final int INLINED_SIZE = 800;

  private final SplittableRandom r;
  private final MethodState state;
  private final List<Program> callable;
  private final List<Program> vectorCallable;
  private final List<Program> recordCallable;
  private final Map<Program, Integer> cost;
  /** Whether the arguments of a {@link #callOnThis} are being generated. */
  private boolean onThisArguments;
  // the other parts it calls, which call it in turn (the grammar nests): set by connect
  private Expressions expressions;
  private Records records;

  Calls(ProgramGenerator generator) {
    this.r = generator.r;
    this.state = generator.state;
    this.callable = generator.callable;
    this.vectorCallable = generator.vectorCallable;
    this.recordCallable = generator.recordCallable;
    this.cost = generator.cost;
  }

  /** Takes the other parts it calls, once the generator has made them all. */
  void connect(ProgramGenerator generator) {
    expressions = generator.expressions;
    records = generator.records;
  }

  /** {@code double[] r = vec(…);}: a call to a vector program; null when there is none to call. */
  S vectorCall() {
    List<Program> candidates = new ArrayList<>();
    for (Program p : vectorCallable) {
      if (cost.get(p) <= 12 && (p.kinds.indexOf('A') < 0 || state.hasWhole()) && (!state.secondOrder || p.inlinable)
          && (!state.secondOrder || p.inlinedSize <= INLINED_SIZE) && (state.loops == 0 || p.loopInlinable)
          && !passesArrays(p)) {
        candidates.add(p);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    Program callee = candidates.get(candidates.size() - 1 - r.nextInt(Math.min(candidates.size(), 40)));
    String name = state.fresh();
    state.pending = name;
    Invoke call =
        new Invoke(callee, arguments(callee, 1), !callee.owner.equals(state.program.owner) || r.nextInt(4) == 0);
    state.pending = null;
    state.callCost += cost.get(callee) * state.iterations;
    // read only: it may be the callee's parameter itself; in a loop, split into scalars: only indexed
    state.env.add(new VarInfo(name, 'A', false, false, null, state.loops > 0));
    return new DeclV(name, call);
  }

  /** A call to an earlier, cheap program; null when there is none. */
  D invoke(int d) {
    if (state.noCalls || (state.secondOrder && state.conditional > 0)) {
      return null; // not in a loop condition (E209), nor where second order cannot inline it (E263)
    }
    List<Program> candidates = new ArrayList<>();
    for (Program p : state.takesRecords ? recordCallees() : callable) {
      if (p.returns == null && callableHere(p)) { // (a record's result is kept in a local: recordCall)
        candidates.add(p);
      }
    }
    if (state.takesRecords && r.nextInt(3) == 0 && candidates.stream().anyMatch(p -> p.receiver != null)) {
      // instance methods of records, which the many other programs would leave rare; in an instance
      // method, mostly those it can call on its receiver (this.m(…), m(…), this.q().m(…))
      candidates.removeIf(p -> p.receiver == null);
      if (state.program.receiver != null && r.nextBoolean() && candidates.stream().anyMatch(this::onThis)) {
        candidates.removeIf(p -> !onThis(p));
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    // prefer the same class and recent programs
    Program callee = candidates.get(candidates.size() - 1 - r.nextInt(Math.min(candidates.size(), 40)));
    List<Object> args = arguments(callee, d);
    state.callCost += cost.get(callee) * state.iterations;
    boolean qualified = !callee.owner.equals(state.program.owner) || r.nextInt(4) == 0;
    return new Invoke(callee, args, qualified);
  }

  private List<Object> arguments(Program callee, int d) {
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < callee.params.size(); i++) {
      args.add(
          switch (callee.kind(i)) {
            case 'I' -> expressions.intOnly(1);
            case 'L' -> expressions.intExpr(1);
            case 'Z' -> expressions.cond(0);
            // data only: the processor drops the derivative of what a @NoDerivative parameter receives
            case 'N' ->
                state.hasInts() && r.nextBoolean() ? new FromInt(expressions.intExpr(1), true) : expressions.lit();
            case 'A' -> new ARef(state.pickWhole()); // a parameter or a local: the callee only reads it
            case 'M' -> new ARef(state.pick('M', false)); // the caller's own
            // the caller's own, or a constant
            case 'E' -> new EVar(state.has('E', false) && r.nextBoolean() ? ProgramGenerator.ENUM_PARAM
                : Ast.ENUM + ".S" + r.nextInt(Ast.ENUM_CONSTANTS));
            case 'R' -> i == 0 && callee.receiver != null
                ? records.receiverExpr(callee.receiver) // the record it is called on
                : records.recordExpr(callee.records.get(i), Math.min(d, 1), false);
            // data: a record of constants, or data
            case 'O' -> records.recordExpr(callee.records.get(i), Math.min(d, 1), true);
            case 'Q' -> new ARef(records.pickRecordArray(callee.records.get(i)));
            default -> expressions.expr(Math.min(d, 1));
          });
    }
    return args;
  }

  /** Whether instance method p can be called on this program's receiver, or a record nested in it. */
  private boolean onThis(Program p) {
    return p.receiver != null && !records.receivers(p.receiver).isEmpty();
  }

  /**
   * In an instance method, a call to an instance method on its receiver or a record nested in it
   * ({@code this.m(…)}, {@code m(…)}, {@code this.q().m(…)}); null when none can be called here.
   */
  D callOnThis() {
    if (state.noCalls || onThisArguments) {
      return null; // (not in its own arguments: a leaf there would call again, without end)
    }
    List<Program> candidates = new ArrayList<>();
    for (Program p : recordCallable) {
      if (p.returns == null && onThis(p) && callableHere(p) && canPass(p)) {
        candidates.add(p);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    Program callee = candidates.get(r.nextInt(candidates.size()));
    onThisArguments = true;
    List<Object> args = arguments(callee, 1);
    onThisArguments = false;
    List<RE> on = records.receivers(callee.receiver);
    args.set(0, on.get(r.nextInt(on.size())));
    state.callCost += cost.get(callee) * state.iterations;
    return new Invoke(callee, args, false);
  }

  /**
   * Whether a call to p would pass on an array or a record while every index into an array must be a
   * counter over it or 0 ({@link MethodState#linearIndices}): its adjoints would come back at the callee's
   * indices, or through a call that takes the caller's array of partials.
   */
  private boolean passesArrays(Program p) {
    return state.linearIndices && (p.kinds.matches(".*[AM].*") || p.takesRecords());
  }

  /** Whether a program may call p here (see {@link #invoke}). */
  private boolean callableHere(Program p) {
    return cost.get(p) <= 12 && (p.kinds.indexOf('A') < 0 || state.hasWhole()) && (!state.secondOrder || p.inlinable)
        && (p.kinds.indexOf('M') < 0 || state.has('M', false)) && !passesArrays(p)
        // record calls are inlined too
        && ((!state.secondOrder && !p.takesRecords()) || state.loops == 0 || !p.createsArrays)
        // a call passing records is inlined, but not yet where it is evaluated only at times inside a
        // condition (under && or ||, in an arm of ?: or a switch): there its generated code does not compile
        && !(p.takesRecords()
            && (state.conditional > 0 || state.conditions > 0 || state.selectors > 0 || p.inlinedSize > INLINED_SIZE))
        && (!state.secondOrder || p.inlinedSize <= INLINED_SIZE); // inlined into a loop: no arrays (E265)
  }

  /**
   * A call to a program returning a record of t (or, with t null, of any type) that can be called here;
   * null when there is none.
   */
  Ast.RCall recordCall(RType t) {
    if (state.noCalls || !Records.enabled(RecordConstruct.RETURN)) {
      return null;
    }
    List<Program> candidates = new ArrayList<>();
    for (Program p : recordCallable) {
      if (p.returns != null && (t == null || p.returns == t) && callableHere(p) && canPass(p)) {
        candidates.add(p);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    Program callee = candidates.get(candidates.size() - 1 - r.nextInt(Math.min(candidates.size(), 20)));
    List<Object> args = arguments(callee, 1);
    state.callCost += cost.get(callee) * state.iterations;
    return new Ast.RCall(new Invoke(callee, args, !callee.owner.equals(state.program.owner) || r.nextInt(4) == 0));
  }

  /** The programs a record program may call: the others, and record programs it can pass records to. */
  private List<Program> recordCallees() {
    List<Program> out = new ArrayList<>(callable);
    if (Records.enabled(RecordConstruct.ARGUMENT)) {
      for (Program p : recordCallable) {
        if (canPass(p)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** Whether every record parameter of p can be given an argument here. */
  private boolean canPass(Program p) {
    for (int i = 0; i < p.params.size(); i++) {
      RType t = p.records.get(i);
      boolean ok =
          switch (p.kind(i)) {
            case 'R' -> records.canMake(t, false);
            case 'O' -> records.canMake(t, true);
            case 'Q' -> records.recordVars("Q").stream().anyMatch(v -> state.recordOf.get(v) == t);
            default -> true;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
