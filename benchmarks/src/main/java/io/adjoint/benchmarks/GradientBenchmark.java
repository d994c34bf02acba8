package io.adjoint.benchmarks;

import io.adjoint.Value;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Generated gradients of the straight-line {@link Objectives} against the function itself, a
 * hand-written gradient, the {@link Value} tape, central finite differences and Commons Math's forward
 * mode ({@link DerivativeStructure}, {@link SparseGradient}). Every output is consumed. The ratios that
 * matter, generated ÷ hand-written and gradient ÷ function, are taken within one run.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GradientBenchmark -prof gc}, or every
 * benchmark with {@code benchmarks/run.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class GradientBenchmark {
  // Non-final, so that the JIT cannot fold the inputs.
  double w1 = 0.5;
  double w2 = -0.3;
  double b = 0.1;
  double x1 = 2.0;
  double x2 = 3.0;
  double x = -1.2;
  double y = 1.1;
  double z = 0.7;
  double[] out;
  Kind<DerivativeStructure> ds2;
  Kind<DerivativeStructure> ds3;
  Kind<SparseGradient> sg2;
  Kind<SparseGradient> sg3;

  @Setup
  public void setUp() {
    out = new double[3];
    ds2 = ForwardMode.derivativeStructure(2);
    ds3 = ForwardMode.derivativeStructure(3);
    sg2 = ForwardMode.sparseGradient(2);
    sg3 = ForwardMode.sparseGradient(3);
  }

  // ------------------------------------------------------------------------------------------ neuron

  @Benchmark
  public double neuronFunction() {
    return Objectives.neuron(w1, w2, b, x1, x2);
  }

  @Benchmark
  public void neuronGenerated(Blackhole bh) {
    ObjectivesGradients.NeuronGradient g = ObjectivesGradients.neuron(w1, w2, b, x1, x2);
    bh.consume(g.value());
    bh.consume(g.w1());
    bh.consume(g.w2());
    bh.consume(g.b());
  }

  @Benchmark
  public double neuronGeneratedInto() {
    return ObjectivesGradients.neuronInto(w1, w2, b, x1, x2, out);
  }

  @Benchmark
  public double neuronHandWritten() {
    return HandWritten.neuron(w1, w2, b, x1, x2, out);
  }

  @Benchmark
  public double neuronValue() {
    return ValueObjectives.neuron(w1, w2, b, x1, x2, out);
  }

  @Benchmark
  public double neuronFiniteDifferences() {
    return FiniteDifferences.neuron(w1, w2, b, x1, x2, out);
  }

  @Benchmark
  public double neuronDerivativeStructure() {
    return ForwardMode.neuron(ds3, w1, w2, b, x1, x2, out);
  }

  @Benchmark
  public double neuronSparseGradient() {
    return ForwardMode.neuron(sg3, w1, w2, b, x1, x2, out);
  }

  // -------------------------------------------------------------------------------------- rosenbrock

  @Benchmark
  public double rosenbrockFunction() {
    return Objectives.rosenbrock(x, y);
  }

  @Benchmark
  public void rosenbrockGenerated(Blackhole bh) {
    ObjectivesGradients.RosenbrockGradient g = ObjectivesGradients.rosenbrock(x, y);
    bh.consume(g.value());
    bh.consume(g.x());
    bh.consume(g.y());
  }

  @Benchmark
  public double rosenbrockGeneratedInto() {
    return ObjectivesGradients.rosenbrockInto(x, y, out);
  }

  @Benchmark
  public double rosenbrockHandWritten() {
    return HandWritten.rosenbrock(x, y, out);
  }

  @Benchmark
  public double rosenbrockValue() {
    return ValueObjectives.rosenbrock(x, y, out);
  }

  @Benchmark
  public double rosenbrockFiniteDifferences() {
    return FiniteDifferences.rosenbrock(x, y, out);
  }

  @Benchmark
  public double rosenbrockDerivativeStructure() {
    return ForwardMode.rosenbrock(ds2, x, y, out);
  }

  @Benchmark
  public double rosenbrockSparseGradient() {
    return ForwardMode.rosenbrock(sg2, x, y, out);
  }

  // ------------------------------------------------------------------------------------------ twenty

  @Benchmark
  public double twentyFunction() {
    return Objectives.twenty(x, y, z);
  }

  @Benchmark
  public void twentyGenerated(Blackhole bh) {
    ObjectivesGradients.TwentyGradient g = ObjectivesGradients.twenty(x, y, z);
    bh.consume(g.value());
    bh.consume(g.x());
    bh.consume(g.y());
    bh.consume(g.z());
  }

  @Benchmark
  public double twentyGeneratedInto() {
    return ObjectivesGradients.twentyInto(x, y, z, out);
  }

  @Benchmark
  public double twentyHandWritten() {
    return HandWritten.twenty(x, y, z, out);
  }

  @Benchmark
  public double twentyValue() {
    return ValueObjectives.twenty(x, y, z, out);
  }

  @Benchmark
  public double twentyFiniteDifferences() {
    return FiniteDifferences.twenty(x, y, z, out);
  }

  @Benchmark
  public double twentyDerivativeStructure() {
    return ForwardMode.twenty(ds3, x, y, z, out);
  }

  @Benchmark
  public double twentySparseGradient() {
    return ForwardMode.twenty(sg3, x, y, z, out);
  }
}
