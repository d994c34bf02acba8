package io.adjoint.processor;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code return} inside loops, end to end in both modes: from a while loop, a for loop with an update, a
 * do loop, a loop nested in another (statements after the inner loop skipped), a {@code while (true)} and
 * a {@code for (;;)} with no return after them, and from a switch case inside a loop.
 */
class ReturnInLoopTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      class R {
        @Differentiable static double firstAbove(double x, double y) {
          double s = 0;
          int i = 0;
          while (i < 10) {
            s += x * i + y;
            if (s > 3) {
              return s * y;
            }
            i++;
          }
          return -s;
        }

        @Differentiable static double nested(double x, double y, int n) {
          double acc = 1;
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
              acc = acc * x + y;
              if (acc > 4 + i) {
                return acc - j;
              }
            }
            acc = acc * 0.5;
          }
          double t = acc * acc;
          return t;
        }

        @Differentiable static double forever(double x, double y) {
          double v = x;
          int k = 0;
          while (true) {
            v = v * 1.5 + y;
            k++;
            if (v > 10 || k > 20) {
              return v / k;
            }
          }
        }

        @Differentiable static double counted(double x, double y) {
          double v = y;
          for (;;) {
            v = v * 1.3 + Math.sin(x);
            do {
              v = v + 0.5 * x;
              if (v > 5) {
                return v * x;
              }
            } while (v < 1);
            if (v < -5) {
              return -v * x;
            }
          }
        }

        @Differentiable static double inSwitch(double x, int n) {
          double s = x;
          for (int i = 0; i < n; i++) {
            switch (i % 3) {
              case 0 -> s = s * x;
              case 1 -> {
                if (s > 2) {
                  return s + i;
                }
              }
              default -> s += 1;
            }
          }
          return s;
        }
      }
      """;

  private static EndToEnd r;

  @BeforeAll
  static void compile() throws Exception {
    r = new EndToEnd("R", SOURCE);
  }

  private static void at(String method, double lo, double hi, Object... more) throws Exception {
    SplittableRandom random = new SplittableRandom(method.hashCode());
    for (int t = 0; t < 25; t++) {
      Object[] args = new Object[2 + more.length];
      args[0] = random.nextDouble(lo, hi);
      args[1] = random.nextDouble(lo, hi);
      System.arraycopy(more, 0, args, 2, more.length);
      if (more.length > 0 && more[0] instanceof Integer && method.equals("inSwitch")) {
        args = new Object[] {args[0], more[0]};
      }
      r.check(method, t, args);
    }
  }

  @Test
  void returnFromAWhileLoop() throws Exception {
    at("firstAbove", -1, 1.5);
  }

  @Test
  void returnFromNestedLoops() throws Exception {
    for (int n = 0; n < 4; n++) {
      at("nested", 0.2, 1.6, n);
    }
  }

  @Test
  void loopsThatEndOnlyByReturning() throws Exception {
    at("forever", -2, 2);
    at("counted", 0.05, 1); // v grows in every iteration: the loop ends
  }

  @Test
  void returnFromASwitchInALoop() throws Exception {
    for (int n = 0; n < 6; n++) {
      at("inSwitch", 0.5, 2, n);
    }
  }
}
