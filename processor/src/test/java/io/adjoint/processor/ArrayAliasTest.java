package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read-only second names of arrays ({@code double[] row = m[i];}, {@code double[] a = x;}), end to end in
 * both modes: each use reads the array it names, the gradient flows into that array's entries.
 */
class ArrayAliasTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      class A {
        /** Rows of a parameter matrix, one per iteration, its index changing after it is named. */
        @Differentiable static double rows(double[][] m, double[] v) {
          double s = 0;
          int i = 0;
          while (i < m.length) {
            double[] row = m[i];
            i++;
            for (int j = 0; j < row.length; j++) {
              s += row[j] * v[j] * i;
            }
          }
          return s;
        }

        /** A parameter array and a local one under second names, a name of a name, for-each over one. */
        @Differentiable static double names(double[] x, double y) {
          double[] a = x;
          var b = a;
          double[] local = {y, y * y, Math.sin(y)};
          local[0] = x[0] * y;
          double[] c = local;
          double t = 0;
          for (double e : c) {
            t += e * b[1];
          }
          return t + a[0] * c[2] + b.length;
        }

        /** A row of a local matrix, written before it is named and read after. */
        @Differentiable static double localRow(double x, double y, int k) {
          double[][] m = new double[3][2];
          for (int i = 0; i < 3; i++) {
            m[i][0] = x * i;
            m[i][1] = y + i;
          }
          double[] row = m[k];
          double[] first = m[0];
          return row[0] * row[1] + first[1];
        }
      }
      """;

  private static EndToEnd a;

  @BeforeAll
  static void compile() throws Exception {
    a = new EndToEnd("A", SOURCE);
  }

  @Test
  void rowsOfAParameter() throws Exception {
    SplittableRandom r = new SplittableRandom(5);
    for (int t = 0; t < 10; t++) {
      double[][] m = new double[1 + r.nextInt(3)][3];
      for (double[] row : m) {
        for (int j = 0; j < 3; j++) {
          row[j] = r.nextDouble(-2, 2);
        }
      }
      double[] v = {r.nextDouble(-2, 2), r.nextDouble(-2, 2), r.nextDouble(-2, 2)};
      a.check("rows", t, m, v);
    }
    // ∂/∂m[i][j] = v[j]·(i + 1)
    double[] g = a.gradient("rows", new double[][] {{1, 1, 1}, {1, 1, 1}}, new double[] {1, 2, 3});
    assertArrayEquals(new double[] {1, 2, 3, 2, 4, 6, 3, 3, 3}, g);
  }

  @Test
  void namesOfNames() throws Exception {
    SplittableRandom r = new SplittableRandom(6);
    for (int t = 0; t < 10; t++) {
      a.check("names", t, new double[] {r.nextDouble(-2, 2), r.nextDouble(-2, 2)}, r.nextDouble(-2, 2));
    }
  }

  @Test
  void rowOfALocalMatrix() throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    for (int k = 0; k < 3; k++) {
      a.check("localRow", k, r.nextDouble(-2, 2), r.nextDouble(-2, 2), k);
    }
  }
}
