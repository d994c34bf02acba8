package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.Stmt;
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

    Ssa ssa = new Ssa(normalized);
    Java.Expr seed = form == Form.PULLBACK ? J.name(upstream) : J.ONE;
    Emitter emitter = new Emitter(ssa, names, seed, receiver);
    List<Java.Stmt> stmts = new ArrayList<>(emitter.emit());
    Java.Expr value = J.name(emitter.name(ssa.result));

    List<Java.Expr> partials = new ArrayList<>();
    for (int i = 0; i < function.parameters().size(); i++) {
      if (function.accessors().get(i) != null) {
        Java.Expr bar = emitter.adjoint(ssa.params.get(i));
        partials.add(bar == null ? J.ZERO : bar);
      }
    }
    switch (form) {
      case RECORD -> {
        List<Java.Expr> args = new ArrayList<>();
        args.add(value);
        args.addAll(partials);
        stmts.add(new Java.Return(new Java.New(record, args)));
      }
      case INTO -> {
        for (int i = 0; i < partials.size(); i++) {
          stmts.add(
              new Java.Assign(
                  new Java.ArrayRead(J.name(array), J.lit(Integer.toString(i))), "=", partials.get(i)));
        }
        stmts.add(new Java.Return(value));
      }
      case PULLBACK -> {
        for (int i = 0; i < partials.size(); i++) {
          if (J.isZero(partials.get(i))) {
            continue;
          }
          Java.Expr index =
              i == 0 ? J.name(offset) : J.add(J.name(offset), J.lit(Integer.toString(i)));
          stmts.add(new Java.Assign(new Java.ArrayRead(J.name(array), index), "+=", partials.get(i)));
        }
        stmts.add(new Java.Return(value));
      }
    }
    return new Body(stmts, receiver, array, upstream, offset);
  }

  private static void collect(List<Stmt> stmts, Set<String> names) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Declare d) {
        names.add(d.name());
      } else if (s instanceof Stmt.If i) {
        collect(i.then(), names);
        collect(i.otherwise(), names);
      }
    }
  }

  static String decapitalize(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
