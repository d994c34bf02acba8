package io.adjoint.benchmarks;

import io.adjoint.samples.gmm.Gmm;
import io.adjoint.samples.gmm.GmmInput;
import io.adjoint.samples.mlp.Perceptron;
import java.util.function.DoubleSupplier;

/**
 * Gradients of the benchmark objectives by central finite differences, (f(x + h·e_i) − f(x − h·e_i)) /
 * 2h: two evaluations of the objective per parameter, plus one for the value. The step is
 * h = ∛ε·max(1, |x_i|), which balances truncation and rounding error (about 1e-10 relative). Arrays are
 * perturbed in place, one entry at a time, and restored exactly; nothing is allocated per evaluation.
 * Each method returns the value and writes the partials into {@code out} as {@code fInto} does.
 */
public final class FiniteDifferences {
  private FiniteDifferences() {}

  /** ∛ε, ε the spacing of doubles at 1. */
  private static final double CBRT_EPSILON = Math.cbrt(Math.ulp(1.0));

  /** The step for a parameter at {@code x}, rounded so that x ± h are exact. */
  private static double step(double x) {
    double h = CBRT_EPSILON * Math.max(1, Math.abs(x));
    double up = x + h;
    return up - x;
  }

  public static double neuron(double w1, double w2, double b, double x1, double x2, double[] out) {
    double h = step(w1);
    out[0] = (Objectives.neuron(w1 + h, w2, b, x1, x2) - Objectives.neuron(w1 - h, w2, b, x1, x2)) / (2 * h);
    h = step(w2);
    out[1] = (Objectives.neuron(w1, w2 + h, b, x1, x2) - Objectives.neuron(w1, w2 - h, b, x1, x2)) / (2 * h);
    h = step(b);
    out[2] = (Objectives.neuron(w1, w2, b + h, x1, x2) - Objectives.neuron(w1, w2, b - h, x1, x2)) / (2 * h);
    return Objectives.neuron(w1, w2, b, x1, x2);
  }

  public static double rosenbrock(double x, double y, double[] out) {
    double h = step(x);
    out[0] = (Objectives.rosenbrock(x + h, y) - Objectives.rosenbrock(x - h, y)) / (2 * h);
    h = step(y);
    out[1] = (Objectives.rosenbrock(x, y + h) - Objectives.rosenbrock(x, y - h)) / (2 * h);
    return Objectives.rosenbrock(x, y);
  }

  public static double twenty(double x, double y, double z, double[] out) {
    double h = step(x);
    out[0] = (Objectives.twenty(x + h, y, z) - Objectives.twenty(x - h, y, z)) / (2 * h);
    h = step(y);
    out[1] = (Objectives.twenty(x, y + h, z) - Objectives.twenty(x, y - h, z)) / (2 * h);
    h = step(z);
    out[2] = (Objectives.twenty(x, y, z + h) - Objectives.twenty(x, y, z - h)) / (2 * h);
    return Objectives.twenty(x, y, z);
  }

  public static double rosenbrockN(double[] x, double[] out) {
    DoubleSupplier f = () -> Objectives.rosenbrockN(x);
    differentiate(f, x, out, 0);
    return f.getAsDouble();
  }

  public static double dot(double[] a, double[] b, double[] out) {
    DoubleSupplier f = () -> Objectives.dot(a, b);
    differentiate(f, a, out, 0);
    differentiate(f, b, out, a.length);
    return f.getAsDouble();
  }

  /** In ADBench's order: alphas, the rows of means, the rows of icf. */
  public static double gmm(GmmInput in, double[] out) {
    DoubleSupplier f =
        () -> Gmm.objective(in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM());
    int at = differentiate(f, in.alphas(), out, 0);
    at = differentiate(f, in.means(), out, at);
    differentiate(f, in.icf(), out, at);
    return f.getAsDouble();
  }

  /** In {@code lossInto}'s order: w1's rows, b1, w2's rows, b2, w3, b3. */
  public static double mlp(MlpInput in, double[] out) {
    DoubleSupplier f = () -> loss(in, in.b3());
    int at = differentiate(f, in.w1(), out, 0);
    at = differentiate(f, in.b1(), out, at);
    at = differentiate(f, in.w2(), out, at);
    at = differentiate(f, in.b2(), out, at);
    at = differentiate(f, in.w3(), out, at);
    double h = step(in.b3());
    out[at] = (loss(in, in.b3() + h) - loss(in, in.b3() - h)) / (2 * h);
    return f.getAsDouble();
  }

  private static double loss(MlpInput in, double b3) {
    return Perceptron.loss(in.w1(), in.b1(), in.w2(), in.b2(), in.w3(), b3, in.x(), in.y());
  }

  /** Writes ∂f/∂p[i] into out[at + i] for every entry of p; returns the next free position. */
  private static int differentiate(DoubleSupplier f, double[] p, double[] out, int at) {
    for (int i = 0; i < p.length; i++) {
      double saved = p[i];
      double h = step(saved);
      p[i] = saved + h;
      double up = f.getAsDouble();
      p[i] = saved - h;
      double down = f.getAsDouble();
      p[i] = saved;
      out[at + i] = (up - down) / (2 * h);
    }
    return at + p.length;
  }

  private static int differentiate(DoubleSupplier f, double[][] p, double[] out, int at) {
    for (double[] row : p) {
      at = differentiate(f, row, out, at);
    }
    return at;
  }
}
