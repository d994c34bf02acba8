package io.adjoint.benchmarks;

import io.adjoint.benchmarks.ForwardMode.Kind;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.SparseGradient;
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
 * The gradient of Rosenbrock's function in n dimensions ({@link Objectives#rosenbrockN}, a loop over a
 * {@code double[]}) by every method, as n grows: reverse mode (generated, hand-written, {@code Value})
 * costs a constant multiple of the function; finite differences and dense forward mode cost n times
 * more. At n = 10,000 {@code derivativeStructure} takes seconds per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class RosenbrockBenchmark {
  @Param({"10", "100", "1000", "10000"})
  int n;

  double[] x;
  double[] out;
  Kind<DerivativeStructure> ds;
  Kind<SparseGradient> sg;

  /** The classic start (−1.2, 1, −1.2, 1, …). */
  @Setup
  public void setUp() {
    x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 2 == 0 ? -1.2 : 1.0;
    }
    out = new double[n];
    ds = ForwardMode.derivativeStructure(n);
    sg = ForwardMode.sparseGradient(n);
  }

  @Benchmark
  public double function() {
    return Objectives.rosenbrockN(x);
  }

  @Benchmark
  public void generated(Blackhole bh) {
    ObjectivesGradients.RosenbrockNGradient g = ObjectivesGradients.rosenbrockN(x);
    bh.consume(g.value());
    bh.consume(g.x());
  }

  @Benchmark
  public double generatedInto() {
    return ObjectivesGradients.rosenbrockNInto(x, out);
  }

  @Benchmark
  public double handWritten() {
    return HandWritten.rosenbrockN(x, out);
  }

  @Benchmark
  public double value() {
    return ValueObjectives.rosenbrockN(x, out);
  }

  @Benchmark
  public double finiteDifferences() {
    return FiniteDifferences.rosenbrockN(x, out);
  }

  @Benchmark
  public double derivativeStructure() {
    return ForwardMode.rosenbrockN(ds, x, out);
  }

  @Benchmark
  public double sparseGradient() {
    return ForwardMode.rosenbrockN(sg, x, out);
  }

  /** {@code sparseGradient} with the sum added by plain {@code add}, which copies its map each time. */
  @Benchmark
  public double sparseGradientPlainAdd() {
    return ForwardMode.rosenbrockNPlainAdd(sg, x, out);
  }
}
