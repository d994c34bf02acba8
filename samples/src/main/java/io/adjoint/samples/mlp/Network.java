package io.adjoint.samples.mlp;

import io.adjoint.data.DataSetGradient;
import io.adjoint.data.ExamplePullback;
import java.util.SplittableRandom;

/**
 * The parameters of a {@link Perceptron}: two tanh hidden layers and an output logit. The arrays are
 * exactly the arguments of {@link Perceptron#loss}; {@link #flatten} and {@link #assign} map them to
 * and from the flat layout of the generated {@code lossInto} (w1's rows, b1, w2's rows, b2, w3, b3).
 */
public final class Network {
  final double[][] w1;
  final double[] b1;
  final double[][] w2;
  final double[] b2;
  final double[] w3;
  double b3;

  /**
   * A network with {@code inputs} inputs and hidden layers of {@code hidden1} and {@code hidden2}
   * neurons; weights drawn from N(0, 1/fan-in) (LeCun initialisation, suited to tanh), biases 0.
   */
  public Network(int inputs, int hidden1, int hidden2, SplittableRandom random) {
    w1 = gaussian(hidden1, inputs, random);
    b1 = new double[hidden1];
    w2 = gaussian(hidden2, hidden1, random);
    b2 = new double[hidden2];
    w3 = gaussian(1, hidden2, random)[0];
  }

  private static double[][] gaussian(int rows, int columns, SplittableRandom random) {
    double scale = 1 / Math.sqrt(columns);
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int i = 0; i < columns; i++) {
        row[i] = scale * random.nextGaussian();
      }
    }
    return m;
  }

  /** The number of parameters. */
  public int size() {
    return w1.length * w1[0].length + b1.length + w2.length * w2[0].length + b2.length + w3.length + 1;
  }

  /** Every parameter in {@code lossInto}'s order. */
  public double[] flatten() {
    double[] flat = new double[size()];
    int at = 0;
    for (double[] row : w1) {
      at = put(row, flat, at);
    }
    at = put(b1, flat, at);
    for (double[] row : w2) {
      at = put(row, flat, at);
    }
    at = put(b2, flat, at);
    at = put(w3, flat, at);
    flat[at] = b3;
    return flat;
  }

  /** Sets every parameter from {@code flat}, laid out as {@link #flatten} writes it. */
  public void assign(double[] flat) {
    int at = 0;
    for (double[] row : w1) {
      at = take(flat, at, row);
    }
    at = take(flat, at, b1);
    for (double[] row : w2) {
      at = take(flat, at, row);
    }
    at = take(flat, at, b2);
    at = take(flat, at, w3);
    b3 = flat[at];
  }

  private static int put(double[] from, double[] flat, int at) {
    System.arraycopy(from, 0, flat, at, from.length);
    return at + from.length;
  }

  private static int take(double[] flat, int at, double[] to) {
    System.arraycopy(flat, at, to, 0, to.length);
    return at + to.length;
  }

  /** The loss on {@code data}. */
  public double loss(TwoMoons data) {
    return Perceptron.loss(w1, b1, w2, b2, w3, b3, data.x(), data.y());
  }

  /** The loss on {@code data}; writes its gradient into {@code gradient} in {@link #flatten}'s order. */
  public double lossAndGradient(TwoMoons data, double[] gradient) {
    return PerceptronGradients.lossInto(w1, b1, w2, b2, w3, b3, data.x(), data.y(), gradient);
  }

  /**
   * The loss on {@code data}, as the mean of {@link Perceptron#exampleLoss} over the points, with its
   * gradient written into {@code gradient} in {@link #flatten}'s order: the per-point generated
   * pullbacks summed by {@link DataSetGradient#mean}, on every core once the data set has more than
   * one block of points. Equal to {@link #lossAndGradient} to rounding.
   */
  public double meanLossAndGradient(TwoMoons data, double[] gradient) {
    java.util.Arrays.fill(gradient, 0.0);
    return DataSetGradient.mean(data.size(), examplePullback(data), gradient);
  }

  /** Point i's loss and its gradient (in {@link #flatten}'s order) at the current weights. */
  public ExamplePullback examplePullback(TwoMoons data) {
    double[][] x = data.x();
    double[] y = data.y();
    return (i, upstream, adjoints) ->
        PerceptronGradients.exampleLossPullback(w1, b1, w2, b2, w3, b3, x, i, y[i], upstream, adjoints, 0);
  }

  /** The network's logit at the point (x, y): positive for label 1. */
  public double logit(double x, double y) {
    return Perceptron.logit(w1, b1, w2, b2, w3, b3, new double[][] {{x, y}}, 0);
  }

  /** The fraction of points whose label the sign of the logit predicts. */
  public double accuracy(TwoMoons data) {
    int correct = 0;
    for (int i = 0; i < data.size(); i++) {
      boolean positive = Perceptron.logit(w1, b1, w2, b2, w3, b3, data.x(), i) > 0;
      if (positive == (data.y()[i] == 1)) {
        correct++;
      }
    }
    return (double) correct / data.size();
  }
}
