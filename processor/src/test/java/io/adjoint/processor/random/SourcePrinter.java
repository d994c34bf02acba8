package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.ARead;
import io.adjoint.processor.random.Ast.ARef;
import io.adjoint.processor.random.Ast.And;
import io.adjoint.processor.random.Ast.AssignA;
import io.adjoint.processor.random.Ast.Custom;
import io.adjoint.processor.random.Ast.DeclA;
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
import io.adjoint.processor.random.Ast.DeclSwitch;
import io.adjoint.processor.random.Ast.Switch;
import io.adjoint.processor.random.Ast.SwitchCase;
import io.adjoint.processor.random.Ast.SwitchD;
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
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Prints programs as Java source, three ways from one AST:
 *
 * <ul>
 *   <li>{@link Mode#PLAIN}: the {@code @Differentiable} original, in class {@code R0}, as a user would
 *       write it (minimal parentheses, sometimes a few more, {@code Math} or {@code StrictMath}).
 *   <li>{@link Mode#VALUE}: the same program on {@link io.adjoint.Value}, in {@code R0V}, branching on
 *       {@code .data()}: the independent reference gradient.
 *   <li>{@link Mode#PROBE}: the plain program with each comparison and kink routed through {@link
 *       Probe}, in {@code R0P}: the same values, plus how close each input comes to a kink.
 * </ul>
 *
 * An instance method of a record ({@link Program#receiver}) is printed plain into its record (see {@link
 * #recordSource(Ast.RType, boolean, List, long)}), its receiver {@code this}; its Value and probe versions
 * are static, in {@code R0V} and {@code R0P}, the receiver their first parameter {@code self}, and {@code
 * R0} has a plain static bridge of the same signature.
 */
final class SourcePrinter {
  enum Mode {
    PLAIN(""),
    VALUE("V"),
    PROBE("P");

    final String suffix;

    Mode(String suffix) {
      this.suffix = suffix;
    }
  }

  static final String PACKAGE = "gen";

  private static final int PRIMARY = 100;
  private static final int UNARY = 90;
  private static final int MUL = 80;
  private static final int ADD = 70;
  private static final int REL = 60;
  private static final int EQ = 55;
  private static final int AND = 40;
  private static final int OR = 30;
  private static final int COND = 20;

  /** Functions with a kink or a singularity: the probe version routes them through {@link Probe}. */
  private static final Set<String> KINKS =
      Set.of("abs", "signum", "min", "max", "floor", "ceil", "rint", "round", "cbrt", "hypot", "atan2",
          "asin", "acos", "sqrt", "log", "log10", "log1p", "pow", "copySign", "IEEEremainder", "ulp",
          "getExponent");
  /** The kinks whose value depends on Math or StrictMath: their probe takes a {@code strict} flag. */
  private static final Set<String> STRICT_KINKS =
      Set.of("cbrt", "hypot", "atan2", "asin", "acos", "sqrt", "log", "log10", "log1p", "pow", "copySign");
  /**
   * Functions {@code Math} also declares on floats: Java calls the float one when no argument in the
   * positions that take a float or a double is a double (see {@code MathFunction.floatOverloaded}), so the
   * plain program casts an int first argument to double. And {@code signum}, whose float result has the
   * double's value but stays a float: {@code Math.ulp(Math.signum(K0))} is the float's ulp, 2²⁹ times the
   * double's, which the Value and probe versions, in doubles, cannot follow.
   */
  private static final Set<String> FLOAT_OVERLOADED =
      Set.of("fma", "copySign", "scalb", "nextUp", "nextDown", "nextAfter", "ulp", "getExponent", "signum");
  /** Functions whose value is exactly specified: Math and StrictMath agree (copySign but on NaN's sign). */
  private static final Set<String> EXACT =
      Set.of("abs", "min", "max", "signum", "floor", "ceil", "rint", "round", "fma", "scalb", "nextUp",
          "nextDown", "nextAfter", "IEEEremainder", "ulp", "getExponent");
  /** Functions that overflow: the probe version checks their results are finite. */
  private static final Set<String> OVERFLOWS = Set.of("exp", "expm1", "sinh", "cosh", "tan");
  /** Functions {@link io.adjoint.Value} has as methods. */
  private static final Set<String> VALUE_METHODS =
      Set.of("sin", "cos", "tan", "tanh", "exp", "log", "sqrt", "abs");

  /**
   * Smooth helpers the processor differentiates through their {@code @Derivative} methods only (their
   * bodies branch, which is no kink: both formulas are the same analytic function, written to avoid
   * overflow); {@link ValueMath} computes the same functions with Value's operations.
   */
  static final String CUSTOM_HELPERS =
      """

        public static double softplus(double x) {
          return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
        }

        @io.adjoint.Derivative(of = "softplus", wrt = "x")
        static double softplusDx(double x) {
          return 1.0 / (1.0 + Math.exp(-x));
        }

        public static double logCosh(double x) {
          double a = Math.abs(x);
          return a + Math.log1p(Math.exp(-2.0 * a)) - Math.log(2.0);
        }

        @io.adjoint.Derivative(of = "logCosh", wrt = "x")
        static double logCoshDerivative(double x) {
          return Math.tanh(x);
        }

        public static double logAddExp(double x, double y) {
          return x >= y ? x + Math.log1p(Math.exp(y - x)) : y + Math.log1p(Math.exp(x - y));
        }

        @io.adjoint.Derivative(of = "logAddExp", wrt = "x")
        static double logAddExpDx(double x, double y) {
          return 1.0 / (1.0 + Math.exp(y - x));
        }

        @io.adjoint.Derivative(of = "logAddExp", wrt = "y")
        static double logAddExpDy(double x, double y) {
          return 1.0 / (1.0 + Math.exp(x - y));
        }
      """;

  private final Mode mode;
  private final SplittableRandom parens;
  private String owner; // the class the program is printed into, without suffix
  private final StringBuilder out = new StringBuilder();

  /** A printed expression: its text, its precedence, and whether Java types it int or long. */
  private record T(String text, int prec, boolean integral) {
    T(String text, int prec) {
      this(text, prec, false);
    }
  }

  SourcePrinter(Mode mode, long seed) {
    this.mode = mode;
    this.parens = new SplittableRandom(seed);
  }

  /** The compilation unit of class {@code klass} in this mode. */
  static String classSource(Mode mode, ProgramGenerator.Klass klass, List<Program> programs, long seed) {
    SourcePrinter p = new SourcePrinter(mode, seed);
    p.owner = klass.name();
    StringBuilder o = p.out;
    o.append("package ").append(PACKAGE).append(";\n\n");
    switch (mode) {
      case PLAIN -> o.append("import io.adjoint.Differentiable;\nimport io.adjoint.NoDerivative;\n\n");
      case VALUE -> o.append("import io.adjoint.Value;\nimport io.adjoint.processor.random.ValueMath;\n\n");
      case PROBE -> o.append("import io.adjoint.processor.random.Probe;\n\n");
    }
    o.append("public final class ").append(klass.name()).append(mode.suffix).append(" {\n");
    if (mode == Mode.PLAIN) {
      o.append("  static final double C0 = ").append(klass.c0()).append(";\n");
      o.append("  static final double C1 = ").append(klass.c1()).append(";\n");
      o.append("  static final int K0 = ").append(klass.k0()).append(";\n");
      if (klass.customs()) {
        o.append(CUSTOM_HELPERS);
      }
    }
    for (Program program : programs) {
      o.append('\n');
      if (program.receiver != null && mode == Mode.PLAIN) {
        p.bridge(program); // the method itself is printed into its record
      } else {
        p.method(program);
      }
    }
    o.append("}\n");
    return o.toString();
  }

  /**
   * The plain class's static bridge to instance method {@code program} of a record: {@code public static
   * double m(Rec0 self, …) { return self.m(…); }}, not differentiated, so that the checks call the
   * plain program as they call its probe and Value versions, the receiver first.
   */
  private void bridge(Program program) {
    out.append("  public static ").append(resultType(program)).append(' ').append(program.name).append('(');
    StringBuilder args = new StringBuilder();
    for (int i = 0; i < program.params.size(); i++) {
      out.append(i > 0 ? ", " : "").append(program.type(i, "double")).append(' ').append(param(program, i));
      if (i > 0) {
        args.append(i > 1 ? ", " : "").append(program.params.get(i));
      }
    }
    out.append(") {\n");
    line(2, "return self." + program.name + "(" + args + ");");
    out.append("  }\n");
  }

  /** One method, alone: for failure messages and regression tests (an instance method in its record). */
  static String methodSource(Program program) {
    SourcePrinter p = new SourcePrinter(Mode.PLAIN, 0);
    p.owner = program.receiver != null ? program.receiver.name : program.owner;
    if (program.receiver != null) {
      p.out.append("  // in record ").append(program.receiver.name).append('\n');
    }
    p.method(program);
    return p.out.toString();
  }

  /** What {@code program} returns, in this mode. */
  private String resultType(Program program) {
    String type = mode == Mode.VALUE ? "Value" : "double";
    return program.returns != null ? type(program.returns) : program.vector ? type + "[]" : type;
  }

  /** The name parameter i is printed with: an instance method's receiver is {@code self} in a static version. */
  private static String param(Program program, int i) {
    String name = program.params.get(i);
    return name.equals(Program.RECEIVER) ? "self" : name;
  }

  private void method(Program program) {
    String type = mode == Mode.VALUE ? "Value" : "double";
    if (mode == Mode.PLAIN) {
      out.append(program.order == 2 ? "  @Differentiable(order = 2)\n" : "  @Differentiable\n");
    }
    // an instance method of a record in the plain version (printed into the record), else static
    boolean instance = program.receiver != null && mode == Mode.PLAIN;
    out.append(instance ? "  public " : "  public static ").append(resultType(program)).append(' ').append(program.name).append('(');
    for (int i = instance ? 1 : 0; i < program.params.size(); i++) {
      if (i > (instance ? 1 : 0)) {
        out.append(", ");
      }
      String name = param(program, i);
      if (program.kind(i) == 'N' || program.kind(i) == 'O') {
        if (mode == Mode.PLAIN) {
          out.append("@NoDerivative ");
        } else if (mode == Mode.VALUE && program.kind(i) == 'N') {
          name += "$data"; // a double, the method's Value variable of the name is made from it
        }
      }
      out.append(program.type(i, type)).append(' ').append(name);
    }
    out.append(") {\n");
    for (int i = 0; i < program.params.size(); i++) {
      if (mode == Mode.VALUE && program.kind(i) == 'N') {
        String name = program.params.get(i);
        line(2, "Value " + name + " = Value.of(" + name + "$data);");
      }
    }
    block(program.body, 2);
    out.append("  }\n");
  }

  // ---- statements -----------------------------------------------------------------------------

  private void block(List<S> statements, int indent) {
    for (S s : statements) {
      statement(s, indent);
    }
  }

  private void line(int indent, String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
  }

  private void statement(S s, int indent) {
    if (s instanceof DeclD d) {
      String type = mode == Mode.VALUE ? "Value" : "double";
      line(indent, (d.isFinal() ? "final " : "") + type + " " + d.name() + " = " + stored(d(d.init())) + ";");
    } else if (s instanceof AssignD a) {
      if (mode == Mode.PROBE) {
        String op = a.op().substring(0, 1);
        line(indent, a.name() + " = " + stored(op.equals("=") ? d(a.value())
            : new T(a.name() + " " + op + " " + wrap(d(a.value()), op.equals("+") || op.equals("-") ? ADD + 1 : MUL + 1), ADD)) + ";");
      } else if (mode != Mode.VALUE || a.op().equals("=")) {
        line(indent, a.name() + " " + a.op() + " " + d(a.value()).text() + ";");
      } else {
        String method =
            switch (a.op()) {
              case "+=" -> "add";
              case "-=" -> "sub";
              case "*=" -> "mul";
              case "/=" -> "div";
              default -> throw new IllegalArgumentException(a.op());
            };
        line(indent, a.name() + " = " + a.name() + "." + method + "(" + d(a.value()).text() + ");");
      }
    } else if (s instanceof IncD inc) {
      if (mode == Mode.VALUE) {
        line(indent, inc.name() + " = " + inc.name() + (inc.increment() ? ".add" : ".sub") + "(1.0);");
      } else {
        String op = inc.increment() ? "++" : "--";
        line(indent, (inc.prefix() ? op + inc.name() : inc.name() + op) + ";");
      }
    } else if (s instanceof DeclI d) {
      line(indent, (d.isLong() ? "long " : "int ") + d.name() + " = " + i(d.init()).text() + ";");
    } else if (s instanceof AssignI a) {
      line(indent, a.value() == null ? a.name() + a.op() + ";" : a.name() + " " + a.op() + " " + i(a.value()).text() + ";");
    } else if (s instanceof MixI m) {
      if (mode == Mode.PROBE) {
        String op = m.op().substring(0, 1);
        line(indent, m.name() + " = Probe." + (m.isLong() ? "toLong" : "toInt") + "(" + m.name() + " " + op + " "
            + wrap(d(m.value()), op.equals("*") ? MUL + 1 : ADD + 1) + ");");
      } else if (mode == Mode.VALUE) {
        line(indent, m.name() + " " + m.op() + " " + value(m.value()) + ".data();");
      } else {
        line(indent, m.name() + " " + m.op() + " " + d(m.value()).text() + ";");
      }
    } else if (s instanceof DeclB d) {
      line(indent, "boolean " + d.name() + " = " + b(d.init()).text() + ";");
    } else if (s instanceof If f) {
      ifStatement(f, indent, "if");
      line(indent, "}");
    } else if (s instanceof Return r) {
      line(indent, "return " + stored(d(r.value())) + ";");
    } else if (s instanceof Ast.ReturnR r) {
      line(indent, "return " + record(r.value()) + ";");
    } else if (s instanceof Ast.ReturnA r) {
      line(indent, "return " + r.array() + ";");
    } else if (s instanceof Ast.ReturnNew r) {
      StringBuilder elements = new StringBuilder();
      for (int k = 0; k < r.elements().size(); k++) {
        elements.append(k > 0 ? ", " : "").append(stored(d(r.elements().get(k))));
      }
      line(indent, "return new " + (mode == Mode.VALUE ? "Value" : "double") + "[] {" + elements + "};");
    } else if (s instanceof Ast.DeclV v) {
      line(indent, (mode == Mode.VALUE ? "Value" : "double") + "[] " + v.name() + " = " + plain(v.call()).text() + ";");
    } else if (s instanceof For f) {
      line(indent, "for (int " + f.var() + " = " + i(f.start()).text() + "; " + f.var() + (f.plus() == 0 ? "" : " + " + f.plus())
          + " " + f.cmp() + " " + wrap(i(f.bound()), REL + 1) + "; " + f.var() + "++) {");
      block(f.body(), indent + 1);
      line(indent, "}");
    } else if (s instanceof While w) {
      if (w.doWhile()) {
        line(indent, "do {");
        block(w.body(), indent + 1);
        line(indent, "} while (" + b(w.cond()).text() + ");");
      } else {
        line(indent, "while (" + b(w.cond()).text() + ") {");
        block(w.body(), indent + 1);
        line(indent, "}");
      }
    } else if (s instanceof Jump j) {
      line(indent, j.isBreak() ? "break;" : "continue;");
    } else if (s instanceof Seq q) {
      block(q.statements(), indent);
    } else if (s instanceof DeclA a && a.elements() != null) {
      StringBuilder elements = new StringBuilder("{");
      for (int k = 0; k < a.elements().size(); k++) {
        elements.append(k > 0 ? ", " : "").append(stored(d(a.elements().get(k))));
      }
      elements.append('}');
      String type = mode == Mode.VALUE ? "Value" : "double";
      line(indent, type + "[] " + a.name() + " = " + (a.bare() ? "" : "new " + type + "[] ") + elements + ";");
    } else if (s instanceof DeclA a) {
      String size = i(a.size()).text();
      line(indent, mode == Mode.VALUE
          ? "Value[] " + a.name() + " = ValueMath.zeros(" + size + ");"
          : "double[] " + a.name() + " = new double[" + size + "];");
    } else if (s instanceof Ast.DeclAlias a) {
      line(indent, (mode == Mode.VALUE ? "Value" : "double") + "[] " + a.name() + " = " + self(a.array()) + ";");
    } else if (s instanceof AssignA a) {
      String entry = self(a.array()) + "[" + i(a.index()).text() + "]";
      if (mode == Mode.PROBE) {
        String op = a.op().substring(0, 1);
        line(indent, entry + " = " + stored(op.equals("=") ? d(a.value())
            : new T(entry + " " + op + " " + wrap(d(a.value()), op.equals("*") ? MUL + 1 : ADD + 1), ADD)) + ";");
      } else if (mode != Mode.VALUE || a.op().equals("=")) {
        line(indent, entry + " " + a.op() + " " + d(a.value()).text() + ";");
      } else {
        String method =
            switch (a.op()) {
              case "+=" -> "add";
              case "-=" -> "sub";
              case "*=" -> "mul";
              default -> throw new IllegalArgumentException(a.op());
            };
        line(indent, entry + " = " + entry + "." + method + "(" + d(a.value()).text() + ");");
      }
    } else if (s instanceof Switch w) {
      line(indent, "switch (" + i(w.selector()).text() + ") {");
      for (SwitchCase c : w.cases()) {
        boolean braced = w.arrows() || declares(c.body());
        line(indent + 1, label(c.labels(), w.arrows(), w.selector()) + (braced && !w.arrows() ? " {" : ""));
        block(c.body(), indent + 2);
        if (braced) {
          line(indent + 1, "}");
        }
        if (c.breaks()) {
          line(indent + 2, "break;");
        }
      }
      line(indent, "}");
    } else if (s instanceof DeclSwitch w) {
      String type = mode == Mode.VALUE ? "Value" : "double";
      line(indent, type + " " + w.name() + " = switch (" + i(w.selector()).text() + ") {");
      for (int k = 0; k < w.cases().size(); k++) {
        SwitchCase c = w.cases().get(k);
        boolean braced = w.arrows() || declares(c.body());
        line(indent + 1, label(c.labels(), w.arrows(), w.selector()) + (braced && !w.arrows() ? " {" : ""));
        block(c.body(), indent + 2);
        String value = stored(d(w.values().get(k)));
        if (value.startsWith("(")) {
          // yield (…) would call a method named yield
          line(indent + 2, type + " " + w.name() + "$" + k + " = " + value + ";");
          value = w.name() + "$" + k;
        }
        line(indent + 2, "yield " + value + ";");
        if (braced) {
          line(indent + 1, "}");
        }
      }
      line(indent, "};");
    } else if (s instanceof ForEach f) {
      line(indent, "for (" + (mode == Mode.VALUE ? "Value " : "double ") + f.var() + " : " + self(f.array()) + ") {");
      block(f.body(), indent + 1);
      line(indent, "}");
    } else if (s instanceof Ast.DeclR d) {
      line(indent, (d.var() ? "var" : type(d.type())) + " " + d.name() + " = " + record(d.init()) + ";");
    } else if (s instanceof Ast.AssignR a) {
      line(indent, a.name() + " = " + record(a.value()) + ";");
    } else if (s instanceof Ast.ForEachR f) {
      line(indent, "for (" + type(f.type()) + " " + f.var() + " : " + f.array() + ") {");
      block(f.body(), indent + 1);
      line(indent, "}");
    } else {
      throw new IllegalArgumentException(String.valueOf(s));
    }
  }

  /**
   * Whether a colon case declares a local at its top level: its statements are then printed in braces,
   * for javac 17 miscompiles some such methods (a VerifyError, "Inconsistent stackmap frames", when a
   * switch whose colon cases declare locals follows a do-while loop with a continue in an if's branch).
   * The processor's handling of such locals is tested in {@code SwitchTest}.
   */
  private static boolean declares(List<S> body) {
    for (S s : body) {
      if (s instanceof DeclD || s instanceof DeclI || s instanceof DeclB || s instanceof DeclA
          || s instanceof DeclSwitch || s instanceof Ast.DeclAlias || s instanceof Ast.DeclR
          || s instanceof Seq q && declares(q.statements())) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code case 1, 2 -> {}, {@code case 1, 2:}, {@code default -> {} or {@code default:}; on an enum
   * {@code selector}, label {@code l} is the constant {@code S(l+1)}.
   */
  private static String label(List<Integer> labels, boolean arrows, I selector) {
    boolean onEnum = selector instanceof Ast.EVar;
    String head = labels.isEmpty()
        ? "default"
        : "case " + labels.stream().map(l -> onEnum ? "S" + (l + 1) : String.valueOf(l))
            .collect(java.util.stream.Collectors.joining(", "));
    return head + (arrows ? " -> {" : ":");
  }

  /** A switch expression whose cases are expressions (a primary expression), its arms printed as {@code arms}. */
  private String switchExpression(SwitchD w, List<String> arms) {
    StringBuilder text = new StringBuilder("switch (").append(i(w.selector()).text()).append(") {");
    for (int k = 0; k < w.arms().size(); k++) {
      text.append(' ').append(label(w.labels().get(k), true, w.selector()).replace(" {", " ")).append(arms.get(k)).append(';');
    }
    return text.append(" }").toString();
  }

  /** Prints an if, its else-if chain and else, without the closing brace. */
  private void ifStatement(If f, int indent, String keyword) {
    line(indent, keyword + " (" + b(f.cond()).text() + ") {");
    block(f.then(), indent + 1);
    if (f.otherwise().size() == 1 && f.otherwise().get(0) instanceof If nested) {
      ifStatement(nested, indent, "} else if");
    } else if (!f.otherwise().isEmpty()) {
      line(indent, "} else {");
      block(f.otherwise(), indent + 1);
    }
  }

  // ---- expressions ----------------------------------------------------------------------------

  /** A double being stored: the probe checks it is finite. */
  private String stored(T t) {
    return mode == Mode.PROBE ? "Probe.finite(" + t.text() + ")" : t.text();
  }

  private static String wrap(T t, int min) {
    return t.prec() < min ? "(" + t.text() + ")" : t.text();
  }

  private T maybeParens(T t) {
    if (mode == Mode.PLAIN && t.prec() < PRIMARY && parens.nextInt(25) == 0) {
      return new T("(" + t.text() + ")", PRIMARY, t.integral());
    }
    return t;
  }

  private String qualify(String cls) {
    return cls + mode.suffix;
  }

  private T d(D e) {
    return mode == Mode.VALUE ? new T(value(e), PRIMARY) : maybeParens(plain(e));
  }

  /** Plain and probe modes: Java double arithmetic. */
  private T plain(D e) {
    if (e instanceof Var v) {
      return new T(v.name(), PRIMARY);
    }
    if (e instanceof Lit l) {
      return new T(l.text(), PRIMARY, l.text().matches("-?[0-9_]+L?"));
    }
    if (e instanceof Const c) {
      boolean local = mode == Mode.PLAIN && c.owner().equals(owner) && !c.qualified();
      return new T(local ? c.name() : c.owner() + "." + c.name(), PRIMARY);
    }
    if (e instanceof Neg n) {
      return sign("-", d(n.operand()));
    }
    if (e instanceof Pos p) {
      return sign("+", d(p.operand()));
    }
    if (e instanceof Bin b) {
      int prec = b.op() == '+' || b.op() == '-' ? ADD : MUL;
      T l = d(b.left());
      T r = d(b.right());
      if (b.op() == '/' && b.right() instanceof Lit lit) {
        r = new T(Double.toString(lit.value()), PRIMARY); // never an int division
      }
      String left = wrap(l, prec);
      if (l.integral() && r.integral()) {
        left = "(double) " + wrap(l, UNARY); // keep double arithmetic: no overflow, no int division
      }
      String right = r.prec() <= prec ? "(" + r.text() + ")" : r.text();
      return new T(left + " " + b.op() + " " + right, prec);
    }
    if (e instanceof Call c) {
      return call(c);
    }
    if (e instanceof Cond c) {
      T t = d(c.then());
      T o = d(c.otherwise());
      return new T(
          wrap(b(c.cond()), OR + 1) + " ? " + wrap(t, OR) + " : " + wrap(o, COND),
          COND,
          t.integral() && o.integral());
    }
    if (e instanceof FromInt f) {
      T t = i(f.expr());
      return f.explicit() ? new T("(double) " + wrap(t, UNARY), UNARY) : new T(t.text(), t.prec(), true);
    }
    if (e instanceof Cast c) {
      T t = d(c.operand());
      if (mode == Mode.PROBE && !c.type().equals("double")) {
        return new T("Probe." + (c.type().equals("int") ? "toInt" : "toLong") + "(" + t.text() + ")", PRIMARY, true);
      }
      return new T("(" + c.type() + ") " + wrap(t, UNARY), UNARY, !c.type().equals("double"));
    }
    if (e instanceof Invoke inv && inv.callee().receiver != null && mode == Mode.PLAIN) {
      return new T(instanceCall(inv), PRIMARY);
    }
    if (e instanceof Invoke inv) {
      StringBuilder s = new StringBuilder();
      if (mode == Mode.PROBE || inv.qualified() || !inv.callee().owner.equals(owner)) {
        s.append(qualify(inv.callee().owner)).append('.');
      }
      s.append(inv.callee().name).append('(');
      for (int k = 0; k < inv.args().size(); k++) {
        if (k > 0) {
          s.append(", ");
        }
        Object a = inv.args().get(k);
        s.append(argument(a));
        if (mode == Mode.VALUE && inv.callee().kind(k) == 'N') {
          s.append(".data()"); // a @NoDerivative parameter: a double, no derivative flows through it
        }
      }
      return new T(s.append(')').toString(), PRIMARY);
    }
    if (e instanceof ARead a) {
      return new T(self(a.array()) + "[" + i(a.index()).text() + "]", PRIMARY);
    }
    if (e instanceof Ast.RRead r) {
      return new T(recordRead(r), PRIMARY);
    }
    if (e instanceof SwitchD w) {
      boolean integral = true;
      List<String> arms = new java.util.ArrayList<>();
      for (D arm : w.arms()) {
        T t = d(arm);
        integral &= t.integral();
        arms.add(t.text());
      }
      return new T(switchExpression(w, arms), PRIMARY, integral);
    }
    if (e instanceof Custom c) {
      StringBuilder s = new StringBuilder();
      if (mode == Mode.PROBE || c.qualified() || !c.owner().equals(owner)) {
        s.append(c.owner()).append('.'); // the probe calls the plain class's helper
      }
      s.append(c.fn()).append('(');
      for (int k = 0; k < c.args().size(); k++) {
        s.append(k > 0 ? ", " : "").append(d(c.args().get(k)).text());
      }
      return new T(s.append(')').toString(), PRIMARY);
    }
    throw new IllegalArgumentException(String.valueOf(e));
  }

  /**
   * Unary minus or plus; never {@code --x}, which would be a decrement. An int operand is widened first,
   * as Value sees it: the int -0 is 0, but the double -(0.0) is -0.0, which atan2 tells apart.
   */
  private static T sign(String op, T operand) {
    if (operand.integral() && op.equals("-")) {
      operand = new T("(double) " + wrap(operand, UNARY), UNARY);
    }
    String text = wrap(operand, UNARY);
    if (text.startsWith("-") || text.startsWith("+")) {
      text = "(" + text + ")";
    }
    return new T(op + text, UNARY, operand.integral());
  }

  private T call(Call c) {
    StringBuilder args = new StringBuilder();
    boolean integral = true;
    for (int k = 0; k < c.args().size(); k++) {
      if (k > 0) {
        args.append(", ");
      }
      T t = d(c.args().get(k));
      integral &= t.integral();
      if (k == 0 && t.integral() && FLOAT_OVERLOADED.contains(c.fn())) {
        t = new T("(double) " + wrap(t, UNARY), UNARY);
      }
      args.append(t.text());
    }
    if (mode == Mode.PROBE && KINKS.contains(c.fn())) {
      boolean strictArg = STRICT_KINKS.contains(c.fn());
      return new T(
          "Probe." + c.fn() + "(" + args + (strictArg ? ", " + c.strict() : "") + ")",
          PRIMARY,
          c.fn().equals("round") || c.fn().equals("getExponent"));
    }
    boolean resultIntegral = c.fn().equals("round") || c.fn().equals("getExponent")
        || (integral && Set.of("abs", "min", "max").contains(c.fn()));
    String call = (c.strict() ? "StrictMath." : "Math.") + c.fn() + "(" + args + ")";
    if (mode == Mode.PROBE && OVERFLOWS.contains(c.fn())) {
      call = "Probe.finite(" + call + ")";
    }
    return new T(call, PRIMARY, resultIntegral);
  }

  /** Value mode: every double expression is a Value, printed as a primary expression. */
  private String value(D e) {
    if (e instanceof Var v) {
      return v.name();
    }
    if (e instanceof Lit l) {
      return "Value.of(" + l.value() + ")";
    }
    if (e instanceof Const c) {
      return "Value.of(" + c.owner() + "." + c.name() + ")";
    }
    if (e instanceof Neg n) {
      return value(n.operand()) + ".neg()";
    }
    if (e instanceof Pos p) {
      return value(p.operand());
    }
    if (e instanceof Bin b) {
      String method =
          switch (b.op()) {
            case '+' -> "add";
            case '-' -> "sub";
            case '*' -> "mul";
            case '/' -> "div";
            default -> throw new IllegalArgumentException();
          };
      return value(b.left()) + "." + method + "(" + value(b.right()) + ")";
    }
    if (e instanceof Call c) {
      List<D> a = c.args();
      String fn = c.fn();
      if (c.strict() && !EXACT.contains(fn)) {
        // StrictMath may round differently from Math: the node gets StrictMath's value
        StringBuilder s = new StringBuilder("ValueMath.strict(\"").append(fn).append("\", ");
        s.append(value(c.withStrict(false)));
        for (D arg : a) {
          s.append(", ").append(value(arg));
        }
        return s.append(')').toString();
      }
      if (VALUE_METHODS.contains(fn)) {
        return value(a.get(0)) + "." + fn + "()";
      }
      if (fn.equals("min") || fn.equals("max")) {
        return value(a.get(0)) + "." + fn + "(" + value(a.get(1)) + ")";
      }
      if (fn.equals("pow")) {
        String exponent = a.get(1) instanceof Lit l ? Double.toString(l.value()) : value(a.get(1));
        return value(a.get(0)) + ".pow(" + exponent + ")";
      }
      StringBuilder s = new StringBuilder("ValueMath.").append(fn).append('(');
      for (int k = 0; k < a.size(); k++) {
        s.append(k > 0 ? ", " : "").append(value(a.get(k)));
      }
      return s.append(')').toString();
    }
    if (e instanceof Cond c) {
      return "(" + b(c.cond()).text() + " ? " + value(c.then()) + " : " + value(c.otherwise()) + ")";
    }
    if (e instanceof FromInt f) {
      return "Value.of((double) (" + i(f.expr()).text() + "))";
    }
    if (e instanceof Cast c) {
      if (c.type().equals("double")) {
        return value(c.operand());
      }
      return "ValueMath." + (c.type().equals("int") ? "toInt" : "toLong") + "(" + value(c.operand()) + ")";
    }
    if (e instanceof Invoke inv) {
      return plain(inv).text();
    }
    if (e instanceof ARead a) {
      return self(a.array()) + "[" + i(a.index()).text() + "]";
    }
    if (e instanceof Ast.RRead r) {
      return recordRead(r);
    }
    if (e instanceof SwitchD w) {
      // a method of the Value it yields cannot be called on a bare switch expression
      return "(" + switchExpression(w, w.arms().stream().map(this::value).toList()) + ")";
    }
    if (e instanceof Custom c) {
      StringBuilder s = new StringBuilder("ValueMath.").append(c.fn()).append('(');
      for (int k = 0; k < c.args().size(); k++) {
        s.append(k > 0 ? ", " : "").append(value(c.args().get(k)));
      }
      return s.append(')').toString();
    }
    throw new IllegalArgumentException(String.valueOf(e));
  }

  // ---- records --------------------------------------------------------------------------------

  /** The record type as this mode names it: its Value twin in the Value version. */
  private String type(Ast.RType t) {
    return t.name + (mode == Mode.VALUE ? "V" : "");
  }

  /** An argument of a call or of a record's constructor. */
  private String argument(Object a) {
    return a instanceof D ad ? d(ad).text()
        : a instanceof I ai ? i(ai).text()
        : a instanceof ARef ar ? self(ar.name())
        : a instanceof Ast.RE re ? record(re)
        : b((B) a).text();
  }

  private String recordRead(Ast.RRead r) {
    return self(r.base() + (r.index() == null ? "" : "[" + i(r.index()).text() + "]") + r.path());
  }

  /**
   * A name or accessor chain that may start at an instance method's receiver, {@code this}: in the
   * static probe and Value versions that is {@code self}; in the record's own method its first
   * component is read one of the four ways Java allows, {@code this.x()}, {@code x()}, {@code x} or
   * {@code this.x} (no parameter or local takes a component's name there).
   */
  private String self(String text) {
    if (!text.equals("this") && !text.startsWith("this.")) {
      return text;
    }
    if (mode != Mode.PLAIN) {
      return "self" + text.substring(4);
    }
    int end = text.indexOf("()", 5);
    if (end < 0) {
      return text;
    }
    String component = text.substring(5, end);
    String rest = text.substring(end + 2);
    return switch (parens.nextInt(4)) {
      case 0 -> text;
      case 1 -> component + "()" + rest;
      case 2 -> component + rest;
      default -> "this." + component + rest;
    };
  }

  /**
   * A call to an instance method of a record in the plain version: {@code receiver.m(…)}, on {@code this}
   * at times unqualified. (The probe and Value versions call its static version, the receiver first.)
   */
  private String instanceCall(Invoke inv) {
    Ast.RE receiver = (Ast.RE) inv.args().get(0);
    String on = record(receiver);
    if (!(receiver instanceof Ast.RName || receiver instanceof Ast.RAt)) {
      on = "(" + on + ")"; // a new or a ?:
    }
    StringBuilder s = new StringBuilder();
    if (!on.equals("this") || parens.nextBoolean()) {
      s.append(on).append('.');
    }
    s.append(inv.callee().name).append('(');
    for (int k = 1; k < inv.args().size(); k++) {
      s.append(k > 1 ? ", " : "").append(argument(inv.args().get(k)));
    }
    return s.append(')').toString();
  }

  /** A record-valued expression (a {@code ?:} only stands where nothing binds tighter: no parentheses). */
  private String record(Ast.RE e) {
    if (e instanceof Ast.RName n) {
      return self(n.text());
    }
    if (e instanceof Ast.RAt a) {
      return a.array() + "[" + i(a.index()).text() + "]";
    }
    if (e instanceof Ast.RCall c) {
      return plain(c.call()).text();
    }
    if (e instanceof Ast.RCond c) {
      return wrap(b(c.cond()), OR + 1) + " ? " + record(c.then()) + " : " + record(c.otherwise());
    }
    Ast.RNew n = (Ast.RNew) e;
    StringBuilder s = new StringBuilder("new ").append(type(n.type())).append('(');
    for (int k = 0; k < n.args().size(); k++) {
      s.append(k > 0 ? ", " : "").append(argument(n.args().get(k)));
    }
    return s.append(')').toString();
  }

  /** The source of a record type, or of its Value twin: a public top-level record. */
  static String recordSource(Ast.RType t, boolean value) {
    return recordSource(t, value, List.of(), 0);
  }

  /** The source of a record type with its instance methods {@code methods}, or of its Value twin (without). */
  static String recordSource(Ast.RType t, boolean value, List<Program> methods, long seed) {
    StringBuilder s = new StringBuilder("package " + PACKAGE + ";\n\n");
    if (!methods.isEmpty()) {
      s.append("import io.adjoint.Differentiable;\nimport io.adjoint.NoDerivative;\n\n");
    }
    s.append("public record " + t.name + (value ? "V" : "") + "(");
    for (int k = 0; k < t.components.size(); k++) {
      Ast.RComp c = t.components.get(k);
      String type =
          switch (c.kind()) {
            case 'D' -> value ? "io.adjoint.Value" : "double";
            case 'A' -> value ? "io.adjoint.Value[]" : "double[]";
            case 'I' -> "int";
            case 'Z' -> "boolean";
            default -> c.type().name + (value ? "V" : "");
          };
      s.append(k > 0 ? ", " : "").append(type).append(' ').append(c.name());
    }
    if (methods.isEmpty()) {
      return s.append(") {}\n").toString();
    }
    s.append(") {\n");
    SourcePrinter p = new SourcePrinter(Mode.PLAIN, seed);
    p.owner = t.name;
    for (Program m : methods) {
      p.out.append('\n');
      p.method(m);
    }
    return s.append(p.out).append("}\n").toString();
  }

  // ---- int and boolean expressions --------------------------------------------------------------

  private T i(I e) {
    if (e instanceof IVar v) {
      return new T(self(v.name()), PRIMARY, true);
    }
    if (e instanceof Ast.EVar v) {
      return new T(v.text(), PRIMARY, true);
    }
    if (e instanceof Ast.EOrd o) {
      return new T(o.name() + ".ordinal()", PRIMARY, true);
    }
    if (e instanceof ILit l) {
      return new T(l.value() + (l.isLong() ? "L" : ""), PRIMARY, true);
    }
    if (e instanceof ILen l) {
      return new T(self(l.array()) + ".length", PRIMARY, true);
    }
    if (e instanceof IConst c) {
      boolean local = mode == Mode.PLAIN && c.owner().equals(owner) && !c.qualified();
      return new T(local ? c.name() : c.owner() + "." + c.name(), PRIMARY, true);
    }
    if (e instanceof ICond c) {
      T t = i(c.then());
      T o = i(c.otherwise());
      return new T(wrap(b(c.cond()), OR + 1) + " ? " + wrap(t, OR) + " : " + wrap(o, COND), COND, true);
    }
    if (e instanceof IOfD f) {
      String text =
          switch (mode) {
            case PLAIN -> "(int) Math.abs(" + doubleTyped(d(f.value())) + ")";
            case VALUE -> "(int) Math.abs(" + value(f.value()) + ".data())";
            case PROBE -> "Probe.toInt(Probe.abs(" + doubleTyped(d(f.value())) + "))";
          };
      return new T(text + " % " + f.modulus(), MUL, true);
    }
    if (e instanceof IBin b) {
      int prec = b.op() == '+' || b.op() == '-' ? ADD : MUL;
      T l = i(b.left());
      T r = i(b.right());
      return new T(wrap(l, prec) + " " + b.op() + " " + (r.prec() <= prec ? "(" + r.text() + ")" : r.text()), prec, true);
    }
    throw new IllegalArgumentException(String.valueOf(e));
  }

  /**
   * {@code t} typed double: the abs of an int or long could be negative (of MIN_VALUE), or turn
   * negative in the cast to int; of a double it cannot.
   */
  private static String doubleTyped(T t) {
    return t.integral() ? "(double) " + wrap(t, UNARY) : t.text();
  }

  private T b(B e) {
    if (e instanceof Cmp c) {
      if (mode == Mode.VALUE) {
        return new T(value(c.left()) + ".data() " + c.op() + " " + value(c.right()) + ".data()", prec(c.op()));
      }
      if (mode == Mode.PROBE) {
        String fn =
            switch (c.op()) {
              case "<" -> "lt";
              case "<=" -> "le";
              case ">" -> "gt";
              case ">=" -> "ge";
              case "==" -> "eq";
              default -> "ne";
            };
        return new T("Probe." + fn + "(" + d(c.left()).text() + ", " + d(c.right()).text() + ")", PRIMARY);
      }
      return binary(d(c.left()), c.op(), d(c.right()), prec(c.op()));
    }
    if (e instanceof ICmp c) {
      return binary(i(c.left()), c.op(), i(c.right()), prec(c.op()));
    }
    if (e instanceof And a) {
      return binary(b(a.left()), "&&", b(a.right()), AND);
    }
    if (e instanceof Or o) {
      return binary(b(o.left()), "||", b(o.right()), OR);
    }
    if (e instanceof Not n) {
      return new T("!" + wrap(b(n.operand()), UNARY), UNARY);
    }
    if (e instanceof BVar v) {
      return new T(self(v.name()), PRIMARY);
    }
    if (e instanceof Ast.ECmp c) {
      return new T(c.name() + (c.equal() ? " == " : " != ") + Ast.ENUM + ".S" + c.constant(), EQ);
    }
    throw new IllegalArgumentException(String.valueOf(e));
  }

  private static int prec(String op) {
    return op.equals("==") || op.equals("!=") ? EQ : REL;
  }

  private static T binary(T l, String op, T r, int prec) {
    return new T(wrap(l, prec) + " " + op + " " + (r.prec() <= prec ? "(" + r.text() + ")" : r.text()), prec);
  }
}
