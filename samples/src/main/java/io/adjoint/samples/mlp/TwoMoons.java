package io.adjoint.samples.mlp;

import java.util.SplittableRandom;

/**
 * The two-moons data set, as scikit-learn's {@code make_moons} draws it: class 0 on the upper half
 * circle (cos t, sin t), class 1 on the shifted lower one (1 − cos t, ½ − sin t), t uniform in [0, π],
 * plus Gaussian noise. Labels alternate 0, 1, 0, …, so the classes are balanced.
 *
 * @param x the points {@code [n][2]}
 * @param y their labels, 0 or 1
 */
public record TwoMoons(double[][] x, double[] y) {

  /** {@code n} points with noise of standard deviation {@code noise}, drawn from {@code seed}. */
  public static TwoMoons generate(int n, double noise, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[n][2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double t = random.nextDouble(0, Math.PI);
      int label = i % 2;
      double px = label == 0 ? Math.cos(t) : 1 - Math.cos(t);
      double py = label == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
      x[i][0] = px + noise * random.nextGaussian();
      x[i][1] = py + noise * random.nextGaussian();
      y[i] = label;
    }
    return new TwoMoons(x, y);
  }

  /** The number of points. */
  public int size() {
    return x.length;
  }
}
