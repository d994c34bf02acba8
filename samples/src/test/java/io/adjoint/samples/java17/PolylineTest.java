package io.adjoint.samples.java17;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.samples.Differences;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The polyline's energies, whose loops create their vectors afresh each iteration: each gradient against
 * central differences and the value against the method's own, for curves of 2 to 6 points; and the
 * length's gradient against its closed form, the sum of the unit tangents around each point.
 */
class PolylineTest {
  private static double[] curve(SplittableRandom r, int points) {
    double[] p = new double[3 * points];
    for (int i = 0; i < p.length; i++) {
      p[i] = i / 3 + r.nextDouble(-0.4, 0.4);
    }
    return p;
  }

  private static void matchesDifferences(ToDoubleFunction<double[]> f, double[] p, double[] gradient, String what) {
    for (int i = 0; i < p.length; i++) {
      double expected = Differences.partial(f, p, i);
      assertEquals(expected, gradient[i], 1e-6 * Math.max(1, Math.abs(expected)), what + ", entry " + i);
    }
  }

  @Test
  void length() {
    SplittableRandom r = new SplittableRandom(5);
    for (int points = 2; points <= 6; points++) {
      double[] p = curve(r, points);
      var g = PolylineGradients.length(p);
      assertEquals(Polyline.length(p), g.value());
      matchesDifferences(Polyline::length, p, g.p(), points + " points");
      // closed form: the point i is pulled along the unit tangents of its two segments
      double[] expected = new double[p.length];
      for (int i = 0; i + 1 < points; i++) {
        double dx = p[3 * i + 3] - p[3 * i];
        double dy = p[3 * i + 4] - p[3 * i + 1];
        double dz = p[3 * i + 5] - p[3 * i + 2];
        double norm = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double[] unit = {dx / norm, dy / norm, dz / norm};
        for (int c = 0; c < 3; c++) {
          expected[3 * i + 3 + c] += unit[c];
          expected[3 * i + c] -= unit[c];
        }
      }
      for (int i = 0; i < p.length; i++) {
        assertEquals(expected[i], g.p()[i], 1e-12, "closed form, entry " + i);
      }
    }
  }

  @Test
  void energy() {
    SplittableRandom r = new SplittableRandom(6);
    for (int points = 2; points <= 6; points++) {
      double[] p = curve(r, points);
      double rest = r.nextDouble(0.5, 1.5);
      double k = r.nextDouble(0.5, 3);
      double bend = r.nextDouble(0.1, 2);
      var g = PolylineGradients.energy(p, rest, k, bend);
      assertEquals(Polyline.energy(p, rest, k, bend), g.value());
      matchesDifferences(q -> Polyline.energy(q, rest, k, bend), p, g.p(), points + " points");
      double[] scalars = {rest, k, bend};
      ToDoubleFunction<double[]> f = s -> Polyline.energy(p, s[0], s[1], s[2]);
      double[] partials = {g.rest(), g.k(), g.bend()};
      matchesDifferences(f, scalars, partials, "rest, k, bend");
    }
  }
}
