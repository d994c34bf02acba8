package io.adjoint.processor;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call to a {@code @Differentiable} method in a loop's condition, end to end in both modes: in a while
 * loop, a for loop's condition (with a continue, which runs the update), a do-while loop, and nested.
 */
class LoopConditionCallTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      class L {
        @Differentiable static double energy(double x, double y) {
          return x * x + 0.5 * y * y;
        }

        @Differentiable static double halve(double x, double y) {
          int n = 0;
          while (energy(x, y) > 0.1 && n < 50) {
            x = x * 0.7 + 0.01 * y;
            y = Math.sin(y) * 0.8;
            n++;
          }
          return x + 2 * y + n;
        }

        @Differentiable static double counted(double x, double y) {
          double s = 0;
          for (int i = 0; i < 20 && energy(s, y) < 9; i++) {
            if (i % 3 == 1) {
              continue;
            }
            s += x * Math.cos(i * y);
          }
          return s;
        }

        @Differentiable static double doLoop(double x, double y) {
          double v = x;
          int k = 0;
          do {
            v = v * 1.5 + y;
            k++;
          } while (energy(v, y) < 4 && k < 30);
          return v * k;
        }

        @Differentiable static double nested(double x, double y) {
          double t = 0;
          for (int i = 0; i < 3; i++) {
            double u = x;
            while (energy(u, t) < 2 + i) {
              u = u + 0.3 * y;
            }
            t += u;
          }
          return t;
        }
      }
      """;

  private static EndToEnd l;

  @BeforeAll
  static void compile() throws Exception {
    l = new EndToEnd("L", SOURCE);
  }

  private static void at(String method, double lo, double hi) throws Exception {
    SplittableRandom r = new SplittableRandom(method.hashCode());
    for (int t = 0; t < 25; t++) {
      l.check(method, t, r.nextDouble(lo, hi), r.nextDouble(lo, hi));
    }
  }

  @Test
  void whileLoop() throws Exception {
    at("halve", -2, 2);
  }

  @Test
  void forLoopWithContinue() throws Exception {
    at("counted", -1, 1);
  }

  @Test
  void doLoop() throws Exception {
    at("doLoop", 0.1, 1);
  }

  @Test
  void nestedLoops() throws Exception {
    at("nested", 0.1, 1);
  }
}
