package io.adjoint.samples.records;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * Particles joined by springs, written with records: the energy of a chain of particles, and the same
 * energy over one flat array (each particle's x, y, vx, vy, mass in turn), which is how it had to be
 * written before records could be differentiated.
 */
public final class Springs {
  private Springs() {}

  public record Point(double x, double y) {}

  /** A particle; its constructor checks the mass, which no derivative is ever passed through. */
  public record Particle(Point pos, Point vel, double mass) {
    public Particle {
      if (!(mass > 0)) {
        throw new IllegalArgumentException("mass must be positive: " + mass);
      }
    }
  }

  /** A spring's stiffness and rest length; {@code id} is data, passed through. */
  public record Spring(double stiffness, double rest, int id) {}

  @Differentiable
  public static double distance(Point a, Point b) {
    double dx = a.x() - b.x();
    double dy = a.y() - b.y();
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** {@link #distance} over the points' coordinates. */
  @Differentiable
  public static double distanceFlat(double ax, double ay, double bx, double by) {
    double dx = ax - bx;
    double dy = ay - by;
    return Math.sqrt(dx * dx + dy * dy);
  }

  @Differentiable
  public static double kinetic(Particle p) {
    Point v = p.vel();
    return 0.5 * p.mass() * (v.x() * v.x() + v.y() * v.y());
  }

  /** {@link #kinetic} over the particle's x, y, vx, vy, mass. */
  @Differentiable
  public static double kineticFlat(double[] particle) {
    return 0.5 * particle[4] * (particle[2] * particle[2] + particle[3] * particle[3]);
  }

  @Differentiable
  public static double stretch(Particle a, Particle b, Spring s) {
    double d = distance(a.pos(), b.pos()) - s.rest();
    return 0.5 * s.stiffness() * d * d;
  }

  /** Kinetic, gravitational and spring energy of a chain, neighbours joined by {@code spring}. */
  @Differentiable
  public static double energy(Particle[] chain, Spring spring, @NoDerivative double gravity) {
    double e = 0;
    for (Particle p : chain) {
      e += kinetic(p) + gravity * p.mass() * p.pos().y();
    }
    for (int i = 0; i + 1 < chain.length; i++) {
      e += stretch(chain[i], chain[i + 1], spring);
    }
    return e;
  }

  /** {@link #energy} over a flat array: x, y, vx, vy, mass of each particle in turn. */
  @Differentiable
  public static double energyFlat(double[] chain, double stiffness, double rest, @NoDerivative double gravity) {
    double e = 0;
    int n = chain.length / 5;
    for (int i = 0; i < n; i++) {
      double vx = chain[5 * i + 2];
      double vy = chain[5 * i + 3];
      e += 0.5 * chain[5 * i + 4] * (vx * vx + vy * vy) + gravity * chain[5 * i + 4] * chain[5 * i + 1];
    }
    for (int i = 0; i + 1 < n; i++) {
      double dx = chain[5 * i] - chain[5 * i + 5];
      double dy = chain[5 * i + 1] - chain[5 * i + 6];
      double d = Math.sqrt(dx * dx + dy * dy) - rest;
      e += 0.5 * stiffness * d * d;
    }
    return e;
  }
}
