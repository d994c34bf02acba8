package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Values of loops the reverse sweep computes again instead of keeping on the tape, end to end (see
 * {@code reverse/FilledEntries} and {@code reverse/LoopCounters.advance}): entries of an array a loop
 * filled, read later in the same iteration at another index, and an int that inner loops advance
 * (GMM's column start {@code l}); and doubles a counted loop keeps, written straight into the tape's
 * array (see {@code reverse/ReverseCode}). Each method is checked at random points against central differences,
 * its Into and Pullback forms and ⟨∇f, v⟩ (see {@link EndToEnd}); the near misses, which must keep their
 * values, as well.
 */
class RecomputedLoopValuesTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      class R {
        // GMM's inner loops: centered filled per component, read again in the triangle; l advanced
        @Differentiable(order = 2) static double triangle(double[][] mu, double[][] q, double[][] x) {
          int d = mu[0].length;
          double[] centered = new double[d];
          double[] s = new double[d];
          double total = 0;
          for (int ix = 0; ix < x.length; ix++) {
            double best = 0;
            for (int k = 0; k < mu.length; k++) {
              for (int id = 0; id < d; id++) {
                centered[id] = x[ix][id] - mu[k][id];
                s[id] = q[k][id] * centered[id];
              }
              int l = d;
              for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                  s[j] += q[k][l] * centered[i];
                  l++;
                }
              }
              double norm = 0;
              for (int id = 0; id < d; id++) {
                norm += s[id] * s[id];
              }
              best = Math.max(best, Math.exp(-0.5 * norm) * (l - d + 1));
            }
            total += Math.log(best + 1e-3);
          }
          return total;
        }

        // filled entries read at another index, in the iteration's body and in an inner loop's preheader
        @Differentiable static double shifted(double[] a, double[] b, double w) {
          int n = a.length;
          double[] c = new double[n];
          double total = 0;
          for (int r = 0; r < 3; r++) {
            for (int i = 0; i < n; i++) {
              c[i] = a[i] * w - b[i] * r;
            }
            for (int i = 0; i + 1 < n; i++) {
              double e = c[i + 1];
              total += Math.sin(e * c[i]);
            }
            for (int i = 0; i < n; i++) {
              for (int j = i + 1; j < n; j++) {
                total += a[j] * c[i] * c[i];
              }
            }
          }
          return total;
        }

        // a preheader read at an index past the fill's end when its loop does not run: kept, not recomputed
        @Differentiable static double pastTheEnd(double[] a, double w) {
          int n = a.length;
          double[] c = new double[n];
          double total = 0;
          for (int r = 0; r < 2; r++) {
            for (int i = 0; i < n; i++) {
              c[i] = a[i] * w + r;
            }
            for (int i = 0; i < n; i++) {
              for (int j = i + 1; j < n; j++) {
                total += Math.cos(a[j] * c[i + 1]);
              }
            }
          }
          return total;
        }

        // near misses: a fill under an if, a fill of part of the array, a store after the fill
        @Differentiable static double nearMisses(double[] a, double w, int m) {
          int n = a.length;
          double[] c = new double[n];
          double total = 0;
          for (int r = 0; r < 3; r++) {
            for (int i = 0; i < n; i++) {
              if (a[i] > 0) {
                c[i] = a[i] * w;
              } else {
                c[i] = w - a[i];
              }
            }
            for (int i = 0; i < m && i < n; i++) {
              c[i] = c[i] * r + a[i];
            }
            c[n - 1] = w * w;
            for (int i = 0; i < n; i++) {
              total += Math.sin(c[n - 1 - i] * c[i]);
            }
          }
          return total;
        }

        // ints advanced by inner loops: by 2, downwards, over <= bounds; and one whose inner loop breaks
        @Differentiable static double advances(double[] a, double w) {
          int n = a.length;
          double total = 0;
          for (int r = 0; r < 2; r++) {
            int up = 0;
            int down = 2 * n * n;
            int k = 1;
            for (int i = 0; i < n; i++) {
              for (int j = i; j < n; j++) {
                total += Math.sin(a[j] * w + up * 0.01) * a[(down - 1) % n];
                up += 2;
                down--;
              }
              for (int j = 0; j <= i; j++) {
                total += a[k % n] * a[j] * w;
                k++;
                if (a[j] * w > 2) {
                  break;
                }
              }
            }
          }
          return total;
        }

        // ints advanced in loops: l's loop's iterations' reverses may run in any order, so its reverse runs
        // first first, from l's start; each of m's reads an entry the one before stored, so its reverse runs
        // last first, from m's final value
        @Differentiable static double advancedForwards(double[] a, double[] q, double w) {
          int n = a.length;
          double[] s = new double[n];
          double total = 0;
          for (int r = 0; r < 2; r++) {
            int l = r;
            for (int i = 0; i < n; i++) {
              for (int j = i + 1; j < n; j++) {
                s[j] += q[l % q.length] * a[i] * w;
                l++;
              }
            }
            int m = r + 1;
            for (int i = 0; i < n; i++) {
              for (int j = 0; j < i; j++) {
                s[i] += q[m % q.length] * a[j];
                m++;
              }
              s[i] = Math.sin(s[i] * w) + 0.5 * s[(i + n - 1) % n];
            }
            for (int i = 0; i < n; i++) {
              total += s[i] * s[i];
            }
          }
          return total;
        }

        // a loop whose iterations only accumulate, holding one that keeps doubles in the tape's array: its
        // reverse runs last first, as the values come off the tape in the reverse of their order (run first
        // first, it read another iteration's values: a wrong derivative, before 2026-12-05)
        @Differentiable static double nestedKeeps(double[] a, double w) {
          double total = 1.5;
          for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
              double part = 0;
              for (int j = 0; j < i; j++) {
                part += Math.sin(i * 0.25 + a[j] * w) * a[(i + j) % a.length];
              }
              sum += part;
            }
            total = total * Math.cos(sum) + sum;
          }
          return total;
        }

        // loops counted downwards: their counters computed again from the iteration's number, the first
        // loop's number of iterations from its bounds (its doubles go into the tape's array)
        @Differentiable static double downwards(double[] a, double w) {
          double p = w;
          for (int i = a.length - 1; i >= 0; i--) {
            p = Math.sin(p * a[i]) + p;
          }
          for (int i = a.length; i > 1; i -= 2) {
            p = p * Math.cos(a[i - 1] * p);
          }
          return p;
        }

        // doubles kept in a counted loop go straight into the tape's array; a loop of unknown length, or
        // one holding a loop that keeps doubles too, pushes them
        @Differentiable static double kept(double[] a, double w) {
          double p = w;
          for (int i = 0; i < a.length; i++) {
            p = Math.sin(p * a[i]) + p;
          }
          int steps = 0;
          while (p < 40 && steps < 50) {
            p = p * 1.5 + Math.cos(p);
            steps++;
          }
          for (int i = 0; i < a.length; i++) {
            p = Math.tanh(p) * a[i];
            for (int j = 0; j < i; j++) {
              p = Math.sin(p + a[j]);
            }
          }
          return p;
        }
      }
      """;

  private static EndToEnd s;

  @BeforeAll
  static void compile() throws Exception {
    s = new EndToEnd("R", SOURCE);
  }

  @Test
  void aTriangleLikeGmms() throws Exception {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 10; i++) {
      int d = 1 + i % 4;
      int components = 1 + i % 3;
      s.check("triangle", i, EndToEnd.matrix(r, components, d), EndToEnd.matrix(r, components, d * (d + 1) / 2), EndToEnd.matrix(r, 3, d));
    }
    String into = s.generatedMethod("triangleInto");
    // l's final value is kept once per component, for the statement after the triangle reads it; the
    // triangle's reverse runs first first and computes l in each iteration again from its start
    assertEquals(1, EndToEnd.count(into, "popInt"), into);
    assertEquals(1, EndToEnd.count(into, "int l\\d*Next = l\\d*;"), into);
    assertEquals(1, EndToEnd.count(into, "l\\d*Next = l\\d* \\+ Math.max\\(0, d - j\\d*\\);"), into);
    // centered[i] is computed again in the triangle's reverse
    assertEquals(1, EndToEnd.count(into, "double \\w+ = x\\[ix\\d*\\]\\[i\\d*\\] - mu\\[k\\d*\\]\\[i\\d*\\];"), into);
  }

  @Test
  void filledEntriesReadAtAnotherIndex() throws Exception {
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 10; i++) {
      int n = 1 + i % 5;
      s.check("shifted", i, EndToEnd.vector(r, n), EndToEnd.vector(r, n), r.nextDouble(-1.5, 1.5));
    }
    assertFalse(s.generatedMethod("shiftedInto").contains("popDouble"), s.generatedMethod("shiftedInto"));
  }

  @Test
  void aPreheaderReadPastTheFillsEndIsKept() throws Exception {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 8; i++) {
      s.check("pastTheEnd", i, EndToEnd.vector(r, 1 + i % 4), r.nextDouble(-1.5, 1.5));
    }
  }

  @Test
  void nearMissesKeepTheirValues() throws Exception {
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < 12; i++) {
      s.check("nearMisses", i, EndToEnd.vector(r, 1 + i % 5), r.nextDouble(-1.5, 1.5), i % 4);
    }
  }

  @Test
  void intsAdvancedByInnerLoops() throws Exception {
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 10; i++) {
      s.check("advances", i, EndToEnd.vector(r, 1 + i % 5), r.nextDouble(-1.5, 1.5));
    }
    String into = s.generatedMethod("advancesInto");
    // up and down (counted downwards) are computed again, kept only once per r (their final values); k
    // (whose inner loop breaks) is kept in each iteration
    assertEquals(1, EndToEnd.count(into, "up\\d* = up\\d* - 2 \\* Math.max\\(0, n - j\\d*\\);"), into);
    assertEquals(1, EndToEnd.count(into, "tape.push\\(up"), into);
    assertEquals(1, EndToEnd.count(into, "down\\d* = down\\d* \\+ Math.max\\(0, n - j\\d*\\);"), into);
    assertEquals(1, EndToEnd.count(into, "tape.push\\(down"), into);
    assertEquals(2, EndToEnd.count(into, "tape.push\\(k"), into);
  }

  @Test
  void intsAdvancedInLoopsWhoseReverseMayRunFirstFirst() throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 10; i++) {
      s.check("advancedForwards", i, EndToEnd.vector(r, 1 + i % 5), EndToEnd.vector(r, 1 + i % 3), r.nextDouble(-1.5, 1.5));
    }
    String into = s.generatedMethod("advancedForwardsInto");
    // l: from its start, nothing kept; m: from its final value, kept once per r
    assertEquals(1, EndToEnd.count(into, "l\\d*Next = l\\d* \\+ Math.max\\(0, n - j\\d*\\);"), into);
    assertEquals(0, EndToEnd.count(into, "tape.push\\(l"), into);
    assertEquals(1, EndToEnd.count(into, "m\\d* = m\\d* - Math.max\\(0, i\\w*\\);"), into);
    assertEquals(1, EndToEnd.count(into, "tape.push\\(m"), into);
    // m's start, computed in case its reverse ran first first, is not left declared and unread
    assertEquals(1, EndToEnd.count(into, "int m = r\\d+ \\+ 1;"), into);
  }

  @Test
  void aLoopHoldingOneThatKeepsDoublesRunsLastFirst() throws Exception {
    SplittableRandom r = new SplittableRandom(8);
    for (int i = 0; i < 10; i++) {
      s.check("nestedKeeps", i, EndToEnd.vector(r, 1 + i % 5), r.nextDouble(-1.5, 1.5));
    }
    String into = s.generatedMethod("nestedKeepsInto");
    // the innermost loop reads its doubles back from the tape's array, first first, where each iteration
    // wrote them; the loops holding it run last first
    assertEquals(1, EndToEnd.count(into, "doubles\\d* = tape.doubles\\(0\\);"), into);
    assertEquals(1, EndToEnd.count(into, "int top\\d* = tape.doubleTop\\(\\) - count\\d*;"), into);
    assertEquals(1, EndToEnd.count(into, "for \\(int k\\d* = 1;"), into);
  }

  @Test
  void loopsCountedDownwards() throws Exception {
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < 10; i++) {
      s.check("downwards", i, EndToEnd.vector(r, 1 + i % 5), r.nextDouble(-1.5, 1.5));
    }
    String into = s.generatedMethod("downwardsInto");
    // no counter kept; the first loop's count from its bounds, the second's (by 2) counted
    assertEquals(0, EndToEnd.count(into, "popInt"), into);
    assertEquals(1, EndToEnd.count(into, "tape.doubles\\(2 \\* Math.max\\(0, i \\+ 1\\)\\)"), into);
    assertEquals(1, EndToEnd.count(into, "i\\w* = i\\w* - \\(k\\d* - 1\\);"), into);
    assertEquals(1, EndToEnd.count(into, "i\\w* = i\\w* - 2 \\* \\(k\\d* - 1\\);"), into);
  }

  @Test
  void doublesKeptInCountedLoopsGoStraightIntoTheTapesArray() throws Exception {
    SplittableRandom r = new SplittableRandom(6);
    for (int i = 0; i < 10; i++) {
      s.check("kept", i, EndToEnd.vector(r, 1 + i % 5), r.nextDouble(-1.5, 1.5));
    }
    String into = s.generatedMethod("keptInto");
    // the first loop and the innermost one, forwards and in reverse, and the while loop's reverse (it
    // needs no room to read back)
    assertEquals(5, EndToEnd.count(into, "tape.doubleTop\\(top\\d*\\);"), into);
    // the while loop and the loop holding the innermost one
    assertEquals(2, EndToEnd.count(into, "tape.push\\("), into);
  }
}
