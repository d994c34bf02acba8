package io.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.samples.logistic.Rows;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.LBFGS;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.optimization.SimpleUpdater;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.rdd.RDD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * MLlib's optimizers driven by {@link PullbackGradient} of the generated logistic loss, against the
 * same optimizers driven by MLlib's own {@link LogisticGradient} on the same data, in local[2].
 */
class MllibOptimizersTest {
  private static JavaSparkContext spark;
  private static RDD<Tuple2<Object, Vector>> data;
  private static int width;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("MllibOptimizersTest");
    Rows rows = Rows.generate(20_000, 5, 31);
    width = rows.width();
    JavaRDD<Tuple2<Object, Vector>> pairs =
        LocalSpark.rdd(spark, rows, 4).map(p -> new Tuple2<>((Object) p.label(), p.features()));
    data = pairs.cache().rdd();
    data.count(); // caches it before the timed optimizers run
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static final Gradient GENERATED = new PullbackGradient(DistributedGradientTest.LOGISTIC);

  /** Six iterations exactly (tolerance 0): the same loss after each, the same weights. */
  @Test
  void lbfgsTakesTheSameStepsAsWithMllibsLogisticGradient() {
    Tuple2<Vector, double[]> mllib = lbfgs(new LogisticGradient(), 0.0, 6);
    Tuple2<Vector, double[]> ours = lbfgs(GENERATED, 0.0, 6);
    double[] lossesA = mllib._2();
    double[] lossesB = ours._2();
    assertEquals(7, lossesA.length, "iterations");
    assertEquals(lossesA.length, lossesB.length, "iterations");
    for (int k = 0; k < lossesA.length; k++) {
      assertEquals(lossesA[k], lossesB[k], 1e-12 * Math.abs(lossesA[k]), "loss " + k);
    }
    assertWeightsAgree(mllib._1(), ours._1());
    assertTrue(lossesA[6] < 0.8 * lossesA[0], "it trained");
  }

  /**
   * To convergence (tolerance 1e-12): the same weights to 1e-8 and the same final loss. Not always
   * the same number of iterations: the stopping test then looks at a gradient near its rounding
   * floor, where the last bits of the two gradients can decide one iteration either way.
   */
  @Test
  void lbfgsConvergesToTheSameWeightsAsWithMllibsLogisticGradient() {
    Tuple2<Vector, double[]> mllib = lbfgs(new LogisticGradient(), 1e-12, 100);
    Tuple2<Vector, double[]> ours = lbfgs(GENERATED, 1e-12, 100);
    assertWeightsAgree(mllib._1(), ours._1());
    double a = mllib._2()[mllib._2().length - 1];
    double b = ours._2()[ours._2().length - 1];
    assertEquals(a, b, 1e-12 * a, "final loss");
  }

  private static Tuple2<Vector, double[]> lbfgs(Gradient gradient, double tolerance, int iterations) {
    return LBFGS.runLBFGS(
        data, gradient, new SquaredL2Updater(), 10, tolerance, iterations, 1e-4, Vectors.zeros(width));
  }

  private static void assertWeightsAgree(Vector mllib, Vector ours) {
    double[] a = mllib.toArray();
    double[] b = ours.toArray();
    for (int j = 0; j < width; j++) {
      assertEquals(a[j], b[j], 1e-8, "weight " + j);
    }
  }

  @Test
  void gradientDescentFollowsTheSamePath() {
    Vector start = Vectors.zeros(width);
    Tuple2<Vector, double[]> mllib =
        GradientDescent.runMiniBatchSGD(data, new LogisticGradient(), new SimpleUpdater(), 1.0, 20, 0.0, 1.0, start);
    Tuple2<Vector, double[]> ours =
        GradientDescent.runMiniBatchSGD(data, GENERATED, new SimpleUpdater(), 1.0, 20, 0.0, 1.0, start);
    double[] a = mllib._1().toArray();
    double[] b = ours._1().toArray();
    for (int j = 0; j < width; j++) {
      assertEquals(a[j], b[j], 1e-12 * Math.max(1, Math.abs(a[j])), "weight " + j);
    }
    assertEquals(mllib._2().length, ours._2().length);
    for (int k = 0; k < mllib._2().length; k++) {
      assertEquals(mllib._2()[k], ours._2()[k], 1e-12 * Math.abs(mllib._2()[k]), "loss " + k);
    }
  }
}
