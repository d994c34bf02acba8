package io.adjoint.processor.ir;

import java.util.List;

/**
 * The generated code, as the reverse stage produces it and the writer prints it: a small model of Java
 * statements and expressions, free of javac and of JavaPoet.
 */
public final class Java {
  private Java() {}

  /** A type in generated code: a primitive keyword ({@code double}, {@code double[]}), or a class. */
  public record JType(String keyword, ClassRef ref) {
    public static JType of(Type type) {
      return new JType(type.keyword(), null);
    }

    public static JType of(ClassRef ref) {
      return new JType(null, ref);
    }
  }

  /** Expressions. {@link #precedence()} follows Java's operator precedence, higher binds tighter. */
  public sealed interface Expr {
    int precedence();
  }

  public static final int ATOM = 16;
  public static final int UNARY = 14;
  public static final int CAST = 13;
  public static final int CONDITIONAL = 2;

  public record Name(String name) implements Expr {
    @Override
    public int precedence() {
      return ATOM;
    }
  }

  /** A literal as Java source text; a negative literal prints like a unary minus. */
  public record Literal(String text) implements Expr {
    @Override
    public int precedence() {
      return text.startsWith("-") ? UNARY : ATOM;
    }
  }

  public record Unary(String op, Expr operand) implements Expr {
    @Override
    public int precedence() {
      return UNARY;
    }
  }

  public record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
    public Binary {
      java.util.Objects.requireNonNull(left, "left");
      java.util.Objects.requireNonNull(right, "right");
    }

    @Override
    public int precedence() {
      return op.precedence();
    }
  }

  public record Conditional(Expr condition, Expr ifTrue, Expr ifFalse) implements Expr {
    @Override
    public int precedence() {
      return CONDITIONAL;
    }
  }

  /** {@code (type) operand}, to a primitive {@code type} or, when that is null, to class {@code ref}. */
  public record Cast(Type type, Expr operand, ClassRef ref) implements Expr {
    public Cast(Type type, Expr operand) {
      this(type, operand, null);
    }

    @Override
    public int precedence() {
      return CAST;
    }
  }

  /** A static call {@code Owner.method(args)}, or an instance call {@code target.method(args)}. */
  public record Call(ClassRef owner, Expr target, String method, List<Expr> args) implements Expr {
    public Call {
      args = List.copyOf(args);
    }

    @Override
    public int precedence() {
      return ATOM;
    }
  }

  /** A static field {@code Owner.name}, or an instance field {@code target.name}. */
  public record FieldRead(ClassRef owner, Expr target, String name) implements Expr {
    @Override
    public int precedence() {
      return ATOM;
    }
  }

  public record ArrayRead(Expr array, Expr index) implements Expr {
    @Override
    public int precedence() {
      return ATOM;
    }
  }

  /** {@code new double[d1][d2]} when {@code dimensions} is set, else {@code new double[] {e1, e2}}. */
  public record NewArray(List<Expr> dimensions, List<Expr> elements) implements Expr {
    public NewArray {
      dimensions = List.copyOf(dimensions);
      elements = List.copyOf(elements);
    }

    @Override
    public int precedence() {
      return ATOM;
    }
  }

  public record New(ClassRef type, List<Expr> args) implements Expr {
    public New {
      args = List.copyOf(args);
    }

    @Override
    public int precedence() {
      return ATOM;
    }
  }

  /** Statements. */
  public sealed interface Stmt {}

  /** {@code type name = init;}, or {@code type name;} when {@code init} is null. */
  public record Declare(JType type, String name, Expr init) implements Stmt {}

  /** {@code target op value;} where op is {@code =}, {@code +=} or {@code -=}. */
  public record Assign(Expr target, String op, Expr value) implements Stmt {}

  public record If(Expr condition, List<Stmt> then, List<Stmt> otherwise) implements Stmt {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  public record Comment(String text) implements Stmt {}

  /** {@code while (condition) body}, or {@code do body while (condition)} when {@code testAfter}. */
  public record While(Expr condition, List<Stmt> body, boolean testAfter) implements Stmt {
    public While {
      body = List.copyOf(body);
    }
  }

  /**
   * {@code for (int counter = from; counter > 0; counter--) body}: a loop run backwards; or, when
   * {@code upward}, {@code for (int counter = 1; counter <= from; counter++) body}, the same iterations
   * in the order memory is laid out, for a reverse loop whose iterations may run in any order.
   */
  public record CountDown(String counter, Expr from, List<Stmt> body, boolean upward) implements Stmt {
    public CountDown {
      body = List.copyOf(body);
    }

    public CountDown(String counter, Expr from, List<Stmt> body) {
      this(counter, from, body, false);
    }
  }

  /** {@code for (int counter = 0; counter < to; counter++) body}. */
  public record CountUp(String counter, Expr to, List<Stmt> body) implements Stmt {
    public CountUp {
      body = List.copyOf(body);
    }
  }

  /** An expression evaluated for its effect: {@code tape.push(x);}. */
  public record Eval(Expr expr) implements Stmt {}

  public record Return(Expr value) implements Stmt {}

  /** {@code e} with each operand replaced by {@code f} of it (one level; {@code f} recurses if it wants). */
  public static Expr mapOperands(Expr e, java.util.function.UnaryOperator<Expr> f) {
    if (e instanceof Unary u) {
      return new Unary(u.op(), f.apply(u.operand()));
    } else if (e instanceof Binary b) {
      return new Binary(b.op(), f.apply(b.left()), f.apply(b.right()));
    } else if (e instanceof Conditional c) {
      return new Conditional(f.apply(c.condition()), f.apply(c.ifTrue()), f.apply(c.ifFalse()));
    } else if (e instanceof Cast c) {
      return new Cast(c.type(), f.apply(c.operand()), c.ref());
    } else if (e instanceof Call c) {
      return new Call(c.owner(), c.target() == null ? null : f.apply(c.target()), c.method(), c.args().stream().map(f).toList());
    } else if (e instanceof FieldRead r) {
      return new FieldRead(r.owner(), r.target() == null ? null : f.apply(r.target()), r.name());
    } else if (e instanceof ArrayRead a) {
      return new ArrayRead(f.apply(a.array()), f.apply(a.index()));
    } else if (e instanceof NewArray n) {
      return new NewArray(n.dimensions().stream().map(f).toList(), n.elements().stream().map(f).toList());
    } else if (e instanceof New n) {
      return new New(n.type(), n.args().stream().map(f).toList());
    }
    return e; // a name or a literal
  }

  /** {@code s} with each expression it holds replaced by {@code f} of it, in nested statements too. */
  public static Stmt mapExpressions(Stmt s, java.util.function.UnaryOperator<Expr> f) {
    java.util.function.Function<List<Stmt>, List<Stmt>> all = list -> list.stream().map(x -> mapExpressions(x, f)).toList();
    if (s instanceof Declare d) {
      return new Declare(d.type(), d.name(), d.init() == null ? null : f.apply(d.init()));
    } else if (s instanceof Assign a) {
      return new Assign(f.apply(a.target()), a.op(), f.apply(a.value()));
    } else if (s instanceof If i) {
      return new If(f.apply(i.condition()), all.apply(i.then()), all.apply(i.otherwise()));
    } else if (s instanceof While w) {
      return new While(f.apply(w.condition()), all.apply(w.body()), w.testAfter());
    } else if (s instanceof CountDown c) {
      return new CountDown(c.counter(), f.apply(c.from()), all.apply(c.body()), c.upward());
    } else if (s instanceof CountUp c) {
      return new CountUp(c.counter(), f.apply(c.to()), all.apply(c.body()));
    } else if (s instanceof Eval e) {
      return new Eval(f.apply(e.expr()));
    } else if (s instanceof Return r) {
      return new Return(r.value() == null ? null : f.apply(r.value()));
    }
    return s; // a comment
  }

  /** The blocks nested in {@code s}: an if's two branches, a loop's body; none for other statements. */
  public static List<List<Stmt>> blocks(Stmt s) {
    if (s instanceof If i) {
      return List.of(i.then(), i.otherwise());
    } else if (s instanceof While w) {
      return List.of(w.body());
    } else if (s instanceof CountDown c) {
      return List.of(c.body());
    } else if (s instanceof CountUp c) {
      return List.of(c.body());
    }
    return List.of();
  }

  /** {@code s} with each block nested in it replaced by {@code f} of it (one level; {@code f} recurses if it wants). */
  public static Stmt mapBlocks(Stmt s, java.util.function.UnaryOperator<List<Stmt>> f) {
    if (s instanceof If i) {
      return new If(i.condition(), f.apply(i.then()), f.apply(i.otherwise()));
    } else if (s instanceof While w) {
      return new While(w.condition(), f.apply(w.body()), w.testAfter());
    } else if (s instanceof CountDown c) {
      return new CountDown(c.counter(), c.from(), f.apply(c.body()), c.upward());
    } else if (s instanceof CountUp c) {
      return new CountUp(c.counter(), c.to(), f.apply(c.body()));
    }
    return s;
  }
}
