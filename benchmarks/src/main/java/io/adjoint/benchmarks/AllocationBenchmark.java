package io.adjoint.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The generated {@code Into} and {@code Pullback} forms of every loop objective ({@link LoopObjectives}),
 * for the bytes they allocate per call in steady state: run with {@code -prof gc} and read {@code
 * gc.alloc.rate.norm}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AllocationBenchmark -f 1 -wi 3 -i 3 -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AllocationBenchmark {
  @Param({"gmm_d2_K5", "gmm_d10_K25", "gmm_d20_K50", "mlp", "rosenbrockN", "dot", "lstm_l2", "lstm_l4", "particles", "logistic"})
  String objective;

  LoopObjectives.Instance instance;
  double[] out;

  @Setup
  public void setUp() {
    instance = LoopObjectives.of(objective);
    out = new double[instance.parameterCount() + 1];
  }

  @Benchmark
  public double into() {
    return instance.into().call(out);
  }

  @Benchmark
  public double pullback() {
    return instance.pullback().call(0.5, out, 1);
  }
}
