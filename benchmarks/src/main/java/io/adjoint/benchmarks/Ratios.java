package io.adjoint.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link InterleavedBenchmark} (one JMH run) and prints issue 15's ratios from its counters:
 * gradient ÷ objective, hand-written ÷ objective and generated ÷ hand-written, each the ratio of the
 * two times summed over all measured iterations, with the range of the forks' own ratios beside it.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.adjoint.benchmarks.Ratios} (all
 * objectives) or with some of {@code gmm_d2_K5 gmm_d10_K25 gmm_d20_K50 logistic lstm_2 lstm_4 mlp dot_1000
 * rosenbrock_100 rosenbrock_1000}, and {@code gmmsummed_<size>}: GMM with {@link
 * HandWrittenGmm#objectiveIntoSummingMeans} as the hand-written gradient.
 */
public final class Ratios {
  private Ratios() {}

  public static void main(String[] args) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder().include(InterleavedBenchmark.class.getName() + ".inTurn$");
    if (args.length > 0) {
      options.param("objective", args);
    }
    List<String> lines = new ArrayList<>();
    lines.add("| objective | gradient ÷ objective | hand-written ÷ objective | generated ÷ hand-written |"
        + " objective per call | forks |");
    lines.add("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (RunResult run : new Runner(options.build()).run()) {
      lines.add(row(run.getParams().getParam("objective"), run.getBenchmarkResults()));
    }
    lines.forEach(System.out::println);
  }

  /** A table row: the ratios of the summed times, and each fork's in brackets. */
  private static String row(String objective, java.util.Collection<BenchmarkResult> forks) {
    double[] total = new double[3];
    long calls = 0;
    List<double[]> perFork = new ArrayList<>();
    for (BenchmarkResult fork : forks) {
      double[] sums = new double[3];
      for (IterationResult iteration : fork.getIterationResults()) {
        Map<String, Result> counters = iteration.getSecondaryResults();
        sums[0] += counters.get("objective").getScore();
        sums[1] += counters.get("generated").getScore();
        sums[2] += counters.get("handWritten").getScore();
        calls += iteration.getMetadata().getMeasuredOps();
      }
      perFork.add(sums);
      for (int i = 0; i < 3; i++) {
        total[i] += sums[i];
      }
    }
    boolean handWritten = total[2] > 0;
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %s | %.1f µs | %d |",
        objective,
        ratio(total, perFork, 1, 0),
        handWritten ? ratio(total, perFork, 2, 0) : "—",
        handWritten ? ratio(total, perFork, 1, 2) : "—",
        total[0] / calls / 1e3,
        perFork.size());
  }

  /** {@code sums[of] ÷ sums[by]} over all forks, and its least and greatest over single forks. */
  private static String ratio(double[] total, List<double[]> perFork, int of, int by) {
    double least = Double.MAX_VALUE;
    double greatest = 0;
    for (double[] sums : perFork) {
      least = Math.min(least, sums[of] / sums[by]);
      greatest = Math.max(greatest, sums[of] / sums[by]);
    }
    return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", total[of] / total[by], least, greatest);
  }
}
