package io.adjoint.samples.java17;

import io.adjoint.Differentiable;

/**
 * A curve in 3-D, as a flat {@code double[]} of points {@code x0, y0, z0, x1, …}, and the energies of
 * a discrete elastic rod written as such code is: each iteration creates small vectors of its own, a
 * segment {@code double[] d = {…}} and a unit tangent {@code new double[3]} filled by an inner loop. The
 * processor splits each of these arrays, fresh every iteration, into one local per entry.
 */
public final class Polyline {
  private static final int DIM = 3;

  private Polyline() {}

  /** The length of the curve through the points {@code p}. */
  @Differentiable
  public static double length(double[] p) {
    double total = 0;
    for (int i = 0; i + 1 < p.length / DIM; i++) {
      double[] d = {p[3 * i + 3] - p[3 * i], p[3 * i + 4] - p[3 * i + 1], p[3 * i + 5] - p[3 * i + 2]};
      total += Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    }
    return total;
  }

  /**
   * The stretching energy of the segments against their rest length {@code rest}, with stiffness {@code
   * k}, plus {@code bend} times the bending energy: one minus the cosine of the angle at each inner point,
   * from the unit tangents of the segments around it.
   */
  @Differentiable
  public static double energy(double[] p, double rest, double k, double bend) {
    int n = p.length / DIM;
    double stretch = 0;
    double bending = 0;
    double[] previous = new double[DIM];
    for (int i = 0; i + 1 < n; i++) {
      double[] tangent = new double[DIM];
      double norm = 0;
      for (int c = 0; c < DIM; c++) {
        tangent[c] = p[DIM * (i + 1) + c] - p[DIM * i + c];
        norm += tangent[c] * tangent[c];
      }
      norm = Math.sqrt(norm);
      stretch += 0.5 * k * (norm - rest) * (norm - rest);
      for (int c = 0; c < tangent.length; c++) {
        tangent[c] /= norm;
      }
      if (i > 0) {
        double cos = tangent[0] * previous[0] + tangent[1] * previous[1] + tangent[2] * previous[2];
        bending += 1 - cos;
      }
      for (int c = 0; c < DIM; c++) {
        previous[c] = tangent[c];
      }
    }
    return stretch + bend * bending;
  }
}
