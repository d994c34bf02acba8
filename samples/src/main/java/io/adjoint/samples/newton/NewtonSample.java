package io.adjoint.samples.newton;

import io.adjoint.samples.logistic.Rows;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;

/**
 * Minimises the regularised logistic loss {@link Logistic#meanLoss} three ways and prints how many
 * iterations each takes: Newton's method on the generated Hessian ({@code meanLossHessian}), a
 * conjugate-gradient Newton method that needs only Hessian-vector products ({@code
 * meanLossHessianVector}, never forming the Hessian), and gradient descent on the generated gradient
 * ({@code meanLossInto}). Each step is taken with the same backtracking line search. The features are
 * on different scales, as raw measurements are: Newton's method does not notice (its steps are the same
 * in any units), gradient descent does.
 */
public final class NewtonSample {
  private NewtonSample() {}

  static final int ROWS = 1000;
  static final int FEATURES = 5;
  /** The features' units: raw measurements are seldom standardised, and gradient descent feels it. */
  static final double[] FEATURE_SCALES = {1, 2, 5, 0.5, 0.2};
  static final long SEED = 7;
  static final double LAMBDA = 1e-3;
  /**
   * Stop when ‖∇‖ is below this. Much lower and the line search's test of sufficient decrease, 10⁻⁴·step·‖∇‖²,
   * falls below the rounding of the loss itself, and gradient descent stalls.
   */
  static final double TOLERANCE = 1e-6;
  static final int MAX_ITERATIONS = 100_000;

  /**
   * One minimisation: where it stopped and the work it took.
   *
   * @param iterations the steps taken
   * @param work what the steps cost, in generated calls
   * @param loss the loss where it stopped
   * @param gradientNorm ‖∇loss‖ there
   * @param w the weights there
   */
  public record Run(int iterations, String work, double loss, double gradientNorm, double[] w) {}

  /** Newton's method: solve H·d = −∇ (Cholesky) with the full Hessian at every step. */
  public static Run newton(Rows rows, double lambda) {
    double[] w = new double[rows.width()];
    for (int iteration = 0; ; iteration++) {
      LogisticGradients.MeanLossHessian h = LogisticGradients.meanLossHessian(w, rows.x(), rows.y(), lambda);
      if (norm(h.gradient()) < TOLERANCE || iteration == MAX_ITERATIONS) {
        String work = (iteration + 1) + " Hessians";
        return new Run(iteration, work, h.value(), norm(h.gradient()), w);
      }
      double[] direction = solve(h.hessian(), h.gradient());
      lineSearch(rows, lambda, w, h.value(), h.gradient(), direction, 1);
    }
  }

  /**
   * Newton–CG: each step solves H·d = −∇ approximately by conjugate gradients, which touch H only
   * through products H·v, to a relative residual of min(½, √‖∇‖) (so the steps grow as exact as
   * Newton's near the minimum).
   */
  public static Run newtonCg(Rows rows, double lambda) {
    double[] w = new double[rows.width()];
    double[] gradient = new double[w.length];
    int products = 0;
    for (int iteration = 0; ; iteration++) {
      double loss = LogisticGradients.meanLossInto(w, rows.x(), rows.y(), lambda, gradient);
      double norm = norm(gradient);
      if (norm < TOLERANCE || iteration == MAX_ITERATIONS) {
        String work = (iteration + 1) + " gradients, " + products + " Hessian-vector products";
        return new Run(iteration, work, loss, norm, w);
      }
      double[] direction = new double[w.length];
      products += conjugateGradients(rows, lambda, w, gradient, Math.min(0.5, Math.sqrt(norm)), direction);
      lineSearch(rows, lambda, w, loss, gradient, direction, 1);
    }
  }

  /** Gradient descent, each line search starting from twice the last step. */
  public static Run gradientDescent(Rows rows, double lambda) {
    double[] w = new double[rows.width()];
    double[] gradient = new double[w.length];
    double step = 1;
    for (int iteration = 0; ; iteration++) {
      double loss = LogisticGradients.meanLossInto(w, rows.x(), rows.y(), lambda, gradient);
      if (norm(gradient) < TOLERANCE || iteration == MAX_ITERATIONS) {
        return new Run(iteration, (iteration + 1) + " gradients", loss, norm(gradient), w);
      }
      double[] direction = new double[w.length];
      for (int j = 0; j < w.length; j++) {
        direction[j] = -gradient[j];
      }
      step = lineSearch(rows, lambda, w, loss, gradient, direction, 2 * step);
    }
  }

  /**
   * Conjugate gradients for H·d = −g, H the Hessian at {@code w}, from d = 0 until the residual is
   * below {@code relativeTolerance}·‖g‖ (or after as many steps as unknowns). Writes d into {@code
   * direction} and returns the number of Hessian-vector products taken.
   */
  static int conjugateGradients(
      Rows rows, double lambda, double[] w, double[] g, double relativeTolerance, double[] direction) {
    double[] residual = new double[g.length];
    for (int j = 0; j < g.length; j++) {
      residual[j] = -g[j];
    }
    double[] p = residual.clone();
    double residualSquared = dot(residual, residual);
    double target = relativeTolerance * Math.sqrt(residualSquared);
    int products = 0;
    while (Math.sqrt(residualSquared) > target && products < g.length) {
      double[] hp = LogisticGradients.meanLossHessianVector(w, rows.x(), rows.y(), lambda, p);
      products++;
      double alpha = residualSquared / dot(p, hp);
      for (int j = 0; j < g.length; j++) {
        direction[j] += alpha * p[j];
        residual[j] -= alpha * hp[j];
      }
      double next = dot(residual, residual);
      for (int j = 0; j < g.length; j++) {
        p[j] = residual[j] + next / residualSquared * p[j];
      }
      residualSquared = next;
    }
    return products;
  }

  /**
   * Backtracking line search: halves the step from {@code firstStep} until the loss falls by at least
   * 10⁻⁴·step·(∇·d) (Armijo's condition), then moves {@code w} by step·d. Returns the step taken.
   */
  static double lineSearch(
      Rows rows, double lambda, double[] w, double loss, double[] gradient, double[] direction, double firstStep) {
    double slope = dot(gradient, direction);
    double step = firstStep;
    double[] trial = new double[w.length];
    while (true) {
      for (int j = 0; j < w.length; j++) {
        trial[j] = w[j] + step * direction[j];
      }
      if (Logistic.meanLoss(trial, rows.x(), rows.y(), lambda) <= loss + 1e-4 * step * slope || step < 1e-12) {
        System.arraycopy(trial, 0, w, 0, w.length);
        return step;
      }
      step /= 2;
    }
  }

  /** The Newton direction −H⁻¹·g, by Cholesky's factorisation of H. */
  static double[] solve(double[][] hessian, double[] g) {
    double[] d = new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false))
        .getSolver()
        .solve(new ArrayRealVector(g))
        .toArray();
    for (int j = 0; j < d.length; j++) {
      d[j] = -d[j];
    }
    return d;
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += a[j] * b[j];
    }
    return sum;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** The sample's data: {@link Rows} with each feature multiplied by its scale. */
  public static Rows data() {
    Rows rows = Rows.generate(ROWS, FEATURES, SEED);
    double[] trueWeights = rows.trueWeights().clone();
    for (int j = 0; j < FEATURES; j++) {
      for (double[] row : rows.x()) {
        row[j] *= FEATURE_SCALES[j];
      }
      trueWeights[j] /= FEATURE_SCALES[j];
    }
    return new Rows(rows.x(), rows.y(), trueWeights);
  }

  /** The sample: the three methods on one data set, their iterations, work and time. */
  public static void run(PrintStream out) {
    out.println("== Newton's method: logistic regression with the generated Hessian ==");
    Rows rows = data();
    out.printf(
        Locale.ROOT, "%d rows, %d weights (%d features in units of scale %s, and the intercept), ridge λ = %s%n",
        rows.size(), rows.width(), FEATURES, Arrays.toString(FEATURE_SCALES), LAMBDA);
    out.printf(Locale.ROOT, "From w = 0 until ‖∇‖ < %s:%n", TOLERANCE);
    out.println("method                      iterations  final loss      ‖∇‖      time  work");
    newton(rows, LAMBDA); // warms the JIT up; gradient descent runs long enough to warm up by itself
    newtonCg(rows, LAMBDA);
    Run newton = timed(out, "Newton (meanLossHessian)", () -> newton(rows, LAMBDA));
    Run newtonCg = timed(out, "Newton-CG (HessianVector)", () -> newtonCg(rows, LAMBDA));
    Run descent = timed(out, "gradient descent", () -> gradientDescent(rows, LAMBDA));
    out.printf(
        Locale.ROOT, "Largest |w − w(Newton)|: Newton-CG %.1e, gradient descent %.1e%n",
        largestDifference(newtonCg.w(), newton.w()), largestDifference(descent.w(), newton.w()));
  }

  /** Runs {@code method}, timed, and prints the run. */
  private static Run timed(PrintStream out, String name, Supplier<Run> method) {
    long start = System.nanoTime();
    Run run = method.get();
    double millis = (System.nanoTime() - start) / 1e6;
    out.printf(
        Locale.ROOT, "%-27s %10d  %.10f  %7.1e  %6.1f ms  %s%n",
        name, run.iterations(), run.loss(), run.gradientNorm(), millis, run.work());
    return run;
  }

  static double largestDifference(double[] a, double[] b) {
    double largest = 0;
    for (int j = 0; j < a.length; j++) {
      largest = Math.max(largest, Math.abs(a[j] - b[j]));
    }
    return largest;
  }
}
