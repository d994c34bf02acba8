package io.adjoint.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 15's ratios (gradient ÷ objective, generated ÷ hand-written) in one JMH run, on a machine that
 * other work loads. {@link GmmBenchmark} and its kin time each method in forks of its own, one after
 * another; when the load changes between them, by as much as 1.7 times for tens of seconds on this
 * shared machine, so does their ratio. Here every invocation calls the objective, the generated
 * gradient and the hand-written one (where there is one) in turn, and adds each call's time to its own
 * counter ({@link Nanos}): the three see the same load, and the ratio of two counters is the ratio of
 * their times. A call takes 30 µs to 20 ms, so the 20–30 ns of {@link System#nanoTime} are lost in it.
 *
 * <p>JMH reports each counter as {@code inTurn:objective}, {@code inTurn:generated} and {@code
 * inTurn:handWritten}, in nanoseconds summed over the iteration (its score is their mean over the
 * iterations); {@link Ratios} divides them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class InterleavedBenchmark {
  /**
   * GMM on ADBench's {@code gmm_<size>.txt}, the logistic loss over 10⁵ × 20, the LSTM at l layers, the
   * perceptron's loss over 200 points, the dot product and n-D Rosenbrock at n entries.
   */
  @Param({"gmm_d2_K5", "gmm_d10_K25", "gmm_d20_K50", "logistic", "lstm_2", "lstm_4", "mlp", "dot_1000",
      "rosenbrock_100", "rosenbrock_1000"})
  String objective;

  private Calls calls;

  /**
   * An objective and its gradients, each call returning a double that depends on its result.
   *
   * @param handWritten null where no gradient is written by hand (the LSTM, the perceptron)
   */
  record Calls(DoubleSupplier function, DoubleSupplier generated, DoubleSupplier handWritten) {}

  /**
   * The calls of {@code objective}: {@code gmm_<size>} (ADBench's {@code gmm_<size>.txt}; {@code
   * gmmsummed_<size>} times {@link HandWrittenGmm#objectiveIntoSummingMeans} as the hand-written
   * gradient, not in the default run), {@code logistic}, {@code lstm_<layers>}, {@code mlp}, {@code dot_<n>} or {@code rosenbrock_<n>}, on the
   * inputs of its own benchmark. The dot product and Rosenbrock take about a nanosecond per entry, so
   * each of their calls here is {@link #repeated} until it makes some 50,000 entries' work, and the
   * clock's own cost is lost in it.
   */
  static Calls calls(String objective) {
    if (objective.startsWith("gmm_") || objective.startsWith("gmmsummed_")) {
      GmmBenchmark gmm = new GmmBenchmark();
      gmm.size = objective.substring(objective.indexOf('_') + 1);
      gmm.setUp();
      DoubleSupplier handWritten =
          objective.startsWith("gmm_") ? gmm::handWritten : gmm::handWrittenSummingMeans;
      return new Calls(gmm::function, gmm::generatedInto, handWritten);
    } else if (objective.equals("logistic")) {
      LogisticBenchmark logistic = new LogisticBenchmark();
      logistic.setUp();
      return new Calls(logistic::function, logistic::generatedInto, logistic::handWritten);
    } else if (objective.startsWith("lstm_")) {
      LstmBenchmark lstm = new LstmBenchmark();
      lstm.layers = Integer.parseInt(objective.substring("lstm_".length()));
      lstm.setUp();
      return new Calls(lstm::objective, lstm::gradient, null);
    } else if (objective.equals("mlp")) {
      MlpBenchmark mlp = new MlpBenchmark();
      mlp.setUp();
      return new Calls(mlp::function, mlp::generatedInto, null);
    } else if (objective.startsWith("dot_")) {
      DotBenchmark dot = new DotBenchmark();
      dot.n = Integer.parseInt(objective.substring("dot_".length()));
      dot.setUp();
      return overEntries(dot.n, dot::function, dot::generatedInto, dot::handWritten);
    } else if (objective.startsWith("rosenbrock_")) {
      RosenbrockBenchmark rosenbrock = new RosenbrockBenchmark();
      rosenbrock.n = Integer.parseInt(objective.substring("rosenbrock_".length()));
      rosenbrock.setUp();
      return overEntries(rosenbrock.n, rosenbrock::function, rosenbrock::generatedInto, rosenbrock::handWritten);
    }
    throw new IllegalArgumentException(
        "gmm_<size>, gmmsummed_<size>, logistic, lstm_<layers>, mlp, dot_<n> or rosenbrock_<n>: " + objective);
  }

  /** The calls of an objective over {@code n} entries, each {@link #repeated} to some 50,000 entries' work. */
  private static Calls overEntries(int n, DoubleSupplier function, DoubleSupplier generated, DoubleSupplier handWritten) {
    int times = Math.max(1, 50_000 / n);
    return new Calls(repeated(function, times), repeated(generated, times), repeated(handWritten, times));
  }

  /** {@code call} made {@code times} times in a row; returns the sum of what it returned. */
  static DoubleSupplier repeated(DoubleSupplier call, int times) {
    return () -> {
      double sum = 0;
      for (int i = 0; i < times; i++) {
        sum += call.getAsDouble();
      }
      return sum;
    };
  }

  /** The nanoseconds each of the three took in an iteration, summed over its invocations. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Nanos {
    public long objective;
    public long generated;
    public long handWritten;

    @Setup(Level.Iteration)
    public void reset() {
      objective = 0;
      generated = 0;
      handWritten = 0;
    }
  }

  @Setup
  public void setUp() {
    calls = calls(objective);
  }

  /** The three in turn, each timed on its own. */
  @Benchmark
  public double inTurn(Nanos nanos) {
    long start = System.nanoTime();
    double sum = calls.function().getAsDouble();
    long afterFunction = System.nanoTime();
    sum += calls.generated().getAsDouble();
    long afterGenerated = System.nanoTime();
    nanos.objective += afterFunction - start;
    nanos.generated += afterGenerated - afterFunction;
    if (calls.handWritten() != null) {
      sum += calls.handWritten().getAsDouble();
      nanos.handWritten += System.nanoTime() - afterGenerated;
    }
    return sum;
  }
}
