package io.adjoint.samples.corpus.physics;

import io.adjoint.Differentiable;

/**
 * A damped spring with a mass on it. Its methods are instance methods reading the fields, which the
 * generated {@code SpringGradients} treats as constants: {@code SpringGradients.potentialEnergy(spring,
 * length)}.
 */
public final class Spring {
  // Package-private: the generated SpringGradients reads them (a private field would be error E232).
  final double stiffness;
  final double restLength;
  final double mass;
  final double damping;

  public Spring(double stiffness, double restLength, double mass, double damping) {
    this.stiffness = stiffness;
    this.restLength = restLength;
    this.mass = mass;
    this.damping = damping;
  }

  public double stiffness() {
    return stiffness;
  }

  public double restLength() {
    return restLength;
  }

  public double mass() {
    return mass;
  }

  public double damping() {
    return damping;
  }

  /** ½·k·(L − L₀)². */
  @Differentiable
  public double potentialEnergy(double length) {
    double stretch = length - restLength;
    return 0.5 * stiffness * stretch * stretch;
  }

  /** Potential plus kinetic energy; calls {@link #potentialEnergy} on this spring. */
  @Differentiable
  public double totalEnergy(double length, double velocity) {
    return potentialEnergy(length) + 0.5 * this.mass * velocity * velocity;
  }

  /** The displacement of the underdamped oscillator at time t from amplitude A and phase φ. */
  @Differentiable
  public double displacement(double t, double amplitude, double phase) {
    double decay = damping / (2 * mass);
    double omega = Math.sqrt(stiffness / mass - decay * decay);
    return amplitude * Math.exp(-decay * t) * Math.cos(omega * t + phase);
  }
}
