package io.adjoint.processor.ir;

import java.util.List;

/**
 * A lowered {@code @Differentiable} method: what the generator needs and nothing of javac.
 *
 * @param name the method's name
 * @param recordName the simple name of its gradient record
 * @param receiver the receiver's class for an instance method, else null
 * @param isPublic whether the generated methods are public
 * @param parameters the parameters, in order
 * @param accessors the record component for each parameter, null where it has none
 * @param body the statements, each path ending in a return
 * @param returns {@code double}, or {@code double[]} for a vector-valued method
 * @param records the parameters the user declared of a record type (or an array of one), each standing
 *     for the leaves among {@code parameters} it was taken apart into; empty for a method without
 * @param returnsRecord the record the method returns, as the {@code double[]} of its leaves; else null
 */
public record Function(
    String name,
    String recordName,
    TypeName receiver,
    boolean isPublic,
    List<Parameter> parameters,
    List<String> accessors,
    List<Stmt> body,
    int line,
    Type returns,
    List<RecordParameter> records,
    RecordType returnsRecord) {
  public Function {
    parameters = List.copyOf(parameters);
    records = List.copyOf(records);
    accessors = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(accessors));
    body = List.copyOf(body);
  }

  /** This function with another body (and everything else the same). */
  public Function withBody(List<Stmt> newBody) {
    return new Function(name, recordName, receiver, isPublic, parameters, accessors, newBody, line, returns, records, returnsRecord);
  }

  /**
   * A function derived from this one (its name, record, receiver and visibility), with other parameters,
   * body and return type: what a transformation writes for another to read.
   */
  public Function derived(List<Parameter> newParameters, List<String> newAccessors, List<Stmt> newBody, Type newReturns) {
    return new Function(
        name, recordName, receiver, isPublic, newParameters, newAccessors, newBody, line, newReturns, records, returnsRecord);
  }

  /** Whether the method returns {@code double[]}. */
  public boolean isVectorValued() {
    return returns == Type.DOUBLE_ARRAY;
  }

  /** The record parameter that parameter {@code index} is a leaf of, or null. */
  public RecordParameter recordOf(int index) {
    for (RecordParameter r : records) {
      if (index >= r.first() && index < r.first() + r.count()) {
        return r;
      }
    }
    return null;
  }

  /** The receiver type of an instance method, with the number of type arguments it takes. */
  public record TypeName(ClassRef type, int typeArguments) {}
}
