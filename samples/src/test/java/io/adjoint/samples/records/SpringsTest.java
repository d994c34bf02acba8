package io.adjoint.samples.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.samples.Differences;
import io.adjoint.samples.records.Springs.Particle;
import io.adjoint.samples.records.Springs.Point;
import io.adjoint.samples.records.Springs.Spring;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The chain of springs over records: its gradient against central differences, and against the gradient
 * of the same energy written over one flat array; the tangent form against ⟨∇f, v⟩; Into's flat layout.
 */
class SpringsTest {
  private static Particle[] particles(double[] flat) {
    Particle[] ps = new Particle[flat.length / 5];
    for (int i = 0; i < ps.length; i++) {
      ps[i] = new Particle(
          new Point(flat[5 * i], flat[5 * i + 1]), new Point(flat[5 * i + 2], flat[5 * i + 3]), flat[5 * i + 4]);
    }
    return ps;
  }

  private static double[] chain(SplittableRandom r, int n) {
    double[] flat = new double[5 * n];
    for (int i = 0; i < n; i++) {
      flat[5 * i] = i + r.nextDouble(-0.3, 0.3);
      flat[5 * i + 1] = r.nextDouble(-1, 1);
      flat[5 * i + 2] = r.nextDouble(-1, 1);
      flat[5 * i + 3] = r.nextDouble(-1, 1);
      flat[5 * i + 4] = r.nextDouble(0.5, 2);
    }
    return flat;
  }

  @Test
  void energyAgainstDifferencesAndTheFlatMethod() {
    SplittableRandom r = new SplittableRandom(11);
    for (int n = 1; n <= 6; n++) {
      double[] flat = chain(r, n);
      Spring spring = new Spring(r.nextDouble(0.5, 3), r.nextDouble(0.5, 1.5), n);
      double gravity = 9.81;
      var g = SpringsGradients.energy(particles(flat), spring, gravity);
      assertEquals(Springs.energy(particles(flat), spring, gravity), g.value());
      double[] chainPartials = Springs_ParticleTangent.flatten(g.chain());
      ToDoubleFunction<double[]> f = v -> Springs.energy(particles(v), spring, gravity);
      for (int i = 0; i < flat.length; i++) {
        double expected = Differences.partial(f, flat, i);
        assertEquals(expected, chainPartials[i], 1e-6 * Math.max(1, Math.abs(expected)), n + " particles, entry " + i);
      }
      var byArrays = SpringsGradients.energyFlat(flat, spring.stiffness(), spring.rest(), gravity);
      assertArrayEquals(byArrays.chain(), chainPartials, 1e-12 * n);
      assertEquals(byArrays.stiffness(), g.spring().stiffness(), 1e-12 * n);
      assertEquals(byArrays.rest(), g.spring().rest(), 1e-12 * n);

      // Into: the chain's doubles in turn, then the spring's stiffness and rest
      double[] partials = new double[flat.length + 2];
      assertEquals(g.value(), SpringsGradients.energyInto(particles(flat), spring, gravity, partials));
      for (int i = 0; i < flat.length; i++) {
        assertEquals(chainPartials[i], partials[i], 0.0);
      }
      assertEquals(g.spring().stiffness(), partials[flat.length], 0.0);
      assertEquals(g.spring().rest(), partials[flat.length + 1], 0.0);

      // the tangent form along a random direction, given as tangent records
      double[] direction = r.doubles(flat.length, -1, 1).toArray();
      Springs_SpringTangent springDirection = new Springs_SpringTangent(r.nextDouble(-1, 1), r.nextDouble(-1, 1));
      var tangent = SpringsGradients.energyTangent(
          particles(flat), spring, gravity, Springs_ParticleTangent.arrayOf(direction), springDirection);
      double dot = springDirection.stiffness() * g.spring().stiffness() + springDirection.rest() * g.spring().rest();
      for (int i = 0; i < flat.length; i++) {
        dot += direction[i] * chainPartials[i];
      }
      assertEquals(dot, tangent.tangent(), 1e-12 * (1 + Math.abs(dot)));
    }
  }

  @Test
  void kineticInClosedForm() {
    Particle p = new Particle(new Point(1, 2), new Point(3, -4), 2);
    var g = SpringsGradients.kinetic(p);
    assertEquals(25, g.value());
    assertEquals(new Springs_ParticleTangent(new Springs_PointTangent(0, 0), new Springs_PointTangent(6, -8), 12.5), g.p());
  }
}
