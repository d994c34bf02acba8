package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code double[][]} parameters whose adjoint the Into and Pullback forms add straight into the flat
 * array (issue 15), with rows of different lengths, so that a row's place is the sum of the earlier
 * rows' lengths: entries read in nested loops, by a second name for a row, in a row passed to a call
 * (of a rectangular matrix: a row copied in a loop has row 0's length),
 * a whole matrix passed to another method, a matrix only measured (nothing flows into it), and beside
 * array and double parameters. A row's start is computed once before the loop over its entries, even
 * where that loop does not run for a row the matrix does not have. Each method is checked at random
 * points against central differences, its Into and Pullback forms against its record (see {@link
 * EndToEnd}).
 */
class MatrixParameterTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      class M {
        @Differentiable static double dot(double[] a, double[] b) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
          }
          return s;
        }

        @Differentiable static double weighted(double[][] m, double[] w) {
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
              s += w[i] * Math.sin(m[i][j]) * m[i][j];
            }
          }
          return s;
        }

        @Differentiable static double rows(double x, double[][] m, double[] w, double[][] q) {
          double s = x * weighted(m, w);
          for (int i = 0; i < q.length; i++) {
            double[] row = q[i];
            s += Math.exp(0.3 * row[row.length - 1]) * dot(q[i], q[i]) - q.length * m[i % m.length][0];
          }
          return s;
        }

        @Differentiable static double someRows(double[][] m, double[] w, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            int length = i < m.length ? m[i].length : 0;
            for (int j = 0; j < length; j++) {
              s += w[j] * Math.sin(m[i][j]) * m[i][j];
            }
          }
          return s;
        }

        @Differentiable static double measured(double[][] m, double[] v, double y) {
          double s = y * y;
          for (int i = 0; i < m.length && i < v.length; i++) {
            s += v[i] * m[i].length;
          }
          return s;
        }
      }
      """;

  private static EndToEnd s;

  @BeforeAll
  static void compile() throws Exception {
    s = new EndToEnd("M", SOURCE);
  }

  /** {@code rows} rows of 1 to 4 entries, of different lengths unless {@code rectangular}. */
  private static double[][] matrix(SplittableRandom r, int rows, boolean rectangular) {
    int length = 1 + r.nextInt(4);
    return IntStream.range(0, rows)
        .mapToObj(i -> r.doubles(rectangular ? length : 1 + (length + i) % 4, -1.2, 1.2).toArray())
        .toArray(double[][]::new);
  }

  @Test
  void raggedAndRectangularMatrices() throws Exception {
    SplittableRandom r = new SplittableRandom(15);
    for (int i = 0; i < 12; i++) {
      boolean rectangular = i % 3 == 0;
      int rows = 1 + i % 4;
      double[] w = r.doubles(rows, -1, 1).toArray();
      s.check("weighted", i, matrix(r, rows, rectangular), w);
      // q's rows are passed to a call: rectangular, as the subset requires of a row copied in a loop
      s.check("rows", i, r.nextDouble(-1, 1), matrix(r, rows, rectangular), w, matrix(r, 1 + i % 3, true));
      s.check("measured", i, matrix(r, rows, rectangular), w, r.nextDouble(-1, 1));
    }
  }

  /**
   * The start of row i, hoisted out of the loop over its entries, is computed for every i up to n, also
   * past the matrix's last row (where the loop does not run) and for a matrix with no rows.
   */
  @Test
  void rowStartsBeforeLoopsThatMayNotRun() throws Exception {
    String into = s.generatedMethod("someRowsInto");
    assertTrue(into.contains("int mRow = Adjoints.rowStart(mRows, m, 0, i1);"), into);
    assertTrue(into.contains("partials[mRow + j"), into);
    SplittableRandom r = new SplittableRandom(16);
    for (int i = 0; i < 8; i++) {
      int rows = i % 4;
      double[] w = r.doubles(5, -1, 1).toArray();
      s.check("someRows", i, matrix(r, rows, i % 2 == 0), w, rows + 1 + i % 3);
    }
  }
}
