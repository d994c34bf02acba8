package io.adjoint.benchmarks;

import io.adjoint.samples.gmm.GmmGradients;
import io.adjoint.samples.gmm.GmmInput;
import io.adjoint.samples.logistic.LogisticRegressionGradients;
import io.adjoint.samples.logistic.Rows;
import io.adjoint.samples.lstm.LstmGradients;
import io.adjoint.samples.lstm.LstmInput;
import io.adjoint.samples.mlp.PerceptronGradients;
import io.adjoint.samples.records.Springs;
import io.adjoint.samples.records.SpringsGradients;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmarks' loop objectives on their inputs, called through the generated {@code Into} and {@code
 * Pullback} forms: what {@link AllocationBenchmark} measures with {@code -prof gc} and {@code
 * AllocationTest} checks with the thread's allocation counter (issue 15: nothing allocated per call).
 */
public final class LoopObjectives {
  /**
   * ADBench's GMM at its three sizes (1,000 points), the samples' 2-16-16-1 perceptron loss (200
   * points), n-D Rosenbrock and the dot product at n = 1,000, ADBench's LSTM (14 units, 1,024
   * characters) with 2 and 4 layers, and a chain of 1,000 particles over {@code Particle} records (as in
   * {@link RecordBenchmark}), and the logistic loss of 100,000 rows of 20 features (as in {@link
   * LogisticBenchmark}).
   */
  public static final List<String> NAMES =
      List.of("gmm_d2_K5", "gmm_d10_K25", "gmm_d20_K50", "mlp", "rosenbrockN", "dot", "lstm_l2", "lstm_l4", "particles",
          "logistic");

  private LoopObjectives() {}

  /** A generated {@code Into} form on fixed inputs: writes the gradient into {@code partials}, returns the value. */
  public interface Into {
    double call(double[] partials);
  }

  /** A generated {@code Pullback} form on fixed inputs: adds {@code upstream} times the gradient at {@code offset}. */
  public interface Pullback {
    double call(double upstream, double[] adjoints, int offset);
  }

  /**
   * One objective on its inputs.
   *
   * @param parameterCount the length of the flat gradient
   */
  public record Instance(int parameterCount, Into into, Pullback pullback) {}

  /** Objective {@code name} of {@link #NAMES} on the benchmarks' inputs. */
  public static Instance of(String name) {
    return of(name, Integer.MAX_VALUE);
  }

  /**
   * Objective {@code name} with at most {@code points} data points (GMM's points, the perceptron's
   * examples, the LSTM's characters): the same generated code doing less work, for tests.
   */
  public static Instance of(String name, int points) {
    if (name.startsWith("gmm_")) {
      return gmm(GmmInput.resource(name + ".txt"), points);
    }
    return switch (name) {
      case "mlp" -> mlp(MlpInput.twoMoons(), points);
      case "rosenbrockN" -> rosenbrockN(1000);
      case "dot" -> dot(1000);
      case "lstm_l2" -> lstm(2, Math.min(points, 1024));
      case "lstm_l4" -> lstm(4, Math.min(points, 1024));
      case "particles" -> particles(Math.min(points, 1000));
      case "logistic" -> logistic(Math.min(points, LogisticBenchmark.ROWS));
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static Instance gmm(GmmInput full, int points) {
    GmmInput in = new GmmInput(full.alphas(), full.means(), full.icf(),
        Arrays.copyOf(full.x(), Math.min(points, full.n())), full.wishartGamma(), full.wishartM());
    return new Instance(
        in.parameterCount(),
        partials -> GmmGradients.objectiveInto(
            in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM(), partials),
        (upstream, adjoints, offset) -> GmmGradients.objectivePullback(
            in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM(), upstream, adjoints, offset));
  }

  private static Instance mlp(MlpInput in, int points) {
    int n = Math.min(points, in.x().length);
    double[][] x = Arrays.copyOf(in.x(), n);
    double[] y = Arrays.copyOf(in.y(), n);
    return new Instance(
        in.parameterCount(),
        partials -> PerceptronGradients.lossInto(in.w1(), in.b1(), in.w2(), in.b2(), in.w3(), in.b3(), x, y, partials),
        (upstream, adjoints, offset) -> PerceptronGradients.lossPullback(
            in.w1(), in.b1(), in.w2(), in.b2(), in.w3(), in.b3(), x, y, upstream, adjoints, offset));
  }

  /** Rosenbrock's classic start (−1.2, 1, −1.2, 1, …), as in {@link RosenbrockBenchmark}. */
  private static Instance rosenbrockN(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 2 == 0 ? -1.2 : 1.0;
    }
    return new Instance(
        n,
        partials -> ObjectivesGradients.rosenbrockNInto(x, partials),
        (upstream, adjoints, offset) -> ObjectivesGradients.rosenbrockNPullback(x, upstream, adjoints, offset));
  }

  /** The inputs of {@link DotBenchmark}. */
  private static Instance dot(int n) {
    SplittableRandom random = new SplittableRandom(11);
    double[] a = random.doubles(n, -1, 1).toArray();
    double[] b = random.doubles(n, -1, 1).toArray();
    return new Instance(
        2 * n,
        partials -> ObjectivesGradients.dotInto(a, b, partials),
        (upstream, adjoints, offset) -> ObjectivesGradients.dotPullback(a, b, upstream, adjoints, offset));
  }

  /** The inputs of {@link LstmBenchmark}: 14 units, seed 42. */
  private static Instance lstm(int layers, int steps) {
    LstmInput in = LstmInput.random(layers, 14, steps, new SplittableRandom(42));
    return new Instance(
        in.parameterCount(),
        partials -> LstmGradients.objectiveInto(
            in.main(), in.extra(), in.state(), in.sequence(), in.layers(), in.size(), in.steps(), partials),
        (upstream, adjoints, offset) -> LstmGradients.objectivePullback(
            in.main(), in.extra(), in.state(), in.sequence(), in.layers(), in.size(), in.steps(), upstream, adjoints, offset));
  }

  /** The logistic loss of the data set of {@link LogisticBenchmark}, its first {@code rows} rows. */
  private static Instance logistic(int rows) {
    Rows data = Rows.generate(rows, LogisticBenchmark.FEATURES - 1, LogisticBenchmark.SEED);
    double[] signs = data.signs();
    double[] w = LogisticBenchmark.weights();
    return new Instance(
        w.length,
        partials -> LogisticRegressionGradients.totalLossInto(w, data.x(), signs, partials),
        (upstream, adjoints, offset) -> LogisticRegressionGradients.totalLossPullback(w, data.x(), signs, upstream, adjoints, offset));
  }

  /** A chain of particles joined by springs, over records: the inputs of {@link RecordBenchmark}. */
  private static Instance particles(int n) {
    Springs.Particle[] chain = RecordBenchmark.chain(n, new SplittableRandom(42));
    Springs.Spring spring = new Springs.Spring(2.0, 0.9, 0);
    return new Instance(
        5 * n + 2,
        partials -> SpringsGradients.energyInto(chain, spring, 9.81, partials),
        (upstream, adjoints, offset) -> SpringsGradients.energyPullback(chain, spring, 9.81, upstream, adjoints, offset));
  }
}
