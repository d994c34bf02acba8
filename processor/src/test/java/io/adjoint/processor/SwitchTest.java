package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code switch} on int values, end to end in both modes: statements and expressions, arrow and colon
 * labels, fall-through, {@code default} anywhere, {@code yield}, {@code break} under an if, a switch in a
 * loop, and a switch expression inside a larger expression. Each method is checked at every selector value
 * it distinguishes (and one no label matches), at random points, against central differences and ⟨∇f, v⟩.
 */
class SwitchTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      class S {
        static final int TWO = 2;

        @Differentiable static double colon(double x, double y, int k) {
          double r = 0;
          switch (k) {
            case 0:
              r = x * y;
              break;
            case 1:
              r = Math.sin(x);        // falls through
            case TWO:
              r += y * y;
              break;
            default:
              r = x - y;
            case 4:
              r *= x;
          }
          return r + k;
        }

        @Differentiable static double arrows(double x, double y, int k) {
          double r = x;
          switch (k + 1) {
            case 1, 2 -> r = r * y;
            case 3 -> {
              double t = Math.exp(x);
              r = t * y;
            }
            default -> r += 1;
          }
          return r;
        }

        @Differentiable static double expression(double x, double y, int k) {
          double r = switch (k) {
            case 0 -> x * x;
            case 1, 2 -> y;
            case 3 -> {
              double t = Math.sin(x * y);
              yield t * t;
            }
            default -> 3;
          };
          return r * y;
        }

        @Differentiable static double returned(double x, double y, int k) {
          return switch (k % 3) {
            case 0 -> Math.tanh(x) * y;
            case 1 -> {
              if (x > y) {
                yield x;
              }
              yield y * 2;
            }
            default -> Math.hypot(x, y);
          };
        }

        @Differentiable static double colonYield(double x, double y, int k) {
          double r;
          r = switch (k) {
            case 0:
            case 1:
              double t = x * y;
              yield t + 1;
            default:
              yield x / y;
          };
          return r;
        }

        @Differentiable static double nested(double x, double y, int k) {
          return x * switch (k) { case 0 -> y; case 1 -> x; default -> 2; } + switch (k * 2) { case 2 -> y * y; default -> x; };
        }

        @Differentiable static double breakUnderIf(double x, double y, int k) {
          double r = 1;
          int m = 0;
          switch (k) {
            case 1:
              double s = x * 2;
              if (x > 0.5) {
                r = s;
                break;
              }
              r = y;
            case 2:
              s = y * 3;
              r = r * s;
              m = 1;
              break;
            case 3:
              return x * y * y;
          }
          return r + m * x;
        }

        @Differentiable static double inLoop(double x, double y, int n) {
          double acc = 0;
          for (int i = 0; i < n; i++) {
            switch (i % 3) {
              case 0:
                acc += x * i;
                continue;
              case 1:
                if (acc > 5) {
                  break;
                }
                acc = acc * y;
                break;
              default:
                acc -= Math.sin(acc);
            }
            acc += 0.5 * y;
          }
          return acc;
        }

        @Differentiable static double selectorOfADouble(double x, double y) {
          return switch ((int) Math.floor(x * 2)) {
            case 0 -> y * y;
            case 1 -> x * y;
            default -> x + y;
          };
        }
      }
      """;

  private static EndToEnd s;

  @BeforeAll
  static void compile() throws Exception {
    s = new EndToEnd("S", SOURCE);
  }

  private static void everywhere(String method, int... ks) throws Exception {
    SplittableRandom r = new SplittableRandom(method.hashCode());
    for (int k : ks) {
      for (int i = 0; i < 6; i++) {
        s.check(method, i, r.nextDouble(0.1, 1.5), r.nextDouble(0.1, 1.5), k);
      }
    }
  }

  @Test
  void colonLabelsFallThrough() throws Exception {
    everywhere("colon", 0, 1, 2, 3, 4, 7, -1);
    // case 1 falls through into case TWO; default falls through into case 4
    assertArrayEquals(new double[] {Math.cos(0.5), 2 * 3.0}, s.gradient("colon", 0.5, 3.0, 1));
    assertArrayEquals(new double[] {2 * 0.5 - 3.0, -0.5}, s.gradient("colon", 0.5, 3.0, 9));
  }

  @Test
  void arrowLabels() throws Exception {
    everywhere("arrows", -1, 0, 1, 2, 5);
  }

  @Test
  void switchExpressions() throws Exception {
    everywhere("expression", 0, 1, 2, 3, 4);
    everywhere("returned", 0, 1, 2, 5, -1);
    everywhere("colonYield", 0, 1, 2);
    everywhere("nested", 0, 1, 2);
  }

  @Test
  void breakUnderAnIf() throws Exception {
    everywhere("breakUnderIf", 0, 1, 2, 3);
  }

  @Test
  void switchInALoop() throws Exception {
    everywhere("inLoop", 0, 1, 2, 3, 7);
  }

  @Test
  void selectorComputedFromADouble() throws Exception {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 20; i++) {
      double x = r.nextDouble(0.05, 1.7);
      if (Math.abs(x * 2 - Math.rint(x * 2)) > 0.01) {
        s.check("selectorOfADouble", i, x, r.nextDouble(-1, 1));
      }
    }
  }
}
