package io.adjoint.samples.identities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.samples.gmm.Gmm;
import io.adjoint.samples.gmm.GmmGradients;
import io.adjoint.samples.gmm.GmmInput;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Forward mode on ADBench's GMM objective, a loop-heavy method over {@code double[]} and {@code
 * double[][]} parameters: the generated tangent ({@code objectiveTangent}) along random directions is
 * checked against two oracles, the gradient's ⟨∇f, v⟩ (from the reverse-mode {@code Into} form, itself
 * checked against ADBench's published gradient in {@code GmmTest}) and a central difference of the
 * objective along v.
 */
class TangentTest {
  private static final int DIRECTIONS = 4;

  @TestFactory
  Stream<DynamicTest> gmmTangentIsTheDirectionalDerivative() {
    return Stream.of("gmm_d2_K5.txt", "gmm_d10_K25.txt")
        .flatMap(file -> Stream.iterate(0, i -> i + 1).limit(DIRECTIONS)
            .map(seed -> DynamicTest.dynamicTest(file + ", direction " + seed, () -> check(file, seed))));
  }

  private static void check(String file, long seed) {
    GmmInput in = GmmInput.resource(file);
    double[] x = in.flatParameters();
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[x.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextDouble(-1, 1);
    }
    GmmInput direction = in.withFlatParameters(v);

    GmmGradients.ObjectiveTangent t =
        GmmGradients.objectiveTangent(
            in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM(),
            direction.alphas(), direction.means(), direction.icf());
    double f = objective(in);
    assertEquals(f, t.value(), "the tangent form's value is the objective's, exactly");

    double[] gradient = new double[x.length];
    GmmGradients.objectiveInto(in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM(), gradient);
    double sum = 0;
    double size = 0;
    for (int i = 0; i < x.length; i++) {
      sum += gradient[i] * v[i];
      size += Math.abs(gradient[i] * v[i]);
    }
    double dot = sum;
    double terms = size;
    // two exact computations of the same number, rounded differently: relative to the terms' size
    assertTrue(Math.abs(t.tangent() - dot) <= 1e-12 * terms, () -> "tangent " + t.tangent() + ", ⟨∇f, v⟩ " + dot);

    // a central difference along v: truncation h²·|f'''|, rounding ε·|f|/h, with h = ε^(1/3)
    double h = 1e-5;
    double[] up = x.clone();
    double[] down = x.clone();
    for (int i = 0; i < x.length; i++) {
      up[i] += h * v[i];
      down[i] -= h * v[i];
    }
    double difference = (objective(in.withFlatParameters(up)) - objective(in.withFlatParameters(down))) / (2 * h);
    double tolerance = 1e-6 * Math.max(Math.abs(difference), terms) + 1e-9 * Math.abs(f) / h;
    assertTrue(Math.abs(t.tangent() - difference) <= tolerance,
        () -> "tangent " + t.tangent() + ", central difference " + difference + " (tolerance " + tolerance + ")");
  }

  private static double objective(GmmInput p) {
    return Gmm.objective(p.alphas(), p.means(), p.icf(), p.x(), p.wishartGamma(), p.wishartM());
  }
}
