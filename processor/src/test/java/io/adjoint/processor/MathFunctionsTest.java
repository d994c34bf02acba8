package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code Math} functions added for Java 17 code ({@code fma scalb copySign nextUp nextDown nextAfter
 * IEEEremainder ulp getExponent}), end to end in both modes, and their conventions at the jumps and kinks
 * that {@code Partials} documents. (The random programs use them too.)
 */
class MathFunctionsTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      class M {
        @Differentiable static double fma(double a, double b, double c) { return Math.fma(a, b * b, Math.sin(c)); }
        @Differentiable static double scalb(double x, int n) { return Math.scalb(x * x, n) + StrictMath.scalb(x, -n); }
        @Differentiable static double copySign(double m, double s) { return Math.copySign(m * m * m, s) * s; }
        @Differentiable static double next(double x, double y) {
          return Math.nextUp(x * y) + Math.nextDown(x) * y + Math.nextAfter(x, y) + StrictMath.nextAfter(y, 1.0);
        }
        @Differentiable static double remainder(double a, double b) { return Math.IEEEremainder(a * a, b); }
        @Differentiable static double steps(double x) {
          return Math.ulp(x) * 1e15 + Math.getExponent(x * 3) + x * Math.getExponent(x);
        }
        @Differentiable static double floatResults(double x, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += x * Math.ulp(Math.signum(i + n)) * 1e12 + Math.nextUp(Math.signum(n)) * x;
          }
          return s * Math.ulp(Math.signum(n)) * 1e12 + x * Math.copySign(Math.signum(n), Math.signum(-n));
        }
      }
      """;

  private static EndToEnd m;

  @BeforeAll
  static void compile() throws Exception {
    m = new EndToEnd("M", SOURCE);
  }

  @Test
  void smoothFunctionsAgainstCentralDifferences() throws Exception {
    SplittableRandom r = new SplittableRandom(0x17);
    for (int i = 0; i < 20; i++) {
      double a = r.nextDouble(-3, 3);
      double b = r.nextDouble(-3, 3);
      double c = r.nextDouble(-3, 3);
      m.check("fma", i, a, b, c);
      m.check("scalb", i, a, r.nextInt(-5, 6));
      if (Math.abs(a) > 0.1 && Math.abs(b) > 0.1) {
        m.check("copySign", i, a, b);
      }
      m.check("next", i, a, b);
    }
  }

  @Test
  void remainderBetweenItsJumps() throws Exception {
    SplittableRandom r = new SplittableRandom(0x18);
    for (int i = 0; i < 20; i++) {
      double a = r.nextDouble(-3, 3);
      double b = r.nextDouble(0.5, 2) * (r.nextBoolean() ? 1 : -1);
      double q = a * a / b;
      if (Math.abs(q - Math.floor(q) - 0.5) > 0.05) {
        m.check("remainder", i, a, b);
      }
    }
  }

  @Test
  void piecewiseConstantFunctionsHaveDerivativeZero() throws Exception {
    for (double x : new double[] {0.3, 1.7, -5.5, 1000.25}) {
      m.check("steps", 1, x); // the derivative is getExponent(x), the rest contributes 0
    }
  }

  /**
   * Math.signum of an int is Math.signum(float), a float: Math.ulp of it is the float's ulp (2⁻²³, where
   * the double's is 2⁻⁵²), Math.nextUp the next float. The generated code computes what Java does, in
   * the value and in the derivative (the random programs cast such ints to double, as their Value
   * version computes in doubles).
   */
  @Test
  void floatResultsOfIntArgumentsStayFloats() throws Exception {
    for (int n : new int[] {-2, 1, 3}) {
      double[] grad = m.check("floatResults", n, 0.7, n);
      double floatUlp = Math.ulp(1.0f) * 1e12;
      double perStep = n > 0 ? floatUlp + Math.nextUp(1.0f) : 0.0;
      assertArrayEquals(new double[] {n * perStep * floatUlp - Math.signum(n)}, grad, 1e-9 * floatUlp * floatUlp);
    }
  }

  /** The documented conventions at the jumps and kinks: the slope of the piece, 0 at a kink. */
  @Test
  void conventionsAtJumpsAndKinks() throws Exception {
    // copySign(m³, s)·s: ∂/∂m = 3m²·sign(s)·s, 0 at m = 0; ∂/∂s = copySign(m³, s) (the jump at s = 0 counts 0)
    assertArrayEquals(new double[] {0.0, 0.0}, m.gradient("copySign", 0.0, 2.0));
    assertArrayEquals(new double[] {3 * 4 * -1 * -2, -8.0}, m.gradient("copySign", 2.0, -2.0));
    assertArrayEquals(new double[] {0.0, 8.0}, m.gradient("copySign", 2.0, 0.0));
    // IEEEremainder(a², b) at a tie a²/b = 2.5, rounded to the even n = 2: ∂/∂b = -2
    assertArrayEquals(new double[] {5.0, -2.0}, m.gradient("remainder", 2.5, 2.5));
    // nextAfter(x, y) where x = y returns y: still derivative 1 with respect to the start, 0 to the direction
    assertArrayEquals(new double[] {3.0, 2.0 + Math.nextDown(1.0)}, m.gradient("next", 1.0, 1.0), 1e-15);
    // ulp and getExponent jump at powers of two: derivative 0 there too
    assertArrayEquals(new double[] {1.0}, m.gradient("steps", 2.0));
  }
}
