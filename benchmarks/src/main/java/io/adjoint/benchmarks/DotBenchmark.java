package io.adjoint.benchmarks;

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
import org.openjdk.jmh.infra.Blackhole;

/** The gradient of the dot product of two arrays ({@link Objectives#dot}): the smallest loop. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class DotBenchmark {
  @Param({"1000"})
  int n;

  double[] a;
  double[] b;
  double[] out;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(11);
    a = random.doubles(n, -1, 1).toArray();
    b = random.doubles(n, -1, 1).toArray();
    out = new double[2 * n];
  }

  @Benchmark
  public double function() {
    return Objectives.dot(a, b);
  }

  @Benchmark
  public void generated(Blackhole bh) {
    ObjectivesGradients.DotGradient g = ObjectivesGradients.dot(a, b);
    bh.consume(g.value());
    bh.consume(g.a());
    bh.consume(g.b());
  }

  @Benchmark
  public double generatedInto() {
    return ObjectivesGradients.dotInto(a, b, out);
  }

  @Benchmark
  public double handWritten() {
    return HandWritten.dot(a, b, out);
  }

  @Benchmark
  public double value() {
    return ValueObjectives.dot(a, b, out);
  }

  @Benchmark
  public double finiteDifferences() {
    return FiniteDifferences.dot(a, b, out);
  }
}
