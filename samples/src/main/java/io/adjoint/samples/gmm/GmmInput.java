package io.adjoint.samples.gmm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One ADBench GMM instance: {@code k} components in {@code d} dimensions and {@code n} points, read from
 * ADBench's text format (see {@code adbench-gmm/README.md} among the resources).
 *
 * @param alphas log mixture weights, unnormalised: {@code [k]}
 * @param means component means: {@code [k][d]}
 * @param icf inverse covariance factors in ADBench's layout: {@code [k][d(d+1)/2]}, the log-diagonal
 *     first, then the strict lower triangle column by column
 * @param x the points: {@code [n][d]}
 * @param wishartGamma the Wishart prior's gamma
 * @param wishartM the Wishart prior's m
 */
public record GmmInput(
    double[] alphas,
    double[][] means,
    double[][] icf,
    double[][] x,
    double wishartGamma,
    int wishartM) {

  /** The dimension d. */
  public int d() {
    return means[0].length;
  }

  /** The number of components K. */
  public int k() {
    return alphas.length;
  }

  /** The number of points n. */
  public int n() {
    return x.length;
  }

  /** The number of parameters: K + K·d + K·d(d+1)/2, in ADBench's order (alphas, means, icf). */
  public int parameterCount() {
    return k() + k() * d() + k() * icf[0].length;
  }

  /**
   * Reads one of the bundled files from the class path: {@code test.txt}, {@code gmm_d2_K5.txt},
   * {@code gmm_d10_K25.txt} or {@code gmm_d20_K50.txt}.
   */
  public static GmmInput resource(String name) {
    String path = "/adbench-gmm/" + name;
    try (InputStream in = GmmInput.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + path);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses ADBench's whitespace-separated GMM format. */
  public static GmmInput parse(String text) {
    Tokens in = new Tokens(text.trim().split("\\s+"));
    int d = in.nextInt();
    int k = in.nextInt();
    int n = in.nextInt();
    int icfSize = d * (d + 1) / 2;
    double[] alphas = in.nextDoubles(k);
    double[][] means = new double[k][];
    for (int i = 0; i < k; i++) {
      means[i] = in.nextDoubles(d);
    }
    double[][] icf = new double[k][];
    for (int i = 0; i < k; i++) {
      icf[i] = in.nextDoubles(icfSize);
    }
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = in.nextDoubles(d);
    }
    double gamma = in.nextDouble();
    int m = in.nextInt();
    if (in.hasNext()) {
      throw new IllegalArgumentException("unexpected text after the Wishart parameters: " + in.next());
    }
    return new GmmInput(alphas, means, icf, x, gamma, m);
  }

  /** The parameters as one flat array, in ADBench's gradient order: alphas, means, icf. */
  public double[] flatParameters() {
    double[] all = new double[parameterCount()];
    System.arraycopy(alphas, 0, all, 0, alphas.length);
    int at = alphas.length;
    for (double[][] matrix : new double[][][] {means, icf}) {
      for (double[] row : matrix) {
        System.arraycopy(row, 0, all, at, row.length);
        at += row.length;
      }
    }
    return all;
  }

  /** A copy of this instance whose parameters are {@code flat}, laid out as {@link #flatParameters}. */
  public GmmInput withFlatParameters(double[] flat) {
    if (flat.length != parameterCount()) {
      throw new IllegalArgumentException(flat.length + " values for " + parameterCount() + " parameters");
    }
    double[] a = Arrays.copyOfRange(flat, 0, k());
    int at = k();
    double[][] mu = new double[k()][];
    for (int i = 0; i < k(); i++, at += d()) {
      mu[i] = Arrays.copyOfRange(flat, at, at + d());
    }
    int icfSize = icf[0].length;
    double[][] q = new double[k()][];
    for (int i = 0; i < k(); i++, at += icfSize) {
      q[i] = Arrays.copyOfRange(flat, at, at + icfSize);
    }
    return new GmmInput(a, mu, q, x, wishartGamma, wishartM);
  }

  private static final class Tokens {
    private final String[] tokens;
    private int next;

    Tokens(String[] tokens) {
      this.tokens = tokens;
    }

    boolean hasNext() {
      return next < tokens.length;
    }

    String next() {
      if (!hasNext()) {
        throw new IllegalArgumentException("the file ends early, after " + tokens.length + " numbers");
      }
      return tokens[next++];
    }

    int nextInt() {
      return Integer.parseInt(next());
    }

    double nextDouble() {
      return Double.parseDouble(next());
    }

    double[] nextDoubles(int count) {
      double[] values = new double[count];
      for (int i = 0; i < count; i++) {
        values[i] = nextDouble();
      }
      return values;
    }
  }
}
