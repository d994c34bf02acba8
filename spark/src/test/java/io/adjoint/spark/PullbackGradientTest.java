package io.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * {@link PullbackGradient} of the generated logistic loss, one example at a time, against MLlib's own
 * {@link LogisticGradient}: the same function with its derivative computed in another order, so equal
 * to rounding (1e-13 relative to the size of the terms). No Spark context needed.
 */
class PullbackGradientTest {
  private static final Gradient GENERATED = new PullbackGradient(DistributedGradientTest.LOGISTIC);
  private static final Gradient MLLIB = new LogisticGradient();

  @Test
  void agreesWithMllibsLogisticGradientExampleByExample() {
    SplittableRandom random = new SplittableRandom(41);
    for (int example = 0; example < 2000; example++) {
      int n = 1 + random.nextInt(8);
      double[] x = new double[n];
      double[] w = new double[n];
      for (int j = 0; j < n; j++) {
        x[j] = random.nextGaussian() * 3;
        w[j] = random.nextGaussian();
      }
      double label = random.nextBoolean() ? 1 : 0;
      double[] start = new double[n];
      for (int j = 0; j < n; j++) {
        start[j] = random.nextGaussian();
      }
      DenseVector ours = new DenseVector(start.clone());
      DenseVector theirs = new DenseVector(start.clone());
      double lossOurs = GENERATED.compute(Vectors.dense(x), label, Vectors.dense(w), ours);
      double lossTheirs = MLLIB.compute(Vectors.dense(x), label, Vectors.dense(w), theirs);
      assertEquals(lossTheirs, lossOurs, 1e-13 * Math.max(1, Math.abs(lossTheirs)), "loss " + example);
      for (int j = 0; j < n; j++) {
        double scale = Math.abs(start[j]) + Math.abs(x[j]);
        assertEquals(theirs.values()[j], ours.values()[j], 1e-13 * Math.max(1, scale), "partial " + j);
      }
    }
  }

  @Test
  void theTwoArgumentFormReturnsANewGradientAndTheLoss() {
    Vector x = Vectors.dense(0.5, -1.0, 2.0);
    Vector w = Vectors.dense(0.1, 0.2, -0.3);
    Tuple2<Vector, Object> ours = GENERATED.compute(x, 1.0, w);
    Tuple2<Vector, Object> theirs = MLLIB.compute(x, 1.0, w);
    assertEquals((Double) theirs._2(), (Double) ours._2(), 1e-15);
    for (int j = 0; j < 3; j++) {
      assertEquals(theirs._1().apply(j), ours._1().apply(j), 1e-15);
    }
  }

  @Test
  void sparseFeaturesAreMadeDense() {
    Vector sparse = Vectors.sparse(4, new int[] {1, 3}, new double[] {2.0, -1.0});
    Vector w = Vectors.dense(0.3, -0.2, 0.7, 0.4);
    DenseVector ours = new DenseVector(new double[4]);
    DenseVector theirs = new DenseVector(new double[4]);
    assertEquals(MLLIB.compute(sparse, 0.0, w, theirs), GENERATED.compute(sparse, 0.0, w, ours), 1e-15);
    for (int j = 0; j < 4; j++) {
      assertEquals(theirs.values()[j], ours.values()[j], 1e-15);
    }
  }

  @Test
  void rejectsASparseOrMisfitCumulativeGradient() {
    Vector x = Vectors.dense(1.0, 2.0);
    Vector w = Vectors.dense(0.0, 0.0);
    assertThrows(
        IllegalArgumentException.class,
        () -> GENERATED.compute(x, 1.0, w, Vectors.sparse(2, new int[] {}, new double[] {})));
    assertThrows(IllegalArgumentException.class, () -> GENERATED.compute(x, 1.0, w, Vectors.zeros(3)));
  }

  @Test
  void survivesJavaSerializationAsSparkShipsIt() throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(GENERATED);
    }
    Object copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }
    assertSame(PullbackGradient.class, copy.getClass());
    DenseVector a = new DenseVector(new double[2]);
    DenseVector b = new DenseVector(new double[2]);
    Vector x = Vectors.dense(1.0, -2.0);
    Vector w = Vectors.dense(0.25, 0.5);
    assertEquals(
        GENERATED.compute(x, 1.0, w, a), ((Gradient) copy).compute(x, 1.0, w, b), 0.0);
    assertEquals(a, b);
  }
}
