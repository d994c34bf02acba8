package io.adjoint.samples.lstm;

import io.adjoint.GradCheck;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Runs ADBench's LSTM objective at ADBench's sizes (2 layers of 14 units, 1,024 characters): its loss,
 * its gradient's time against the objective's, and a check of the gradient against central differences
 * on a small instance.
 */
public final class LstmSample {
  private LstmSample() {}

  public static void run(PrintStream out) {
    out.println("== ADBench's LSTM objective (samples/.../lstm)");
    int layers = 2;
    int size = 14;
    int steps = 1024;
    SplittableRandom random = new SplittableRandom(42);
    LstmInput in = LstmInput.random(layers, size, steps, random);
    double[] main = in.main();
    double[] extra = in.extra();
    double[] state = in.state();
    double[] sequence = in.sequence();
    double[] partials = new double[in.parameterCount()];
    double loss = 0;
    long objectiveNanos = Long.MAX_VALUE;
    long gradientNanos = Long.MAX_VALUE;
    for (int round = 0; round < 30; round++) {
      long start = System.nanoTime();
      loss = Lstm.objective(main, extra, state, sequence, layers, size, steps);
      long middle = System.nanoTime();
      LstmGradients.objectiveInto(main, extra, state, sequence, layers, size, steps, partials);
      long end = System.nanoTime();
      objectiveNanos = Math.min(objectiveNanos, middle - start);
      gradientNanos = Math.min(gradientNanos, end - middle);
    }
    double norm = Math.sqrt(Arrays.stream(partials).map(p -> p * p).sum());
    out.printf(
        Locale.ROOT,
        "l = %d, b = %d, c = %d: loss %.6f, gradient norm %.6f; best of 30: objective %.0f µs, gradient %.0f µs"
            + " (%.2f×; JMH in LstmBenchmark)%n",
        layers, size, steps, loss, norm, objectiveNanos / 1e3, gradientNanos / 1e3,
        (double) gradientNanos / objectiveNanos);
    double[] small = random.doubles(2 * 8 * 3 + 3 * 3, -0.5, 0.5).toArray();
    double[] smallState = random.doubles(2 * 2 * 3, -0.5, 0.5).toArray();
    double[] smallSequence = {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0};
    GradCheck.Report report =
        GradCheck.checkInto(
            p -> Lstm.objective(Arrays.copyOfRange(p, 0, 48), Arrays.copyOfRange(p, 48, 57), smallState, smallSequence, 2, 3, 4),
            (p, g) -> LstmGradients.objectiveInto(
                Arrays.copyOfRange(p, 0, 48), Arrays.copyOfRange(p, 48, 57), smallState, smallSequence, 2, 3, 4, g),
            small);
    out.println("gradient of l = 2, b = 3, c = 4 against central differences: " + report.toString().lines().findFirst().orElse(""));
    out.println();
  }
}
