package io.adjoint.processor.ir;

import java.util.List;

/**
 * A {@code @Differentiable} method called from another one, described by what the generated caller needs:
 * the class and method of its generated gradient, its record type, the record's accessor for each
 * parameter (null where the parameter gets no derivative), and whether the receiver is passed first.
 * {@code owner} is the class declaring the method, where generated code may call the method itself (for
 * a value alone), or null where it may not (a private method, or one in a private class). {@code
 * returns} is {@code double}, or {@code double[]} for a vector-valued method. A callee that takes records
 * ({@code recordShaped}) is always inlined: its parameters here are its records' leaves, which the caller
 * passes in their place, and its generated forms take the records themselves.
 */
public record Callee(
    String displayName,
    ClassRef gradients,
    String method,
    ClassRef record,
    List<Type> parameterTypes,
    List<String> parameterNames,
    List<String> accessors,
    boolean instance,
    ClassRef owner,
    Type returns,
    boolean recordShaped) {
  public Callee {
    parameterTypes = List.copyOf(parameterTypes);
    parameterNames = List.copyOf(parameterNames);
    accessors = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(accessors));
  }
}
