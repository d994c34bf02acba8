package io.adjoint.benchmarks;

import io.adjoint.data.DataSetGradient;
import io.adjoint.samples.logistic.LogisticRegression;
import io.adjoint.samples.logistic.LogisticRegressionGradients;
import io.adjoint.spark.DistributedGradient;
import io.adjoint.spark.LabeledPointPullback;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Spark's overhead: the logistic loss's gradient over a million cached rows (10 features and the
 * intercept, 4 partitions) in Spark's local[2] by {@link DistributedGradient} and by MLlib's own
 * {@link LogisticGradient} in the same {@code treeAggregate}, against {@link DataSetGradient} on two
 * threads over the same rows as arrays. Spark is not in the benchmarks jar (it is {@code provided});
 * run with Spark on the class path, as the README shows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 3,
    jvmArgsAppend = {
      "-Xmx6g",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Dio.netty.tryReflectionSetAccessible=true"
    })
public class SparkBenchmark {
  static final int ROWS = 1_000_000;
  static final int FEATURES = 10;
  static final int PARTITIONS = 4;

  static final LabeledPointPullback LOGISTIC =
      (x, y, w, upstream, adjoints) -> LogisticRegressionGradients.lossPullback(w, x, y, upstream, adjoints, 0);

  JavaSparkContext spark;
  JavaRDD<LabeledPoint> points;
  double[][] x;
  double[] y;
  double[] weights;
  ForkJoinPool pool;

  @Setup(Level.Trial)
  public void setUp() {
    spark =
        new JavaSparkContext(
            new SparkConf()
                .setMaster("local[2]")
                .setAppName("SparkBenchmark")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    spark.setLogLevel("WARN");
    SplittableRandom random = new SplittableRandom(7);
    weights = random.doubles(FEATURES + 1, -1, 1).toArray();
    double[] w = weights;
    List<Integer> partitions = IntStream.range(0, PARTITIONS).boxed().toList();
    points =
        spark
            .parallelize(partitions, PARTITIONS)
            .flatMap(
                p -> {
                  SplittableRandom r = new SplittableRandom(100 + p);
                  List<LabeledPoint> rows = new ArrayList<>(ROWS / PARTITIONS);
                  for (int i = 0; i < ROWS / PARTITIONS; i++) {
                    double[] features = new double[FEATURES + 1];
                    for (int j = 0; j < FEATURES; j++) {
                      features[j] = r.nextGaussian();
                    }
                    features[FEATURES] = 1;
                    double label = r.nextDouble() < LogisticRegression.probability(w, features) ? 1 : 0;
                    rows.add(new LabeledPoint(label, Vectors.dense(features)));
                  }
                  return rows.iterator();
                })
            .cache();
    List<LabeledPoint> local = points.collect();
    x = new double[local.size()][];
    y = new double[local.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = local.get(i).features().toArray();
      y[i] = local.get(i).label();
    }
    pool = new ForkJoinPool(2);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdown();
    spark.stop();
  }

  @Benchmark
  public DistributedGradient.LossAndGradient sparkGenerated() {
    return DistributedGradient.sum(points, weights, LOGISTIC);
  }

  /** The generated gradient in the same bare {@code treeAggregate} as the MLlib row: no broadcast. */
  @Benchmark
  public double sparkGeneratedBare() {
    double[] w = weights;
    return points.treeAggregate(new GeneratedSum(w.length), (sum, p) -> sum.add(p, w), GeneratedSum::merge, 2).loss;
  }

  @Benchmark
  public double sparkMllibLogisticGradient() {
    DenseVector w = new DenseVector(weights);
    return points.treeAggregate(new MllibSum(weights.length), (sum, p) -> sum.add(p, w), MllibSum::merge, 2).loss;
  }

  @Benchmark
  public double oneMachineTwoThreads() {
    double[] gradient = new double[weights.length];
    double[] w = weights;
    return DataSetGradient.sum(
        x.length,
        (i, upstream, adjoints) -> LogisticRegressionGradients.lossPullback(w, x[i], y[i], upstream, adjoints, 0),
        gradient,
        pool);
  }

  /** The generated gradient summed as {@link MllibSum} sums MLlib's. */
  static final class GeneratedSum implements Serializable {
    private static final long serialVersionUID = 1L;
    final double[] gradient;
    double loss;

    GeneratedSum(int length) {
      gradient = new double[length];
    }

    GeneratedSum add(LabeledPoint p, double[] w) {
      loss += LOGISTIC.pullback(p.features().toArray(), p.label(), w, 1.0, gradient);
      return this;
    }

    GeneratedSum merge(GeneratedSum other) {
      for (int i = 0; i < gradient.length; i++) {
        gradient[i] += other.gradient[i];
      }
      loss += other.loss;
      return this;
    }
  }

  /** MLlib's LogisticGradient summed as its LBFGS sums it. */
  static final class MllibSum implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final LogisticGradient GRADIENT = new LogisticGradient();
    final DenseVector gradient;
    double loss;

    MllibSum(int length) {
      gradient = new DenseVector(new double[length]);
    }

    MllibSum add(LabeledPoint p, DenseVector w) {
      loss += GRADIENT.compute(p.features(), p.label(), w, gradient);
      return this;
    }

    MllibSum merge(MllibSum other) {
      double[] a = gradient.values();
      double[] b = other.gradient.values();
      for (int i = 0; i < a.length; i++) {
        a[i] += b[i];
      }
      loss += other.loss;
      return this;
    }

    @Override
    public String toString() {
      return loss + " " + Arrays.toString(gradient.values());
    }
  }
}
