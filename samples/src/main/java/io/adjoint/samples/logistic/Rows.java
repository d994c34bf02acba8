package io.adjoint.samples.logistic;

import java.util.SplittableRandom;

/**
 * A labelled data set for logistic regression, drawn from a known model: features N(0, 1) then a last
 * feature that is always 1 (the intercept), labels 1 with probability σ(w·x) for the true weights w.
 *
 * @param x the features {@code [n][features + 1]}
 * @param y the labels, 0 or 1
 * @param trueWeights the weights the labels were drawn with, intercept last
 */
public record Rows(double[][] x, double[] y, double[] trueWeights) {

  /** {@code n} rows of {@code features} random features and the intercept, drawn from {@code seed}. */
  public static Rows generate(int n, int features, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[features + 1];
    for (int j = 0; j < w.length; j++) {
      w[j] = random.nextDouble(-1.5, 1.5);
    }
    double[][] x = new double[n][features + 1];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < features; j++) {
        x[i][j] = random.nextGaussian();
      }
      x[i][features] = 1;
      y[i] = random.nextDouble() < LogisticRegression.probability(w, x[i]) ? 1 : 0;
    }
    return new Rows(x, y, w);
  }

  /** The labels as −1 and +1, for {@link LogisticRegression#totalLoss}. */
  public double[] signs() {
    double[] signs = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      signs[i] = 2 * y[i] - 1;
    }
    return signs;
  }

  /** The number of rows. */
  public int size() {
    return x.length;
  }

  /** The number of weights: the features and the intercept. */
  public int width() {
    return trueWeights.length;
  }
}
