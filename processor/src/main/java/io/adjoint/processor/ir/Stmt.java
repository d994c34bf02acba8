package io.adjoint.processor.ir;

import java.util.List;

/** A statement of the differentiable subset. {@code line} and {@code source} tie it to the user's code. */
public sealed interface Stmt {
  int line();

  String source();

  /** Declares {@code name}; {@code init} is null for a declaration without initializer. */
  record Declare(String name, Type type, Expr init, int line, String source) implements Stmt {}

  record Assign(String name, Expr value, int line, String source) implements Stmt {}

  record If(Expr condition, List<Stmt> then, List<Stmt> otherwise, int line, String source)
      implements Stmt {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  record Return(Expr value, int line, String source) implements Stmt {}
}
