package io.adjoint.processor.ir;

import java.util.List;

/**
 * The generated code, as the reverse stage produces it and the writer prints it: a small model of Java
 * statements and expressions, free of javac and of JavaPoet.
 */
public final class Java {
  private Java() {}

  /** A type in generated code: a primitive keyword, a class, or an array of a primitive. */
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

  public record Cast(Type type, Expr operand) implements Expr {
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

  public record Return(Expr value) implements Stmt {}
}
