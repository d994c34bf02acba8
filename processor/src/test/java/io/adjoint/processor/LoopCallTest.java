package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls inside loops of first-order methods (issue 15): inlined where they can be, so that no callee's
 * gradient record is kept on the tape for each iteration, and kept as calls where they cannot be (a
 * recursion, a callee creating arrays, one too large); end to end, each against central differences, the
 * tangent form and the Into and Pullback forms ({@link EndToEnd#check}), and which calls were inlined read
 * from the generated source: a call kept pops its gradient record from the tape in the reverse sweep.
 */
class LoopCallTest {
  /** A callee larger than the inliner takes into a loop ({@code ElectiveCalls.LIMIT}). */
  private static final String BIG_BODY =
      IntStream.range(1, 100).mapToObj(k -> "Math.sin(x * " + k + ".0)").collect(Collectors.joining(" + "));

  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      class L {
        @Differentiable static double sigmoid(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        /** A recurrence: each step reads the last, so the loop is taped. */
        @Differentiable static double recurrent(double[] w, double[] x, double h0) {
          double h = h0;
          for (int i = 0; i < x.length; i++) {
            h = sigmoid(w[i] * h + x[i]);
          }
          return h;
        }

        /** A sum of calls, and a call under an if in the loop. */
        @Differentiable static double gated(double[] w, double[] x) {
          double total = 0;
          for (int i = 0; i < x.length; i++) {
            total += x[i] * sigmoid(w[i] * x[i]);
            if (x[i] > 0) {
              total -= 0.5 * sigmoid(w[i] + 1);
            }
          }
          return total;
        }

        @Differentiable static double softplus(double x) {
          if (x > 20) {
            return x;
          }
          return Math.log1p(Math.exp(x));
        }

        /** A callee with a loop of its own that calls another. */
        @Differentiable static double layer(double[] w, double s) {
          double sum = 0;
          for (int j = 0; j < w.length; j++) {
            sum += softplus(w[j] * s);
          }
          return sum;
        }

        @Differentiable static double stacked(double[] w, double s) {
          double t = s;
          for (int i = 0; i < 3; i++) {
            t = 0.3 * layer(w, t) + Math.sin(t);
          }
          return t;
        }

        /** A callee with a constant table, which moves before the loop. */
        @Differentiable static double poly(double x) {
          double[] c = {0.5, -0.25, 0.125, 1.0 / 3};
          double y = 0;
          for (int k = c.length - 1; k >= 0; k--) {
            y = y * x + c[k];
          }
          return y;
        }

        @Differentiable static double polySum(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += poly(x[i]) * x[(i + 1) % x.length];
          }
          return s;
        }

        @Differentiable static double[] pair(double x) {
          return new double[] {x, 2 * x};
        }

        @Differentiable static double total(double[] v) {
          return v[0] * v[1];
        }

        /** A vector-valued call's result handed to a call in the loop: both inlined, the pair split. */
        @Differentiable static double pairs(double x) {
          double s = 0;
          for (int i = 0; i < 3; i++) {
            s += total(pair(x - i));
          }
          return s;
        }

        /** A callee taking data as a @NoDerivative array: inlined where the argument is data. */
        @Differentiable static double distance(double[] mean, @io.adjoint.NoDerivative double[] points, int at) {
          double sum = 0;
          for (int j = 0; j < mean.length; j++) {
            double d = points[at + j] - mean[j];
            sum += d * d;
          }
          return Math.sqrt(sum);
        }

        @Differentiable static double nearest(double[] mean, @io.adjoint.NoDerivative double[] points) {
          double s = 0;
          for (int i = 0; i + mean.length <= points.length; i += mean.length) {
            s = Math.min(s, 0) + Math.exp(-distance(mean, points, i));
          }
          return s;
        }

        @Differentiable static double rowDistance(double[] mean, @io.adjoint.NoDerivative double[] point) {
          double sum = 0;
          for (int j = 0; j < mean.length; j++) {
            double d = point[j] - mean[j];
            sum += d * d;
          }
          return sum;
        }

        /** Rows of a @NoDerivative matrix passed to a @NoDerivative parameter, in a loop and outside one. */
        @Differentiable static double nearestRows(double[] mean, @io.adjoint.NoDerivative double[][] points) {
          double s = rowDistance(mean, points[0]) * 0.5;
          for (int i = 1; i < points.length; i++) {
            s = Math.min(s, 1) + Math.exp(-rowDistance(mean, points[i]));
          }
          return s;
        }

        /** A recursion: inlined one level, the call it makes to itself stays a call. */
        @Differentiable static double power(double x, int n) {
          if (n == 0) {
            return 1;
          }
          return x * power(x, n - 1);
        }

        @Differentiable static double powers(double x, double y) {
          double s = 0;
          for (int i = 0; i < 4; i++) {
            s = Math.sin(s) + power(x, i) * y;
          }
          return s;
        }

        /**
         * A callee creating an array of a size the loop does not change is inlined: the array is made
         * once, before the loop, and set to zeros in each iteration.
         */
        @Differentiable static double spread(double[] v, double a) {
          double[] d = new double[v.length];
          for (int i = 0; i < v.length; i++) {
            d[i] = v[i] * a - v[0];
          }
          return d[v.length - 1] * d[0] + a;
        }

        @Differentiable static double spreads(double[] v, double a) {
          double s = 0;
          for (int i = 0; i < 3; i++) {
            s = Math.sin(s) + spread(v, a + i);
          }
          return s;
        }

        /** A callee creating an array whose size changes from one iteration to the next stays a call. */
        @Differentiable static double prefix(double[] v, int k) {
          double[] d = new double[k];
          for (int i = 0; i < k; i++) {
            d[i] = v[i] * v[i];
          }
          return d[k - 1] * v[0];
        }

        @Differentiable static double prefixes(double[] v) {
          double s = 0;
          for (int i = 1; i <= v.length; i++) {
            s = Math.sin(s) + prefix(v, i);
          }
          return s;
        }

        /**
         * A callee creating an array of a size that could be negative (v.length − 1) is not made before
         * the loop: where the loop does not run, or the guard does not hold, the method returns normally.
         */
        @Differentiable static double diffsSq(double[] v) {
          double[] d = new double[v.length - 1];
          double s = 0;
          for (int i = 0; i < d.length; i++) {
            d[i] = v[i + 1] - v[i];
            s += d[i] * d[i];
          }
          return s;
        }

        @Differentiable static double guarded(double[] x, int m) {
          double s = 0;
          for (int i = 0; i < m; i++) {
            if (x.length > 1) {
              s += diffsSq(x) * x[0];
            } else {
              s += x[0];
            }
          }
          return s;
        }

        /** A callee too large to copy into the loop stays a call. */
        @Differentiable static double big(double x) {
          return BIG_BODY;
        }

        @Differentiable static double bigs(double x) {
          double s = 0;
          for (int i = 0; i < 3; i++) {
            s += big(x * s + i);
          }
          return s;
        }
      }
      """.replace("BIG_BODY", BIG_BODY);

  private static EndToEnd l;

  @BeforeAll
  static void compile() throws Exception {
    l = new EndToEnd("L", SOURCE);
  }

  private static double[] vector(SplittableRandom r, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble(lo, hi);
    }
    return v;
  }

  /** Whether the generated code keeps the gradient record of {@code callee} on the tape. */
  private static boolean kept(String callee) {
    String record = Character.toUpperCase(callee.charAt(0)) + callee.substring(1) + "Gradient";
    return l.generatedSource().contains("(" + record + ") tape.popObject()");
  }

  @Test
  void inlinedCallsKeepNoRecordOnTheTape() {
    for (String callee : new String[] {"sigmoid", "softplus", "layer", "poly", "total", "distance", "spread"}) {
      assertFalse(kept(callee), callee + " is inlined where it is called in a loop");
    }
  }

  @Test
  void callsThatCannotBeInlinedStayCalls() {
    for (String callee : new String[] {"power", "prefix", "big"}) {
      assertTrue(kept(callee), callee + " stays a call, its record on the tape");
    }
  }

  @Test
  void recurrence() throws Exception {
    SplittableRandom r = new SplittableRandom(1);
    for (int t = 0; t < 20; t++) {
      int n = 1 + r.nextInt(6);
      l.check("recurrent", t, vector(r, n, -2, 2), vector(r, n, -2, 2), r.nextDouble(-1, 1));
    }
  }

  @Test
  void sumWithACallUnderAnIf() throws Exception {
    SplittableRandom r = new SplittableRandom(2);
    for (int t = 0; t < 20; t++) {
      int n = 1 + r.nextInt(6);
      l.check("gated", t, vector(r, n, -2, 2), vector(r, n, -2, 2));
    }
  }

  @Test
  void nestedLoopsThroughTwoCallees() throws Exception {
    SplittableRandom r = new SplittableRandom(3);
    for (int t = 0; t < 20; t++) {
      l.check("stacked", t, vector(r, 1 + r.nextInt(4), -1, 1), r.nextDouble(-1, 1));
    }
  }

  @Test
  void constantTableOfAnInlinedCallee() throws Exception {
    SplittableRandom r = new SplittableRandom(4);
    for (int t = 0; t < 20; t++) {
      l.check("polySum", t, (Object) vector(r, 1 + r.nextInt(5), -2, 2));
    }
  }

  @Test
  void vectorResultHandedToACall() throws Exception {
    SplittableRandom r = new SplittableRandom(5);
    for (int t = 0; t < 20; t++) {
      l.check("pairs", t, r.nextDouble(-3, 3));
    }
  }

  /**
   * {@code points} carries no derivative, which {@link EndToEnd#check} cannot tell from its type: the
   * record's partials with respect to {@code mean} against central differences (the function is smooth
   * away from the points).
   */
  @Test
  void dataForANoDerivativeParameter() throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    for (int t = 0; t < 20; t++) {
      int d = 1 + r.nextInt(3);
      double[] mean = vector(r, d, -2, 2);
      double[] points = vector(r, d * (1 + r.nextInt(4)), -2, 2);
      assertMeanGradient("nearest", mean, points, t);
    }
  }

  /**
   * The gradient of {@code method(mean, data)}, whose data carry no derivative, against central
   * differences: a partial for each entry of {@code mean} only.
   */
  private static void assertMeanGradient(String method, double[] mean, Object data, int t) throws Exception {
    double[] gradient = l.gradient(method, mean, data);
    assertEquals(mean.length, gradient.length, "a partial for each entry of mean only");
    for (int j = 0; j < mean.length; j++) {
      double h = 1e-5;
      double[] up = mean.clone();
      double[] down = mean.clone();
      up[j] += h;
      down[j] -= h;
      double difference = (l.value(method, up, data) - l.value(method, down, data)) / (2 * h);
      assertEquals(difference, gradient[j], 1e-6 * Math.max(1, Math.abs(difference)), "∂/∂mean[" + j + "] at " + t);
    }
  }

  /**
   * Rows of a {@code @NoDerivative} matrix passed to a {@code @NoDerivative} array parameter are data,
   * passed as they are (they were copied into local arrays, which were taken for values depending on
   * the inputs: E225). The gradient with respect to {@code mean} against central differences.
   */
  @Test
  void rowsOfDataForANoDerivativeParameter() throws Exception {
    SplittableRandom r = new SplittableRandom(8);
    for (int t = 0; t < 20; t++) {
      int d = 1 + r.nextInt(3);
      double[] mean = vector(r, d, -1, 1);
      double[][] points = new double[1 + r.nextInt(4)][];
      for (int i = 0; i < points.length; i++) {
        points[i] = vector(r, d, -1, 1);
      }
      assertMeanGradient("nearestRows", mean, points, t);
    }
  }

  /** No iteration, an empty array: the array {@code diffsSq} makes, of length −1, is not made. */
  @Test
  void anArrayOfNegativeSizeIsNotMadeBeforeTheLoop() throws Exception {
    assertEquals(0.0, l.value("guarded", new double[0], 0));
    assertEquals(0, l.gradient("guarded", new double[0], 0).length);
  }

  @Test
  void keptCalls() throws Exception {
    SplittableRandom r = new SplittableRandom(6);
    for (int t = 0; t < 20; t++) {
      l.check("powers", t, r.nextDouble(-2, 2), r.nextDouble(-2, 2));
      l.check("spreads", t, vector(r, 1 + r.nextInt(4), -2, 2), r.nextDouble(-2, 2));
      l.check("prefixes", t, vector(r, 1 + r.nextInt(4), -2, 2));
      l.check("guarded", t, vector(r, 1 + r.nextInt(4), -2, 2), 1 + r.nextInt(3));
      l.check("bigs", t, r.nextDouble(-0.5, 0.5));
    }
  }
}
