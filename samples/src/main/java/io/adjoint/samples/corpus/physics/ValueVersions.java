package io.adjoint.samples.corpus.physics;

import io.adjoint.Value;

/**
 * Every function of this package written a second time with the dynamic {@link Value} API, as {@link
 * io.adjoint.samples.corpus.ValueVersions} does for its package.
 */
public final class ValueVersions {
  private ValueVersions() {}

  // ---- Physics ----

  public static Value projectileRange(Value v, Value theta, double g) {
    return v.mul(v).mul(theta.mul(2).sin()).div(g);
  }

  public static Value pendulumEnergy(Value theta, Value omega, Value length, Value mass) {
    Value kinetic = mass.mul(0.5).mul(length.mul(omega).pow(2));
    Value potential =
        mass.mul(Physics.STANDARD_GRAVITY).mul(length).mul(theta.cos().neg().add(1));
    return kinetic.add(potential);
  }

  public static Value springEnergy(Value k, Value x) {
    return k.mul(0.5).mul(x).mul(x);
  }

  public static Value gravitationalPotential(
      Value x1, Value y1, Value x2, Value y2, Value m1, Value m2) {
    Value r = io.adjoint.samples.corpus.ValueVersions.distance(x1, y1, x2, y2);
    return m1.mul(-Physics.G).mul(m2).div(r);
  }

  public static Value relativisticKineticEnergy(Value mass, Value v) {
    Value beta = v.div(Physics.C);
    Value gamma = beta.mul(beta).neg().add(1).sqrt().pow(-1);
    return gamma.sub(1).mul(mass).mul(Physics.C).mul(Physics.C);
  }

  // ---- BlackScholes ----

  public static Value normalCdf(Value x) {
    if (x.data() < 0) {
      return normalCdf(x.neg()).neg().add(1);
    }
    Value t = x.mul(BlackScholes.P).add(1).pow(-1);
    Value poly = t.mul(BlackScholes.B5).add(BlackScholes.B4).mul(t).add(BlackScholes.B3).mul(t)
        .add(BlackScholes.B2).mul(t).add(BlackScholes.B1).mul(t);
    return x.mul(x).mul(-0.5).exp().mul(poly).mul(-BlackScholes.INV_SQRT_2PI).add(1);
  }

  public static Value callPrice(Value s, Value k, Value t, Value r, Value sigma) {
    Value sqrtT = t.sqrt();
    Value d1 = s.div(k).log().add(r.add(sigma.mul(sigma).mul(0.5)).mul(t)).div(sigma.mul(sqrtT));
    Value d2 = d1.sub(sigma.mul(sqrtT));
    return s.mul(normalCdf(d1)).sub(k.mul(r.neg().mul(t).exp()).mul(normalCdf(d2)));
  }

  public static Value putPrice(Value s, Value k, Value t, Value r, Value sigma) {
    return callPrice(s, k, t, r, sigma).sub(s).add(k.mul(r.neg().mul(t).exp()));
  }

  // ---- Spring ----

  public static Value potentialEnergy(Spring spring, Value length) {
    Value stretch = length.sub(spring.restLength);
    return stretch.mul(0.5 * spring.stiffness).mul(stretch);
  }

  public static Value totalEnergy(Spring spring, Value length, Value velocity) {
    return potentialEnergy(spring, length).add(velocity.mul(0.5 * spring.mass).mul(velocity));
  }

  public static Value displacement(Spring spring, Value t, Value amplitude, Value phase) {
    double decay = spring.damping / (2 * spring.mass);
    double omega = Math.sqrt(spring.stiffness / spring.mass - decay * decay);
    return amplitude.mul(t.mul(-decay).exp()).mul(t.mul(omega).add(phase).cos());
  }
}
