package io.adjoint.benchmarks;

import io.adjoint.samples.lstm.Lstm;
import io.adjoint.samples.lstm.LstmInput;
import io.adjoint.samples.lstm.LstmGradients;
import java.util.SplittableRandom;
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
 * ADBench's LSTM objective ({@code samples/.../lstm}) at ADBench's sizes (14 units, 2 or 4 layers) on a
 * sequence of 1,024 characters: the objective and its generated gradient ({@code objectiveInto}) in one
 * run, so that gradient ÷ objective is a ratio of two measurements taken side by side; with {@code
 * -prof gc}, the bytes each allocates per call.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LstmBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LstmBenchmark {
  private static final int SIZE = 14;
  private static final int STEPS = 1024;

  @Param({"2", "4"})
  int layers;

  double[] main;
  double[] extra;
  double[] state;
  double[] sequence;
  double[] partials;

  @Setup
  public void setUp() {
    LstmInput in = LstmInput.random(layers, SIZE, STEPS, new SplittableRandom(42));
    main = in.main();
    extra = in.extra();
    state = in.state();
    sequence = in.sequence();
    partials = new double[in.parameterCount()];
  }

  @Benchmark
  public double objective() {
    return Lstm.objective(main, extra, state, sequence, layers, SIZE, STEPS);
  }

  @Benchmark
  public double gradient() {
    return LstmGradients.objectiveInto(main, extra, state, sequence, layers, SIZE, STEPS, partials);
  }
}
