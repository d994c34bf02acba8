package io.adjoint.samples.corpus.physics;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;
import io.adjoint.samples.corpus.Geometry;

/** Textbook mechanics, in SI units. */
public final class Physics {
  private Physics() {}

  static final double G = 6.674e-11; // gravitational constant, m³/(kg·s²)
  static final double STANDARD_GRAVITY = 9.80665; // m/s²
  static final double C = 299_792_458.0; // speed of light, m/s

  /** The range of a projectile launched over flat ground at speed v and angle θ (radians). */
  @Differentiable
  public static double projectileRange(double v, double theta, @NoDerivative double g) {
    return v * v * Math.sin(2 * theta) / g;
  }

  /** The energy of a pendulum of given length and mass at angle θ and angular velocity ω, with StrictMath. */
  @Differentiable
  public static double pendulumEnergy(double theta, double omega, double length, double mass) {
    double kinetic = 0.5 * mass * StrictMath.pow(length * omega, 2);
    double potential = mass * STANDARD_GRAVITY * length * (1 - StrictMath.cos(theta));
    return kinetic + potential;
  }

  /** The energy ½·k·x² stored in a spring of stiffness k stretched by x. */
  @Differentiable
  public static double springEnergy(double k, double x) {
    return 0.5 * k * x * x;
  }

  /** The gravitational potential energy of two point masses; calls {@link Geometry#distance}. */
  @Differentiable
  public static double gravitationalPotential(
      double x1, double y1, double x2, double y2, double m1, double m2) {
    return -G * m1 * m2 / Geometry.distance(x1, y1, x2, y2);
  }

  /** Relativistic kinetic energy (γ − 1)·m·c². */
  @Differentiable
  public static double relativisticKineticEnergy(double mass, double v) {
    double beta = v / C;
    double gamma = 1 / Math.sqrt(1 - beta * beta);
    return (gamma - 1) * mass * C * C;
  }
}
