package io.adjoint.processor.reverse;

/**
 * A problem only the reverse stage can see (it knows which values carry derivatives), reported at {@code
 * at}, the source construct the IR kept an opaque handle to.
 */
public final class GenerationError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Object at;

  public GenerationError(Object at, String message) {
    super(message, null, false, false);
    this.at = at;
  }

  /** The source construct, as the lowering stage handed it over. */
  public Object at() {
    return at;
  }
}
