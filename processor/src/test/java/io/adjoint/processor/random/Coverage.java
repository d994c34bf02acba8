package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.ARead;
import io.adjoint.processor.random.Ast.And;
import io.adjoint.processor.random.Ast.AssignA;
import io.adjoint.processor.random.Ast.AssignD;
import io.adjoint.processor.random.Ast.B;
import io.adjoint.processor.random.Ast.Bin;
import io.adjoint.processor.random.Ast.Call;
import io.adjoint.processor.random.Ast.Cast;
import io.adjoint.processor.random.Ast.Cmp;
import io.adjoint.processor.random.Ast.Cond;
import io.adjoint.processor.random.Ast.Const;
import io.adjoint.processor.random.Ast.Custom;
import io.adjoint.processor.random.Ast.D;
import io.adjoint.processor.random.Ast.DeclA;
import io.adjoint.processor.random.Ast.DeclB;
import io.adjoint.processor.random.Ast.DeclD;
import io.adjoint.processor.random.Ast.DeclI;
import io.adjoint.processor.random.Ast.For;
import io.adjoint.processor.random.Ast.ForEach;
import io.adjoint.processor.random.Ast.FromInt;
import io.adjoint.processor.random.Ast.I;
import io.adjoint.processor.random.Ast.IBin;
import io.adjoint.processor.random.Ast.ICmp;
import io.adjoint.processor.random.Ast.ICond;
import io.adjoint.processor.random.Ast.IOfD;
import io.adjoint.processor.random.Ast.If;
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
import io.adjoint.processor.random.Ast.Var;
import io.adjoint.processor.random.Ast.While;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which double expression forms the random programs put in which expression contexts: a form is the
 * kind of a double expression ({@code ?:}, a call, a cast…), its context what directly holds it (an
 * array initializer's element, a call's argument, an index…). The random-program test asserts that every
 * form has appeared in every context where Java and the subset allow it, so that a construct the
 * lowering handles on its own path cannot go untested again (issue 16: a {@code ?:} inside an array
 * initializer, which the generator never wrote, lost its adjoint).
 */
final class Coverage {
  /** The end of the comment before the additions a loop makes once, to sums (reverse/SummedAdjoints). */
  static final String SUMMED = io.adjoint.processor.reverse.Generator.SUMMED;

  /** The kinds of double expressions. */
  enum Form {
    VARIABLE,
    LITERAL,
    CONSTANT,
    SIGN,
    ARITHMETIC,
    MATH_CALL,
    CONDITIONAL,
    INT_TO_DOUBLE,
    CAST,
    DIFFERENTIABLE_CALL,
    ARRAY_READ,
    RULE_CALL,
    SWITCH,
    RECORD_READ
  }

  /** Where a double expression stands. */
  enum Context {
    DECLARATION("double t = e;"),
    ASSIGNMENT("t = e;"),
    COMPOUND_ASSIGNMENT("t += e; t -= e; t *= e; t /= e;"),
    ARRAY_STORE("a[i] = e; a[i] += e; …"),
    ARRAY_INITIALIZER("new double[] {e, …} and {e, …}"),
    RETURN("return e;"),
    OPERAND("e + e, -e, (double) e"),
    MATH_ARGUMENT("Math.f(e)"),
    CALL_ARGUMENT("g(e) of a @Differentiable g"),
    RULE_ARGUMENT("h(e) of an h with @Derivative rules"),
    CONDITIONAL_ARM("c ? e : e, switch (k) { case 1 -> e; … }"),
    IF_CONDITION("if (e < e)"),
    LOOP_CONDITION("while (… && e < e)"),
    OTHER_CONDITION("c ? … : … and boolean b = e < e;"),
    INT_CONTEXT("(int) Math.abs(e) % n as an index, an array's size, a loop bound, an int"),
    RECORD_COMPONENT("new Rec0(e, …)");

    final String example;

    Context(String example) {
      this.example = example;
    }
  }

  /**
   * Shapes of whole programs that the vector-valued and second-order forms must meet: each must appear
   * in a default run (see {@link #missingShapes}).
   */
  enum Shape {
    VECTOR_STORE_IN_LOOP("out[i] = e; in a loop of a method returning double[]"),
    VECTOR_STORE_IN_BRANCH("out[i] = e; in an if of a method returning double[]"),
    VECTOR_RETURN_IN_BRANCH("return out; in an if"),
    VECTOR_RETURN_NEW("return new double[] {e, …};"),
    VECTOR_RETURN_NEW_IN_BRANCH("return new double[] {e, …}; in an if"),
    VECTOR_CALL_FROM_SCALAR("double[] r = vec(…); in a method returning double"),
    VECTOR_CALL_FROM_VECTOR("double[] r = vec(…); in a method returning double[]"),
    VECTOR_CALL_IN_BRANCH("double[] r = vec(…); in an if"),
    VECTOR_CALL_FROM_SECOND_ORDER("double[] r = vec(…); in an order-2 method"),
    VECTOR_CALL_IN_LOOP("double[] r = vec(…); in a loop (its arrays split into scalars)"),
    VECTOR_ARRAY_PARAMETER("a method returning double[] with a double[] parameter"),
    SECOND_ORDER_LOOP("a loop in an order-2 method"),
    SECOND_ORDER_BRANCH("an if in an order-2 method"),
    SECOND_ORDER_CALL("a call in an order-2 method (inlined)"),
    SECOND_ORDER_CALL_IN_LOOP("a call in a loop of an order-2 method (inlined)"),
    FIRST_ORDER_CALL_IN_LOOP("a call in a loop of a first-order method returning double (inlined where it can be)"),
    VECTOR_METHOD_CALL_IN_LOOP("a call in a loop of a method returning double[] (inlined where it can be)"),
    SECOND_ORDER_ARRAYS("a local array in an order-2 method"),
    SECOND_ORDER_ARRAY_PARAMETER("an order-2 method with a double[] parameter"),
    ENUM_SWITCH("a switch on an enum parameter"),
    ENUM_SWITCH_EXHAUSTIVE("a switch expression over every constant of an enum, without default"),
    ENUM_ORDINAL("a switch on sel.ordinal()"),
    ENUM_COMPARISON("sel == Sel.S2, sel != Sel.S0"),
    ENUM_ARGUMENT("an enum passed on to another program"),
    ARRAY_IN_LOOP("an array created inside a loop"),
    ARRAY_IN_LOOP_SECOND_ORDER("an array created inside a loop of an order-2 method"),
    MATRIX_PARAMETER("a double[][] parameter, its rows often of different lengths (Into and Pullback add into the flat array)"),
    MATRIX_PARAMETER_SECOND_ORDER("an order-2 method with a double[][] parameter"),
    MATRIX_ROWS_LOOP("a loop over a double[][] parameter's rows, reading m[i][j]"),
    MATRIX_ARGUMENT("a double[][] parameter passed on to another program"),
    NESTED_REDUCTION("an outer accumulating loop holding inner accumulations (dot products over arrays or rows)"),
    SCRATCH_ARRAY("an array made before the outer loop that each iteration fills, then reads"),
    FUSED_NESTED("a fused loop (\"in the same iteration\") holding an inner loop in a generated Into or Pullback"),
    NOT_FUSED_NEAR_MISS("a near miss of a nested reduction (Ast.NearMiss) that the processor did not fuse"),
    REFILLED_READ_ELSEWHERE("an array each iteration of an unfused loop fills whole with a cheap expression, read at other indices"),
    REFILLED_READ_FIRST_ORDER("a refilled array read elsewhere in a first-order method"),
    REFILLED_READ_SECOND_ORDER("a refilled array read elsewhere in an order-2 method"),
    UNSAFE_PREHEADER_READ("c[i + 1] read in for (j = i + 1; j < n; j++), past the end when the loop does not run"),
    REFILLED_READ_RECOMPUTED("a refilled entry read elsewhere that the generated Into or Pullback computes again (no pop)"),
    INT_ADVANCED_BY_INNER_LOOP("int l; for (i …) { for (j = i + a; j < n; j++) { … w[l % w.length] …; l += step; } }"),
    INT_ADVANCED_FIRST_ORDER("an int advanced by inner loops in a first-order method"),
    INT_ADVANCED_SECOND_ORDER("an int advanced by inner loops in an order-2 method"),
    INT_ADVANCED_RECOMPUTED("an advanced int the generated Into or Pullback computes again (l1 = l1 - step * trips)"),
    INT_ADVANCED_FROM_START("an advanced int computed again from its start, its reverse loop running first first"
        + " (l1Next = l1 + step * trips)"),
    STORED_FIRST("a generated Into loop storing an array parameter's partials first (partials[i1] = …), not adding"
        + " into zeros"),
    ZEROED_OUTSIDE_STORES("a generated Into form zeroing only the entries its loop does not store into"
        + " (Adjoints.zeroOutside)"),
    CARRIED_AHEAD("a generated Into loop carrying an array parameter's adjoint one entry ahead to the next"
        + " iteration, which stores it (xBarCarried: n-D Rosenbrock's a[i + 1] - a[i] * a[i])"),
    STORED_FIRST_BESIDE_NONLINEAR("a generated Into loop storing first while another parameter's part is added"
        + " into at an index not linear (partials[cAt + (i1 + 1) % c.length]), which rules out that part alone"),
    ROW_START_HOISTED("a matrix row's start in the flat array computed once before the loop over its entries"
        + " (int mRow = Adjoints.rowStart(…)), in a generated Into or Pullback"),
    SIBLINGS_FUSED("two adjacent reverse loops over the same positions run as one loop (GMM's triangle columns"
        + " and centered's fill), in a generated Into or Pullback"),
    ENTRY_IN_LOCAL("an adjoint array's entry that an iteration adds into, reads and resets kept in a local"
        + " (double centeredBarEntry = 0.0;)"),
    REFILLED_ADJOINT("an adjoint array a loop fills whole before a later loop reads it, stored and never reset"
        + " (qCenteredBar[id] = t5Bar;)"),
    TAPE_READ_FIRST_FIRST("a reverse loop running first first that reads each iteration's doubles where its forward"
        + " wrote them (int top = tape.doubleTop() - count; … doubles[top + (k - 1)]), in a generated Into or"
        + " Pullback"),
    SWEEP("a loop at the top level over double[] parameters of its own, read at i + k (Sweeps), stored first"
        + " by the generated Into form"),
    SUMMED_MAP("an outer loop's additions into a parameter's adjoint that are the same linear map of an adjoint"
        + " array in every iteration, made once after the loop to that array's sum (GMM's means: Q_k transposed"
        + " times the sum over the points), in a generated Into or Pullback"),
    SWEEP_NEAR_MISS("a near miss of a sweep (Ast.SweepMiss): a read outside the loop, in an if, a break, a step of"
        + " two, a downward counter…");

    final String example;

    Shape(String example) {
      this.example = example;
    }
  }

  private final Map<Shape, Integer> shapes = new EnumMap<>(Shape.class);
  private final Map<Ast.RecordConstruct, Integer> records = new EnumMap<>(Ast.RecordConstruct.class);
  /** Programs ending in a nested reduction, by near miss: how many, and how many of them were fused. */
  private final Map<Ast.NearMiss, Integer> nested = new EnumMap<>(Ast.NearMiss.class);
  private final Map<Ast.NearMiss, Integer> fused = new EnumMap<>(Ast.NearMiss.class);
  /** Of the programs ending in a nested reduction, the first-order ones returning double. */
  private int nestedScalarFirstOrder;
  /** The near misses the processor fused, which it must not: the program and how it misses. */
  private final List<String> fusedNearMisses = new ArrayList<>();
  /**
   * Programs holding each form of loop values ({@link Ast.Recomputed}), and of them those whose reverse
   * computes them again (a refilled entry read into a named local, for each form of the program's fill).
   */
  private final Map<Ast.Recomputed, Integer> recomputedForms = new EnumMap<>(Ast.Recomputed.class);
  private final Map<Ast.Recomputed, Integer> recomputedAgain = new EnumMap<>(Ast.Recomputed.class);
  /** Programs holding loop values: all, those with a refilled array, with an advanced int, with a near miss. */
  private final int[] loopValues = new int[4];
  /** The near misses whose values the reverse computed again where it must keep them: the program and how it misses. */
  private final List<String> recomputedNearMisses = new ArrayList<>();
  /**
   * Programs holding a sweep ({@link Sweeps}), by near miss: how many, how many of them the generated Into
   * form stores first ({@code partials[…] = } in a loop), in how many it zeroes only outside the stores, and
   * in how many it carries an entry ahead to the next iteration.
   */
  private final Map<Ast.SweepMiss, Integer> sweeps = new EnumMap<>(Ast.SweepMiss.class);
  private final Map<Ast.SweepMiss, Integer> sweepsStored = new EnumMap<>(Ast.SweepMiss.class);
  private final Map<Ast.SweepMiss, Integer> sweepsZeroedOutside = new EnumMap<>(Ast.SweepMiss.class);
  private final Map<Ast.SweepMiss, Integer> sweepsCarried = new EnumMap<>(Ast.SweepMiss.class);
  // while walking a program: its kind, and how many loops and ifs enclose the statement
  private Program walking;
  private int loopDepth;
  private int branchDepth;
  private final Map<Context, Set<Form>> seen = new EnumMap<>(Context.class);
  private final Map<Context, Integer> occurrences = new EnumMap<>(Context.class);

  Coverage() {
    for (Context c : Context.values()) {
      seen.put(c, EnumSet.noneOf(Form.class));
      occurrences.put(c, 0);
    }
  }

  /**
   * Whether the generator may write the pair: every pair but a {@code @Differentiable} call in a loop
   * condition (an error of the processor, E209).
   */
  static boolean possible(Context context, Form form) {
    return true;
  }

  synchronized void add(Program program) {
    walking = program;
    loopDepth = 0;
    branchDepth = 0;
    statements(program.body);
    if (program.vector && program.kinds.indexOf('A') >= 0) {
      shape(Shape.VECTOR_ARRAY_PARAMETER);
    }
    if (program.order == 2 && program.kinds.indexOf('A') >= 0) {
      shape(Shape.SECOND_ORDER_ARRAY_PARAMETER);
    }
    if (program.kinds.indexOf('M') >= 0) {
      shape(program.order == 2 ? Shape.MATRIX_PARAMETER_SECOND_ORDER : Shape.MATRIX_PARAMETER);
    }
    if (program.kinds.indexOf('R') >= 0) {
      record(Ast.RecordConstruct.PARAMETER);
    }
    if (program.kinds.indexOf('Q') >= 0) {
      record(Ast.RecordConstruct.ARRAY_PARAMETER);
    }
    if (program.kinds.indexOf('O') >= 0) {
      record(Ast.RecordConstruct.NO_DERIVATIVE);
    }
    if (program.returns != null) {
      record(Ast.RecordConstruct.RETURN);
    }
    if (program.receiver != null) {
      record(Ast.RecordConstruct.INSTANCE_METHOD);
    }
    if (program.nested) {
      shape(Shape.NESTED_REDUCTION);
      nested.merge(program.nearMiss, 1, Integer::sum);
      if (!program.vector && program.returns == null && program.order == 1) {
        nestedScalarFirstOrder++;
      }
    }
    if (program.scratch) {
      shape(Shape.SCRATCH_ARRAY);
    }
    if (program.sweep != null) {
      sweeps.merge(program.sweep, 1, Integer::sum);
      if (program.sweep != Ast.SweepMiss.NONE) {
        shape(Shape.SWEEP_NEAR_MISS);
      }
    }
    for (Ast.Recomputed r : program.recomputed) {
      recomputedForms.merge(r, 1, Integer::sum);
    }
    if (!program.recomputed.isEmpty()) {
      loopValues[0]++;
      loopValues[1] += program.refilled != null ? 1 : 0;
      loopValues[2] += program.advanced != null ? 1 : 0;
      loopValues[3] += program.recomputed.stream().anyMatch(r -> r.nearMiss) ? 1 : 0;
    }
    if (program.recomputed.stream().anyMatch(r -> r.ofFill() && !r.nearMiss && r != Ast.Recomputed.FILL_OF_MATRIX)) {
      shape(Shape.REFILLED_READ_ELSEWHERE);
      shape(program.order == 2 ? Shape.REFILLED_READ_SECOND_ORDER : Shape.REFILLED_READ_FIRST_ORDER);
    }
    if (program.recomputed.contains(Ast.Recomputed.UNSAFE_PREHEADER_READ)) {
      shape(Shape.UNSAFE_PREHEADER_READ);
    }
    if (program.recomputed.contains(Ast.Recomputed.ADVANCED)) {
      shape(Shape.INT_ADVANCED_BY_INNER_LOOP);
      shape(program.order == 2 ? Shape.INT_ADVANCED_SECOND_ORDER : Shape.INT_ADVANCED_FIRST_ORDER);
    }
  }

  /**
   * Notes what the processor made of {@code program}'s loops, from the source of its generated Into (or
   * Pullback) form: a fused loop holding an inner loop, and whether the outer loop of its nested
   * reduction was fused; and which of its loop values ({@link Ast.Recomputed}) the reverse sweep computes
   * again. {@code seed} is its batch's.
   */
  synchronized void reverse(Program program, String code, long seed) {
    if (code == null) {
      return;
    }
    if (fusesInnerLoop(code)) {
      shape(Shape.FUSED_NESTED);
    }
    boolean stored = STORE_IN_LOOP.matcher(code).find();
    boolean zeroedOutside = code.contains("Adjoints.zeroOutside(");
    if (stored) {
      shape(Shape.STORED_FIRST);
    }
    if (zeroedOutside) {
      shape(Shape.ZEROED_OUTSIDE_STORES);
    }
    if (stored && NONLINEAR_ENTRY.matcher(code).find()) {
      shape(Shape.STORED_FIRST_BESIDE_NONLINEAR);
    }
    if (HOISTED_ROW_START.matcher(code).find()) {
      shape(Shape.ROW_START_HOISTED);
    }
    if (code.contains(", fused with the loop above:")) {
      shape(Shape.SIBLINGS_FUSED);
    }
    if (code.contains(SUMMED)) {
      shape(Shape.SUMMED_MAP);
    }
    if (ENTRY_IN_LOCAL.matcher(code).find()) {
      shape(Shape.ENTRY_IN_LOCAL);
    }
    if (REFILLED.matcher(code).find()) {
      shape(Shape.REFILLED_ADJOINT);
    }
    if (code.contains(" = tape.doubleTop() - ")) {
      shape(Shape.TAPE_READ_FIRST_FIRST);
    }
    boolean carried = CARRIED.matcher(code).find();
    if (carried) {
      shape(Shape.CARRIED_AHEAD);
    }
    if (program.sweep != null && stored) {
      sweepsStored.merge(program.sweep, 1, Integer::sum);
      if (program.sweep == Ast.SweepMiss.NONE) {
        shape(Shape.SWEEP);
      }
      if (zeroedOutside) {
        sweepsZeroedOutside.merge(program.sweep, 1, Integer::sum);
      }
      if (carried) {
        sweepsCarried.merge(program.sweep, 1, Integer::sum);
      }
    }
    if (program.nested && code.contains(FUSED + "for (int " + program.outerLoop + " = 0; ")) {
      fused.merge(program.nearMiss, 1, Integer::sum);
      if (program.nearMiss != Ast.NearMiss.NONE) {
        fusedNearMisses.add(program + " (" + program.nearMiss + "):\n" + SourcePrinter.methodSource(program));
      }
    } else if (program.nested && program.nearMiss != Ast.NearMiss.NONE) {
      shape(Shape.NOT_FUSED_NEAR_MISS);
    }
    if (program.recomputed.isEmpty()) {
      return;
    }
    boolean advanced = program.advanced != null && advancedAgain(code, program.advanced);
    boolean refilled = program.refilledReads.stream().anyMatch(e -> readAgain(code, e, program.refilled));
    if (advanced && program.recomputed.contains(Ast.Recomputed.ADVANCED)) {
      shape(Shape.INT_ADVANCED_RECOMPUTED);
      if (advancedFromStart(code, program.advanced)) {
        shape(Shape.INT_ADVANCED_FROM_START);
      }
    }
    if (refilled && program.recomputed.stream().noneMatch(r -> r.ofFill() && r.nearMiss)) {
      shape(Shape.REFILLED_READ_RECOMPUTED);
    }
    for (Ast.Recomputed r : program.recomputed) {
      if (r.ofFill() ? refilled : advanced) {
        recomputedAgain.merge(r, 1, Integer::sum);
        if (r.mustKeep) {
          recomputedNearMisses.add(program + " (" + r + ", seed 0x" + Long.toHexString(seed) + "):\n"
              + SourcePrinter.methodSource(program));
        }
      }
    }
  }

  /** The reverse sweep: what follows the first adjoint of a line (the forward sweep's loops are before it). */
  private static String reverseSweep(String code) {
    int at = code.indexOf("// adjoint of line ");
    return at < 0 ? "" : code.substring(at);
  }

  /**
   * Whether the reverse sweep of {@code code} computes int {@code l} again from its next value, {@code l1 =
   * l1 - step * Math.max(0, …)}, instead of popping it (see the processor's {@code LoopCounters.advance}).
   */
  static boolean advancedAgain(String code, String l) {
    String name = java.util.regex.Pattern.quote(l) + "[_\\d]*";
    return java.util.regex.Pattern.compile("\\b(" + name + ") = \\1 [-+] (\\d+ \\* )?Math\\.max\\(0, ")
        .matcher(reverseSweep(code)).find() || advancedFromStart(code, l);
  }

  /**
   * Whether the reverse sweep of {@code code} computes int {@code l} again from the value it started with,
   * iteration after iteration, its reverse loop running first first: {@code l1Next = l1 + 2 * Math.max(0, …)}
   * ({@code -} for an int advanced downwards).
   */
  static boolean advancedFromStart(String code, String l) {
    String name = java.util.regex.Pattern.quote(l) + "[_\\d]*";
    return java.util.regex.Pattern.compile("\\b(" + name + ")Next\\d* = \\1 [-+] (\\d+ \\* )?Math\\.max\\(0, ")
        .matcher(reverseSweep(code)).find();
  }

  /** An entry of the Into form's array at an index with a remainder in it: not a linear index. */
  private static final java.util.regex.Pattern NONLINEAR_ENTRY =
      java.util.regex.Pattern.compile("partials\\[\\w+ \\+ [^\\]\n]* % ");

  /** An adjoint entry kept in a local of the iteration ({@code SiblingLoops}). */
  private static final java.util.regex.Pattern ENTRY_IN_LOCAL =
      java.util.regex.Pattern.compile("\n {4,}double \\w+Entry\\d* = 0\\.0;");
  /** An adjoint array's entry set to an adjoint, not added to: what {@code RefilledAdjoints} writes. */
  private static final java.util.regex.Pattern REFILLED =
      java.util.regex.Pattern.compile("\n {4,}\\w+Bar\\w*\\[\\w+\\] = \\w+Bar\\w*;");
  /** A row start declared in a local, before the loop that reads it ({@code RowStarts}). */
  private static final java.util.regex.Pattern HOISTED_ROW_START =
      java.util.regex.Pattern.compile("\n {4,}int \\w+ = Adjoints\\.rowStart\\(");

  /** A store into the Into form's array in a loop's body (its epilogue's stores stand at the method's level). */
  private static final java.util.regex.Pattern STORE_IN_LOOP =
      java.util.regex.Pattern.compile("\n {6,}partials\\[[^\n;]*\\] = ");

  /**
   * The local an Into loop carries an array parameter's adjoint in to the next iteration, {@code double
   * xBarCarried = 0.0;}.
   */
  private static final java.util.regex.Pattern CARRIED =
      java.util.regex.Pattern.compile("\\bdouble \\w+BarCarried\\d* = ");

  /** A read from the tape's array of doubles held in a local, {@code doubles2[top2 + 1]}. */
  private static final java.util.regex.Pattern TAPE_ARRAY = java.util.regex.Pattern.compile("\\bdoubles\\d*\\[top");

  /**
   * Whether the reverse sweep of {@code code} computes local {@code e}, an entry of {@code array} read
   * elsewhere, again from what the fill stored (see the processor's {@code FilledEntries}): it declares it
   * from neither the tape (popped, or read from the tape's array held in a local) nor the array.
   */
  static boolean readAgain(String code, String e, String array) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "double " + java.util.regex.Pattern.quote(e) + "[_\\d]* = ([^;]*);").matcher(reverseSweep(code));
    java.util.regex.Pattern fromArray = java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(array) + "[_\\d]*\\[");
    while (m.find()) {
      // (the tape's name may be tape2; a loop of known length reads its doubles from the tape's array, doubles[top])
      if (!m.group(1).contains(".pop") && !TAPE_ARRAY.matcher(m.group(1)).find() && !fromArray.matcher(m.group(1)).find()) {
        return true;
      }
    }
    return false;
  }

  /** The near misses whose values the reverse sweep computed again, where it must keep them (it must do so for none). */
  synchronized List<String> recomputedNearMisses() {
    return List.copyOf(recomputedNearMisses);
  }

  /** The forms and near misses of loop values ({@link Ast.Recomputed}) never generated. */
  synchronized List<Ast.Recomputed> missingRecomputed() {
    List<Ast.Recomputed> out = new ArrayList<>();
    for (Ast.Recomputed r : Ast.Recomputed.values()) {
      if (!recomputedForms.containsKey(r)) {
        out.add(r);
      }
    }
    return out;
  }

  /** How the generated code marks the reverse of a fused loop's iteration, which follows its forward. */
  static final String FUSED = ", in the same iteration: ";

  /**
   * Whether a loop of {@code code} is fused and holds an inner loop: after the comment that marks the
   * iteration's reverse, and before the fused loop's body closes, the reverse of an inner loop.
   */
  static boolean fusesInnerLoop(String code) {
    for (int at = code.indexOf(FUSED); at >= 0; at = code.indexOf(FUSED, at + 1)) {
      int line = code.lastIndexOf('\n', at) + 1;
      int indent = 0;
      while (code.charAt(line + indent) == ' ') {
        indent++;
      }
      int end = code.indexOf("\n" + " ".repeat(indent - 2) + "}", at);
      String iteration = code.substring(at, end < 0 ? code.length() : end);
      if (java.util.regex.Pattern.compile("// adjoint of line \\d+: (for|while|do)\\b").matcher(iteration).find()) {
        return true;
      }
    }
    return false;
  }

  /** The nested reductions of first-order programs returning double, and of all programs. */
  synchronized int nestedScalarFirstOrder() {
    return nestedScalarFirstOrder;
  }

  synchronized int nested() {
    return nested.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The programs holding a sweep ({@link Sweeps}), near misses among them. */
  synchronized int sweeps() {
    return sum(sweeps);
  }

  private static int sum(Map<?, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The programs holding a sweep that is no near miss whose generated Into form stores first. */
  synchronized int sweepsStoredFirst() {
    return sweepsStored.getOrDefault(Ast.SweepMiss.NONE, 0);
  }

  /** The near misses the processor fused (it must fuse none). */
  synchronized List<String> fusedNearMisses() {
    return List.copyOf(fusedNearMisses);
  }

  private void record(Ast.RecordConstruct c) {
    records.merge(c, 1, Integer::sum);
  }

  /** The record constructs the processor supports that were never generated. */
  synchronized List<Ast.RecordConstruct> missingRecordConstructs() {
    List<Ast.RecordConstruct> out = new ArrayList<>();
    for (Ast.RecordConstruct c : Ast.RecordConstruct.values()) {
      if (c.supported && !records.containsKey(c)) {
        out.add(c);
      }
    }
    return out;
  }

  private void shape(Shape s) {
    shapes.merge(s, 1, Integer::sum);
  }

  /** The shapes never generated. */
  synchronized List<Shape> missingShapes() {
    List<Shape> out = new ArrayList<>();
    for (Shape s : Shape.values()) {
      if (!shapes.containsKey(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The possible pairs not seen yet. */
  synchronized List<String> missing() {
    List<String> out = new ArrayList<>();
    for (Context c : Context.values()) {
      for (Form f : Form.values()) {
        if (possible(c, f) && !seen.get(c).contains(f)) {
          out.add(f + " in " + c);
        }
      }
    }
    return out;
  }

  /** The matrix, a context a line: how many expressions stood there, and how many forms they had. */
  @Override
  public synchronized String toString() {
    StringBuilder s = new StringBuilder();
    for (Context c : Context.values()) {
      s.append(
          String.format(
              "%-20s %7d expressions, %2d of %2d forms%n",
              c, occurrences.get(c), seen.get(c).size(), Form.values().length));
    }
    for (Shape shape : Shape.values()) {
      s.append(String.format("%-30s %7d statements or programs%n", shape, shapes.getOrDefault(shape, 0)));
    }
    s.append(String.format("nested reductions: %d programs, %d of them first-order returning double%n",
        nested(), nestedScalarFirstOrder));
    for (Ast.NearMiss m : Ast.NearMiss.values()) {
      s.append(String.format("NESTED_%-23s %7d programs, %5d fused%n", m, nested.getOrDefault(m, 0), fused.getOrDefault(m, 0)));
    }
    s.append(String.format("sweeps: %d programs, %d of them stored first by the Into form, %d zeroed outside the"
        + " stores, %d carrying an entry ahead%n", sweeps(), sum(sweepsStored), sum(sweepsZeroedOutside), sum(sweepsCarried)));
    for (Ast.SweepMiss m : Ast.SweepMiss.values()) {
      s.append(String.format("SWEEP_%-24s %7d programs, %5d stored first, %5d zeroed outside, %5d carried%n", m,
          sweeps.getOrDefault(m, 0), sweepsStored.getOrDefault(m, 0), sweepsZeroedOutside.getOrDefault(m, 0),
          sweepsCarried.getOrDefault(m, 0)));
    }
    s.append(String.format("loop values: %d programs, %d with a refilled array, %d with an advanced int, %d near misses%n",
        loopValues[0], loopValues[1], loopValues[2], loopValues[3]));
    for (Ast.Recomputed r : Ast.Recomputed.values()) {
      s.append(String.format("LOOP_VALUES_%-18s %7d programs, %5d computed again%s%n", r, recomputedForms.getOrDefault(r, 0),
          recomputedAgain.getOrDefault(r, 0), r.mustKeep ? " (must be none)" : r.nearMiss ? " (a near miss)" : ""));
    }
    for (Ast.RecordConstruct c : Ast.RecordConstruct.values()) {
      s.append(String.format("RECORD_%-23s %7d%s%n", c, records.getOrDefault(c, 0), c.supported ? "" : " (not supported yet)"));
    }
    return s.toString();
  }

  private void statements(List<S> body) {
    for (S s : body) {
      statement(s);
    }
  }

  private void statement(S s) {
    if (s instanceof DeclD d) {
      d(d.init(), Context.DECLARATION);
    } else if (s instanceof AssignD a) {
      d(a.value(), a.op().equals("=") ? Context.ASSIGNMENT : Context.COMPOUND_ASSIGNMENT);
    } else if (s instanceof MixI m) {
      d(m.value(), Context.OPERAND); // i += e: e is bounded, so that the int stays small
    } else if (s instanceof DeclI d) {
      i(d.init());
    } else if (s instanceof Ast.AssignI a) {
      if (a.value() != null) {
        i(a.value());
      }
    } else if (s instanceof DeclB d) {
      b(d.init(), Context.OTHER_CONDITION);
    } else if (s instanceof If f) {
      b(f.cond(), Context.IF_CONDITION);
      if (walking.order == 2) {
        shape(Shape.SECOND_ORDER_BRANCH);
      }
      branchDepth++;
      statements(f.then());
      statements(f.otherwise());
      branchDepth--;
    } else if (s instanceof Return r) {
      d(r.value(), Context.RETURN);
    } else if (s instanceof Ast.ReturnR r) {
      re(r.value());
    } else if (s instanceof Ast.ReturnA) {
      if (branchDepth > 0) {
        shape(Shape.VECTOR_RETURN_IN_BRANCH);
      }
    } else if (s instanceof Ast.ReturnNew r) {
      shape(branchDepth > 0 ? Shape.VECTOR_RETURN_NEW_IN_BRANCH : Shape.VECTOR_RETURN_NEW);
      r.elements().forEach(e -> d(e, Context.RETURN));
    } else if (s instanceof Ast.DeclV v) {
      shape(walking.vector ? Shape.VECTOR_CALL_FROM_VECTOR : Shape.VECTOR_CALL_FROM_SCALAR);
      if (branchDepth > 0) {
        shape(Shape.VECTOR_CALL_IN_BRANCH);
      }
      if (walking.order == 2) {
        shape(Shape.VECTOR_CALL_FROM_SECOND_ORDER);
      }
      if (loopDepth > 0) {
        shape(Shape.VECTOR_CALL_IN_LOOP);
      }
      d(v.call(), Context.DECLARATION); // counts the call, walks its arguments
    } else if (s instanceof For f) {
      i(f.start());
      i(f.bound());
      if (f.bound() instanceof Ast.ILen l && isMatrix(l.array())) {
        shape(Shape.MATRIX_ROWS_LOOP);
      }
      loop(f.body());
    } else if (s instanceof While w) {
      b(w.cond(), Context.LOOP_CONDITION);
      loop(w.body());
    } else if (s instanceof Seq q) {
      statements(q.statements());
    } else if (s instanceof ForEach f) {
      loop(f.body());
    } else if (s instanceof Ast.ForEachR f) {
      record(Ast.RecordConstruct.FOR_EACH);
      loop(f.body());
    } else if (s instanceof Ast.DeclR r) {
      record(r.init() instanceof Ast.RCond ? Ast.RecordConstruct.CONDITIONAL_LOCAL
          : r.init() instanceof Ast.RNew ? Ast.RecordConstruct.NEW : Ast.RecordConstruct.ALIAS_LOCAL);
      if (loopDepth > 0) {
        record(Ast.RecordConstruct.IN_LOOP);
      }
      re(r.init());
    } else if (s instanceof Ast.AssignR a) {
      record(Ast.RecordConstruct.REASSIGN);
      re(a.value());
    } else if (s instanceof Ast.Switch w) {
      selector(w.selector(), List.of(List.of())); // a statement: exhaustive or not, it may lack a default
      w.cases().forEach(c -> statements(c.body()));
    } else if (s instanceof Ast.DeclSwitch w) {
      selector(w.selector(), w.cases().stream().map(Ast.SwitchCase::labels).toList());
      w.cases().forEach(c -> statements(c.body()));
      w.values().forEach(v -> d(v, Context.DECLARATION));
    } else if (s instanceof DeclA a) {
      if (loopDepth > 0) {
        shape(walking.order == 2 ? Shape.ARRAY_IN_LOOP_SECOND_ORDER : Shape.ARRAY_IN_LOOP);
      }
      if (a.elements() != null) {
        a.elements().forEach(e -> d(e, Context.ARRAY_INITIALIZER));
      } else {
        i(a.size());
      }
    } else if (s instanceof AssignA a) {
      i(a.index());
      d(a.value(), Context.ARRAY_STORE);
      if (walking.vector && a.array().equals(result(walking))) {
        if (loopDepth > 0) {
          shape(Shape.VECTOR_STORE_IN_LOOP);
        }
        if (branchDepth > 0) {
          shape(Shape.VECTOR_STORE_IN_BRANCH);
        }
      }
    }
    if (walking.order == 2 && s instanceof DeclA) {
      shape(Shape.SECOND_ORDER_ARRAYS);
    }
  }

  private void loop(List<S> body) {
    if (walking.order == 2) {
      shape(Shape.SECOND_ORDER_LOOP);
    }
    loopDepth++;
    statements(body);
    loopDepth--;
  }

  /** Whether {@code name} is a double[][] parameter of the program being walked. */
  private boolean isMatrix(String name) {
    int i = walking.params.indexOf(name);
    return i >= 0 && walking.kind(i) == 'M';
  }

  /** A vector program's result array: the array its first statement declares. */
  private static String result(Program p) {
    return ((DeclA) p.body.get(0)).name();
  }

  private void d(D e, Context context) {
    if (e instanceof Invoke && walking.order == 2) {
      shape(loopDepth > 0 ? Shape.SECOND_ORDER_CALL_IN_LOOP : Shape.SECOND_ORDER_CALL);
    } else if (e instanceof Invoke && loopDepth > 0) {
      shape(walking.vector ? Shape.VECTOR_METHOD_CALL_IN_LOOP : Shape.FIRST_ORDER_CALL_IN_LOOP);
    }
    seen.get(context).add(form(e));
    occurrences.merge(context, 1, Integer::sum);
    if (e instanceof Neg n) {
      d(n.operand(), Context.OPERAND);
    } else if (e instanceof Pos p) {
      d(p.operand(), Context.OPERAND);
    } else if (e instanceof Bin b) {
      d(b.left(), Context.OPERAND);
      d(b.right(), Context.OPERAND);
    } else if (e instanceof Call c) {
      c.args().forEach(a -> d(a, Context.MATH_ARGUMENT));
    } else if (e instanceof Cond c) {
      b(c.cond(), Context.OTHER_CONDITION);
      d(c.then(), Context.CONDITIONAL_ARM);
      d(c.otherwise(), Context.CONDITIONAL_ARM);
    } else if (e instanceof FromInt f) {
      i(f.expr());
    } else if (e instanceof Cast c) {
      d(c.operand(), Context.OPERAND);
    } else if (e instanceof Invoke inv) {
      arguments(inv);
    } else if (e instanceof ARead a) {
      if (a.array().contains("(")) {
        record(Ast.RecordConstruct.ARRAY_COMPONENT);
      }
      i(a.index());
    } else if (e instanceof Ast.RRead r) {
      if (r.path().indexOf('(') != r.path().lastIndexOf('(')) {
        record(Ast.RecordConstruct.NESTED_READ);
      }
      if (r.index() != null) {
        i(r.index());
      }
    } else if (e instanceof Custom c) {
      c.args().forEach(a -> d(a, Context.RULE_ARGUMENT));
    } else if (e instanceof Ast.SwitchD w) {
      selector(w.selector(), w.labels());
      w.arms().forEach(a -> d(a, Context.CONDITIONAL_ARM));
    }
  }

  /** The arguments of a call; of a call to an instance method of a record, what it is called on first. */
  private void arguments(Invoke inv) {
    for (int k = 0; k < inv.args().size(); k++) {
      Object a = inv.args().get(k);
      if (k == 0 && inv.callee().receiver != null) {
        record(Ast.RecordConstruct.INSTANCE_CALL);
        Ast.RE on = (Ast.RE) a;
        if (on instanceof Ast.RAt) {
          record(Ast.RecordConstruct.INSTANCE_ON_ELEMENT);
        } else if (on instanceof Ast.RName n && n.text().equals(Program.RECEIVER)) {
          record(Ast.RecordConstruct.INSTANCE_ON_THIS);
        } else if (on instanceof Ast.RName n && n.text().contains("(")) {
          record(Ast.RecordConstruct.INSTANCE_ON_NESTED);
        }
        re(on);
      } else if (a instanceof D ad) {
        d(ad, Context.CALL_ARGUMENT);
      } else if (a instanceof Ast.ARef ref && isMatrix(ref.name())) {
        shape(Shape.MATRIX_ARGUMENT);
      } else if (a instanceof Ast.EVar) {
        shape(Shape.ENUM_ARGUMENT);
      } else if (a instanceof I ai) {
        i(ai);
      } else if (a instanceof B ab) {
        b(ab, Context.OTHER_CONDITION);
      } else if (a instanceof Ast.RE re) {
        record(Ast.RecordConstruct.ARGUMENT);
        re(re);
      } else if (inv.callee().kind(k) == 'Q') {
        record(Ast.RecordConstruct.ARGUMENT);
      }
    }
  }

  /** A switch's selector, and the labels of its cases (empty for the default). */
  private void selector(I selector, List<List<Integer>> labels) {
    if (selector instanceof Ast.EVar) {
      shape(labels.stream().noneMatch(List::isEmpty) ? Shape.ENUM_SWITCH_EXHAUSTIVE : Shape.ENUM_SWITCH);
    } else if (selector instanceof Ast.EOrd) {
      shape(Shape.ENUM_ORDINAL);
    }
    i(selector);
  }

  /** A record-valued expression. */
  private void re(Ast.RE e) {
    if (e instanceof Ast.RAt a) {
      i(a.index());
    } else if (e instanceof Ast.RCond c) {
      b(c.cond(), Context.OTHER_CONDITION);
      re(c.then());
      re(c.otherwise());
    } else if (e instanceof Ast.RCall c) {
      record(Ast.RecordConstruct.RETURN_CALL);
      arguments(c.call());
    } else if (e instanceof Ast.RNew n) {
      record(Ast.RecordConstruct.NEW);
      for (Object a : n.args()) {
        if (a instanceof D ad) {
          d(ad, Context.RECORD_COMPONENT);
        } else if (a instanceof I ai) {
          i(ai);
        } else if (a instanceof B ab) {
          b(ab, Context.OTHER_CONDITION);
        } else if (a instanceof Ast.RE r) {
          re(r);
        }
      }
    }
  }

  private void i(I e) {
    if (e instanceof Ast.IVar v && v.name().contains("(")) {
      record(Ast.RecordConstruct.INT_COMPONENT);
    } else if (e instanceof Ast.ILen l && l.array().contains("(")) {
      record(Ast.RecordConstruct.ARRAY_COMPONENT);
    }
    if (e instanceof IOfD f) {
      d(f.value(), Context.INT_CONTEXT);
    } else if (e instanceof IBin b) {
      i(b.left());
      i(b.right());
    } else if (e instanceof ICond c) {
      b(c.cond(), Context.OTHER_CONDITION);
      i(c.then());
      i(c.otherwise());
    }
  }

  private void b(B e, Context context) {
    if (e instanceof Cmp c) {
      d(c.left(), context);
      d(c.right(), context);
    } else if (e instanceof ICmp c) {
      i(c.left());
      i(c.right());
    } else if (e instanceof And a) {
      b(a.left(), context);
      b(a.right(), context);
    } else if (e instanceof Or o) {
      b(o.left(), context);
      b(o.right(), context);
    } else if (e instanceof Not n) {
      b(n.operand(), context);
    } else if (e instanceof Ast.ECmp) {
      shape(Shape.ENUM_COMPARISON);
    } else if (e instanceof Ast.BVar v && v.name().contains("(")) {
      record(Ast.RecordConstruct.BOOLEAN_COMPONENT);
    }
  }

  private static Form form(D e) {
    if (e instanceof Var) {
      return Form.VARIABLE;
    } else if (e instanceof Lit) {
      return Form.LITERAL;
    } else if (e instanceof Const) {
      return Form.CONSTANT;
    } else if (e instanceof Neg || e instanceof Pos) {
      return Form.SIGN;
    } else if (e instanceof Bin) {
      return Form.ARITHMETIC;
    } else if (e instanceof Call) {
      return Form.MATH_CALL;
    } else if (e instanceof Cond) {
      return Form.CONDITIONAL;
    } else if (e instanceof FromInt) {
      return Form.INT_TO_DOUBLE;
    } else if (e instanceof Cast) {
      return Form.CAST;
    } else if (e instanceof Invoke) {
      return Form.DIFFERENTIABLE_CALL;
    } else if (e instanceof ARead) {
      return Form.ARRAY_READ;
    } else if (e instanceof Custom) {
      return Form.RULE_CALL;
    } else if (e instanceof Ast.SwitchD) {
      return Form.SWITCH;
    } else if (e instanceof Ast.RRead) {
      return Form.RECORD_READ;
    }
    throw new IllegalArgumentException(String.valueOf(e));
  }
}
