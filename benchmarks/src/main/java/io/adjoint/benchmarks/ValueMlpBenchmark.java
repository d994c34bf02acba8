package io.adjoint.benchmarks;

import io.adjoint.Value;
import io.adjoint.samples.walkthrough.Mlp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One training step of a 2-16-16-1 ReLU multilayer perceptron over 64 points with the {@link Value}
 * engine: forward (mean squared error), {@code backward()}, and {@code zeroGrad()} of the
 * parameters (337 per network).
 *
 * <p>Each benchmark declares the number of graph nodes one step creates as its operations per
 * invocation, so JMH's score is <b>ns per node</b> and {@code -prof gc}'s {@code gc.alloc.rate.norm}
 * is <b>bytes per node</b>. Multiply by the node count for a whole step.
 *
 * <ul>
 *   <li>{@link #stepBinaryAdds}: neurons as micrograd writes them, {@code b + w₁x₁ + … + wₙxₙ} in
 *       binary adds: the graph of about 40,000 nodes the 30 ns/node target is stated for;
 *   <li>{@link #stepSumNodes}: the same network as the samples' {@link Mlp} writes it, each neuron's
 *       sum one n-ary {@link Value#sum(Value...)} node: fewer, larger nodes;
 *   <li>{@link #forwardBinaryAdds}: the forward pass of the first alone, to split the cost.
 * </ul>
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ValueMlpBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ValueMlpBenchmark {

  static final int POINTS = 64;
  static final int[] SIZES = {2, 16, 16, 1};

  /**
   * Nodes per step with binary adds. A neuron with n inputs makes n products and n adds, plus a relu
   * in the hidden layers: 16·(2+2+1) + 16·(16+16+1) + 1·(16+16) = 640 per point; the loss adds a
   * difference and a square per point, 63 adds across the points and a final ·(1/64).
   */
  static final int NODES_BINARY_ADDS = POINTS * (640 + 2) + (POINTS - 1) + 1;

  /**
   * Nodes per step with sum nodes: a neuron makes n products and one sum (plus a relu when hidden):
   * 16·(2+1+1) + 16·(16+1+1) + 1·(16+1) = 369 per point; the loss adds 2 per point, one sum and ·(1/64).
   * (The two input leaves per point that {@link Mlp#apply(double...)} makes are not counted.)
   */
  static final int NODES_SUM_NODES = POINTS * (369 + 2) + 1 + 1;

  // Non-final, so that the JIT cannot treat the inputs as constants.
  double[][] xs;
  double[] ys;
  /** For the binary adds: weights[layer][neuron][input], then the bias as the last entry. */
  Value[][][] weights;
  List<Value> binaryParameters;
  /** For the sum nodes: the samples' MLP. */
  Mlp mlp;
  List<Value> mlpParameters;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(2024);
    xs = new double[POINTS][];
    ys = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      double a = random.nextDouble(-1, 1);
      double b = random.nextDouble(-1, 1);
      xs[i] = new double[] {a, b};
      ys[i] = Math.sin(3 * a) * b;
    }
    mlp = new Mlp(random.split(), SIZES);
    mlpParameters = mlp.parameters();
    binaryParameters = new ArrayList<>();
    weights = new Value[SIZES.length - 1][][];
    for (int l = 0; l < weights.length; l++) {
      weights[l] = new Value[SIZES[l + 1]][SIZES[l] + 1];
      for (Value[] neuron : weights[l]) {
        for (int i = 0; i < neuron.length; i++) {
          neuron[i] = new Value(random.nextDouble(-1, 1));
          binaryParameters.add(neuron[i]);
        }
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(NODES_BINARY_ADDS)
  public void stepBinaryAdds(Blackhole bh) {
    step(lossBinaryAdds(), binaryParameters, bh);
  }

  @Benchmark
  @OperationsPerInvocation(NODES_SUM_NODES)
  public void stepSumNodes(Blackhole bh) {
    step(lossSumNodes(), mlpParameters, bh);
  }

  @Benchmark
  @OperationsPerInvocation(NODES_BINARY_ADDS)
  public double forwardBinaryAdds() {
    return lossBinaryAdds().data();
  }

  private static void step(Value loss, List<Value> parameters, Blackhole bh) {
    loss.backward();
    bh.consume(loss.data());
    bh.consume(parameters.get(0).grad());
    for (Value p : parameters) {
      p.zeroGrad();
    }
  }

  Value lossBinaryAdds() {
    Value loss = null;
    for (int i = 0; i < POINTS; i++) {
      double[] x = xs[i];
      // Layer 1 reads the inputs as constants.
      Value[] h = new Value[SIZES[1]];
      for (int j = 0; j < h.length; j++) {
        Value[] w = weights[0][j];
        Value act = w[w.length - 1];
        for (int k = 0; k < x.length; k++) {
          act = act.add(w[k].mul(x[k]));
        }
        h[j] = act.relu();
      }
      for (int l = 1; l < weights.length; l++) {
        Value[] next = new Value[weights[l].length];
        for (int j = 0; j < next.length; j++) {
          Value[] w = weights[l][j];
          Value act = w[w.length - 1];
          for (int k = 0; k < h.length; k++) {
            act = act.add(w[k].mul(h[k]));
          }
          next[j] = l == weights.length - 1 ? act : act.relu();
        }
        h = next;
      }
      Value d = h[0].sub(ys[i]);
      Value sq = d.mul(d);
      loss = loss == null ? sq : loss.add(sq);
    }
    return loss.mul(1.0 / POINTS);
  }

  Value lossSumNodes() {
    Value[] squares = new Value[POINTS];
    for (int i = 0; i < POINTS; i++) {
      Value d = mlp.apply(xs[i])[0].sub(ys[i]);
      squares[i] = d.mul(d);
    }
    return Value.sum(squares).mul(1.0 / POINTS);
  }
}
