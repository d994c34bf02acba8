package io.adjoint.processor.random;

import java.util.List;

/** The random programs: a small typed AST that {@link SourcePrinter} prints three ways. */
final class Ast {
  private Ast() {}

  /** The enum of the programs' enum parameters, declared beside their classes: {@code S0} to {@code S5}. */
  static final String ENUM = "Sel";

  /** How many constants {@link #ENUM} has. */
  static final int ENUM_CONSTANTS = 6;

  // ---- double-valued expressions -------------------------------------------------------------

  sealed interface D permits Var, Lit, Const, Neg, Pos, Bin, Call, Cond, FromInt, Cast, Invoke, ARead, Custom, SwitchD,
      RRead {}

  /** A double parameter or local. */
  record Var(String name) implements D {}

  /** A non-negative literal; {@code text} is how the plain source spells it. */
  record Lit(double value, String text) implements D {}

  /**
   * {@code Math.PI}, {@code Math.E} or a static final field of the class; {@code qualified}: written
   * {@code R0.C0} in its own class too (needed where a local of the same name hides it).
   */
  record Const(String owner, String name, double value, boolean qualified) implements D {}

  record Neg(D operand) implements D {}

  /** Unary plus. */
  record Pos(D operand) implements D {}

  /** {@code + - * /}. */
  record Bin(char op, D left, D right) implements D {}

  /** {@code Math.fn(args)} or {@code StrictMath.fn(args)}. */
  record Call(String fn, List<D> args, boolean strict) implements D {
    Call withStrict(boolean s) {
      return new Call(fn, args, s);
    }
  }

  record Cond(B cond, D then, D otherwise) implements D {}

  /** An int or long expression in a double context (widened). {@code explicit}: written {@code (double)}. */
  record FromInt(I expr, boolean explicit) implements D {}

  /** {@code (int) e} or {@code (long) e}, widened back to double: piecewise constant; or {@code (double) e}. */
  record Cast(String type, D operand) implements D {}

  /** A call to another generated method. Arguments are {@link D}, {@link I}, {@link B} or {@link ARef}. */
  record Invoke(Program callee, List<Object> args, boolean qualified) implements D {}

  /** {@code array[index]}: an entry of a {@code double[]} parameter or local; the index is in bounds by construction. */
  record ARead(String array, I index) implements D {}

  /** A whole array passed to another generated method. */
  record ARef(String name) {}

  /**
   * A double component of a record read through accessors: {@code base.path} or, of an array of records,
   * {@code base[index].path}; {@code path} is the accessor chain, {@code .q().x()}.
   */
  record RRead(String base, I index, String path) implements D {}

  /**
   * A call to a helper with a custom derivative ({@code softplus}, {@code logCosh}, {@code logAddExp})
   * declared in class {@code owner}; {@code qualified}: written {@code R0.softplus} in its own class too.
   */
  record Custom(String owner, String fn, List<D> args, boolean qualified) implements D {}

  /**
   * {@code switch (selector) { case 1, 2 -> e1; … default -> e; }}: {@code labels.get(i)} are the labels
   * of {@code arms.get(i)}, empty for the default, which is last.
   */
  record SwitchD(I selector, List<List<Integer>> labels, List<D> arms) implements D {}

  // ---- integral expressions -------------------------------------------------------------------

  sealed interface I permits IVar, ILit, IBin, IConst, ICond, ILen, IOfD, EVar, EOrd {}

  record IVar(String name, boolean isLong) implements I {}

  record ILit(int value, boolean isLong) implements I {}

  record IConst(String owner, String name, int value, boolean qualified) implements I {}

  record ICond(B cond, I then, I otherwise) implements I {}

  /** {@code array.length}. */
  record ILen(String array) implements I {}

  /**
   * {@code (int) Math.abs(value) % modulus}: an int in {@code [0, modulus)} computed from a double, so
   * that double expressions reach int contexts (indices, sizes, loop bounds); its derivative is 0.
   */
  record IOfD(D value, int modulus) implements I {}

  /** {@code + - * %}. */
  record IBin(char op, I left, I right) implements I {}

  /**
   * An enum value, of the {@code Sel} enum ({@code S0} to {@code S5}): the program's {@code Sel} parameter
   * or a constant ({@code Sel.S2}), as {@code text}. Only a switch's selector (its labels {@code l} are
   * then the constants {@code S(l+1)}) or an argument of a call.
   */
  record EVar(String text) implements I {}

  /** {@code name.ordinal()} of the program's {@code Sel} parameter: an int in [0, 6). */
  record EOrd(String name) implements I {}

  static boolean isLong(I e) {
    if (e instanceof IVar v) {
      return v.isLong();
    }
    if (e instanceof ILit l) {
      return l.isLong();
    }
    if (e instanceof IBin b) {
      return isLong(b.left()) || isLong(b.right());
    }
    if (e instanceof ICond c) {
      return isLong(c.then()) || isLong(c.otherwise());
    }
    return false;
  }

  // ---- conditions -----------------------------------------------------------------------------

  sealed interface B permits Cmp, ICmp, And, Or, Not, BVar, ECmp {}

  /** A comparison of doubles: {@code < <= > >= == !=}. */
  record Cmp(String op, D left, D right) implements B {}

  record ICmp(String op, I left, I right) implements B {}

  record And(B left, B right) implements B {}

  record Or(B left, B right) implements B {}

  record Not(B operand) implements B {}

  record BVar(String name) implements B {}

  /** {@code name == Sel.S<constant>}, or {@code !=} unless {@code equal}, of the program's {@code Sel} parameter. */
  record ECmp(String name, boolean equal, int constant) implements B {}

  // ---- statements -----------------------------------------------------------------------------

  sealed interface S permits DeclD, AssignD, IncD, DeclI, AssignI, MixI, DeclB, If, Return, For, While, Jump, Seq,
      DeclA, AssignA, ForEach, Switch, DeclSwitch, DeclAlias, DeclV, ReturnA, ReturnNew, DeclR, AssignR, ForEachR,
      ReturnR {}

  record DeclD(String name, boolean isFinal, D init) implements S {}

  /** {@code name op value} with op one of {@code = += -= *= /=}. */
  record AssignD(String name, String op, D value) implements S {}

  /** {@code name++}, {@code ++name}, {@code name--}, {@code --name}. */
  record IncD(String name, boolean increment, boolean prefix) implements S {}

  record DeclI(String name, boolean isLong, I init) implements S {}

  /** {@code name op value} with op one of {@code = += -= *=}, or {@code ++} or {@code --} with a null value. */
  record AssignI(String name, String op, I value) implements S {}

  /** {@code k op e} for an int or long k and a double e, {@code op} one of {@code += -= *=}: narrows. */
  record MixI(String name, boolean isLong, String op, D value) implements S {}

  record DeclB(String name, B init) implements S {}

  record If(B cond, List<S> then, List<S> otherwise) implements S {}

  record Return(D value) implements S {}

  /**
   * {@code for (int var = start; var + plus cmp bound; var++) { body }}, {@code cmp} {@code <} or {@code
   * <=}: mostly {@code for (int var = 0; var < bound; var++)}; a triangle's inner loop starts at {@code i
   * + 1}, and {@code var + 1 < bound} reads {@code c[var + 1]}.
   */
  record For(String var, I start, int plus, String cmp, I bound, List<S> body) implements S {
    For(String var, I bound, List<S> body) {
      this(var, new ILit(0, false), 0, "<", bound, body);
    }
  }

  /** {@code while (cond) { body }} or {@code do { body } while (cond);}; the body counts, so it ends. */
  record While(B cond, List<S> body, boolean doWhile) implements S {}

  /** {@code break;} or {@code continue;}. */
  record Jump(boolean isBreak) implements S {}

  /**
   * {@code double[] name = new double[size];}, or with {@code elements} (then {@code size} is null)
   * {@code double[] name = new double[] {e1, e2};}, or {@code {e1, e2}} when {@code bare}. Never inside a
   * loop.
   */
  record DeclA(String name, I size, List<D> elements, boolean bare) implements S {
    DeclA(String name, I size) {
      this(name, size, null, false);
    }
  }

  /** {@code double[] name = array;}: a second name, only read; {@code array} is not written while it lives. */
  record DeclAlias(String name, String array) implements S {}

  /** {@code array[index] op value} with op one of {@code = += -= *=}, on a local array. */
  record AssignA(String array, I index, String op, D value) implements S {}

  /** {@code for (double var : array) { body }}. */
  record ForEach(String var, String array, List<S> body) implements S {}

  /**
   * A case of a switch: its labels (none for {@code default}) and statements; with colon labels, {@code
   * breaks} ends it with {@code break;}, else it falls through into the next (the statements complete).
   */
  record SwitchCase(List<Integer> labels, List<S> body, boolean breaks) {}

  /** {@code switch (selector) {…}} with arrow ({@code case 1 -> {…}}) or colon labels. */
  record Switch(I selector, List<SwitchCase> cases, boolean arrows) implements S {}

  /**
   * {@code double name = switch (selector) {…};} whose case i runs its statements and then yields
   * {@code values.get(i)}, with arrow labels ({@code case 1 -> { …; yield e; }}) or colon labels.
   */
  record DeclSwitch(String name, I selector, List<SwitchCase> cases, List<D> values, boolean arrows)
      implements S {}

  /**
   * {@code double[] name = call;}: the result of a call to a vector-valued program ({@code call}'s callee
   * returns {@code double[]}), read afterwards like any array. Never inside a loop (E265).
   */
  record DeclV(String name, Invoke call) implements S {}

  /** {@code return array;} in a vector-valued program: its result array. */
  record ReturnA(String array) implements S {}

  /** {@code return new double[] {e1, e2, …};} in a vector-valued program. */
  record ReturnNew(List<D> elements) implements S {}

  // ---- records ----------------------------------------------------------------------------------

  /**
   * A record type of the random programs: {@code public record Rec0(double x, int k, Rec1 q) {}} declared
   * beside the classes, and its twin {@code Rec0V} over {@link io.adjoint.Value} for the Value versions.
   * Its components are doubles, ints, booleans, double[]s and earlier record types; at least one leaf is
   * a double.
   */
  static final class RType {
    final String name;
    final List<RComp> components;

    RType(String name, List<RComp> components) {
      this.name = name;
      this.components = List.copyOf(components);
    }

    /** Whether every leaf is a double (nested records of doubles included): arrays of it are allowed. */
    boolean allDoubles() {
      return components.stream().allMatch(c -> c.kind() == 'D' || c.kind() == 'R' && c.type().allDoubles());
    }

    /** Whether it holds a double[], directly or in a nested record. */
    boolean hasArrays() {
      return components.stream().anyMatch(c -> c.kind() == 'A' || c.kind() == 'R' && c.type().hasArrays());
    }

    /** How deep records nest in it: 1 for a record of leaves. */
    int depth() {
      return 1 + components.stream().filter(c -> c.kind() == 'R').mapToInt(c -> c.type().depth()).max().orElse(0);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A component: kind D (double), I (int), Z (boolean), A (double[]) or R (a record of {@code type}). */
  record RComp(String name, char kind, RType type) {}

  /**
   * The record constructs of the language, and whether the processor supports them yet: the generator
   * writes those supported ({@link #supported}), and {@link Coverage} requires each in a default run.
   * Supporting another is one flag here and its case in the generator.
   */
  enum RecordConstruct {
    PARAMETER("f(Rec0 p): a record parameter, its components read through accessors", true),
    NESTED_READ("p.q().x(): an accessor chain through a nested record", true),
    INT_COMPONENT("p.k(): an int component, in an int context", true),
    BOOLEAN_COMPONENT("p.on(): a boolean component, in a condition", true),
    ARRAY_COMPONENT("p.a()[i], p.a().length: a double[] component", true),
    ARRAY_PARAMETER("f(Rec0[] ps): ps[i].x(), ps.length", true),
    FOR_EACH("for (Rec0 e : ps)", true),
    NO_DERIVATIVE("f(@NoDerivative Rec0 p)", true),
    ALIAS_LOCAL("Rec0 q = p; Rec1 q = p.q(); Rec0 q = ps[i];", true),
    CONDITIONAL_LOCAL("var q = c ? a : b;", true),
    NEW("new Rec0(e, …) with computed components", true),
    REASSIGN("q = new Rec0(…); of a record without array components", true),
    IN_LOOP("a record local declared in a loop", true),
    ARGUMENT("a record, or an array of records, passed to another program", true),
    RETURN("a program returning a record of doubles", true),
    RETURN_CALL("Rec0 q = f(…); q = f(…);: a call to one, its result kept in a record local", true),
    INSTANCE_METHOD("a @Differentiable instance method of a record", true),
    INSTANCE_CALL("p.m(…): an instance method called on a record", true),
    INSTANCE_ON_ELEMENT("ps[i].m(…): on an element of an array of records", true),
    INSTANCE_ON_NESTED("p.q().m(…): on a nested record", true),
    INSTANCE_ON_THIS("this.m(…) or m(…): on the receiver, in an instance method", true);

    final String example;
    final boolean supported;

    RecordConstruct(String example, boolean supported) {
      this.example = example;
      this.supported = supported;
    }
  }

  /** A record-valued expression: a local or parameter, a chain of accessors, an element, a {@code ?:}, a {@code new}. */
  sealed interface RE permits RName, RAt, RCond, RNew, RCall {}

  /** A record local or parameter, or accessors of one: {@code p}, {@code p.q()}. */
  record RName(String text) implements RE {}

  /** {@code array[index]} of an array of records. */
  record RAt(String array, I index) implements RE {}

  record RCond(B cond, RE then, RE otherwise) implements RE {}

  /** {@code new Rec0(args)}: a {@link D}, {@link I}, {@link B}, {@link RE} or (a double[] component) {@link ARef} a component. */
  record RNew(RType type, List<Object> args) implements RE {}

  /**
   * A call to a program returning a record ({@link Program#returns}); only a record local's initializer
   * or the value assigned to one, never under a condition.
   */
  record RCall(Invoke call) implements RE {}

  /** {@code return value;} in a program returning a record. */
  record ReturnR(RE value) implements S {}

  /** {@code Rec0 name = init;}, or {@code var name = init;}. */
  record DeclR(String name, RType type, boolean var, RE init) implements S {}

  /** {@code name = value;} of a record local. */
  record AssignR(String name, RE value) implements S {}

  /** {@code for (Rec0 var : array) { body }} over an array of records. */
  record ForEachR(String var, RType type, String array, List<S> body) implements S {}

  /** The record types {@code programs} take or return, each after the types it nests, every one once. */
  static List<RType> recordTypes(List<Program> programs) {
    java.util.Set<RType> out = new java.util.LinkedHashSet<>();
    for (Program p : programs) {
      for (RType t : p.records) {
        if (t != null) {
          addRecordType(t, out);
        }
      }
      if (p.returns != null) {
        addRecordType(p.returns, out);
      }
    }
    return List.copyOf(out);
  }

  private static void addRecordType(RType t, java.util.Set<RType> out) {
    for (RComp c : t.components) {
      if (c.kind() == 'R') {
        addRecordType(c.type(), out);
      }
    }
    out.add(t);
  }

  /** Statements printed one after the other, in the enclosing block. */
  record Seq(List<S> statements) implements S {}

  // ---- programs -------------------------------------------------------------------------------

  /**
   * How a nested reduction differs from one the processor fuses (runs each iteration's reverse inside
   * the iteration), or NONE. A near miss must not be fused, and must still be differentiated.
   */
  enum NearMiss {
    NONE("the shape the processor fuses, when nothing else in the loop keeps it from it"),
    READ_BEFORE_FILL("an iteration reads a scratch array's entry before it fills the array"),
    FILLED_IN_BRANCH("the scratch array is filled only in one branch of an if, then read"),
    FILLED_TO_OTHER_BOUND("the scratch array is filled up to another bound than its length (c.length - 1)"),
    READ_AFTER_LOOP("the scratch array is read after the outer loop"),
    ACCUMULATOR_READ_LATER("a loop after the outer loop reads the accumulator"),
    CARRIED("a variable of the outer scope is updated in the inner loop and carried on to the next iteration");

    final String example;

    NearMiss(String example) {
      this.example = example;
    }
  }

  /**
   * How a sweep (see {@code Sweeps#sweep}) differs from the loop whose Into form stores each entry of its
   * arrays' partials first instead of adding into zeros, or NONE. A near miss must still be
   * differentiated right; the processor may add into zeros there (most of them it must: a store would
   * leave the entries a break or a step of two skips, or lose what a read outside the loop adds).
   */
  enum SweepMiss {
    NONE("the shape whose Into form stores first, when nothing else in the program keeps it from it"),
    READ_BEFORE("the reserved array is read before the loop too (a[0] in the accumulator's start)"),
    READ_AFTER("the reserved array is read after the loop too (acc += f(a[0]))"),
    READ_IN_BRANCH("the loop reads the largest offset only in an if in its body"),
    LOOP_IN_BRANCH("the loop is nested in an if"),
    TWO_LOOPS("a second loop reads the same array"),
    STEP_TWO("the counter steps by two (i += 2)"),
    BREAKS("the loop's body has if (…) break;"),
    DOWNWARD("the counter counts down (while (i >= 0) { …; i--; })"),
    TWO_BOUNDS("the condition bounds the counter twice (i + 1 < a.length && i + 1 < b.length, && i <= n)"),
    ACCUMULATOR_READ("the rest of the program reads the accumulator, and the returns add Math.tanh(acc) or acc * acc:"
        + " the loop's reverse cannot run in its iterations"),
    TWO_UPDATES("the body adds into the accumulator twice or more (acc += f; acc -= g;): not fused either");

    final String example;

    SweepMiss(String example) {
      this.example = example;
    }
  }

  /**
   * The forms of the loops whose values the reverse sweep computes again instead of keeping them on the
   * tape (see {@code LoopValues#loopValues}): entries of an array a fill loop set in each iteration
   * of an outer loop, read at other indices, and ints inner loops advance; and the near misses of both,
   * whose values must stay on the tape. {@link #nearMiss} tells which are near misses.
   */
  enum Recomputed {
    READ_MODULO("c[(i + 1) % c.length] after the fill", ' '),
    READ_SHIFTED("c[i + 1] in a loop for (i = 0; i + 1 < n; i++)", ' '),
    READ_MIRRORED("c[c.length - 1 - i]", ' '),
    READ_IN_PREHEADER("c[i] in for (i < n) for (j = i + 1; j < n; j++): read before the inner loop, once", ' '),
    UNSAFE_PREHEADER_READ("c[i + 1] in the same nest: past the end when the inner loop does not run", ' '),
    FILL_OF_MATRIX("a fill reading entries of a double[][] parameter", ' '),
    FILL_IN_BRANCH("the fill stores under an if", 'M'),
    PARTIAL_FILL("the fill stops before the array's end (c.length - 1)", 'M'),
    STORE_AFTER_FILL("a store into the array after the fill, before the reads", 'M'),
    COSTLY_FILL("the fill stores Math.exp(…): dearer to compute again than to keep", 'K'),
    FILL_READS_CARRIED("the fill reads the double the outer loop carries", 'M'),
    ADVANCED("int l advanced by inner loops, l += 1, 2 or 3, the inner loop from i + a or 0, over < or <=", ' '),
    ADVANCED_IN_ITERATION("l declared in the outer loop's iteration, like GMM's column start", ' '),
    ADVANCE_BREAKS("the inner loop advancing l has a break", 'M'),
    ADVANCE_SET_AGAIN("the outer body sets l again after its inner loop", 'M'),
    ADVANCE_OTHER_START("the inner loop advances another int, int m = l + 1, and l = m after it", 'M'),
    ADVANCE_DOWNWARDS("l-- or l -= 2, drawn with the near misses: computed again since downward counters are recognised", 'K'),
    ADVANCE_UNKNOWN_TRIPS("l advanced by a while loop whose condition reads a double", 'M');

    final String example;
    /** Whether the values are not computed again: it is a near miss. */
    final boolean nearMiss;
    /** Whether computing the values again would be wrong (else it is merely not done yet, or dearer). */
    final boolean mustKeep;

    /** {@code kind}: ' ' a form, 'M' a near miss whose values must be kept, 'K' one whose values may be kept (or, as of ADVANCE_DOWNWARDS, are now computed again). */
    Recomputed(String example, char kind) {
      this.example = example;
      this.nearMiss = kind != ' ';
      this.mustKeep = kind == 'M';
    }

    /** Whether it is a form or near miss of the refilled array (else of the advanced int). */
    boolean ofFill() {
      return ordinal() < ADVANCED.ordinal();
    }
  }

  /**
   * One generated method: {@code public static double name(...)} in class {@code owner}, with 2–4 double
   * parameters and sometimes an int or long parameter, a boolean one, a {@code @NoDerivative} double one
   * and one or two {@code double[]} ones, anywhere in the list.
   */
  static final class Program {
    /** The name of an instance method's receiver parameter (see {@link #receiver}). */
    static final String RECEIVER = "this";

    final String owner;
    final String name;
    final List<String> params; // all parameter names, in order
    /**
     * One per parameter: D double, A double[], M double[][], N @NoDerivative double, I int, L long, Z
     * boolean, E {@link #ENUM}, R a record, Q an array of records, O a {@code @NoDerivative} record (see
     * {@link #records}).
     */
    final String kinds;
    /** One per parameter: the record type of a record (R, M) or array-of-records (Q) parameter, else null. */
    final List<RType> records;
    List<S> body;
    /** The {@code order} of its {@code @Differentiable}: 2 adds the Hessian forms (scalar programs only). */
    int order = 1;
    /** Whether it returns {@code double[]}: then {@link #outputs} is its result's length. */
    boolean vector;
    /** A vector program's number of outputs (every path returns that many). */
    int outputs;
    /**
     * Whether a second-order caller can inline it: no helper with a {@code @Derivative} rule (E264), no
     * call evaluated under a condition (E263), in it or in the programs it calls; and, for a vector
     * program, one result array returned on every path (E262).
     */
    boolean inlinable;
    /** Whether it, or a program it calls, creates an array: inlined into a loop, that is E265. */
    boolean createsArrays;
    /**
     * A vector program whose only array is its result and which calls nothing: inlined into a loop, its
     * result is split into scalars, so it may be called there.
     */
    boolean loopInlinable;
    /** Its source's length with every callee inlined (an estimate): what second order compiles. */
    int inlinedSize;
    /** The record type it returns (a record of doubles), or null: checked like a vector program. */
    RType returns;
    /**
     * The record type whose instance method it is, or null. Its parameter 0, named {@link #RECEIVER}, is
     * then the receiver: the method is printed into the record without it, and its probe and Value
     * versions and a plain static bridge ({@code m(Rec0 self, …)}) take it first, as the generated forms do.
     */
    RType receiver;
    /**
     * Whether its body ends in a nested reduction (see {@code NestedReductions#nestedReduction}): an
     * outer accumulating loop over inner loops, with {@link #nearMiss} telling how it falls short of
     * what the processor fuses, if it does; {@link #outerLoop} is the outer loop's variable.
     */
    boolean nested;
    NearMiss nearMiss = NearMiss.NONE;
    String outerLoop;
    /** Whether its nested reduction holds GMM's component with the same map at every point. */
    boolean sameMap;
    /** Whether its nested reduction fills a scratch array made before the outer loop. */
    boolean scratch;
    /**
     * The forms of {@code LoopValues#loopValues} its body holds (see {@link Recomputed}): the loops
     * whose values the reverse sweep may compute again.
     */
    final java.util.Set<Recomputed> recomputed = java.util.EnumSet.noneOf(Recomputed.class);
    /** The int its inner loops advance, or null: its reverse computes it again unless it is a near miss ({@link #recomputed}). */
    String advanced;
    /**
     * The locals that hold entries of the array refilled in each iteration ({@link #refilled}), read at
     * other indices: its reverse computes them again unless it is a near miss. Empty when there are none.
     */
    final List<String> refilledReads = new java.util.ArrayList<>();
    /** The array refilled in each iteration, or null. */
    String refilled;
    /**
     * Whether its body holds a sweep (see {@code Sweeps#sweep}), and how it misses the shape that stores
     * first ({@link SweepMiss#NONE} where it does not); null where it holds none.
     */
    SweepMiss sweep;

    Program(String owner, String name, List<String> params, String kinds) {
      this(owner, name, params, kinds, java.util.Collections.nCopies(params.size(), null));
    }

    Program(String owner, String name, List<String> params, String kinds, List<RType> records) {
      this.owner = owner;
      this.name = name;
      this.params = params;
      this.kinds = kinds;
      this.records = records;
    }

    /** Whether it takes a record or an array of records. */
    boolean takesRecords() {
      return kinds.matches(".*[RQO].*");
    }

    char kind(int i) {
      return kinds.charAt(i);
    }

    /** Whether parameter i gets a gradient component: a double, double[], double[][], record or array of records. */
    boolean differentiable(int i) {
      return "DAMRQ".indexOf(kind(i)) >= 0;
    }

    /** The differentiable parameters (see {@link #differentiable}), in order: the gradient's components. */
    List<String> doubles() {
      List<String> out = new java.util.ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        if (differentiable(i)) {
          out.add(params.get(i));
        }
      }
      return out;
    }

    /**
     * The Java type of parameter i, with {@code doubleType} for doubles; with {@code Value}, a record's
     * is its Value twin.
     */
    String type(int i, String doubleType) {
      String record = records.get(i) == null ? null : records.get(i).name + (doubleType.equals("Value") ? "V" : "");
      return switch (kind(i)) {
        case 'R', 'O' -> record;
        case 'Q' -> record + "[]";
        case 'D' -> doubleType;
        case 'A' -> doubleType + "[]";
        case 'M' -> doubleType + "[][]";
        case 'N' -> "double";
        case 'I' -> "int";
        case 'L' -> "long";
        case 'E' -> ENUM;
        default -> "boolean";
      };
    }

    @Override
    public String toString() {
      return receiver != null ? owner + "." + receiver.name + "." + name + "/" + (params.size() - 1)
          : owner + "." + name + "/" + params.size();
    }
  }
}
