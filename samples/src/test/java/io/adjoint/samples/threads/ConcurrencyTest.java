package io.adjoint.samples.threads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.adjoint.Value;
import io.adjoint.samples.gmm.GmmGradients;
import io.adjoint.samples.gmm.GmmInput;
import io.adjoint.samples.mlp.PerceptronGradients;
import io.adjoint.samples.mlp.TwoMoons;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Generated gradients share no state (each call keeps its own tape), and separate Value graphs are
 * independent: run from 8 threads at once, every result is bit for bit the single-threaded one.
 */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 40;

  /** One task: a loop-heavy gradient (GMM), a gradient with double[][] weights (MLP), and a Value graph. */
  private static double[] work(int which, GmmInput gmm, double[][][] weights, TwoMoons data) {
    double[] into = new double[gmm.parameterCount()];
    double value =
        GmmGradients.objectiveInto(
            gmm.alphas(), gmm.means(), gmm.icf(), gmm.x(), gmm.wishartGamma(), gmm.wishartM(), into);
    var mlp =
        PerceptronGradients.loss(
            weights[0], weights[1][0], weights[2], weights[3][0], weights[4][0], 0.1, data.x(), data.y());
    Value a = new Value(0.1 * which);
    Value b = new Value(0.7);
    Value e = a.mul(b).add(a.tanh()).mul(b.exp());
    e.backward();
    double[] out = new double[into.length + 5];
    System.arraycopy(into, 0, out, 0, into.length);
    out[into.length] = value;
    out[into.length + 1] = mlp.value();
    out[into.length + 2] = mlp.w1()[0][1] + mlp.w3()[2];
    out[into.length + 3] = a.grad();
    out[into.length + 4] = b.grad();
    return out;
  }

  @Test
  void eightThreadsGetTheSingleThreadedResults() throws Exception {
    GmmInput gmm = GmmInput.resource("gmm_d2_K5.txt");
    SplittableRandom random = new SplittableRandom(11);
    double[][][] weights = {
      matrix(random, 16, 2), {random.doubles(16, -1, 1).toArray()}, matrix(random, 16, 16),
      {random.doubles(16, -1, 1).toArray()}, {random.doubles(16, -1, 1).toArray()}
    };
    TwoMoons data = TwoMoons.generate(64, 0.1, 3);
    double[] before = snapshot(gmm, weights);
    double[][] expected = new double[THREADS][];
    for (int t = 0; t < THREADS; t++) {
      expected[t] = work(t, gmm, weights, data);
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<double[]>> results = new ArrayList<>();
      List<Integer> which = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        for (int t = 0; t < THREADS; t++) {
          int task = t;
          results.add(pool.submit((Callable<double[]>) () -> work(task, gmm, weights, data)));
          which.add(t);
        }
      }
      for (int i = 0; i < results.size(); i++) {
        assertArrayEquals(expected[which.get(i)], results.get(i).get(), "task " + i);
      }
    } finally {
      pool.shutdownNow();
    }
    // and none of the calls wrote into the caller's arrays
    assertArrayEquals(before, snapshot(gmm, weights));
  }

  private static double[] snapshot(GmmInput gmm, double[][][] weights) {
    List<Double> all = new ArrayList<>();
    for (double a : gmm.alphas()) {
      all.add(a);
    }
    for (double[][] m : new double[][][] {gmm.means(), gmm.icf(), gmm.x()}) {
      for (double[] row : m) {
        for (double v : row) {
          all.add(v);
        }
      }
    }
    for (double[][] m : weights) {
      for (double[] row : m) {
        for (double v : row) {
          all.add(v);
        }
      }
    }
    return all.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[][] matrix(SplittableRandom random, int rows, int columns) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = random.doubles(columns, -1, 1).toArray();
    }
    return m;
  }
}
