package io.adjoint.benchmarks;

import io.adjoint.benchmarks.InterleavedBenchmark.Calls;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Gradient ÷ objective, the objective and its gradients called in turn in one JVM and each timed by its
 * best batch: on a machine other work loads, the best batch of each is taken at the quietest moments.
 * A supplement to {@link InterleavedBenchmark}, which times the same calls in turn under JMH and sums
 * them, and {@link Ratios}, which prints its table.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.adjoint.benchmarks.InterleavedRatio
 * gmm_d10_K25 10 40} (objective {@code gmm_<size>}, {@code lstm_<layers>}, {@code logistic} or {@code
 * mlp}, calls per batch, batches). Where a gradient is written by hand (GMM and the logistic loss) it is
 * timed too, and the ratios against it printed.
 */
public final class InterleavedRatio {
  private InterleavedRatio() {}

  private static double nanosPerCall(DoubleSupplier call, int calls) {
    double sink = 0;
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      sink += call.getAsDouble();
    }
    long elapsed = System.nanoTime() - start;
    if (sink == Double.MIN_VALUE) {
      System.out.println(sink); // keeps the calls
    }
    return elapsed / (double) calls;
  }

  public static void main(String[] args) {
    String objective = args[0];
    int calls = Integer.parseInt(args[1]);
    int batches = Integer.parseInt(args[2]);
    Calls timed = InterleavedBenchmark.calls(objective);
    DoubleSupplier[] in = timed.handWritten() == null
        ? new DoubleSupplier[] {timed.function(), timed.generated()}
        : new DoubleSupplier[] {timed.function(), timed.generated(), timed.handWritten()};
    double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    for (int b = 0; b < batches; b++) {
      for (int i = 0; i < in.length; i++) {
        best[i] = Math.min(best[i], nanosPerCall(in[i], calls));
      }
    }
    if (in.length == 2) {
      System.out.printf(Locale.ROOT, "%s: objective %.1f µs, gradient %.1f µs, gradient ÷ objective %.2f%n",
          objective, best[0] / 1e3, best[1] / 1e3, best[1] / best[0]);
    } else {
      System.out.printf(
          Locale.ROOT,
          "%s: objective %.1f µs, generated %.1f µs, hand-written %.1f µs;"
              + " generated ÷ objective %.2f, hand-written ÷ objective %.2f, generated ÷ hand-written %.2f%n",
          objective, best[0] / 1e3, best[1] / 1e3, best[2] / 1e3,
          best[1] / best[0], best[2] / best[0], best[1] / best[2]);
    }
  }
}
