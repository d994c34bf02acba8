package io.adjoint.samples.records;

import io.adjoint.Differentiable;

/**
 * A two-layer network whose layers are records holding their weights: the squared error of its output,
 * and the same over the arrays themselves.
 */
public final class Network {
  private Network() {}

  /** A dense layer: {@code weights[i]} is output i's row; {@code bias[i]} its bias. */
  public record Layer(double[][] weights, double[] bias) {}

  /** The two layers of the network. */
  public record Model(Layer hidden, Layer output) {}

  /** Σᵢ tanh(wᵢ·x + bᵢ) weighted by {@code out}: the output layer's dot with the hidden activations. */
  @Differentiable
  public static double output(Layer hidden, double[] out, double[] x) {
    double y = 0;
    for (int i = 0; i < hidden.bias().length; i++) {
      double[] row = hidden.weights()[i];
      double z = hidden.bias()[i];
      for (int j = 0; j < x.length; j++) {
        z += row[j] * x[j];
      }
      y += out[i] * Math.tanh(z);
    }
    return y;
  }

  /** {@link #output} over the hidden layer's weights and bias themselves. */
  @Differentiable
  public static double outputFlat(double[][] weights, double[] bias, double[] out, double[] x) {
    double y = 0;
    for (int i = 0; i < bias.length; i++) {
      double z = bias[i];
      for (int j = 0; j < x.length; j++) {
        z += weights[i][j] * x[j];
      }
      y += out[i] * Math.tanh(z);
    }
    return y;
  }

  /** ½ (f(x) − target)², the output layer's first row and bias giving f. */
  @Differentiable
  public static double loss(Model model, double[] x, double target) {
    Layer last = model.output();
    double y = output(model.hidden(), last.weights()[0], x) + last.bias()[0];
    double e = y - target;
    return 0.5 * e * e;
  }

  /** {@link #loss} over the arrays themselves. */
  @Differentiable
  public static double lossFlat(double[][] hidden, double[] hiddenBias, double[][] output, double[] outputBias,
      double[] x, double target) {
    double y = outputBias[0];
    for (int i = 0; i < hiddenBias.length; i++) {
      double z = hiddenBias[i];
      for (int j = 0; j < x.length; j++) {
        z += hidden[i][j] * x[j];
      }
      y += output[0][i] * Math.tanh(z);
    }
    double e = y - target;
    return 0.5 * e * e;
  }
}
