package io.adjoint.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.adjoint.GradCheck;
import io.adjoint.GradCheck.Component;
import io.adjoint.GradCheck.Report;
import io.adjoint.samples.corpus.TestFunctions;
import io.adjoint.samples.corpus.TestFunctionsGradients;
import io.adjoint.samples.mlp.Network;
import io.adjoint.samples.mlp.TwoMoons;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Generated gradients through {@link GradCheck}, with its default tolerances. */
class GradCheckSamplesTest {

  @Test
  void generatedRosenbrockPassesAtSeededPoints() {
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 20; i++) {
      GradCheck.checkInto(
              p -> TestFunctions.rosenbrock(p[0], p[1]),
              (p, g) -> TestFunctionsGradients.rosenbrockInto(p[0], p[1], g),
              random.nextDouble(-3, 3),
              random.nextDouble(-3, 3))
          .assertPassed();
    }
  }

  /** The generated tangent (forward mode) of Rosenbrock's function, along seeded directions. */
  @Test
  void generatedRosenbrockTangentPasses() {
    SplittableRandom random = new SplittableRandom(23);
    for (int i = 0; i < 20; i++) {
      GradCheck.checkTangent(
              p -> TestFunctions.rosenbrock(p[0], p[1]),
              (p, d) -> TestFunctionsGradients.rosenbrockTangent(p[0], p[1], d[0], d[1]).tangent(),
              new double[] {random.nextDouble(-3, 3), random.nextDouble(-3, 3)},
              new double[] {random.nextDouble(-1, 1), random.nextDouble(-1, 1)})
          .assertPassed();
    }
  }

  /** The perceptron's generated loss gradient over all 44 weights and biases, flattened. */
  @Test
  void generatedPerceptronGradientPasses() {
    Network network = new Network(2, 5, 4, new SplittableRandom(3));
    TwoMoons data = TwoMoons.generate(40, 0.2, 3);
    double[] theta = network.flatten();
    Report report = perceptron(network, data, theta, -1);
    network.assign(theta);
    assertEquals(44, report.components().size());
    report.assertPassed();
  }

  @Test
  void aBrokenComponentOfAGeneratedGradientIsNamed() {
    Network network = new Network(2, 5, 4, new SplittableRandom(3));
    TwoMoons data = TwoMoons.generate(40, 0.2, 3);
    double[] theta = network.flatten();
    Report report = perceptron(network, data, theta, 17);
    network.assign(theta);
    assertFalse(report.passed());
    assertEquals(List.of(17), report.failures().stream().map(Component::index).toList(), report::toString);
  }

  /** GradCheck of the generated loss gradient, with component {@code broken} (if ≥ 0) off by 1%. */
  private static Report perceptron(Network network, TwoMoons data, double[] theta, int broken) {
    return GradCheck.checkInto(
        p -> {
          network.assign(p);
          return network.loss(data);
        },
        (p, g) -> {
          network.assign(p);
          double loss = network.lossAndGradient(data, g);
          if (broken >= 0) {
            g[broken] *= 1.01;
          }
          return loss;
        },
        theta);
  }
}
