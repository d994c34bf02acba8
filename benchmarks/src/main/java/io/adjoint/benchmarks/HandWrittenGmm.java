package io.adjoint.benchmarks;

import io.adjoint.samples.gmm.Gmm;
import java.util.Arrays;

/**
 * The gradient of ADBench's GMM objective ({@link Gmm#objective}) written by hand, as a careful
 * engineer would, in the spirit of ADBench's hand-written C++ {@code gmm_objective_d}: the yardstick for
 * the generated {@code GmmGradients.objectiveInto}.
 *
 * <p>One pass over the points. For each point, each component's forward (centered = x − μ_k, Q_k·centered
 * through the packed lower triangle, its squared norm, the main term) is kept in scratch arrays; a
 * stable log-sum-exp over the components keeps each exp(mainTerm_k − max), so the weights
 * w_k = exp(mainTerm_k − lse) cost a multiplication; then each component's reverse goes straight into
 * the gradient. With s = Q_k·centered the main term's adjoint is w_k and s's is −w_k·s, so, for column
 * i of the triangle (q_i = exp(icf_i) on Q_k's diagonal, l_ji below it):
 *
 * <pre>
 * ∂/∂l_ji  += −w·centered_i·s_j                 (the outer product)
 * ∂/∂μ_i   += w·(q_i·s_i + Σ_{j>i} l_ji·s_j)    (Q_kᵀ·s, one reduction per column)
 * ∂/∂icf_i += −w·centered_i·q_i·s_i  (+ w, from Σ_j icf_j: added once per call as Σ_points w)
 * </pre>
 *
 * The prior and −n·logsumexp(α) are added after the loop. Scratch arrays are allocated once per call.
 *
 * <p>Floating-point operations per point and component, with T = d(d−1)/2 entries in the strict
 * triangle: the objective's 2T + 4d + 6 and one exp (T multiply-adds for Q·centered); this gradient's
 * forward the same, and a reverse of 4T + 6d + 2 (Qᵀ·s and the outer product, T multiply-adds each),
 * no second exp. Gradient ÷ objective in operations: 2.1 at d = 2 before the exp, 2.78 at d = 10,
 * 2.89 at d = 20, tending to 3.
 *
 * <p>{@link #objectiveIntoSummingMeans} takes Qᵀ·s out of the loop over the points: Q_k does not change
 * from point to point, so ∂/∂μ_k = Q_kᵀ·Σ_points w·s, one Qᵀ·v per component after the loop; per point
 * the triangle's reverse is the outer product alone (2T fewer operations). A statement-by-statement
 * reverse sweep, the generated one's too, applies Qᵀ at every point.
 */
public final class HandWrittenGmm {
  private HandWrittenGmm() {}

  /**
   * The value of {@link Gmm#objective}; {@code partials} receives its gradient laid out as {@code
   * GmmGradients.objectiveInto} lays it out: ∂/∂alphas, then ∂/∂means row by row, then ∂/∂icf row by
   * row.
   */
  public static double objectiveInto(
      double[] alphas,
      double[][] means,
      double[][] icf,
      double[][] x,
      double wishartGamma,
      int wishartM,
      double[] partials) {
    return objectiveInto(alphas, means, icf, x, wishartGamma, wishartM, partials, false);
  }

  /**
   * {@link #objectiveInto}, the same value and gradient, with ∂/∂μ computed once per component after
   * the loop over the points (see the class documentation).
   */
  public static double objectiveIntoSummingMeans(
      double[] alphas,
      double[][] means,
      double[][] icf,
      double[][] x,
      double wishartGamma,
      int wishartM,
      double[] partials) {
    return objectiveInto(alphas, means, icf, x, wishartGamma, wishartM, partials, true);
  }

  private static double objectiveInto(
      double[] alphas,
      double[][] means,
      double[][] icf,
      double[][] x,
      double wishartGamma,
      int wishartM,
      double[] partials,
      boolean meansAfterLoop) {
    int k = alphas.length;
    int d = means[0].length;
    int n = x.length;
    int icfSize = icf[0].length;
    int meansAt = k;
    int icfAt = k + k * d;
    Arrays.fill(partials, 0, icfAt + k * icfSize, 0.0);

    double[] qDiags = new double[k * d];
    double[] sumQs = new double[k];
    for (int ik = 0; ik < k; ik++) {
      double[] q = icf[ik];
      double sum = 0;
      for (int id = 0; id < d; id++) {
        sum += q[id];
        qDiags[ik * d + id] = Math.exp(q[id]);
      }
      sumQs[ik] = sum;
    }

    double[] centered = new double[k * d];
    double[] qCentered = new double[k * d];
    double[] mainTerm = new double[k];
    double[] expTerm = new double[k];
    double[] sums = meansAfterLoop ? new double[k * d] : null; // Σ_points w·s per component
    double slse = 0;
    for (int ix = 0; ix < n; ix++) {
      double[] xi = x[ix];
      // Forward: each component's main term, its centered point and Q_k·centered kept.
      double max = Double.NEGATIVE_INFINITY;
      for (int ik = 0; ik < k; ik++) {
        double[] mu = means[ik];
        double[] q = icf[ik];
        int at = ik * d;
        for (int id = 0; id < d; id++) {
          double c = xi[id] - mu[id];
          centered[at + id] = c;
          qCentered[at + id] = qDiags[at + id] * c;
        }
        int l = d;
        for (int i = 0; i < d; i++) {
          double c = centered[at + i];
          for (int j = i + 1; j < d; j++) {
            qCentered[at + j] += q[l] * c;
            l++;
          }
        }
        double sqNorm = 0;
        for (int id = 0; id < d; id++) {
          double s = qCentered[at + id];
          sqNorm += s * s;
        }
        double term = alphas[ik] + sumQs[ik] - 0.5 * sqNorm;
        mainTerm[ik] = term;
        if (ik == 0 || term > max) {
          max = term;
        }
      }
      double sumExp = 0;
      for (int ik = 0; ik < k; ik++) {
        double e = Math.exp(mainTerm[ik] - max);
        expTerm[ik] = e;
        sumExp += e;
      }
      slse += Math.log(sumExp) + max;

      // Reverse of this point's log-sum-exp, straight into the gradient.
      double inverse = 1 / sumExp;
      for (int ik = 0; ik < k; ik++) {
        double w = expTerm[ik] * inverse;
        partials[ik] += w; // ∂/∂alpha_k; also, once per call, ∂/∂icf_kj of Σ_j icf_kj
        double[] q = icf[ik];
        int at = ik * d;
        int meanAt = meansAt + at;
        int qAt = icfAt + ik * icfSize;
        int l = d;
        if (meansAfterLoop) {
          for (int i = 0; i < d; i++) {
            double s = qCentered[at + i];
            double a = -w * centered[at + i];
            partials[qAt + i] += a * (qDiags[at + i] * s);
            sums[at + i] += w * s;
            for (int j = i + 1; j < d; j++) {
              partials[qAt + l] += a * qCentered[at + j];
              l++;
            }
          }
          continue;
        }
        for (int i = 0; i < d; i++) {
          double diag = qDiags[at + i] * qCentered[at + i];
          double a = -w * centered[at + i];
          partials[qAt + i] += a * diag;
          double qtS = diag; // (Q_kᵀ·s)_i
          for (int j = i + 1; j < d; j++) {
            double s = qCentered[at + j];
            qtS += q[l] * s;
            partials[qAt + l] += a * s;
            l++;
          }
          partials[meanAt + i] += w * qtS;
        }
      }
    }
    if (meansAfterLoop) {
      for (int ik = 0; ik < k; ik++) { // ∂/∂μ_k = Q_kᵀ·Σ_points w·s
        double[] q = icf[ik];
        int at = ik * d;
        int l = d;
        for (int i = 0; i < d; i++) {
          double qtS = qDiags[at + i] * sums[at + i];
          for (int j = i + 1; j < d; j++) {
            qtS += q[l] * sums[at + j];
            l++;
          }
          partials[meansAt + at + i] += qtS;
        }
      }
    }

    // −n·logsumexp(α).
    double maxAlpha = alphas[0];
    for (int ik = 1; ik < k; ik++) {
      if (alphas[ik] > maxAlpha) {
        maxAlpha = alphas[ik];
      }
    }
    double sumAlpha = 0;
    for (int ik = 0; ik < k; ik++) {
      sumAlpha += Math.exp(alphas[ik] - maxAlpha);
    }
    double lseAlpha = Math.log(sumAlpha) + maxAlpha;

    // The Wishart prior, and the terms of ∂/∂icf's diagonal that do not depend on the point.
    double gamma2 = wishartGamma * wishartGamma;
    double prior = 0;
    for (int ik = 0; ik < k; ik++) {
      double[] q = icf[ik];
      int qAt = icfAt + ik * icfSize;
      double weights = partials[ik]; // Σ_points w_k
      double frobenius = 0;
      for (int id = 0; id < d; id++) {
        double e = qDiags[ik * d + id];
        frobenius += e * e;
        partials[qAt + id] += weights + gamma2 * e * e - wishartM;
      }
      for (int il = d; il < icfSize; il++) {
        frobenius += q[il] * q[il];
        partials[qAt + il] += gamma2 * q[il];
      }
      prior += 0.5 * gamma2 * frobenius - wishartM * sumQs[ik];
      partials[ik] = weights - n * Math.exp(alphas[ik] - lseAlpha);
    }
    int nPrime = d + wishartM + 1;
    double c =
        nPrime * d * (Math.log(wishartGamma) - 0.5 * Math.log(2))
            - Gmm.logMultivariateGamma(0.5 * nPrime, d);
    double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
    return constant + slse - n * lseAlpha + prior - k * c;
  }
}
