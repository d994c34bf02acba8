package io.adjoint.samples.corpus;

import static io.adjoint.samples.corpus.Case.of;

import io.adjoint.samples.corpus.physics.BlackScholes;
import io.adjoint.samples.corpus.physics.BlackScholesGradients;
import io.adjoint.samples.corpus.physics.Physics;
import io.adjoint.samples.corpus.physics.PhysicsGradients;
import io.adjoint.samples.corpus.physics.Spring;
import io.adjoint.samples.corpus.physics.SpringGradients;
import io.adjoint.samples.corpus.physics.ValueVersions;
import java.util.List;

/** The functions of package {@code corpus.physics}, each with its domain and its branch thresholds. */
final class PhysicsCases {
  private PhysicsCases() {}

  private static final Spring SPRING = new Spring(50.0, 1.2, 0.5, 0.3);

  /** d₁ of Black–Scholes at the point (s, k, t, r, σ): normalCdf branches where it is 0. */
  private static double d1(double[] p) {
    return (Math.log(p[0] / p[1]) + (p[3] + 0.5 * p[4] * p[4]) * p[2]) / (p[4] * Math.sqrt(p[2]));
  }

  private static double d2(double[] p) {
    return d1(p) - p[4] * Math.sqrt(p[2]);
  }

  static List<Case> all() {
    return List.of(
        // ---- Physics ----
        of("projectileRange", "v", "theta").in(1, 100, 0, Math.PI / 2, 1.6, 25)
            .primal(p -> Physics.projectileRange(p[0], p[1], p[2]))
            .record(p -> PhysicsGradients.projectileRange(p[0], p[1], p[2]))
            .into((p, d) -> PhysicsGradients.projectileRangeInto(p[0], p[1], p[2], d))
            .pullback((p, u, a, o) -> PhysicsGradients.projectileRangePullback(p[0], p[1], p[2], u, a, o))
            .value((v, p) -> ValueVersions.projectileRange(v[0], v[1], p[2])),
        of("pendulumEnergy", "theta", "omega", "length", "mass").in(-Math.PI, Math.PI, -5, 5, 0.1, 3, 0.1, 10)
            .primal(p -> Physics.pendulumEnergy(p[0], p[1], p[2], p[3]))
            .record(p -> PhysicsGradients.pendulumEnergy(p[0], p[1], p[2], p[3]))
            .into((p, d) -> PhysicsGradients.pendulumEnergyInto(p[0], p[1], p[2], p[3], d))
            .pullback((p, u, a, o) -> PhysicsGradients.pendulumEnergyPullback(p[0], p[1], p[2], p[3], u, a, o))
            .value((v, p) -> ValueVersions.pendulumEnergy(v[0], v[1], v[2], v[3])),
        of("springEnergy", "k", "x").in(1, 1000, -1, 1).edge(1, 0)
            .primal(p -> Physics.springEnergy(p[0], p[1]))
            .record(p -> PhysicsGradients.springEnergy(p[0], p[1]))
            .into((p, d) -> PhysicsGradients.springEnergyInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> PhysicsGradients.springEnergyPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.springEnergy(v[0], v[1])),
        of("gravitationalPotential", "x1", "y1", "x2", "y2", "m1", "m2")
            .in(-4e8, 4e8, -4e8, 4e8, -4e8, 4e8, -4e8, 4e8, 1e20, 1e25, 1e20, 1e25)
            .where(p -> Math.hypot(p[2] - p[0], p[3] - p[1]) > 1e7)
            .primal(p -> Physics.gravitationalPotential(p[0], p[1], p[2], p[3], p[4], p[5]))
            .record(p -> PhysicsGradients.gravitationalPotential(p[0], p[1], p[2], p[3], p[4], p[5]))
            .into((p, d) -> PhysicsGradients.gravitationalPotentialInto(p[0], p[1], p[2], p[3], p[4], p[5], d))
            .pullback((p, u, a, o) ->
                PhysicsGradients.gravitationalPotentialPullback(p[0], p[1], p[2], p[3], p[4], p[5], u, a, o))
            .value((v, p) -> ValueVersions.gravitationalPotential(v[0], v[1], v[2], v[3], v[4], v[5])),
        of("relativisticKineticEnergy", "mass", "v").in(0.001, 10, 1e7, 2.9e8)
            .primal(p -> Physics.relativisticKineticEnergy(p[0], p[1]))
            .record(p -> PhysicsGradients.relativisticKineticEnergy(p[0], p[1]))
            .into((p, d) -> PhysicsGradients.relativisticKineticEnergyInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> PhysicsGradients.relativisticKineticEnergyPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.relativisticKineticEnergy(v[0], v[1])),

        // ---- BlackScholes ----
        of("normalCdf", "x").in(-5, 5).edge(0).edge(40).edge(-40).kink(p -> p[0])
            .primal(p -> BlackScholes.normalCdf(p[0]))
            .record(p -> BlackScholesGradients.normalCdf(p[0]))
            .into((p, d) -> BlackScholesGradients.normalCdfInto(p[0], d))
            .pullback((p, u, a, o) -> BlackScholesGradients.normalCdfPullback(p[0], u, a, o))
            .value((v, p) -> ValueVersions.normalCdf(v[0])),
        of("callPrice", "s", "k", "t", "r", "sigma").in(50, 150, 50, 150, 0.05, 2, 0, 0.1, 0.05, 0.6)
            .kink(PhysicsCases::d1).kink(PhysicsCases::d2)
            .primal(p -> BlackScholes.callPrice(p[0], p[1], p[2], p[3], p[4]))
            .record(p -> BlackScholesGradients.callPrice(p[0], p[1], p[2], p[3], p[4]))
            .into((p, d) -> BlackScholesGradients.callPriceInto(p[0], p[1], p[2], p[3], p[4], d))
            .pullback((p, u, a, o) -> BlackScholesGradients.callPricePullback(p[0], p[1], p[2], p[3], p[4], u, a, o))
            .value((v, p) -> ValueVersions.callPrice(v[0], v[1], v[2], v[3], v[4])),
        of("putPrice", "s", "k", "t", "r", "sigma").in(50, 150, 50, 150, 0.05, 2, 0, 0.1, 0.05, 0.6)
            .kink(PhysicsCases::d1).kink(PhysicsCases::d2)
            .primal(p -> BlackScholes.putPrice(p[0], p[1], p[2], p[3], p[4]))
            .record(p -> BlackScholesGradients.putPrice(p[0], p[1], p[2], p[3], p[4]))
            .into((p, d) -> BlackScholesGradients.putPriceInto(p[0], p[1], p[2], p[3], p[4], d))
            .pullback((p, u, a, o) -> BlackScholesGradients.putPricePullback(p[0], p[1], p[2], p[3], p[4], u, a, o))
            .value((v, p) -> ValueVersions.putPrice(v[0], v[1], v[2], v[3], v[4])),

        // ---- Spring: instance methods, the receiver first ----
        of("Spring.potentialEnergy", "length").in(0, 3).edge(1.2)
            .primal(p -> SPRING.potentialEnergy(p[0]))
            .record(p -> SpringGradients.potentialEnergy(SPRING, p[0]))
            .into((p, d) -> SpringGradients.potentialEnergyInto(SPRING, p[0], d))
            .pullback((p, u, a, o) -> SpringGradients.potentialEnergyPullback(SPRING, p[0], u, a, o))
            .value((v, p) -> ValueVersions.potentialEnergy(SPRING, v[0])),
        of("Spring.totalEnergy", "length", "velocity").in(0, 3, -5, 5)
            .primal(p -> SPRING.totalEnergy(p[0], p[1]))
            .record(p -> SpringGradients.totalEnergy(SPRING, p[0], p[1]))
            .into((p, d) -> SpringGradients.totalEnergyInto(SPRING, p[0], p[1], d))
            .pullback((p, u, a, o) -> SpringGradients.totalEnergyPullback(SPRING, p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.totalEnergy(SPRING, v[0], v[1])),
        of("Spring.displacement", "t", "amplitude", "phase").in(0, 10, 0.1, 2, -Math.PI, Math.PI)
            .primal(p -> SPRING.displacement(p[0], p[1], p[2]))
            .record(p -> SpringGradients.displacement(SPRING, p[0], p[1], p[2]))
            .into((p, d) -> SpringGradients.displacementInto(SPRING, p[0], p[1], p[2], d))
            .pullback((p, u, a, o) -> SpringGradients.displacementPullback(SPRING, p[0], p[1], p[2], u, a, o))
            .value((v, p) -> ValueVersions.displacement(SPRING, v[0], v[1], v[2])));
  }
}
