package io.adjoint.samples.records;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;
import io.adjoint.samples.records.Geometry.Point;

/**
 * A planar robot arm whose joints are records: where its end reaches, how far that is from a target (the
 * objective of inverse kinematics) and its potential energy; the last two also over flat arrays. Joint i
 * turns by its angle relative to the link before it, so link i points along φᵢ = θ₁ + … + θᵢ.
 */
public final class Kinematics {
  private Kinematics() {}

  /** A link of the given length, turned by {@code angle} radians from the one before. */
  public record Joint(double length, double angle) {}

  /**
   * Σ lᵢ cos(φᵢ − α): how far the arm's end, its base at the origin, reaches along the direction at angle
   * α = {@code direction}.
   */
  @Differentiable
  public static double reach(Joint[] arm, double direction) {
    double sum = 0;
    double heading = 0;
    for (Joint joint : arm) {
      heading += joint.angle();
      sum += joint.length() * Math.cos(heading - direction);
    }
    return sum;
  }

  /** Σ lᵢ cos φᵢ: the x of the arm's end. */
  @Differentiable
  public static double reachX(Joint[] arm) {
    return reach(arm, 0);
  }

  /** Σ lᵢ sin φᵢ, as Σ lᵢ cos(φᵢ − π/2): the y of the arm's end. */
  @Differentiable
  public static double reachY(Joint[] arm) {
    return reach(arm, Math.PI / 2);
  }

  /** ½ |end − target|². */
  @Differentiable
  public static double reachError(Joint[] arm, Point target) {
    double dx = reachX(arm) - target.x();
    double dy = reachY(arm) - target.y();
    return 0.5 * (dx * dx + dy * dy);
  }

  /**
   * The potential energy of the arm's links as uniform rods of {@code density} mass per length: each
   * weighs density · lᵢ, its middle at the height of the joint it hangs from plus ½ lᵢ sin φᵢ.
   */
  @Differentiable
  public static double potential(Joint[] arm, double density, @NoDerivative double gravity) {
    double energy = 0;
    double height = 0;
    double heading = 0;
    for (int i = 0; i < arm.length; i++) {
      Joint joint = arm[i];
      heading += joint.angle();
      double rise = joint.length() * Math.sin(heading);
      energy += density * joint.length() * gravity * (height + 0.5 * rise);
      height += rise;
    }
    return energy;
  }

  /** {@link #reach} over one flat array: each joint's length and angle in turn. */
  @Differentiable
  public static double reachFlat(double[] arm, double direction) {
    double sum = 0;
    double heading = 0;
    for (int i = 0; i < arm.length / 2; i++) {
      heading += arm[2 * i + 1];
      sum += arm[2 * i] * Math.cos(heading - direction);
    }
    return sum;
  }

  /** {@link #reachX} over one flat array: each joint's length and angle in turn. */
  @Differentiable
  public static double reachXFlat(double[] arm) {
    return reachFlat(arm, 0);
  }

  /** {@link #reachY} over one flat array: each joint's length and angle in turn. */
  @Differentiable
  public static double reachYFlat(double[] arm) {
    return reachFlat(arm, Math.PI / 2);
  }

  /** {@link #reachError} over the links' lengths and angles and the target's coordinates. */
  @Differentiable
  public static double reachErrorFlat(double[] lengths, double[] angles, double targetX, double targetY) {
    double x = 0;
    double y = 0;
    double heading = 0;
    for (int i = 0; i < lengths.length; i++) {
      heading += angles[i];
      x += lengths[i] * Math.cos(heading);
      y += lengths[i] * Math.cos(heading - Math.PI / 2);
    }
    double dx = x - targetX;
    double dy = y - targetY;
    return 0.5 * (dx * dx + dy * dy);
  }

  /** {@link #potential} over one flat array: each joint's length and angle in turn. */
  @Differentiable
  public static double potentialFlat(double[] arm, double density, @NoDerivative double gravity) {
    double energy = 0;
    double height = 0;
    double heading = 0;
    for (int i = 0; i < arm.length / 2; i++) {
      heading += arm[2 * i + 1];
      double rise = arm[2 * i] * Math.sin(heading);
      energy += density * arm[2 * i] * gravity * (height + 0.5 * rise);
      height += rise;
    }
    return energy;
  }
}
