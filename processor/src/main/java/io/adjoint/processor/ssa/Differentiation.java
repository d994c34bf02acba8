package io.adjoint.processor.ssa;

import io.adjoint.processor.ir.Callee;
import io.adjoint.processor.ir.GenerationError;

/**
 * What building an SSA program asks of the transformation it is built for: the builder makes a leaf of
 * every value a derivative rule reads, and the rules are the transformation's, which this package does
 * not depend on.
 */
public interface Differentiation {
  /** Which operands of an active node its derivative rule reads, and whether it reads the node's own value. */
  Reads reads(Node node);

  /**
   * The error for argument {@code index} (from 0) of a call at {@code origin}: it depends on the
   * differentiated inputs, but {@code callee} does not differentiate that parameter.
   */
  GenerationError inactiveParameter(Object origin, int index, Callee callee);

  /**
   * @param operands for each operand of the node, whether the rule reads its value
   * @param self whether the rule reads the node's own value
   */
  record Reads(boolean[] operands, boolean self) {}
}
