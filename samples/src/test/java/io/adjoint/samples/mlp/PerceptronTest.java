package io.adjoint.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The perceptron's generated loss gradient, checked against the {@link io.adjoint.Value} version and
 * central differences at seeded random weights, and the training it drives.
 *
 * <p>Measure: |a − b| / max(1, |a| + |b|), ADBench's. The Value version computes the same function in
 * another order: they agree to rounding, so 1e-10. Central differences use the five-point stencil with
 * h = 10⁻³·max(1, |θᵢ|): truncation h⁴·|f⁽⁵⁾|/30 and rounding ε·|f|/h are both far below 1e-6.
 */
class PerceptronTest {
  private static final double VALUE_TOLERANCE = 1e-10;
  private static final double FD_TOLERANCE = 1e-6;
  private static final double FD_STEP = 1e-3;

  static double error(double a, double b) {
    return Math.abs(a - b) / Math.max(1, Math.abs(a) + Math.abs(b));
  }

  /** Seeded weights (scaled up so that the tanh units are far from linear) and 60 points. */
  private static Network network(long seed) {
    Network network = new Network(2, 5, 4, new SplittableRandom(seed));
    double[] theta = network.flatten();
    SplittableRandom random = new SplittableRandom(~seed);
    for (int i = 0; i < theta.length; i++) {
      theta[i] = 2 * theta[i] + random.nextDouble(-0.5, 0.5);
    }
    network.assign(theta);
    return network;
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void gradientMatchesValueAndCentralDifferences(long seed) {
    Network network = network(seed);
    TwoMoons data = TwoMoons.generate(60, 0.2, seed);
    double[] generated = new double[network.size()];
    double loss = network.lossAndGradient(data, generated);
    assertEquals(network.loss(data), loss, 0.0);

    double[] byValue = new double[network.size()];
    double valueLoss = PerceptronValue.lossAndGradient(network, data, byValue);
    assertEquals(loss, valueLoss, 1e-12 * Math.abs(loss));

    double[] theta = network.flatten();
    for (int i = 0; i < theta.length; i++) {
      assertTrue(
          error(byValue[i], generated[i]) < VALUE_TOLERANCE,
          "partial " + i + ": Value gives " + byValue[i] + ", generated " + generated[i]);
      double h = FD_STEP * Math.max(1, Math.abs(theta[i]));
      double fd =
          (lossAt(network, data, theta, i, -2 * h)
                  - 8 * lossAt(network, data, theta, i, -h)
                  + 8 * lossAt(network, data, theta, i, h)
                  - lossAt(network, data, theta, i, 2 * h))
              / (12 * h);
      assertTrue(
          error(fd, generated[i]) < FD_TOLERANCE,
          "partial " + i + ": central differences give " + fd + ", generated " + generated[i]);
    }
    network.assign(theta);
  }

  /**
   * The per-point pullbacks summed by {@link io.adjoint.data.DataSetGradient} against the whole-data-set
   * {@code lossInto}: the same function summed in another order, so 1e-12; and on 5,000 points (5
   * blocks) the same bits from a pool of 1 thread and of 3.
   */
  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1, 2, 3})
  void dataSetGradientMatchesTheWholeBatchGradient(long seed) {
    Network network = network(seed);
    for (int points : new int[] {60, 5000}) {
      TwoMoons data = TwoMoons.generate(points, 0.2, seed);
      double[] whole = new double[network.size()];
      double loss = network.lossAndGradient(data, whole);
      double[] summed = new double[network.size()];
      java.util.Arrays.fill(summed, 123); // it overwrites
      double summedLoss = network.meanLossAndGradient(data, summed);
      assertTrue(error(loss, summedLoss) < 1e-12, loss + " vs " + summedLoss);
      for (int i = 0; i < whole.length; i++) {
        assertTrue(error(whole[i], summed[i]) < 1e-12, "partial " + i + ": " + whole[i] + " vs " + summed[i]);
      }
    }
    TwoMoons data = TwoMoons.generate(5000, 0.2, seed);
    java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
    java.util.concurrent.ForkJoinPool three = new java.util.concurrent.ForkJoinPool(3);
    try {
      double[] byOne = new double[network.size()];
      double[] byThree = new double[network.size()];
      double a = io.adjoint.data.DataSetGradient.sum(data.size(), network.examplePullback(data), byOne, one);
      double b = io.adjoint.data.DataSetGradient.sum(data.size(), network.examplePullback(data), byThree, three);
      assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b));
      for (int i = 0; i < byOne.length; i++) {
        assertEquals(Double.doubleToRawLongBits(byOne[i]), Double.doubleToRawLongBits(byThree[i]), "partial " + i);
      }
    } finally {
      one.shutdown();
      three.shutdown();
    }
  }

  @Test
  void recordAndIntoFormsAgree() {
    Network network = network(9);
    TwoMoons data = TwoMoons.generate(30, 0.1, 9);
    double[] flat = new double[network.size()];
    double loss = network.lossAndGradient(data, flat);
    PerceptronGradients.LossGradient g =
        PerceptronGradients.loss(
            network.w1, network.b1, network.w2, network.b2, network.w3, network.b3, data.x(), data.y());
    assertEquals(loss, g.value(), 0.0);
    Network asNetwork = network(9);
    for (int j = 0; j < g.w1().length; j++) {
      asNetwork.w1[j] = g.w1()[j];
    }
    System.arraycopy(g.b1(), 0, asNetwork.b1, 0, g.b1().length);
    for (int j = 0; j < g.w2().length; j++) {
      asNetwork.w2[j] = g.w2()[j];
    }
    System.arraycopy(g.b2(), 0, asNetwork.b2, 0, g.b2().length);
    System.arraycopy(g.w3(), 0, asNetwork.w3, 0, g.w3().length);
    asNetwork.b3 = g.b3();
    assertArrayEquals(flat, asNetwork.flatten(), 0.0);
  }

  @Test
  void trainingReducesTheLossAndSeparatesTheMoons() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Training.Result result = Training.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    assertTrue(printed.contains("Step    0: loss"), printed);
    assertTrue(printed.contains("Step  350: loss"), printed);
    assertTrue(printed.contains("Final: loss"), printed);
    assertTrue(result.finalLoss() < 0.25 * result.initialLoss(), result.toString());
    assertTrue(result.trainAccuracy() > 0.95, result.toString());
    assertTrue(result.testAccuracy() > 0.95, result.toString());
  }

  private static double lossAt(Network network, TwoMoons data, double[] theta, int i, double delta) {
    double[] moved = theta.clone();
    moved[i] += delta;
    network.assign(moved);
    return network.loss(data);
  }
}
