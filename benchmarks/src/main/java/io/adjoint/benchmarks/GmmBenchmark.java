package io.adjoint.benchmarks;

import io.adjoint.samples.gmm.Gmm;
import io.adjoint.samples.gmm.GmmGradients;
import io.adjoint.samples.gmm.GmmInput;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * ADBench's Gaussian mixture objective ({@link Gmm#objective}, n = 1,000 points) on ADBench's inputs:
 * the objective, the generated gradient in its two forms, the gradient written by hand ({@link
 * HandWrittenGmm}), and the {@code Value} tape. The slower
 * alternatives are in {@link GmmAlternativesBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class GmmBenchmark {
  /** d and K of ADBench's file {@code gmm_<size>.txt}. */
  @Param({"d2_K5", "d10_K25", "d20_K50"})
  String size;

  GmmInput in;
  double[] out;

  @Setup
  public void setUp() {
    in = GmmInput.resource("gmm_" + size + ".txt");
    out = new double[in.parameterCount()];
  }

  @Benchmark
  public double function() {
    return Gmm.objective(in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM());
  }

  @Benchmark
  public void generated(Blackhole bh) {
    GmmGradients.ObjectiveGradient g =
        GmmGradients.objective(
            in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM());
    bh.consume(g.value());
    bh.consume(g.alphas());
    bh.consume(g.means());
    bh.consume(g.icf());
  }

  @Benchmark
  public double generatedInto() {
    return GmmGradients.objectiveInto(
        in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM(), out);
  }

  @Benchmark
  public double handWritten() {
    return HandWrittenGmm.objectiveInto(
        in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM(), out);
  }

  /** {@link HandWrittenGmm#objectiveIntoSummingMeans}, timed by {@link InterleavedBenchmark} only. */
  public double handWrittenSummingMeans() {
    return HandWrittenGmm.objectiveIntoSummingMeans(
        in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM(), out);
  }

  @Benchmark
  public double value() {
    return ValueObjectives.gmm(in, out);
  }
}
