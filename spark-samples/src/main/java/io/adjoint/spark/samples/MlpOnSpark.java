package io.adjoint.spark.samples;

import io.adjoint.samples.mlp.FlatMlp;
import io.adjoint.samples.mlp.FlatMlpGradients;
import io.adjoint.samples.mlp.TwoMoons;
import io.adjoint.spark.PullbackGradient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.LBFGS;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import scala.Tuple2;

/**
 * A loss MLlib's optimizers cannot take from MLlib itself: the cross-entropy of a one-hidden-layer tanh
 * perceptron ({@link FlatMlp}), whose gradient the processor generated, trained on two moons by MLlib's
 * {@link LBFGS} through {@link PullbackGradient}. MLlib's {@code Gradient}s are logistic, least squares
 * and hinge: linear models only.
 */
public final class MlpOnSpark {
  private MlpOnSpark() {}

  /** Training points, test points, hidden units, noise, seeds and LBFGS's iterations. */
  static final int POINTS = 100_000;
  static final int TEST_POINTS = 10_000;
  static final int HIDDEN = 8;
  static final double NOISE = 0.1;
  static final long SEED = 5;
  static final int ITERATIONS = 60;

  /** The generated MLP gradient as MLlib's {@link Gradient}. */
  public static final Gradient GENERATED =
      new PullbackGradient(
          (x, y, w, upstream, adjoints) -> FlatMlpGradients.lossPullback(w, x, y, upstream, adjoints, 0));

  /**
   * What the training reached.
   *
   * @param losses the mean loss before each iteration and after the last
   * @param trainAccuracy the fraction of training points classified right
   * @param testAccuracy the fraction of test points classified right
   */
  public record Result(double[] losses, double trainAccuracy, double testAccuracy) {}

  /**
   * Trains on {@code points} two-moons points and prints the progress.
   *
   * @param spark the Spark context
   * @param points the number of training points
   * @param out where to print
   * @return the losses and accuracies
   */
  public static Result run(JavaSparkContext spark, int points, PrintStream out) {
    out.printf(
        Locale.ROOT, "== Spark (%s): a 2-%d-1 tanh perceptron on two moons by MLlib's LBFGS, generated gradient ==%n",
        spark.master(), HIDDEN);
    TwoMoons train = TwoMoons.generate(points, NOISE, SEED);
    TwoMoons test = TwoMoons.generate(TEST_POINTS, NOISE, SEED + 1);
    List<Tuple2<Object, Vector>> pairs = new ArrayList<>(points);
    for (int i = 0; i < points; i++) {
      pairs.add(new Tuple2<>(train.y()[i], Vectors.dense(train.x()[i])));
    }
    JavaRDD<Tuple2<Object, Vector>> data = spark.parallelize(pairs, LogisticOnSpark.PARTITIONS).cache();
    data.count();
    double[] initial = initialWeights(2, HIDDEN, new SplittableRandom(SEED));
    long start = System.nanoTime();
    Tuple2<Vector, double[]> fitted =
        LBFGS.runLBFGS(
            data.rdd(), GENERATED, new SquaredL2Updater(), 10, 1e-9, ITERATIONS, 1e-5, Vectors.dense(initial));
    double seconds = (System.nanoTime() - start) / 1e9;
    double[] w = fitted._1().toArray();
    double[] losses = fitted._2();
    Result result = new Result(losses, accuracy(w, train), accuracy(w, test));
    out.printf(
        Locale.ROOT, "%d points, %d weights: loss %.4f -> %.4f in %d iterations (%.1f ms each)%n",
        points, w.length, losses[0], losses[losses.length - 1], losses.length - 1,
        1e3 * seconds / Math.max(1, losses.length - 1));
    out.printf(
        Locale.ROOT, "Train accuracy %.1f%%, test accuracy %.1f%%%n",
        100 * result.trainAccuracy(), 100 * result.testAccuracy());
    data.unpersist();
    return result;
  }

  /** N(0, 1/fan-in) weights in {@link FlatMlp}'s layout, biases 0. */
  static double[] initialWeights(int inputs, int hidden, SplittableRandom random) {
    double[] w = new double[FlatMlp.weightCount(inputs, hidden)];
    for (int i = 0; i < hidden * inputs; i++) {
      w[i] = random.nextGaussian() / Math.sqrt(inputs);
    }
    for (int j = 0; j < hidden; j++) {
      w[hidden * (inputs + 1) + j] = random.nextGaussian() / Math.sqrt(hidden);
    }
    return w;
  }

  static double accuracy(double[] w, TwoMoons data) {
    int correct = 0;
    for (int i = 0; i < data.size(); i++) {
      if ((FlatMlp.logit(w, data.x()[i]) > 0) == (data.y()[i] == 1)) {
        correct++;
      }
    }
    return (double) correct / data.size();
  }
}
