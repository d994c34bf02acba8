package io.adjoint.benchmarks;

import java.util.Locale;

/**
 * Gradient ÷ objective of GMM or the LSTM, the two called in turn in one JVM and each timed by its best
 * batch: on a machine other work loads, the best batch of each is taken at the quietest moments, which
 * JMH's averages are not. A supplement to {@link GmmBenchmark} and {@link LstmBenchmark}, not a
 * replacement.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.adjoint.benchmarks.InterleavedRatio
 * gmm_d10_K25 10 40} (objective {@code gmm_<size>}, {@code lstm_<layers>}, {@code logistic} or {@code
 * mlp}, calls per batch, batches).
 * {@code gmmhand_<size>} times three in turn: the objective, the generated gradient and the one written
 * by hand ({@link HandWrittenGmm}), and prints each gradient ÷ objective and generated ÷ hand-written.
 */
public final class InterleavedRatio {
  private InterleavedRatio() {}

  private interface Call {
    double run();
  }

  private static double nanosPerCall(Call call, int calls) {
    double sink = 0;
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      sink += call.run();
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
    if (objective.startsWith("gmmhand_")) {
      gmmHandWritten(objective.substring("gmmhand_".length()), calls, batches);
      return;
    }
    Call function;
    Call gradient;
    if (objective.startsWith("gmm_")) {
      GmmBenchmark gmm = new GmmBenchmark();
      gmm.size = objective.substring("gmm_".length());
      gmm.setUp();
      function = gmm::function;
      gradient = gmm::generatedInto;
    } else if (objective.startsWith("lstm_")) {
      LstmBenchmark lstm = new LstmBenchmark();
      lstm.layers = Integer.parseInt(objective.substring("lstm_".length()));
      lstm.setUp();
      function = lstm::objective;
      gradient = lstm::gradient;
    } else if (objective.equals("logistic")) {
      LogisticBenchmark logistic = new LogisticBenchmark();
      logistic.setUp();
      function = logistic::function;
      gradient = logistic::generatedInto;
    } else if (objective.equals("mlp")) {
      MlpBenchmark mlp = new MlpBenchmark();
      mlp.setUp();
      function = mlp::function;
      gradient = mlp::generatedInto;
    } else {
      throw new IllegalArgumentException("gmm_<size>, lstm_<layers>, logistic or mlp: " + objective);
    }
    double bestFunction = Double.MAX_VALUE;
    double bestGradient = Double.MAX_VALUE;
    for (int b = 0; b < batches; b++) {
      bestFunction = Math.min(bestFunction, nanosPerCall(function, calls));
      bestGradient = Math.min(bestGradient, nanosPerCall(gradient, calls));
    }
    System.out.printf(Locale.ROOT, "%s: objective %.1f µs, gradient %.1f µs, gradient ÷ objective %.2f%n",
        objective, bestFunction / 1e3, bestGradient / 1e3, bestGradient / bestFunction);
  }

  private static void gmmHandWritten(String size, int calls, int batches) {
    GmmBenchmark gmm = new GmmBenchmark();
    gmm.size = size;
    gmm.setUp();
    Call[] timed = {gmm::function, gmm::generatedInto, gmm::handWritten};
    double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    for (int b = 0; b < batches; b++) {
      for (int i = 0; i < timed.length; i++) {
        best[i] = Math.min(best[i], nanosPerCall(timed[i], calls));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "gmm_%s: objective %.1f µs, generated %.1f µs, hand-written %.1f µs;"
            + " generated ÷ objective %.2f, hand-written ÷ objective %.2f, generated ÷ hand-written %.2f%n",
        size, best[0] / 1e3, best[1] / 1e3, best[2] / 1e3,
        best[1] / best[0], best[2] / best[0], best[1] / best[2]);
  }
}
