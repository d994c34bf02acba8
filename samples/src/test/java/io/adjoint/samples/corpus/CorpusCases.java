package io.adjoint.samples.corpus;

import static io.adjoint.samples.corpus.Case.of;

import java.util.List;

/** The functions of package {@code corpus}, each with its domain and its branch thresholds. */
final class CorpusCases {
  private CorpusCases() {}

  static List<Case> all() {
    return List.of(
        // ---- Activations ----
        of("sigmoid", "x").in(-8, 8).edge(0).edge(40).edge(-40).edge(800).edge(-800).kink(p -> p[0])
            .primal(p -> Activations.sigmoid(p[0]))
            .record(p -> ActivationsGradients.sigmoid(p[0]))
            .into((p, d) -> ActivationsGradients.sigmoidInto(p[0], d))
            .pullback((p, u, a, o) -> ActivationsGradients.sigmoidPullback(p[0], u, a, o))
            .value((v, p) -> ValueVersions.sigmoid(v[0])),
        of("softplus", "x").in(-8, 8).edge(0).edge(50).edge(-50).edge(1e300).kink(p -> p[0])
            .primal(p -> Activations.softplus(p[0]))
            .record(p -> ActivationsGradients.softplus(p[0]))
            .into((p, d) -> ActivationsGradients.softplusInto(p[0], d))
            .pullback((p, u, a, o) -> ActivationsGradients.softplusPullback(p[0], u, a, o))
            .value((v, p) -> ValueVersions.softplus(v[0])),
        of("geluTanh", "x").in(-5, 5).edge(0).edge(30).edge(-30)
            .primal(p -> Activations.geluTanh(p[0]))
            .record(p -> ActivationsGradients.geluTanh(p[0]))
            .into((p, d) -> ActivationsGradients.geluTanhInto(p[0], d))
            .pullback((p, u, a, o) -> ActivationsGradients.geluTanhPullback(p[0], u, a, o))
            .value((v, p) -> ValueVersions.geluTanh(v[0])),
        of("swish", "x", "beta").in(-5, 5, 0.1, 3).edge(0, 1).edge(2, 0).kink(p -> p[0] * p[1])
            .primal(p -> Activations.swish(p[0], p[1]))
            .record(p -> ActivationsGradients.swish(p[0], p[1]))
            .into((p, d) -> ActivationsGradients.swishInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> ActivationsGradients.swishPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.swish(v[0], v[1])),
        of("elu", "x", "alpha").in(-4, 4, 0.2, 2).edge(0, 1).edge(-0.0, 1).kink(p -> p[0])
            .primal(p -> Activations.elu(p[0], p[1]))
            .record(p -> ActivationsGradients.elu(p[0], p[1]))
            .into((p, d) -> ActivationsGradients.eluInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> ActivationsGradients.eluPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.elu(v[0], v[1])),
        of("leakyRelu", "x", "slope").in(-4, 4, 0.01, 0.3).edge(0, 0.1).edge(-0.0, 0.1).kink(p -> p[0])
            .primal(p -> Activations.leakyRelu(p[0], p[1]))
            .record(p -> ActivationsGradients.leakyRelu(p[0], p[1]))
            .into((p, d) -> ActivationsGradients.leakyReluInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> ActivationsGradients.leakyReluPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.leakyRelu(v[0], v[1])),
        of("selu", "x").in(-4, 4).edge(0).kink(p -> p[0])
            .primal(p -> Activations.selu(p[0]))
            .record(p -> ActivationsGradients.selu(p[0]))
            .into((p, d) -> ActivationsGradients.seluInto(p[0], d))
            .pullback((p, u, a, o) -> ActivationsGradients.seluPullback(p[0], u, a, o))
            .value((v, p) -> ValueVersions.selu(v[0])),
        of("mish", "x").in(-5, 5).edge(0).kink(p -> p[0])
            .primal(p -> Activations.mish(p[0]))
            .record(p -> ActivationsGradients.mish(p[0]))
            .into((p, d) -> ActivationsGradients.mishInto(p[0], d))
            .pullback((p, u, a, o) -> ActivationsGradients.mishPullback(p[0], u, a, o))
            .value((v, p) -> ValueVersions.mish(v[0])),

        // ---- Losses (the point is prediction or score, then the @NoDerivative data) ----
        of("squaredError", "prediction").in(-5, 5, -5, 5)
            .primal(p -> Losses.squaredError(p[0], p[1]))
            .record(p -> LossesGradients.squaredError(p[0], p[1]))
            .into((p, d) -> LossesGradients.squaredErrorInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> LossesGradients.squaredErrorPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.squaredError(v[0], p[1])),
        of("huber", "prediction").in(-5, 5, -5, 5, 0.5, 2).edge(1, 1, 1).edge(2, 1, 1).edge(0, 1, 1)
            .kink(p -> p[0] - p[1]).kink(p -> Math.abs(p[0] - p[1]) - p[2])
            .primal(p -> Losses.huber(p[0], p[1], p[2]))
            .record(p -> LossesGradients.huber(p[0], p[1], p[2]))
            .into((p, d) -> LossesGradients.huberInto(p[0], p[1], p[2], d))
            .pullback((p, u, a, o) -> LossesGradients.huberPullback(p[0], p[1], p[2], u, a, o))
            .value((v, p) -> ValueVersions.huber(v[0], p[1], p[2])),
        of("logCosh", "prediction", "target").in(-4, 4, -4, 4).edge(1, 1)
            .primal(p -> Losses.logCosh(p[0], p[1]))
            .record(p -> LossesGradients.logCosh(p[0], p[1]))
            .into((p, d) -> LossesGradients.logCoshInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> LossesGradients.logCoshPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.logCosh(v[0], v[1])),
        of("logisticLoss[label=1]", "score").in(-6, 6).kink(p -> p[0])
            .primal(p -> Losses.logisticLoss(p[0], 1))
            .record(p -> LossesGradients.logisticLoss(p[0], 1))
            .into((p, d) -> LossesGradients.logisticLossInto(p[0], 1, d))
            .pullback((p, u, a, o) -> LossesGradients.logisticLossPullback(p[0], 1, u, a, o))
            .value((v, p) -> ValueVersions.logisticLoss(v[0], 1)),
        of("logisticLoss[label=-1]", "score").in(-6, 6).kink(p -> p[0])
            .primal(p -> Losses.logisticLoss(p[0], -1))
            .record(p -> LossesGradients.logisticLoss(p[0], -1))
            .into((p, d) -> LossesGradients.logisticLossInto(p[0], -1, d))
            .pullback((p, u, a, o) -> LossesGradients.logisticLossPullback(p[0], -1, u, a, o))
            .value((v, p) -> ValueVersions.logisticLoss(v[0], -1)),
        of("binaryCrossEntropy", "logit").in(-6, 6, 0, 1).kink(p -> p[0])
            .primal(p -> Losses.binaryCrossEntropy(p[0], p[1]))
            .record(p -> LossesGradients.binaryCrossEntropy(p[0], p[1]))
            .into((p, d) -> LossesGradients.binaryCrossEntropyInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> LossesGradients.binaryCrossEntropyPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.binaryCrossEntropy(v[0], p[1])),
        of("pinball", "prediction", "target").in(-3, 3, -3, 3, 0.1, 0.9).edge(1, 1, 0.3).kink(p -> p[1] - p[0])
            .primal(p -> Losses.pinball(p[0], p[1], p[2]))
            .record(p -> LossesGradients.pinball(p[0], p[1], p[2]))
            .into((p, d) -> LossesGradients.pinballInto(p[0], p[1], p[2], d))
            .pullback((p, u, a, o) -> LossesGradients.pinballPullback(p[0], p[1], p[2], u, a, o))
            .value((v, p) -> ValueVersions.pinball(v[0], v[1], p[2])),
        of("hinge[label=1]", "score").in(-3, 3).edge(1).kink(p -> 1 - p[0])
            .primal(p -> Losses.hinge(p[0], 1))
            .record(p -> LossesGradients.hinge(p[0], 1))
            .into((p, d) -> LossesGradients.hingeInto(p[0], 1, d))
            .pullback((p, u, a, o) -> LossesGradients.hingePullback(p[0], 1, u, a, o))
            .value((v, p) -> ValueVersions.hinge(v[0], 1)),
        of("hinge[label=-1]", "score").in(-3, 3).kink(p -> 1 + p[0])
            .primal(p -> Losses.hinge(p[0], -1))
            .record(p -> LossesGradients.hinge(p[0], -1))
            .into((p, d) -> LossesGradients.hingeInto(p[0], -1, d))
            .pullback((p, u, a, o) -> LossesGradients.hingePullback(p[0], -1, u, a, o))
            .value((v, p) -> ValueVersions.hinge(v[0], -1)),

        // ---- TestFunctions ----
        of("rosenbrock", "x", "y").in(-2, 2, -1, 3)
            .primal(p -> TestFunctions.rosenbrock(p[0], p[1]))
            .record(p -> TestFunctionsGradients.rosenbrock(p[0], p[1]))
            .into((p, d) -> TestFunctionsGradients.rosenbrockInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> TestFunctionsGradients.rosenbrockPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.rosenbrock(v[0], v[1])),
        of("himmelblau", "x", "y").in(-5, 5, -5, 5)
            .primal(p -> TestFunctions.himmelblau(p[0], p[1]))
            .record(p -> TestFunctionsGradients.himmelblau(p[0], p[1]))
            .into((p, d) -> TestFunctionsGradients.himmelblauInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> TestFunctionsGradients.himmelblauPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.himmelblau(v[0], v[1])),
        of("beale", "x", "y").in(-4.5, 4.5, -4.5, 4.5)
            .primal(p -> TestFunctions.beale(p[0], p[1]))
            .record(p -> TestFunctionsGradients.beale(p[0], p[1]))
            .into((p, d) -> TestFunctionsGradients.bealeInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> TestFunctionsGradients.bealePullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.beale(v[0], v[1])),
        of("booth", "x", "y").in(-10, 10, -10, 10)
            .primal(p -> TestFunctions.booth(p[0], p[1]))
            .record(p -> TestFunctionsGradients.booth(p[0], p[1]))
            .into((p, d) -> TestFunctionsGradients.boothInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> TestFunctionsGradients.boothPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.booth(v[0], v[1])),
        of("ackley", "x", "y").in(-3, 3, -3, 3).where(p -> Math.hypot(p[0], p[1]) > 0.1)
            .primal(p -> TestFunctions.ackley(p[0], p[1]))
            .record(p -> TestFunctionsGradients.ackley(p[0], p[1]))
            .into((p, d) -> TestFunctionsGradients.ackleyInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> TestFunctionsGradients.ackleyPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.ackley(v[0], v[1])),
        of("rastrigin", "x", "y").in(-5.12, 5.12, -5.12, 5.12)
            .primal(p -> TestFunctions.rastrigin(p[0], p[1]))
            .record(p -> TestFunctionsGradients.rastrigin(p[0], p[1]))
            .into((p, d) -> TestFunctionsGradients.rastriginInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> TestFunctionsGradients.rastriginPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.rastrigin(v[0], v[1])),
        of("matyas", "x", "y").in(-10, 10, -10, 10)
            .primal(p -> TestFunctions.matyas(p[0], p[1]))
            .record(p -> TestFunctionsGradients.matyas(p[0], p[1]))
            .into((p, d) -> TestFunctionsGradients.matyasInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> TestFunctionsGradients.matyasPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.matyas(v[0], v[1])),
        of("threeHumpCamel", "x", "y").in(-3, 3, -3, 3)
            .primal(p -> TestFunctions.threeHumpCamel(p[0], p[1]))
            .record(p -> TestFunctionsGradients.threeHumpCamel(p[0], p[1]))
            .into((p, d) -> TestFunctionsGradients.threeHumpCamelInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> TestFunctionsGradients.threeHumpCamelPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.threeHumpCamel(v[0], v[1])),
        of("goldsteinPrice", "x", "y").in(-2, 2, -2, 2)
            .primal(p -> TestFunctions.goldsteinPrice(p[0], p[1]))
            .record(p -> TestFunctionsGradients.goldsteinPrice(p[0], p[1]))
            .into((p, d) -> TestFunctionsGradients.goldsteinPriceInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> TestFunctionsGradients.goldsteinPricePullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.goldsteinPrice(v[0], v[1])),
        of("styblinskiTang", "x", "y").in(-5, 5, -5, 5)
            .primal(p -> TestFunctions.styblinskiTang(p[0], p[1]))
            .record(p -> TestFunctionsGradients.styblinskiTang(p[0], p[1]))
            .into((p, d) -> TestFunctionsGradients.styblinskiTangInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> TestFunctionsGradients.styblinskiTangPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.styblinskiTang(v[0], v[1])),

        // ---- Misc ----
        of("piecewiseLinear", "x").in(-4, 5).edge(-1).edge(2).kink(p -> p[0] + 1).kink(p -> p[0] - 2)
            .primal(p -> Misc.piecewiseLinear(p[0]))
            .record(p -> MiscGradients.piecewiseLinear(p[0]))
            .into((p, d) -> MiscGradients.piecewiseLinearInto(p[0], d))
            .pullback((p, u, a, o) -> MiscGradients.piecewiseLinearPullback(p[0], u, a, o))
            .value((v, p) -> ValueVersions.piecewiseLinear(v[0])),
        of("smoothstep", "edge0", "edge1", "x").in(-2, 0, 1, 3, -3, 4).edge(0, 1, 0).edge(0, 1, 1).edge(0, 1, 0.5)
            .kink(p -> (p[2] - p[0]) / (p[1] - p[0])).kink(p -> (p[2] - p[0]) / (p[1] - p[0]) - 1)
            .primal(p -> Misc.smoothstep(p[0], p[1], p[2]))
            .record(p -> MiscGradients.smoothstep(p[0], p[1], p[2]))
            .into((p, d) -> MiscGradients.smoothstepInto(p[0], p[1], p[2], d))
            .pullback((p, u, a, o) -> MiscGradients.smoothstepPullback(p[0], p[1], p[2], u, a, o))
            .value((v, p) -> ValueVersions.smoothstep(v[0], v[1], v[2])),
        of("sawtooth", "x", "amplitude").in(-3, 3, 0.5, 2).edge(1, 1).edge(-2, 1).kink(p -> Math.sin(Math.PI * p[0]))
            .primal(p -> Misc.sawtooth(p[0], p[1]))
            .record(p -> MiscGradients.sawtooth(p[0], p[1]))
            .into((p, d) -> MiscGradients.sawtoothInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> MiscGradients.sawtoothPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.sawtooth(v[0], v[1])),
        of("chebyshev[n=3]", "x").in(-1, 1).where(p -> Math.abs(p[0]) < 0.99)
            .primal(p -> Misc.chebyshev(p[0], 3))
            .record(p -> MiscGradients.chebyshev(p[0], 3))
            .into((p, d) -> MiscGradients.chebyshevInto(p[0], 3, d))
            .pullback((p, u, a, o) -> MiscGradients.chebyshevPullback(p[0], 3, u, a, o))
            .value((v, p) -> ValueVersions.chebyshev(v[0], 3)),
        of("chebyshev[n=6]", "x").in(-1, 1).where(p -> Math.abs(p[0]) < 0.99)
            .primal(p -> Misc.chebyshev(p[0], 6))
            .record(p -> MiscGradients.chebyshev(p[0], 6))
            .into((p, d) -> MiscGradients.chebyshevInto(p[0], 6, d))
            .pullback((p, u, a, o) -> MiscGradients.chebyshevPullback(p[0], 6, u, a, o))
            .value((v, p) -> ValueVersions.chebyshev(v[0], 6)),
        of("reassignmentChain", "x", "y").in(-2, 2, -2, 2)
            .primal(p -> Misc.reassignmentChain(p[0], p[1]))
            .record(p -> MiscGradients.reassignmentChain(p[0], p[1]))
            .into((p, d) -> MiscGradients.reassignmentChainInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> MiscGradients.reassignmentChainPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.reassignmentChain(v[0], v[1])),
        of("ternaryChain", "x", "y").in(-3, 3, -3, 3).edge(1, 1).edge(0, -1).edge(-1, 1)
            .kink(p -> p[0] - p[1]).kink(p -> p[0]).kink(p -> p[1] - 1)
            .primal(p -> Misc.ternaryChain(p[0], p[1]))
            .record(p -> MiscGradients.ternaryChain(p[0], p[1]))
            .into((p, d) -> MiscGradients.ternaryChainInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> MiscGradients.ternaryChainPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.ternaryChain(v[0], v[1])),
        of("logSumExp", "a", "b").in(-5, 5, -5, 5).edge(1, 1).edge(0, 0).edge(700, -700).kink(p -> p[0] - p[1])
            .primal(p -> Misc.logSumExp(p[0], p[1]))
            .record(p -> MiscGradients.logSumExp(p[0], p[1]))
            .into((p, d) -> MiscGradients.logSumExpInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> MiscGradients.logSumExpPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.logSumExp(v[0], v[1])),
        of("twentyOps", "x", "y", "z").in(-2, 2, -2, 2, -2, 2)
            .primal(p -> Misc.twentyOps(p[0], p[1], p[2]))
            .record(p -> MiscGradients.twentyOps(p[0], p[1], p[2]))
            .into((p, d) -> MiscGradients.twentyOpsInto(p[0], p[1], p[2], d))
            .pullback((p, u, a, o) -> MiscGradients.twentyOpsPullback(p[0], p[1], p[2], u, a, o))
            .value((v, p) -> ValueVersions.twentyOps(v[0], v[1], v[2])),
        of("roundedProduct", "x", "y").in(-3, 3, -3, 3).edge(0, 0).edge(1, 0.5).edge(2, -1.5)
            .kink(p -> Math.sin(Math.PI * p[0])) // ceil(x)
            .kink(p -> Math.cos(Math.PI * p[1])) // round(y)
            .kink(p -> Math.cos(Math.PI * p[0] * p[1])) // rint(x·y)
            .kink(p -> p[1]) // signum(y)
            .primal(p -> Misc.roundedProduct(p[0], p[1]))
            .record(p -> MiscGradients.roundedProduct(p[0], p[1]))
            .into((p, d) -> MiscGradients.roundedProductInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> MiscGradients.roundedProductPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.roundedProduct(v[0], v[1])),
        of("withIncrements[k=3]", "x").in(-3, 3)
            .primal(p -> Misc.withIncrements(p[0], 3))
            .record(p -> MiscGradients.withIncrements(p[0], 3))
            .into((p, d) -> MiscGradients.withIncrementsInto(p[0], 3, d))
            .pullback((p, u, a, o) -> MiscGradients.withIncrementsPullback(p[0], 3, u, a, o))
            .value((v, p) -> ValueVersions.withIncrements(v[0], 3)),
        of("withIncrements[k=-5]", "x").in(-3, 3)
            .primal(p -> Misc.withIncrements(p[0], -5))
            .record(p -> MiscGradients.withIncrements(p[0], -5))
            .into((p, d) -> MiscGradients.withIncrementsInto(p[0], -5, d))
            .pullback((p, u, a, o) -> MiscGradients.withIncrementsPullback(p[0], -5, u, a, o))
            .value((v, p) -> ValueVersions.withIncrements(v[0], -5)),

        // ---- Geometry ----
        of("distance", "x1", "y1", "x2", "y2").in(-5, 5, -5, 5, -5, 5, -5, 5).edge(0, 0, 3, 4).edge(1e-200, 0, 0, 1e-200)
            .where(p -> Math.hypot(p[2] - p[0], p[3] - p[1]) > 0.1)
            .primal(p -> Geometry.distance(p[0], p[1], p[2], p[3]))
            .record(p -> GeometryGradients.distance(p[0], p[1], p[2], p[3]))
            .into((p, d) -> GeometryGradients.distanceInto(p[0], p[1], p[2], p[3], d))
            .pullback((p, u, a, o) -> GeometryGradients.distancePullback(p[0], p[1], p[2], p[3], u, a, o))
            .value((v, p) -> ValueVersions.distance(v[0], v[1], v[2], v[3])),
        of("angle", "x", "y").in(-3, 3, -3, 3).edge(1, 0).edge(0, 1).edge(-1, 1e-300).kink(p -> p[0]).kink(p -> p[1])
            .primal(p -> Geometry.angle(p[0], p[1]))
            .record(p -> GeometryGradients.angle(p[0], p[1]))
            .into((p, d) -> GeometryGradients.angleInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> GeometryGradients.anglePullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.angle(v[0], v[1])),
        of("polarX", "r", "theta").in(0, 3, -Math.PI, Math.PI).edge(0, 0).edge(1, Math.PI)
            .primal(p -> Geometry.polarX(p[0], p[1]))
            .record(p -> GeometryGradients.polarX(p[0], p[1]))
            .into((p, d) -> GeometryGradients.polarXInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> GeometryGradients.polarXPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.polarX(v[0], v[1])),
        of("polarY", "r", "theta").in(0, 3, -Math.PI, Math.PI)
            .primal(p -> Geometry.polarY(p[0], p[1]))
            .record(p -> GeometryGradients.polarY(p[0], p[1]))
            .into((p, d) -> GeometryGradients.polarYInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> GeometryGradients.polarYPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.polarY(v[0], v[1])),
        of("haversine", "lat1", "lon1", "lat2", "lon2").in(-80, 80, -180, 180, -80, 80, -180, 180)
            .where(p -> {
              double km = Geometry.haversine(p[0], p[1], p[2], p[3]);
              return km > 10 && km < 19_000; // away from coincident and antipodal points
            })
            .primal(p -> Geometry.haversine(p[0], p[1], p[2], p[3]))
            .record(p -> GeometryGradients.haversine(p[0], p[1], p[2], p[3]))
            .into((p, d) -> GeometryGradients.haversineInto(p[0], p[1], p[2], p[3], d))
            .pullback((p, u, a, o) -> GeometryGradients.haversinePullback(p[0], p[1], p[2], p[3], u, a, o))
            .value((v, p) -> ValueVersions.haversine(v[0], v[1], v[2], v[3])),
        of("triangleArea", "a", "b", "c").in(1, 5, 1, 5, 1, 5)
            .where(p -> p[0] + p[1] - p[2] > 0.1 && p[1] + p[2] - p[0] > 0.1 && p[2] + p[0] - p[1] > 0.1)
            .primal(p -> Geometry.triangleArea(p[0], p[1], p[2]))
            .record(p -> GeometryGradients.triangleArea(p[0], p[1], p[2]))
            .into((p, d) -> GeometryGradients.triangleAreaInto(p[0], p[1], p[2], d))
            .pullback((p, u, a, o) -> GeometryGradients.triangleAreaPullback(p[0], p[1], p[2], u, a, o))
            .value((v, p) -> ValueVersions.triangleArea(v[0], v[1], v[2])),
        of("angleBetween", "ax", "ay", "bx", "by").in(-3, 3, -3, 3, -3, 3, -3, 3)
            .where(p -> {
              double na = Math.hypot(p[0], p[1]);
              double nb = Math.hypot(p[2], p[3]);
              return na > 0.1 && nb > 0.1 && Math.abs((p[0] * p[2] + p[1] * p[3]) / (na * nb)) < 0.99;
            })
            .primal(p -> Geometry.angleBetween(p[0], p[1], p[2], p[3]))
            .record(p -> GeometryGradients.angleBetween(p[0], p[1], p[2], p[3]))
            .into((p, d) -> GeometryGradients.angleBetweenInto(p[0], p[1], p[2], p[3], d))
            .pullback((p, u, a, o) -> GeometryGradients.angleBetweenPullback(p[0], p[1], p[2], p[3], u, a, o))
            .value((v, p) -> ValueVersions.angleBetween(v[0], v[1], v[2], v[3])),
        of("bearingDegrees", "x1", "y1", "x2", "y2").in(-5, 5, -5, 5, -5, 5, -5, 5)
            .where(p -> Math.hypot(p[2] - p[0], p[3] - p[1]) > 0.1)
            .kink(p -> p[2] - p[0]).kink(p -> p[3] - p[1])
            .primal(p -> Geometry.bearingDegrees(p[0], p[1], p[2], p[3]))
            .record(p -> GeometryGradients.bearingDegrees(p[0], p[1], p[2], p[3]))
            .into((p, d) -> GeometryGradients.bearingDegreesInto(p[0], p[1], p[2], p[3], d))
            .pullback((p, u, a, o) -> GeometryGradients.bearingDegreesPullback(p[0], p[1], p[2], p[3], u, a, o))
            .value((v, p) -> ValueVersions.bearingDegrees(v[0], v[1], v[2], v[3])),

        // ---- Finance ----
        of("compoundInterest[monthly]", "principal", "rate", "years").in(100, 10_000, 0.001, 0.2, 0.5, 30)
            .primal(p -> Finance.compoundInterest(p[0], p[1], 12, p[2]))
            .record(p -> FinanceGradients.compoundInterest(p[0], p[1], 12, p[2]))
            .into((p, d) -> FinanceGradients.compoundInterestInto(p[0], p[1], 12, p[2], d))
            .pullback((p, u, a, o) -> FinanceGradients.compoundInterestPullback(p[0], p[1], 12, p[2], u, a, o))
            .value((v, p) -> ValueVersions.compoundInterest(v[0], v[1], 12, v[2])),
        of("compoundInterest[yearly]", "principal", "rate", "years").in(100, 10_000, 0.001, 0.2, 0.5, 30)
            .primal(p -> Finance.compoundInterest(p[0], p[1], 1, p[2]))
            .record(p -> FinanceGradients.compoundInterest(p[0], p[1], 1, p[2]))
            .into((p, d) -> FinanceGradients.compoundInterestInto(p[0], p[1], 1, p[2], d))
            .pullback((p, u, a, o) -> FinanceGradients.compoundInterestPullback(p[0], p[1], 1, p[2], u, a, o))
            .value((v, p) -> ValueVersions.compoundInterest(v[0], v[1], 1, v[2])),
        of("continuousCompounding", "principal", "rate", "years").in(100, 10_000, -0.05, 0.2, 0, 30)
            .primal(p -> Finance.continuousCompounding(p[0], p[1], p[2]))
            .record(p -> FinanceGradients.continuousCompounding(p[0], p[1], p[2]))
            .into((p, d) -> FinanceGradients.continuousCompoundingInto(p[0], p[1], p[2], d))
            .pullback((p, u, a, o) -> FinanceGradients.continuousCompoundingPullback(p[0], p[1], p[2], u, a, o))
            .value((v, p) -> ValueVersions.continuousCompounding(v[0], v[1], v[2])),
        of("annuityPayment[360]", "principal", "rate").in(1_000, 500_000, 0.0005, 0.02)
            .primal(p -> Finance.annuityPayment(p[0], p[1], 360))
            .record(p -> FinanceGradients.annuityPayment(p[0], p[1], 360))
            .into((p, d) -> FinanceGradients.annuityPaymentInto(p[0], p[1], 360, d))
            .pullback((p, u, a, o) -> FinanceGradients.annuityPaymentPullback(p[0], p[1], 360, u, a, o))
            .value((v, p) -> ValueVersions.annuityPayment(v[0], v[1], 360)),
        of("presentValue", "rate", "c1", "c2", "c3").in(0, 0.3, -1000, 1000, -1000, 1000, -1000, 1000)
            .primal(p -> Finance.presentValue(p[0], p[1], p[2], p[3]))
            .record(p -> FinanceGradients.presentValue(p[0], p[1], p[2], p[3]))
            .into((p, d) -> FinanceGradients.presentValueInto(p[0], p[1], p[2], p[3], d))
            .pullback((p, u, a, o) -> FinanceGradients.presentValuePullback(p[0], p[1], p[2], p[3], u, a, o))
            .value((v, p) -> ValueVersions.presentValue(v[0], v[1], v[2], v[3])),

        // ---- Arithmetic ----
        of("integerDivision[n=7]", "x").in(-3, 3)
            .primal(p -> Arithmetic.integerDivision(p[0], 7))
            .record(p -> ArithmeticGradients.integerDivision(p[0], 7))
            .into((p, d) -> ArithmeticGradients.integerDivisionInto(p[0], 7, d))
            .pullback((p, u, a, o) -> ArithmeticGradients.integerDivisionPullback(p[0], 7, u, a, o))
            .value((v, p) -> ValueVersions.integerDivision(v[0], 7)),
        of("integerDivision[n=-5]", "x").in(-3, 3)
            .primal(p -> Arithmetic.integerDivision(p[0], -5))
            .record(p -> ArithmeticGradients.integerDivision(p[0], -5))
            .into((p, d) -> ArithmeticGradients.integerDivisionInto(p[0], -5, d))
            .pullback((p, u, a, o) -> ArithmeticGradients.integerDivisionPullback(p[0], -5, u, a, o))
            .value((v, p) -> ValueVersions.integerDivision(v[0], -5)),
        of("literals[m=5]", "x").in(-3, 3)
            .primal(p -> Arithmetic.literals(p[0], 5L))
            .record(p -> ArithmeticGradients.literals(p[0], 5L))
            .into((p, d) -> ArithmeticGradients.literalsInto(p[0], 5L, d))
            .pullback((p, u, a, o) -> ArithmeticGradients.literalsPullback(p[0], 5L, u, a, o))
            .value((v, p) -> ValueVersions.literals(v[0], 5L)),
        of("literals[m=-40]", "x").in(-3, 3)
            .primal(p -> Arithmetic.literals(p[0], -40L))
            .record(p -> ArithmeticGradients.literals(p[0], -40L))
            .into((p, d) -> ArithmeticGradients.literalsInto(p[0], -40L, d))
            .pullback((p, u, a, o) -> ArithmeticGradients.literalsPullback(p[0], -40L, u, a, o))
            .value((v, p) -> ValueVersions.literals(v[0], -40L)),
        of("reassignedParameters", "x", "y").in(-2, 2, -2, 2)
            .primal(p -> Arithmetic.reassignedParameters(p[0], p[1]))
            .record(p -> ArithmeticGradients.reassignedParameters(p[0], p[1]))
            .into((p, d) -> ArithmeticGradients.reassignedParametersInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> ArithmeticGradients.reassignedParametersPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.reassignedParameters(v[0], v[1])),
        of("booleans[flip=true]", "x", "y").in(-3, 3, -1, 4).edge(1, 0).edge(-1, 3)
            .kink(p -> p[0] - 1).kink(p -> p[0] + 1).kink(p -> p[1] - 2).kink(p -> p[1] - 3)
            .primal(p -> Arithmetic.booleans(p[0], p[1], true))
            .record(p -> ArithmeticGradients.booleans(p[0], p[1], true))
            .into((p, d) -> ArithmeticGradients.booleansInto(p[0], p[1], true, d))
            .pullback((p, u, a, o) -> ArithmeticGradients.booleansPullback(p[0], p[1], true, u, a, o))
            .value((v, p) -> ValueVersions.booleans(v[0], v[1], true)),
        of("booleans[flip=false]", "x", "y").in(-3, 3, -1, 4)
            .kink(p -> p[0] - 1).kink(p -> p[0] + 1).kink(p -> p[1] - 2).kink(p -> p[1] - 3)
            .primal(p -> Arithmetic.booleans(p[0], p[1], false))
            .record(p -> ArithmeticGradients.booleans(p[0], p[1], false))
            .into((p, d) -> ArithmeticGradients.booleansInto(p[0], p[1], false, d))
            .pullback((p, u, a, o) -> ArithmeticGradients.booleansPullback(p[0], p[1], false, u, a, o))
            .value((v, p) -> ValueVersions.booleans(v[0], v[1], false)),
        of("intMath[n=4]", "x").in(-10, 10).edge(1).edge(0).kink(p -> p[0]).kink(p -> p[0] - 1)
            .primal(p -> Arithmetic.intMath(p[0], 4))
            .record(p -> ArithmeticGradients.intMath(p[0], 4))
            .into((p, d) -> ArithmeticGradients.intMathInto(p[0], 4, d))
            .pullback((p, u, a, o) -> ArithmeticGradients.intMathPullback(p[0], 4, u, a, o))
            .value((v, p) -> ValueVersions.intMath(v[0], 4)),
        of("intMath[n=-2]", "x").in(-10, 10).kink(p -> p[0]).kink(p -> p[0] - 8)
            .primal(p -> Arithmetic.intMath(p[0], -2))
            .record(p -> ArithmeticGradients.intMath(p[0], -2))
            .into((p, d) -> ArithmeticGradients.intMathInto(p[0], -2, d))
            .pullback((p, u, a, o) -> ArithmeticGradients.intMathPullback(p[0], -2, u, a, o))
            .value((v, p) -> ValueVersions.intMath(v[0], -2)),
        of("composed", "x", "y").in(-3, 3, -3, 3).kink(p -> p[0])
            .primal(p -> Arithmetic.composed(p[0], p[1]))
            .record(p -> ArithmeticGradients.composed(p[0], p[1]))
            .into((p, d) -> ArithmeticGradients.composedInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> ArithmeticGradients.composedPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.composed(v[0], v[1])),
        of("callsInTernary", "x", "y").in(-3, 3, -3, 3).kink(p -> p[0] - p[1])
            .primal(p -> Arithmetic.callsInTernary(p[0], p[1]))
            .record(p -> ArithmeticGradients.callsInTernary(p[0], p[1]))
            .into((p, d) -> ArithmeticGradients.callsInTernaryInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> ArithmeticGradients.callsInTernaryPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.callsInTernary(v[0], v[1])),
        of("nestedEarlyReturn", "x", "y").in(-2, 2, -2, 2).edge(0, 0).edge(0, 1).edge(1, 0)
            .kink(p -> p[0]).kink(p -> p[1]).kink(p -> p[1] - 1)
            .primal(p -> Arithmetic.nestedEarlyReturn(p[0], p[1]))
            .record(p -> ArithmeticGradients.nestedEarlyReturn(p[0], p[1]))
            .into((p, d) -> ArithmeticGradients.nestedEarlyReturnInto(p[0], p[1], d))
            .pullback((p, u, a, o) -> ArithmeticGradients.nestedEarlyReturnPullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.nestedEarlyReturn(v[0], v[1])),

        // ---- Names: a parameter called value (its component is value_), and overloads ----
        of("clashes", "value_", "upstream", "adjoints", "partials").in(-2, 2, -2, 2, -2, 2, -2, 2)
            .primal(p -> Names.clashes(p[0], p[1], p[2], p[3]))
            .record(p -> NamesGradients.clashes(p[0], p[1], p[2], p[3]))
            .into((p, d) -> NamesGradients.clashesInto(p[0], p[1], p[2], p[3], d))
            .pullback((p, u, a, o) -> NamesGradients.clashesPullback(p[0], p[1], p[2], p[3], u, a, o))
            .value((v, p) -> ValueVersions.clashes(v[0], v[1], v[2], v[3])),
        of("norm2/2", "x", "y").in(-3, 3, -3, 3)
            .primal(p -> Names.norm2(p[0], p[1]))
            .record(p -> NamesGradients.norm2(p[0], p[1]))
            .into((p, d) -> NamesGradients.norm2Into(p[0], p[1], d))
            .pullback((p, u, a, o) -> NamesGradients.norm2Pullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.norm2(v[0], v[1])),
        of("norm2/3", "x", "y", "z").in(-3, 3, -3, 3, -3, 3)
            .primal(p -> Names.norm2(p[0], p[1], p[2]))
            .record(p -> NamesGradients.norm2(p[0], p[1], p[2]))
            .into((p, d) -> NamesGradients.norm2Into(p[0], p[1], p[2], d))
            .pullback((p, u, a, o) -> NamesGradients.norm2Pullback(p[0], p[1], p[2], u, a, o))
            .value((v, p) -> ValueVersions.norm2(v[0], v[1], v[2])),

        // ---- Kernels and the nested Kernels.Gaussian ----
        of("matern32", "r", "lengthScale").in(0, 5, 0.1, 3).edge(0, 1)
            .primal(p -> Kernels.matern32(p[0], p[1]))
            .record(p -> KernelsGradients.matern32(p[0], p[1]))
            .into((p, d) -> KernelsGradients.matern32Into(p[0], p[1], d))
            .pullback((p, u, a, o) -> KernelsGradients.matern32Pullback(p[0], p[1], u, a, o))
            .value((v, p) -> ValueVersions.matern32(v[0], v[1])),
        of("Gaussian.rbf", "x", "y", "lengthScale", "variance").in(-3, 3, -3, 3, 0.2, 3, 0.1, 5)
            .primal(p -> Kernels.Gaussian.rbf(p[0], p[1], p[2], p[3]))
            .record(p -> Kernels_GaussianGradients.rbf(p[0], p[1], p[2], p[3]))
            .into((p, d) -> Kernels_GaussianGradients.rbfInto(p[0], p[1], p[2], p[3], d))
            .pullback((p, u, a, o) -> Kernels_GaussianGradients.rbfPullback(p[0], p[1], p[2], p[3], u, a, o))
            .value((v, p) -> ValueVersions.rbf(v[0], v[1], v[2], v[3])),
        of("Gaussian.logPdf", "x", "mu", "sigma").in(-5, 5, -5, 5, 0.1, 3)
            .primal(p -> Kernels.Gaussian.logPdf(p[0], p[1], p[2]))
            .record(p -> Kernels_GaussianGradients.logPdf(p[0], p[1], p[2]))
            .into((p, d) -> Kernels_GaussianGradients.logPdfInto(p[0], p[1], p[2], d))
            .pullback((p, u, a, o) -> Kernels_GaussianGradients.logPdfPullback(p[0], p[1], p[2], u, a, o))
            .value((v, p) -> ValueVersions.logPdf(v[0], v[1], v[2])));
  }
}
