package io.adjoint.processor.tangent;

import io.adjoint.processor.Message;
import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Callee;
import io.adjoint.processor.ir.Custom;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.GenerationError;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.MathFunction;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ir.UnaryOp;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.rules.Partials;
import io.adjoint.processor.rules.Partials.Partial;
import io.adjoint.processor.ssa.DeadStores;
import io.adjoint.processor.ssa.Names;
import io.adjoint.processor.ssa.Normalized;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Forward mode as a program of the IR, for a transformation to differentiate again: for {@code double
 * f(x)}, the function {@code t(x, ẋ) = ⟨∇f(x), ẋ⟩}, with one direction parameter per differentiable
 * parameter (gets no derivative itself). Reverse mode over it gives {@code ∇ₓ t = H·ẋ}, the Hessian-vector
 * product, without forming H. Each active variable is followed by its tangent, as in {@link
 * TangentSweep}; the partial derivatives are the shared rules ({@link Partials}), read back from their
 * Java form into the IR. Calls have been inlined ({@code ssa.Inliner}); a {@code @Derivative} rule becomes
 * a call to the rule, for the inliner to inline in turn, so that its own derivative comes from its body.
 */
public final class TangentProgram {
  /** Tangent expressions of this many nodes are named rather than nested further. */
  private static final int LARGE = 32;
  private static final String SELF = "#self";
  private static final String OPERAND = "#";
  private static final String ARGUMENT = "#argument";

  /**
   * @param function {@code t(parameters, directions)}, returning the directional derivative
   * @param directions the direction parameter of each parameter, null where it has none
   */
  public record Program(Function function, List<String> directions) {}

  private final Activity activity;
  private final Names names;
  private final String method;
  private final Rules rules;
  private final Map<String, String> tangents = new HashMap<>();

  private record Dual(Expr value, Expr tangent) {}

  private TangentProgram(Activity activity, Names names, String method, Rules rules) {
    this.activity = activity;
    this.names = names;
    this.method = method;
    this.rules = rules;
  }

  /**
   * The {@code @Derivative} rules, as functions whose calls can be inlined and so differentiated again:
   * the rule of {@code custom}'s parameter {@code parameter}, or empty where its body is not in the
   * differentiable subset.
   */
  public interface Rules {
    Optional<Callee> rule(Custom custom, int parameter);
  }

  public static Program of(Function function, Rules rules) {
    Normalized shape = Normalized.of(function);
    Function normalized = shape.function();
    Names names = shape.names();
    Activity activity = new Activity(normalized, normalized.body());
    TangentProgram program = new TangentProgram(activity, names, function.name(), rules);
    List<Parameter> parameters = new ArrayList<>(function.parameters());
    List<String> accessors = new ArrayList<>(function.accessors());
    List<String> directions = new ArrayList<>();
    List<Stmt> body = new ArrayList<>();
    for (int i = 0; i < function.parameters().size(); i++) {
      Parameter p = function.parameters().get(i);
      if (function.accessors().get(i) == null) {
        directions.add(null);
        if (p.type() == Type.DOUBLE && activity.isActive(p.name())) {
          // a @NoDerivative double the body assigns an active value: its tangent starts at zero
          body.add(new Stmt.Declare(program.tangentOf(p.name()), Type.DOUBLE, zero(), function.line(), null));
        }
        continue;
      }
      String direction = names.allocate(p.name() + "Dot", false);
      program.tangents.put(p.name(), direction);
      directions.add(direction);
      parameters.add(new Parameter(direction, p.type(), false));
      accessors.add(null);
    }
    body.addAll(program.statements(normalized.body()));
    // the program returns the tangent: what only the value needed goes
    List<Stmt> needed = DeadStores.remove(body);
    return new Program(function.derived(parameters, accessors, needed, Type.DOUBLE), directions);
  }

  private String tangentOf(String name) {
    return tangents.computeIfAbsent(name, n -> names.allocate(n + "Dot", false));
  }

  private Expr tangentLocal(String name, Type type) {
    return new Expr.Local(type, tangentOf(name));
  }

  private List<Stmt> statements(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      statement(s, out);
    }
    return out;
  }

  private void statement(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Declare d) {
      declare(d, out);
    } else if (s instanceof Stmt.Assign a) {
      if (!activity.isActive(a.name())) {
        out.add(a);
        return;
      }
      Dual next = dual(a.value(), out);
      Expr tangent = tangentLocal(a.name(), Type.DOUBLE);
      String source = a.source();
      if (!tangent.equals(next.tangent())) {
        // the tangent first: it may read the variable's old value, which the value never reads
        out.add(new Stmt.Assign(tangentOf(a.name()), orZero(next.tangent()), a.line(), source));
        source = null;
      }
      out.add(new Stmt.Assign(a.name(), next.value(), a.line(), source));
    } else if (s instanceof Stmt.ArrayWrite w) {
      if (!activity.isActive(w.array())) {
        out.add(w);
        return;
      }
      Dual next = dual(w.value(), out);
      out.add(new Stmt.ArrayWrite(tangentOf(w.array()), w.indices(), orZero(next.tangent()), w.line(), null));
      out.add(new Stmt.ArrayWrite(w.array(), w.indices(), next.value(), w.line(), w.source()));
    } else if (s instanceof Stmt.If i) {
      out.add(new Stmt.If(i.condition(), statements(i.then()), statements(i.otherwise()), i.line(), i.source()));
    } else if (s instanceof Stmt.Loop l) {
      out.add(new Stmt.Loop(l.condition(), statements(l.body()), l.testAfter(), l.line(), l.source()));
    } else if (s instanceof Stmt.Return r) {
      Dual result = dual(r.value(), out);
      out.add(new Stmt.Return(orZero(result.tangent()), r.line(), r.source()));
    } else {
      throw new IllegalStateException("not normalized: " + s);
    }
  }

  private void declare(Stmt.Declare d, List<Stmt> out) {
    boolean active = activity.isActive(d.name()) && d.type().carriesDerivatives();
    if (!active) {
      out.add(d);
      return;
    }
    if (d.init() == null) {
      out.add(d);
      out.add(new Stmt.Declare(tangentOf(d.name()), d.type(), null, d.line(), null));
      return;
    }
    if (d.type().isArray()) {
      Expr.NewArray created = (Expr.NewArray) d.init(); // arrays are created with new (E240)
      Dual array = newArray(created, out);
      out.add(new Stmt.Declare(d.name(), d.type(), array.value(), d.line(), d.source()));
      out.add(new Stmt.Declare(tangentOf(d.name()), d.type(), array.tangent(), d.line(), null));
      return;
    }
    Dual init = dual(d.init(), out);
    out.add(new Stmt.Declare(d.name(), d.type(), init.value(), d.line(), d.source()));
    out.add(new Stmt.Declare(tangentOf(d.name()), d.type(), orZero(init.tangent()), d.line(), null));
  }

  private static Expr zero() {
    return new Expr.Literal(Type.DOUBLE, "0.0");
  }

  private static Expr orZero(Expr tangent) {
    return tangent == null ? zero() : tangent;
  }

  /** The value and tangent of {@code e}; the tangent is null where it is zero. */
  private Dual dual(Expr e, List<Stmt> out) {
    if (!activity.isActive(e)) {
      return new Dual(e, null);
    }
    if (e instanceof Expr.Local l) {
      return new Dual(l, tangentLocal(l.name(), l.type()));
    }
    if (e instanceof Expr.Unary u) {
      Dual o = dual(u.operand(), out);
      if (u.op() != UnaryOp.NEG) {
        return o;
      }
      Expr tangent = o.tangent() == null ? null : new Expr.Unary(UnaryOp.NEG, o.tangent(), Type.DOUBLE);
      return new Dual(new Expr.Unary(UnaryOp.NEG, o.value(), u.type()), tangent);
    }
    if (e instanceof Expr.Cast c) {
      Dual o = dual(c.operand(), out);
      return new Dual(new Expr.Cast(c.type(), o.value()), o.tangent());
    }
    if (e instanceof Expr.ArrayRead a) {
      Dual array = dual(a.array(), out);
      return new Dual(
          new Expr.ArrayRead(array.value(), a.index(), a.type()),
          new Expr.ArrayRead(array.tangent(), a.index(), a.type()));
    }
    if (e instanceof Expr.Binary b) {
      Operation operation = new Operation(List.of(b.left(), b.right()), "operand", out);
      List<Partial> partials = Partials.binary(b.op(), operation);
      return operation.result(values -> new Expr.Binary(b.op(), values.get(0), values.get(1), b.type()), partials);
    }
    if (e instanceof Expr.MathCall m) {
      Operation operation = new Operation(m.args(), m.function().javaName(), out);
      List<Partial> partials = Partials.math(m.function(), operation);
      return operation.result(values -> new Expr.MathCall(m.function(), m.strict(), values, m.type()), partials);
    }
    if (e instanceof Expr.NewArray n) {
      return newArray(n, out);
    }
    if (e instanceof Expr.CustomCall c) {
      return customCall(c, out);
    }
    throw new IllegalStateException("no tangent rule for " + e + " (calls are inlined for second order)");
  }

  /**
   * A function with {@code @Derivative} rules: its value, and each rule times its argument's tangent, the
   * rule a call (to be inlined, so that reverse mode can differentiate it in turn).
   */
  private Dual customCall(Expr.CustomCall c, List<Stmt> out) {
    List<Expr> args = new ArrayList<>();
    List<Expr> tangents = new ArrayList<>();
    for (Expr arg : c.args()) {
      Dual d = dual(arg, out);
      args.add(named(d.value(), arg.type(), c.custom().method(), out));
      tangents.add(d.tangent());
    }
    Expr tangent = null;
    for (int i = 0; i < args.size(); i++) {
      if (tangents.get(i) == null || c.custom().derivatives().get(i) == null) {
        continue;
      }
      int parameter = i;
      Callee rule =
          rules.rule(c.custom(), i)
              .orElseThrow(() -> new GenerationError(
                  c.origin(),
                  Message.SECOND_ORDER_RULE.format(
                      method, c.custom().derivatives().get(parameter), c.custom().display())));
      Expr term =
          new Expr.Binary(BinaryOp.MUL, new Expr.DiffCall(rule, args, c.origin()), tangents.get(i), Type.DOUBLE);
      tangent = tangent == null ? term : new Expr.Binary(BinaryOp.ADD, tangent, term, Type.DOUBLE);
    }
    return new Dual(new Expr.CustomCall(c.custom(), args, c.origin()), tangent);
  }

  /** {@code value}, named by a local unless it is cheap to read again. */
  private Expr named(Expr value, Type type, String hint, List<Stmt> out) {
    if (cheap(value)) {
      return value;
    }
    String name = names.allocate(hint + "Argument", false);
    out.add(new Stmt.Declare(name, type, value, 0, null));
    return new Expr.Local(type, name);
  }

  private Dual newArray(Expr.NewArray n, List<Stmt> out) {
    List<Expr> elements = new ArrayList<>();
    List<Expr> tangents = new ArrayList<>();
    for (Expr e : n.elements()) {
      Dual element = dual(e, out);
      elements.add(element.value());
      tangents.add(orZero(element.tangent()));
    }
    return new Dual(
        new Expr.NewArray(n.type(), n.dimensions(), elements), new Expr.NewArray(n.type(), n.dimensions(), tangents));
  }

  private static boolean cheap(Expr e) {
    if (e instanceof Expr.ArrayRead a) {
      return cheap(a.array()) && cheap(a.index());
    }
    return e instanceof Expr.Local || e instanceof Expr.Literal || e instanceof Expr.Field;
  }

  private static int size(Expr e, int limit) {
    int total = 1;
    for (Expr operand : e.operands()) {
      if (total >= limit) {
        break;
      }
      total += size(operand, limit - total);
    }
    return total;
  }

  /**
   * One operation's operands as the shared rules see them. The rules are asked with placeholders for the
   * operands and the operation's value; their answers are read back into the IR, each operand a rule
   * reads named once, and the value named when a rule reads it.
   */
  private final class Operation implements Partials.Operands {
    private final List<Expr> operands;
    private final List<Expr> values = new ArrayList<>();
    private final List<Expr> tangents = new ArrayList<>();
    private final String hint;
    private final List<Stmt> out;
    private String self;

    Operation(List<Expr> operands, String hint, List<Stmt> out) {
      this.operands = operands;
      this.hint = hint;
      this.out = out;
      for (Expr operand : operands) {
        Dual d = dual(operand, out);
        values.add(d.value());
        tangents.add(d.tangent());
      }
    }

    @Override
    public Java.Expr operand(int index) {
      return JavaExprs.name(OPERAND + index);
    }

    @Override
    public Java.Expr self() {
      return JavaExprs.name(SELF);
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

    @Override
    public Java.Expr argument(int index) {
      return JavaExprs.name(ARGUMENT + index);
    }

    /** Operand {@code index} as it is, named if a rule reads it and it is not cheap. */
    private Expr named(int index) {
      Expr v = values.get(index);
      if (!cheap(v)) {
        String name = names.allocate(hint, false);
        out.add(new Stmt.Declare(name, operands.get(index).type(), v, 0, null));
        v = new Expr.Local(operands.get(index).type(), name);
        values.set(index, v);
      }
      return v;
    }

    /** Operand {@code index} as a factor of a derivative: named if a rule reads it and it is not cheap. */
    private Expr factor(int index) {
      Expr v = named(index);
      if (v.type() == Type.DOUBLE) {
        return v;
      }
      double literal = literal(index);
      return Double.isNaN(literal)
          ? new Expr.Cast(Type.DOUBLE, v)
          : new Expr.Literal(Type.DOUBLE, ((Java.Literal) JavaExprs.lit(literal)).text());
    }

    /** The operation's value, built from its operands by {@code build}, and its tangent. */
    Dual result(java.util.function.Function<List<Expr>, Expr> build, List<Partial> partials) {
      List<Expr> derivatives = new ArrayList<>();
      for (Partial p : partials) {
        derivatives.add(tangents.get(p.operand()) == null ? null : toIr(p.derivative()));
      }
      Expr value = build.apply(values);
      if (self != null) {
        out.add(new Stmt.Declare(self, Type.DOUBLE, value, 0, null));
        value = new Expr.Local(Type.DOUBLE, self);
      }
      Expr tangent = null;
      for (int i = 0; i < partials.size(); i++) {
        if (derivatives.get(i) == null) {
          continue;
        }
        Expr term = times(derivatives.get(i), tangents.get(partials.get(i).operand()));
        tangent = tangent == null ? term : new Expr.Binary(BinaryOp.ADD, tangent, term, Type.DOUBLE);
      }
      if (tangent != null && size(tangent, LARGE) >= LARGE) {
        String name = names.allocate(hint + "Dot", false);
        out.add(new Stmt.Declare(name, Type.DOUBLE, tangent, 0, null));
        tangent = new Expr.Local(Type.DOUBLE, name);
      }
      return new Dual(value, tangent);
    }

    private Expr times(Expr derivative, Expr tangent) {
      if (derivative instanceof Expr.Literal l && JavaExprs.isOne(JavaExprs.lit(l.text()))) {
        return tangent;
      }
      if (derivative instanceof Expr.Literal l && JavaExprs.isMinusOne(JavaExprs.lit(l.text()))) {
        return new Expr.Unary(UnaryOp.NEG, tangent, Type.DOUBLE);
      }
      return new Expr.Binary(BinaryOp.MUL, derivative, tangent, Type.DOUBLE);
    }

    /** A rule's answer, in the IR. */
    private Expr toIr(Java.Expr e) {
      if (e instanceof Java.Name n && n.name().equals(SELF)) {
        if (self == null) {
          self = names.allocate(hint, false);
        }
        return new Expr.Local(Type.DOUBLE, self);
      }
      if (e instanceof Java.Name n && n.name().startsWith(ARGUMENT)) {
        return named(Integer.parseInt(n.name().substring(ARGUMENT.length())));
      }
      if (e instanceof Java.Name n && n.name().startsWith(OPERAND)) {
        return factor(Integer.parseInt(n.name().substring(OPERAND.length())));
      }
      if (e instanceof Java.Literal l) {
        return new Expr.Literal(Type.DOUBLE, l.text());
      }
      if (e instanceof Java.Unary u && u.op().equals("-")) {
        return new Expr.Unary(UnaryOp.NEG, toIr(u.operand()), Type.DOUBLE);
      }
      if (e instanceof Java.Binary b) {
        Type type = b.op().isComparison() || b.op() == BinaryOp.COND_AND || b.op() == BinaryOp.COND_OR
            ? Type.BOOLEAN
            : Type.DOUBLE;
        return new Expr.Binary(b.op(), toIr(b.left()), toIr(b.right()), type);
      }
      if (e instanceof Java.Conditional c) {
        return new Expr.Conditional(toIr(c.condition()), toIr(c.ifTrue()), toIr(c.ifFalse()), Type.DOUBLE);
      }
      if (e instanceof Java.Call c && c.target() == null) {
        MathFunction function =
            MathFunction.named(c.method()).orElseThrow(() -> new IllegalStateException("rule calls " + c.method()));
        List<Expr> args = new ArrayList<>();
        for (Java.Expr a : c.args()) {
          args.add(toIr(a));
        }
        return new Expr.MathCall(function, false, args, Type.DOUBLE);
      }
      throw new IllegalStateException("a rule's derivative has no IR form: " + e);
    }
  }
}
