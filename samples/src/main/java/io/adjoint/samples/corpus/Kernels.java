package io.adjoint.samples.corpus;

import io.adjoint.Differentiable;

/**
 * Kernels and densities of Gaussian-process and probabilistic models. The Gaussian ones live in a
 * nested class, whose gradients the processor writes to {@code Kernels_GaussianGradients}.
 */
public final class Kernels {
  private Kernels() {}

  /** Matérn 3/2 kernel of a distance r ≥ 0 with length scale ℓ. */
  @Differentiable
  public static double matern32(double r, double lengthScale) {
    double s = Math.sqrt(3.0) * r / lengthScale;
    return (1 + s) * Math.exp(-s);
  }

  /** The Gaussian kernel and density. */
  public static final class Gaussian {
    private Gaussian() {}

    static final double LOG_SQRT_2PI = 0.9189385332046728; // ln √(2π)

    /** The squared-exponential kernel exp(−(x − y)² / 2ℓ²) with variance σ². */
    @Differentiable
    public static double rbf(double x, double y, double lengthScale, double variance) {
      double d = (x - y) / lengthScale;
      return variance * Math.exp(-0.5 * d * d);
    }

    /** The log-density of N(μ, σ²) at x. */
    @Differentiable
    public static double logPdf(double x, double mu, double sigma) {
      double z = (x - mu) / sigma;
      return -0.5 * z * z - Math.log(sigma) - LOG_SQRT_2PI;
    }
  }
}
