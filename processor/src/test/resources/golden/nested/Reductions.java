package golden.nested;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * Nested reductions: a loop over data points that sums one term per point, where each term runs loops of
 * its own. The reverse of each point's term runs in the same iteration, right after it ("in the same
 * iteration"), so the tape holds at most one point's values and the data are read once.
 */
public final class Reductions {
  private Reductions() {}

  /** The logistic loss Σᵢ log(1 + exp(−yᵢ·w·xᵢ)): a dot product per row, then its term. No tape. */
  @Differentiable
  public static double logistic(double[] w, @NoDerivative double[][] x, @NoDerivative double[] y) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * x[i][j];
      }
      total += Math.log1p(Math.exp(-y[i] * z));
    }
    return total;
  }

  /**
   * Σᵢ ‖s ⊙ (xᵢ − μ)‖² through a scratch array: each point fills {@code centered} before reading it, so
   * its adjoint is back to zero at the end of each iteration, and the array is made once.
   */
  @Differentiable
  public static double scaledDistances(double[] mu, double[] s, @NoDerivative double[][] x) {
    double[] centered = new double[mu.length];
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < centered.length; j++) {
        centered[j] = x[i][j] - mu[j];
      }
      double norm = 0;
      for (int j = 0; j < centered.length; j++) {
        double scaled = s[j] * centered[j];
        norm += scaled * scaled;
      }
      total += Math.sqrt(norm + 1e-12);
    }
    return 0.5 * total;
  }
}
