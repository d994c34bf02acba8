package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.ARead;
import io.adjoint.processor.random.Ast.And;
import io.adjoint.processor.random.Ast.B;
import io.adjoint.processor.random.Ast.BVar;
import io.adjoint.processor.random.Ast.Bin;
import io.adjoint.processor.random.Ast.Call;
import io.adjoint.processor.random.Ast.Cast;
import io.adjoint.processor.random.Ast.Cmp;
import io.adjoint.processor.random.Ast.Cond;
import io.adjoint.processor.random.Ast.Const;
import io.adjoint.processor.random.Ast.Custom;
import io.adjoint.processor.random.Ast.D;
import io.adjoint.processor.random.Ast.ECmp;
import io.adjoint.processor.random.Ast.FromInt;
import io.adjoint.processor.random.Ast.I;
import io.adjoint.processor.random.Ast.IBin;
import io.adjoint.processor.random.Ast.ICmp;
import io.adjoint.processor.random.Ast.ICond;
import io.adjoint.processor.random.Ast.IConst;
import io.adjoint.processor.random.Ast.ILen;
import io.adjoint.processor.random.Ast.ILit;
import io.adjoint.processor.random.Ast.IOfD;
import io.adjoint.processor.random.Ast.IVar;
import io.adjoint.processor.random.Ast.Lit;
import io.adjoint.processor.random.Ast.Neg;
import io.adjoint.processor.random.Ast.Not;
import io.adjoint.processor.random.Ast.Or;
import io.adjoint.processor.random.Ast.Pos;
import io.adjoint.processor.random.Ast.Var;
import io.adjoint.processor.random.MethodState.VarInfo;
import io.adjoint.processor.random.ProgramGenerator.Klass;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The expressions of the generated programs: double expressions (arithmetic, {@code Math} calls whose
 * arguments stay in their domains, {@code ?:}, casts, literals spelled in every way Java allows, the
 * classes' constants, calls to the helpers with custom derivatives), int and long expressions, boolean
 * conditions, and indices into arrays and rows of matrices that are in bounds by construction. The calls
 * to other programs in them come from {@link Calls}, the reads of records from {@link Records} and the
 * switch expressions from {@link Switches}.
 */
final class Expressions {
  static final double[] LITERALS = {0.5, 1.0, 2.0, 3.0, 0.25, 1.5, 0.1, 0.3, 2.5, 0.75, 4.0, 10.0};

  private final SplittableRandom r;
  private final MethodState state;
  private final List<Klass> klasses;
  // the other parts it calls, which call it in turn (the grammar nests): set by connect
  private Calls calls;
  private Records records;
  private Switches switches;

  Expressions(ProgramGenerator generator) {
    this.r = generator.r;
    this.state = generator.state;
    this.klasses = generator.klasses;
  }

  /** Takes the other parts it calls, once the generator has made them all. */
  void connect(ProgramGenerator generator) {
    calls = generator.calls;
    records = generator.records;
    switches = generator.switches;
  }

  // ---- double expressions ---------------------------------------------------------------------

  D expr(int depth) {
    if (depth <= 0 || r.nextInt(10) < 3) {
      return leaf();
    }
    int d = depth - 1;
    if (!state.secondOrder && r.nextInt(100) < 4) {
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
      return switches.switchExpr(d);
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
      B c = cond(d);
      return inCondition(() -> new Cond(c, expr(d), expr(d))); // each arm evaluated only at times
    }
    if (roll < 93 && (r.nextInt(3) > 0 || !state.secondOrder)) {
      D custom = custom(d);
      if (custom != null) {
        return custom;
      }
    }
    if (roll < 96) {
      D call = calls.invoke(d);
      if (call != null) {
        return call;
      }
      return expr(depth);
    }
    if (roll < 98 && state.hasInts()) {
      return new FromInt(intExpr(1), r.nextBoolean());
    }
    return cast(d);
  }

  /** A cast: {@code (double) e}, or {@code (int) (e * c)} or {@code (long) (e * c)} in a double context. */
  D cast(int d) {
    if (r.nextInt(3) == 0) {
      return new Cast("double", expr(d));
    }
    return new Cast(r.nextInt(3) == 0 ? "long" : "int", new Bin('*', expr(d), lit()));
  }

  /**
   * A cast compared with a literal, {@code (int) (e * c) < c'}: in a loop's condition, where {@link #cond}
   * draws a cast too seldom for every run to have one.
   */
  B castComparison() {
    return inCondition(() -> new Cmp("<", cast(1), lit()));
  }

  /**
   * A switch expression compared with a literal, {@code switch (…) { … } < c}: in a loop's condition,
   * where {@link #cond} draws a switch too seldom for every run to have one.
   */
  B switchComparison() {
    return inCondition(() -> new Cmp("<", switches.switchExpr(1), lit()));
  }

  private D leaf() {
    if (state.program.receiver != null && r.nextInt(8) == 0) {
      D call = calls.callOnThis(); // else rare: the callee must be an earlier instance method of the type
      if (call != null) {
        return call;
      }
    }
    if (state.takesRecords && r.nextInt(3) == 0) {
      D read = records.recordRead();
      if (read != null) {
        return read;
      }
    }
    if (state.has('M', false) && r.nextInt(4) == 0) {
      String row = row(state.pick('M', false));
      return new ARead(row, index(row));
    }
    if (state.has('A', false) && r.nextInt(4) == 0) {
      String array = state.pick('A', false);
      return new ARead(array, index(array));
    }
    int roll = r.nextInt(100);
    if (roll < 75) {
      return new Var(state.pick('D', false));
    }
    if (roll < 88) {
      return lit();
    }
    if (roll < 94) {
      return switch (r.nextInt(4)) {
        case 0 -> new Const("Math", "PI", Math.PI, true);
        case 1 -> new Const("Math", "E", Math.E, true);
        case 2 -> {
          Klass k = r.nextInt(4) == 0 ? klasses.get(r.nextInt(klasses.size())) : state.klass; // maybe another class's
          yield new Const(k.name(), "C0", k.c0(), k != state.klass || state.qualify("C0"));
        }
        default -> new Const(state.klass.name(), "C1", state.klass.c1(), state.qualify("C1"));
      };
    }
    if (state.hasInts()) {
      return new FromInt(intExpr(1), r.nextInt(3) == 0);
    }
    return new Var(state.pick('D', false));
  }

  Lit lit() {
    return lit(LITERALS[r.nextInt(LITERALS.length)]);
  }

  /** {@code v} (not negative), spelled one of the ways Java allows; a negative v is written with a minus. */
  Lit lit(double v) {
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

  Call math(String fn, D... args) {
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
  D positiveAwayFromZero(int depth) {
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
    Klass k = state.klass.customs() && r.nextInt(4) > 0 ? state.klass : with.get(r.nextInt(with.size()));
    String fn = ProgramGenerator.CUSTOMS[r.nextInt(ProgramGenerator.CUSTOMS.length)];
    List<D> args = new ArrayList<>();
    for (int i = 0; i < ProgramGenerator.arity(fn); i++) {
      args.add(expr(d));
    }
    return new Custom(k.name(), fn, args, k != state.klass || r.nextInt(5) == 0);
  }

  // ---- int expressions ------------------------------------------------------------------------

  I intExpr(int depth) {
    if (depth > 0 && r.nextInt(12) == 0) {
      B c = cond(0);
      return inCondition(() -> new ICond(c, intExpr(0), intExpr(0))); // each arm evaluated only at times
    }
    if (depth > 0 && r.nextInt(3) == 0) {
      char op = "+-*%".charAt(r.nextInt(4));
      if (op == '%') {
        return new IBin('%', intExpr(0), new ILit(2 + r.nextInt(2), false));
      }
      return new IBin(op, intExpr(0), intExpr(0));
    }
    int roll = r.nextInt(10);
    if (state.takesRecords && roll < 2 && r.nextBoolean()) {
      I component = records.recordInt(roll == 0);
      if (component != null) {
        return component;
      }
    }
    if (roll == 0 && state.has('A', false)) {
      return new ILen(state.pick('A', false));
    }
    if (roll == 1 && r.nextInt(3) == 0) {
      return new IOfD(expr(depth), 2 + r.nextInt(4));
    }
    if (roll < 6 && state.hasInts()) {
      String name = state.pick('I', false);
      return new IVar(name, state.kindOf(name) == 'L');
    }
    if (roll < 8) {
      return new IConst(state.klass.name(), "K0", state.klass.k0(), state.qualify("K0"));
    }
    return new ILit(r.nextInt(5), r.nextInt(6) == 0);
  }

  /** An int (not long) expression. */
  I intOnly(int depth) {
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
    state.conditional++;
    B b = cond(depth);
    state.conditional--;
    return b;
  }

  B cond(int depth) {
    return inCondition(() -> condition(depth));
  }

  /**
   * What {@code part} makes, counted as evaluated under a condition (a test, an arm of ?:), where no call
   * passing records may stand: its body could not be inlined there (E263).
   */
  private <T> T inCondition(java.util.function.Supplier<T> part) {
    state.conditions++;
    try {
      return part.get();
    } finally {
      state.conditions--;
    }
  }

  private B condition(int depth) {
    int roll = r.nextInt(100);
    if (roll < 55 || depth <= 0) {
      String op = new String[] {"<", "<=", ">", ">=", "<", ">", "==", "!="}[r.nextInt(8)];
      D right = r.nextInt(3) == 0 ? (r.nextBoolean() ? lit() : lit(0.0)) : expr(Math.max(0, depth - 1));
      return new Cmp(op, expr(depth), right);
    }
    if (roll < 65 && state.hasInts()) {
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
    if (roll < 96 && state.has('E', false)) {
      return new ECmp(ProgramGenerator.ENUM_PARAM, r.nextBoolean(), r.nextInt(Ast.ENUM_CONSTANTS));
    }
    if (state.takesRecords && r.nextBoolean()) {
      String component = records.recordPath('Z', false);
      if (component != null) {
        return new BVar(component);
      }
    }
    if (state.has('B', false)) {
      return new BVar(state.pick('B', false));
    }
    return cond(depth - 1);
  }

  // ---- indices in bounds ----------------------------------------------------------------------

  /**
   * An index into {@code array} that is in bounds by construction (every array has an entry); with {@link
   * MethodState#linearIndices}, a counter over it or 0.
   */
  I index(String array) {
    if (state.linearIndices) {
      for (VarInfo v : state.env) {
        if (v.nonNegative() && array.equals(v.over()) && r.nextInt(3) > 0) {
          return new IVar(v.name(), false);
        }
      }
      return new ILit(0, false);
    }
    List<VarInfo> counters = new ArrayList<>();
    for (VarInfo v : state.env) {
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
    if (roll < 9 && !state.split(array)) {
      // from a double: in bounds whatever its value (it may call a method: not of an array split into locals)
      state.resultIndexCalls |= array.equals(state.result);
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
  String row(String m) {
    List<String> counters = new ArrayList<>();
    for (VarInfo v : state.env) {
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
}
