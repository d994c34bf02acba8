package io.adjoint.benchmarks;

import io.adjoint.data.ExamplePullback;
import io.adjoint.samples.logistic.LogisticRegressionGradients;
import io.adjoint.samples.logistic.Rows;
import io.adjoint.samples.mlp.FlatMlp;
import io.adjoint.samples.mlp.FlatMlpGradients;
import io.adjoint.samples.mlp.TwoMoons;
import java.util.SplittableRandom;

/**
 * The data sets of {@link DataSetBenchmark}: a million examples of logistic regression (10 features
 * and the intercept) and of a 2-16-1 tanh perceptron on two moons ({@link FlatMlp}, 65 weights), each
 * with its weights and its per-example generated pullback.
 *
 * @param examples the number of examples
 * @param weights the weights the gradient is taken at
 * @param pullback example i's loss and gradient
 */
record DataSetInput(int examples, double[] weights, ExamplePullback pullback) {
  static final int EXAMPLES = 1_000_000;

  static DataSetInput logistic(int n) {
    Rows rows = Rows.generate(n, 10, 1);
    double[][] x = rows.x();
    double[] y = rows.y();
    double[] w = randomWeights(rows.width(), 2);
    return new DataSetInput(
        n, w, (i, upstream, adjoints) -> LogisticRegressionGradients.lossPullback(w, x[i], y[i], upstream, adjoints, 0));
  }

  static DataSetInput mlp(int n) {
    TwoMoons moons = TwoMoons.generate(n, 0.1, 3);
    double[][] x = moons.x();
    double[] y = moons.y();
    double[] w = randomWeights(FlatMlp.weightCount(2, 16), 4);
    return new DataSetInput(
        n, w, (i, upstream, adjoints) -> FlatMlpGradients.lossPullback(w, x[i], y[i], upstream, adjoints, 0));
  }

  static DataSetInput of(String loss, int n) {
    return switch (loss) {
      case "logistic" -> logistic(n);
      case "mlp" -> mlp(n);
      default -> throw new IllegalArgumentException(loss);
    };
  }

  private static double[] randomWeights(int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[length];
    for (int i = 0; i < length; i++) {
      w[i] = random.nextDouble(-1, 1);
    }
    return w;
  }
}
