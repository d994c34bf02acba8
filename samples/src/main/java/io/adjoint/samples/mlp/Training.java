package io.adjoint.samples.mlp;

import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains a 2-16-16-1 {@link Perceptron} on two moons with full-batch Adam, written out by hand, using
 * only the generated gradient: the per-point {@code PerceptronGradients.exampleLossPullback} summed
 * over the points by {@link io.adjoint.data.DataSetGradient} ({@link Network#meanLossAndGradient}).
 */
public final class Training {
  private Training() {}

  /** Train points, test points, the noise of both, and the seeds of the data and the initial weights. */
  static final int TRAIN_POINTS = 200;
  static final int TEST_POINTS = 400;
  static final double NOISE = 0.1;
  static final long TRAIN_SEED = 7;
  static final long TEST_SEED = 8;
  static final long WEIGHT_SEED = 42;
  static final int HIDDEN = 16;

  /** Adam's step size and decay rates (Kingma and Ba's defaults but a larger step). */
  static final double LEARNING_RATE = 0.02;
  static final double BETA1 = 0.9;
  static final double BETA2 = 0.999;
  static final double EPSILON = 1e-8;

  /** What a run reached. */
  public record Result(
      int steps, double initialLoss, double finalLoss, double trainAccuracy, double testAccuracy) {}

  /** The sample: 400 steps, progress every 50, then the accuracy on the training and test points. */
  public static Result run(PrintStream out) {
    out.println("== MLP 2-16-16-1 on two moons, trained with generated gradients ==");
    TwoMoons train = TwoMoons.generate(TRAIN_POINTS, NOISE, TRAIN_SEED);
    TwoMoons test = TwoMoons.generate(TEST_POINTS, NOISE, TEST_SEED);
    Network network = new Network(2, HIDDEN, HIDDEN, new SplittableRandom(WEIGHT_SEED));
    out.printf(
        Locale.ROOT, "%d train points, %d test points, %d parameters, Adam at rate %s%n",
        train.size(), test.size(), network.size(), LEARNING_RATE);
    Result result = train(network, train, test, 400, 50, out);
    out.printf(
        Locale.ROOT, "Final: loss %.4f, train accuracy %.1f%%, test accuracy %.1f%%%n",
        result.finalLoss(), 100 * result.trainAccuracy(), 100 * result.testAccuracy());
    return result;
  }

  /**
   * Runs {@code steps} Adam steps on the full batch {@code train}, printing the loss and the training
   * accuracy before step 0 and every {@code every} steps; {@code out} may be null.
   */
  public static Result train(
      Network network, TwoMoons train, TwoMoons test, int steps, int every, PrintStream out) {
    return train(network, train, test, steps, every, out, null);
  }

  /** {@link #train}, also writing the loss before each step into {@code losses} when it is not null. */
  public static Result train(
      Network network, TwoMoons train, TwoMoons test, int steps, int every, PrintStream out, double[] losses) {
    double[] theta = network.flatten();
    double[] gradient = new double[theta.length];
    double[] m = new double[theta.length];
    double[] v = new double[theta.length];
    double initialLoss = Double.NaN;
    for (int step = 0; step < steps; step++) {
      double loss = network.meanLossAndGradient(train, gradient);
      if (losses != null) {
        losses[step] = loss;
      }
      if (step == 0) {
        initialLoss = loss;
      }
      if (out != null && step % every == 0) {
        out.printf(
            Locale.ROOT, "Step %4d: loss %.4f, train accuracy %.1f%%%n",
            step, loss, 100 * network.accuracy(train));
      }
      double correction1 = 1 - Math.pow(BETA1, step + 1);
      double correction2 = 1 - Math.pow(BETA2, step + 1);
      for (int i = 0; i < theta.length; i++) {
        m[i] = BETA1 * m[i] + (1 - BETA1) * gradient[i];
        v[i] = BETA2 * v[i] + (1 - BETA2) * gradient[i] * gradient[i];
        theta[i] -= LEARNING_RATE * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + EPSILON);
      }
      network.assign(theta);
    }
    return new Result(
        steps, initialLoss, network.loss(train), network.accuracy(train), network.accuracy(test));
  }
}
