package io.adjoint.processor.ir;

/**
 * A problem only a later stage can see (the reverse stage knows which values carry derivatives, the
 * inliner which callees it can inline), reported at {@code at}, the source construct the IR kept an
 * opaque handle to.
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
