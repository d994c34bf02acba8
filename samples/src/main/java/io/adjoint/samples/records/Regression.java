package io.adjoint.samples.records;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * Linear regression whose model and data are records holding arrays: a prediction, one sample's squared
 * error, and the ridge loss of a data set, which is also written over the arrays themselves.
 */
public final class Regression {
  private Regression() {}

  public record Coefficients(double[] weights, double bias) {}

  /** One sample: its features and its target. */
  public record Sample(double[] x, double y) {}

  /** Samples as rows: {@code x[i]} the features of sample i, {@code y[i]} its target. */
  public record Dataset(double[][] x, double[] y) {}

  /** w·x + b. */
  @Differentiable
  public static double predict(Coefficients c, double[] x) {
    double sum = c.bias();
    for (int j = 0; j < x.length; j++) {
      sum += c.weights()[j] * x[j];
    }
    return sum;
  }

  /** {@link #predict} over the weights and the bias themselves. */
  @Differentiable
  public static double predictFlat(double[] weights, double bias, double[] x) {
    double sum = bias;
    for (int j = 0; j < x.length; j++) {
      sum += weights[j] * x[j];
    }
    return sum;
  }

  /** ½ (w·x + b − y)². */
  @Differentiable
  public static double squaredError(Coefficients c, Sample sample) {
    double r = predict(c, sample.x()) - sample.y();
    return 0.5 * r * r;
  }

  /** The mean of ½ (w·xᵢ + b − yᵢ)² plus ½ λ |w|² (the bias not penalised). */
  @Differentiable
  public static double ridgeLoss(Coefficients c, Dataset data, @NoDerivative double lambda) {
    int n = data.y().length;
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double r = predict(c, data.x()[i]) - data.y()[i];
      loss += 0.5 * r * r;
    }
    double norm = 0;
    for (int j = 0; j < c.weights().length; j++) {
      norm += c.weights()[j] * c.weights()[j];
    }
    return loss / n + 0.5 * lambda * norm;
  }

  /** {@link #ridgeLoss} over the arrays themselves. */
  @Differentiable
  public static double ridgeLossFlat(double[] weights, double bias, double[][] x, double[] y, @NoDerivative double lambda) {
    double loss = 0;
    for (int i = 0; i < y.length; i++) {
      double r = bias;
      for (int j = 0; j < weights.length; j++) {
        r += weights[j] * x[i][j];
      }
      r -= y[i];
      loss += 0.5 * r * r;
    }
    double norm = 0;
    for (int j = 0; j < weights.length; j++) {
      norm += weights[j] * weights[j];
    }
    return loss / y.length + 0.5 * lambda * norm;
  }
}
