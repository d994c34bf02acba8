package golden.summed;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * GMM's main term, one component per mean: per point, Q·(x − μ) through a diagonal and a triangle. The Into
 * and Pullback forms take μ's adjoint once after the loop over the points, Qᵀ times the sum of the points'
 * adjoints of Q·(x − μ) (reverse/SummedAdjoints); the record form, one point at a time.
 */
class Mixture {
  @Differentiable
  static double component(double[] mu, double[] qDiag, double[] lower, @NoDerivative double[][] x) {
    int d = mu.length;
    double[] centered = new double[d];
    double[] s = new double[d];
    double total = 0;
    for (int ix = 0; ix < x.length; ix++) {
      for (int id = 0; id < d; id++) {
        centered[id] = x[ix][id] - mu[id];
        s[id] = qDiag[id] * centered[id];
      }
      int l = 0;
      for (int i = 0; i < d; i++) {
        for (int j = i + 1; j < d; j++) {
          s[j] += lower[l] * centered[i];
          l++;
        }
      }
      double norm = 0;
      for (int id = 0; id < d; id++) {
        norm += s[id] * s[id];
      }
      total += Math.exp(-0.5 * norm);
    }
    return total;
  }
}
