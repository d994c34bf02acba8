package io.adjoint.benchmarks;

import io.adjoint.samples.records.Springs;
import io.adjoint.samples.records.Springs.Particle;
import io.adjoint.samples.records.Springs.Point;
import io.adjoint.samples.records.Springs.Spring;
import io.adjoint.samples.records.SpringsGradients;
import java.util.SplittableRandom;
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

/**
 * The gradient of a chain of 1,000 particles joined by springs ({@code samples/.../records/Springs}),
 * over a {@code Particle[]} of records and over the same particles as one flat {@code double[]}: each
 * form of the record version beside the flat one, so that record ÷ flat is a ratio of measurements taken
 * side by side; with {@code -prof gc}, the bytes each allocates per call.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RecordBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class RecordBenchmark {
  private static final int PARTICLES = 1000;
  private static final double GRAVITY = 9.81;

  Particle[] chain;
  double[] flat;
  Spring spring;
  double[] partials;

  @Setup
  public void setUp() {
    chain = chain(PARTICLES, new SplittableRandom(42));
    flat = new double[5 * PARTICLES];
    for (int i = 0; i < PARTICLES; i++) {
      Particle p = chain[i];
      double[] doubles = {p.pos().x(), p.pos().y(), p.vel().x(), p.vel().y(), p.mass()};
      System.arraycopy(doubles, 0, flat, 5 * i, 5);
    }
    spring = new Spring(2.0, 0.9, 0);
    partials = new double[flat.length + 2];
  }

  /** {@code n} particles in a row, about one apart, with random velocities and masses. */
  static Particle[] chain(int n, SplittableRandom random) {
    Particle[] chain = new Particle[n];
    for (int i = 0; i < n; i++) {
      chain[i] = new Particle(
          new Point(i + random.nextDouble(-0.3, 0.3), random.nextDouble(-1, 1)),
          new Point(random.nextDouble(-1, 1), random.nextDouble(-1, 1)),
          random.nextDouble(0.5, 2));
    }
    return chain;
  }

  @Benchmark
  public double recordObjective() {
    return Springs.energy(chain, spring, GRAVITY);
  }

  @Benchmark
  public double flatObjective() {
    return Springs.energyFlat(flat, spring.stiffness(), spring.rest(), GRAVITY);
  }

  @Benchmark
  public Object recordGradient() {
    return SpringsGradients.energy(chain, spring, GRAVITY);
  }

  @Benchmark
  public Object flatGradient() {
    return SpringsGradients.energyFlat(flat, spring.stiffness(), spring.rest(), GRAVITY);
  }

  @Benchmark
  public double recordInto() {
    return SpringsGradients.energyInto(chain, spring, GRAVITY, partials);
  }

  @Benchmark
  public double flatInto() {
    return SpringsGradients.energyFlatInto(flat, spring.stiffness(), spring.rest(), GRAVITY, partials);
  }
}
