package io.adjoint.benchmarks;

import io.adjoint.data.DataSetGradient;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One data set's gradient by {@link DataSetGradient#sum}: a million examples of a logistic or an MLP
 * loss, in a pool of 1 thread and of 2 (this machine's cores; run with {@code -p threads=1,N} for N
 * cores elsewhere). {@link #loop} is the same sum as a plain loop on the calling thread, without the
 * API: what one thread costs without blocks and buffers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xmx4g"})
public class DataSetBenchmark {
  @Param({"logistic", "mlp"})
  String loss;

  @Param({"1", "2"})
  int threads;

  DataSetInput in;
  ForkJoinPool pool;
  double[] gradient;

  @Setup(Level.Trial)
  public void setUp() {
    in = DataSetInput.of(loss, DataSetInput.EXAMPLES);
    pool = new ForkJoinPool(threads);
    gradient = new double[in.weights().length];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdown();
  }

  @Benchmark
  public double sum() {
    Arrays.fill(gradient, 0);
    return DataSetGradient.sum(in.examples(), in.pullback(), gradient, pool);
  }

  /** The plain loop, one thread; only run with threads=1 (the parameter does not apply). */
  @Benchmark
  public double loop() {
    Arrays.fill(gradient, 0);
    double total = 0;
    for (int i = 0; i < in.examples(); i++) {
      total += in.pullback().pullback(i, 1.0, gradient);
    }
    return total;
  }
}
