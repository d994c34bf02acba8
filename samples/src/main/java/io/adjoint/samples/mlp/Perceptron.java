package io.adjoint.samples.mlp;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * A multilayer perceptron with two tanh hidden layers and one output logit, as plain Java: weights are
 * {@code double[][]} matrices (one row per neuron), biases {@code double[]}. The Adjoint processor
 * generates {@code PerceptronGradients}, whose gradient of {@link #loss} is all that {@link Training}
 * uses to train it.
 */
public final class Perceptron {
  private Perceptron() {}

  /**
   * The output logit for point {@code x[row]}: w3·tanh(w2·tanh(w1·x[row] + b1) + b2) + b3. (It takes
   * the whole data matrix and a row index because the processor does not yet accept a row {@code
   * x[i]} as an array argument.)
   *
   * @param w1 first layer weights {@code [hidden1][inputs]}
   * @param b1 first layer biases {@code [hidden1]}
   * @param w2 second layer weights {@code [hidden2][hidden1]}
   * @param b2 second layer biases {@code [hidden2]}
   * @param w3 output weights {@code [hidden2]}
   * @param b3 output bias
   * @param x the points {@code [n][inputs]}
   * @param row the point to evaluate
   */
  @Differentiable
  public static double logit(
      double[][] w1,
      double[] b1,
      double[][] w2,
      double[] b2,
      double[] w3,
      double b3,
      @NoDerivative double[][] x,
      int row) {
    double[] h1 = new double[w1.length];
    for (int j = 0; j < w1.length; j++) {
      double sum = b1[j];
      for (int i = 0; i < x[row].length; i++) {
        sum += w1[j][i] * x[row][i];
      }
      h1[j] = Math.tanh(sum);
    }
    double[] h2 = new double[w2.length];
    for (int j = 0; j < w2.length; j++) {
      double sum = b2[j];
      for (int i = 0; i < h1.length; i++) {
        sum += w2[j][i] * h1[i];
      }
      h2[j] = Math.tanh(sum);
    }
    double out = b3;
    for (int j = 0; j < h2.length; j++) {
      out += w3[j] * h2[j];
    }
    return out;
  }

  /**
   * Point {@code row}'s binary cross-entropy of σ(logit) against its label y, 0 or 1: softplus(z) − y·z,
   * with softplus(z) = max(z, 0) + log1p(exp(−|z|)), which cannot overflow. {@link #loss} is its mean
   * over the points; {@link Network#meanLossAndGradient} sums its generated pullback over them with
   * {@link io.adjoint.data.DataSetGradient}.
   *
   * @param x the points {@code [n][inputs]}
   * @param row the point
   * @param y its label, 0 or 1
   */
  @Differentiable
  public static double exampleLoss(
      double[][] w1,
      double[] b1,
      double[][] w2,
      double[] b2,
      double[] w3,
      double b3,
      @NoDerivative double[][] x,
      int row,
      @NoDerivative double y) {
    double z = logit(w1, b1, w2, b2, w3, b3, x, row);
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z;
  }

  /**
   * The mean binary cross-entropy of σ(logit) against labels 0 or 1: mean of softplus(z) − y·z over
   * the points, with softplus(z) = max(z, 0) + log1p(exp(−|z|)), which cannot overflow.
   *
   * @param x the points {@code [n][inputs]}
   * @param y their labels, 0 or 1 {@code [n]}
   */
  @Differentiable
  public static double loss(
      double[][] w1,
      double[] b1,
      double[][] w2,
      double[] b2,
      double[] w3,
      double b3,
      @NoDerivative double[][] x,
      @NoDerivative double[] y) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double z = logit(w1, b1, w2, b2, w3, b3, x, i);
      total += Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z;
    }
    return total / x.length;
  }
}
