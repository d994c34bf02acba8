package io.adjoint.samples.lstm;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * ADBench's LSTM objective (ADBench {@code src/cpp/shared/lstm.h}, arXiv:1807.10129), written as a Java
 * user would, over flat arrays: a stack of {@code layers} LSTM cells of {@code size} units reads a
 * sequence of {@code steps} characters (each a vector of {@code size} entries) and predicts the next
 * one; the loss is the mean negative log-likelihood of the sequence under the log-softmax of the
 * predictions.
 *
 * <p>Parameters, as ADBench lays them out: {@code main} holds, for each layer, the weights then the
 * biases of its four gates (forget, input, output, change), {@code 4·size} each; {@code extra} holds the
 * input weights, the output weights and the output biases, {@code size} each. {@code state} holds, for
 * each layer, its hidden state then its cell state; {@code sequence} the characters, one after another.
 */
public final class Lstm {
  private Lstm() {}

  @Differentiable
  public static double objective(
      double[] main,
      double[] extra,
      @NoDerivative double[] state,
      @NoDerivative double[] sequence,
      int layers,
      int size,
      int steps) {
    double[] s = new double[state.length];
    for (int i = 0; i < state.length; i++) {
      s[i] = state[i];
    }
    double[] scaled = new double[size];
    double[] prediction = new double[size];
    double total = 0;
    for (int t = 0; t + 1 < steps; t++) {
      // the input character, scaled by the input weights
      for (int i = 0; i < size; i++) {
        scaled[i] = sequence[t * size + i] * extra[i];
      }
      for (int layer = 0; layer < layers; layer++) {
        int weights = layer * 8 * size;
        int biases = weights + 4 * size;
        int hidden = layer * 2 * size;
        int cell = hidden + size;
        for (int i = 0; i < size; i++) {
          double in = layer == 0 ? scaled[i] : s[(layer - 1) * 2 * size + i];
          double forget = sigmoid(in * main[weights + i] + main[biases + i]);
          double ingate = sigmoid(s[hidden + i] * main[weights + size + i] + main[biases + size + i]);
          double outgate = sigmoid(in * main[weights + 2 * size + i] + main[biases + 2 * size + i]);
          double change = Math.tanh(s[hidden + i] * main[weights + 3 * size + i] + main[biases + 3 * size + i]);
          double c = s[cell + i] * forget + ingate * change;
          s[cell + i] = c;
          s[hidden + i] = outgate * Math.tanh(c);
        }
      }
      // the prediction from the last layer's hidden state, and its log-softmax against the next character
      int last = (layers - 1) * 2 * size;
      double largest = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < size; i++) {
        prediction[i] = s[last + i] * extra[size + i] + extra[2 * size + i];
        largest = Math.max(largest, prediction[i]);
      }
      double sum = 0;
      for (int i = 0; i < size; i++) {
        sum += Math.exp(prediction[i] - largest);
      }
      double logSumExp = largest + Math.log(sum);
      for (int i = 0; i < size; i++) {
        total += sequence[(t + 1) * size + i] * (prediction[i] - logSumExp);
      }
    }
    return -total / ((steps - 1) * size);
  }

  @Differentiable
  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
