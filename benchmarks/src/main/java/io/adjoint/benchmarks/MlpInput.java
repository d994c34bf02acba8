package io.adjoint.benchmarks;

import io.adjoint.samples.mlp.Network;
import io.adjoint.samples.mlp.TwoMoons;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The arguments of {@link io.adjoint.samples.mlp.Perceptron#loss} for the samples' training run: a
 * 2-16-16-1 tanh network (337 parameters) at its seeded initial weights, on 200 two-moons points.
 *
 * @param network the same weights, for {@link io.adjoint.samples.mlp.PerceptronValue}
 */
public record MlpInput(
    double[][] w1,
    double[] b1,
    double[][] w2,
    double[] b2,
    double[] w3,
    double b3,
    double[][] x,
    double[] y,
    Network network,
    TwoMoons data) {

  static final int INPUTS = 2;
  static final int HIDDEN = 16;

  /** The samples' {@code Training} set-up: 200 points, noise 0.1, seed 7; weights from seed 42. */
  public static MlpInput twoMoons() {
    TwoMoons data = TwoMoons.generate(200, 0.1, 7);
    Network network = new Network(INPUTS, HIDDEN, HIDDEN, new SplittableRandom(42));
    double[] flat = network.flatten();
    int at = 0;
    double[][] w1 = new double[HIDDEN][];
    for (int j = 0; j < HIDDEN; j++, at += INPUTS) {
      w1[j] = Arrays.copyOfRange(flat, at, at + INPUTS);
    }
    double[] b1 = Arrays.copyOfRange(flat, at, at += HIDDEN);
    double[][] w2 = new double[HIDDEN][];
    for (int j = 0; j < HIDDEN; j++, at += HIDDEN) {
      w2[j] = Arrays.copyOfRange(flat, at, at + HIDDEN);
    }
    double[] b2 = Arrays.copyOfRange(flat, at, at += HIDDEN);
    double[] w3 = Arrays.copyOfRange(flat, at, at += HIDDEN);
    return new MlpInput(w1, b1, w2, b2, w3, flat[at], data.x(), data.y(), network, data);
  }

  /** The number of parameters, the length of the gradient. */
  public int parameterCount() {
    return network.size();
  }
}
