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

  /** {@code array[i] = value} or {@code array[i][j] = value}, on a local array. */
  record ArrayWrite(String array, List<Expr> indices, Expr value, int line, String source)
      implements Stmt {
    public ArrayWrite {
      indices = List.copyOf(indices);
    }
  }

  /**
   * A loop: {@code while (condition) body} or, when {@code test after}, {@code do body while
   * (condition)}. A {@code for} loop is its initializers, then a loop whose body ends with its update.
   */
  record Loop(Expr condition, List<Stmt> body, boolean testAfter, int line, String source)
      implements Stmt {
    public Loop {
      body = List.copyOf(body);
    }
  }

  /** {@code break} out of the innermost loop; removed by the normalizer. */
  record Break(int line, String source) implements Stmt {}

  /**
   * {@code continue} the innermost loop, running {@code update} (a for loop's update) first; removed by
   * the normalizer.
   */
  record Continue(List<Stmt> update, int line, String source) implements Stmt {
    public Continue {
      update = List.copyOf(update);
    }
  }

  /**
   * The expressions {@code s} evaluates itself, not those of the statements nested in it: a
   * declaration's initializer, an assigned, returned or stored value, a store's indices, an if's or a
   * loop's condition.
   */
  static List<Expr> expressions(Stmt s) {
    if (s instanceof Declare d) {
      return d.init() == null ? List.of() : List.of(d.init());
    } else if (s instanceof Assign a) {
      return List.of(a.value());
    } else if (s instanceof Return r) {
      return List.of(r.value());
    } else if (s instanceof ArrayWrite w) {
      List<Expr> out = new java.util.ArrayList<>(w.indices());
      out.add(w.value());
      return out;
    } else if (s instanceof If i) {
      return List.of(i.condition());
    } else if (s instanceof Loop l) {
      return List.of(l.condition());
    }
    return List.of();
  }

  /**
   * Adds to {@code out} the name {@code name} gives each of {@code stmts} and of the statements nested in
   * them, where it gives one (null where it gives none): the arrays they store into, say.
   */
  static void names(List<Stmt> stmts, java.util.Set<String> out, java.util.function.Function<Stmt, String> name) {
    for (Stmt s : stmts) {
      String found = name.apply(s);
      if (found != null) {
        out.add(found);
      }
      for (List<Stmt> block : blocks(s)) {
        names(block, out, name);
      }
    }
  }

  /** The blocks nested in {@code s}: an if's two branches, a loop's body, a continue's update. */
  static List<List<Stmt>> blocks(Stmt s) {
    if (s instanceof If i) {
      return List.of(i.then(), i.otherwise());
    } else if (s instanceof Loop l) {
      return List.of(l.body());
    } else if (s instanceof Continue c) {
      return List.of(c.update());
    }
    return List.of();
  }
}
