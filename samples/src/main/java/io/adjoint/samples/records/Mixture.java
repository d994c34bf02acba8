package io.adjoint.samples.records;

import io.adjoint.Differentiable;

/**
 * A one-dimensional Gaussian mixture whose components are records: the log-likelihood of data under it,
 * with the mixture weights as unnormalized logs (a softmax), and the same over flat arrays.
 */
public final class Mixture {
  private Mixture() {}

  /** A component: its unnormalized log weight, its mean and the log of its standard deviation. */
  public record Component(double logWeight, double mean, double logSigma) {}

  /** The log density of {@code x} under one component, weight left out. */
  @Differentiable
  public static double logDensity(Component c, double x) {
    double z = (x - c.mean()) * Math.exp(-c.logSigma());
    return -0.5 * z * z - c.logSigma() - 0.5 * Math.log(2 * Math.PI);
  }

  /** Σᵢ log Σₖ softmax(w)ₖ N(xᵢ; μₖ, σₖ), each inner sum by log-sum-exp. */
  @Differentiable
  public static double logLikelihood(Component[] components, double[] xs) {
    double top = components[0].logWeight();
    for (Component c : components) {
      top = Math.max(top, c.logWeight());
    }
    double norm = 0;
    for (Component c : components) {
      norm += Math.exp(c.logWeight() - top);
    }
    double logNorm = top + Math.log(norm);
    double total = 0;
    for (int i = 0; i < xs.length; i++) {
      double best = logDensity(components[0], xs[i]) + components[0].logWeight();
      for (int k = 1; k < components.length; k++) {
        best = Math.max(best, logDensity(components[k], xs[i]) + components[k].logWeight());
      }
      double sum = 0;
      for (int k = 0; k < components.length; k++) {
        sum += Math.exp(logDensity(components[k], xs[i]) + components[k].logWeight() - best);
      }
      total += best + Math.log(sum) - logNorm;
    }
    return total;
  }

  /** {@link #logLikelihood} over flat arrays: log weight, mean and log sigma of each component in turn. */
  @Differentiable
  public static double logLikelihoodFlat(double[] components, double[] xs) {
    int n = components.length / 3;
    double top = components[0];
    for (int k = 0; k < n; k++) {
      top = Math.max(top, components[3 * k]);
    }
    double norm = 0;
    for (int k = 0; k < n; k++) {
      norm += Math.exp(components[3 * k] - top);
    }
    double logNorm = top + Math.log(norm);
    double total = 0;
    for (int i = 0; i < xs.length; i++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < n; k++) {
        double z = (xs[i] - components[3 * k + 1]) * Math.exp(-components[3 * k + 2]);
        best = Math.max(best, -0.5 * z * z - components[3 * k + 2] - 0.5 * Math.log(2 * Math.PI) + components[3 * k]);
      }
      double sum = 0;
      for (int k = 0; k < n; k++) {
        double z = (xs[i] - components[3 * k + 1]) * Math.exp(-components[3 * k + 2]);
        sum += Math.exp(-0.5 * z * z - components[3 * k + 2] - 0.5 * Math.log(2 * Math.PI) + components[3 * k] - best);
      }
      total += best + Math.log(sum) - logNorm;
    }
    return total;
  }
}
