package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reverse loops whose iterations may run in any order and that read only doubles their forward
 * iterations kept on the tape run first first, reading each iteration's doubles where that iteration
 * wrote them ({@code doubles[top + (k - 1)]}, {@code top} the first iteration's), as a hand-written
 * gradient walks memory; the others still take them off last first. Each method is checked end to end
 * ({@link EndToEnd}: central differences, the Into and Pullback forms, ⟨∇f, v⟩) and the shape of its
 * Into form asserted.
 */
class TapeReadFirstFirstTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      class T {
        // one double kept per iteration: exp(a[i])
        @Differentiable static double sumOfExps(double[] a) {
          double sum = 0;
          for (int i = 0; i < a.length; i++) {
            sum += Math.exp(a[i]);
          }
          return Math.log(sum);
        }

        // two doubles kept per iteration (the sum is squared, so the loop is taped, not reversed in place)
        @Differentiable static double products(double[] a, double[] w) {
          double sum = 0;
          for (int i = 0; i < a.length; i++) {
            sum += Math.sin(a[i]) * Math.exp(a[i] * w[i % w.length]);
          }
          return sum * sum;
        }

        // GMM's sum of squares inside a component loop, an array filled with sines each component, the total
        // carried (so the outer loop is taped): the inner reverse runs first first, inside the outer one,
        // which runs last first
        @Differentiable static double norms(double[][] m, double[] w) {
          int d = w.length;
          double[] s = new double[d];
          double total = 0;
          for (int k = 0; k < m.length; k++) {
            for (int j = 0; j < d; j++) {
              s[j] = Math.sin(w[j] * m[k][j % m[k].length]);
            }
            double norm = 0;
            for (int j = 0; j < d; j++) {
              norm += s[j] * s[j];
            }
            total = 0.5 * total + Math.exp(-0.5 * norm);
          }
          return total;
        }

        // a recurrence: each iteration's reverse needs the next one's, so it runs last first
        @Differentiable static double recurrence(double[] a, double h0) {
          double h = h0;
          for (int i = 0; i < a.length; i++) {
            h = Math.tanh(h * a[i] + 0.5);
          }
          return h;
        }
      }
      """;

  private static EndToEnd s;

  @BeforeAll
  static void compile() throws Exception {
    s = new EndToEnd("T", SOURCE);
  }

  @Test
  void aSumOfExpsReadsItsTapeFirstFirst() throws Exception {
    SplittableRandom r = new SplittableRandom(21);
    for (int i = 0; i < 10; i++) {
      s.check("sumOfExps", i, EndToEnd.vector(r, 1 + i % 6));
    }
    for (String form : new String[] {"sumOfExpsInto", "sumOfExpsPullback"}) {
      String code = s.generatedMethod(form);
      assertEquals(1, EndToEnd.count(code, "int top\\d* = tape\\.doubleTop\\(\\) - (\\w+);\\n\\s*for \\(int (k\\d*) = 1; \\2 <= \\1; \\2\\+\\+\\)"), code);
      assertEquals(1, EndToEnd.count(code, "= doubles\\d*\\[top\\d* \\+ \\(k\\d* - 1\\)\\];"), code);
      assertEquals(0, EndToEnd.count(code, "top\\d* -= "), code);
    }
  }

  @Test
  void twoDoublesPerIterationAreReadAtTwiceTheCounter() throws Exception {
    SplittableRandom r = new SplittableRandom(22);
    for (int i = 0; i < 10; i++) {
      s.check("products", i, EndToEnd.vector(r, 1 + i % 6), EndToEnd.vector(r, 1 + i % 3));
    }
    String code = s.generatedMethod("productsInto");
    assertEquals(1, EndToEnd.count(code, "int top\\d* = tape\\.doubleTop\\(\\) - 2 \\* \\w+;"), code);
    assertEquals(1, EndToEnd.count(code, "= doubles\\d*\\[top\\d* \\+ 2 \\* \\(k\\d* - 1\\)\\];"), code);
    assertEquals(1, EndToEnd.count(code, "= doubles\\d*\\[top\\d* \\+ 2 \\* \\(k\\d* - 1\\) \\+ 1\\];"), code);
  }

  @Test
  void anInnerSumOfSquaresReadsFirstFirstInsideItsOuterLoop() throws Exception {
    SplittableRandom r = new SplittableRandom(23);
    for (int i = 0; i < 10; i++) {
      s.check("norms", i, EndToEnd.matrix(r, 1 + i % 3, 1 + i % 4), EndToEnd.vector(r, 1 + i % 5));
    }
    String code = s.generatedMethod("normsInto");
    assertEquals(1, EndToEnd.count(code, "int top\\d* = tape\\.doubleTop\\(\\) - \\w+;"), code);
    assertEquals(0, EndToEnd.count(code, "top\\d* -= "), code);
  }

  @Test
  void aRecurrenceStillReadsLastFirst() throws Exception {
    SplittableRandom r = new SplittableRandom(24);
    for (int i = 0; i < 10; i++) {
      s.check("recurrence", i, EndToEnd.vector(r, 1 + i % 6), r.nextDouble() - 0.5);
    }
    String code = s.generatedMethod("recurrenceInto");
    assertEquals(1, EndToEnd.count(code, "top\\d* -= \\d;"), code);
    assertEquals(0, EndToEnd.count(code, "tape\\.doubleTop\\(\\) - "), code);
  }
}
