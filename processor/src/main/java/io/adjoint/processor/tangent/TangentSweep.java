package io.adjoint.processor.tangent;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Java.JType;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ir.UnaryOp;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.rules.Partials;
import io.adjoint.processor.rules.Partials.Partial;
import io.adjoint.processor.ssa.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Forward mode: the method's statements in their order, each double variable followed by its tangent
 * (its directional derivative, {@code xDot}), so that one sweep gives the value and the derivative along
 * the given direction, with no tape, through branches and loops alike. Each active expression becomes a
 * value and a tangent, the sum of its shared partial derivatives ({@link Partials}) times its operands'
 * tangents; a value a rule reads twice is named once.
 */
final class TangentSweep {
  /** Tangent expressions of this many nodes are named rather than nested further. */
  private static final int LARGE = 64;

  private final Activity activity;
  private final Names names;
  private final String receiver;
  private final ClassRef tangentRecord;
  /** The tangent variable of each active variable, by IR name. */
  private final Map<String, String> tangents = new HashMap<>();
  /** Locals standing for parameters the body assigns, by the parameter's name (see {@link #copy}). */
  private final Map<String, String> copies = new HashMap<>();

  /** An expression's value, and its tangent (null when it carries none). */
  private record Dual(Java.Expr value, Java.Expr tangent) {}

  TangentSweep(Activity activity, Names names, String receiver, ClassRef tangentRecord) {
    this.activity = activity;
    this.names = names;
    this.receiver = receiver;
    this.tangentRecord = tangentRecord;
  }

  /** Gives active variable {@code name} the tangent variable {@code tangent}. */
  void bind(String name, String tangent) {
    tangents.put(name, tangent);
  }

  /**
   * Declares a local copy of parameter {@code parameter} (and of its tangent parameter, if it has one),
   * which stands for it from here on. The body assigns the parameter: a method split into parts (see
   * {@code write.Splitter}) passes parameters to each part by value, and carries only locals between
   * them.
   */
  void copy(String parameter, Type type, String tangentParameter, List<Java.Stmt> out) {
    String local = names.allocate(parameter, false);
    copies.put(parameter, local);
    out.add(new Java.Declare(JType.of(type), local, JavaExprs.name(parameter)));
    if (tangentParameter != null) {
      String tangentLocal = names.allocate(tangentParameter, false);
      tangents.put(parameter, tangentLocal);
      out.add(new Java.Declare(JType.of(type), tangentLocal, JavaExprs.name(tangentParameter)));
    }
  }

  /** The Java name of variable {@code name}: its own, or its local copy's. */
  private Java.Expr variable(String name) {
    return JavaExprs.name(copies.getOrDefault(name, name));
  }

  private String tangentOf(String name) {
    return tangents.computeIfAbsent(name, n -> names.allocate(n + "Dot", false));
  }

  /**
   * {@code double vDot = 0.0;} for a parameter without a tangent argument (a {@code @NoDerivative} one)
   * that the body assigns an active value.
   */
  void startAtZero(String parameter, List<Java.Stmt> out) {
    out.add(new Java.Declare(JType.of(Type.DOUBLE), tangentOf(parameter), JavaExprs.ZERO));
  }

  List<Java.Stmt> statements(List<Stmt> stmts) {
    List<Java.Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      statement(s, out);
    }
    return out;
  }

  private void statement(Stmt s, List<Java.Stmt> out) {
    if (s.source() != null) {
      out.add(new Java.Comment("line " + s.line() + ": " + s.source().replace("\\", "\\ ")));
    }
    if (s instanceof Stmt.Declare d) {
      declare(d, out);
    } else if (s instanceof Stmt.Assign a) {
      assign(a.name(), a.value(), out);
    } else if (s instanceof Stmt.ArrayWrite w) {
      arrayWrite(w, out);
    } else if (s instanceof Stmt.If f) {
      out.add(new Java.If(value(f.condition()), statements(f.then()), statements(f.otherwise())));
    } else if (s instanceof Stmt.Loop l) {
      out.add(new Java.While(value(l.condition()), statements(l.body()), l.testAfter()));
    } else if (s instanceof Stmt.Return r) {
      Dual result = dual(r.value(), out);
      Java.Expr value = result.value();
      Java.Expr tangent = result.tangent();
      if (tangent == null && r.value().type() == Type.DOUBLE_ARRAY) {
        // a vector that does not depend on the direction: its tangent is zeros of its length
        if (!JavaExprs.isSimple(value)) {
          String name = names.allocate("value", false);
          out.add(new Java.Declare(JType.of(Type.DOUBLE_ARRAY), name, value));
          value = JavaExprs.name(name);
        }
        tangent = zerosLike(value, Type.DOUBLE_ARRAY);
      }
      out.add(new Java.Return(new Java.New(tangentRecord, List.of(value, orZero(tangent)))));
    } else {
      throw new IllegalStateException("not normalized: " + s);
    }
  }

  private void declare(Stmt.Declare d, List<Java.Stmt> out) {
    boolean active = activity.isActive(d.name());
    if (d.init() == null) {
      out.add(new Java.Declare(JType.of(d.type()), d.name(), null));
      if (active) {
        out.add(new Java.Declare(JType.of(d.type()), tangentOf(d.name()), null));
      }
      return;
    }
    if (d.type().isArray()) {
      if (!active) {
        out.add(new Java.Declare(JType.of(d.type()), d.name(), value(d.init())));
        return;
      }
      if (!(d.init() instanceof Expr.NewArray created)) {
        throw new IllegalStateException("array local " + d.name() + " not created with new (E240)");
      }
      Dual createdArray = newArray(created, out);
      out.add(new Java.Declare(JType.of(d.type()), d.name(), createdArray.value()));
      out.add(new Java.Declare(JType.of(d.type()), tangentOf(d.name()), createdArray.tangent()));
      return;
    }
    if (!active) {
      out.add(new Java.Declare(JType.of(d.type()), d.name(), value(d.init())));
      return;
    }
    Dual init = dual(d.init(), out);
    out.add(new Java.Declare(JType.of(d.type()), d.name(), init.value()));
    out.add(new Java.Declare(JType.of(d.type()), tangentOf(d.name()), orZero(init.tangent())));
  }

  /** {@code name = value}: the tangent first, since it may read the variable's old value. */
  private void assign(String name, Expr value, List<Java.Stmt> out) {
    if (!activity.isActive(name)) {
      out.add(new Java.Assign(variable(name), "=", value(value)));
      return;
    }
    Dual next = dual(value, out);
    Java.Expr tangent = JavaExprs.name(tangentOf(name));
    if (!tangent.equals(next.tangent())) { // s = s + 1 leaves sDot as it is
      out.add(new Java.Assign(tangent, "=", orZero(next.tangent())));
    }
    out.add(new Java.Assign(variable(name), "=", next.value()));
  }

  private void arrayWrite(Stmt.ArrayWrite w, List<Java.Stmt> out) {
    Java.Expr entry = variable(w.array());
    Java.Expr tangentEntry = activity.isActive(w.array()) ? JavaExprs.name(tangentOf(w.array())) : null;
    for (Expr index : w.indices()) {
      Java.Expr at = value(index);
      entry = new Java.ArrayRead(entry, at);
      tangentEntry = tangentEntry == null ? null : new Java.ArrayRead(tangentEntry, at);
    }
    if (tangentEntry == null) {
      out.add(new Java.Assign(entry, "=", value(w.value())));
      return;
    }
    Dual next = dual(w.value(), out);
    out.add(new Java.Assign(tangentEntry, "=", orZero(next.tangent())));
    out.add(new Java.Assign(entry, "=", next.value()));
  }

  private static Java.Expr orZero(Java.Expr tangent) {
    return tangent == null ? JavaExprs.ZERO : tangent;
  }

  // ---- active expressions ---------------------------------------------------------------------

  /**
   * The value and tangent of {@code e}; statements naming shared values go to {@code out}. The tangent
   * is null where it is zero: an inactive expression, or one whose rules give it none ({@code pow(x,
   * 0.0)}).
   */
  private Dual dual(Expr e, List<Java.Stmt> out) {
    if (!activity.isActive(e)) {
      return new Dual(value(e), null);
    }
    if (e instanceof Expr.Local l) {
      return new Dual(variable(l.name()), JavaExprs.name(tangentOf(l.name())));
    }
    if (e instanceof Expr.Unary u) {
      Dual o = dual(u.operand(), out);
      if (u.op() != UnaryOp.NEG) {
        return o;
      }
      return new Dual(new Java.Unary("-", o.value()), o.tangent() == null ? null : JavaExprs.neg(o.tangent()));
    }
    if (e instanceof Expr.Cast c) {
      Dual o = dual(c.operand(), out);
      return new Dual(new Java.Cast(c.type(), o.value()), o.tangent());
    }
    if (e instanceof Expr.ArrayRead a) {
      Dual array = dual(a.array(), out);
      Java.Expr index = value(a.index());
      return new Dual(new Java.ArrayRead(array.value(), index), new Java.ArrayRead(array.tangent(), index));
    }
    if (e instanceof Expr.Binary b) {
      Operation operation = new Operation(List.of(b.left(), b.right()), hint(b), out);
      List<Partial> partials = Partials.binary(b.op(), operation);
      return operation.result(JavaExprs.bin(b.op(), operation.value(0), operation.value(1)), partials);
    }
    if (e instanceof Expr.MathCall m) {
      Operation operation = new Operation(m.args(), m.function().javaName(), out);
      List<Partial> partials = Partials.math(m.function(), operation);
      List<Java.Expr> args = new ArrayList<>();
      for (int i = 0; i < m.args().size(); i++) {
        args.add(operation.value(i));
      }
      return operation.result(
          new Java.Call(m.strict() ? ClassRef.STRICT_MATH : ClassRef.MATH, null, m.function().javaName(), args),
          partials);
    }
    if (e instanceof Expr.NewArray n) {
      return newArray(n, out);
    }
    if (e instanceof Expr.CustomCall c) {
      return customCall(c, out);
    }
    if (e instanceof Expr.DiffCall c) {
      return differentiableCall(c, out);
    }
    throw new IllegalStateException("no tangent rule for " + e);
  }

  /**
   * {@code new double[n][m]} and its tangent, zeros of the same shape; or {@code new double[] {a, b}} and
   * {@code new double[] {aDot, bDot}}, with 0.0 for an inactive element.
   */
  private Dual newArray(Expr.NewArray n, List<Java.Stmt> out) {
    List<Java.Expr> dims = values(n.dimensions());
    List<Java.Expr> elements = new ArrayList<>();
    List<Java.Expr> tangents = new ArrayList<>();
    for (Expr e : n.elements()) {
      Dual element = dual(e, out);
      elements.add(element.value());
      tangents.add(orZero(element.tangent()));
    }
    return new Dual(new Java.NewArray(dims, elements), new Java.NewArray(dims, tangents));
  }

  /** A user's function with {@code @Derivative} rules: its value, and each rule times its argument's tangent. */
  private Dual customCall(Expr.CustomCall c, List<Java.Stmt> out) {
    Operation operation = new Operation(c.args(), c.custom().method(), out);
    List<Java.Expr> args = new ArrayList<>();
    for (int i = 0; i < c.args().size(); i++) {
      args.add(operation.argument(i));
    }
    List<Partial> partials = new ArrayList<>();
    for (int i = 0; i < c.args().size(); i++) {
      String rule = c.custom().derivatives().get(i);
      if (rule != null && operation.active(i)) {
        partials.add(new Partial(i, new Java.Call(c.custom().derivativeOwners().get(i), null, rule, args)));
      }
    }
    return operation.result(new Java.Call(c.custom().owner(), null, c.custom().method(), args), partials);
  }

  /** Another {@code @Differentiable} method: its tangent form, along the arguments' tangents. */
  private Dual differentiableCall(Expr.DiffCall c, List<Java.Stmt> out) {
    List<Dual> args = new ArrayList<>();
    for (Expr arg : c.args()) {
      args.add(dual(arg, out));
    }
    ClassRef record = tangentRecord(c.callee().record());
    String result = names.allocate(c.callee().method() + "Tangent", false);
    out.add(new Java.Declare(JType.of(record), result, tangentCall(c, args)));
    Java.Expr value = new Java.Call(null, JavaExprs.name(result), "value", List.of());
    Java.Expr tangent = new Java.Call(null, JavaExprs.name(result), "tangent", List.of());
    return new Dual(value, activity.isActive(c) ? tangent : null);
  }

  /**
   * {@code GGradients.gTangent(receiver, args, tangents)}: each argument of its declared type (overloads
   * of {@code gTangent} take different numbers of tangents, so Java's widening could pick another); a
   * zero tangent where an argument has none.
   */
  private Java.Expr tangentCall(Expr.DiffCall c, List<Dual> args) {
    List<Java.Expr> values = new ArrayList<>();
    if (c.callee().instance()) {
      values.add(JavaExprs.name(receiver));
    }
    List<Java.Expr> dots = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Java.Expr value = args.get(i).value();
      values.add(asDeclared(c, i, value));
      if (c.callee().accessors().get(i) != null) {
        Java.Expr dot = args.get(i).tangent();
        dots.add(dot != null ? dot : zerosLike(value, c.callee().parameterTypes().get(i)));
      }
    }
    values.addAll(dots);
    return new Java.Call(c.callee().gradients(), null, c.callee().method() + "Tangent", values);
  }

  /**
   * Argument {@code i} of call {@code c} as a value of the parameter's declared type: cast where Java
   * would widen it, so that overloads resolve as the source's call did.
   */
  private static Java.Expr asDeclared(Expr.DiffCall c, int i, Java.Expr value) {
    Type type = c.callee().parameterTypes().get(i);
    return c.args().get(i).type() == type ? value : new Java.Cast(type, value);
  }

  /** The number of nodes of {@code e}, counted up to {@code limit}. */
  private static int size(Java.Expr e, int limit) {
    List<Java.Expr> children =
        e instanceof Java.Binary b ? List.of(b.left(), b.right())
            : e instanceof Java.Unary u ? List.of(u.operand())
            : e instanceof Java.Cast c ? List.of(c.operand())
            : e instanceof Java.Conditional c ? List.of(c.condition(), c.ifTrue(), c.ifFalse())
            : e instanceof Java.ArrayRead a ? List.of(a.array(), a.index())
            : e instanceof Java.Call c ? c.args()
            : List.of();
    int total = 1;
    for (Java.Expr child : children) {
      if (total >= limit) {
        break;
      }
      total += size(child, limit - total);
    }
    return total;
  }

  /** Whether a value may be written twice rather than named: a variable, a literal, an array entry. */
  private static boolean cheap(Java.Expr e) {
    if (e instanceof Java.ArrayRead a) {
      return cheap(a.array()) && cheap(a.index());
    }
    return JavaExprs.isSimple(e);
  }

  /** A name for a local holding {@code e}'s value: what it is ({@code sum}, {@code exp}, {@code quotient}). */
  private static String hint(Expr e) {
    if (e instanceof Expr.Binary b) {
      return switch (b.op()) {
        case ADD -> "sum";
        case SUB -> "difference";
        case MUL -> "product";
        case DIV -> "quotient";
        default -> "operand";
      };
    }
    if (e instanceof Expr.MathCall m) {
      return m.function().javaName();
    }
    if (e instanceof Expr.CustomCall c) {
      return c.custom().method();
    }
    return "operand";
  }

  /** A zero tangent for an argument of {@code type}. */
  private static Java.Expr zerosLike(Java.Expr argument, Type type) {
    return switch (type) {
      case DOUBLE_ARRAY -> new Java.NewArray(List.of(new Java.FieldRead(null, argument, "length")), List.of());
      case DOUBLE_MATRIX -> new Java.Call(ClassRef.ADJOINTS, null, "zerosLike", List.of(argument));
      default -> JavaExprs.ZERO;
    };
  }

  /** The tangent record beside a gradient record: {@code FGradient2} → {@code FTangent2}. */
  static ClassRef tangentRecord(ClassRef gradientRecord) {
    return gradientRecord.formRecord("Tangent");
  }

  /**
   * The operands of one operation as the shared rules see them: each operand's value and tangent, a
   * value the rules read named once (so that it is not computed twice), and the operation's own value
   * named when a rule reads it ({@code exp}, {@code tanh}, a quotient).
   */
  private final class Operation implements Partials.Operands {
    private final List<Expr> operands;
    private final List<Java.Expr> values = new ArrayList<>();
    private final List<Java.Expr> tangents = new ArrayList<>();
    private final String selfName;
    private final List<Java.Stmt> out;
    private String self;

    Operation(List<Expr> operands, String selfName, List<Java.Stmt> out) {
      this.operands = operands;
      this.selfName = selfName;
      this.out = out;
      for (Expr operand : operands) {
        Dual d = dual(operand, out);
        values.add(d.value());
        tangents.add(d.tangent());
      }
    }

    /** Operand {@code index}'s value, as the operation itself reads it. */
    Java.Expr value(int index) {
      return values.get(index);
    }

    @Override
    public Java.Expr operand(int index) {
      Expr operand = operands.get(index);
      if (operand.type() == Type.DOUBLE) {
        return argument(index);
      }
      double literal = literal(index);
      // an int literal as the double it stands for (100.0), an int variable widened
      return Double.isNaN(literal) ? new Java.Cast(Type.DOUBLE, argument(index)) : JavaExprs.lit(literal);
    }

    /**
     * Operand {@code index}'s value, named when it is not cheap to read again: a rule reads it again.
     * The name's declaration goes to the statements at the moment a rule first asks, after every
     * operand has been computed (the constructor does that), so the order in which {@link Partials}
     * asks changes only the order of these declarations, never what they read.
     */
    @Override
    public Java.Expr argument(int index) {
      Java.Expr v = values.get(index);
      if (!cheap(v)) {
        String name = names.allocate(hint(operands.get(index)), false);
        out.add(new Java.Declare(JType.of(operands.get(index).type()), name, v));
        v = JavaExprs.name(name);
        values.set(index, v);
      }
      return v;
    }

    @Override
    public Java.Expr self() {
      if (self == null) {
        self = names.allocate(selfName, false);
      }
      return JavaExprs.name(self);
    }

    @Override
    public boolean active(int index) {
      return tangents.get(index) != null;
    }

    @Override
    public double literal(int index) {
      return Partials.literal(operands.get(index));
    }

    @Override
    public boolean sameLeaf() {
      return Partials.sameLeaf(operands);
    }

    /** The operation's value ({@code computed}, named if a rule read it) and its tangent. */
    Dual result(Java.Expr computed, List<Partial> partials) {
      Java.Expr tangent = null;
      for (Partial p : partials) {
        Java.Expr dot = tangents.get(p.operand());
        if (dot == null) {
          continue;
        }
        Java.Expr term = JavaExprs.mul(p.derivative(), dot);
        tangent = tangent == null ? term : JavaExprs.add(tangent, term);
      }
      Java.Expr value = computed;
      if (self != null) {
        // the rules read the value: compute it first, under the name they used
        out.add(new Java.Declare(JType.of(Type.DOUBLE), self, computed));
        value = JavaExprs.name(self);
      }
      if (tangent != null && size(tangent, LARGE) >= LARGE) {
        // named, so that no statement grows past what a method may hold (a 10,000-term expression)
        String name = names.allocate(selfName + "Dot", false);
        out.add(new Java.Declare(JType.of(Type.DOUBLE), name, tangent));
        tangent = JavaExprs.name(name);
      }
      return new Dual(value, tangent);
    }
  }

  // ---- values ---------------------------------------------------------------------------------

  /** {@code e}'s value alone, where no tangent is wanted (conditions, indices, ints, inactive values). */
  private Java.Expr value(Expr e) {
    if (e instanceof Expr.Literal l) {
      return JavaExprs.lit(l.text());
    }
    if (e instanceof Expr.Local l) {
      return variable(l.name());
    }
    if (e instanceof Expr.Field f) {
      return new Java.FieldRead(f.owner(), f.owner() == null ? JavaExprs.name(receiver) : null, f.name());
    }
    if (e instanceof Expr.Unary u) {
      return new Java.Unary(u.op().symbol(), value(u.operand()));
    }
    if (e instanceof Expr.Binary b) {
      return JavaExprs.bin(b.op(), value(b.left()), value(b.right()));
    }
    if (e instanceof Expr.Conditional c) {
      return JavaExprs.cond(value(c.condition()), value(c.ifTrue()), value(c.ifFalse()));
    }
    if (e instanceof Expr.Cast c) {
      return new Java.Cast(c.type(), value(c.operand()));
    }
    if (e instanceof Expr.MathCall m) {
      return new Java.Call(
          m.strict() ? ClassRef.STRICT_MATH : ClassRef.MATH, null, m.function().javaName(), values(m.args()));
    }
    if (e instanceof Expr.ArrayRead a) {
      return new Java.ArrayRead(value(a.array()), value(a.index()));
    }
    if (e instanceof Expr.Length l) {
      return new Java.FieldRead(null, value(l.array()), "length");
    }
    if (e instanceof Expr.NewArray n) {
      return new Java.NewArray(values(n.dimensions()), values(n.elements()));
    }
    if (e instanceof Expr.CustomCall c) {
      return new Java.Call(c.custom().owner(), null, c.custom().method(), values(c.args()));
    }
    if (e instanceof Expr.DiffCall c && c.callee().owner() != null) {
      // the value alone: the method itself
      List<Java.Expr> args = new ArrayList<>();
      for (int i = 0; i < c.args().size(); i++) {
        args.add(asDeclared(c, i, value(c.args().get(i))));
      }
      String method = c.callee().method();
      return c.callee().instance()
          ? new Java.Call(null, JavaExprs.name(receiver), method, args)
          : new Java.Call(c.callee().owner(), null, method, args);
    }
    if (e instanceof Expr.DiffCall c) {
      // a private method: the callee's tangent form along no direction, for its value
      List<Dual> args = new ArrayList<>();
      for (Expr arg : c.args()) {
        args.add(new Dual(value(arg), null));
      }
      return new Java.Call(null, tangentCall(c, args), "value", List.of());
    }
    throw new IllegalStateException("unknown expression " + e);
  }

  private List<Java.Expr> values(List<Expr> exprs) {
    List<Java.Expr> out = new ArrayList<>();
    for (Expr e : exprs) {
      out.add(value(e));
    }
    return out;
  }
}
