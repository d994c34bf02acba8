package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.rules.JavaExprs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A generated body's local arrays borrowed from its tape instead of allocated: the arrays the method's
 * body creates ({@code new double[n]}, {@code new double[k][d]}) and the adjoint arrays of those, which
 * no caller ever sees. The tape lends the same arrays, zeroed, to the next call on the thread ({@code
 * Tape.array}, {@code Tape.matrix}, {@code Tape.zerosLike}), so that a gradient called again allocates
 * nothing, as a hand-written one with its own workspace would not.
 *
 * <p>An array of a few entries of constant size ({@link #SMALL}) is left to the JIT, which may keep it
 * in registers. An array is borrowed only where it cannot outlive the call: every mention of it reads or
 * writes an entry ({@code a[i]}, {@code a[i][j] += …}), asks a length, or passes it to the runtime's
 * {@code Adjoints} helpers or to the tape. One returned, put into a record, named by another local, passed
 * to any other method, or a matrix one of whose rows is replaced, is allocated as before.
 */
final class LentArrays {
  private LentArrays() {}

  /**
   * {@code stmts}, a whole generated body, with its local arrays borrowed from the tape named {@code
   * tape}: acquired first and released before the last statement's return when the body has no tape yet.
   */
  static List<Java.Stmt> borrow(List<Java.Stmt> stmts, String tape) {
    Map<String, Java.JType> declared = new HashMap<>();
    Set<String> candidates = new HashSet<>();
    declarations(stmts, declared, candidates);
    if (candidates.isEmpty()) {
      return stmts;
    }
    Set<String> escaping = new HashSet<>();
    Escapes escapes = new Escapes(declared, tape, escaping);
    stmts.forEach(escapes::statement);
    candidates.removeAll(escaping);
    if (candidates.isEmpty()) {
      return stmts;
    }
    return withTape(lent(stmts, candidates, tape), tape);
  }

  /**
   * The entries of an array of constant size up to which it stays allocated: the JIT's escape analysis
   * may keep such an array in registers (HotSpot's {@code EliminateAllocationArraySizeLimit}), which a
   * borrowed array, in memory, would undo.
   */
  static final int SMALL = 64;

  /** The local arrays {@code stmts} declare, by type, and which of them are made as a tape can lend them. */
  private static void declarations(List<Java.Stmt> stmts, Map<String, Java.JType> declared, Set<String> candidates) {
    Map<String, Integer> constantSizes = new HashMap<>();
    declarations(stmts, declared, candidates, constantSizes);
  }

  private static void declarations(
      List<Java.Stmt> stmts, Map<String, Java.JType> declared, Set<String> candidates, Map<String, Integer> sizes) {
    for (Java.Stmt s : stmts) {
      if (s instanceof Java.Declare d) {
        declared.put(d.name(), d.type());
        int size = d.init() == null ? -1 : constantSize(d.init(), sizes);
        if (size >= 0) {
          sizes.put(d.name(), size);
        }
        if (d.init() != null && lendable(d.init()) && (size < 0 || size > SMALL)) {
          candidates.add(d.name());
        }
      }
      for (List<Java.Stmt> nested : Java.blocks(s)) {
        declarations(nested, declared, candidates, sizes);
      }
    }
  }

  /**
   * How many entries {@code init} makes when that is a constant: an initializer's, literal dimensions, or
   * the length of an array of constant size ({@code new double[v.length]}); else -1.
   */
  private static int constantSize(Java.Expr init, Map<String, Integer> sizes) {
    if (!(init instanceof Java.NewArray n)) {
      return -1;
    }
    if (!n.elements().isEmpty()) {
      return n.dimensions().isEmpty() ? n.elements().size() : -1; // {a, b, c}
    }
    int size = 1;
    for (Java.Expr dimension : n.dimensions()) {
      int d = -1;
      if (dimension instanceof Java.Literal l && l.text().matches("\\d{1,6}")) {
        d = Integer.parseInt(l.text());
      } else if (dimension instanceof Java.FieldRead f && f.name().equals("length")
          && f.target() instanceof Java.Name array && sizes.containsKey(array.name())) {
        d = sizes.get(array.name());
      }
      if (d < 0) {
        return -1;
      }
      size *= d;
    }
    return size;
  }

  /** Whether {@code e} makes zeros of a shape a tape lends: {@code new double[n]}, {@code new double[k][d]}, {@code zerosLike}. */
  private static boolean lendable(Java.Expr e) {
    if (e instanceof Java.NewArray n) {
      return n.elements().isEmpty() && (n.dimensions().size() == 1 || n.dimensions().size() == 2);
    }
    return e instanceof Java.Call c && Emitter.ADJOINTS.equals(c.owner()) && c.method().equals("zerosLike");
  }

  private static Java.Expr borrowed(Java.Expr init, String tape) {
    Java.Expr self = JavaExprs.name(tape);
    if (init instanceof Java.NewArray n) {
      return new Java.Call(null, self, n.dimensions().size() == 1 ? "array" : "matrix", n.dimensions());
    }
    return new Java.Call(null, self, "zerosLike", ((Java.Call) init).args());
  }

  private static List<Java.Stmt> lent(List<Java.Stmt> stmts, Set<String> lent, String tape) {
    List<Java.Stmt> out = new ArrayList<>();
    for (Java.Stmt s : stmts) {
      out.add(s instanceof Java.Declare d && lent.contains(d.name())
          ? new Java.Declare(d.type(), d.name(), borrowed(d.init(), tape))
          : Java.mapBlocks(s, block -> lent(block, lent, tape)));
    }
    return out;
  }

  /**
   * {@code stmts} with the tape acquired first if they have none, and released just before the final
   * return, after the last use of a borrowed array.
   */
  private static List<Java.Stmt> withTape(List<Java.Stmt> stmts, String tape) {
    List<Java.Stmt> out = new ArrayList<>(stmts);
    Java.Stmt release = new Java.Eval(new Java.Call(null, JavaExprs.name(tape), "release", List.of()));
    boolean acquired = out.stream().anyMatch(s -> s instanceof Java.Declare d && d.name().equals(tape));
    if (acquired) {
      out.remove(release);
    } else {
      out.add(0, new Java.Declare(Java.JType.of(Emitter.TAPE), tape, new Java.Call(Emitter.TAPE, null, "acquire", List.of())));
    }
    int end = !out.isEmpty() && out.get(out.size() - 1) instanceof Java.Return ? out.size() - 1 : out.size();
    out.add(end, release);
    return out;
  }

  // ---- where an array may go ------------------------------------------------------------------

  /** Where an expression's value goes: into arithmetic, to a helper that only uses it, or anywhere. */
  private enum Use { VALUE, HELPER, ANYWHERE }

  /** The arrays a body lets go where they may outlive the call (see the class comment). */
  private record Escapes(Map<String, Java.JType> declared, String tape, Set<String> out) {
    void statement(Java.Stmt s) {
      if (s instanceof Java.Declare d && d.init() != null) {
        walk(d.init(), array(d.type()) ? Use.ANYWHERE : Use.VALUE);
      } else if (s instanceof Java.Assign a) {
        if (a.target() instanceof Java.Name n) {
          Java.JType type = declared.get(n.name());
          walk(a.value(), type == null || array(type) ? Use.ANYWHERE : Use.VALUE);
        } else {
          Java.Expr base = base(a.target());
          if (base instanceof Java.Name n && dimensions(n) > levels(a.target())) {
            out.add(n.name()); // a row of a matrix replaced: the matrix holds an array it does not own
          }
          walk(a.target(), Use.VALUE);
          walk(a.value(), Use.ANYWHERE);
        }
      } else if (s instanceof Java.Return r && r.value() != null) {
        walk(r.value(), Use.ANYWHERE);
      } else if (s instanceof Java.Eval e) {
        walk(e.expr(), Use.VALUE);
      } else if (s instanceof Java.If i) {
        walk(i.condition(), Use.VALUE);
      } else if (s instanceof Java.While w) {
        walk(w.condition(), Use.VALUE);
      } else if (s instanceof Java.CountDown c) {
        walk(c.from(), Use.VALUE);
      } else if (s instanceof Java.CountUp c) {
        walk(c.to(), Use.VALUE);
      }
      for (List<Java.Stmt> nested : Java.blocks(s)) {
        nested.forEach(this::statement);
      }
    }

    /**
     * Adds the arrays {@code e} lets go, {@code e} being used as {@code use} says: a name, or a row of a
     * matrix, handed on anywhere is let go; an entry is a double, a value wherever it goes.
     */
    void walk(Java.Expr e, Use use) {
      if (e instanceof Java.Name n) {
        if (use == Use.ANYWHERE) {
          out.add(n.name());
        }
      } else if (e instanceof Java.ArrayRead a) {
        Java.Expr base = base(a);
        boolean entry = base instanceof Java.Name n && dimensions(n) == levels(a);
        walk(a.array(), entry ? Use.VALUE : use);
        walk(a.index(), Use.VALUE);
      } else if (e instanceof Java.FieldRead f) {
        if (f.target() != null) {
          walk(f.target(), f.name().equals("length") ? Use.VALUE : Use.ANYWHERE);
        }
      } else if (e instanceof Java.Call c) {
        Use args = helper(c) ? Use.HELPER : Use.ANYWHERE;
        c.args().forEach(arg -> walk(arg, args));
        if (c.target() != null) {
          walk(c.target(), Use.ANYWHERE);
        }
      } else if (e instanceof Java.New n) {
        n.args().forEach(arg -> walk(arg, Use.ANYWHERE));
      } else if (e instanceof Java.Conditional c) {
        walk(c.condition(), Use.VALUE);
        walk(c.ifTrue(), use);
        walk(c.ifFalse(), use);
      } else {
        ReverseCode.parts(e).forEach(part -> walk(part, Use.VALUE));
      }
    }

    /** A call that uses the arrays it is passed and keeps none: the runtime's {@code Adjoints}, or the tape. */
    private boolean helper(Java.Call c) {
      return Emitter.ADJOINTS.equals(c.owner()) || c.target() instanceof Java.Name n && n.name().equals(tape);
    }

    /** How many indices a declared local's type takes, 0 for anything else. */
    private int dimensions(Java.Name n) {
      Java.JType type = declared.get(n.name());
      if (type == null || !array(type)) {
        return 0;
      }
      return type.keyword().equals(Java.JType.of(Type.DOUBLE_MATRIX).keyword()) ? 2 : 1;
    }
  }

  /** The array an entry access starts from: {@code m} of {@code m[i][j]}. */
  private static Java.Expr base(Java.Expr e) {
    while (e instanceof Java.ArrayRead a) {
      e = a.array();
    }
    return e;
  }

  private static int levels(Java.Expr e) {
    int levels = 0;
    while (e instanceof Java.ArrayRead a) {
      levels++;
      e = a.array();
    }
    return levels;
  }

  private static boolean array(Java.JType type) {
    return type.ref() == null && (type.keyword().equals(Java.JType.of(Type.DOUBLE_ARRAY).keyword())
        || type.keyword().equals(Java.JType.of(Type.DOUBLE_MATRIX).keyword()));
  }

}
