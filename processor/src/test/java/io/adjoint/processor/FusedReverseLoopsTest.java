package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adjacent reverse loops run as one, adjoint entries kept in locals, and adjoint arrays filled by storing
 * (see {@code reverse/SiblingLoops} and {@code reverse/RefilledAdjoints}), end to end: each method is
 * checked at random points against central differences, its Into and Pullback forms and ⟨∇f, v⟩ (see
 * {@link EndToEnd}), and the shape of its Into form asserted; the methods whose loops must stay apart as
 * well.
 */
class FusedReverseLoopsTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      class F {
        // GMM's component: centered filled, Q·centered through a triangle, its squared norm
        @Differentiable static double component(double[] mu, double[] qDiag, double[] lower, double[][] x) {
          int d = mu.length;
          double[] centered = new double[d];
          double[] s = new double[d];
          double total = 0;
          for (int ix = 0; ix < x.length; ix++) {
            for (int id = 0; id < d; id++) {
              centered[id] = x[ix][id] - mu[id];
              s[id] = qDiag[id] * centered[id];
            }
            int l = 0;
            for (int i = 0; i < d; i++) {
              for (int j = i + 1; j < d; j++) {
                s[j] += lower[l] * centered[i];
                l++;
              }
            }
            double norm = 0;
            for (int id = 0; id < d; id++) {
              norm += s[id] * s[id];
            }
            total += Math.exp(-0.5 * norm);
          }
          return total;
        }

        // the triangle the other way: column i adds centered[j] for j < i, whose adjoint an earlier
        // iteration of the fill's reverse would already have read and reset
        @Differentiable static double before(double[] mu, double[] w, double[][] x) {
          int d = mu.length;
          double[] centered = new double[d];
          double[] s = new double[d];
          double total = 0;
          for (int ix = 0; ix < x.length; ix++) {
            for (int id = 0; id < d; id++) {
              centered[id] = x[ix][id] - mu[id];
              s[id] = w[id] * centered[id];
            }
            for (int i = 0; i < d; i++) {
              for (int j = 0; j < i; j++) {
                s[i] += w[j] * centered[j];
              }
            }
            double norm = 0;
            for (int id = 0; id < d; id++) {
              norm += s[id] * s[id];
            }
            total += Math.exp(-0.5 * norm);
          }
          return total;
        }

        // two fills of the same length, the second reading what the first stored at the next entry
        @Differentiable static double shifted(double[] a, double[] w) {
          int n = a.length;
          double[] u = new double[n];
          double[] v = new double[n];
          double total = 0;
          for (int r = 0; r < 2; r++) {
            for (int i = 0; i < n; i++) {
              u[i] = Math.sin(a[i] * w[i]);
            }
            for (int i = 0; i < n; i++) {
              v[i] = u[i] * u[(i + 1) % n];
            }
            for (int i = 0; i < n; i++) {
              total += v[i] * w[i];
            }
          }
          return total;
        }
      }
      """;

  private static EndToEnd s;

  @BeforeAll
  static void compile() throws Exception {
    s = new EndToEnd("F", SOURCE);
  }

  @Test
  void gmmsComponentReversesItsColumnsAndFillInOneLoop() throws Exception {
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 12; i++) {
      int d = 1 + i % 5;
      s.check("component", i, EndToEnd.vector(r, d), EndToEnd.vector(r, d), EndToEnd.vector(r, d * (d - 1) / 2),
          EndToEnd.matrix(r, 1 + i % 3, d));
    }
    for (String form : new String[] {"componentInto", "componentPullback"}) {
      String code = s.generatedMethod(form);
      assertEquals(1, EndToEnd.count(code, "// adjoint of line \\d+, fused with the loop above: for \\(int id = 0; id < d; id\\+\\+\\)"), code);
      // centered's adjoint entry a local of the fused iteration, the array gone
      assertEquals(1, EndToEnd.count(code, "double centeredBarEntry = 0\\.0;"), code);
      assertEquals(0, EndToEnd.count(code, "centeredBar\\["), code);
      // s's adjoint stored by the sum of squares' reverse, read by the fused loop, never reset
      assertEquals(1, EndToEnd.count(code, "\\bsBar\\[id\\w*\\] = \\w+;"), code);
      assertEquals(0, EndToEnd.count(code, "\\bsBar\\[\\w+\\] \\+= "), code);
      assertEquals(0, EndToEnd.count(code, "\\bsBar\\[\\w+\\] = 0\\.0;"), code);
      // centered[i], computed again by both halves of the fused loop, computed once there
      String fused = code.substring(code.indexOf("for (int k"));
      assertEquals(1, EndToEnd.count(fused, "double \\w+ = x\\[ix\\d+\\]\\[\\w+\\] - mu\\[\\w+\\];"), code);
      assertEquals(1, EndToEnd.count(fused, "\\bid\\w* = i\\d*;"), code);
    }
  }

  @Test
  void columnsReadingTheFillBeforeTheirPositionStayApart() throws Exception {
    SplittableRandom r = new SplittableRandom(12);
    for (int i = 0; i < 12; i++) {
      int d = 1 + i % 5;
      s.check("before", i, EndToEnd.vector(r, d), EndToEnd.vector(r, d), EndToEnd.matrix(r, 1 + i % 3, d));
    }
    String into = s.generatedMethod("beforeInto");
    // the columns' reverse adds into centeredBar before its position: the fill's reverse stays a loop of its
    // own, and centeredBar an array (the sum of squares' reverse, which stores sBar at the position the
    // columns read, runs with the columns)
    assertEquals(0, EndToEnd.count(into, "fused with the loop above: for \\(int id = 0; id < d; id\\+\\+\\)"), into);
    assertEquals(0, EndToEnd.count(into, "centeredBarEntry"), into);
    assertEquals(1, EndToEnd.count(into, "fused with the loop above: for \\(int i = 0; i < d; i\\+\\+\\)"), into);
  }

  @Test
  void aFillReadAtAnotherEntryKeepsItsReset() throws Exception {
    SplittableRandom r = new SplittableRandom(13);
    for (int i = 0; i < 10; i++) {
      int n = 1 + i % 5;
      s.check("shifted", i, EndToEnd.vector(r, n), EndToEnd.vector(r, n));
    }
  }
}
