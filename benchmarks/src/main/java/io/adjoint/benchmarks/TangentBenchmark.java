package io.adjoint.benchmarks;

import io.adjoint.samples.gmm.Gmm;
import io.adjoint.samples.gmm.GmmGradients;
import io.adjoint.samples.gmm.GmmInput;
import java.util.Arrays;
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
 * Forward mode: each objective's generated tangent form ({@code fTangent}, the value and one directional
 * derivative) against the function itself, in one run, so that tangent ÷ function is a ratio of two
 * measurements taken side by side. Straight-line objectives, two loops over arrays of 1,000 entries (n-D
 * Rosenbrock also against a tangent written by hand), and ADBench's GMM at d = 10, K = 25.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TangentBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TangentBenchmark {
  // Non-final, so that the JIT cannot fold the inputs.
  double w1 = 0.5;
  double w2 = -0.3;
  double b = 0.1;
  double x1 = 2.0;
  double x2 = 3.0;
  double x = -1.2;
  double y = 1.1;
  double z = 0.7;
  double[] long1;
  double[] long2;
  double[] direction1;
  double[] direction2;
  double[] out = new double[1];
  GmmInput gmm;
  double[] alphasDot;
  double[][] meansDot;
  double[][] icfDot;

  @Setup
  public void setUp() {
    long1 = new double[1000];
    long2 = new double[1000];
    direction1 = new double[1000];
    direction2 = new double[1000];
    for (int i = 0; i < 1000; i++) {
      long1[i] = Math.sin(i) * 1.5;
      long2[i] = Math.cos(i);
      direction1[i] = 1.0 / (1 + i);
      direction2[i] = -0.5;
    }
    gmm = GmmInput.resource("gmm_d10_K25.txt");
    alphasDot = new double[gmm.alphas().length];
    Arrays.fill(alphasDot, 0.25);
    meansDot = new double[gmm.means().length][gmm.means()[0].length];
    icfDot = new double[gmm.icf().length][gmm.icf()[0].length];
    for (double[] row : meansDot) {
      Arrays.fill(row, -0.5);
    }
    for (double[] row : icfDot) {
      Arrays.fill(row, 0.125);
    }
  }

  @Benchmark
  public double neuronFunction() {
    return Objectives.neuron(w1, w2, b, x1, x2);
  }

  @Benchmark
  public void neuronTangent(Blackhole bh) {
    ObjectivesGradients.NeuronTangent t = ObjectivesGradients.neuronTangent(w1, w2, b, x1, x2, 1, -1, 0.5);
    bh.consume(t.value());
    bh.consume(t.tangent());
  }

  @Benchmark
  public double rosenbrockFunction() {
    return Objectives.rosenbrock(x, y);
  }

  @Benchmark
  public void rosenbrockTangent(Blackhole bh) {
    ObjectivesGradients.RosenbrockTangent t = ObjectivesGradients.rosenbrockTangent(x, y, 1, -1);
    bh.consume(t.value());
    bh.consume(t.tangent());
  }

  @Benchmark
  public double twentyFunction() {
    return Objectives.twenty(x, y, z);
  }

  @Benchmark
  public void twentyTangent(Blackhole bh) {
    ObjectivesGradients.TwentyTangent t = ObjectivesGradients.twentyTangent(x, y, z, 1, -1, 0.5);
    bh.consume(t.value());
    bh.consume(t.tangent());
  }

  @Benchmark
  public double rosenbrockNFunction() {
    return Objectives.rosenbrockN(long1);
  }

  @Benchmark
  public void rosenbrockNTangent(Blackhole bh) {
    ObjectivesGradients.RosenbrockNTangent t = ObjectivesGradients.rosenbrockNTangent(long1, direction1);
    bh.consume(t.value());
    bh.consume(t.tangent());
  }

  @Benchmark
  public double rosenbrockNTangentByHand() {
    return HandWritten.rosenbrockNTangent(long1, direction1, out);
  }

  @Benchmark
  public double dotFunction() {
    return Objectives.dot(long1, long2);
  }

  @Benchmark
  public void dotTangent(Blackhole bh) {
    ObjectivesGradients.DotTangent t = ObjectivesGradients.dotTangent(long1, long2, direction1, direction2);
    bh.consume(t.value());
    bh.consume(t.tangent());
  }

  @Benchmark
  public double gmmFunction() {
    return Gmm.objective(gmm.alphas(), gmm.means(), gmm.icf(), gmm.x(), gmm.wishartGamma(), gmm.wishartM());
  }

  @Benchmark
  public void gmmTangent(Blackhole bh) {
    GmmGradients.ObjectiveTangent t =
        GmmGradients.objectiveTangent(
            gmm.alphas(), gmm.means(), gmm.icf(), gmm.x(), gmm.wishartGamma(), gmm.wishartM(),
            alphasDot, meansDot, icfDot);
    bh.consume(t.value());
    bh.consume(t.tangent());
  }
}
