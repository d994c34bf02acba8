package io.adjoint.spark.samples;

import io.adjoint.samples.logistic.LogisticRegression;
import io.adjoint.samples.logistic.LogisticRegressionGradients;
import io.adjoint.spark.PullbackGradient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.LBFGS;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.rdd.RDD;
import scala.Tuple2;

/**
 * Logistic regression on a generated data set, trained by MLlib's {@link LBFGS} twice on the same
 * cached RDD: with MLlib's own {@link LogisticGradient}, and with the generated {@code
 * LogisticRegressionGradients.lossPullback} through {@link PullbackGradient}. Same weights, same loss,
 * and the time per iteration of both.
 */
public final class LogisticOnSpark {
  private LogisticOnSpark() {}

  /** The sample's size, features, partitions and seed. */
  static final int ROWS = 1_000_000;
  static final int FEATURES = 10;
  static final int PARTITIONS = 4;
  static final long SEED = 99;
  /** LBFGS's settings, the same for both runs: corrections, tolerance, iterations, L2 weight. */
  static final int CORRECTIONS = 10;
  static final double TOLERANCE = 1e-12;
  static final int MAX_ITERATIONS = 100;
  static final double REGULARIZATION = 1e-4;

  /** The generated gradient as MLlib's {@link Gradient}. */
  public static final Gradient GENERATED =
      new PullbackGradient(
          (x, y, w, upstream, adjoints) ->
              LogisticRegressionGradients.lossPullback(w, x, y, upstream, adjoints, 0));

  /**
   * One LBFGS run.
   *
   * @param weights the fitted weights
   * @param losses the loss before each iteration and after the last
   * @param seconds the wall time of the run
   */
  public record Fit(double[] weights, double[] losses, double seconds) {
    /** The number of iterations. */
    public int iterations() {
      return losses.length - 1;
    }

    /** The milliseconds per iteration. */
    public double millisecondsPerIteration() {
      return 1e3 * seconds / Math.max(1, iterations());
    }

    /** The last loss. */
    public double finalLoss() {
      return losses[losses.length - 1];
    }
  }

  /**
   * Both fits and how far apart they are.
   *
   * @param mllib the fit with MLlib's LogisticGradient
   * @param generated the fit with the generated gradient
   * @param largestWeightDifference max |Δw| between the two fits
   * @param largestTrueWeightError max |w − true w| of the generated fit
   */
  public record Result(Fit mllib, Fit generated, double largestWeightDifference, double largestTrueWeightError) {}

  /** The weights the labels are drawn with: {@code features} in [−1.5, 1.5], then the intercept. */
  static double[] trueWeights(int features, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[features + 1];
    for (int j = 0; j < w.length; j++) {
      w[j] = random.nextDouble(-1.5, 1.5);
    }
    return w;
  }

  /**
   * {@code rows} labelled rows generated on the executors, partition by partition from its own seed:
   * N(0, 1) features and a last feature 1 (the intercept), label 1 with probability σ(w·x).
   */
  static JavaRDD<Tuple2<Object, Vector>> generate(JavaSparkContext spark, int rows, int partitions, double[] w, long seed) {
    List<Integer> indices = IntStream.range(0, partitions).boxed().toList();
    return spark
        .parallelize(indices, partitions)
        .flatMap(
            partition -> {
              int first = (int) ((long) rows * partition / partitions);
              int end = (int) ((long) rows * (partition + 1) / partitions);
              SplittableRandom random = new SplittableRandom(seed * 1_000_003L + partition);
              List<Tuple2<Object, Vector>> points = new ArrayList<>(end - first);
              for (int i = first; i < end; i++) {
                double[] x = new double[w.length];
                for (int j = 0; j < w.length - 1; j++) {
                  x[j] = random.nextGaussian();
                }
                x[w.length - 1] = 1;
                double label = random.nextDouble() < LogisticRegression.probability(w, x) ? 1 : 0;
                points.add(new Tuple2<>(label, Vectors.dense(x)));
              }
              return points.iterator();
            });
  }

  /** Runs LBFGS from zero weights with {@code gradient}, timed. */
  static Fit fit(RDD<Tuple2<Object, Vector>> data, Gradient gradient, int width, int maxIterations) {
    long start = System.nanoTime();
    Tuple2<Vector, double[]> fitted =
        LBFGS.runLBFGS(
            data, gradient, new SquaredL2Updater(), CORRECTIONS, TOLERANCE, maxIterations, REGULARIZATION,
            Vectors.zeros(width));
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Fit(fitted._1().toArray(), fitted._2(), seconds);
  }

  /**
   * The sample on {@code rows} rows.
   *
   * @param spark the Spark context
   * @param rows the number of rows
   * @param out where to print
   * @return both fits
   */
  public static Result run(JavaSparkContext spark, int rows, PrintStream out) {
    out.printf(
        Locale.ROOT, "== Spark (%s): logistic regression by MLlib's LBFGS, MLlib's gradient and the generated one ==%n",
        spark.master());
    double[] trueWeights = trueWeights(FEATURES, SEED);
    long start = System.nanoTime();
    JavaRDD<Tuple2<Object, Vector>> points = generate(spark, rows, PARTITIONS, trueWeights, SEED).cache();
    long count = points.count();
    out.printf(
        Locale.ROOT, "%d rows in %d partitions, %d weights (%d features and the intercept), generated and cached in %.1f s%n",
        count, PARTITIONS, trueWeights.length, FEATURES, (System.nanoTime() - start) / 1e9);
    RDD<Tuple2<Object, Vector>> data = points.rdd();
    // Each twice, alternately, keeping the faster run: the first runs also pay for the JIT and for
    // Spark's first jobs, and the machine may be busy with something else for a while.
    Fit mllib = fit(data, new LogisticGradient(), trueWeights.length, MAX_ITERATIONS);
    Fit generated = fit(data, GENERATED, trueWeights.length, MAX_ITERATIONS);
    mllib = faster(mllib, fit(data, new LogisticGradient(), trueWeights.length, MAX_ITERATIONS));
    generated = faster(generated, fit(data, GENERATED, trueWeights.length, MAX_ITERATIONS));
    double difference = 0;
    double trueError = 0;
    for (int j = 0; j < trueWeights.length; j++) {
      difference = Math.max(difference, Math.abs(mllib.weights()[j] - generated.weights()[j]));
      trueError = Math.max(trueError, Math.abs(generated.weights()[j] - trueWeights[j]));
    }
    print(out, "MLlib's LogisticGradient", mllib);
    print(out, "generated, PullbackGradient", generated);
    out.printf(
        Locale.ROOT, "Largest |weight difference| %.1e (at most 1e-8: %s), loss difference %.1e%n",
        difference, difference <= 1e-8 ? "yes" : "NO", Math.abs(mllib.finalLoss() - generated.finalLoss()));
    out.printf(Locale.ROOT, "Largest |fitted - true weight| %.4f%n", trueError);
    points.unpersist();
    return new Result(mllib, generated, difference, trueError);
  }

  private static Fit faster(Fit a, Fit b) {
    return b.seconds() < a.seconds() ? b : a;
  }

  private static void print(PrintStream out, String name, Fit fit) {
    out.printf(
        Locale.ROOT, "%-28s %3d iterations, final loss %.10f, %6.1f ms per iteration%n",
        name, fit.iterations(), fit.finalLoss(), fit.millisecondsPerIteration());
  }
}
