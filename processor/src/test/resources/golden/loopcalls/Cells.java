package golden.loopcalls;

import io.adjoint.Differentiable;

/**
 * Calls inside loops: each is inlined where it is called, so that the reverse sweep tapes the few doubles
 * its derivative needs, on the tape the caller reuses, instead of keeping the callee's gradient record for
 * every iteration; a call outside loops stays a call.
 */
public final class Cells {
  private Cells() {}

  @Differentiable
  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** A recurrence through a call: each step's state depends on the last, so the loop is taped. */
  @Differentiable
  public static double recurrent(double[] w, double[] x, double h0) {
    double h = h0;
    for (int i = 0; i < x.length; i++) {
      h = sigmoid(w[i] * h + x[i]);
    }
    return h;
  }

  /** The same cell outside a loop: called, its gradient record read once. */
  @Differentiable
  public static double once(double w, double x, double h) {
    return sigmoid(w * h + x);
  }
}
