package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.GradCheck;
import java.lang.reflect.Method;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arrays created inside loops (see {@code lower/LoopArrays}), end to end: {@code new double[3]} filled by
 * an inner loop, {@code {…}} initializers whose entries depend on the iteration, constant and computed
 * indices, compound stores, {@code length}, a second name, in a while loop with a break, in a switch case,
 * and twice differentiated. Each method is checked at random points against central differences and
 * ⟨∇f, v⟩ (see {@link EndToEnd}), the Hessian against differences of the generated gradient.
 */
class LoopArrayTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      class L {
        static final int DIM = 3;

        @Differentiable static double scratch(double[] x, double w) {
          double s = 0;
          for (int i = 0; i + 2 < x.length; i++) {
            double[] tmp = new double[DIM];
            for (int k = 0; k < tmp.length; k++) {
              tmp[k] = x[i + k] * w;
            }
            tmp[1] += Math.sin(tmp[0]);
            s += tmp[0] * tmp[1] - tmp[2] * tmp[2];
          }
          return s;
        }

        @Differentiable static double initializer(double a, double b, double c, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            double[] d = {a - b * i, c, Math.exp(-a * i)};
            s += d[0] * d[1] + d[i % 3];
            a = a * 0.9 + d[2] * 0.1;
            d[0] = s;
            c = c + d[0] * 0.01;
          }
          return s + c;
        }

        @Differentiable static double secondName(double[] p, int n) {
          double e = 0;
          for (int it = 0; it < n; it++) {
            double[] g = {p[0] * p[1], p[1] - p[0] * it};
            double[] h = g;
            for (double v : p) {
              e += v * h[it % h.length];
            }
          }
          return e;
        }

        @Differentiable static double whileLoop(double x, double y) {
          double acc = 1;
          int i = 0;
          while (i < 20) {
            double[] v = new double[2];
            v[i % 2] = acc * x;
            v[(i + 1) % 2] = y;
            if (v[0] > 40) {
              break;
            }
            acc += v[0] * v[1] * 0.1 + 1;
            i++;
          }
          return acc;
        }

        @Differentiable static double inSwitch(double x, double y, int k) {
          double r = 0;
          for (int i = 0; i < 4; i++) {
            switch ((i + k) % 3) {
              case 0:
                double[] q = {x * i, y};
                r += q[0] * q[1];
                break;
              case 1:
                r = r * 0.5 + x;
                break;
              default:
                double[] t = new double[2];
                t[0] = Math.cos(r);
                t[1] += y * t[0];
                r -= t[1];
            }
          }
          return r;
        }

        @Differentiable(order = 2) static double second(double x, double y) {
          double s = 0;
          for (int i = 1; i <= 3; i++) {
            double[] d = {x * i - y, x * y};
            double[] e = new double[2];
            for (int k = 0; k < 2; k++) {
              e[k] = d[k] * d[1 - k];
            }
            s += Math.sin(e[0]) + e[1] * d[0];
          }
          return s;
        }
      }
      """;

  private static EndToEnd s;

  @BeforeAll
  static void compile() throws Exception {
    s = new EndToEnd("L", SOURCE);
  }

  @Test
  void aScratchArrayFilledByAnInnerLoop() throws Exception {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 12; i++) {
      s.check("scratch", i, EndToEnd.vector(r, 2 + i % 5), r.nextDouble(-1.5, 1.5));
    }
  }

  @Test
  void initializersWhoseEntriesChangeEachIteration() throws Exception {
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 12; i++) {
      s.check("initializer", i, r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1), i % 6);
    }
  }

  @Test
  void aSecondNameAndLength() throws Exception {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 8; i++) {
      s.check("secondName", i, EndToEnd.vector(r, 2 + i % 3), i % 4);
    }
  }

  @Test
  void inAWhileLoopAndASwitch() throws Exception {
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < 12; i++) {
      s.check("whileLoop", i, r.nextDouble(0.1, 1.5), r.nextDouble(0.1, 1.5));
      s.check("inSwitch", i, r.nextDouble(-1.5, 1.5), r.nextDouble(-1.5, 1.5), i % 3);
    }
  }

  @Test
  void secondOrder() throws Exception {
    Class<?> g = s.type().getClassLoader().loadClass("p.LGradients");
    Method gradient = g.getDeclaredMethod("second", double.class, double.class);
    Method hessian = g.getDeclaredMethod("secondHessian", double.class, double.class);
    gradient.setAccessible(true);
    hessian.setAccessible(true);
    Function<double[], double[]> grad =
        x -> {
          Object r = EndToEnd.invoke(gradient, x[0], x[1]);
          return new double[] {(double) EndToEnd.part(r, "x"), (double) EndToEnd.part(r, "y")};
        };
    for (double[] x : new double[][] {{0.7, -1.3}, {-0.4, 0.9}}) {
      Object h = EndToEnd.invoke(hessian, x[0], x[1]);
      double[][] claimed = (double[][]) EndToEnd.part(h, "hessian");
      GradCheck.checkHessian(grad, p -> claimed, x).assertPassed();
      assertEquals(s.value("second", x[0], x[1]), (double) EndToEnd.part(h, "value"), 0.0);
    }
  }
}
