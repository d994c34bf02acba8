package io.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A function with user-declared derivatives: the generated code calls {@code owner.method} for the value
 * and, for parameter i, {@code derivativeOwners[i].derivatives[i]} for the partial derivative (null where
 * none is declared). A {@code @Differentiable} method called for its value alone, no derivative flowing
 * through the call, is one with none declared (see {@code ssa.SsaBuilder}).
 */
public record Custom(
    String display, ClassRef owner, String method, List<ClassRef> derivativeOwners, List<String> derivatives) {
  public Custom {
    derivativeOwners = Collections.unmodifiableList(new ArrayList<>(derivativeOwners));
    derivatives = Collections.unmodifiableList(new ArrayList<>(derivatives));
  }
}
