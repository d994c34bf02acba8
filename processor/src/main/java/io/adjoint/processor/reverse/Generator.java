package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The reverse stage's entry point: a lowered function in, the body of each generated form out. */
public final class Generator {
  /** The generated forms of one function. */
  public enum Form {
    /** Returns the value and the partials in a record. */
    RECORD,
    /** Writes the partials into a caller's array and returns the value. */
    INTO,
    /** Adds {@code upstream} times the partials into a caller's array at an offset; returns the value. */
    PULLBACK
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

  public static Body generate(Function function, ClassRef record, Form form) {
    Set<String> reserved = new HashSet<>();
    for (Parameter p : function.parameters()) {
      reserved.add(p.name());
    }
    collect(function.body(), reserved);
    List<Stmt> body = new Normalizer(reserved).normalize(function.body());
    collect(body, reserved);
    if (!Normalizer.terminates(body)) {
      throw new IllegalStateException("a path of " + function.name() + " does not return");
    }
    Function normalized =
        new Function(
            function.name(),
            function.recordName(),
            function.receiver(),
            function.isPublic(),
            function.parameters(),
            function.accessors(),
            body,
            function.line());

    Names names = new Names(reserved);
    for (Parameter p : function.parameters()) {
      names.allocate(p.name(), true);
    }
    String receiver =
        function.receiver() == null
            ? null
            : names.allocate(decapitalize(function.receiver().type().simpleName()), false);
    String array = null;
    String upstream = null;
    String offset = null;
    switch (form) {
      case INTO -> array = names.allocate("partials", false);
      case PULLBACK -> {
        upstream = names.allocate("upstream", false);
        array = names.allocate("adjoints", false);
        offset = names.allocate("offset", false);
      }
      default -> {}
    }

    String tape = names.allocate("tape", false);
    String at = names.allocate("at", false);

    Ssa ssa = new Ssa(normalized);
    Java.Expr seed = form == Form.PULLBACK ? J.name(upstream) : J.ONE;
    Emitter emitter = new Emitter(ssa, names, seed, receiver, tape);
    List<Java.Stmt> stmts = new ArrayList<>(emitter.emit());
    Java.Expr value = J.name(emitter.name(ssa.result));

    // the partials, in the order of the record's components; a parameter nothing flowed into gets zeros
    List<Java.Expr> partials = new ArrayList<>();
    List<Type> types = new ArrayList<>();
    boolean arrays = false;
    for (int i = 0; i < function.parameters().size(); i++) {
      if (function.accessors().get(i) != null) {
        Parameter p = function.parameters().get(i);
        Java.Expr bar = emitter.adjoint(ssa.params.get(i));
        partials.add(bar != null ? bar : zeros(p));
        types.add(p.type());
        arrays |= p.type().isArray();
      }
    }
    switch (form) {
      case RECORD -> {
        List<Java.Expr> args = new ArrayList<>();
        args.add(value);
        args.addAll(partials);
        stmts.add(new Java.Return(new Java.New(record, args)));
      }
      case INTO, PULLBACK -> {
        // a flat layout: a double takes one entry, an array its entries, a matrix its rows one after another
        boolean into = form == Form.INTO;
        Java.Expr position = into ? J.lit("0") : J.name(offset);
        if (arrays) {
          stmts.add(new Java.Declare(Java.JType.of(Type.INT), at, position));
        }
        for (int i = 0; i < partials.size(); i++) {
          Java.Expr bar = partials.get(i);
          Type type = types.get(i);
          if (!arrays) {
            Java.Expr index = i == 0 ? position : J.add(position, J.lit(Integer.toString(i)));
            if (into || !J.isZero(bar)) {
              stmts.add(new Java.Assign(new Java.ArrayRead(J.name(array), index), into ? "=" : "+=", bar));
            }
          } else if (type == Type.DOUBLE) {
            stmts.add(
                new Java.Assign(new Java.ArrayRead(J.name(array), new Java.PostIncrement(at)), into ? "=" : "+=", bar));
          } else {
            List<Java.Expr> args = into ? List.of(bar, J.name(array), J.name(at)) : List.of(J.ONE, bar, J.name(array), J.name(at));
            stmts.add(new Java.Assign(J.name(at), "=", new Java.Call(Emitter.ADJOINTS, null, into ? "write" : "add", args)));
          }
        }
        stmts.add(new Java.Return(value));
      }
    }
    return new Body(stmts, receiver, array, upstream, offset);
  }

  /** Zeros shaped like a parameter nothing flowed into. */
  private static Java.Expr zeros(Parameter p) {
    return switch (p.type()) {
      case DOUBLE_ARRAY -> new Java.NewArray(
          List.of(new Java.FieldRead(null, J.name(p.name()), "length")), List.of());
      case DOUBLE_MATRIX -> new Java.Call(Emitter.ADJOINTS, null, "zerosLike", List.of(J.name(p.name())));
      default -> J.ZERO;
    };
  }

  private static void collect(List<Stmt> stmts, Set<String> names) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Declare d) {
        names.add(d.name());
      } else if (s instanceof Stmt.If i) {
        collect(i.then(), names);
        collect(i.otherwise(), names);
      } else if (s instanceof Stmt.Loop l) {
        collect(l.body(), names);
      }
    }
  }

  static String decapitalize(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
