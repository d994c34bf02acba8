package io.adjoint.samples.logistic;

import io.adjoint.data.DataSetGradient;
import io.adjoint.data.ExamplePullback;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Logistic regression on 200,000 generated rows, fitted by full-batch gradient descent on the mean
 * loss, whose gradient {@link DataSetGradient} sums from the generated per-example {@code
 * lossPullback} on every core; then the same gradient timed on one thread and on all, and compared bit
 * for bit.
 */
public final class LogisticSample {
  private LogisticSample() {}

  static final int ROWS = 200_000;
  static final int FEATURES = 8;
  static final long SEED = 2024;
  static final int STEPS = 60;
  /** The step of gradient descent: the mean loss's curvature is at most ¼ of the features' variance, 1. */
  static final double STEP_SIZE = 4.0;

  /** What a run reached. */
  public record Result(
      double initialLoss, double finalLoss, double[] weights, double largestWeightError, double accuracy) {}

  /** The mean loss of {@code rows} at {@code w} as an {@link ExamplePullback}, one row per example. */
  public static ExamplePullback meanLossTerms(Rows rows, double[] w) {
    double[][] x = rows.x();
    double[] y = rows.y();
    return (i, upstream, adjoints) ->
        LogisticRegressionGradients.lossPullback(w, x[i], y[i], upstream, adjoints, 0);
  }

  /** The sample: trains, prints its progress and the timing of one gradient on 1 and on all cores. */
  public static Result run(PrintStream out) {
    out.println("== Logistic regression, the data set's gradient summed on every core ==");
    Rows rows = Rows.generate(ROWS, FEATURES, SEED);
    out.printf(
        Locale.ROOT, "%d rows, %d weights (%d features and the intercept), gradient descent at step %s%n",
        rows.size(), rows.width(), FEATURES, STEP_SIZE);
    Result result = train(rows, STEPS, 10, out);
    out.printf(
        Locale.ROOT, "Final: mean loss %.4f, accuracy %.1f%%, largest |w - true w| = %.3f%n",
        result.finalLoss(), 100 * result.accuracy(), result.largestWeightError());
    compareThreads(rows, result.weights(), out);
    return result;
  }

  /** Runs {@code steps} steps of gradient descent from w = 0, printing the loss every {@code every}. */
  public static Result train(Rows rows, int steps, int every, PrintStream out) {
    double[] w = new double[rows.width()];
    double[] gradient = new double[w.length];
    double initialLoss = Double.NaN;
    double loss = Double.NaN;
    for (int step = 0; step <= steps; step++) {
      Arrays.fill(gradient, 0);
      loss = DataSetGradient.mean(rows.size(), meanLossTerms(rows, w), gradient);
      if (step == 0) {
        initialLoss = loss;
      }
      if (out != null && step % every == 0) {
        out.printf(Locale.ROOT, "Step %3d: mean loss %.6f%n", step, loss);
      }
      if (step < steps) {
        for (int j = 0; j < w.length; j++) {
          w[j] -= STEP_SIZE * gradient[j];
        }
      }
    }
    double largestError = 0;
    for (int j = 0; j < w.length; j++) {
      largestError = Math.max(largestError, Math.abs(w[j] - rows.trueWeights()[j]));
    }
    return new Result(initialLoss, loss, w, largestError, accuracy(rows, w));
  }

  /** The fraction of rows whose label σ(w·x) > ½ predicts. */
  public static double accuracy(Rows rows, double[] w) {
    int correct = 0;
    for (int i = 0; i < rows.size(); i++) {
      boolean one = LogisticRegression.probability(w, rows.x()[i]) > 0.5;
      if (one == (rows.y()[i] == 1)) {
        correct++;
      }
    }
    return (double) correct / rows.size();
  }

  /** Times the data set's gradient on one thread and on every core, and checks they agree bit for bit. */
  static void compareThreads(Rows rows, double[] w, PrintStream out) {
    int cores = Runtime.getRuntime().availableProcessors();
    ForkJoinPool one = new ForkJoinPool(1);
    ForkJoinPool all = new ForkJoinPool(cores);
    try {
      double[] gradientOne = new double[w.length];
      double[] gradientAll = new double[w.length];
      double valueOne = DataSetGradient.sum(rows.size(), meanLossTerms(rows, w), gradientOne, one);
      double valueAll = DataSetGradient.sum(rows.size(), meanLossTerms(rows, w), gradientAll, all);
      boolean same =
          Double.doubleToRawLongBits(valueOne) == Double.doubleToRawLongBits(valueAll)
              && Arrays.equals(gradientOne, gradientAll);
      double secondsOne = bestSeconds(rows, w, one);
      double secondsAll = bestSeconds(rows, w, all);
      out.printf(
          Locale.ROOT,
          "One gradient over %d rows: %.1f ms on 1 thread, %.1f ms on %d (%.2fx); same bits: %s%n",
          rows.size(), 1e3 * secondsOne, 1e3 * secondsAll, cores, secondsOne / secondsAll,
          same ? "yes" : "NO");
    } finally {
      one.shutdown();
      all.shutdown();
    }
  }

  private static double bestSeconds(Rows rows, double[] w, ForkJoinPool pool) {
    double[] gradient = new double[w.length];
    double best = Double.POSITIVE_INFINITY;
    for (int repeat = 0; repeat < 7; repeat++) {
      long start = System.nanoTime();
      DataSetGradient.sum(rows.size(), meanLossTerms(rows, w), gradient, pool);
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
    }
    return best;
  }
}
