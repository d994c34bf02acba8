package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.ssa.Names;
import io.adjoint.processor.ssa.Normalized;
import io.adjoint.processor.ssa.Node;
import io.adjoint.processor.ssa.Scope;
import io.adjoint.processor.ssa.SsaProgram;
import io.adjoint.processor.ssa.SsaStatement;
import io.adjoint.processor.ssa.SsaValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code fJacobian} for a vector-valued method that ends in its only return: its reverse
 * sweeps share one forward sweep. The forward sweep runs once, and marks its tape ({@code Tape.keep}).
 * Each reverse sweep starts from the tape as the forward sweep left it ({@code Tape.replay}) and from
 * the values of the forward variables it overwrites (kept in copies). Then,
 * when there are more inputs than outputs ({@code Jacobians.forward}), the reverse sweep of {@code
 * value[row]} ({@link Contraction#select}) runs once per output, adding row {@code row} of the Jacobian
 * straight into the record's components ({@code camJacobian[row]} for a parameter {@code cam}); else a
 * method that takes tangents, one per input, gives the matrix, which is cut into the components.
 */
final class JacobianRows {
  private JacobianRows() {}

  /**
   * @param record the Jacobian record: the value, then one component per differentiable parameter
   * @param byTangents the method taking the parameters and the number of outputs and returning the
   *     Jacobian matrix by tangents (a row per output, a column per input in the flat layout)
   * @return the body, or null when the method is not of that shape (its writer then calls the pullback
   *     once per output)
   */
  static Generator.Body generate(Function function, ClassRef record, String byTangents) {
    Normalized shape = Normalized.of(function);
    Names names = shape.names();
    String row = names.allocate("row", false);
    Function selected = Contraction.select(shape.function(), row, names);
    if (selected == null) {
      return null;
    }
    String inputs = names.allocate("inputs", false);
    String jacobian = names.allocate("jacobian", false);
    SsaProgram ssa = SsaProgram.of(selected, Rules.DIFFERENTIATION);
    String tape = names.allocate("tape", false);
    Emitter emitter = new Emitter(ssa, names, JavaExprs.ONE, shape.receiver(), tape);
    Java.Comment rowsStart = new Java.Comment("one reverse sweep per output, each adding a row of the Jacobian");
    emitter.markReturn(rowsStart);

    // each differentiable parameter's component, and where a row of it is written
    List<Parameter> params = new ArrayList<>();
    List<SsaValue> vals = new ArrayList<>();
    List<String> components = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < function.parameters().size(); i++) {
      if (function.accessors().get(i) == null) {
        continue;
      }
      Parameter p = function.parameters().get(i);
      SsaValue v = ssa.params().get(i);
      params.add(p);
      vals.add(v);
      components.add(names.allocate(p.name() + "Jacobian", false));
      String rowOf = null;
      if (p.type() == Type.DOUBLE_ARRAY) {
        rowOf = names.allocate(p.name() + "Row", false);
        if (!emitter.storedInto(v)) {
          emitter.direct(v, new Propagation.Direct(rowOf, JavaExprs.lit("0"), false));
        }
      }
      rows.add(rowOf);
    }
    List<Java.Stmt> emitted = emitter.emit();
    int split = indexOf(emitted, rowsStart);
    if (split < 0) {
      throw new IllegalStateException("no final return in " + function.name());
    }
    Java.Expr value = emitter.forwardExpr(returnedArray(ssa));
    Java.Expr outputs = new Java.FieldRead(null, value, "length");
    Java.Expr index = JavaExprs.name(row);
    List<Java.Stmt> forward = emitted.subList(0, split);
    List<Java.Stmt> reverse = new ArrayList<>(emitted.subList(split + 1, emitted.size()));
    Java.Stmt release = null;
    if (!forward.isEmpty() && forward.get(0) instanceof Java.Declare d && d.name().equals(tape)) {
      release = reverse.remove(reverse.size() - 1); // after the last row
    }
    Set<String> rowArrays = new HashSet<>();
    rows.stream().filter(r -> r != null).forEach(rowArrays::add);
    Map<String, Java.JType> overwritten = overwritten(forward, reverse, rowArrays);
    if (overwritten == null) {
      return null;
    }

    List<Java.Stmt> stmts = new ArrayList<>(forward);
    List<Java.Stmt> rowStart = new ArrayList<>();
    if (release != null) {
      stmts.add(new Java.Eval(new Java.Call(null, JavaExprs.name(tape), "keep", List.of())));
      rowStart.add(new Java.Eval(new Java.Call(null, JavaExprs.name(tape), "replay", List.of())));
    }
    for (Map.Entry<String, Java.JType> e : overwritten.entrySet()) {
      String kept = names.allocate(e.getKey() + "Kept", false);
      stmts.add(new Java.Declare(e.getValue(), kept, JavaExprs.name(e.getKey())));
      rowStart.add(new Java.Assign(JavaExprs.name(e.getKey()), "=", JavaExprs.name(kept)));
    }
    for (int k = 0; k < params.size(); k++) {
      Type type = params.get(k).type() == Type.DOUBLE ? Type.DOUBLE_ARRAY : Type.DOUBLE_MATRIX;
      Java.JType declared = params.get(k).type() == Type.DOUBLE_MATRIX ? matrices() : Java.JType.of(type);
      stmts.add(new Java.Declare(declared, components.get(k), null));
    }

    // by tangents: the matrix, cut into the components at the parameters' positions in the flat layout
    List<Java.Stmt> byColumns = new ArrayList<>();
    List<Java.Expr> arguments = new ArrayList<>();
    if (shape.receiver() != null) {
      arguments.add(JavaExprs.name(shape.receiver()));
    }
    for (Parameter p : function.parameters()) {
      arguments.add(JavaExprs.name(p.name()));
    }
    arguments.add(outputs);
    Java.Expr matrix = JavaExprs.name(jacobian);
    byColumns.add(new Java.Declare(
        Java.JType.of(Type.DOUBLE_MATRIX), jacobian, new Java.Call(null, null, byTangents, arguments)));
    Java.Expr position = null;
    for (int k = 0; k < params.size(); k++) {
      Parameter p = params.get(k);
      Java.Expr at = position == null ? JavaExprs.lit("0") : position;
      Java.Expr cut = switch (p.type()) {
        case DOUBLE -> new Java.Call(ClassRef.JACOBIANS, null, "column", List.of(matrix, at));
        case DOUBLE_ARRAY -> new Java.Call(ClassRef.JACOBIANS, null, "columns", List.of(matrix, at, Generator.size(p)));
        default -> new Java.Call(ClassRef.JACOBIANS, null, "columns", List.of(matrix, at, JavaExprs.name(p.name())));
      };
      byColumns.add(new Java.Assign(JavaExprs.name(components.get(k)), "=", cut));
      position = position == null ? Generator.size(p) : JavaExprs.add(position, Generator.size(p));
    }
    Java.Expr inputCount = position == null ? JavaExprs.lit("0") : position;

    // by rows: each reverse sweep adds its row into the components
    List<Java.Stmt> byRows = new ArrayList<>();
    List<Java.Stmt> rowBody = new ArrayList<>(rowStart);
    List<Java.Stmt> epilogue = new ArrayList<>();
    for (int k = 0; k < params.size(); k++) {
      Parameter p = params.get(k);
      Java.Expr component = JavaExprs.name(components.get(k));
      Java.Expr bar = emitter.adjoint(vals.get(k)); // null: nothing flowed into the parameter
      Java.Expr entry = new Java.ArrayRead(component, index);
      switch (p.type()) {
        case DOUBLE -> {
          byRows.add(new Java.Assign(component, "=", new Java.NewArray(List.of(outputs), List.of())));
          if (bar != null && !JavaExprs.isZero(bar)) {
            epilogue.add(new Java.Assign(entry, "=", bar));
          }
        }
        case DOUBLE_ARRAY -> {
          byRows.add(new Java.Assign(component, "=", new Java.NewArray(List.of(outputs, Generator.size(p)), List.of())));
          rowBody.add(new Java.Declare(Java.JType.of(Type.DOUBLE_ARRAY), rows.get(k), entry));
          if (bar != null && !emitter.isDirect(vals.get(k))) {
            epilogue.add(new Java.Eval(new Java.Call(
                Emitter.ADJOINTS, null, "add", List.of(JavaExprs.ONE, bar, JavaExprs.name(rows.get(k)), JavaExprs.lit("0")))));
          }
        }
        default -> {
          byRows.add(new Java.Assign(component, "=", new Java.Call(ClassRef.JACOBIANS, null, "matrices", List.of(outputs))));
          Java.Expr zeros = new Java.Call(Emitter.ADJOINTS, null, "zerosLike", List.of(JavaExprs.name(p.name())));
          epilogue.add(new Java.Assign(entry, "=", bar != null ? bar : zeros)); // the row's own adjoint matrix
        }
      }
    }
    rowBody.addAll(reverse);
    rowBody.addAll(epilogue);
    byRows.add(rowsStart);
    byRows.add(new Java.CountUp(row, outputs, rowBody));

    stmts.add(new Java.Declare(Java.JType.of(Type.INT), inputs, inputCount));
    stmts.add(new Java.If(
        new Java.Call(ClassRef.JACOBIANS, null, "forward", List.of(JavaExprs.name(inputs), outputs)), byColumns, byRows));
    if (release != null) {
      stmts.add(release);
    }
    List<Java.Expr> args = new ArrayList<>();
    args.add(value);
    components.forEach(c -> args.add(JavaExprs.name(c)));
    stmts.add(new Java.Return(new Java.New(record, args)));
    return new Generator.Body(UnreadStores.remove(stmts, emitter.adjointArrays()), shape.receiver(), null, null, null);
  }

  private static Java.JType matrices() {
    return new Java.JType("double[][][]", null);
  }

  /**
   * The variables of the forward sweep that its reverse sweep assigns (values popped from the tape into
   * them, loop counters counted again), with their types: each row's reverse sweep starts from their
   * values at the end of the forward sweep. Null when the reverse sweep writes into an array that is
   * neither its own nor a row of the Jacobian ({@code rowArrays}), or assigns a variable the forward
   * sweep did not declare at its top level: then the rows cannot share the forward sweep.
   */
  private static Map<String, Java.JType> overwritten(
      List<Java.Stmt> forward, List<Java.Stmt> reverse, Set<String> rowArrays) {
    Set<String> own = new HashSet<>(rowArrays);
    declared(reverse, own);
    Map<String, Java.JType> forwardTypes = new HashMap<>(); // top level: where the copies can read them
    for (Java.Stmt s : forward) {
      if (s instanceof Java.Declare d) {
        forwardTypes.put(d.name(), d.type());
      }
    }
    Map<String, Java.JType> overwritten = new LinkedHashMap<>();
    return assigned(reverse, own, forwardTypes, overwritten) ? overwritten : null;
  }

  private static void declared(List<Java.Stmt> stmts, Set<String> names) {
    for (Java.Stmt s : stmts) {
      if (s instanceof Java.Declare d) {
        names.add(d.name());
      } else if (s instanceof Java.If i) {
        declared(i.then(), names);
        declared(i.otherwise(), names);
      } else if (s instanceof Java.While w) {
        declared(w.body(), names);
      } else if (s instanceof Java.CountDown c) {
        names.add(c.counter());
        declared(c.body(), names);
      } else if (s instanceof Java.CountUp c) {
        names.add(c.counter());
        declared(c.body(), names);
      }
    }
  }

  private static boolean assigned(
      List<Java.Stmt> stmts, Set<String> own, Map<String, Java.JType> forwardTypes, Map<String, Java.JType> out) {
    for (Java.Stmt s : stmts) {
      if (s instanceof Java.Assign a) {
        Java.Expr target = a.target();
        while (target instanceof Java.ArrayRead r) {
          target = r.array();
        }
        if (!(target instanceof Java.Name n)) {
          return false;
        }
        if (own.contains(n.name())) {
          continue;
        }
        if (a.target() != target || !forwardTypes.containsKey(n.name())) {
          return false; // an entry of the forward sweep's array, or a variable it did not declare
        }
        out.put(n.name(), forwardTypes.get(n.name()));
      } else if (s instanceof Java.If i) {
        if (!assigned(i.then(), own, forwardTypes, out) || !assigned(i.otherwise(), own, forwardTypes, out)) {
          return false;
        }
      } else if (s instanceof Java.While w) {
        if (!assigned(w.body(), own, forwardTypes, out)) {
          return false;
        }
      } else if (s instanceof Java.CountDown c) {
        if (!assigned(c.body(), own, forwardTypes, out)) {
          return false;
        }
      } else if (s instanceof Java.CountUp c) {
        if (!assigned(c.body(), own, forwardTypes, out)) {
          return false;
        }
      }
    }
    return true;
  }

  private static int indexOf(List<Java.Stmt> stmts, Java.Stmt marker) {
    for (int i = 0; i < stmts.size(); i++) {
      if (stmts.get(i) == marker) {
        return i;
      }
    }
    return -1;
  }

  /** The array whose entry the selected function returns: {@code value[row]}'s {@code value}. */
  private static Node returnedArray(SsaProgram ssa) {
    SsaStatement.Group last = (SsaStatement.Group) ssa.body().get(ssa.body().size() - 1);
    for (SsaStatement part : last.parts()) {
      if (part instanceof SsaStatement.Def d && d.target() == ssa.result() && d.expr() instanceof Node.ArrayRead entry) {
        return entry.array();
      }
    }
    throw new IllegalStateException("the return is not an array's entry");
  }
}
