package io.adjoint.samples.ba;

import io.adjoint.samples.ba.BundleAdjustmentGradients.ReprojectionErrorJacobian;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * ADBench's bundle adjustment: the reprojection errors of its inputs and their generated Jacobian, one
 * dense 2 × 15 block per observation (11 camera parameters, 3 point coordinates, the weight), checked
 * against central differences and against the gradient of each output alone, and timed.
 */
public final class BundleAdjustmentSample {
  private BundleAdjustmentSample() {}

  /** The step of the central differences, relative to max(1, |parameter|). */
  static final double STEP = 1e-5;
  /** The timed rounds over ADBench's smallest benchmark input. */
  static final int ROUNDS = 10;

  /** The columns of a block, in ADBench's order. */
  static final String[] COLUMNS = {
    "r1", "r2", "r3", "C1", "C2", "C3", "f", "u0", "v0", "k1", "k2", "X1", "X2", "X3", "w"
  };

  /** The Jacobian block of observation {@code i}: rows u and v, columns as {@link #COLUMNS}. */
  public static double[][] block(BaInput input, int i) {
    return block(
        BundleAdjustmentGradients.reprojectionErrorJacobian(
            input.camera(i), input.point(i), input.weights()[i], input.features()[i]));
  }

  /** The generated Jacobian's three parts side by side: the 2 × 15 block. */
  public static double[][] block(ReprojectionErrorJacobian j) {
    double[][] block = new double[2][COLUMNS.length];
    for (int row = 0; row < 2; row++) {
      System.arraycopy(j.cam()[row], 0, block[row], 0, 11);
      System.arraycopy(j.x()[row], 0, block[row], 11, 3);
      block[row][14] = j.w()[row];
    }
    return block;
  }

  /** The same block from the gradients of the two outputs, each a {@code double} method of its own. */
  public static double[][] blockFromGradients(BaInput input, int i) {
    double[][] block = new double[2][];
    for (int output = 0; output < 2; output++) {
      double[] partials = new double[COLUMNS.length];
      BundleAdjustmentGradients.reprojectionErrorOutputInto(
          input.camera(i), input.point(i), input.weights()[i], input.features()[i], output, partials);
      block[output] = partials;
    }
    return block;
  }

  /** The same block by central differences of {@link BundleAdjustment#reprojectionError}. */
  public static double[][] blockFromDifferences(BaInput input, int i, double step) {
    double[] parameters = new double[COLUMNS.length];
    System.arraycopy(input.camera(i), 0, parameters, 0, 11);
    System.arraycopy(input.point(i), 0, parameters, 11, 3);
    parameters[14] = input.weights()[i];
    double[][] block = new double[2][COLUMNS.length];
    for (int column = 0; column < COLUMNS.length; column++) {
      double h = step * Math.max(1, Math.abs(parameters[column]));
      double[] plus = errorAt(parameters, column, h, input.features()[i]);
      double[] minus = errorAt(parameters, column, -h, input.features()[i]);
      for (int row = 0; row < 2; row++) {
        block[row][column] = (plus[row] - minus[row]) / (2 * h);
      }
    }
    return block;
  }

  /** The reprojection error with parameter {@code column} moved by {@code h}. */
  private static double[] errorAt(double[] parameters, int column, double h, double[] feature) {
    double[] moved = parameters.clone();
    moved[column] += h;
    double[] cam = Arrays.copyOfRange(moved, 0, 11);
    double[] x = Arrays.copyOfRange(moved, 11, 14);
    return BundleAdjustment.reprojectionError(cam, x, moved[14], feature);
  }

  /** The largest |a − b| / max(1, |b|) over two blocks. */
  static double largestError(double[][] a, double[][] b) {
    double largest = 0;
    for (int row = 0; row < a.length; row++) {
      for (int column = 0; column < a[row].length; column++) {
        largest = Math.max(largest, Math.abs(a[row][column] - b[row][column]) / Math.max(1, Math.abs(b[row][column])));
      }
    }
    return largest;
  }

  /** The whole sparse Jacobian, as ADBench asks for it: every observation's block, then d(1 − w²)/dw = −2w. */
  public static double[][][] jacobian(BaInput input, double[] weightErrorDerivatives) {
    double[][][] blocks = new double[input.size()][][];
    for (int i = 0; i < input.size(); i++) {
      blocks[i] = block(input, i);
      weightErrorDerivatives[i] = BundleAdjustmentGradients.weightError(input.weights()[i]).w();
    }
    return blocks;
  }

  /** The objective: every reprojection error (2 per observation), then every weight error. */
  public static double[] objective(BaInput input) {
    double[] errors = new double[3 * input.size()];
    for (int i = 0; i < input.size(); i++) {
      double[] e =
          BundleAdjustment.reprojectionError(input.camera(i), input.point(i), input.weights()[i], input.features()[i]);
      errors[2 * i] = e[0];
      errors[2 * i + 1] = e[1];
      errors[2 * input.size() + i] = BundleAdjustment.weightError(input.weights()[i]);
    }
    return errors;
  }

  /** The sample: the first observation's errors and block, its checks, and the time of the Jacobian. */
  public static void run(PrintStream out) {
    out.println("== Bundle adjustment: ADBench's reprojection error and its generated 2 × 15 Jacobian ==");
    BaInput test = BaInput.resource("test.txt");
    out.printf(
        Locale.ROOT, "test.txt: %d cameras, %d points, %d observations (ADBench repeats one camera, point,"
            + " weight and feature, so every observation is the same)%n",
        test.cameras().length, test.points().length, test.size());
    double[] objective = objective(test);
    out.printf(
        Locale.ROOT, "Observation 0: reprojection error (%.6f, %.6f), weight error %.6f%n",
        objective[0], objective[1], objective[2 * test.size()]);
    double[][] block = block(test, 0);
    double[][] differences = blockFromDifferences(test, 0, STEP);
    out.println("Its Jacobian block (BundleAdjustmentGradients.reprojectionErrorJacobian), by column:");
    out.println("          ∂u              ∂v        central differences, largest relative error");
    for (int column = 0; column < COLUMNS.length; column++) {
      double error = largestError(
          new double[][] {{block[0][column], block[1][column]}},
          new double[][] {{differences[0][column], differences[1][column]}});
      out.printf(
          Locale.ROOT, "  %-3s %14.6f %14.6f   %.1e%n", COLUMNS[column], block[0][column], block[1][column], error);
    }
    double againstDifferences = 0;
    double againstGradients = 0;
    for (int i = 0; i < test.size(); i++) {
      againstDifferences = Math.max(againstDifferences, largestError(block(test, i), blockFromDifferences(test, i, STEP)));
      againstGradients = Math.max(againstGradients, largestError(block(test, i), blockFromGradients(test, i)));
    }
    out.printf(
        Locale.ROOT, "Over all %d observations, largest relative difference from central differences %.1e,"
            + " from the gradients of each output (reprojectionErrorOutput) %.1e%n",
        test.size(), againstDifferences, againstGradients);
    time(BaInput.resource("ba1_n49_m7776_p31843.txt"), out);
  }

  /** Times the objective and the sparse Jacobian on {@code input}: the fastest of several rounds. */
  static void time(BaInput input, PrintStream out) {
    double[] weightErrorDerivatives = new double[input.size()];
    double objectiveNanos = Double.POSITIVE_INFINITY;
    double jacobianNanos = Double.POSITIVE_INFINITY;
    double sink = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long start = System.nanoTime();
      sink += objective(input)[0];
      long middle = System.nanoTime();
      sink += jacobian(input, weightErrorDerivatives)[0][0][0];
      long end = System.nanoTime();
      objectiveNanos = Math.min(objectiveNanos, middle - start);
      jacobianNanos = Math.min(jacobianNanos, end - middle);
    }
    out.printf(
        Locale.ROOT, "ba1_n49_m7776_p31843.txt, %d observations, fastest of %d rounds: objective %.1f ms,"
            + " sparse Jacobian %.1f ms (%.0f ns per block), %.1f objectives per Jacobian%s%n",
        input.size(), ROUNDS, objectiveNanos / 1e6, jacobianNanos / 1e6, jacobianNanos / input.size(),
        jacobianNanos / objectiveNanos, Double.isNaN(sink) ? " (NaN)" : "");
    out.println("  (ADBench's published ratios, in C++: hand-written 6.5-7.4, Tapenade 8.4-8.9, finite differences about 16)");
  }
}
