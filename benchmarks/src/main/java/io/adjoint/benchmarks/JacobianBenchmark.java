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
 * What a Jacobian costs, and what each of its sweeps costs, beside the function, in one run: for each
 * objective of {@link VectorObjectives} and for ADBench's bundle-adjustment reprojection error (one
 * observation, 15 inputs, 2 outputs; {@code samples/.../ba}) the function, one tangent (a forward sweep, one column), one
 * pullback (a reverse sweep, one row), and {@code fJacobian}. The ratio pullback ÷ tangent is what
 * {@code io.adjoint.internal.Jacobians} uses to choose between forward and reverse sweeps.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar JacobianBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class JacobianBenchmark {
  double[] theta = {2.0, 0.7, 0.1};
  double[] thetaDot = {0.3, -0.2, 1.0};
  double[] xs = new double[50];
  double[] ys = new double[50];
  double[] upstream50 = new double[50];
  double[] adjoints = new double[1024];
  double[] w = {0.3, -0.5, 0.7};
  double[] x = {1.1, 0.4, -0.9};
  double[] wDot = {1, 0, 0};
  double[] xDot = {0, 0.5, 0};
  double[] upstream3 = {0.2, -1.0, 0.4};
  double[][] weights = new double[8][16];
  double[][] weightsDot = new double[8][16];
  double[] bias = new double[8];
  double[] biasDot = new double[8];
  double[] input = new double[16];
  double[] upstream8 = new double[8];
  // ADBench's bundle adjustment: one observation's 2 × 15 block
  double[] camera = {0.01, -0.02, 0.03, 0.5, -0.4, -4.0, 520.0, 320.0, 240.0, 1e-3, -2e-4};
  double[] point = {0.3, -0.2, 2.5};
  double weight = 0.8;
  double[] feature = {310.0, 250.0};
  double[] cameraDot = new double[11];
  double[] pointDot = {1, 0, 0};
  double[] upstream2 = {1, 0};

  @Setup
  public void setUp() {
    for (int i = 0; i < xs.length; i++) {
      xs[i] = 0.1 * i;
      ys[i] = 2 * Math.exp(-0.6 * xs[i]) + 0.05 * Math.sin(i);
      upstream50[i] = Math.cos(i);
    }
    for (int i = 0; i < 8; i++) {
      bias[i] = 0.1 * i - 0.3;
      upstream8[i] = 1.0 / (1 + i);
      for (int j = 0; j < 16; j++) {
        weights[i][j] = Math.sin(i * 16 + j) * 0.3;
        weightsDot[i][j] = Math.cos(j);
      }
    }
    for (int j = 0; j < 16; j++) {
      input[j] = Math.cos(j) * 0.7;
    }
  }

  @Benchmark
  public double[] residualsFunction() {
    return VectorObjectives.residuals(theta, xs, ys);
  }

  @Benchmark
  public void residualsTangent(Blackhole bh) {
    bh.consume(VectorObjectivesGradients.residualsTangent(theta, xs, ys, thetaDot));
  }

  @Benchmark
  public double[] residualsPullback() {
    VectorObjectivesGradients.residualsPullback(theta, xs, ys, upstream50, adjoints, 0);
    return adjoints;
  }

  @Benchmark
  public void residualsJacobian(Blackhole bh) {
    bh.consume(VectorObjectivesGradients.residualsJacobian(theta, xs, ys));
  }

  @Benchmark
  public double[] rotateFunction() {
    return io.adjoint.samples.ba.BundleAdjustment.rotate(w, x);
  }

  @Benchmark
  public void rotateTangent(Blackhole bh) {
    bh.consume(io.adjoint.samples.ba.BundleAdjustmentGradients.rotateTangent(w, x, wDot, xDot));
  }

  @Benchmark
  public double[] rotatePullback() {
    io.adjoint.samples.ba.BundleAdjustmentGradients.rotatePullback(w, x, upstream3, adjoints, 0);
    return adjoints;
  }

  @Benchmark
  public void rotateJacobian(Blackhole bh) {
    bh.consume(io.adjoint.samples.ba.BundleAdjustmentGradients.rotateJacobian(w, x));
  }

  @Benchmark
  public double[] baFunction() {
    return io.adjoint.samples.ba.BundleAdjustment.reprojectionError(camera, point, weight, feature);
  }

  @Benchmark
  public void baTangent(Blackhole bh) {
    bh.consume(io.adjoint.samples.ba.BundleAdjustmentGradients.reprojectionErrorTangent(
        camera, point, weight, feature, cameraDot, pointDot, 0.0));
  }

  @Benchmark
  public double[] baPullback() {
    io.adjoint.samples.ba.BundleAdjustmentGradients.reprojectionErrorPullback(
        camera, point, weight, feature, upstream2, adjoints, 0);
    return adjoints;
  }

  @Benchmark
  public void baJacobian(Blackhole bh) {
    bh.consume(io.adjoint.samples.ba.BundleAdjustmentGradients.reprojectionErrorJacobian(camera, point, weight, feature));
  }

  @Benchmark
  public double[] layerFunction() {
    return VectorObjectives.layer(weights, bias, input);
  }

  @Benchmark
  public void layerTangent(Blackhole bh) {
    bh.consume(VectorObjectivesGradients.layerTangent(weights, bias, input, weightsDot, biasDot));
  }

  @Benchmark
  public double[] layerPullback() {
    VectorObjectivesGradients.layerPullback(weights, bias, input, upstream8, adjoints, 0);
    return adjoints;
  }

  @Benchmark
  public void layerJacobian(Blackhole bh) {
    bh.consume(VectorObjectivesGradients.layerJacobian(weights, bias, input));
  }
}
