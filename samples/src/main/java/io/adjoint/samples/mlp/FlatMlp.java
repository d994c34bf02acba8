package io.adjoint.samples.mlp;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * A one-hidden-layer tanh perceptron whose weights are one flat array, one example at a time: the
 * shape of loss that MLlib's optimizers and {@link io.adjoint.data.DataSetGradient} take (weights,
 * features, label). The layout of {@code w} for {@code inputs} features and {@code hidden} units: the
 * first layer's weights row by row ({@code hidden × inputs}), its biases ({@code hidden}), the output
 * weights ({@code hidden}), the output bias.
 */
public final class FlatMlp {
  private FlatMlp() {}

  /**
   * The number of weights of a network with {@code inputs} features and {@code hidden} units.
   *
   * @param inputs the number of features
   * @param hidden the number of hidden units
   * @return hidden·(inputs + 2) + 1
   */
  public static int weightCount(int inputs, int hidden) {
    return hidden * (inputs + 2) + 1;
  }

  /**
   * The cross-entropy of σ(logit) against the label y (0 or 1), softplus(z) − y·z, where z is the
   * network's logit at {@code x}; the number of hidden units follows from the lengths of {@code w} and
   * {@code x}.
   *
   * @param w the weights, laid out as the class comment says
   * @param x the example's features
   * @param y the example's label, 0 or 1
   */
  @Differentiable
  public static double loss(double[] w, @NoDerivative double[] x, @NoDerivative double y) {
    int inputs = x.length;
    int hidden = (w.length - 1) / (inputs + 2);
    double z = w[w.length - 1];
    for (int j = 0; j < hidden; j++) {
      double sum = w[hidden * inputs + j];
      for (int i = 0; i < inputs; i++) {
        sum += w[j * inputs + i] * x[i];
      }
      z += w[hidden * (inputs + 1) + j] * Math.tanh(sum);
    }
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z;
  }

  /**
   * The network's logit at {@code x}: positive for label 1. {@link #loss} writes the same loop out
   * rather than calling this: a call from a {@code @Differentiable} method keeps the callee's gradient
   * record, which for a {@code double[] w} is an array per example (issue 15), and the benchmarks and
   * Spark sample run the loss a million times a gradient.
   *
   * @param w the weights
   * @param x the features
   * @return the logit
   */
  public static double logit(double[] w, double[] x) {
    int inputs = x.length;
    int hidden = (w.length - 1) / (inputs + 2);
    double z = w[w.length - 1];
    for (int j = 0; j < hidden; j++) {
      double sum = w[hidden * inputs + j];
      for (int i = 0; i < inputs; i++) {
        sum += w[j * inputs + i] * x[i];
      }
      z += w[hidden * (inputs + 1) + j] * Math.tanh(sum);
    }
    return z;
  }
}
