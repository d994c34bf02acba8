package io.adjoint.samples.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.samples.Differences;
import java.util.function.ToDoubleFunction;

/** What the record samples' tests check their gradients with. */
final class Checks {
  private Checks() {}

  /** Each of {@code partials} against the central difference of {@code f} at {@code x}, to 1e-6 relative. */
  static void assertDifferences(ToDoubleFunction<double[]> f, double[] x, double[] partials, String what) {
    assertEquals(x.length, partials.length, what);
    for (int i = 0; i < x.length; i++) {
      double expected = Differences.partial(f, x, i);
      assertEquals(expected, partials[i], 1e-6 * Math.max(1, Math.abs(expected)), what + ", entry " + i);
    }
  }

  /**
   * {@code partials} against the central differences of {@code f} at {@code x}, and against {@code twin},
   * the gradient of the same function over flat arrays, to {@code tolerance} relative.
   */
  static void assertGradient(
      ToDoubleFunction<double[]> f, double[] x, double[] partials, double[] twin, double tolerance, String what) {
    assertDifferences(f, x, partials, what);
    assertClose(twin, partials, tolerance, what + " against the flat method");
  }

  /** {@code actual} against {@code expected} entry by entry, to {@code tolerance}·max(1, |expected|). */
  static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), what + ", entry " + i);
    }
  }

  /** A tangent against ⟨∇f, v⟩, to 1e-12 relative to the sum of |∂ᵢf vᵢ|. */
  static void assertTangent(double[] gradient, double[] direction, double tangent, String what) {
    double dot = 0;
    double scale = 1;
    for (int i = 0; i < gradient.length; i++) {
      dot += gradient[i] * direction[i];
      scale += Math.abs(gradient[i] * direction[i]);
    }
    assertEquals(dot, tangent, 1e-12 * scale, what);
  }

  /** The arrays one after another. */
  static double[] concat(double[]... parts) {
    int length = 0;
    for (double[] part : parts) {
      length += part.length;
    }
    double[] all = new double[length];
    int at = 0;
    for (double[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  /** {@code all[from]} to {@code all[from + length - 1]}. */
  static double[] slice(double[] all, int from, int length) {
    return java.util.Arrays.copyOfRange(all, from, from + length);
  }
}
