package io.adjoint.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.GradCheck;
import io.adjoint.data.DataSetGradient;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The flat one-hidden-layer perceptron's generated pullback, per example and summed over two moons by
 * {@link DataSetGradient}, against central differences ({@link GradCheck}) of the plain loss.
 */
class FlatMlpTest {

  private static double[] weights(int inputs, int hidden, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[FlatMlp.weightCount(inputs, hidden)];
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextDouble(-1.5, 1.5);
    }
    return w;
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1, 2, 3})
  void oneExampleMatchesCentralDifferences(long seed) {
    double[] x = {0.3, -1.2, 0.7};
    for (double y : new double[] {0, 1}) {
      GradCheck.checkInto(
              w -> FlatMlp.loss(w, x, y),
              (w, g) -> {
                Arrays.fill(g, 0);
                return FlatMlpGradients.lossPullback(w, x, y, 1.0, g, 0);
              },
              weights(3, 4, seed))
          .assertPassed();
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {4, 5})
  void summedOverTwoMoonsMatchesCentralDifferences(long seed) {
    TwoMoons data = TwoMoons.generate(3000, 0.2, seed);
    GradCheck.checkInto(
            w -> {
              double total = 0;
              for (int i = 0; i < data.size(); i++) {
                total += FlatMlp.loss(w, data.x()[i], data.y()[i]);
              }
              return total;
            },
            (w, g) -> {
              Arrays.fill(g, 0);
              return DataSetGradient.sum(
                  data.size(),
                  (i, upstream, adjoints) ->
                      FlatMlpGradients.lossPullback(w, data.x()[i], data.y()[i], upstream, adjoints, 0),
                  g);
            },
            weights(2, 5, seed))
        .assertPassed();
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {6})
  void theLogitIsTheLossesArgument(long seed) {
    double[] w = weights(2, 3, seed);
    double[] x = {0.5, -0.25};
    double z = FlatMlp.logit(w, x);
    assertEquals(Math.log1p(Math.exp(z)) - z, FlatMlp.loss(w, x, 1), 1e-14);
  }
}
