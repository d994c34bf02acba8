package io.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Arrays created inside a loop ({@code double[] t = new double[3];}, {@code double[] d = {a - b, c};}),
 * split into one scalar local per entry: {@code t0, t1, t2}. The reverse sweep tracks an array's gradient
 * under its one name across the whole method, and tapes only what a loop overwrites of it; a fresh array
 * each iteration would need its every entry taped per iteration. As scalars, the entries are locals of
 * the iteration like any other, which the later stages already keep and tape as they must.
 *
 * <p>An array can be split when it is a {@code double[]} whose size is a constant (a literal or a
 * constant field) of at most {@link #MAX_ENTRIES} entries. A constant index reads or writes its entry
 * directly; any other index (int arithmetic, without calls) selects among the entries: {@code k == 0 ? t0
 * : k == 1 ? t1 : …} to read, an if-chain to write. An index out of bounds reads {@code NaN} and writes
 * nothing, where Java would throw. The array may only be indexed and asked its {@code length}, also
 * through a second name ({@code double[] a = t;}); anything else is reported by the lowerer.
 *
 * <p>The lowerer splits the arrays a method creates in its loops; the inliner splits those that the
 * bodies of vector-valued methods called in loops create.
 */
public final class LoopArrays {
  public static final int MAX_ENTRIES = 16;

  /** The IR names of the entries of each split array, by the array's IR name. */
  private final Map<String, List<String>> entries = new HashMap<>();

  /**
   * Declares the entries of {@code array}, created by {@code init}, into {@code out}; false, declaring
   * nothing, when it cannot be split.
   */
  public boolean declare(
      String array, Type type, Expr init, UnaryOperator<String> unique, int line, String source, List<Stmt> out) {
    List<Expr> initial = initial(type, init);
    if (initial == null) {
      return false;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < initial.size(); i++) {
      String name = unique.apply(array + i);
      names.add(name);
      out.add(new Stmt.Declare(name, Type.DOUBLE, initial.get(i), line, i == 0 ? source : null));
    }
    entries.put(array, names);
    return true;
  }

  /** The first value of each entry, or null when {@code init} does not create an array that can be split. */
  private static List<Expr> initial(Type type, Expr init) {
    if (type != Type.DOUBLE_ARRAY || !(init instanceof Expr.NewArray n) || n.type() != Type.DOUBLE_ARRAY) {
      return null;
    }
    if (n.dimensions().isEmpty()) {
      return n.elements().size() <= MAX_ENTRIES ? n.elements() : null;
    }
    int size = constant(n.dimensions().get(0));
    return size >= 0 && size <= MAX_ENTRIES
        ? Collections.nCopies(size, new Expr.Literal(Type.DOUBLE, "0.0"))
        : null;
  }

  /** Whether {@code e} names an array split into scalars. */
  public boolean split(Expr e) {
    return e instanceof Expr.Local l && entries.containsKey(l.name());
  }

  /** A split array as a new array of its entries' current values: {@code new double[] {t0, t1, t2}}. */
  public Expr entries(Expr array) {
    List<String> names = entries.get(((Expr.Local) array).name());
    List<Expr> values = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      values.add(entry(names, i));
    }
    return new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(), values);
  }

  /** {@code array.length}. */
  public Expr length(Expr array) {
    return split(array) ? literal(entries.get(((Expr.Local) array).name()).size()) : new Expr.Length(array);
  }

  /** {@code array[index]} of a split array; null when the index cannot select an entry (it has a call). */
  public Expr read(Expr array, Expr index) {
    List<String> names = entries.get(((Expr.Local) array).name());
    int at = constant(index);
    if (at >= 0) {
      return at < names.size() ? entry(names, at) : nan();
    }
    if (!selects(index)) {
      return null;
    }
    Expr chain = nan();
    for (int i = names.size() - 1; i >= 0; i--) {
      chain = new Expr.Conditional(is(index, i), entry(names, i), chain, Type.DOUBLE);
    }
    return chain;
  }

  /**
   * {@code array[index] = value(array[index])} of a split array, into {@code out}; false when the index
   * cannot select an entry.
   */
  public boolean write(String array, Expr index, UnaryOperator<Expr> value, int line, String source, List<Stmt> out) {
    List<String> names = entries.get(array);
    int at = constant(index);
    if (at >= 0) {
      if (at < names.size()) {
        out.add(new Stmt.Assign(names.get(at), value.apply(entry(names, at)), line, source));
      }
      return true;
    }
    if (!selects(index)) {
      return false;
    }
    List<Stmt> chain = List.of();
    for (int i = names.size() - 1; i >= 0; i--) {
      Stmt assign = new Stmt.Assign(names.get(i), value.apply(entry(names, i)), line, source);
      chain = List.of(new Stmt.If(is(index, i), List.of(assign), chain, line, source));
    }
    out.addAll(chain);
    return true;
  }

  private static Expr entry(List<String> names, int i) {
    return new Expr.Local(Type.DOUBLE, names.get(i));
  }

  private static Expr is(Expr index, int i) {
    return new Expr.Binary(BinaryOp.EQ, index, literal(i), Type.BOOLEAN);
  }

  /** Whether {@code index} may be evaluated once per entry: it calls nothing. */
  private static boolean selects(Expr index) {
    if (index instanceof Expr.DiffCall || index instanceof Expr.CustomCall || index instanceof Expr.MathCall) {
      return false;
    }
    return index.operands().stream().allMatch(LoopArrays::selects);
  }

  /** The value of an int literal, or -1. */
  private static int constant(Expr e) {
    if (e instanceof Expr.Literal l && l.type() == Type.INT) {
      try {
        return Integer.parseInt(l.text());
      } catch (NumberFormatException notDecimal) {
        return -1;
      }
    }
    return -1;
  }

  private static Expr literal(int value) {
    return new Expr.Literal(Type.INT, Integer.toString(value));
  }

  private static Expr nan() {
    return new Expr.Field(Type.DOUBLE, new ClassRef("java.lang", List.of("Double")), "NaN");
  }
}
