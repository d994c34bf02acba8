package golden.calls;

import io.adjoint.Differentiable;

/** A differentiable building block that another class calls. */
public final class Layers {
  private Layers() {}

  @Differentiable
  public static double dense(double x, double w, double b) {
    return Math.tanh(w * x + b);
  }
}
