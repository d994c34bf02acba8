package io.adjoint.samples.gmm;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * ADBench's Gaussian mixture model objective (the log-likelihood of the points plus a Wishart prior on
 * the inverse covariances) as plain Java, differentiated by the Adjoint processor: loops, local arrays
 * and a {@link #logSumExp} helper, following ADBench's {@code gmm_objective} in {@code
 * src/cpp/shared/gmm.h} line by line. {@code GmmGradients.objective(...)} returns the value and the
 * gradient with respect to {@code alphas}, {@code means} and {@code icf}.
 */
public final class Gmm {
  private Gmm() {}

  /**
   * The objective
   *
   * <pre>
   * −n·d/2·log 2π + Σ_i logsumexp_k(α_k + Σ_j q_jk − ½‖Q_k (x_i − μ_k)‖²) − n·logsumexp(α)
   *   + Σ_k (½γ²(‖exp q_k‖² + ‖l_k‖²) − m·Σ_j q_jk) − K·C(d, γ, m)
   * </pre>
   *
   * where Q_k is lower triangular with diagonal exp(q_k) and strict lower triangle l_k, both stored in
   * {@code icf[k]} (first the d values q_k, then l_k column by column), and C is the Wishart prior's
   * normalising constant, which does not depend on the parameters.
   *
   * @param alphas log mixture weights {@code [K]}
   * @param means component means {@code [K][d]}
   * @param icf inverse covariance factors {@code [K][d(d+1)/2]}
   * @param x the points {@code [n][d]}
   * @param wishartGamma the Wishart prior's γ
   * @param wishartM the Wishart prior's m
   */
  @Differentiable(order = 2)
  public static double objective(
      double[] alphas,
      double[][] means,
      double[][] icf,
      @NoDerivative double[][] x,
      @NoDerivative double wishartGamma,
      int wishartM) {
    int k = alphas.length;
    int d = means[0].length;
    int n = x.length;
    int icfSize = icf[0].length;

    // The diagonals of the Q_k and the sums of their logarithms.
    double[][] qDiags = new double[k][d];
    double[] sumQs = new double[k];
    for (int ik = 0; ik < k; ik++) {
      double sum = 0;
      for (int id = 0; id < d; id++) {
        sum += icf[ik][id];
        qDiags[ik][id] = Math.exp(icf[ik][id]);
      }
      sumQs[ik] = sum;
    }

    // Σ_i logsumexp_k(α_k + Σ_j q_jk − ½‖Q_k (x_i − μ_k)‖²).
    double[] centered = new double[d];
    double[] qCentered = new double[d];
    double[] mainTerm = new double[k];
    double slse = 0;
    for (int ix = 0; ix < n; ix++) {
      for (int ik = 0; ik < k; ik++) {
        for (int id = 0; id < d; id++) {
          centered[id] = x[ix][id] - means[ik][id];
          qCentered[id] = qDiags[ik][id] * centered[id];
        }
        int l = d;
        for (int i = 0; i < d; i++) {
          for (int j = i + 1; j < d; j++) {
            qCentered[j] += icf[ik][l] * centered[i];
            l++;
          }
        }
        double sqNorm = 0;
        for (int id = 0; id < d; id++) {
          sqNorm += qCentered[id] * qCentered[id];
        }
        mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqNorm;
      }
      slse += logSumExp(mainTerm);
    }

    // The Wishart prior: Σ_k (½γ²·frobenius_k − m·Σ_j q_jk) − K·C.
    double prior = 0;
    for (int ik = 0; ik < k; ik++) {
      double frobenius = 0;
      for (int id = 0; id < d; id++) {
        frobenius += qDiags[ik][id] * qDiags[ik][id];
      }
      for (int il = d; il < icfSize; il++) {
        frobenius += icf[ik][il] * icf[ik][il];
      }
      prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];
    }
    int nPrime = d + wishartM + 1;
    double c =
        nPrime * d * (Math.log(wishartGamma) - 0.5 * Math.log(2))
            - logMultivariateGamma(0.5 * nPrime, d);

    double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
    return constant + slse - n * logSumExp(alphas) + prior - k * c;
  }

  /** log Σ_i exp(x_i), computed as m + log Σ_i exp(x_i − m) with m = max_i x_i so it cannot overflow. */
  @Differentiable
  public static double logSumExp(double[] x) {
    double max = x[0];
    for (int i = 1; i < x.length; i++) {
      if (x[i] > max) {
        max = x[i];
      }
    }
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += Math.exp(x[i] - max);
    }
    return Math.log(sum) + max;
  }

  /**
   * log Γ_p(a), the logarithm of the multivariate gamma function: ¼p(p−1)·log π + Σ_{j=1..p} log Γ(a +
   * (1 − j)/2). Data only (its arguments do not depend on the parameters).
   */
  @Differentiable
  public static double logMultivariateGamma(@NoDerivative double a, int p) {
    double out = 0.25 * p * (p - 1) * Math.log(Math.PI);
    for (int j = 1; j <= p; j++) {
      out += logGamma(a + 0.5 * (1 - j));
    }
    return out;
  }

  /**
   * log Γ(x) for x ≥ ½, by the Lanczos approximation with g = 7 and nine coefficients (relative error
   * of Γ below 1e-15).
   */
  @Differentiable
  public static double logGamma(@NoDerivative double x) {
    double[] coefficients = {
      0.99999999999980993,
      676.5203681218851,
      -1259.1392167224028,
      771.32342877765313,
      -176.61502916214059,
      12.507343278686905,
      -0.13857109526572012,
      9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    double z = x - 1;
    double sum = coefficients[0];
    for (int i = 1; i < coefficients.length; i++) {
      sum += coefficients[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
