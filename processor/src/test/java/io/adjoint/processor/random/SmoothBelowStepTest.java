package io.adjoint.processor.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link DifferentialCheck#smoothBelowStep}, the one reason besides noise, kinks and non-finite values to
 * skip a point whose derivative disagrees with central differences: on smooth functions it says smooth,
 * so that a wrong derivative still fails; on the chaotic loop a random program held (seed
 * 0x7a11c0de's 4,000 programs, {@code R1.m240}), it says not smooth.
 */
class SmoothBelowStepTest {
  /** Richardson's central difference of {@code f} at {@code x}, as {@link DifferentialCheck#richardson}. */
  private static double richardson(DoubleUnaryOperator f, double x, double h) {
    double d1 = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / ((x + h) - (x - h));
    double d2 = (f.applyAsDouble(x + 2 * h) - f.applyAsDouble(x - 2 * h)) / ((x + 2 * h) - (x - 2 * h));
    return (4 * d1 - d2) / 3;
  }

  private static boolean smooth(DoubleUnaryOperator f, double x) throws Throwable {
    double step = 1e-5 * Math.max(1.0, Math.abs(x));
    double d = richardson(f, x, step);
    return DifferentialCheck.smoothBelowStep(f.applyAsDouble(x), d, step, h -> richardson(f, x, h));
  }

  /**
   * {@code m240}'s loop with {@code K0 = 1}: x ← p + 57.3·x − 2^cos(57.3·x²), four times, then
   * exp(atan(x)·x/(1 + x²)). Its tangent in p grows to 5·10¹⁵ in x; its derivative is -29.0 (below).
   */
  private static double chaotic(double p) {
    double k = Math.toDegrees(1);
    double x = 1.4975021966674635;
    for (int i = 0; i < 4; i++) {
      double t1 = k * -x;
      x = p - t1 - StrictMath.pow(2., Math.cos(t1 * x));
    }
    return Math.pow(Math.exp(x / (1.0 + x * x)), Math.atan(x));
  }

  /** The derivative of {@link #chaotic}, by a forward sweep written by hand. */
  private static double chaoticDerivative(double p) {
    double k = Math.toDegrees(1);
    double x = 1.4975021966674635;
    double dx = 0;
    for (int i = 0; i < 4; i++) {
      double t1 = k * -x;
      double dt1 = -k * dx;
      double c = Math.cos(t1 * x);
      double dc = -Math.sin(t1 * x) * (dt1 * x + t1 * dx);
      double power = StrictMath.pow(2., c);
      x = p - t1 - power;
      dx = 1 - dt1 - power * Math.log(2) * dc;
    }
    double g = x / (1 + x * x);
    double dg = dx * (1 - x * x) / ((1 + x * x) * (1 + x * x));
    double a = Math.atan(x);
    double da = dx / (1 + x * x);
    return Math.exp(g * a) * (dg * a + g * da);
  }

  @Test
  void smoothFunctionsAreSmooth() throws Throwable {
    assertTrue(smooth(p -> Math.sin(p) * Math.exp(p / 3), 1.2));
    assertTrue(smooth(p -> 1e6 + p * p * p, -0.7));
    assertTrue(smooth(p -> Math.log1p(p * p) - 1.0, 1e-3));
    assertTrue(smooth(p -> Math.exp(-p * p) * 1e-8, 2.5));
    assertTrue(smooth(p -> Math.atan(40 * p), 0.3));
  }

  @Test
  void theChaoticLoopIsNotSmooth() throws Throwable {
    double p = 1.2281890262608015;
    double step = 1e-5 * p;
    // differences read about 0, at every step, where the derivative is -29
    assertEquals(-29.0077, chaoticDerivative(p), 1e-4);
    assertTrue(Math.abs(richardson(SmoothBelowStepTest::chaotic, p, step)) < 1e-5);
    assertFalse(smooth(SmoothBelowStepTest::chaotic, p));
  }
}
