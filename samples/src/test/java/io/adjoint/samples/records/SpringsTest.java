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
 * of the same energy written over one flat array (a particle's kinetic energy and a distance, too); the
 * tangent form against ⟨∇f, v⟩; Into's flat layout.
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

  /** The kinetic energy against central differences and against the same over x, y, vx, vy, mass. */
  @Test
  void kineticAgainstTheFlatMethod() {
    SplittableRandom r = new SplittableRandom(17);
    for (int k = 0; k < 10; k++) {
      double[] flat = chain(r, 1);
      var g = SpringsGradients.kinetic(particles(flat)[0]);
      var byArray = SpringsGradients.kineticFlat(flat);
      assertEquals(byArray.value(), g.value(), 0.0);
      Checks.assertGradient(v -> Springs.kinetic(particles(v)[0]), flat,
          Springs_ParticleTangent.flatten(new Springs_ParticleTangent[] {g.p()}), byArray.particle(), 0.0, "particle");
    }
  }

  /**
   * distance and stretch: a distance's gradient is the unit vector between the points, as over doubles;
   * two particles at rest without gravity have the flat chain's energy equal to their spring's stretch,
   * the same arithmetic.
   */
  @Test
  void distanceAndStretch() {
    SplittableRandom r = new SplittableRandom(14);
    for (int k = 0; k < 10; k++) {
      double[] flat = chain(r, 2);
      for (int velocity : new int[] {2, 3, 7, 8}) {
        flat[velocity] = 0;
      }
      Particle[] ps = particles(flat);
      var d = SpringsGradients.distance(ps[0].pos(), ps[1].pos());
      double ux = (flat[0] - flat[5]) / d.value();
      double uy = (flat[1] - flat[6]) / d.value();
      double[] distancePartials = {d.a().x(), d.a().y(), d.b().x(), d.b().y()};
      Checks.assertClose(new double[] {ux, uy, -ux, -uy}, distancePartials, 1e-15, "distance");
      var byDoubles = SpringsGradients.distanceFlat(flat[0], flat[1], flat[5], flat[6]);
      assertEquals(byDoubles.value(), d.value(), 0.0);
      Checks.assertGradient(v -> Springs.distance(new Point(v[0], v[1]), new Point(v[2], v[3])),
          new double[] {flat[0], flat[1], flat[5], flat[6]}, distancePartials,
          new double[] {byDoubles.ax(), byDoubles.ay(), byDoubles.bx(), byDoubles.by()}, 0.0, "distance");

      Spring spring = new Spring(r.nextDouble(0.5, 3), r.nextDouble(0.5, 1.5), k);
      var g = SpringsGradients.stretch(ps[0], ps[1], spring);
      double[] partials = Springs_ParticleTangent.flatten(new Springs_ParticleTangent[] {g.a(), g.b()});
      var byArray = SpringsGradients.energyFlat(flat, spring.stiffness(), spring.rest(), 0);
      assertEquals(byArray.value(), g.value(), 0.0);
      Checks.assertGradient(v -> Springs.stretch(particles(v)[0], particles(v)[1], spring), flat, partials,
          byArray.chain(), 1e-15, "particles");
      Checks.assertGradient(
          v -> Springs.stretch(ps[0], ps[1], new Spring(v[0], v[1], 0)), new double[] {spring.stiffness(), spring.rest()},
          new double[] {g.s().stiffness(), g.s().rest()}, new double[] {byArray.stiffness(), byArray.rest()}, 1e-15,
          "spring");
    }
  }
}
