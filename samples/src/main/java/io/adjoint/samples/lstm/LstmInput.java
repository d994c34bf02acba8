package io.adjoint.samples.lstm;

import java.util.SplittableRandom;

/**
 * Arguments of {@link Lstm#objective}: weights and initial state uniform in [−0.5, 0.5), and a sequence
 * of random characters (one-hot rows of {@code size} entries), drawn from {@code random} in that order.
 *
 * @param main the weights and biases of every layer
 * @param extra the input weights, output weights and output biases
 * @param state each layer's hidden state and cell state
 * @param sequence the characters, one after another
 */
public record LstmInput(double[] main, double[] extra, double[] state, double[] sequence, int layers, int size, int steps) {
  /** Draws an input of {@code layers} layers of {@code size} units over {@code steps} characters. */
  public static LstmInput random(int layers, int size, int steps, SplittableRandom random) {
    double[] main = random.doubles(layers * 8 * size, -0.5, 0.5).toArray();
    double[] extra = random.doubles(3 * size, -0.5, 0.5).toArray();
    double[] state = random.doubles(layers * 2 * size, -0.5, 0.5).toArray();
    double[] sequence = new double[steps * size];
    for (int t = 0; t < steps; t++) {
      sequence[t * size + random.nextInt(size)] = 1.0;
    }
    return new LstmInput(main, extra, state, sequence, layers, size, steps);
  }

  /** The number of parameters, the length of the gradient. */
  public int parameterCount() {
    return main.length + extra.length;
  }
}
