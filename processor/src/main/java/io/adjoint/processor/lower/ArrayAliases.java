package io.adjoint.processor.lower;

import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only second names of arrays: {@code double[] a = x;} and {@code double[] row = m[i];}. A second
 * name is no variable of the IR: each use of it is replaced by what it names ({@code row[j]} becomes
 * {@code m[rowIndex][j]}, the row's index taken once where the name is declared), so every later stage
 * sees only the original array, whose gradient is tracked under its own name. Writing through a second
 * name, or into the named array while the name is in scope, is reported by the lowerer.
 */
final class ArrayAliases {
  /** The IR name of each second name, and the array it names. */
  private final Map<String, Expr> named = new HashMap<>();

  /** Whether {@code init} can get a second name: a local or parameter array, a row of a matrix. */
  static boolean nameable(Expr init) {
    return init.type().isArray() && (init instanceof Expr.Local || init instanceof Expr.ArrayRead r && nameable(r.array()));
  }

  /**
   * Declares {@code irName} a second name of {@code array}; a row's index, unless a literal, goes into
   * the local {@code index} declared in {@code out}, so that the name keeps naming that row.
   */
  void add(String irName, Expr array, String index, int line, String source, List<Stmt> out) {
    if (array instanceof Expr.ArrayRead r && !(r.index() instanceof Expr.Literal)) {
      out.add(new Stmt.Declare(index, Type.INT, r.index(), line, source));
      array = new Expr.ArrayRead(r.array(), new Expr.Local(Type.INT, index), r.type());
    }
    named.put(irName, array);
  }

  /** Whether {@code irName} is a second name for (a row of) the array variable {@code arrayIrName}. */
  boolean names(String irName, String arrayIrName) {
    Expr target = named.get(irName);
    return target != null && root(target).equals(arrayIrName);
  }

  /** What the second name {@code irName} names, or null when it is the name of an array of its own. */
  Expr target(String irName) {
    return named.get(irName);
  }

  /** The IR name of the variable that holds the array {@code e} names: {@code m} for {@code m[i]}. */
  static String root(Expr e) {
    return e instanceof Expr.ArrayRead r ? root(r.array()) : ((Expr.Local) e).name();
  }
}
