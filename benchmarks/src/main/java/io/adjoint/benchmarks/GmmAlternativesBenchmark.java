package io.adjoint.benchmarks;

import io.adjoint.benchmarks.ForwardMode.Kind;
import io.adjoint.samples.gmm.GmmInput;
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

/**
 * The GMM gradient by the methods whose cost grows with the number of parameters p (30, 1,650 and
 * 11,550 for the three inputs): central differences evaluate the objective 2p + 1 times, and forward
 * mode carries p partials (dense) or a map of them (sparse) through every operation. By default only
 * the smallest input; at d = 10, K = 25 finite differences take seconds per gradient
 * ({@code -p size=d10_K25}), and d = 20, K = 50 would take minutes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class GmmAlternativesBenchmark {
  /** d and K of ADBench's file {@code gmm_<size>.txt}. */
  @Param({"d2_K5"})
  String size;

  GmmInput in;
  double[] out;
  Kind<DerivativeStructure> ds;
  Kind<SparseGradient> sg;

  @Setup
  public void setUp() {
    in = GmmInput.resource("gmm_" + size + ".txt");
    out = new double[in.parameterCount()];
    ds = ForwardMode.derivativeStructure(in.parameterCount());
    sg = ForwardMode.sparseGradient(in.parameterCount());
  }

  @Benchmark
  public double finiteDifferences() {
    return FiniteDifferences.gmm(in, out);
  }

  @Benchmark
  public double derivativeStructure() {
    return ForwardMode.gmm(ds, in, out);
  }

  @Benchmark
  public double sparseGradient() {
    return ForwardMode.gmm(sg, in, out);
  }
}
