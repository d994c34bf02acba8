package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.ARead;
import io.adjoint.processor.random.Ast.ARef;
import io.adjoint.processor.random.Ast.And;
import io.adjoint.processor.random.Ast.AssignA;
import io.adjoint.processor.random.Ast.Custom;
import io.adjoint.processor.random.Ast.DeclA;
import io.adjoint.processor.random.Ast.ECmp;
import io.adjoint.processor.random.Ast.EOrd;
import io.adjoint.processor.random.Ast.EVar;
import io.adjoint.processor.random.Ast.DeclV;
import io.adjoint.processor.random.Ast.ReturnA;
import io.adjoint.processor.random.Ast.ReturnNew;
import io.adjoint.processor.random.Ast.ForEach;
import io.adjoint.processor.random.Ast.ILen;
import io.adjoint.processor.random.Ast.AssignD;
import io.adjoint.processor.random.Ast.AssignI;
import io.adjoint.processor.random.Ast.B;
import io.adjoint.processor.random.Ast.BVar;
import io.adjoint.processor.random.Ast.Bin;
import io.adjoint.processor.random.Ast.Call;
import io.adjoint.processor.random.Ast.Cast;
import io.adjoint.processor.random.Ast.Cmp;
import io.adjoint.processor.random.Ast.Cond;
import io.adjoint.processor.random.Ast.Const;
import io.adjoint.processor.random.Ast.D;
import io.adjoint.processor.random.Ast.DeclB;
import io.adjoint.processor.random.Ast.DeclD;
import io.adjoint.processor.random.Ast.DeclI;
import io.adjoint.processor.random.Ast.For;
import io.adjoint.processor.random.Ast.FromInt;
import io.adjoint.processor.random.Ast.I;
import io.adjoint.processor.random.Ast.IBin;
import io.adjoint.processor.random.Ast.ICmp;
import io.adjoint.processor.random.Ast.ICond;
import io.adjoint.processor.random.Ast.IConst;
import io.adjoint.processor.random.Ast.IOfD;
import io.adjoint.processor.random.Ast.ILit;
import io.adjoint.processor.random.Ast.IVar;
import io.adjoint.processor.random.Ast.If;
import io.adjoint.processor.random.Ast.IncD;
import io.adjoint.processor.random.Ast.Jump;
import io.adjoint.processor.random.Ast.Invoke;
import io.adjoint.processor.random.Ast.Lit;
import io.adjoint.processor.random.Ast.MixI;
import io.adjoint.processor.random.Ast.Neg;
import io.adjoint.processor.random.Ast.Not;
import io.adjoint.processor.random.Ast.Or;
import io.adjoint.processor.random.Ast.Pos;
import io.adjoint.processor.random.Ast.Program;
import io.adjoint.processor.random.Ast.Return;
import io.adjoint.processor.random.Ast.S;
import io.adjoint.processor.random.Ast.Seq;
import io.adjoint.processor.random.Ast.DeclSwitch;
import io.adjoint.processor.random.Ast.Switch;
import io.adjoint.processor.random.Ast.SwitchCase;
import io.adjoint.processor.random.Ast.SwitchD;
import io.adjoint.processor.random.Ast.Var;
import io.adjoint.processor.random.Ast.While;
import io.adjoint.processor.random.Ast.RType;
import io.adjoint.processor.random.Ast.RComp;
import io.adjoint.processor.random.Ast.RE;
import io.adjoint.processor.random.Ast.RName;
import io.adjoint.processor.random.Ast.RAt;
import io.adjoint.processor.random.Ast.RCond;
import io.adjoint.processor.random.Ast.RNew;
import io.adjoint.processor.random.Ast.RRead;
import io.adjoint.processor.random.Ast.DeclR;
import io.adjoint.processor.random.Ast.AssignR;
import io.adjoint.processor.random.Ast.ForEachR;
import io.adjoint.processor.random.Ast.RecordConstruct;
import io.adjoint.processor.random.Ast.NearMiss;
import io.adjoint.processor.random.Ast.Recomputed;
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
 * <p>Most first-order programs, and a few others, end in a nested reduction (see {@link #nestedReduction}):
 * loops inside an accumulating loop, scratch arrays each iteration fills before it reads them, and near
 * misses of that shape ({@link NearMiss}). Some scalar and record programs, of either order, hold loops
 * whose values the reverse sweep computes again before their ending (see {@link #loopValues}): arrays
 * refilled in each iteration of an unfused loop and read at other indices, ints inner loops advance, and
 * near misses of both ({@link Recomputed}).
 *
 * <p>Record programs (see {@link #program(Klass, String, boolean, boolean)}) take records of the
 * generator's record types (see {@link #recordTypes()}) and use the constructs of {@link
 * Ast.RecordConstruct} that the processor supports: reads through accessor chains, elements of arrays of
 * records, for-each, record locals, {@code new}, {@code ?:} of records, reassignment, records passed on.
 * A quarter of them return a record of doubles ({@link Program#returns}: mostly {@code new Rec0(…)} of
 * computed components, at times a record that is there), which later record programs call, keeping the
 * result in a record local ({@code Rec0 q = f(…);}, {@code q = f(…);}); a quarter are {@code
 * @Differentiable} instance methods of a record type ({@link Program#receiver}), reading the receiver's
 * components as {@code x}, {@code x()}, {@code this.x} or {@code this.x()}, which later record programs
 * call on records ({@code p.m(…)}, {@code ps[i].m(…)}, {@code p.q().m(…)}, {@code this.m(…)}, {@code new
 * Rec0(…).m(…)}). The shapes the processor does not yet compile are kept out where they are drawn (see
 * {@link #RECORD_PARAM_NAMES} and {@link #invoke}).
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
  /** Names a generated gradient also wants: the processor must keep the user's meaning. */
  private static final String[] CLASH_NAMES = {
    "value", "upstream", "adjoints", "offset", "partials", "xBar", "yBar", "hashCode", "toString", "result",
    "C0", "C1", "K0", "t0Bar", "tmp", "branch", "choice", "t", "gradient", "tape", "count", "k", "Tape"
  };
  private static final String[] INT_NAMES = {"n", "k", "i", "m"};
  /**
   * The largest callee, in characters of source with its own callees inlined, that a second-order
   * program calls: second order inlines every call, and every form of a second-order method, its
   * first-order forms too, is generated from the inlined body (about five times the code of the same
   * program at order 1), so that unbounded inlining would make the compilations the run's cost.
   */
  private static final int INLINED_SIZE = 800;
  private static final double[] LITERALS = {0.5, 1.0, 2.0, 3.0, 0.25, 1.5, 0.1, 0.3, 2.5, 0.75, 4.0, 10.0};

  private final SplittableRandom r;
  /**
   * Which programs take a double[][] parameter: drawn apart from {@link #r}, so that the choice adds no
   * draw to a program without one (a batch's programs before its first with a matrix are as they were).
   */
  private final SplittableRandom matrices;
  /** Which programs end in a nested reduction: drawn apart from {@link #r} too. */
  private final SplittableRandom nests;
  /** Which programs hold {@link #loopValues}: drawn apart from {@link #r} too. */
  private final SplittableRandom valued;
  private final List<Program> callable = new ArrayList<>();
  /** Every program generated, scalar or vector-valued: an overload must differ from each in arity. */
  private final List<Program> generated = new ArrayList<>();
  /** The vector-valued programs that return one result array on every path: callable (inlined). */
  private final List<Program> vectorCallable = new ArrayList<>();
  private final Map<Program, Integer> cost = new HashMap<>();
  private final List<Klass> klasses = new ArrayList<>();

  // state of the method being generated
  private Klass klass;
  private Program program;
  private final List<VarInfo> env = new ArrayList<>();
  private final List<String> freed = new ArrayList<>();
  private int counter;
  private boolean completes;
  private int calls;
  private String pending; // the local whose initializer is being generated: in scope there already
  private int loops; // how many loops enclose the statement being generated
  private boolean noCalls; // while generating a loop condition
  private String outOfReach; // a reduction's accumulator while its loop is generated
  private int iterations = 1; // at most how often the statement being generated runs per call
  private boolean arrays; // whether the program being generated uses arrays
  private boolean records; // whether the program being generated takes records
  /** The loop depth of the switch expression whose case blocks are being generated, or -1: no exits there. */
  private int yielding = -1;
  /** Names declared in earlier cases of a colon switch: in scope (Java's), though not readable. */
  private final List<String> taken = new ArrayList<>();
  /**
   * Whether the cases of the switch being generated may return: a return copies the statements after
   * the switch into every case that goes on, so that many of them make large code (see the README).
   */
  private boolean returnsInCases = true;
  // second order inlines every call: no call under a condition (E263), and only callees that obey the
  // same (its @Derivative rules are differentiated themselves: their bodies are in the subset)
  private boolean secondOrder;
  private int conditional; // how many right operands of && and || enclose the expression being generated
  private int conditions; // how many conditions enclose the expression being generated
  private int selectors; // how many switch selectors enclose the expression being generated
  private String result; // a vector program's result array, or null
  private boolean single; // whether the vector program returns only its result array (E262)
  /**
   * Whether an index into the vector program's result array calls a method ({@code (int) Math.abs(e)
   * % 4 % out.length}): inlined into a loop, where the array is split into locals, such an index is
   * computed before its statement, which the processor does not do when it divides by a value other
   * than a literal ({@code u[k % u.length]} in e), lest it throw there (E265).
   */
  private boolean resultIndexCalls;
  private boolean nesting; // whether the program being generated ends in a nested reduction
  private boolean valuing; // whether loopValues is still to come before the program's ending
  private D loopValue; // what the ending's return adds: the value of loopValues, or null

  /**
   * kind: D, I (int), L (long), B, A (double[]); {@code nonNegative}: an int that is never negative (a
   * loop counter); {@code over}: the array whose length bounds this loop counter, or null.
   */
  private record VarInfo(String name, char kind, boolean assignable, boolean nonNegative, String over, boolean split) {
    VarInfo(String name, char kind, boolean assignable, boolean nonNegative, String over) {
      this(name, kind, assignable, nonNegative, over, false);
    }

    VarInfo(String name, char kind, boolean assignable) {
      this(name, kind, assignable, false, null);
    }
  }

  /** The share, in percent, of scalar programs with a {@code double[][]} parameter. */
  private static final int MATRIX_PERCENT = 20;

  /** The name of a program's enum parameter (kind E, of {@link Ast#ENUM}). */
  private static final String ENUM_PARAM = "sel";

  ProgramGenerator(long seed) {
    this.r = new SplittableRandom(seed);
    this.matrices = new SplittableRandom(~seed);
    this.nests = new SplittableRandom(seed ^ 0x6e65737465644cL);
    this.valued = new SplittableRandom(seed ^ 0x76616c756573L);
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
   * #recordParameters}), which only other record programs call.
   */
  Program program(Klass k, String name, boolean vector, boolean withRecords) {
    klass = k;
    secondOrder = r.nextInt(100) < (vector ? 60 : 90);
    records = withRecords && !vector;
    secondOrder &= !records; // records are not supported at order 2 yet (E286)
    // a record program may return a record of doubles, or be an instance method of a record type
    RType returnType = null;
    RType receiverType = null;
    if (records) {
      int shape = r.nextInt(100);
      if (shape < RETURN_PERCENT && enabled(RecordConstruct.RETURN)) {
        List<RType> ofDoubles = recordTypes().stream().filter(RType::allDoubles).toList();
        returnType = ofDoubles.get(r.nextInt(ofDoubles.size()));
      } else if (shape < RETURN_PERCENT + INSTANCE_PERCENT && enabled(RecordConstruct.INSTANCE_METHOD)) {
        receiverType = recordTypes().get(r.nextInt(RECORD_TYPES));
      }
    }
    // in an instance method the receiver's components are names: no parameter or local takes one
    reserved.clear();
    if (receiverType != null) {
      receiverType.components.forEach(c -> reserved.add(c.name()));
    }
    conditional = 0;
    conditions = 0;
    int doubles = 2 + r.nextInt(3);
    boolean hasInt = r.nextInt(10) < 3;
    boolean hasBoolean = r.nextInt(100) < 15;
    boolean hasData = r.nextInt(100) < 10;
    boolean hasEnum = r.nextInt(100) < 20;
    arrays = r.nextInt(100) < 35;
    int arrayParams = !arrays ? 0 : r.nextInt(4) == 0 ? 0 : r.nextInt(3) == 0 ? 2 : 1;
    // a double[][] parameter, its rows of 1 to 3 entries and often of different lengths: scalar programs only
    int matrixParams = vector || matrices.nextInt(100) >= MATRIX_PERCENT ? 0 : 1;
    // mostly first-order scalar programs end in a nested reduction, over an array or a matrix's rows
    nesting = nests.nextInt(100) < (vector ? NESTED_VECTOR : records && returnType != null ? NESTED_RECORD_RETURN
        : secondOrder ? NESTED_SECOND_ORDER : NESTED_FIRST_ORDER);
    if (nesting) {
      arrays = true;
      if (arrayParams == 0 && (matrixParams == 0 || nests.nextBoolean())) {
        arrayParams = 1;
      }
    }
    // some scalar programs, of either order, and some record programs hold loops whose values the
    // reverse sweep computes again, reading double[] or double[][] parameters
    valuing = !vector && valued.nextInt(100) < (records ? LOOP_VALUES_RECORDS : LOOP_VALUES_SCALAR);
    if (valuing) {
      arrays = true;
      if (arrayParams == 0 && matrixParams == 0) {
        arrayParams = 1;
      }
    }
    if (arrayParams > 0 && doubles > 2) {
      doubles--;
    }
    int arity = doubles + (hasInt ? 1 : 0) + (hasBoolean ? 1 : 0) + (hasData ? 1 : 0) + (hasEnum ? 1 : 0) + arrayParams
        + matrixParams;
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
    pool.removeAll(reserved);
    List<String> params = new ArrayList<>();
    for (int i = 0; i < doubles; i++) {
      if (r.nextInt(25) == 0) {
        String clash = CLASH_NAMES[r.nextInt(CLASH_NAMES.length)];
        if (!params.contains(clash) && !reserved.contains(clash)) {
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
      if (params.contains(n) || reserved.contains(n)) {
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
    List<RType> types = new ArrayList<>(java.util.Collections.nCopies(params.size(), null));
    if (records) {
      recordParameters(params, kinds, types);
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
    program = new Program(k.name(), name, List.copyOf(params), kinds.toString(), java.util.Collections.unmodifiableList(types));
    program.vector = vector;
    program.returns = returnType;
    program.receiver = receiverType;
    program.order = secondOrder && !vector ? 2 : 1;
    single = vector && r.nextInt(3) > 0;
    program.inlinable = secondOrder && (!vector || single);
    if (vector) {
      // few outputs (the Jacobian takes reverse sweeps) or many (forward sweeps)
      program.outputs = r.nextBoolean() ? (r.nextInt(4) == 0 ? 2 : 1) : 3 + r.nextInt(4);
      arrays = true;
    }
    env.clear();
    freed.clear();
    counter = 0;
    calls = 0;
    loops = 0;
    iterations = 1;
    for (int i = 0; i < params.size(); i++) {
      char kind = kinds.charAt(i);
      // array parameters are read only: the generated code must never need to write the caller's arrays
      env.add(new VarInfo(params.get(i), kind == 'Z' ? 'B' : kind == 'N' ? 'D' : kind, "AMERQO".indexOf(kind) < 0));
      if (types.get(i) != null) {
        recordOf.put(params.get(i), types.get(i));
      }
    }
    result = null;
    resultIndexCalls = false;
    List<S> body = new ArrayList<>();
    if (vector) {
      result = fresh();
      body.add(new DeclA(result, new ILit(program.outputs, false)));
      env.add(new VarInfo(result, 'A', true));
    }
    // second-order and vector programs are smaller (see INLINED_SIZE), and still have every construct
    // and so are record programs, whose records are taken apart into many leaves and whose calls passing
    // records are inlined
    // (instance methods smaller still, so that most can be inlined where they are called: INLINED_SIZE)
    // (a nested reduction at the end of the body is much of a program: few statements before it, but
    // in the few first-order programs without records, which hold the most statements of the run)
    // (and so is loopValues: fewer statements before it)
    int size = nesting ? (records || secondOrder || vector ? r.nextInt(2) : 2 + r.nextInt(3)) : receiverType != null ? 1 + r.nextInt(2)
        : (secondOrder && !vector) || records ? 2 + r.nextInt(2) : vector ? 2 + r.nextInt(3) : 3 + r.nextInt(5);
    loopValue = null;
    pendingLoopValues = null;
    body.addAll(block(0, valuing ? Math.min(size, 1) : size, true));
    valuing = false;
    if (pendingLoopValues != null) {
      taken.removeAll(pendingLoopValues.hidden);
      pendingLoopValues = null;
    }
    program.body = body;
    program.createsArrays = vector || createsArrays(body);
    for (Program callee : Callees.of(program)) {
      program.createsArrays |= callee.createsArrays;
    }
    program.loopInlinable = vector && !createsArrays(body.subList(1, body.size())) && Callees.of(program).isEmpty()
        && !program.nested // (whose loops walk its arrays whole: split into scalars, they cannot be, E265)
        && !resultIndexCalls;
    int c = 1 + calls;
    cost.put(program, c);
    program.inlinedSize = SourcePrinter.methodSource(program).length();
    sites(program);
    generated.add(program);
    if (records) {
      recordCallable.add(program);
    } else if (!vector) {
      callable.add(program);
    } else if (single) {
      vectorCallable.add(program);
    }
    return program;
  }

  // ---- statements -----------------------------------------------------------------------------

  private List<S> block(int depth, int size, boolean top) {
    int mark = env.size();
    List<S> out = new ArrayList<>();
    boolean normal = true;
    for (int i = 0; i < size && normal; i++) {
      S s = statement(depth);
      out.add(s);
      if ((s instanceof If || s instanceof Switch) && !completes) {
        normal = false;
      }
    }
    if (normal && top && yielding < 0 && valuing) {
      valuing = false;
      loopValue = loopValues(out);
    }
    if (normal && loops > 0 && loops > yielding && r.nextInt(6) == 0) {
      // break, continue, or at times a return from inside the loop (of a double: a vector program's
      // returns store into its result array first, kept out of loops)
      out.add(
          yielding < 0 && returnsInCases && result == null && r.nextInt(4) == 0
              ? returns(expr(3), false).get(0)
              : new Jump(r.nextBoolean()));
      normal = false;
    } else if (normal && top && yielding < 0 && nesting) {
      out.addAll(nestedReduction(depth));
      normal = false;
    } else if (normal && top && yielding < 0 && r.nextInt(3) == 0) {
      String acc = reduction(depth, out);
      // at times statements between the loop and the return: stores into arrays, other uses of acc
      boolean falls = true;
      for (int n = r.nextInt(3); n > 0 && falls; n--) {
        if (arrays && has('A', true) && r.nextBoolean()) {
          // a store into a local array the loop may have read
          String target = pick('A', true);
          out.add(new AssignA(target, index(target), r.nextBoolean() ? "=" : "+=", expr(2)));
          continue;
        }
        S s = statement(depth);
        out.add(s);
        falls = !(s instanceof If || s instanceof Switch) || completes;
      }
      if (falls) {
        out.addAll(returns(affineIn(acc), true));
      }
      normal = false;
    } else if (normal && yielding < 0 && (top || (loops == 0 && returnsInCases && r.nextInt(5) == 0))) {
      out.addAll(returns(expr(3), top));
      normal = false;
    }
    for (int i = mark; i < env.size(); i++) {
      freed.add(env.get(i).name());
    }
    env.subList(mark, env.size()).clear();
    completes = normal;
    return out;
  }

  /**
   * A return of {@code value}: in a vector program, {@code value} and a few more expressions stored into
   * the result array before {@code return out;}, or the entries of a {@code new double[] {…}} (more
   * often in a branch, {@code top} false, where returns are rare).
   */
  private List<S> returns(D value, boolean top) {
    if (top && loopValue != null) {
      // the program's ending: it returns what loopValues computed too
      value = new Bin('+', value, loopValue);
      loopValue = null;
      program.recomputed.addAll(pendingLoopValues.noted);
      program.advanced = pendingLoopValues.advanced;
      program.refilled = pendingLoopValues.array;
      program.refilledReads.addAll(pendingLoopValues.reads);
    }
    if (program.returns != null) {
      return List.of(new Ast.ReturnR(returnedRecord(program.returns, value)));
    }
    if (result == null) {
      return List.of(new Return(value));
    }
    int m = program.outputs;
    if (!single && r.nextInt(top ? 3 : 2) == 0) {
      List<D> elements = new ArrayList<>();
      int at = r.nextInt(m);
      for (int j = 0; j < m; j++) {
        elements.add(j == at ? value : expr(2));
      }
      return List.of(new ReturnNew(List.copyOf(elements)));
    }
    List<S> out = new ArrayList<>();
    for (int n = r.nextInt(Math.min(m, 3)); n > 0; n--) {
      out.add(new AssignA(result, r.nextBoolean() ? new ILit(r.nextInt(m), false) : index(result),
          r.nextInt(3) == 0 ? "+=" : "=", expr(2)));
    }
    out.add(new AssignA(result, r.nextBoolean() ? new ILit(r.nextInt(m), false) : index(result), r.nextBoolean() ? "+=" : "=", value));
    out.add(new ReturnA(result));
    return out;
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

  /** {@code double[] r = vec(…);}: a call to a vector program; null when there is none to call. */
  private S vectorCall() {
    List<Program> candidates = new ArrayList<>();
    for (Program p : vectorCallable) {
      if (cost.get(p) <= 12 && (p.kinds.indexOf('A') < 0 || hasWhole()) && (!secondOrder || p.inlinable)
          && (!secondOrder || p.inlinedSize <= INLINED_SIZE) && (loops == 0 || p.loopInlinable)) {
        candidates.add(p);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    Program callee = candidates.get(candidates.size() - 1 - r.nextInt(Math.min(candidates.size(), 40)));
    String name = fresh();
    pending = name;
    Invoke call = new Invoke(callee, arguments(callee, 1), !callee.owner.equals(program.owner) || r.nextInt(4) == 0);
    pending = null;
    calls += cost.get(callee) * iterations;
    // read only: it may be the callee's parameter itself; in a loop, split into scalars: only indexed
    env.add(new VarInfo(name, 'A', false, false, null, loops > 0));
    return new DeclV(name, call);
  }

  private S statement(int depth) {
    if (records && r.nextInt(100) < 16) {
      S s = recordStatement();
      if (s != null) {
        return s;
      }
    }
    if (r.nextInt(100) < (program.vector ? 8 : 5)) {
      // a call to a vector program; in a loop, one whose result the processor splits into scalars (E265)
      S call = vectorCall();
      if (call != null) {
        return call;
      }
    }
    if (result != null && r.nextInt(100) < 10) {
      // a store into the vector program's result
      int op = r.nextInt(4);
      return new AssignA(result, index(result), op < 2 ? "=" : op < 3 ? "+=" : "-=", expr(op < 2 ? 3 : 2));
    }
    if (arrays) {
      int a = r.nextInt(100);
      if (a < 9) {
        // inside a loop, a fresh array each iteration, of a constant size: the processor splits it into
        // one local per entry (E242 otherwise), so it is only indexed, never passed or walked whole (E248)
        boolean split = loops > 0;
        String name = fresh();
        pending = name; // in scope in its initializer: a K0 there must be qualified
        if (r.nextBoolean()) {
          // an initializer: any expression in each element
          List<D> elements = new ArrayList<>();
          for (int k = 1 + r.nextInt(4); k > 0; k--) {
            elements.add(expr(3));
          }
          pending = null;
          env.add(new VarInfo(name, 'A', true, false, null, split));
          return new DeclA(name, null, List.copyOf(elements), r.nextInt(3) == 0);
        }
        if (split) {
          pending = null;
          env.add(new VarInfo(name, 'A', true, false, null, true));
          return new DeclA(name, new ILit(1 + r.nextInt(4), false));
        }
        int roll = r.nextInt(6);
        I size =
            has('A', false) && roll < 3
                ? lengthPlus(pick('A', false))
                : roll == 3
                    ? new IBin('+', new ILit(1, false), new IOfD(expr(1), 4)) // 1 to 4, from a double
                    : new ILit(1 + r.nextInt(4), false);
        pending = null;
        env.add(new VarInfo(name, 'A', true));
        return new DeclA(name, size);
      }
      String array = a >= 95 && hasWhole() ? pickWhole() : null;
      // never of a vector program's result, which its returns store into
      if (array != null && !array.equals(result) && (program.params.contains(array) || r.nextInt(3) == 0)) {
        // a second name, read only; the array it names is not written while it lives (nor after)
        String name = fresh();
        for (int k = 0; k < env.size(); k++) {
          VarInfo v = env.get(k);
          if (v.name().equals(array) && v.assignable()) {
            env.set(k, new VarInfo(v.name(), v.kind(), false, v.nonNegative(), v.over()));
          }
        }
        env.add(new VarInfo(name, 'A', false));
        return new Ast.DeclAlias(name, array);
      }
      if (a < (loops > 0 ? 45 : 40) && has('A', true)) {
        String target = pick('A', true);
        I index = index(target);
        int op = r.nextInt(8);
        if (op < 3) {
          return new AssignA(target, index, "=", expr(3));
        } else if (op < 6) {
          return new AssignA(target, index, "+=", expr(2));
        } else if (op < 7) {
          return new AssignA(target, index, "-=", expr(2));
        }
        return new AssignA(target, index, "*=", bounded(2));
      }
    }
    int roll = r.nextInt(100);
    if (roll < 35) {
      String name = fresh();
      boolean isFinal = r.nextInt(7) == 0;
      pending = name;
      D init = expr(3);
      pending = null;
      env.add(new VarInfo(name, 'D', !isFinal));
      return new DeclD(name, isFinal, init);
    }
    if (roll < 52) {
      String target = pick('D', true);
      int op = r.nextInt(10);
      if (op < 4) {
        return new AssignD(target, "=", expr(3));
      } else if (op < 6) {
        return new AssignD(target, "+=", expr(2));
      } else if (op < 7) {
        return new AssignD(target, "-=", expr(2));
      } else if (op < 9) {
        return new AssignD(target, "*=", r.nextBoolean() ? bounded(2) : expr(1));
      } else {
        return new AssignD(target, "/=", positiveAwayFromZero(2));
      }
    }
    if (roll < 56) {
      return new IncD(pick('D', true), r.nextBoolean(), r.nextBoolean());
    }
    if (roll >= 64 && roll < 68 && depth < 3) {
      return r.nextInt(3) > 0 ? switchStatement(depth) : declSwitch(depth);
    }
    if (roll >= 68 && roll < 72 && loops < 2 && depth < 3) {
      return loop(depth);
    }
    if (roll < 72 && (depth < 2 || (depth < 3 && r.nextInt(3) == 0))) {
      B cond = cond(2);
      List<S> then = block(depth + 1, 1 + r.nextInt(3), false);
      boolean thenCompletes = completes;
      List<S> otherwise = List.of();
      boolean elseCompletes = true;
      if (r.nextInt(10) < 6) {
        otherwise =
            r.nextInt(4) == 0 && depth < 2
                ? List.of(statementIf(depth + 1))
                : block(depth + 1, 1 + r.nextInt(3), false);
        elseCompletes = completes;
      }
      completes = thenCompletes || elseCompletes;
      return new If(cond, then, otherwise);
    }
    if (roll < 82) {
      boolean isLong = r.nextInt(4) == 0;
      String name = fresh();
      pending = name;
      I init = intExpr(1);
      pending = null;
      isLong |= Ast.isLong(init);
      env.add(new VarInfo(name, isLong ? 'L' : 'I', true));
      return new DeclI(name, isLong, init);
    }
    if (roll < 86 && has('I', true)) {
      String target = pick('I', true);
      return switch (r.nextInt(6)) {
        case 4, 5 -> new MixI(target, kindOf(target) == 'L', new String[] {"+=", "-=", "*="}[r.nextInt(3)], bounded(1));
        case 0 -> new AssignI(target, "++", null);
        case 1 -> new AssignI(target, "+=", intExpr(1));
        case 2 -> new AssignI(target, "*=", new ILit(2, false));
        default -> new AssignI(target, "=", kindOf(target) == 'L' ? intExpr(1) : intOnly(1));
      };
    }
    if (roll < 92) {
      String name = fresh();
      pending = name;
      B init = cond(2);
      pending = null;
      env.add(new VarInfo(name, 'B', r.nextBoolean()));
      return new DeclB(name, init);
    }
    String target = pick('D', true);
    return new AssignD(target, "=", expr(3));
  }

  /** An int selector for a switch: an int expression, or an int computed from a double. */
  private I selector() {
    if (has('E', false) && r.nextBoolean()) {
      return r.nextInt(4) > 0 ? new EVar(ENUM_PARAM) : new EOrd(ENUM_PARAM);
    }
    selectors++; // a switch expression tests its selector in each arm: no call passing records there (E263)
    try {
      return r.nextBoolean() ? intOnly(1) : new IOfD(expr(1), 5);
    } finally {
      selectors--;
    }
  }

  /**
   * The labels of a switch expression on {@code selector} with a default (added anywhere, or last with
   * {@code last}); on an enum, at times labels for every constant and no default.
   */
  private List<List<Integer>> expressionLabels(I selector, boolean last) {
    if (selector instanceof EVar && r.nextInt(3) == 0) {
      List<Integer> pool = new ArrayList<>();
      for (int l = -1; l < Ast.ENUM_CONSTANTS - 1; l++) {
        pool.add(l);
      }
      List<List<Integer>> out = new ArrayList<>();
      while (!pool.isEmpty()) {
        List<Integer> labels = new ArrayList<>();
        for (int k = 1 + r.nextInt(3); k > 0 && !pool.isEmpty(); k--) {
          labels.add(pool.remove(r.nextInt(pool.size())));
        }
        out.add(labels);
      }
      return out;
    }
    List<List<Integer>> labels = labels(1 + r.nextInt(3));
    labels.add(last ? labels.size() : r.nextInt(labels.size() + 1), List.of()); // an int switch expression has a default
    return labels;
  }

  /** The labels of {@code n} cases: distinct ints in [-1, 4], one or two a case. */
  private List<List<Integer>> labels(int n) {
    List<Integer> pool = new ArrayList<>(List.of(-1, 0, 1, 2, 3, 4));
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Integer> labels = new ArrayList<>();
      labels.add(pool.remove(r.nextInt(pool.size())));
      if (r.nextInt(4) == 0) {
        labels.add(pool.remove(r.nextInt(pool.size())));
      }
      out.add(labels);
    }
    return out;
  }

  /**
   * A switch statement: 1 to 3 labelled cases and at times a default, anywhere; with colon labels a case
   * that completes may fall through into the next. A break in a case (which {@link #block} writes in a
   * loop) leaves the switch.
   */
  private S switchStatement(int depth) {
    I selector = selector();
    boolean arrows = r.nextBoolean();
    List<List<Integer>> labels = labels(1 + r.nextInt(3));
    if (r.nextInt(3) > 0) {
      labels.add(r.nextInt(labels.size() + 1), List.of()); // the default
    }
    List<SwitchCase> cases = new ArrayList<>();
    boolean exits = labels.stream().noneMatch(List::isEmpty);
    int mark = taken.size();
    boolean outerReturns = returnsInCases;
    returnsInCases = r.nextInt(4) == 0;
    for (int i = 0; i < labels.size(); i++) {
      int before = freed.size();
      List<S> body = block(depth + 1, 1 + r.nextInt(3), false);
      if (!arrows) {
        taken.addAll(freed.subList(before, freed.size())); // the next cases share the scope
      }
      boolean last = i == labels.size() - 1;
      boolean breaks = !arrows && completes && (last || r.nextInt(3) > 0);
      exits |= breaks || (completes && (arrows || last)) || breaks(body);
      cases.add(new SwitchCase(labels.get(i), body, breaks));
    }
    taken.subList(mark, taken.size()).clear();
    returnsInCases = outerReturns;
    completes = exits;
    return new Switch(selector, cases, arrows);
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

  /** Whether {@code body} has a break that leaves a switch around it (not one of a loop inside). */
  private static boolean breaks(List<S> body) {
    for (S s : body) {
      if (s instanceof Jump j && j.isBreak() || s instanceof If f && (breaks(f.then()) || breaks(f.otherwise()))) {
        return true;
      }
    }
    return false;
  }

  /** {@code double t = switch (…) {…};} with statements in its cases, each ending in a yield. */
  private S declSwitch(int depth) {
    String name = fresh();
    while (name.equals("C0") || name.equals("C1") || name.equals("K0")) {
      name = fresh(); // in scope in its initializer, where statements reset pending
    }
    pending = name;
    I selector = selector();
    boolean arrows = r.nextBoolean();
    List<List<Integer>> labels = expressionLabels(selector, false);
    int outer = yielding;
    yielding = loops;

    List<SwitchCase> cases = new ArrayList<>();
    List<D> values = new ArrayList<>();
    int mark = taken.size();
    taken.add(name);
    for (List<Integer> l : labels) {
      int before = freed.size();
      int envMark = env.size();
      List<S> body = new ArrayList<>();
      for (int k = r.nextInt(3); k > 0; k--) {
        body.add(statement(depth + 1));
      }
      values.add(expr(3));
      for (int i = envMark; i < env.size(); i++) {
        freed.add(env.get(i).name());
      }
      env.subList(envMark, env.size()).clear();
      if (!arrows) {
        taken.addAll(freed.subList(before, freed.size()));
      }
      cases.add(new SwitchCase(l, body, false));
    }
    taken.subList(mark, taken.size()).clear();
    yielding = outer;
    pending = null;
    env.add(new VarInfo(name, 'D', true));
    completes = true;
    return new DeclSwitch(name, selector, cases, values, arrows);
  }

  /** {@code switch (k) { case 1 -> e; … default -> e; }} as an expression. */
  private D switchExpr(int d) {
    I selector = selector();
    List<List<Integer>> labels = expressionLabels(selector, true);
    List<D> arms = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      arms.add(expr(d));
    }
    return new SwitchD(selector, labels, arms);
  }

  /**
   * A loop of a few iterations: a for loop over a fresh int, or a while or do-while loop whose body
   * first counts up a fresh int declared just before (which this returns as a block with it).
   */
  private S loop(int depth) {
    loops++;
    iterations *= 4; // every bound is at most 4
    S out;
    if (records && has('Q', false) && r.nextInt(3) == 0) {
      String array = pick('Q', false);
      String var = fresh();
      env.add(new VarInfo(var, 'R', false));
      recordOf.put(var, recordOf.get(array));
      List<S> body = block(depth + 1, 1 + r.nextInt(4), false);
      env.remove(env.size() - 1);
      freed.add(var);
      out = new ForEachR(var, recordOf.get(array), array, body);
    } else if (hasWhole() && r.nextInt(4) == 0) {
      String array = pickWhole();
      String var = fresh();
      env.add(new VarInfo(var, 'D', false));
      List<S> body = block(depth + 1, 1 + r.nextInt(4), false);
      env.remove(env.size() - 1);
      freed.add(var);
      out = new ForEach(var, array, body);
    } else if (r.nextInt(2) > 0) {
      String var = fresh();
      pending = var; // in scope in the condition: a K0 there must be qualified
      String over = has('A', false) && r.nextInt(3) > 0 ? pick('A', false) : null; // at most 4 entries
      if (records && has('Q', false) && r.nextInt(3) == 0) {
        over = pick('Q', false); // ps.length: at most 3
      }
      if (over == null && has('M', false) && r.nextInt(3) > 0) {
        over = pick('M', false); // over its rows
      }
      I bound =
          over != null
              ? new ILen(over)
              : switch (r.nextInt(5)) {
                case 0 -> new IConst(klass.name(), "K0", klass.k0(), qualify("K0"));
                case 4 -> new IOfD(expr(1), 3 + r.nextInt(2)); // below 4, from a double, calls too
                case 1 -> new IBin('%', intExpr(0), new ILit(3 + r.nextInt(2), false)); // below 4
                default -> new ILit(1 + r.nextInt(4), false);
              };
      pending = null;
      env.add(new VarInfo(var, 'I', false, true, over));
      List<S> body = block(depth + 1, 1 + r.nextInt(4), false);
      env.remove(env.size() - 1);
      freed.add(var);
      out = new For(var, bound, body);
    } else {
      String counter = fresh();
      env.add(new VarInfo(counter, 'I', false, true, null));
      B cond = new ICmp("<", new IVar(counter, false), new ILit(1 + r.nextInt(4), false));
      int callsBefore = calls;
      if (r.nextInt(4) > 0) {
        cond = new And(cond, cond(2)); // calls too: the processor tests such a condition in the body
      }
      boolean condCalls = calls > callsBefore;
      List<S> body = new ArrayList<>();
      body.add(new AssignI(counter, "++", null));
      body.addAll(block(depth + 1, 1 + r.nextInt(3), false));
      // a do loop whose body always returns would never complete: Java rejects what follows it
      boolean doWhile = r.nextBoolean() && (completes || jumps(body))
          && !(condCalls && continues(body)); // a continue would skip the test: E209
      // the counter is declared in the enclosing block, and stays readable after the loop
      out = new Seq(List.of(new DeclI(counter, false, new ILit(0, false)), new While(cond, body, doWhile)));
    }
    loops--;
    iterations /= 4;
    completes = true;
    return out;
  }

  /**
   * A loop that adds a term into a fresh accumulator in each iteration, the shape whose reverse step the
   * processor runs inside the forward loop; adds its statements to {@code out} and returns the
   * accumulator's name. The accumulator is declared before the loop but is out of reach of the loop's
   * body, which is an ordinary block (with ifs, breaks and inner loops at times).
   */
  private String reduction(int depth, List<S> out) {
    String acc = fresh();
    outOfReach = acc; // no other variable may take its name
    D init = r.nextBoolean() ? lit(0) : expr(1);
    loops++;
    iterations *= 4;
    String var = fresh();
    String over = has('A', false) && r.nextInt(4) > 0 ? pick('A', false) : null;
    if (over == null && has('M', false) && r.nextInt(3) > 0) {
      over = pick('M', false); // over its rows
    }
    I bound = over != null ? new ILen(over) : new ILit(1 + r.nextInt(4), false);
    env.add(new VarInfo(var, 'I', false, true, over));
    int mark = env.size();
    List<S> body = new ArrayList<>();
    int size = r.nextInt(3);
    boolean normal = true;
    for (int i = 0; i < size && normal; i++) {
      S s = statement(depth + 1);
      body.add(s);
      normal = !(s instanceof If || s instanceof Switch) || completes;
    }
    if (normal) {
      S add = accumulate(acc);
      if (r.nextInt(3) == 0) {
        // under a condition, with another term or none otherwise
        B cond = cond(1);
        body.add(new If(cond, List.of(add), r.nextBoolean() ? List.of(accumulate(acc)) : List.of()));
      } else {
        body.add(add);
      }
    }
    for (int i = mark; i < env.size(); i++) {
      freed.add(env.get(i).name());
    }
    env.subList(mark, env.size()).clear();
    env.remove(env.size() - 1);
    freed.add(var);
    loops--;
    iterations /= 4;
    completes = true;
    outOfReach = null;
    out.add(new DeclD(acc, false, init));
    out.add(new For(var, bound, body));
    env.add(new VarInfo(acc, 'D', true));
    return acc;
  }

  /** {@code acc += term}, {@code acc -= term} or {@code acc = acc + term}. */
  private S accumulate(String acc) {
    D term = expr(2);
    if (arrays && has('A', true) && r.nextInt(3) == 0) {
      // an entry of a local array, which a store after the loop may change
      String array = pick('A', true);
      term = new Bin('+', term, new ARead(array, index(array)));
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
      case 1 -> new Bin('+', new Bin('*', a, expr(1)), expr(1));
      case 2 -> new Bin('-', expr(1), new Bin('/', a, positiveAwayFromZero(1)));
      case 3 -> new Neg(new Bin('*', expr(1), a));
      case 4 -> new Bin('+', a, expr(2));
      default -> expr(3);
    };
  }

  // ---- nested reductions ----------------------------------------------------------------------

  /** The share, in percent, of first-order scalar programs (records among them) ending in a nested reduction. */
  private static final int NESTED_FIRST_ORDER = 92;
  /** The share, in percent, of second-order programs ending in a nested reduction. */
  private static final int NESTED_SECOND_ORDER = 10;
  /** The share, in percent, of record programs returning records that end in a nested reduction. */
  private static final int NESTED_RECORD_RETURN = 40;
  /** The share, in percent, of vector programs ending in a nested reduction. */
  private static final int NESTED_VECTOR = 6;
  /** The share, in percent, of nested reductions that are near misses (see {@link NearMiss}). */
  private static final int NEAR_MISS_PERCENT = 35;

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
  private List<S> nestedReduction(int depth) {
    List<S> out = new ArrayList<>();
    NearMiss miss = r.nextInt(100) < NEAR_MISS_PERCENT
        ? NearMiss.values()[1 + r.nextInt(NearMiss.values().length - 1)] : NearMiss.NONE;
    int hidden = taken.size();
    String over = has('M', false) && r.nextInt(3) > 0 ? pick('M', false) : hasWhole() && r.nextInt(5) > 0 ? pickWhole() : null;
    I bound = over != null ? new ILen(over) : new ILit(1 + r.nextInt(4), false);
    boolean scratchNeeded = miss == NearMiss.READ_BEFORE_FILL || miss == NearMiss.FILLED_IN_BRANCH
        || miss == NearMiss.FILLED_TO_OTHER_BOUND || miss == NearMiss.READ_AFTER_LOOP;
    final String scratch = scratchNeeded || r.nextInt(100) < 60 ? fresh() : null;
    I size = null;
    if (scratch != null) {
      pending = scratch;
      size = hasWhole() && r.nextBoolean() ? new ILen(pickWhole()) : new ILit(1 + r.nextInt(3), false);
      pending = null;
      out.add(new DeclA(scratch, size));
      taken.add(scratch); // not read before the iteration fills it, nor written but by the shape
    }
    final String carried = miss == NearMiss.CARRIED ? fresh() : null;
    if (carried != null) {
      pending = carried;
      out.add(new DeclD(carried, false, expr(1)));
      pending = null;
      env.add(new VarInfo(carried, 'D', true));
    }
    String acc = fresh();
    out.add(new DeclD(acc, false, r.nextBoolean() ? lit(0) : expr(1)));
    outOfReach = acc;
    String var = fresh();
    program.nested = true;
    program.nearMiss = miss;
    program.outerLoop = var;
    program.scratch = scratch != null;
    loops++;
    iterations *= 4;
    env.add(new VarInfo(var, 'I', false, true, over));
    int mark = env.size();
    List<S> body = new ArrayList<>();
    if (r.nextInt(4) == 0) {
      S s = statement(depth + 1);
      if (!(s instanceof If || s instanceof Switch) || completes) {
        body.add(s); // (one that always returns would leave the rest unreachable)
      }
    }
    D early = null;
    if (miss == NearMiss.READ_BEFORE_FILL) {
      // the entry another iteration wrote (zero in the first)
      String e = fresh();
      body.add(new DeclD(e, false, new ARead(scratch, r.nextBoolean() ? new ILit(0, false)
          : new IBin('%', new IVar(var, false), new ILen(scratch)))));
      env.add(new VarInfo(e, 'D', false));
      early = new Var(e);
    }
    boolean entrywise = scratch != null && miss == NearMiss.NONE && r.nextInt(4) == 0;
    if (scratch != null && !entrywise) {
      I to = miss == NearMiss.FILLED_TO_OTHER_BOUND ? new IBin('-', new ILen(scratch), new ILit(1, false))
          : r.nextBoolean() ? new ILen(scratch) : size;
      S fill = innerLoop(to, null, j -> List.of(new AssignA(scratch, new IVar(j, false), "=", fillValue())));
      body.add(miss == NearMiss.FILLED_IN_BRANCH ? new If(cond(1), List.of(fill), List.of()) : fill);
      taken.remove(scratch);
      env.add(new VarInfo(scratch, 'A', false)); // read only, at any index
      if (r.nextInt(4) == 0) {
        // a second pass over what the first filled: c[j + 1] += c[j] * e
        body.add(innerLoop(new IBin('-', new ILen(scratch), new ILit(1, false)), null,
            j -> List.of(new AssignA(scratch, new IBin('+', new IVar(j, false), new ILit(1, false)), "+=",
                new Bin('*', new ARead(scratch, new IVar(j, false)), bounded(1))))));
      }
    }
    List<D> terms = new ArrayList<>();
    for (int k = 0, count = r.nextInt(4) == 0 ? 2 : 1; k < count; k++) {
      String z = fresh();
      pending = z;
      body.add(new DeclD(z, false, r.nextInt(3) > 0 ? lit(0) : expr(1)));
      pending = null;
      env.add(new VarInfo(z, 'D', false)); // in scope: no other local takes its name
      String rowOf = over != null && kindOf(over) == 'M' ? row(over) : has('M', false) && r.nextInt(3) == 0 ? row(pick('M', false)) : null;
      boolean overScratch = entrywise || (scratch != null && taken.indexOf(scratch) < 0 && r.nextInt(3) == 0);
      String walked = overScratch ? scratch : rowOf != null && r.nextInt(4) > 0 ? rowOf : hasWhole() ? pickWhole() : null;
      I innerBound = walked != null ? new ILen(walked) : new ILit(1 + r.nextInt(3), false);
      boolean fillsHere = entrywise && k == 0;
      S inner = innerLoop(innerBound, walked, j -> {
        List<S> in = new ArrayList<>();
        if (fillsHere) {
          // written, then read at the same index in the same iteration
          in.add(new AssignA(scratch, new IVar(j, false), "=", fillValue()));
        }
        D term = fillsHere ? new Bin('*', new ARead(scratch, new IVar(j, false)), element()) : new Bin('*', element(), element());
        if (r.nextInt(4) == 0) {
          D call = invoke(1);
          if (call != null) {
            term = new Bin(r.nextBoolean() ? '*' : '+', term, call);
          }
        }
        if (carried != null && terms.isEmpty()) {
          // carried on: h is the outer scope's, and the next iteration reads it
          in.add(new AssignD(carried, "=", new Bin('+', new Bin('*', new Var(carried), lit(0.5)), term)));
          term = new Var(carried);
        }
        int op = r.nextInt(4);
        in.add(op == 0 ? new AssignD(z, "-=", term)
            : op == 1 ? new AssignD(z, "=", new Bin('+', new Var(z), term)) : new AssignD(z, "+=", term));
        return in;
      });
      if (fillsHere) {
        taken.remove(scratch);
        env.add(new VarInfo(scratch, 'A', false)); // every entry written: read only from here
      }
      body.add(!fillsHere && r.nextInt(4) == 0 ? new If(cond(1), List.of(inner), r.nextBoolean() ? List.of()
          : List.of(new AssignD(z, "=", expr(1)))) : inner);
      terms.add(new Var(z));
    }
    D term = of(terms.get(0));
    if (terms.size() > 1) {
      term = new Bin(r.nextBoolean() ? '+' : '*', term, of(terms.get(1)));
    }
    // (a scratch array filled only at times, or not whole, is read: else it would be no near miss)
    boolean partly = miss == NearMiss.FILLED_IN_BRANCH || miss == NearMiss.FILLED_TO_OTHER_BOUND;
    if (scratch != null && env.stream().anyMatch(v -> v.name().equals(scratch)) && (partly || r.nextBoolean())) {
      I at = miss == NearMiss.FILLED_TO_OTHER_BOUND && r.nextBoolean()
          ? new IBin('-', new ILen(scratch), new ILit(1, false)) : r.nextBoolean() ? new ILit(0, false) : index(scratch);
      term = new Bin('+', term, new ARead(scratch, at));
    }
    if (early != null) {
      term = new Bin('+', term, early);
    }
    int op = r.nextInt(4);
    S add = op == 0 ? new AssignD(acc, "-=", term)
        : op == 1 ? new AssignD(acc, "=", new Bin('+', new Var(acc), term)) : new AssignD(acc, "+=", term);
    body.add(r.nextInt(4) == 0 ? new If(cond(1), List.of(add), List.of()) : add);
    for (int i = mark; i < env.size(); i++) {
      freed.add(env.get(i).name());
    }
    env.subList(mark, env.size()).clear();
    env.remove(env.size() - 1);
    taken.add(var); // (the generated code's fused loop is found by its variable: no later loop takes it)
    loops--;
    iterations /= 4;
    out.add(new For(var, bound, body));
    if (scratch != null) {
      taken.add(scratch); // out of reach again
    }
    // after the loop: what the return adds to the accumulator's part, computed without it
    List<D> parts = new ArrayList<>();
    if (miss == NearMiss.READ_AFTER_LOOP) {
      String post = fresh();
      out.add(new DeclD(post, false, new ARead(scratch, r.nextBoolean() ? new ILit(0, false) : new IBin('-', new ILen(scratch), new ILit(1, false)))));
      env.add(new VarInfo(post, 'D', false));
      parts.add(new Var(post));
    }
    if (miss != NearMiss.ACCUMULATOR_READ_LATER && r.nextInt(3) == 0) {
      out.add(loop(depth)); // any loop, the accumulator out of its reach
    } else if (miss == NearMiss.ACCUMULATOR_READ_LATER || r.nextInt(3) == 0) {
      String u = fresh();
      out.add(new DeclD(u, false, r.nextBoolean() ? lit(0) : expr(1)));
      env.add(new VarInfo(u, 'D', false));
      boolean readsAcc = miss == NearMiss.ACCUMULATOR_READ_LATER;
      String w = hasWhole() ? pickWhole() : null;
      out.add(innerLoop(w != null ? new ILen(w) : new ILit(1 + r.nextInt(3), false), w, j -> List.of(new AssignD(u, "+=",
          new Bin('*', readsAcc ? new Var(acc) : expr(1), element())))));
      parts.add(new Var(u));
    }
    D coefficient = r.nextBoolean() ? lit(LITERALS[r.nextInt(LITERALS.length)]) : expr(1);
    D rest = r.nextBoolean() ? expr(1) : null;
    outOfReach = null;
    env.add(new VarInfo(acc, 'D', false));
    D a = new Var(acc);
    D value = switch (r.nextInt(8)) {
      case 0 -> a;
      case 1, 2, 3 -> new Bin('*', coefficient, a);
      case 4 -> new Bin('-', rest == null ? lit() : rest, new Bin('/', a, lit()));
      case 5 -> new Bin('*', a, a); // not affine
      case 6 -> math(r.nextBoolean() ? "tanh" : "sin", a); // not affine
      default -> expr(3); // mostly not affine, at times not reading it
    };
    for (D p : parts) {
      value = new Bin('+', value, p);
    }
    if (rest != null && r.nextBoolean()) {
      value = new Bin('+', value, rest);
    }
    out.addAll(returns(value, true));
    taken.subList(hidden, taken.size()).clear();
    return out;
  }

  // ---- values the reverse sweep computes again ---------------------------------------------------

  /** The share, in percent, of scalar programs (of either order) that hold {@link #loopValues}. */
  private static final int LOOP_VALUES_SCALAR = 15;
  /** The share, in percent, of record programs (of order 1) that hold them. */
  private static final int LOOP_VALUES_RECORDS = 10;
  /** The share, in percent, of {@link #loopValues} that are near misses ({@link Recomputed#nearMiss}). */
  private static final int LOOP_VALUES_NEAR_MISS = 40;

  /**
   * Loops whose values the reverse sweep computes again instead of keeping them on the tape, before the
   * program's ending, their value added to what its return returns (see {@link #returns}): an outer loop
   * whose carried double goes through a nonlinear update ({@code s = Math.sin(s) + z}, {@code s = s * t
   * + z}), so that the processor does not fuse it, and in its iterations
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
   * whose trip count is unknown. The forms are noted in {@link Program#recomputed} when the return adds
   * the value, and {@link Coverage} looks in the generated reverse code for the values computed again.
   * The names the shape declares stay out of reach of the rest of the program, but the refilled array,
   * which it may read from then on.
   *
   * @return what the return adds: the outer loop's carried double
   */
  private D loopValues(List<S> out) {
    List<String> vectors = new ArrayList<>();
    List<String> matrices = new ArrayList<>();
    for (int k = 0; k < program.params.size(); k++) {
      if (program.kind(k) == 'A') {
        vectors.add(program.params.get(k));
      } else if (program.kind(k) == 'M') {
        matrices.add(program.params.get(k));
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
      String k = shape.hide(fresh());
      out.add(new DeclD(k, false, expr(1)));
      shape.before = k;
    }
    if (refill) {
      shape.array = shape.hide(fresh());
      int roll = r.nextInt(vectors.isEmpty() ? 1 : 4);
      if (roll == 0) {
        shape.size = new ILit(1 + r.nextInt(4), false);
      } else {
        shape.sameLength = vectors.get(r.nextInt(vectors.size()));
        if (roll == 1) {
          String n = shape.hide(fresh());
          out.add(new DeclI(n, false, new ILen(shape.sameLength)));
          shape.size = new IVar(n, false);
        } else {
          shape.size = new ILen(shape.sameLength);
        }
      }
      out.add(new DeclA(shape.array, shape.size));
    }
    String s = shape.hide(fresh());
    shape.carried = s;
    out.add(new DeclD(s, false, r.nextBoolean() ? lit(LITERALS[r.nextInt(6)]) : bounded(1)));
    D factor = null;
    if (r.nextBoolean()) {
      String t = shape.hide(fresh());
      out.add(new DeclD(t, false, new Bin('*', lit(0.5), bounded(1))));
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
      out.add(innerLoop(new ILit(0, false), 0, "<", bound, null, rv -> {
        shape.outer = rv;
        List<S> body = new ArrayList<>();
        if (refill) {
          shape.fill(body);
        }
        String z = shape.hide(fresh());
        shape.sum = z;
        body.add(new DeclD(z, false, lit(0)));
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
      taken.remove(shape.array);
      env.add(new VarInfo(shape.array, 'A', false));
    }
    pendingLoopValues = shape;
    D value = new Var(s);
    return r.nextBoolean() ? value : new Bin('*', lit(LITERALS[r.nextInt(6)]), value);
  }

  /** {@code s = f(s, z)}: not an accumulation, so that the loop carrying s is not fused. */
  private S update(String s, String z, D factor) {
    D sv = new Var(s);
    D zv = new Var(z);
    return new AssignD(s, "=", switch (r.nextInt(4)) {
      case 0 -> new Bin('+', math("sin", sv), zv);
      case 1 -> new Bin('+', new Bin('*', sv, factor != null ? factor : lit(0.5)), zv);
      case 2 -> math("tanh", new Bin('+', sv, zv));
      default -> new Bin('+', new Bin('*', sv, math("cos", zv)), zv);
    });
  }

  /** The shape {@link #loopValues} is making, noted in the program when the return adds its value. */
  private Loops pendingLoopValues;
  /** How many {@link #loopValues} the generator made. */
  private int loopValuesMade;

  /** The names and choices of one {@link #loopValues}, and the statements it makes. */
  private final class Loops {
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
      while (visible(name)) {
        name = prefix + id + suffix + "z";
      }
      return name;
    }

    String hide(String name) {
      taken.add(name);
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
        case 3 -> outer != null ? new FromInt(new IVar(outer, false), r.nextInt(3) == 0) : lit();
        default -> lit();
      };
    }

    /** A double parameter (there is one, or an assignable double). */
    String doubleParam() {
      List<String> names = new ArrayList<>();
      for (int k = 0; k < program.params.size(); k++) {
        if (program.kind(k) == 'D' || program.kind(k) == 'N') {
          names.add(program.params.get(k));
        }
      }
      return names.isEmpty() ? pick('D', false) : names.get(r.nextInt(names.size()));
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
      For fill = innerLoop(new ILit(0, false), 0, "<", bound, array, j -> {
        fillCounter = j;
        D value;
        if (miss == Recomputed.COSTLY_FILL) {
          value = new Bin('*', math("exp", new Bin('*', lit(0.5), entryAt(j))), atom(j));
        } else if (miss == Recomputed.FILL_READS_CARRIED) {
          value = new Bin(r.nextBoolean() ? '*' : '+', entryAt(j), new Var(carried));
        } else {
          value = cheapFill(j);
        }
        S store = new AssignA(array, new IVar(j, false), "=", value);
        List<S> in = new ArrayList<>();
        if (miss == Recomputed.FILL_IN_BRANCH && r.nextBoolean()) {
          // stored on both arms, each a cheap expression: twice in the loop
          in.add(new If(new Cmp(">", entryAt(j), lit(0.0)), List.of(store),
              List.of(new AssignA(array, new IVar(j, false), "=", cheapFill(j)))));
        } else {
          in.add(store);
        }
        fillCounter = null;
        return in;
      });
      if (miss == Recomputed.FILL_IN_BRANCH && fill.body().size() == 1 && fill.body().get(0) instanceof AssignA) {
        body.add(new If(cond(1), List.of(fill), List.of())); // the whole fill, at times
      } else {
        body.add(fill);
      }
      if (miss == Recomputed.STORE_AFTER_FILL) {
        I at = switch (r.nextInt(3)) {
          case 0 -> new ILit(0, false);
          case 1 -> new IBin('-', new ILen(array), new ILit(1, false));
          default -> new IBin('%', new IVar(outer, false), new ILen(array));
        };
        body.add(new AssignA(array, at, r.nextBoolean() ? "=" : "+=", expr(0)));
      }
    }

    /** A double to multiply a read entry by: an entry at i, the double before, the read entry at i. */
    D partner(String i) {
      return switch (r.nextInt(4)) {
        case 0, 1 -> entryAt(i);
        case 2 -> before != null ? new Var(before) : expr(0);
        default -> new ARead(array, new IBin('%', new IVar(i, false), new ILen(array)));
      };
    }

    /** {@code z += e * partner}, or a nonlinear term of e: its value is needed in the reverse sweep. */
    S term(D e, String i) {
      D value = switch (r.nextInt(3)) {
        case 0 -> math("sin", new Bin('*', e, partner(i)));
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
              body.add(innerLoop(new ILit(0, false), 0, "<", bound, null,
                  i -> read(new IBin('%', new IBin('+', new IVar(i, false), new ILit(plus, false)), new ILen(array)), i)));
            }
          }
          case READ_SHIFTED -> body.add(innerLoop(new ILit(0, false), 1, "<", entries(), null,
              i -> read(new IBin('+', new IVar(i, false), one), i)));
          case READ_MIRRORED -> body.add(innerLoop(new ILit(0, false), 0, "<", entries(), array,
              i -> read(new IBin('-', new IBin('-', new ILen(array), one), new IVar(i, false)), i)));
          default -> {
            // read in the inner loop, the same in each of its iterations: before it, once, when it runs
            boolean unsafe = form == Recomputed.UNSAFE_PREHEADER_READ;
            I n = entries();
            body.add(innerLoop(new ILit(0, false), 0, "<", n, array, i -> List.of(
                innerLoop(new IBin('+', new IVar(i, false), one), 0, "<", n, array, j -> {
                  D entry = new ARead(array, unsafe ? new IBin('+', new IVar(i, false), one) : new IVar(i, false));
                  D value = r.nextInt(3) == 0 ? math("cos", entry) : entry;
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
      I init = downwards ? new ILit(100, false) // (at most 4 × 10 steps of at most 2 down)
          : switch (r.nextInt(4)) {
            case 0 -> new ILit(r.nextInt(3), false);
            case 1 -> !vectors.isEmpty() ? new ILen(vectors.get(r.nextInt(vectors.size()))) : new ILit(1, false);
            case 2 -> new IConst(klass.name(), "K0", klass.k0(), qualify("K0"));
            default -> new IOfD(expr(1), 3);
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
        return new Bin('*', new FromInt(at, true), lit(0.25));
      }
      String w = vectors.get(r.nextInt(vectors.size()));
      return new ARead(w, new IBin('%', at, new ILen(w)));
    }

    /** What an inner iteration adds, reading l: an entry at l times one at j, or l cast into the value. */
    S advancedTerm(String l, String j) {
      D value = switch (r.nextInt(4)) {
        case 0 -> new Bin('*', math("sin", new Bin('+', new Bin('*', new FromInt(new IVar(l, false), r.nextBoolean()),
            lit(0.25)), entryAt(j))), atAdvanced(l, j));
        case 1 -> new Bin('*', atAdvanced(l, j), array != null && r.nextBoolean()
            ? new ARead(array, new IBin('%', new IVar(j, false), new ILen(array))) : entryAt(j));
        default -> new Bin('*', atAdvanced(l, j), r.nextBoolean() ? entryAt(j) : expr(0));
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
      return innerLoop(new ILit(0, false), 0, "<", n, over, i -> {
        List<S> body = new ArrayList<>();
        if (top) {
          outer = i;
          sum = hide(fresh());
          body.add(new DeclD(sum, false, lit(0)));
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
          advancedHere = hide(fresh());
          body.add(new DeclI(advancedHere, false, new IBin('+', new IVar(l, false), new ILit(1, false))));
        }
        String m = advancedHere;
        S advanceBy = downwards ? (step == 1 && r.nextBoolean() ? new AssignI(m, "--", null)
                : new AssignI(m, "-=", new ILit(Math.min(step, 2), false)))
            : step == 1 && r.nextBoolean() ? new AssignI(m, "++", null) : new AssignI(m, "+=", new ILit(step, false));
        if (miss == Recomputed.ADVANCE_UNKNOWN_TRIPS) {
          String k = hide(fresh());
          body.add(new DeclI(k, false, new ILit(0, false)));
          loops++;
          iterations *= 4;
          env.add(new VarInfo(k, 'I', false, true, null));
          List<S> in = new ArrayList<>();
          in.add(new AssignI(k, "++", null));
          in.add(advancedTerm(m, k));
          in.add(advanceBy);
          env.removeIf(v -> v.name().equals(k));
          loops--;
          iterations /= 4;
          body.add(new While(new And(new ICmp("<", new IVar(k, false), n), new Cmp("<", new Var(sum), lit(2.0))), in, false));
        } else {
          // the inner loop's terms summed apart, then added to sum: the row loop then only accumulates, so
          // its reverse may run first first (GMM's triangle adds into an array instead)
          String target = sum;
          String part = null;
          if (!top && miss != Recomputed.ADVANCE_BREAKS && r.nextInt(3) == 0) {
            part = hide(fresh());
            body.add(new DeclD(part, false, lit(0)));
            sum = part;
          }
          body.add(innerLoop(start, 0, cmp, bound, null, j -> {
            List<S> in = new ArrayList<>();
            in.add(advancedTerm(m, j));
            in.add(advanceBy);
            if (miss == Recomputed.ADVANCE_BREAKS) {
              in.add(new If(new Cmp(">", new Var(sum), lit(1.5)), List.of(new Jump(true)), List.of()));
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

  /** A term of the accumulator from an inner accumulation's result {@code z}, smooth and of modest size. */
  private D of(D z) {
    return switch (r.nextInt(6)) {
      case 0 -> z;
      case 1 -> new Bin('*', z, z);
      case 2 -> math("tanh", z);
      case 3 -> math("log1p", new Bin('*', z, z));
      case 4 -> new Bin('*', z, expr(1));
      default -> math("log1p", math("exp", new Neg(math("tanh", z))));
    };
  }

  /**
   * {@code for (int j = 0; j < bound; j++) { body }}, j a fresh counter over {@code over} (or null),
   * inside one more loop while its body is made.
   */
  private For innerLoop(I bound, String over, java.util.function.Function<String, List<S>> body) {
    return innerLoop(new ILit(0, false), 0, "<", bound, over, body);
  }

  /** {@code for (int j = start; j + plus cmp bound; j++) { body }}, as {@link #innerLoop(I, String, java.util.function.Function)}. */
  private For innerLoop(I start, int plus, String cmp, I bound, String over, java.util.function.Function<String, List<S>> body) {
    loops++;
    iterations *= 4;
    String j = fresh();
    env.add(new VarInfo(j, 'I', false, true, over));
    List<S> statements = body.apply(j);
    env.removeIf(v -> v.name().equals(j));
    freed.add(j);
    loops--;
    iterations /= 4;
    return new For(j, start, plus, cmp, bound, statements);
  }

  /** What a fill stores into a scratch array's entry: from the arrays, the matrix rows and the locals. */
  private D fillValue() {
    return new Bin("+-*".charAt(r.nextInt(3)), expr(1), element());
  }

  /** An entry of an array or of a matrix's row, indexed by the loop counters where it can be. */
  private D element() {
    if (has('M', false) && r.nextBoolean()) {
      String row = row(pick('M', false));
      return new ARead(row, index(row));
    }
    if (hasWhole()) {
      String a = pickWhole();
      return new ARead(a, index(a));
    }
    return expr(1);
  }

  /** A local array's size from an array parameter or local: at most 4 (arrays passed in have 1 to 3 entries). */
  private I lengthPlus(String array) {
    return r.nextBoolean() && kindIsParam(array) ? new IBin('+', new ILen(array), new ILit(1, false)) : new ILen(array);
  }

  private boolean kindIsParam(String name) {
    return program.params.contains(name);
  }

  /** An index into {@code array} that is in bounds by construction (every array has an entry). */
  private I index(String array) {
    List<VarInfo> counters = new ArrayList<>();
    for (VarInfo v : env) {
      if (v.nonNegative()) {
        if (array.equals(v.over()) && r.nextInt(3) > 0) {
          return new IVar(v.name(), false);
        }
        counters.add(v);
      }
    }
    int roll = r.nextInt(10);
    if (!counters.isEmpty() && roll < 7) {
      I counter = new IVar(counters.get(r.nextInt(counters.size())).name(), false);
      if (r.nextBoolean()) {
        counter = new IBin('+', counter, new ILit(1 + r.nextInt(2), false));
      }
      return new IBin('%', counter, new ILen(array));
    }
    if (roll < 8) {
      return new IBin('-', new ILen(array), new ILit(1, false));
    }
    if (roll < 9 && !split(array)) {
      // from a double: in bounds whatever its value (it may call a method: not of an array split into locals)
      resultIndexCalls |= array.equals(result);
      return new IBin('%', new IOfD(expr(1), 4), new ILen(array));
    }
    return new ILit(0, false);
  }

  /**
   * A row of matrix {@code m}, {@code m[i]}, as text, read like an array ({@code m[i][j]}, {@code
   * m[i].length}): at an index in bounds that calls nothing and prints alike in every version of the
   * program, since it is written twice, for the entry and its row's length. A loop variable over m's rows,
   * one over something else modulo {@code m.length}, the last row or the first.
   */
  private String row(String m) {
    List<String> counters = new ArrayList<>();
    for (VarInfo v : env) {
      if (v.nonNegative()) {
        if (m.equals(v.over()) && r.nextInt(3) > 0) {
          return m + "[" + v.name() + "]";
        }
        counters.add(v.name());
      }
    }
    int roll = r.nextInt(10);
    if (!counters.isEmpty() && roll < 6) {
      return m + "[" + counters.get(r.nextInt(counters.size())) + " % " + m + ".length]";
    }
    return roll < 8 ? m + "[" + m + ".length - 1]" : m + "[0]";
  }

  /** An {@code if} for an else-if chain; sets {@link #completes}. */
  private S statementIf(int depth) {
    B cond = cond(2);
    List<S> then = block(depth + 1, 1 + r.nextInt(3), false);
    boolean thenCompletes = completes;
    List<S> otherwise = List.of();
    boolean elseCompletes = true;
    if (r.nextBoolean()) {
      otherwise = block(depth + 1, 1 + r.nextInt(3), false);
      elseCompletes = completes;
    }
    completes = thenCompletes || elseCompletes;
    return new If(cond, then, otherwise);
  }

  private String fresh() {
    if (r.nextInt(20) == 0) {
      String clash = CLASH_NAMES[r.nextInt(CLASH_NAMES.length)];
      if (!visible(clash)) {
        return clash;
      }
    }
    if (r.nextInt(20) == 0 && !callable.isEmpty()) {
      String callee = callable.get(r.nextInt(callable.size())).name;
      String name = r.nextBoolean() ? callee : callee + "Bar";
      if (!visible(name)) {
        return name;
      }
    }
    if (r.nextInt(10) == 0) {
      // like the processor's names for a variable's later versions and adjoints: x1, xBar, x1Bar
      String base = env.get(r.nextInt(env.size())).name();
      String name = base + new String[] {"1", "2", "Bar", "1Bar"}[r.nextInt(4)];
      if (!visible(name)) {
        return name;
      }
    }
    if (!freed.isEmpty() && r.nextInt(3) == 0) {
      String name = freed.get(r.nextInt(freed.size()));
      if (!visible(name)) {
        return name;
      }
    }
    while (true) {
      String name = "t" + counter++;
      if (!visible(name)) {
        return name;
      }
    }
  }

  private boolean visible(String name) {
    if (name.equals(outOfReach) || taken.contains(name) || reserved.contains(name)) {
      return true;
    }
    for (VarInfo v : env) {
      if (v.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private char kindOf(String name) {
    for (VarInfo v : env) {
      if (v.name().equals(name)) {
        return v.kind();
      }
    }
    throw new IllegalStateException(name);
  }

  /** Whether {@code array} is created inside a loop, and so split into locals by the processor. */
  private boolean split(String array) {
    return env.stream().anyMatch(v -> v.name().equals(array) && v.split());
  }

  /** Whether an array is visible that may be passed or walked whole: not one created in a loop. */
  private boolean hasWhole() {
    return env.stream().anyMatch(v -> v.kind() == 'A' && !v.split());
  }

  /** An array that may be passed or walked whole (see {@link #hasWhole}). */
  private String pickWhole() {
    String name;
    do {
      name = pick('A', false);
    } while (split(name));
    return name;
  }

  private boolean has(char kind, boolean assignable) {
    for (VarInfo v : env) {
      if ((v.kind() == kind || (kind == 'I' && v.kind() == 'L')) && (!assignable || v.assignable())) {
        return true;
      }
    }
    return false;
  }

  /** A visible variable of the kind ('I' includes long); there is always an assignable double. */
  private String pick(char kind, boolean assignable) {
    List<String> names = new ArrayList<>();
    for (VarInfo v : env) {
      if ((v.kind() == kind || (kind == 'I' && v.kind() == 'L')) && (!assignable || v.assignable())) {
        names.add(v.name());
      }
    }
    // prefer recent locals, so that values flow through the DAG
    int i = names.size() - 1 - Math.min(names.size() - 1, (int) Math.abs(r.nextGaussian() * 2.5));
    return names.get(r.nextBoolean() ? i : r.nextInt(names.size()));
  }

  // ---- records --------------------------------------------------------------------------------

  /** How many record types a generator declares (per batch): the first ones have only doubles. */
  private static final int RECORD_TYPES = 6;

  private static final String[] COMPONENT_NAMES = {"x", "y", "z", "m", "k", "s", "h", "v", "r", "len"};

  /**
   * The names of record parameters, which no other variable takes: the processor does not yet keep an
   * inlined callee's variables from taking a record parameter's name ({@code double q} declared twice
   * where {@code f(Rec q)} calls {@code g(Rec p) { double q = p.x(); … }}).
   */
  private static final String[] RECORD_PARAM_NAMES = {"pt", "pa", "pb", "body", "cfg", "part", "sp", "model"};

  /** The share, in percent, of record programs that return a record (see {@link Program#returns}). */
  static final int RETURN_PERCENT = 25;
  /** The share, in percent, of record programs that are instance methods of a record type. */
  static final int INSTANCE_PERCENT = 25;
  /** Whether the arguments of a {@link #callOnThis} are being generated. */
  private boolean onThisArguments;
  /** The names no parameter or local of the program being generated takes: its receiver's components. */
  private final java.util.Set<String> reserved = new java.util.HashSet<>();

  private final List<RType> recordTypes = new ArrayList<>();
  /** The record programs: only record programs call them. */
  private final List<Program> recordCallable = new ArrayList<>();
  /** The type of each visible record variable (env kinds R, M) and array of records (Q). */
  private final Map<String, RType> recordOf = new HashMap<>();

  /** The record types of this generator's programs (declared once per batch). */
  List<RType> recordTypes() {
    if (recordTypes.isEmpty()) {
      for (int i = 0; i < RECORD_TYPES; i++) {
        recordTypes.add(recordType("Rec" + i, i < 3 || r.nextInt(4) == 0));
      }
    }
    return recordTypes;
  }

  /**
   * A record type of 1 to 4 components: doubles, and earlier types (nested at most 3 deep); unless
   * {@code doublesOnly}, ints, booleans and double[]s too. At least one component is a double or a record.
   */
  private RType recordType(String name, boolean doublesOnly) {
    List<String> pool = new ArrayList<>(List.of(COMPONENT_NAMES));
    List<RType> nestable = new ArrayList<>();
    for (RType t : recordTypes) {
      if (t.depth() < 3 && (!doublesOnly || t.allDoubles())) {
        nestable.add(t);
      }
    }
    List<RComp> components = new ArrayList<>();
    boolean hasLeaf = false;
    for (int n = 1 + r.nextInt(4); n > 0; n--) {
      String c = pool.remove(r.nextInt(pool.size()));
      int roll = r.nextInt(100);
      if (roll < 30 && !nestable.isEmpty()) {
        components.add(new RComp(c, 'R', nestable.get(r.nextInt(nestable.size()))));
      } else if (!doublesOnly && roll < 45) {
        components.add(new RComp(c, 'I', null));
      } else if (!doublesOnly && roll < 55) {
        components.add(new RComp(c, 'Z', null));
      } else if (!doublesOnly && roll < 70) {
        components.add(new RComp(c, 'A', null));
      } else {
        components.add(new RComp(c, 'D', null));
      }
      hasLeaf |= components.get(components.size() - 1).kind() == 'D' || components.get(components.size() - 1).kind() == 'R';
    }
    if (!hasLeaf) {
      components.set(0, new RComp(components.get(0).name(), 'D', null));
    }
    return new RType(name, components);
  }

  private static boolean enabled(RecordConstruct c) {
    return c.supported;
  }

  /**
   * Adds a record program's record parameters at random places: one or two records, at times an array of
   * records whose leaves are doubles, at times a {@code @NoDerivative} record.
   */
  private void recordParameters(List<String> params, StringBuilder kinds, List<RType> types) {
    List<RType> all = recordTypes();
    List<RType> ofDoubles = all.stream().filter(RType::allDoubles).toList();
    int n = 1 + (r.nextInt(3) == 0 ? 1 : 0);
    for (int i = 0; i < n + 1; i++) {
      char kind;
      if (i == n) {
        // a further array of records or @NoDerivative record, at times
        int roll = r.nextInt(100);
        kind = roll < 35 && enabled(RecordConstruct.ARRAY_PARAMETER) ? 'Q' : roll < 50 && enabled(RecordConstruct.NO_DERIVATIVE) ? 'O' : 0;
        if (kind == 0) {
          break;
        }
      } else {
        kind = 'R';
      }
      RType t = kind == 'Q' ? ofDoubles.get(r.nextInt(ofDoubles.size())) : all.get(r.nextInt(all.size()));
      int at = r.nextInt(params.size() + 1);
      String name;
      do {
        name = RECORD_PARAM_NAMES[r.nextInt(RECORD_PARAM_NAMES.length)];
      } while (params.contains(name));
      params.add(at, name);
      kinds.insert(at, kind);
      types.add(at, t);
    }
  }

  /** The record types the program being generated knows: those of its parameters, nested ones too. */
  private List<RType> knownTypes() {
    return Ast.recordTypes(List.of(program));
  }

  /** The visible record variables ({@code kinds} among R, M, Q). */
  private List<String> recordVars(String kinds) {
    List<String> out = new ArrayList<>();
    for (VarInfo v : env) {
      if (kinds.indexOf(v.kind()) >= 0) {
        out.add(v.name());
      }
    }
    return out;
  }

  /** Whether a leaf of {@code kind} (D, I, Z, A) is in t, nested records included. */
  private static boolean reaches(RType t, char kind) {
    return t.components.stream().anyMatch(c -> c.kind() == kind || c.kind() == 'R' && reaches(c.type(), kind));
  }

  /** A random accessor chain from t down to a leaf of {@code kind}: {@code .q().x()}. */
  private String pathTo(RType t, char kind) {
    List<RComp> options = t.components.stream()
        .filter(c -> c.kind() == kind || c.kind() == 'R' && reaches(c.type(), kind)).toList();
    RComp c = options.get(r.nextInt(options.size()));
    String step = "." + c.name() + "()";
    return c.kind() == 'R' ? step + pathTo(c.type(), kind) : step;
  }

  /**
   * A component of {@code kind} (I, Z, A) of a visible record, as its accessor chain {@code p.q().k()};
   * with {@code data}, of a {@code @NoDerivative} record only. Null when there is none.
   */
  private String recordPath(char kind, boolean data) {
    List<String> options = new ArrayList<>();
    for (String v : recordVars(data ? "O" : "RO")) {
      if (reaches(recordOf.get(v), kind)) {
        options.add(v);
      }
    }
    if (options.isEmpty()) {
      return null;
    }
    String v = options.get(r.nextInt(options.size()));
    return v + pathTo(recordOf.get(v), kind);
  }

  /**
   * A double read from a record: {@code p.x()}, {@code p.q().x()}, {@code ps[i].x()}, or an entry of a
   * double[] component, {@code p.a()[i]}; null when no record is visible.
   */
  private D recordRead() {
    List<String> vars = recordVars("ROQ");
    if (vars.isEmpty()) {
      return null;
    }
    int i = vars.size() - 1 - Math.min(vars.size() - 1, (int) Math.abs(r.nextGaussian() * 1.5));
    String base = vars.get(r.nextBoolean() ? i : r.nextInt(vars.size()));
    RType t = recordOf.get(base);
    if (kindOf(base) == 'Q') {
      return new RRead(base, index(base), pathTo(t, 'D'));
    }
    if (reaches(t, 'A') && r.nextInt(4) == 0) {
      String array = base + pathTo(t, 'A');
      return new ARead(array, index(array));
    }
    return new RRead(base, null, pathTo(t, 'D'));
  }

  /** An int read from a record: a length ({@code ps.length}, {@code p.a().length}) or an int component. */
  private I recordInt(boolean length) {
    if (length) {
      if (has('Q', false) && r.nextBoolean()) {
        return new ILen(pick('Q', false));
      }
      String array = recordPath('A', false);
      return array == null ? null : new ILen(array);
    }
    String component = recordPath('I', false);
    return component == null ? null : new IVar(component, false);
  }

  /** An array of records of element type t, visible; there is one (see {@link #canPass}). */
  private String pickRecordArray(RType t) {
    List<String> options = recordVars("Q").stream().filter(v -> recordOf.get(v) == t).toList();
    return options.get(r.nextInt(options.size()));
  }

  /**
   * The records of type t that can be named here: visible records of t, their nested components of t
   * ({@code p.q()}), and (as {@code ps[?]}, the index still to draw) elements of arrays of t; with {@code
   * data}, only what a {@code @NoDerivative} record holds.
   */
  private List<RE> recordsOf(RType t, boolean data) {
    List<RE> out = new ArrayList<>();
    for (String v : recordVars(data ? "O" : "ROQ")) {
      RType vt = recordOf.get(v);
      if (kindOf(v) == 'Q') {
        if (vt == t) {
          out.add(new RAt(v, null));
        }
      } else {
        chains(v, vt, t, out);
      }
    }
    return out;
  }

  private static void chains(String text, RType in, RType t, List<RE> out) {
    if (in == t) {
      out.add(new RName(text));
    }
    for (RComp c : in.components) {
      if (c.kind() == 'R') {
        chains(text + "." + c.name() + "()", c.type(), t, out);
      }
    }
  }

  /** Whether {@code new t(…)} can be written: its double[] components need an array the method names. */
  private boolean newable(RType t, boolean data) {
    return enabled(RecordConstruct.NEW) && (!t.hasArrays() || !data && arrayForRecord() != null);
  }

  /** An array a new record may hold: a double[] parameter, or a double[] component of a record; or null. */
  private String arrayForRecord() {
    List<String> options = new ArrayList<>();
    for (VarInfo v : env) {
      if (v.kind() == 'A' && program.params.contains(v.name())) {
        options.add(v.name());
      }
    }
    String component = recordPath('A', false);
    if (component != null) {
      options.add(component);
    }
    return options.isEmpty() ? null : options.get(r.nextInt(options.size()));
  }

  /** Whether {@link #recordExpr} can make a record of t. */
  private boolean canMake(RType t, boolean data) {
    return !recordsOf(t, data).isEmpty() || newable(t, data);
  }

  /**
   * A record of type t: one that is visible (or nested in one, or an element), a {@code new t(…)} of
   * computed components, at times a {@code ?:} of two; with {@code data}, one that does not depend on the
   * inputs (for a {@code @NoDerivative} parameter: a literal's, or a {@code @NoDerivative} record's).
   */
  private RE recordExpr(RType t, int depth, boolean data) {
    List<RE> named = recordsOf(t, data);
    if (!data && depth > 0 && r.nextInt(8) == 0 && !t.hasArrays() && enabled(RecordConstruct.CONDITIONAL_LOCAL)) {
      return new RCond(cond(1), recordExpr(t, depth - 1, false), recordExpr(t, depth - 1, false));
    }
    if (named.isEmpty() || (newable(t, data) && depth > 0 && r.nextInt(3) == 0)) {
      return newRecord(t, depth, data);
    }
    RE e = named.get(r.nextInt(named.size()));
    return e instanceof RAt a ? new RAt(a.array(), index(a.array())) : e;
  }

  /** {@code new t(…)}: each component computed (ints, conditions, records of their own). */
  private RNew newRecord(RType t, int depth, boolean data) {
    List<Object> args = new ArrayList<>();
    for (RComp c : t.components) {
      args.add(
          switch (c.kind()) {
            case 'D' -> data ? lit() : expr(Math.max(depth, 0));
            case 'I' -> intOnly(1);
            case 'Z' -> cond(0);
            case 'A' -> new ARef(arrayForRecord());
            default -> recordExpr(c.type(), Math.max(depth - 1, 0), data);
          });
    }
    return new RNew(t, args);
  }

  /**
   * What a program returning a record of t returns, {@code value} part of it: mostly {@code new t(…)}
   * with {@code value} in one of its doubles (nested records too) and the others computed; at times a
   * record that is there (a parameter, a local, an element, a nested record, a {@code ?:} of two).
   */
  private RE returnedRecord(RType t, D value) {
    if (r.nextInt(5) == 0) {
      return recordExpr(t, 1, false);
    }
    return newWith(t, value);
  }

  private RNew newWith(RType t, D value) {
    int at = r.nextInt(t.components.size());
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < t.components.size(); i++) {
      RComp c = t.components.get(i);
      if (i == at) {
        args.add(c.kind() == 'D' ? value : newWith(c.type(), value));
      } else {
        args.add(c.kind() == 'D' ? expr(2) : recordExpr(c.type(), 1, false));
      }
    }
    return new RNew(t, args);
  }

  /**
   * The receiver of a call to an instance method of t: a record there ({@code p}, {@code p.q()}, {@code
   * ps[i]}, {@code this}), at times a {@code new t(…)}.
   */
  private RE receiverExpr(RType t) {
    List<RE> named = recordsOf(t, false);
    if (named.isEmpty() || (newable(t, false) && r.nextInt(6) == 0)) {
      return newRecord(t, 1, false);
    }
    // elements of arrays of records and the receiver (this, this.q()) often, which would be rare
    List<RE> preferred = named.stream()
        .filter(e -> e instanceof RAt || e instanceof RName n && isReceiver(n.text())).toList();
    RE e = !preferred.isEmpty() && r.nextBoolean() ? preferred.get(r.nextInt(preferred.size())) : named.get(r.nextInt(named.size()));
    return e instanceof RAt a ? new RAt(a.array(), index(a.array())) : e;
  }

  /** Whether instance method p can be called on this program's receiver, or a record nested in it. */
  private boolean onThis(Program p) {
    return p.receiver != null && !receivers(p.receiver).isEmpty();
  }

  /** The receiver of the program being generated and the records nested in it of type t: {@code this}, {@code this.q()}. */
  private List<RE> receivers(RType t) {
    return recordsOf(t, false).stream().filter(e -> e instanceof RName n && isReceiver(n.text())).toList();
  }

  private static boolean isReceiver(String text) {
    return text.equals(Program.RECEIVER) || text.startsWith(Program.RECEIVER + ".");
  }

  /**
   * In an instance method, a call to an instance method on its receiver or a record nested in it
   * ({@code this.m(…)}, {@code m(…)}, {@code this.q().m(…)}); null when none can be called here.
   */
  private D callOnThis() {
    if (noCalls || onThisArguments) {
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
    List<RE> on = receivers(callee.receiver);
    args.set(0, on.get(r.nextInt(on.size())));
    calls += cost.get(callee) * iterations;
    return new Invoke(callee, args, false);
  }

  /** Whether a program may call p here (see {@link #invoke}). */
  private boolean callableHere(Program p) {
    return cost.get(p) <= 12 && (p.kinds.indexOf('A') < 0 || hasWhole()) && (!secondOrder || p.inlinable)
        && (p.kinds.indexOf('M') < 0 || has('M', false))
        && ((!secondOrder && !p.takesRecords()) || loops == 0 || !p.createsArrays) // record calls are inlined too
        // a call passing records is inlined, but not yet where it is evaluated only at times inside a
        // condition (under && or ||, in an arm of ?: or a switch): there its generated code does not compile
        && !(p.takesRecords() && (conditional > 0 || conditions > 0 || selectors > 0 || p.inlinedSize > INLINED_SIZE))
        && (!secondOrder || p.inlinedSize <= INLINED_SIZE); // inlined into a loop: no arrays (E265)
  }

  /**
   * A call to a program returning a record of t (or, with t null, of any type) that can be called here;
   * null when there is none.
   */
  private Ast.RCall recordCall(RType t) {
    if (noCalls || !enabled(RecordConstruct.RETURN)) {
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
    calls += cost.get(callee) * iterations;
    return new Ast.RCall(new Invoke(callee, args, !callee.owner.equals(program.owner) || r.nextInt(4) == 0));
  }

  /** The programs a record program may call: the others, and record programs it can pass records to. */
  private List<Program> recordCallees() {
    List<Program> out = new ArrayList<>(callable);
    if (enabled(RecordConstruct.ARGUMENT)) {
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
            case 'R' -> canMake(t, false);
            case 'O' -> canMake(t, true);
            case 'Q' -> recordVars("Q").stream().anyMatch(v -> recordOf.get(v) == t);
            default -> true;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * A record statement: a record local ({@code Rec0 q = p;}, {@code var q = c ? a : b;}, {@code Rec0 q =
   * new Rec0(…);}) or a record local assigned again ({@code q = new Rec0(…);}); null when none fits.
   */
  private S recordStatement() {
    int roll = r.nextInt(10);
    if (roll < 3 && has('R', true) && enabled(RecordConstruct.REASSIGN)) {
      String target = pick('R', true);
      RType t = recordOf.get(target);
      Ast.RCall call = r.nextInt(4) == 0 ? recordCall(t) : null;
      if (call != null) {
        return new AssignR(target, call);
      }
      return new AssignR(target, r.nextInt(3) > 0 && newable(t, false) ? newRecord(t, 2, false) : recordExpr(t, 1, false));
    }
    if (roll >= 7) {
      // the result of a program returning a record, kept in a local
      String name = fresh();
      pending = name;
      Ast.RCall call = recordCall(null);
      pending = null;
      if (call != null) {
        RType t = call.call().callee().returns;
        env.add(new VarInfo(name, 'R', true));
        recordOf.put(name, t);
        return new DeclR(name, t, r.nextInt(3) == 0, call);
      }
    }
    List<RType> known = knownTypes();
    RType t = known.get(r.nextInt(known.size()));
    if (!canMake(t, false)) {
      return null;
    }
    String name = fresh();
    pending = name; // in scope in its initializer: a K0 there must be qualified
    RE init;
    if (roll < 6 && enabled(RecordConstruct.ALIAS_LOCAL) && !recordsOf(t, false).isEmpty()) {
      init = recordExpr(t, 0, false);
    } else if (roll < 8 && !t.hasArrays() && enabled(RecordConstruct.CONDITIONAL_LOCAL)) {
      // (of records holding arrays, E285)
      init = new RCond(cond(1), recordExpr(t, 1, false), recordExpr(t, 1, false));
    } else if (newable(t, false)) {
      init = newRecord(t, 2, false);
    } else {
      init = recordExpr(t, 1, false);
    }
    pending = null;
    // a record holding arrays is not assigned again (E285)
    env.add(new VarInfo(name, 'R', !t.hasArrays()));
    recordOf.put(name, t);
    return new DeclR(name, t, r.nextInt(3) == 0, init);
  }

  // ---- double expressions ---------------------------------------------------------------------

  D expr(int depth) {
    if (depth <= 0 || r.nextInt(10) < 3) {
      return leaf();
    }
    int d = depth - 1;
    if (!secondOrder && r.nextInt(100) < 4) {
      // the programs that may call rules call them more, so that rule calls still meet every context
      D custom = custom(d);
      if (custom != null) {
        return custom;
      }
    }
    int roll = r.nextInt(100);
    if (roll < 27) {
      return new Bin("+-*".charAt(r.nextInt(3)), expr(d), expr(d));
    }
    if (roll < 30) {
      return switchExpr(d);
    }
    if (roll < 36) {
      return new Bin('/', expr(d), r.nextInt(3) == 0 ? lit() : positiveAwayFromZero(d));
    }
    if (roll < 40) {
      return r.nextInt(6) == 0 ? new Pos(expr(d)) : new Neg(expr(d));
    }
    if (roll < 72) {
      return unaryMath(d);
    }
    if (roll < 84) {
      return binaryMath(d);
    }
    if (roll < 89) {
      return new Cond(cond(d), expr(d), expr(d));
    }
    if (roll < 93 && (r.nextInt(3) > 0 || !secondOrder)) {
      D custom = custom(d);
      if (custom != null) {
        return custom;
      }
    }
    if (roll < 96) {
      D call = invoke(d);
      if (call != null) {
        return call;
      }
      return expr(depth);
    }
    if (roll < 98 && hasInts()) {
      return new FromInt(intExpr(1), r.nextBoolean());
    }
    if (r.nextInt(3) == 0) {
      return new Cast("double", expr(d));
    }
    return new Cast(r.nextInt(3) == 0 ? "long" : "int", new Bin('*', expr(d), lit()));
  }

  /** Whether a reference to field {@code name} must be qualified: a variable of that name hides it. */
  private boolean qualify(String name) {
    return visible(name) || name.equals(pending) || r.nextInt(6) == 0;
  }

  private D leaf() {
    if (program.receiver != null && r.nextInt(8) == 0) {
      D call = callOnThis(); // else rare: the callee must be an earlier instance method of the type
      if (call != null) {
        return call;
      }
    }
    if (records && r.nextInt(3) == 0) {
      D read = recordRead();
      if (read != null) {
        return read;
      }
    }
    if (has('M', false) && r.nextInt(4) == 0) {
      String row = row(pick('M', false));
      return new ARead(row, index(row));
    }
    if (has('A', false) && r.nextInt(4) == 0) {
      String array = pick('A', false);
      return new ARead(array, index(array));
    }
    int roll = r.nextInt(100);
    if (roll < 75) {
      return new Var(pick('D', false));
    }
    if (roll < 88) {
      return lit();
    }
    if (roll < 94) {
      return switch (r.nextInt(4)) {
        case 0 -> new Const("Math", "PI", Math.PI, true);
        case 1 -> new Const("Math", "E", Math.E, true);
        case 2 -> {
          Klass k = r.nextInt(4) == 0 ? klasses.get(r.nextInt(klasses.size())) : klass; // maybe another class's
          yield new Const(k.name(), "C0", k.c0(), k != klass || qualify("C0"));
        }
        default -> new Const(klass.name(), "C1", klass.c1(), qualify("C1"));
      };
    }
    if (hasInts()) {
      return new FromInt(intExpr(1), r.nextInt(3) == 0);
    }
    return new Var(pick('D', false));
  }

  private Lit lit() {
    return lit(LITERALS[r.nextInt(LITERALS.length)]);
  }

  /** {@code v} (not negative), spelled one of the ways Java allows; a negative v is written with a minus. */
  private Lit lit(double v) {
    String text = spell(Math.abs(v));
    return new Lit(v, v < 0 ? "-" + text : text);
  }

  private String spell(double v) {
    int roll = r.nextInt(20);
    if (v == Math.rint(v) && v < 100 && roll < 5) {
      return (int) v + (roll == 0 ? "L" : ""); // an int or long literal in a double context
    }
    if (roll == 5) {
      return v + "d";
    }
    if (roll == 6) {
      return v + "D";
    }
    if (roll == 7) {
      return Double.toHexString(v); // 0x1.8p1
    }
    if (roll == 8 && v * 10 == Math.rint(v * 10)) {
      String t = Double.toString(v * 10);
      return t.substring(0, t.length() - 2).replace(".", "") + "e-1"; // 25e-1
    }
    if (roll == 9) {
      String t = Double.toString(v);
      return t.startsWith("0.") ? t.substring(1) : t.endsWith(".0") ? t.substring(0, t.length() - 1) : t; // .5, 2.
    }
    if (roll == 10 && v == 10) {
      return "1_0.0";
    }
    return Double.toString(v);
  }

  private Call math(String fn, D... args) {
    return new Call(fn, List.of(args), r.nextInt(8) == 0);
  }

  /** A small operand, for expressions that use it twice. */
  private D small(int depth) {
    return expr(Math.min(depth, 1));
  }

  /** An expression in [-1.6, 1.6]. */
  D bounded(int depth) {
    D e = expr(depth);
    return switch (r.nextInt(5)) {
      case 0 -> math("tanh", e);
      case 1 -> math("sin", e);
      case 2 -> math("cos", e);
      case 3 -> math("atan", e);
      default -> {
        D s = small(depth);
        yield new Bin('/', s, new Bin('+', lit(1.0), new Bin('*', s, s)));
      }
    };
  }

  /**
   * An expression in [-0.99, 0.99]. (Not tanh alone: tanh of 15 is within 2e-13 of 1, where asin's slope
   * is so steep and tanh's output so coarse that finite differences see a flat function.)
   */
  private D unit(int depth) {
    D e = expr(depth);
    return switch (r.nextInt(5)) {
      case 0 -> new Bin('*', lit(0.95), math("tanh", e));
      case 1 -> new Bin('*', lit(0.9), math("sin", e));
      case 2 -> new Bin('*', math("tanh", e), lit(0.5));
      case 3 -> new Bin('*', math("cos", e), lit(0.99));
      default -> {
        D s = small(depth);
        yield new Bin('/', s, new Bin('+', lit(1.0), new Bin('*', s, s)));
      }
    };
  }

  /** An expression greater than about 0.1. */
  private D positiveAwayFromZero(int depth) {
    switch (r.nextInt(7)) {
      case 0: {
        D s = small(depth);
        return new Bin('+', lit(1.0), new Bin('*', s, s));
      }
      case 1: {
        D s = small(depth);
        return new Bin('+', new Bin('*', s, s), lit(LITERALS[r.nextInt(6)]));
      }
      case 2:
        return math("exp", bounded(depth));
      case 3:
        return math("cosh", bounded(depth));
      case 4:
        return new Bin('+', math("hypot", expr(depth), expr(depth)), lit(0.5));
      case 5:
        return new Bin('+', lit(2.0), math("sin", expr(depth)));
      default:
        return new Bin('+', math("abs", expr(depth)), lit(0.25));
    }
  }

  private D unaryMath(int d) {
    switch (r.nextInt(30)) {
      case 27:
        return math(r.nextBoolean() ? "nextUp" : "nextDown", expr(d));
      case 28:
        return r.nextBoolean() ? new Bin('*', math("ulp", expr(d)), new Lit(1e12, "1e12")) : math("getExponent", expr(d));
      case 29: {
        int n = r.nextInt(-3, 4); // scalb's exponent is an int
        return math("scalb", expr(d), new Lit(n, Integer.toString(n)));
      }
      case 0:
      case 1:
        return math("sin", expr(d));
      case 2:
      case 3:
        return math("cos", expr(d));
      case 4:
        return math("tan", bounded(d));
      case 5:
        return math(r.nextBoolean() ? "asin" : "acos", unit(d));
      case 6:
        return math("atan", expr(d));
      case 7:
        return math(r.nextBoolean() ? "sinh" : "cosh", bounded(d));
      case 8:
      case 9:
        return math("tanh", expr(d));
      case 10:
        return math(r.nextBoolean() ? "exp" : "expm1", bounded(d));
      case 11: {
        D s = small(d);
        return math("exp", new Neg(new Bin('*', s, s)));
      }
      case 12:
      case 13:
        return math("log", positiveAwayFromZero(d));
      case 14:
        return math("log10", positiveAwayFromZero(d));
      case 15:
        return math("log1p", r.nextBoolean() ? positiveAwayFromZero(d) : unit(d));
      case 16:
      case 17:
        return math("sqrt", positiveAwayFromZero(d));
      case 18:
        return math("cbrt", expr(d));
      case 19:
        return math(r.nextBoolean() ? "toRadians" : "toDegrees", expr(d));
      case 20:
      case 21:
        return math("abs", expr(d));
      case 22:
        return math("signum", expr(d));
      case 23:
        return math(new String[] {"floor", "ceil", "rint", "round"}[r.nextInt(4)], expr(d));
      case 24:
        return math("tanh", bounded(d));
      default:
        return math("sin", bounded(d));
    }
  }

  private static final double[] EXPONENTS = {0.5, 1.5, 2.0, 3.0, -1.0, -0.5, 1.0, 2.5, 0.0};

  private D binaryMath(int d) {
    switch (r.nextInt(13)) {
      case 9:
        return math("fma", expr(d), expr(d), expr(d));
      case 10:
        return math("copySign", expr(d), expr(d));
      case 11:
        return math("nextAfter", expr(d), expr(d));
      case 12:
        return math("IEEEremainder", bounded(d), positiveAwayFromZero(d)); // few jumps near the points
      case 0:
        return math("pow", positiveAwayFromZero(d), lit(EXPONENTS[r.nextInt(EXPONENTS.length)]));
      case 1:
        return math("pow", expr(d), lit(new double[] {1.0, 2.0, 3.0}[r.nextInt(3)]));
      case 2:
        return math("pow", positiveAwayFromZero(d), bounded(d));
      case 3:
        return math("pow", lit(new double[] {2.0, 0.5, 3.0}[r.nextInt(3)]), bounded(d));
      case 4:
        return math("hypot", expr(d), expr(d));
      case 5:
        return math("atan2", expr(d), expr(d));
      case 6:
        return math("min", expr(d), expr(d));
      case 7:
        return math("max", expr(d), expr(d));
      default:
        return math(r.nextBoolean() ? "min" : "max", expr(d), lit());
    }
  }

  /** A call to a helper with a custom derivative, of this class or another; null when there is none. */
  private D custom(int d) {
    List<Klass> with = new ArrayList<>();
    for (Klass k : klasses) {
      if (k.customs()) {
        with.add(k);
      }
    }
    if (with.isEmpty()) {
      return null;
    }
    Klass k = klass.customs() && r.nextInt(4) > 0 ? klass : with.get(r.nextInt(with.size()));
    String fn = CUSTOMS[r.nextInt(CUSTOMS.length)];
    List<D> args = new ArrayList<>();
    for (int i = 0; i < arity(fn); i++) {
      args.add(expr(d));
    }
    return new Custom(k.name(), fn, args, k != klass || r.nextInt(5) == 0);
  }

  /** A call to an earlier, cheap program; null when there is none. */
  private D invoke(int d) {
    if (noCalls || (secondOrder && conditional > 0)) {
      return null; // not in a loop condition (E209), nor where second order cannot inline it (E263)
    }
    List<Program> candidates = new ArrayList<>();
    for (Program p : records ? recordCallees() : callable) {
      if (p.returns == null && callableHere(p)) { // (a record's result is kept in a local: recordCall)
        candidates.add(p);
      }
    }
    if (records && r.nextInt(3) == 0 && candidates.stream().anyMatch(p -> p.receiver != null)) {
      // instance methods of records, which the many other programs would leave rare; in an instance
      // method, mostly those it can call on its receiver (this.m(…), m(…), this.q().m(…))
      candidates.removeIf(p -> p.receiver == null);
      if (program.receiver != null && r.nextBoolean() && candidates.stream().anyMatch(this::onThis)) {
        candidates.removeIf(p -> !onThis(p));
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    // prefer the same class and recent programs
    Program callee = candidates.get(candidates.size() - 1 - r.nextInt(Math.min(candidates.size(), 40)));
    List<Object> args = arguments(callee, d);
    calls += cost.get(callee) * iterations;
    boolean qualified = !callee.owner.equals(program.owner) || r.nextInt(4) == 0;
    return new Invoke(callee, args, qualified);
  }

  private List<Object> arguments(Program callee, int d) {
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < callee.params.size(); i++) {
      args.add(
          switch (callee.kind(i)) {
            case 'I' -> intOnly(1);
            case 'L' -> intExpr(1);
            case 'Z' -> cond(0);
            // data only: the processor drops the derivative of what a @NoDerivative parameter receives
            case 'N' -> hasInts() && r.nextBoolean() ? new FromInt(intExpr(1), true) : lit();
            case 'A' -> new ARef(pickWhole()); // a parameter or a local: the callee only reads it
            case 'M' -> new ARef(pick('M', false)); // the caller's own
            // the caller's own, or a constant
            case 'E' -> new EVar(has('E', false) && r.nextBoolean() ? ENUM_PARAM : Ast.ENUM + ".S" + r.nextInt(Ast.ENUM_CONSTANTS));
            case 'R' -> i == 0 && callee.receiver != null
                ? receiverExpr(callee.receiver) // the record it is called on
                : recordExpr(callee.records.get(i), Math.min(d, 1), false);
            case 'O' -> recordExpr(callee.records.get(i), Math.min(d, 1), true); // data: a record of constants, or data
            case 'Q' -> new ARef(pickRecordArray(callee.records.get(i)));
            default -> expr(Math.min(d, 1));
          });
    }
    return args;
  }

  // ---- int expressions ------------------------------------------------------------------------

  private boolean hasInts() {
    return has('I', false);
  }

  I intExpr(int depth) {
    if (depth > 0 && r.nextInt(12) == 0) {
      return new ICond(cond(0), intExpr(0), intExpr(0));
    }
    if (depth > 0 && r.nextInt(3) == 0) {
      char op = "+-*%".charAt(r.nextInt(4));
      if (op == '%') {
        return new IBin('%', intExpr(0), new ILit(2 + r.nextInt(2), false));
      }
      return new IBin(op, intExpr(0), intExpr(0));
    }
    int roll = r.nextInt(10);
    if (records && roll < 2 && r.nextBoolean()) {
      I component = recordInt(roll == 0);
      if (component != null) {
        return component;
      }
    }
    if (roll == 0 && has('A', false)) {
      return new ILen(pick('A', false));
    }
    if (roll == 1 && r.nextInt(3) == 0) {
      return new IOfD(expr(depth), 2 + r.nextInt(4));
    }
    if (roll < 6 && hasInts()) {
      String name = pick('I', false);
      return new IVar(name, kindOf(name) == 'L');
    }
    if (roll < 8) {
      return new IConst(klass.name(), "K0", klass.k0(), qualify("K0"));
    }
    return new ILit(r.nextInt(5), r.nextInt(6) == 0);
  }

  /** An int (not long) expression. */
  private I intOnly(int depth) {
    for (int i = 0; i < 10; i++) {
      I e = intExpr(depth);
      if (!Ast.isLong(e)) {
        return e;
      }
    }
    return new ILit(1, false);
  }

  // ---- conditions -----------------------------------------------------------------------------

  /** The right operand of {@code &&} or {@code ||}: evaluated only under a condition. */
  private B right(int depth) {
    conditional++;
    B b = cond(depth);
    conditional--;
    return b;
  }

  B cond(int depth) {
    conditions++;
    try {
      return condition(depth);
    } finally {
      conditions--;
    }
  }

  private B condition(int depth) {
    int roll = r.nextInt(100);
    if (roll < 55 || depth <= 0) {
      String op = new String[] {"<", "<=", ">", ">=", "<", ">", "==", "!="}[r.nextInt(8)];
      D right = r.nextInt(3) == 0 ? (r.nextBoolean() ? lit() : lit(0.0)) : expr(Math.max(0, depth - 1));
      return new Cmp(op, expr(depth), right);
    }
    if (roll < 65 && hasInts()) {
      if (r.nextBoolean()) {
        return new ICmp("==", new IBin('%', intExpr(0), new ILit(2, false)), new ILit(0, false));
      }
      return new ICmp(new String[] {"<", "<=", ">", ">=", "!="}[r.nextInt(5)], intExpr(1), intExpr(0));
    }
    if (roll < 75) {
      return new And(cond(depth - 1), right(depth - 1));
    }
    if (roll < 85) {
      return new Or(cond(depth - 1), right(depth - 1));
    }
    if (roll < 92) {
      return new Not(cond(depth - 1));
    }
    if (roll < 96 && has('E', false)) {
      return new ECmp(ENUM_PARAM, r.nextBoolean(), r.nextInt(Ast.ENUM_CONSTANTS));
    }
    if (records && r.nextBoolean()) {
      String component = recordPath('Z', false);
      if (component != null) {
        return new BVar(component);
      }
    }
    if (has('B', false)) {
      return new BVar(pick('B', false));
    }
    return cond(depth - 1);
  }
}
