package io.adjoint.processor;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A row of a matrix passed to a call, {@code f(m[i])} (see {@code lower/RowArguments}), end to end:
 * outside loops, in a loop (two rows in one statement, one at a computed index), in nested loops, in an
 * if's condition, to a vector-valued callee and in an order-2 method (both inlined). Each method is
 * checked at random points against central differences and ⟨∇f, v⟩ (see {@link EndToEnd}).
 */
class RowArgumentTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      class R {
        @Differentiable static double dot(double[] a, double[] b) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
          }
          return s;
        }

        @Differentiable static double[] scaled(double[] a, double c) {
          double[] out = new double[a.length];
          for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * c;
          }
          return out;
        }

        @Differentiable static double rows(double[][] m, double[] v) {
          double s = dot(m[0], v);
          for (int i = 0; i < m.length; i++) {
            s += dot(m[i], v) * dot(m[i], m[(i + 1) % m.length]);
          }
          return s;
        }

        @Differentiable static double nested(double[][] m, double[] v, double x) {
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j <= i; j++) {
              double d = Math.sin(dot(m[i], m[j]) * x);
              s += d * d;
            }
            if (dot(m[i], v) > 0) {
              s -= x * dot(m[i], v);
            }
          }
          return s;
        }

        @Differentiable static double vector(double[][] m, double c) {
          double[] first = scaled(m[0], c);
          return dot(first, m[m.length - 1]);
        }

        @Differentiable(order = 2) static double second(double[][] m, double[] v) {
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            s += Math.exp(0.1 * dot(m[i], v));
          }
          return s;
        }
      }
      """;

  private static EndToEnd s;

  @BeforeAll
  static void compile() throws Exception {
    s = new EndToEnd("R", SOURCE);
  }

  private static double[][] matrix(SplittableRandom r, int rows, int columns) {
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int j = 0; j < columns; j++) {
        row[j] = r.nextDouble(-1.2, 1.2);
      }
    }
    return m;
  }

  @Test
  void rowsPassedInAndOutOfLoops() throws Exception {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 10; i++) {
      int rows = 1 + i % 4;
      int columns = 1 + i % 3;
      s.check("rows", i, matrix(r, rows, columns), matrix(r, 1, columns)[0]);
      s.check("nested", i, matrix(r, rows, columns), matrix(r, 1, columns)[0], r.nextDouble(-1, 1));
      s.check("vector", i, matrix(r, rows, columns), r.nextDouble(-2, 2));
      s.check("second", i, matrix(r, rows, columns), matrix(r, 1, columns)[0]);
    }
  }

  /**
   * A row passed to a call in a loop is copied into an array of the first row's length: a row longer or
   * shorter (a ragged matrix, outside the subset) throws rather than giving a value and gradient that are
   * not the method's.
   */
  @Test
  void raggedRowsInALoopThrow() throws Exception {
    for (double[][] ragged : new double[][][] {{{1, 2}, {3, 4, 5}}, {{1, 2, 3}, {4, 5}}}) {
      double[] v = {0.5, -0.5, 0.25};
      double[] shortV = {0.5, -0.5};
      java.lang.reflect.InvocationTargetException thrown = org.junit.jupiter.api.Assertions.assertThrows(
          java.lang.reflect.InvocationTargetException.class,
          () -> s.gradient("nested", ragged, ragged[0].length == 2 ? shortV : v, 0.5));
      org.junit.jupiter.api.Assertions.assertInstanceOf(ArrayIndexOutOfBoundsException.class, thrown.getCause());
    }
  }
}
