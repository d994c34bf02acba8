package io.adjoint.samples.ba;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One ADBench bundle-adjustment instance, read from ADBench's text format and replicated as ADBench's
 * reader does (see {@code adbench-ba/README.md} among the resources).
 *
 * @param cameras the n cameras, 11 parameters each
 * @param points the m points, 3 coordinates each
 * @param weights one weight per observation
 * @param observations per observation, the indices of its camera and its point
 * @param features per observation, the feature (u, v) it should project to
 */
public record BaInput(
    double[][] cameras, double[][] points, double[] weights, int[][] observations, double[][] features) {

  /** The number of observations p. */
  public int size() {
    return observations.length;
  }

  /** The camera of observation {@code i}. */
  public double[] camera(int i) {
    return cameras[observations[i][0]];
  }

  /** The point of observation {@code i}. */
  public double[] point(int i) {
    return points[observations[i][1]];
  }

  /** Reads {@code test.txt} or {@code ba1_n49_m7776_p31843.txt} from the class path. */
  public static BaInput resource(String name) {
    String path = "/adbench-ba/" + name;
    try (InputStream in = BaInput.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + path);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses ADBench's format: {@code n m p}, then one camera, one point, one weight and one feature. */
  public static BaInput parse(String text) {
    double[] numbers = Arrays.stream(text.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    int n = (int) numbers[0];
    int m = (int) numbers[1];
    int p = (int) numbers[2];
    double[] camera = Arrays.copyOfRange(numbers, 3, 14);
    double[] point = Arrays.copyOfRange(numbers, 14, 17);
    double weight = numbers[17];
    double[] feature = Arrays.copyOfRange(numbers, 18, 20);
    double[][] cameras = new double[n][];
    Arrays.setAll(cameras, i -> camera.clone());
    double[][] points = new double[m][];
    Arrays.setAll(points, i -> point.clone());
    double[] weights = new double[p];
    Arrays.fill(weights, weight);
    int[][] observations = new int[p][];
    Arrays.setAll(observations, i -> new int[] {i % n, i % m});
    double[][] features = new double[p][];
    Arrays.setAll(features, i -> feature.clone());
    return new BaInput(cameras, points, weights, observations, features);
  }
}
