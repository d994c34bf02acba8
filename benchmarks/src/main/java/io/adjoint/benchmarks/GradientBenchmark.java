package io.adjoint.benchmarks;

import io.adjoint.Value;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Generated gradients against the function itself, a hand-written gradient and the {@link Value} tape,
 * for the straight-line {@link Objectives}. Every output is consumed. The ratios that matter, generated ÷
 * hand-written and gradient ÷ function, are taken within one run.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GradientBenchmark -prof gc}.
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

  @Setup
  public void setUp() {
    out = new double[3];
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
  public void neuronValue(Blackhole bh) {
    Value vw1 = new Value(w1);
    Value vw2 = new Value(w2);
    Value vb = new Value(b);
    Value out = vw1.mul(x1).add(vw2.mul(x2)).add(vb).sigmoid();
    out.backward();
    bh.consume(out.data());
    bh.consume(vw1.grad());
    bh.consume(vw2.grad());
    bh.consume(vb.grad());
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
  public void rosenbrockValue(Blackhole bh) {
    Value vx = new Value(x);
    Value vy = new Value(y);
    Value a = vx.neg().add(1);
    Value d = vy.sub(vx.mul(vx));
    Value f = a.mul(a).add(d.mul(d).mul(100));
    f.backward();
    bh.consume(f.data());
    bh.consume(vx.grad());
    bh.consume(vy.grad());
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
  public void twentyValue(Blackhole bh) {
    Value vx = new Value(x);
    Value vy = new Value(y);
    Value vz = new Value(z);
    Value a = vx.mul(vy).add(vz);
    Value bb = a.sin().mul(vz.mul(vz).neg().exp());
    Value c = vx.mul(vx).add(vy.mul(vy)).add(1).log();
    Value d = vz.mul(vz).add(1).sqrt().mul(vy.tanh());
    Value f = a.mul(bb).add(c.div(d)).sub(vx.mul(vz));
    f.backward();
    bh.consume(f.data());
    bh.consume(vx.grad());
    bh.consume(vy.grad());
    bh.consume(vz.grad());
  }
}
