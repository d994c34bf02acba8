package io.adjoint.benchmarks;

import io.adjoint.samples.logistic.LogisticRegression;
import io.adjoint.samples.logistic.LogisticRegressionGradients;
import io.adjoint.samples.logistic.Rows;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The logistic loss of a whole data set in one method ({@link LogisticRegression#totalLoss}: a loop over
 * 100,000 rows of 20 features, each a dot product), issue 15's smallest nested reduction: the generated
 * gradient fuses the loop over the rows, keeps no tape and reads each row once. Against the loss itself
 * and {@link HandWritten#logisticLoss}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class LogisticBenchmark {
  static final int ROWS = 100_000;
  /** Weights per row: 19 features and the intercept. */
  static final int FEATURES = 20;
  static final long SEED = 15;

  double[] w;
  double[][] x;
  double[] y;
  double[] out;

  /** Weights drawn at random in [−1, 1). */
  static double[] weights() {
    return new SplittableRandom(SEED + 1).doubles(FEATURES, -1, 1).toArray();
  }

  @Setup
  public void setUp() {
    Rows rows = Rows.generate(ROWS, FEATURES - 1, SEED);
    x = rows.x();
    y = rows.signs();
    w = weights();
    out = new double[FEATURES];
  }

  @Benchmark
  public double function() {
    return LogisticRegression.totalLoss(w, x, y);
  }

  @Benchmark
  public double generatedInto() {
    return LogisticRegressionGradients.totalLossInto(w, x, y, out);
  }

  @Benchmark
  public double handWritten() {
    return HandWritten.logisticLoss(w, x, y, out);
  }
}
