package io.adjoint.samples.curvefit;

import java.util.SplittableRandom;

/**
 * Temperatures of a cooling cup of coffee, drawn from {@link Decay#model} with known parameters plus
 * Gaussian noise.
 *
 * @param ts the times, in minutes
 * @param ys the temperatures read, in °C
 * @param trueTheta the parameters {@code [A, k, c]} the readings were drawn from
 * @param noise the standard deviation of the noise, in °C
 */
public record Readings(double[] ts, double[] ys, double[] trueTheta, double noise) {

  /** {@code n} readings every {@code step} minutes from t = 0, with noise of deviation {@code noise}. */
  public static Readings generate(int n, double step, double[] trueTheta, double noise, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] ts = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = i * step;
    }
    double[] ys = Decay.model(trueTheta, ts);
    for (int i = 0; i < n; i++) {
      ys[i] += noise * random.nextGaussian();
    }
    return new Readings(ts, ys, trueTheta.clone(), noise);
  }

  /** The number of readings. */
  public int size() {
    return ts.length;
  }
}
