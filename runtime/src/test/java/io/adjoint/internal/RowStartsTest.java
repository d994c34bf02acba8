package io.adjoint.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Where a matrix's rows start when its entries are laid out row after row: the sum of the lengths of the
 * rows before, from an offset, for rectangular and ragged matrices alike; and some int, never an
 * exception, for a row the matrix does not have, since generated code computes a row's start before a
 * loop that may not run.
 */
class RowStartsTest {
  /** Each row's start, counted entry by entry. */
  private static void assertStarts(double[][] matrix, int offset) {
    int[] starts = Adjoints.rowStarts(matrix, offset);
    int expected = offset;
    for (int i = 0; i < matrix.length; i++) {
      assertEquals(expected, Adjoints.rowStart(starts, matrix, offset, i), "row " + i);
      expected += matrix[i].length;
    }
    assertEquals(expected - offset, Adjoints.size(matrix));
  }

  @Test
  void rectangularRowsStartAtMultiplesOfTheirLength() {
    double[][] matrix = new double[4][3];
    assertNull(Adjoints.rowStarts(matrix, 7), "nothing allocated for a rectangular matrix");
    assertStarts(matrix, 7);
  }

  @Test
  void raggedRowsStartAfterTheRowsBefore() {
    assertStarts(new double[][] {{1, 2}, {}, {3, 4, 5}, {6}}, 5);
    assertStarts(new double[][] {{1, 2, 3}, {4}}, 0);
  }

  @Test
  void aRowTheMatrixDoesNotHaveGivesAnIntAndThrowsNothing() {
    double[][] rectangular = new double[2][3];
    double[][] ragged = {{1}, {2, 3}};
    double[][] empty = new double[0][];
    for (int row : new int[] {-1, 2, 100}) {
      Adjoints.rowStart(Adjoints.rowStarts(rectangular, 4), rectangular, 4, row);
      Adjoints.rowStart(Adjoints.rowStarts(ragged, 4), ragged, 4, row);
      Adjoints.rowStart(Adjoints.rowStarts(empty, 4), empty, 4, row);
    }
    assertEquals(4, Adjoints.rowStart(Adjoints.rowStarts(empty, 4), empty, 4, 0));
  }
}
