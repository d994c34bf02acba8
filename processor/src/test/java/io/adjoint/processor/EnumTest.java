package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.GradCheck;
import java.lang.reflect.Method;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enums as data, end to end: enum parameters and constants passed through like an int, compared with
 * {@code ==} and {@code !=}, {@code ordinal()}, switched on (statements and expressions, arrow and colon
 * labels, fall-through, {@code yield}, an exhaustive switch expression without {@code default}), in a loop,
 * and passed on to other {@code @Differentiable} methods, vector-valued (inlined) and second-order ones
 * too. Each method is checked at every constant, at random points, against central differences and ⟨∇f, v⟩
 * (see {@link EndToEnd}); the Hessian against differences of the generated gradient.
 */
class EnumTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      enum Mode { LINEAR, SQUARE, SINE, OFF }
      class E {
        static final Mode DEFAULT = Mode.SQUARE;

        @Differentiable static double arrows(double x, double y, Mode m) {
          double r = x;
          switch (m) {
            case LINEAR -> r = r * y;
            case SQUARE, SINE -> {
              double t = Math.exp(x);
              r = t * y;
            }
            default -> r += 1;
          }
          return r;
        }

        @Differentiable static double colon(double x, double y, Mode m) {
          double r = 0;
          switch (m) {
            case LINEAR:
              r = x * y;
              break;
            case SQUARE:
              r = Math.sin(x);        // falls through
            case SINE:
              r += y * y;
              break;
            default:
              r = x - y;
          }
          return r;
        }

        @Differentiable static double exhaustive(double x, double y, Mode m) {
          return switch (m) {
            case LINEAR -> x + y;
            case SQUARE -> x * x * y;
            case SINE -> {
              double s = Math.sin(x * y);
              yield s * s;
            }
            case OFF -> 1.0;
          };
        }

        @Differentiable static double assigned(double x, double y, Mode m) {
          double r = switch (m) {
            case LINEAR:
            case SQUARE:
              yield x * y;
            case SINE:
              yield Math.sin(x);
            case OFF:
              yield y;
          };
          return r * r;
        }

        @Differentiable static double compared(double x, double y, Mode m) {
          double r = m == Mode.SINE ? Math.sin(x) : x * y;
          if (m != DEFAULT && m != Mode.OFF) {
            r += y;
          }
          return r * switch (m) { case LINEAR -> 2.0; case OFF -> y; default -> x; } + m.ordinal() * x;
        }

        @Differentiable static double passedOn(double x, double y, Mode m) {
          double acc = 0;
          for (int i = 0; i < 3; i++) {
            acc += exhaustive(x * i, y, m) + compared(y, x, Mode.LINEAR);
          }
          return acc + vector(x, y, m)[0] * second(y, x, m);
        }

        @Differentiable static double inLoop(double x, double y, Mode m, int n) {
          double acc = y;
          for (int i = 0; i < n; i++) {
            switch (m) {
              case LINEAR:
                acc += x * i;
                continue;
              case SINE:
                if (acc > 2) {
                  break;
                }
                acc = Math.sin(acc * x);
              case SQUARE:
                acc = acc * acc * 0.5;
                break;
              default:
                acc -= x;
            }
            acc += m == Mode.OFF ? y : 0.25 * y;
          }
          return acc;
        }

        @Differentiable static double[] vector(double x, double y, Mode m) {
          return new double[] {exhaustive(x, y, m), m == Mode.OFF ? x : y * x};
        }

        @Differentiable(order = 2) static double second(double x, double y, Mode m) {
          return switch (m) {
            case LINEAR -> x * y * y;
            case SINE -> Math.sin(x * y);
            default -> exhaustive(x, y, m) + x;
          };
        }
      }
      """;

  private static EndToEnd s;
  private static Object[] modes;

  @BeforeAll
  static void compile() throws Exception {
    s = new EndToEnd("E", SOURCE);
    modes = s.type().getClassLoader().loadClass("p.Mode").getEnumConstants();
  }

  private static void everywhere(String method, Object... more) throws Exception {
    SplittableRandom r = new SplittableRandom(method.hashCode());
    for (Object mode : modes) {
      for (int i = 0; i < 6; i++) {
        Object[] args = new Object[3 + more.length];
        args[0] = r.nextDouble(0.1, 1.5);
        args[1] = r.nextDouble(0.1, 1.5);
        args[2] = mode;
        System.arraycopy(more, 0, args, 3, more.length);
        s.check(method, i, args);
      }
    }
  }

  @Test
  void switchStatements() throws Exception {
    everywhere("arrows");
    everywhere("colon");
    // SQUARE falls through into SINE
    assertArrayEquals(new double[] {Math.cos(0.5), 2 * 3.0, }, s.gradient("colon", 0.5, 3.0, modes[1]));
  }

  @Test
  void switchExpressions() throws Exception {
    everywhere("exhaustive");
    everywhere("assigned");
    assertArrayEquals(new double[] {0, 0}, s.gradient("exhaustive", 0.5, 3.0, modes[3]));
  }

  @Test
  void comparedAndOrdinal() throws Exception {
    everywhere("compared");
  }

  @Test
  void passedOnToOtherMethods() throws Exception {
    everywhere("passedOn");
  }

  @Test
  void inALoop() throws Exception {
    everywhere("inLoop", 0);
    everywhere("inLoop", 5);
  }

  /** Overloads that differ only in the enum a parameter is of get forms that differ too: no clash (E109). */
  @Test
  void overloadsOnTwoEnums() throws Exception {
    EndToEnd e =
        new EndToEnd(
            "O",
            """
            package p;
            import io.adjoint.Differentiable;
            class O {
              enum Color { RED, GREEN }
              enum Size { SMALL, LARGE }

              @Differentiable static double f(double x, Color c) {
                return c == Color.RED ? x * x : x;
              }

              @Differentiable static double f(double x, Size s) {
                return s == Size.SMALL ? 2 * x : Math.sin(x);
              }
            }
            """);
    Class<?> color = e.type().getClassLoader().loadClass("p.O$Color");
    Class<?> gradients = e.type().getClassLoader().loadClass("p.OGradients");
    Method f = gradients.getDeclaredMethod("f", double.class, color);
    f.setAccessible(true);
    assertEquals(3.0, (double) EndToEnd.part(EndToEnd.invoke(f, 1.5, color.getEnumConstants()[0]), "x"), 0.0);
  }

  @Test
  void secondOrder() throws Exception {
    Class<?> g = s.type().getClassLoader().loadClass("p.EGradients");
    Class<?> mode = modes[0].getClass();
    Method gradient = g.getDeclaredMethod("second", double.class, double.class, mode);
    Method hessian = g.getDeclaredMethod("secondHessian", double.class, double.class, mode);
    gradient.setAccessible(true);
    hessian.setAccessible(true);
    for (Object m : modes) {
      Function<double[], double[]> grad =
          x -> {
            Object r = EndToEnd.invoke(gradient, x[0], x[1], m);
            return new double[] {(double) EndToEnd.part(r, "x"), (double) EndToEnd.part(r, "y")};
          };
      double[] x = {0.7, -1.3};
      double[][] claimed = (double[][]) EndToEnd.part(EndToEnd.invoke(hessian, x[0], x[1], m), "hessian");
      GradCheck.checkHessian(grad, p -> claimed, x).assertPassed();
      assertEquals(s.value("second", x[0], x[1], m), (double) EndToEnd.part(EndToEnd.invoke(hessian, x[0], x[1], m), "value"), 0.0);
    }
  }
}
