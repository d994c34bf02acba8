package io.adjoint.samples.java17;

import io.adjoint.Differentiable;

/**
 * A simulation that returns from inside its loop: a projectile with quadratic drag, stepped by Euler's
 * method until it falls below the ground, its landing point interpolated between the last two steps. The
 * range is differentiable in the launch speed, the angle and the drag (between the parameter values where
 * the number of steps changes).
 */
public final class Simulation {
  static final double GRAVITY = 9.81;
  static final double DT = 0.01;
  static final int MAX_STEPS = 100_000;

  private Simulation() {}

  /** How far the projectile flies: speed in m/s, angle in radians, drag per metre. */
  @Differentiable
  public static double range(double speed, double angle, double drag) {
    double x = 0;
    double y = 0;
    double vx = speed * Math.cos(angle);
    double vy = speed * Math.sin(angle);
    for (int step = 0; step < MAX_STEPS; step++) {
      double v = Math.hypot(vx, vy);
      double nx = x + vx * DT;
      double ny = y + vy * DT;
      if (ny < 0) {
        return x + (nx - x) * y / (y - ny); // where the segment crosses the ground
      }
      vx -= drag * v * vx * DT;
      vy -= (GRAVITY + drag * v * vy) * DT;
      x = nx;
      y = ny;
    }
    return x;
  }
}
