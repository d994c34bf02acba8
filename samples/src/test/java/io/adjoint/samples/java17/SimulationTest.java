package io.adjoint.samples.java17;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The projectile's range, which returns from inside its loop: the gradient against central differences
 * away from the changes in the number of steps (where two steps' estimates agree), the tangent against ⟨∇f, v⟩, and the
 * drag-free range against the closed form v²·sin(2a)/g.
 */
class SimulationTest {
  /** Richardson-extrapolated central difference of the range along parameter i. */
  private static double difference(double[] p, int i, double h) {
    double[] f = new double[4];
    double[] s = {h, -h, 2 * h, -2 * h};
    for (int k = 0; k < 4; k++) {
      double[] q = p.clone();
      q[i] += s[k];
      f[k] = Simulation.range(q[0], q[1], q[2]);
    }
    return (8 * (f[0] - f[1]) - (f[2] - f[3])) / (12 * h);
  }

  @Test
  void gradientAndTangent() {
    SplittableRandom r = new SplittableRandom(42);
    int checked = 0;
    for (int t = 0; t < 30; t++) {
      double[] p = {r.nextDouble(5, 40), r.nextDouble(0.2, 1.3), r.nextDouble(0, 0.05)};
      var g = SimulationGradients.range(p[0], p[1], p[2]);
      assertEquals(Simulation.range(p[0], p[1], p[2]), g.value());
      double[] grad = {g.speed(), g.angle(), g.drag()};
      boolean smooth = true;
      double[] fd = new double[3];
      for (int i = 0; i < 3; i++) {
        double h = 1e-5 * Math.max(1, Math.abs(p[i]));
        fd[i] = difference(p, i, h);
        // a stencil across a change in the number of steps gives estimates that part at a smaller step
        smooth &= Math.abs(fd[i] - difference(p, i, h / 4)) <= 1e-7 * Math.max(1, Math.abs(fd[i]));
      }
      if (!smooth) {
        continue; // near a kink
      }
      checked++;
      for (int i = 0; i < 3; i++) {
        assertEquals(fd[i], grad[i], 1e-6 * Math.max(1, Math.abs(fd[i])), "partial " + i + " at " + t);
      }
      double[] v = {r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1)};
      var tangent = SimulationGradients.rangeTangent(p[0], p[1], p[2], v[0], v[1], v[2]);
      assertEquals(g.value(), tangent.value());
      double dot = grad[0] * v[0] + grad[1] * v[1] + grad[2] * v[2];
      assertEquals(dot, tangent.tangent(), 1e-12 * (Math.abs(grad[0] * v[0]) + Math.abs(grad[1] * v[1]) + Math.abs(grad[2] * v[2])));
    }
    assertTrue(checked >= 20, "most points are away from a change in the number of steps: " + checked);
  }

  @Test
  void withoutDragTheRangeIsTheTextbookOne() {
    double speed = 20;
    double angle = 0.6;
    var g = SimulationGradients.range(speed, angle, 0.0);
    assertEquals(speed * speed * Math.sin(2 * angle) / Simulation.GRAVITY, g.value(), 0.25);
    // d/dv of v²·sin(2a)/g is 2v·sin(2a)/g, to the accuracy of Euler's steps
    assertEquals(2 * speed * Math.sin(2 * angle) / Simulation.GRAVITY, g.speed(), 0.05);
  }
}
