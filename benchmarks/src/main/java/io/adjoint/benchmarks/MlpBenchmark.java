package io.adjoint.benchmarks;

import io.adjoint.benchmarks.ForwardMode.Kind;
import io.adjoint.samples.mlp.Perceptron;
import io.adjoint.samples.mlp.PerceptronGradients;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.SparseGradient;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The loss of the samples' 2-16-16-1 perceptron ({@link Perceptron#loss}, {@code double[][]} weights,
 * 337 parameters) over 200 two-moons points, and its gradient by every method.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class MlpBenchmark {
  MlpInput in;
  double[] out;
  Kind<DerivativeStructure> ds;
  Kind<SparseGradient> sg;

  @Setup
  public void setUp() {
    in = MlpInput.twoMoons();
    out = new double[in.parameterCount()];
    ds = ForwardMode.derivativeStructure(in.parameterCount());
    sg = ForwardMode.sparseGradient(in.parameterCount());
  }

  @Benchmark
  public double function() {
    return Perceptron.loss(in.w1(), in.b1(), in.w2(), in.b2(), in.w3(), in.b3(), in.x(), in.y());
  }

  @Benchmark
  public void generated(Blackhole bh) {
    PerceptronGradients.LossGradient g =
        PerceptronGradients.loss(in.w1(), in.b1(), in.w2(), in.b2(), in.w3(), in.b3(), in.x(), in.y());
    bh.consume(g.value());
    bh.consume(g.w1());
    bh.consume(g.b1());
    bh.consume(g.w2());
    bh.consume(g.b2());
    bh.consume(g.w3());
    bh.consume(g.b3());
  }

  @Benchmark
  public double generatedInto() {
    return PerceptronGradients.lossInto(
        in.w1(), in.b1(), in.w2(), in.b2(), in.w3(), in.b3(), in.x(), in.y(), out);
  }

  @Benchmark
  public double value() {
    return ValueObjectives.mlp(in, out);
  }

  @Benchmark
  public double finiteDifferences() {
    return FiniteDifferences.mlp(in, out);
  }

  @Benchmark
  public double derivativeStructure() {
    return ForwardMode.mlp(ds, in, out);
  }

  @Benchmark
  public double sparseGradient() {
    return ForwardMode.mlp(sg, in, out);
  }
}
