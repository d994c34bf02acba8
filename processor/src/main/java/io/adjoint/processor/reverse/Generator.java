package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.RecordEdges;
import io.adjoint.processor.ir.RecordParameter;
import io.adjoint.processor.ir.Stmt;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The reverse stage's entry point: a lowered function in, the body of each generated form out. */
public final class Generator {
  /**
   * The end of the comment before the additions an Into, Pullback or record form makes once, after an
   * outer loop, to sums over it ({@link SummedAdjoints}): how tests tell that a form sums a map first.
   */
  public static final String SUMMED = SummedAdjoints.MARK;

  /** The generated forms of one function. */
  public enum Form {
    /** Returns the value and the partials in a record. */
    RECORD,
    /** Writes the partials into a caller's array and returns the value. */
    INTO,
    /** Adds {@code upstream} times the partials into a caller's array at an offset; returns the value. */
    PULLBACK,
    /**
     * For a vector-valued method: adds the vector–Jacobian product {@code upstreamᵀ·J} into a caller's
     * array at an offset, and returns nothing (see {@link Contraction}).
     */
    VECTOR_PULLBACK
  }

  /**
   * A generated method body and the names it gives its extra parameters, which avoid the user's names.
   *
   * @param receiver the receiver parameter, for an instance method
   * @param array the partials (INTO) or adjoints (PULLBACK) array
   * @param upstream the upstream adjoint (PULLBACK)
   * @param offset the array offset (PULLBACK)
   */
  public record Body(
      List<Java.Stmt> statements, String receiver, String array, String upstream, String offset) {}

  private Generator() {}

  /**
   * A lowered function as reverse mode starts from it: normalized, and its SSA program, built once (when
   * first asked for) and shared by the forms that differentiate the function as it is.
   */
  public static final class Program {
    private final Function function;
    private final Normalized shape;
    private SsaProgram ssa;

    private Program(Function function) {
      this.function = function;
      this.shape = Normalized.of(function);
    }

    private SsaProgram ssa() {
      if (ssa == null) {
        ssa = SsaProgram.of(shape.function(), Rules.DIFFERENTIATION);
      }
      return ssa;
    }
  }

  /** The program every form of {@code function} is generated from (see {@link #generate(Program, ClassRef, Form)}). */
  public static Program program(Function function) {
    return new Program(function);
  }

  public static Body generate(Function function, ClassRef record, Form form) {
    return generate(program(function), record, form);
  }

  /**
   * The body of one form of a function. The forms generated from one {@link Program} share its SSA
   * program, except {@link Form#VECTOR_PULLBACK}, which differentiates the function contracted with the
   * upstream vector and builds that program for itself.
   */
  public static Body generate(Program program, ClassRef record, Form form) {
    Function function = program.function;
    Normalized shape = program.shape;
    Function normalized = shape.function();
    Names names = shape.names().copy();
    String array = null;
    String upstream = null;
    String offset = null;
    switch (form) {
      case INTO -> array = names.allocate("partials", false);
      case PULLBACK, VECTOR_PULLBACK -> {
        upstream = names.allocate("upstream", false);
        array = names.allocate("adjoints", false);
        offset = names.allocate("offset", false);
      }
      default -> {}
    }
    boolean vector = form == Form.VECTOR_PULLBACK;
    if (vector) {
      normalized = Contraction.contract(normalized, upstream, names);
    }
    String tape = names.allocate("tape", false);

    SsaProgram ssa = vector ? SsaProgram.of(normalized, Rules.DIFFERENTIATION) : program.ssa();
    Java.Expr seed = form == Form.PULLBACK ? JavaExprs.name(upstream) : JavaExprs.ONE; // a vector's is in the sum
    Emitter emitter = new Emitter(ssa, names, seed, shape.receiver(), tape);
    Layout layout = form == Form.RECORD
        ? null
        : Layout.of(function, ssa, emitter, names, array, offset == null ? null : JavaExprs.name(offset), form == Form.INTO);

    List<Java.Stmt> stmts = new ArrayList<>();
    if (layout != null) {
      stmts.addAll(layout.prologue);
    }
    stmts.addAll(emitter.emit());
    if (form == Form.RECORD) {
      List<Java.Expr> args = new ArrayList<>();
      args.add(JavaExprs.name(emitter.name(ssa.result())));
      for (int i = 0; i < function.parameters().size(); i++) {
        RecordParameter taken = function.recordOf(i);
        if (taken != null) {
          if (i == taken.first() && taken.accessor() != null) {
            List<Java.Expr> leaves = new ArrayList<>();
            for (int j = i; j < i + taken.count(); j++) {
              leaves.add(function.accessors().get(j) == null ? null : adjointOrZeros(function, ssa, emitter, j));
            }
            args.add(RecordEdges.assemble(taken, leaves));
          }
        } else if (function.accessors().get(i) != null) {
          args.add(adjointOrZeros(function, ssa, emitter, i));
        }
      }
      stmts.add(new Java.Return(new Java.New(record, args)));
    } else {
      stmts.addAll(layout.epilogue(function, ssa, emitter));
      if (!vector) {
        stmts.add(new Java.Return(JavaExprs.name(emitter.name(ssa.result()))));
      }
    }
    List<Java.Stmt> settled = UnreadStores.remove(stmts, emitter.adjointArrays());
    if (form == Form.INTO) {
      settled = FirstStores.store(settled, array, layout.parameterAt, names);
    }
    settled = SiblingLoops.fuse(
        settled, emitter.adjointArrays(), array, layout == null ? List.of() : layout.parameterAt.keySet(), names);
    settled = RefilledAdjoints.store(settled, emitter.adjointArrays());
    settled = RowStarts.hoist(settled, names);
    settled = SummedAdjoints.sum(settled, sinks(function, ssa, emitter, array), tape, names);
    settled = LentArrays.borrow(settled, tape);
    return new Body(settled, shape.receiver(), array, upstream, offset);
  }

  /**
   * The body of {@code fJacobian} that shares one forward sweep between its reverse sweeps, or null
   * where the method's shape does not allow it (see {@link JacobianRows}).
   */
  public static Body jacobian(Function function, ClassRef record, String byTangents) {
    return JacobianRows.generate(function, record, byTangents);
  }

  /**
   * The flat layout of the Into and Pullback forms, where a double takes one entry, an array its entries,
   * a matrix its rows one after another: each differentiable parameter's position, and the statements
   * that name positions before the body. An array or matrix the method never stores into has its adjoint
   * added straight into the caller's array at its position.
   */
  private static final class Layout {
    final List<Java.Stmt> prologue = new ArrayList<>();
    final List<Java.Expr> positions = new ArrayList<>();
    /** The parameter at each position. */
    final Map<Java.Expr, String> parameterAt = new HashMap<>();
    final String array;
    final boolean into;
    /** The number of entries, less {@link #constant}: null, or a sum of lengths and the offset. */
    private Java.Expr variable;
    private int constant;

    private Layout(String array, Java.Expr offset, boolean into) {
      this.array = array;
      this.into = into;
      this.variable = offset;
    }

    static Layout of(
        Function function, SsaProgram ssa, Emitter emitter, Names names, String array, Java.Expr offset, boolean into) {
      Layout layout = new Layout(array, offset, into);
      for (int i = 0; i < function.parameters().size(); i++) {
        if (function.accessors().get(i) == null) {
          continue;
        }
        Parameter p = function.parameters().get(i);
        if (layout.variable != null && !JavaExprs.isSimple(layout.variable)) {
          String name = names.allocate(p.name() + "At", false);
          layout.prologue.add(new Java.Declare(Java.JType.of(Type.INT), name, layout.variable));
          layout.variable = JavaExprs.name(name);
        }
        Java.Expr position = layout.total();
        layout.positions.add(position);
        layout.parameterAt.put(position, p.name());
        SsaValue v = ssa.params().get(i);
        if (p.type() == Type.DOUBLE_ARRAY && !emitter.storedInto(v)) {
          emitter.direct(v, new Propagation.Direct(array, position, into));
        } else if (p.type() == Type.DOUBLE_MATRIX && !emitter.storedInto(v)) {
          emitter.direct(v, new Propagation.Direct(array, position, into, names.allocate(p.name() + "Rows", false)));
        }
        if (p.type() == Type.DOUBLE) {
          layout.constant++;
        } else {
          Java.Expr size = size(p);
          layout.variable = layout.variable == null ? size : JavaExprs.add(layout.variable, size);
        }
      }
      return layout;
    }

    /** The entries taken so far: after {@link #of}, the whole layout's. */
    Java.Expr total() {
      Java.Expr constantPart = JavaExprs.lit(Integer.toString(constant));
      return variable == null ? constantPart : constant == 0 ? variable : JavaExprs.add(variable, constantPart);
    }

    /** Writes (Into) or adds (Pullback) the adjoints not already in {@link #array} there. */
    List<Java.Stmt> epilogue(Function function, SsaProgram ssa, Emitter emitter) {
      List<Java.Stmt> stmts = new ArrayList<>();
      int k = 0;
      for (int i = 0; i < function.parameters().size(); i++) {
        if (function.accessors().get(i) == null) {
          continue;
        }
        Parameter p = function.parameters().get(i);
        SsaValue v = ssa.params().get(i);
        Java.Expr bar = emitter.adjoint(v); // null: nothing flowed into the parameter
        Java.Expr position = positions.get(k++);
        if (p.type() == Type.DOUBLE) {
          if (into || (bar != null && !JavaExprs.isZero(bar))) {
            stmts.add(new Java.Assign(
                new Java.ArrayRead(JavaExprs.name(array), position), into ? "=" : "+=", bar != null ? bar : JavaExprs.ZERO));
          }
        } else if (bar == null) {
          if (into) {
            stmts.add(new Java.Eval(new Java.Call(Emitter.ADJOINTS, null, "zero", List.of(JavaExprs.name(array), position, size(p)))));
          }
        } else if (!emitter.isDirect(v)) {
          List<Java.Expr> args = into
              ? List.of(bar, JavaExprs.name(array), position)
              : List.of(JavaExprs.ONE, bar, JavaExprs.name(array), position);
          stmts.add(new Java.Eval(new Java.Call(Emitter.ADJOINTS, null, into ? "write" : "add", args)));
        }
      }
      return stmts;
    }
  }

  /**
   * The arrays that receive the parameters' adjoints: the flat {@code array} of the Into and Pullback
   * forms, or, where that is null, the record form's adjoint arrays of its array and matrix parameters.
   */
  private static Set<String> sinks(Function function, SsaProgram ssa, Emitter emitter, String array) {
    if (array != null) {
      return Set.of(array);
    }
    Set<String> sinks = new HashSet<>();
    for (int i = 0; i < function.parameters().size(); i++) {
      Type type = function.parameters().get(i).type();
      if (function.accessors().get(i) != null && (type == Type.DOUBLE_ARRAY || type == Type.DOUBLE_MATRIX)
          && emitter.adjoint(ssa.params().get(i)) instanceof Java.Name bar) {
        sinks.add(bar.name());
      }
    }
    return sinks;
  }

  /** The adjoint of parameter {@code i}, or zeros shaped like it where nothing flowed into it. */
  private static Java.Expr adjointOrZeros(Function function, SsaProgram ssa, Emitter emitter, int i) {
    Java.Expr bar = emitter.adjoint(ssa.params().get(i));
    return bar != null ? bar : zeros(function.parameters().get(i));
  }

  /** The number of entries a parameter takes in the flat layout. */
  static Java.Expr size(Parameter p) {
    return switch (p.type()) {
      case DOUBLE_ARRAY -> new Java.FieldRead(null, JavaExprs.name(p.name()), "length");
      case DOUBLE_MATRIX -> new Java.Call(Emitter.ADJOINTS, null, "size", List.of(JavaExprs.name(p.name())));
      default -> JavaExprs.lit("1");
    };
  }

  /** Zeros shaped like a parameter nothing flowed into. */
  private static Java.Expr zeros(Parameter p) {
    return switch (p.type()) {
      case DOUBLE_ARRAY -> new Java.NewArray(
          List.of(new Java.FieldRead(null, JavaExprs.name(p.name()), "length")), List.of());
      case DOUBLE_MATRIX -> new Java.Call(Emitter.ADJOINTS, null, "zerosLike", List.of(JavaExprs.name(p.name())));
      default -> JavaExprs.ZERO;
    };
  }

}
