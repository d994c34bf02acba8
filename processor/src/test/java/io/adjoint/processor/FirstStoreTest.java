package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Into form stores, rather than adds, the first contribution to an array parameter's entries where
 * one loop provably makes it, and zeroes only what that loop does not store into (see {@code
 * reverse/FirstStores}). Each method is checked end to end ({@link EndToEnd#check}: Into writes exactly
 * the record's partials into an array filled with 7s beforehand, at lengths where the loop misses some
 * entries or runs not at all), and its Into form's code is checked for the stores and the zeroing it
 * should hold, and where it must keep adding into zeros, for that.
 */
class FirstStoreTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      class F {
        @Differentiable static double dot(double[] a, double[] b) {
          double sum = 0;
          for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
          }
          return sum;
        }

        @Differentiable static double chain(double[] x) {
          double sum = 0;
          for (int i = 0; i + 1 < x.length; i++) {
            double a = 1 - x[i];
            double b = x[i + 1] - x[i] * x[i];
            sum += a * a + 100 * b * b;
          }
          return sum;
        }

        @Differentiable static double behindFirst(double[] x, double w) {
          double sum = 0;
          for (int i = 0; i + 1 < x.length; i++) {
            double u = x[i + 1] * w;
            sum += Math.sin(x[i]) * u;
          }
          return sum;
        }

        @Differentiable static double chainFromK(double[] x, int k) {
          double sum = 0;
          int i = k;
          while (i + 1 < x.length) {
            double b = x[i + 1] - x[i] * x[i];
            sum += b * b;
            i++;
          }
          return sum;
        }

        @Differentiable static double fromOne(double[] x) {
          double sum = 0;
          for (int i = 1; i < x.length; i++) {
            sum += x[i] * x[i - 1] - Math.sin(x[i]);
          }
          return sum;
        }

        @Differentiable static double upTo(double[] x, double w, int m) {
          double sum = 0;
          for (int i = 0; i <= m; i++) {
            sum -= w * x[i] * x[i];
          }
          return sum;
        }

        @Differentiable static double fromK(double s, double[] x, double t, double[] y, int k) {
          double sum = s * t;
          int i = k;
          while (i + 2 < x.length) {
            sum += y[i + 2] * x[i] - s * x[i + 2] + t * x[i + 1];
            i++;
          }
          return sum;
        }

        @Differentiable static double touchedAfter(double[] x) {
          double sum = 0;
          for (int i = 0; i < x.length; i++) {
            sum += x[i] * x[i];
          }
          return sum * x[0];
        }

        @Differentiable static double twoLoops(double[] x) {
          double sum = 0;
          for (int i = 0; i < x.length; i++) {
            sum += Math.exp(x[i]);
          }
          for (int i = 0; i < x.length; i++) {
            sum += x[i] * x[i];
          }
          return sum;
        }

        @Differentiable static double branch(double[] x) {
          double sum = 0;
          for (int i = 0; i < x.length; i++) {
            if (x[i] > 0) {
              sum += x[i] * x[i];
            } else {
              sum -= 2 * x[i];
            }
          }
          return sum;
        }

        @Differentiable static double cyclic(double[] a, double[] c) {
          double squares = 0;
          for (int i = 0; i < a.length; i++) {
            squares += a[i] * a[i];
          }
          double ring = 0;
          for (int i = 0; i < c.length; i++) {
            ring += c[i] * Math.sin(c[(i + 1) % c.length]);
          }
          return squares + ring;
        }

        @Differentiable static double rows(double[] w, double[][] x) {
          double sum = 0;
          for (int i = 0; i < x.length; i++) {
            double dot = 0;
            for (int j = 0; j < w.length; j++) {
              dot += w[j] * x[i][j];
            }
            sum += Math.log(1 + Math.exp(-dot));
          }
          return sum;
        }
      }
      """;

  private static EndToEnd s;

  @BeforeAll
  static void compile() throws Exception {
    s = new EndToEnd("F", SOURCE);
  }

  @Test
  void theDotProductStoresBothPartsAndZeroesTheLongerOnesTail() throws Exception {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 12; i++) {
      int n = i % 4;
      s.check("dot", i, EndToEnd.vector(r, n), EndToEnd.vector(r, n + i % 3));
    }
    String into = s.generatedMethod("dotInto");
    assertTrue(into.contains("partials[i1] = sum1Bar * b[i1];"), into);
    assertTrue(into.contains("partials[bAt + i1] = sum1Bar * a[i1];"), into);
    assertTrue(into.contains("Adjoints.zeroOutside(partials, bAt, b.length, 0, a.length);"), into);
    assertFalse(into.contains("Adjoints.zero("), into);
  }

  @Test
  void aChainCarriesTheEntryAheadToTheIterationThatCompletesIt() throws Exception {
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 12; i++) {
      s.check("chain", i, (Object) EndToEnd.vector(r, i % 5));
    }
    String into = s.generatedMethod("chainInto");
    assertTrue(into.contains("Adjoints.zeroOutside(partials, 0, x.length, 1, x.length);"), into);
    assertTrue(into.contains("double xBarCarried = 0.0;"), into);
    // the entry ahead comes first in the body, and the store behind reads the value carried so far
    assertTrue(into.contains("""
              double xBarNext = bBar;
              partials[i1] = xBarCarried - (bBar * (2.0 * x[i1]) + aBar);
              xBarCarried = xBarNext;
        """), into);
    assertTrue(into.contains("""
            if (i1 > 0) {
              partials[i1] = xBarCarried;
            }
        """), into);
  }

  @Test
  void anEntryBehindAddedFirstReadsTheCarriedValueBeforeTheEntryAheadReplacesIt() throws Exception {
    SplittableRandom r = new SplittableRandom(8);
    for (int i = 0; i < 12; i++) {
      s.check("behindFirst", i, EndToEnd.vector(r, i % 5), r.nextDouble(-1, 1));
    }
    String into = s.generatedMethod("behindFirstInto");
    assertTrue(into.contains("partials[i1] = xBarCarried + "), into);
    assertTrue(into.contains("xBarCarried = uBar * w;"), into);
    assertFalse(into.contains("xBarNext"), into);
  }

  @Test
  void aChainFromAnIntParameterStoresWithoutCarrying() throws Exception {
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < 12; i++) {
      s.check("chainFromK", i, EndToEnd.vector(r, i % 5), i % 3);
    }
    String into = s.generatedMethod("chainFromKInto");
    // whether the loop ran is not known after it without the start: entry i1 + 1 is stored, not carried
    assertTrue(into.contains("partials[i1 + 1] = "), into);
    assertFalse(into.contains("Carried"), into);
  }

  @Test
  void aLoopFromOneZeroesTheEntryBeforeIt() throws Exception {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 12; i++) {
      s.check("fromOne", i, (Object) EndToEnd.vector(r, i % 5));
    }
    String into = s.generatedMethod("fromOneInto");
    assertTrue(into.contains("Adjoints.zeroOutside(partials, 0, x.length, 1, x.length);"), into);
  }

  @Test
  void anInclusiveBoundZeroesTheEntriesPastIt() throws Exception {
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < 12; i++) {
      int n = 1 + i % 4;
      s.check("upTo", i, EndToEnd.vector(r, n), r.nextDouble(-1, 1), i % (n + 1) - 1);
    }
    String into = s.generatedMethod("upToInto");
    assertTrue(into.contains("Adjoints.zeroOutside(partials, 0, x.length, 0, m + 1);"), into);
    assertTrue(into.contains("partials[i1] = "), into);
  }

  @Test
  void aWhileLoopFromAnIntParameterBetweenDoubles() throws Exception {
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 16; i++) {
      int n = i % 6;
      s.check("fromK", i, r.nextDouble(-1, 1), EndToEnd.vector(r, n), r.nextDouble(-1, 1), EndToEnd.vector(r, n + 1), i % 3);
    }
    String into = s.generatedMethod("fromKInto");
    // the counter starts from k, read where the loop starts; x is stored at i + 2, subtracted first
    // (-s * x[i + 2]), and y at i + 2, where y's part starts after s, x's part and t
    assertTrue(into.contains("Adjoints.zeroOutside(partials, 1, x.length, i1 + 2, x.length);"), into);
    assertTrue(into.contains("partials[1 + (i1 + 2)] = -(sum1Bar * s);"), into);
    assertTrue(into.contains("Adjoints.zeroOutside(partials, tAt + 2, y.length, i1 + 2, x.length);"), into);
  }

  @Test
  void aPartAlsoTouchedOutsideTheLoopIsZeroedAndAddedInto() throws Exception {
    SplittableRandom r = new SplittableRandom(6);
    for (int i = 0; i < 10; i++) {
      s.check("touchedAfter", i, (Object) EndToEnd.vector(r, 1 + i % 4));
      s.check("twoLoops", i, (Object) EndToEnd.vector(r, i % 4));
      s.check("branch", i, (Object) EndToEnd.vector(r, i % 4));
    }
    for (String name : new String[] {"touchedAfterInto", "twoLoopsInto", "branchInto"}) {
      String into = s.generatedMethod(name);
      assertTrue(into.contains("Adjoints.zero(partials, 0, x.length);"), into);
      assertFalse(into.contains("zeroOutside"), into);
    }
  }

  @Test
  void aMatrixBesideAStoredArray() throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 10; i++) {
      int d = 1 + i % 3;
      double[][] x = new double[i % 4][];
      for (int k = 0; k < x.length; k++) {
        x[k] = EndToEnd.vector(r, d);
      }
      s.check("rows", i, EndToEnd.vector(r, d), x);
    }
  }

  /**
   * An entry of one part at an index that is not a sum of names and constants ({@code cAt + (i1 + 1) %
   * c.length}) rules out that part alone: the other is still stored first.
   */
  @Test
  void anEntryAtAnIndexNotLinearRulesOutItsPartAlone() throws Exception {
    SplittableRandom r = new SplittableRandom(8);
    for (int i = 0; i < 10; i++) {
      s.check("cyclic", i, EndToEnd.vector(r, i % 4), EndToEnd.vector(r, 1 + i % 3));
    }
    String into = s.generatedMethod("cyclicInto");
    assertTrue(into.contains("partials[i1] = "), into);
    assertFalse(into.contains("Adjoints.zero(partials, 0, a.length);"), into);
    assertTrue(into.contains("Adjoints.zero(partials, cAt, c.length);"), into);
  }
}
