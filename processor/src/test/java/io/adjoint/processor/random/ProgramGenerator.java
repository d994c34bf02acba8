package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.DeclA;
import io.adjoint.processor.random.Ast.DeclSwitch;
import io.adjoint.processor.random.Ast.DeclV;
import io.adjoint.processor.random.Ast.ILit;
import io.adjoint.processor.random.Ast.If;
import io.adjoint.processor.random.Ast.Program;
import io.adjoint.processor.random.Ast.RType;
import io.adjoint.processor.random.Ast.RecordConstruct;
import io.adjoint.processor.random.Ast.S;
import io.adjoint.processor.random.Ast.Seq;
import io.adjoint.processor.random.Ast.Switch;
import io.adjoint.processor.random.MethodState.VarInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates random straight-line programs: expression DAGs through locals, reassignment and compound
 * assignment, nested {@code if}/{@code else} with early returns, {@code ?:}, comparisons and boolean
 * operators, {@code Math} calls, casts, int and long locals, short loops with {@code break} and {@code
 * continue}, and calls to earlier programs. Every value stays in its function's domain by construction:
 * {@code log}, {@code sqrt} and {@code pow}'s base see positive expressions such as {@code e*e + 1},
 * {@code asin} sees {@code 0.95 * tanh(e)}, a divisor is a nonzero literal or positive, {@code exp} sees
 * a bounded argument. Kinks ({@code abs}, {@code min}, {@code floor}, a comparison) may fall anywhere;
 * {@link Probe} measures how close an input comes to one.
 *
 * <p>About a third of the programs use arrays: {@code double[]} parameters (read, never written), local
 * {@code new double[n]} arrays (created outside loops, their entries written and read), loops up to an
 * array's {@code .length}, for-each loops, and whole arrays passed to other programs. Every index is in
 * bounds by construction: a loop variable of a loop up to that array's length, {@code 0}, {@code
 * a.length - 1}, or {@code (i + c) % a.length} of a non-negative loop variable (every array has at least
 * one entry). A fifth of the scalar programs take a {@code double[][]} parameter (read only), read as
 * {@code m[r][j]} with a row index {@code r} of the same kinds over {@code m.length} and a column index
 * over {@code m[r].length}, walked by loops over its rows and passed on whole to other programs. Half
 * of the classes declare helpers with custom derivatives ({@code @Derivative}): {@code softplus}, {@code
 * logCosh}, {@code logAddExp}, which programs call.
 *
 * <p>Most first-order programs, and a few others, end in a nested reduction (see {@link
 * NestedReductions#nestedReduction}): loops inside an accumulating loop, scratch arrays each iteration
 * fills before it reads them, and near misses of that shape ({@link Ast.NearMiss}). Some scalar and record
 * programs, of either order, hold loops whose values the reverse sweep computes again before their ending
 * (see {@link LoopValues#loopValues}): arrays refilled in each iteration of an unfused loop and read at
 * other indices, ints inner loops advance, and near misses of both ({@link Ast.Recomputed}). A fifth of
 * the first-order programs returning double hold a sweep (see {@link Sweeps#sweep}): a loop at the top
 * level over one or two double[] parameters of their own, read only at the counter plus constants, the
 * shape whose Into form stores each entry's first contribution rather than adding into zeros, and its
 * near misses ({@link Ast.SweepMiss}).
 *
 * <p>Record programs (see {@link #program(Klass, String, boolean, boolean)}) take records of the
 * generator's record types (see {@link Records#recordTypes()}) and use the constructs of {@link
 * Ast.RecordConstruct} that the processor supports: reads through accessor chains, elements of arrays of
 * records, for-each, record locals, {@code new}, {@code ?:} of records, reassignment, records passed on.
 * A quarter of them return a record of doubles ({@link Program#returns}: mostly {@code new Rec0(…)} of
 * computed components, at times a record that is there), which later record programs call, keeping the
 * result in a record local ({@code Rec0 q = f(…);}, {@code q = f(…);}); a quarter are {@code
 * @Differentiable} instance methods of a record type ({@link Program#receiver}), reading the receiver's
 * components as {@code x}, {@code x()}, {@code this.x} or {@code this.x()}, which later record programs
 * call on records ({@code p.m(…)}, {@code ps[i].m(…)}, {@code p.q().m(…)}, {@code this.m(…)}, {@code new
 * Rec0(…).m(…)}). The shapes the processor does not yet compile are kept out where they are drawn (see
 * {@link Records#RECORD_PARAM_NAMES} and {@link Calls#invoke}).
 *
 * <p>This class is the entry point: it makes the classes ({@link #klass}) and draws each program's
 * signature and shapes ({@link #program(Klass, String, boolean, boolean)}); its parts generate the rest,
 * calling one another as the grammar nests: {@link Statements} and {@link Switches} the bodies, {@link
 * Expressions} the expressions, {@link Calls} the calls to earlier programs, {@link Records} what record
 * programs do with records, {@link NestedReductions} and {@link LoopValues} the two loop shapes that end
 * bodies, {@link Sweeps} the loop over arrays of their own. {@link MethodState} is the state of the
 * method being generated, which they share. All draw from one {@code SplittableRandom} ({@link #r}), in
 * the order in which they call one another.
 */
final class ProgramGenerator {
  /**
   * A generated class: its name, its static final constants {@code C0}, {@code C1}, {@code K0}, and
   * whether it declares the helpers with custom derivatives ({@link #CUSTOMS}).
   */
  record Klass(String name, double c0, double c1, int k0, boolean customs) {}

  /** The helpers with custom derivatives, and their arities (see {@link SourcePrinter}). */
  static final String[] CUSTOMS = {"softplus", "logCosh", "logAddExp"};

  static int arity(String custom) {
    return custom.equals("logAddExp") ? 2 : 1;
  }

  private static final String[] PARAM_NAMES = {"x", "y", "z", "w", "a", "b", "c", "u", "v", "p", "q", "s"};

  private static final String[] INT_NAMES = {"n", "k", "i", "m"};

  /** The share, in percent, of scalar programs with a {@code double[][]} parameter. */
  private static final int MATRIX_PERCENT = 20;

  /** The name of a program's enum parameter (kind E, of {@link Ast#ENUM}). */
  static final String ENUM_PARAM = "sel";

  /** The share, in percent, of record programs that return a record (see {@link Program#returns}). */
  static final int RETURN_PERCENT = 25;
  /** The share, in percent, of record programs that are instance methods of a record type. */
  static final int INSTANCE_PERCENT = 25;

  /** The draws of the programs, shared by the parts. */
  final SplittableRandom r;
  /**
   * Which programs take a double[][] parameter: drawn apart from {@link #r}, so that the choice adds no
   * draw to a program without one (a batch's programs before its first with a matrix are as they were).
   */
  private final SplittableRandom matrices;
  /** Which programs end in a nested reduction: drawn apart from {@link #r} too. */
  private final SplittableRandom nests;
  /** Which programs hold {@link LoopValues#loopValues}: drawn apart from {@link #r} too. */
  private final SplittableRandom valued;
  /** Which programs hold a {@link Sweeps#sweep}, and over how many arrays: drawn apart from {@link #r} too. */
  private final SplittableRandom swept;
  final List<Program> callable = new ArrayList<>();
  /** Every program generated, scalar or vector-valued: an overload must differ from each in arity. */
  private final List<Program> generated = new ArrayList<>();
  /** The vector-valued programs that return one result array on every path: callable (inlined). */
  final List<Program> vectorCallable = new ArrayList<>();
  /** The record programs: only record programs call them. */
  final List<Program> recordCallable = new ArrayList<>();
  /** What a call to each program costs: 1, and its own calls' costs as often as they run. */
  final Map<Program, Integer> cost = new HashMap<>();
  final List<Klass> klasses = new ArrayList<>();

  /** The state of the method being generated, and the parts that generate it. */
  final MethodState state;
  final Expressions expressions;
  final Calls calls;
  final Records records;
  final Statements statements;
  final Switches switches;
  final NestedReductions nestedReductions;
  final LoopValues loopValues;
  final Sweeps sweeps;

  ProgramGenerator(long seed) {
    this.r = new SplittableRandom(seed);
    this.matrices = new SplittableRandom(~seed);
    this.nests = new SplittableRandom(seed ^ 0x6e65737465644cL);
    this.valued = new SplittableRandom(seed ^ 0x76616c756573L);
    this.swept = new SplittableRandom(seed ^ 0x7377656570L);
    state = new MethodState(r, callable);
    expressions = new Expressions(this);
    calls = new Calls(this);
    records = new Records(this);
    statements = new Statements(this);
    switches = new Switches(this);
    nestedReductions = new NestedReductions(this);
    loopValues = new LoopValues(this);
    sweeps = new Sweeps(this);
    expressions.connect(this);
    calls.connect(this);
    records.connect(this);
    statements.connect(this);
    switches.connect(this);
    nestedReductions.connect(this);
    loopValues.connect(this);
    sweeps.connect(this);
  }

  Klass klass(String name) {
    Klass k =
        new Klass(name, round(r.nextDouble(-2, 2)), round(r.nextDouble(0.1, 3)), 1 + r.nextInt(4), r.nextBoolean());
    klasses.add(k);
    return k;
  }

  private static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }

  /**
   * A new program in {@code k}; later programs may call it. Sometimes it overloads an earlier program
   * of the class (another arity).
   */
  Program program(Klass k, String name) {
    return program(k, name, false);
  }

  /**
   * A new program in {@code k} returning {@code double[]} when {@code vector}: its body is built like a
   * scalar program's, around a result array {@code double[] out = new double[m]} declared first, whose
   * entries the statements store into (in loops and branches, like any local array); each return becomes
   * a few stores into it and {@code return out;}, or (in a program no other calls) at times {@code return
   * new double[] {…};} of m expressions. Scalar programs are mostly second order ({@code order = 2}); the
   * others, and a quarter of the vector programs, may call helpers with {@code @Derivative} rules and
   * make calls under conditions, which second order cannot inline.
   */
  Program program(Klass k, String name, boolean vector) {
    return program(k, name, vector, false);
  }

  /**
   * A new program; with {@code withRecords} a scalar program of order 1 that takes records (see {@link
   * Records#recordParameters}), which only other record programs call.
   */
  Program program(Klass k, String name, boolean vector, boolean withRecords) {
    state.klass = k;
    state.secondOrder = r.nextInt(100) < (vector ? 60 : 90);
    state.takesRecords = withRecords && !vector;
    state.secondOrder &= !state.takesRecords; // records are not supported at order 2 yet (E286)
    // a record program may return a record of doubles, or be an instance method of a record type
    RType returnType = null;
    RType receiverType = null;
    if (state.takesRecords) {
      int shape = r.nextInt(100);
      if (shape < RETURN_PERCENT && Records.enabled(RecordConstruct.RETURN)) {
        List<RType> ofDoubles = records.recordTypes().stream().filter(RType::allDoubles).toList();
        returnType = ofDoubles.get(r.nextInt(ofDoubles.size()));
      } else if (shape < RETURN_PERCENT + INSTANCE_PERCENT && Records.enabled(RecordConstruct.INSTANCE_METHOD)) {
        receiverType = records.recordTypes().get(r.nextInt(Records.RECORD_TYPES));
      }
    }
    // in an instance method the receiver's components are names: no parameter or local takes one
    state.reserved.clear();
    if (receiverType != null) {
      receiverType.components.forEach(c -> state.reserved.add(c.name()));
    }
    state.conditional = 0;
    state.conditions = 0;
    int doubles = 2 + r.nextInt(3);
    boolean hasInt = r.nextInt(10) < 3;
    boolean hasBoolean = r.nextInt(100) < 15;
    boolean hasData = r.nextInt(100) < 10;
    boolean hasEnum = r.nextInt(100) < 20;
    state.arrays = r.nextInt(100) < 35;
    int arrayParams = !state.arrays ? 0 : r.nextInt(4) == 0 ? 0 : r.nextInt(3) == 0 ? 2 : 1;
    // a double[][] parameter, its rows of 1 to 3 entries and often of different lengths: scalar programs only
    int matrixParams = vector || matrices.nextInt(100) >= MATRIX_PERCENT ? 0 : 1;
    // mostly first-order scalar programs end in a nested reduction, over an array or a matrix's rows
    state.nesting = nests.nextInt(100) < (vector ? NestedReductions.NESTED_VECTOR
        : state.takesRecords && returnType != null ? NestedReductions.NESTED_RECORD_RETURN
        : state.secondOrder ? NestedReductions.NESTED_SECOND_ORDER : NestedReductions.NESTED_FIRST_ORDER);
    if (state.nesting) {
      state.arrays = true;
      if (arrayParams == 0 && (matrixParams == 0 || nests.nextBoolean())) {
        arrayParams = 1;
      }
    }
    // some scalar programs, of either order, and some record programs hold loops whose values the
    // reverse sweep computes again, reading double[] or double[][] parameters
    state.valuing = !vector
        && valued.nextInt(100) < (state.takesRecords ? LoopValues.LOOP_VALUES_RECORDS : LoopValues.LOOP_VALUES_SCALAR);
    if (state.valuing) {
      state.arrays = true;
      if (arrayParams == 0 && matrixParams == 0) {
        arrayParams = 1;
      }
    }
    if (arrayParams > 0 && doubles > 2) {
      doubles--;
    }
    // some first-order programs returning double hold a sweep over one or two double[] parameters of their
    // own, which nothing else in them reads (as many as the names left allow)
    int sweepArrays = !vector && !state.secondOrder && returnType == null && swept.nextInt(100) < Sweeps.SWEEP_PERCENT
        ? (swept.nextInt(100) < Sweeps.TWO_ARRAYS_PERCENT ? 2 : 1) : 0;
    int names = (int) java.util.Arrays.stream(PARAM_NAMES).filter(n -> !state.reserved.contains(n)).count();
    sweepArrays = Math.max(0, Math.min(sweepArrays, names - doubles - (hasData ? 1 : 0) - arrayParams - matrixParams));
    // and in some of them every index into an array is a counter over it or 0: no loop values then, whose
    // reads are at (i + 1) % a.length
    state.linearIndices = sweepArrays > 0 && swept.nextInt(100) < Sweeps.LINEAR_INDICES_PERCENT;
    state.valuing &= !state.linearIndices;
    int arity = doubles + (hasInt ? 1 : 0) + (hasBoolean ? 1 : 0) + (hasData ? 1 : 0) + (hasEnum ? 1 : 0) + arrayParams
        + matrixParams + sweepArrays;
    String own = name;
    if (r.nextInt(12) == 0 && !callable.isEmpty() && receiverType == null) {
      // overload an earlier program's name, with an arity none of that name has (never ambiguous); not
      // an instance method's, whose plain class has a bridge of one more parameter (see SourcePrinter)
      String other = callable.get(r.nextInt(callable.size())).name;
      boolean free = true;
      for (Program p : generated) {
        free &= !(p.owner.equals(k.name()) && p.name.equals(other) && p.params.size() == arity);
      }
      if (free) {
        name = other;
      }
    }
    List<String> pool = new ArrayList<>(List.of(PARAM_NAMES));
    pool.removeAll(state.reserved);
    List<String> params = new ArrayList<>();
    for (int i = 0; i < doubles; i++) {
      if (r.nextInt(25) == 0) {
        String clash = MethodState.CLASH_NAMES[r.nextInt(MethodState.CLASH_NAMES.length)];
        if (!params.contains(clash) && !state.reserved.contains(clash)) {
          params.add(clash);
          continue;
        }
      }
      params.add(pool.remove(r.nextInt(pool.size())));
    }
    StringBuilder kinds = new StringBuilder("D".repeat(doubles));
    if (hasInt) {
      int at = r.nextInt(params.size() + 1);
      String n = r.nextInt(20) == 0 ? "offset" : INT_NAMES[r.nextInt(INT_NAMES.length)];
      if (params.contains(n) || state.reserved.contains(n)) {
        n = "n";
      }
      params.add(at, n);
      kinds.insert(at, r.nextInt(4) == 0 ? 'L' : 'I');
    }
    if (hasBoolean) {
      int at = r.nextInt(params.size() + 1);
      params.add(at, params.contains("flag") ? "on" : "flag");
      kinds.insert(at, 'Z');
    }
    if (hasData) {
      int at = r.nextInt(params.size() + 1);
      params.add(at, pool.remove(r.nextInt(pool.size())));
      kinds.insert(at, 'N');
    }
    if (hasEnum) {
      int at = r.nextInt(params.size() + 1);
      params.add(at, ENUM_PARAM);
      kinds.insert(at, 'E');
    }
    for (int i = 0; i < arrayParams; i++) {
      int at = r.nextInt(params.size() + 1);
      params.add(at, pool.remove(r.nextInt(pool.size())));
      kinds.insert(at, 'A');
    }
    for (int i = 0; i < matrixParams; i++) {
      int at = r.nextInt(params.size() + 1);
      params.add(at, pool.remove(r.nextInt(pool.size())));
      kinds.insert(at, 'M');
    }
    List<String> sweepNames = new ArrayList<>();
    for (int i = 0; i < sweepArrays; i++) {
      int at = r.nextInt(params.size() + 1);
      sweepNames.add(pool.remove(r.nextInt(pool.size())));
      params.add(at, sweepNames.get(i));
      kinds.insert(at, 'A');
    }
    List<RType> types = new ArrayList<>(java.util.Collections.nCopies(params.size(), null));
    if (state.takesRecords) {
      records.recordParameters(params, kinds, types);
    }
    if (receiverType != null) {
      params.add(0, Program.RECEIVER);
      kinds.insert(0, 'R');
      types.add(0, receiverType);
    }
    for (Program p : generated) {
      if (p.owner.equals(k.name()) && p.name.equals(name) && p.params.size() == params.size()) {
        // the record parameters made an overload's arity one its name has: the processor tells a call's
        // overload by the number of arguments (the returned record's too), not by their types
        name = own;
      }
    }
    state.program = new Program(k.name(), name, List.copyOf(params), kinds.toString(), java.util.Collections.unmodifiableList(types));
    state.program.vector = vector;
    state.program.returns = returnType;
    state.program.receiver = receiverType;
    state.program.order = state.secondOrder && !vector ? 2 : 1;
    state.single = vector && r.nextInt(3) > 0;
    state.program.inlinable = state.secondOrder && (!vector || state.single);
    if (vector) {
      // few outputs (the Jacobian takes reverse sweeps) or many (forward sweeps)
      state.program.outputs = r.nextBoolean() ? (r.nextInt(4) == 0 ? 2 : 1) : 3 + r.nextInt(4);
      state.arrays = true;
    }
    state.env.clear();
    state.freed.clear();
    state.counter = 0;
    state.callCost = 0;
    state.loops = 0;
    state.iterations = 1;
    for (int i = 0; i < params.size(); i++) {
      char kind = kinds.charAt(i);
      // array parameters are read only: the generated code must never need to write the caller's arrays
      state.env.add(
          new VarInfo(params.get(i), kind == 'Z' ? 'B' : kind == 'N' ? 'D' : kind, "AMERQO".indexOf(kind) < 0));
      if (types.get(i) != null) {
        state.recordOf.put(params.get(i), types.get(i));
      }
    }
    state.result = null;
    state.resultIndexCalls = false;
    List<S> body = new ArrayList<>();
    if (vector) {
      state.result = state.fresh();
      body.add(new DeclA(state.result, new ILit(state.program.outputs, false)));
      state.env.add(new VarInfo(state.result, 'A', true));
    }
    // second-order and vector programs are smaller (see Calls.INLINED_SIZE), and still have every
    // construct and so are record programs, whose records are taken apart into many leaves and whose calls passing
    // records are inlined
    // (instance methods smaller still, so that most can be inlined where they are called:
    // Calls.INLINED_SIZE)
    // (a nested reduction at the end of the body is much of a program: few statements before it, but
    // in the few first-order programs without records, which hold the most statements of the run)
    // (and so is loopValues: fewer statements before it)
    int size = state.nesting ? (state.takesRecords || state.secondOrder || vector ? r.nextInt(2) : 2 + r.nextInt(3))
        : receiverType != null ? 1 + r.nextInt(2)
        : (state.secondOrder && !vector) || state.takesRecords ? 2 + r.nextInt(2) : vector ? 2 + r.nextInt(3) : 3 + r.nextInt(5);
    state.loopValue = null;
    loopValues.pending = null;
    if (sweepArrays > 0) {
      body.addAll(sweeps.begin(sweepNames)); // a sweep first, or (state.sweeping) before the ending
    }
    body.addAll(statements.block(0, state.valuing ? Math.min(size, 1) : size, true));
    state.valuing = false;
    sweeps.end();
    if (loopValues.pending != null) {
      state.taken.removeAll(loopValues.pending.hidden);
      loopValues.pending = null;
    }
    state.program.body = body;
    state.program.createsArrays = vector || createsArrays(body);
    for (Program callee : Callees.of(state.program)) {
      state.program.createsArrays |= callee.createsArrays;
    }
    state.program.loopInlinable = vector && !createsArrays(body.subList(1, body.size()))
        && Callees.of(state.program).isEmpty()
        && !state.program.nested // (whose loops walk its arrays whole: split into scalars, they cannot be, E265)
        && !state.resultIndexCalls;
    int c = 1 + state.callCost;
    cost.put(state.program, c);
    state.program.inlinedSize = SourcePrinter.methodSource(state.program).length();
    sites(state.program);
    generated.add(state.program);
    if (state.takesRecords) {
      recordCallable.add(state.program);
    } else if (!vector) {
      callable.add(state.program);
    } else if (state.single) {
      vectorCallable.add(state.program);
    }
    return state.program;
  }

  /** Adds the inlined size of the callee of every call site to the program's. */
  private static void sites(Program p) {
    for (Program callee : Callees.sites(p)) {
      p.inlinedSize += callee.inlinedSize;
    }
  }

  private static boolean createsArrays(List<S> body) {
    for (S s : body) {
      if (s instanceof DeclA || s instanceof DeclV
          || (s instanceof If f && (createsArrays(f.then()) || createsArrays(f.otherwise())))
          || (s instanceof Seq q && createsArrays(q.statements()))
          || (s instanceof Switch w && w.cases().stream().anyMatch(c -> createsArrays(c.body())))
          || (s instanceof DeclSwitch w && w.cases().stream().anyMatch(c -> createsArrays(c.body())))) {
        return true; // (the arrays made in loops are split into scalars already)
      }
    }
    return false;
  }
}
