package io.adjoint.processor.ssa;

import io.adjoint.processor.ir.Function;
import java.util.List;

/**
 * A method's forward program in SSA form, built once ({@link #of}) and never changed after: every form
 * a transformation writes from the same function reads the same program, and keeps what it writes of
 * the program's values in state of its own.
 *
 * @param params the parameters' values, in order
 * @param result the value the method returns
 * @param top the scope of the method's body
 * @param body the body's statements
 */
public record SsaProgram(List<SsaValue> params, SsaValue result, Scope top, List<SsaStatement> body) {
  /** Builds the program of a normalized function, for the transformation whose derivative rules are {@code rules}. */
  public static SsaProgram of(Function normalized, Differentiation rules) {
    return new SsaBuilder(normalized, rules).program();
  }

  /** Whether the method stores into array {@code v} anywhere. */
  public boolean storedInto(SsaValue v) {
    java.util.Set<SsaValue> arrays = new java.util.LinkedHashSet<>();
    SsaStatement.stored(body, arrays);
    SsaValue r = v.resolve();
    return arrays.stream().anyMatch(a -> a.resolve() == r);
  }
}
