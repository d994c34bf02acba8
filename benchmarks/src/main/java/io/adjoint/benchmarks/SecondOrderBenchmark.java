package io.adjoint.benchmarks;

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
 * Second order ({@code @Differentiable(order = 2)}), each form beside what it is compared with, in one
 * run: the Hessian-vector product ({@code fHessianVectorInto}) against the gradient ({@code fInto}), and
 * ADBench's GMM (d = 10, K = 25) too, and the full Hessian ({@code fHessian}) of the neuron and of 2-D Rosenbrock against Hessians written by
 * hand ({@link HandWritten}).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SecondOrderBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SecondOrderBenchmark {
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
  double[] direction1;
  double[] out3 = new double[3];
  double[] outLong;
  double[][] hessian2 = new double[2][2];
  double[][] hessian3 = new double[3][3];
  io.adjoint.samples.gmm.GmmInput gmm;
  double[] gmmPartials;
  double[] gmmAlphasDot;
  double[][] gmmMeansDot;
  double[][] gmmIcfDot;

  @Setup
  public void setUp() {
    long1 = new double[1000];
    direction1 = new double[1000];
    outLong = new double[1000];
    for (int i = 0; i < 1000; i++) {
      long1[i] = Math.sin(i) * 1.5;
      direction1[i] = 1.0 / (1 + i);
    }
    gmm = io.adjoint.samples.gmm.GmmInput.resource("gmm_d10_K25.txt");
    gmmPartials = new double[gmm.parameterCount()];
    gmmAlphasDot = new double[gmm.alphas().length];
    java.util.Arrays.fill(gmmAlphasDot, 0.25);
    gmmMeansDot = new double[gmm.means().length][gmm.means()[0].length];
    gmmIcfDot = new double[gmm.icf().length][gmm.icf()[0].length];
    for (double[] row : gmmMeansDot) {
      java.util.Arrays.fill(row, -0.5);
    }
    for (double[] row : gmmIcfDot) {
      java.util.Arrays.fill(row, 0.125);
    }
  }

  @Benchmark
  public double gmmGradient() {
    return io.adjoint.samples.gmm.GmmGradients.objectiveInto(
        gmm.alphas(), gmm.means(), gmm.icf(), gmm.x(), gmm.wishartGamma(), gmm.wishartM(), gmmPartials);
  }

  @Benchmark
  public double gmmHessianVector() {
    return io.adjoint.samples.gmm.GmmGradients.objectiveHessianVectorInto(
        gmm.alphas(), gmm.means(), gmm.icf(), gmm.x(), gmm.wishartGamma(), gmm.wishartM(),
        gmmAlphasDot, gmmMeansDot, gmmIcfDot, gmmPartials);
  }

  @Benchmark
  public double neuronGradient() {
    return ObjectivesGradients.neuronInto(w1, w2, b, x1, x2, out3);
  }

  @Benchmark
  public double neuronHessianVector() {
    return ObjectivesGradients.neuronHessianVectorInto(w1, w2, b, x1, x2, 1, -1, 0.5, out3);
  }

  @Benchmark
  public void neuronHessian(Blackhole bh) {
    bh.consume(ObjectivesGradients.neuronHessian(w1, w2, b, x1, x2));
  }

  @Benchmark
  public double neuronHessianByHand() {
    return HandWritten.neuronHessian(w1, w2, b, x1, x2, hessian3);
  }

  @Benchmark
  public double rosenbrockGradient() {
    return ObjectivesGradients.rosenbrockInto(x, y, out3);
  }

  @Benchmark
  public double rosenbrockHessianVector() {
    return ObjectivesGradients.rosenbrockHessianVectorInto(x, y, 1, -1, out3);
  }

  @Benchmark
  public void rosenbrockHessian(Blackhole bh) {
    bh.consume(ObjectivesGradients.rosenbrockHessian(x, y));
  }

  @Benchmark
  public double rosenbrockHessianByHand() {
    return HandWritten.rosenbrockHessian(x, y, hessian2);
  }

  @Benchmark
  public double twentyGradient() {
    return ObjectivesGradients.twentyInto(x, y, z, out3);
  }

  @Benchmark
  public double twentyHessianVector() {
    return ObjectivesGradients.twentyHessianVectorInto(x, y, z, 1, -1, 0.5, out3);
  }

  @Benchmark
  public double rosenbrockNGradient() {
    return ObjectivesGradients.rosenbrockNInto(long1, outLong);
  }

  @Benchmark
  public double rosenbrockNHessianVector() {
    return ObjectivesGradients.rosenbrockNHessianVectorInto(long1, direction1, outLong);
  }
}
