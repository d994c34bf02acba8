package io.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.data.DataSetGradient;
import io.adjoint.data.ExamplePullback;
import io.adjoint.samples.logistic.LogisticRegressionGradients;
import io.adjoint.samples.logistic.Rows;
import io.adjoint.samples.mlp.FlatMlp;
import io.adjoint.samples.mlp.FlatMlpGradients;
import io.adjoint.spark.DistributedGradient.LossAndGradient;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scala.Tuple2;

/**
 * {@link DistributedGradient} in Spark's local mode (local[2]) against the one-machine {@link
 * DataSetGradient} on the same data: the same sums in other orders, so equal to 1e-12 relative to the
 * sum of the terms' magnitudes, for 1, 3 and 7 partitions, a logistic and an MLP loss.
 */
class DistributedGradientTest {
  private static final double TOLERANCE = 1e-12;
  private static JavaSparkContext spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("DistributedGradientTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  static final LabeledPointPullback LOGISTIC =
      (x, y, w, upstream, adjoints) ->
          LogisticRegressionGradients.lossPullback(w, x, y, upstream, adjoints, 0);

  static final LabeledPointPullback MLP =
      (x, y, w, upstream, adjoints) -> FlatMlpGradients.lossPullback(w, x, y, upstream, adjoints, 0);

  private static double[] randomWeights(int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[length];
    for (int i = 0; i < length; i++) {
      w[i] = random.nextDouble(-1, 1);
    }
    return w;
  }

  /** The one-machine result, and Σ|term| for the value and each partial, the scale of rounding. */
  private record Expected(double loss, double[] gradient, double lossScale, double[] gradientScale) {}

  private static Expected oneMachine(Rows rows, double[] w, LabeledPointPullback pullback) {
    ExamplePullback term =
        (i, upstream, adjoints) -> pullback.pullback(rows.x()[i], rows.y()[i], w, upstream, adjoints);
    double[] gradient = new double[w.length];
    double loss = DataSetGradient.sum(rows.size(), term, gradient);
    double lossScale = 0;
    double[] gradientScale = new double[w.length];
    double[] one = new double[w.length];
    for (int i = 0; i < rows.size(); i++) {
      java.util.Arrays.fill(one, 0);
      lossScale += Math.abs(term.pullback(i, 1.0, one));
      for (int j = 0; j < w.length; j++) {
        gradientScale[j] += Math.abs(one[j]);
      }
    }
    return new Expected(loss, gradient, lossScale, gradientScale);
  }

  private static void assertAgrees(Expected expected, LossAndGradient actual, long count, String where) {
    assertEquals(count, actual.count(), where);
    assertEquals(expected.loss(), actual.loss(), TOLERANCE * expected.lossScale(), where + ": loss");
    for (int j = 0; j < expected.gradient().length; j++) {
      assertEquals(
          expected.gradient()[j],
          actual.gradient()[j],
          TOLERANCE * expected.gradientScale()[j],
          where + ": partial " + j);
    }
  }

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 3, 7})
  void logisticGradientEqualsTheOneMachineSum(int partitions) {
    Rows rows = Rows.generate(20_000, 6, 17);
    double[] w = randomWeights(rows.width(), 18);
    Expected expected = oneMachine(rows, w, LOGISTIC);
    JavaRDD<LabeledPoint> data = LocalSpark.rdd(spark, rows, partitions);
    assertEquals(partitions, data.getNumPartitions());
    assertAgrees(expected, DistributedGradient.sum(data, w, LOGISTIC), rows.size(), "logistic");
  }

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 3, 7})
  void mlpGradientEqualsTheOneMachineSum(int partitions) {
    Rows rows = Rows.generate(5_000, 4, 19);
    double[] w = randomWeights(FlatMlp.weightCount(rows.width(), 6), 20);
    Expected expected = oneMachine(rows, w, MLP);
    JavaRDD<LabeledPoint> data = LocalSpark.rdd(spark, rows, partitions);
    assertAgrees(expected, DistributedGradient.sum(data, w, MLP), rows.size(), "mlp");
  }

  @ParameterizedTest(name = "depth {0}")
  @ValueSource(ints = {1, 3})
  void pairsOfMllibsOptimizersAndOtherDepthsGiveTheSame(int depth) {
    Rows rows = Rows.generate(10_000, 3, 21);
    double[] w = randomWeights(rows.width(), 22);
    Expected expected = oneMachine(rows, w, LOGISTIC);
    JavaRDD<Tuple2<Object, Vector>> pairs =
        LocalSpark.rdd(spark, rows, 7).map(p -> new Tuple2<>((Object) p.label(), p.features()));
    assertAgrees(expected, DistributedGradient.sum(pairs.rdd(), w, LOGISTIC, depth), rows.size(), "pairs");
    assertAgrees(
        expected,
        DistributedGradient.sum(LocalSpark.rdd(spark, rows, 7), w, LOGISTIC, depth),
        rows.size(),
        "points");
  }

  @Test
  void meansDivideByTheCountAndTheWeightsAreLeftAlone() {
    Rows rows = Rows.generate(1000, 2, 23);
    double[] w = randomWeights(rows.width(), 24);
    double[] before = w.clone();
    LossAndGradient sum = DistributedGradient.sum(LocalSpark.rdd(spark, rows, 3), w, LOGISTIC);
    assertEquals(sum.loss() / 1000, sum.meanLoss(), 0.0);
    double[] mean = sum.meanGradient();
    for (int j = 0; j < w.length; j++) {
      assertEquals(sum.gradient()[j] / 1000, mean[j], 0.0);
    }
    assertTrue(java.util.Arrays.equals(before, w));
  }

  @Test
  void anEmptyDataSetGivesZero() {
    Rows rows = Rows.generate(0, 2, 25);
    LossAndGradient sum = DistributedGradient.sum(LocalSpark.rdd(spark, rows, 3), new double[3], LOGISTIC);
    assertEquals(0, sum.count());
    assertEquals(0.0, sum.loss());
    assertTrue(java.util.Arrays.equals(new double[3], sum.gradient()));
  }
}
