package io.adjoint.processor.tangent;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ssa.Names;
import io.adjoint.processor.ssa.Normalized;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Forward mode's entry point: a lowered function in, the body of its tangent form out. */
public final class TangentGenerator {
  /**
   * The tangent form's body and the names of its extra parameters.
   *
   * @param receiver the receiver parameter, for an instance method
   * @param tangents the tangent parameter of each parameter, null where it has none
   * @param record the record it returns
   */
  public record Body(List<Java.Stmt> statements, String receiver, List<String> tangents, ClassRef record) {}

  private TangentGenerator() {}

  /** The tangent record of a function whose gradient record is {@code gradientRecord}. */
  public static ClassRef tangentRecord(ClassRef gradientRecord) {
    return TangentSweep.tangentRecord(gradientRecord);
  }

  /**
   * {@code fTangent(parameters, one tangent per differentiable parameter)}, returning {@code
   * tangentRecord(value, tangent)}.
   */
  public static Body generate(Function function, ClassRef tangentRecord) {
    Normalized shape = Normalized.of(function);
    List<Stmt> body = shape.function().body();
    Names names = shape.names();
    String receiver = shape.receiver();
    List<String> tangents = new ArrayList<>();
    for (int i = 0; i < function.parameters().size(); i++) {
      tangents.add(
          function.accessors().get(i) == null
              ? null
              : names.allocate(function.parameters().get(i).name() + "Dot", false));
    }
    Activity activity = new Activity(function, body);
    TangentSweep sweep = new TangentSweep(activity, names, receiver, tangentRecord);
    for (int i = 0; i < tangents.size(); i++) {
      if (tangents.get(i) != null) {
        sweep.bind(function.parameters().get(i).name(), tangents.get(i));
      }
    }
    List<Java.Stmt> statements = new ArrayList<>();
    Set<String> assigned = new HashSet<>();
    assignedNames(body, assigned);
    for (int i = 0; i < tangents.size(); i++) {
      Parameter p = function.parameters().get(i);
      if (assigned.contains(p.name())) {
        sweep.copy(p.name(), p.type(), tangents.get(i), statements);
      }
    }
    for (int i = 0; i < tangents.size(); i++) {
      Parameter p = function.parameters().get(i);
      if (tangents.get(i) == null && p.type() == Type.DOUBLE && activity.isActive(p.name())) {
        sweep.startAtZero(p.name(), statements);
      }
    }
    statements.addAll(sweep.statements(body));
    return new Body(statements, receiver, tangents, tangentRecord);
  }


  /** Adds the name of every variable {@code stmts} assign, at any depth, to {@code names}. */
  private static void assignedNames(List<Stmt> stmts, Set<String> names) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Assign a) {
        names.add(a.name());
      } else if (s instanceof Stmt.If f) {
        assignedNames(f.then(), names);
        assignedNames(f.otherwise(), names);
      } else if (s instanceof Stmt.Loop l) {
        assignedNames(l.body(), names);
      }
    }
  }
}
