package io.adjoint.samples.identities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.samples.gmm.Gmm;
import io.adjoint.samples.gmm.GmmGradients;
import io.adjoint.samples.gmm.GmmInput;
import io.adjoint.samples.mlp.Network;
import io.adjoint.samples.mlp.TwoMoons;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks that need no tolerance tuning, on the loop-heavy gradients (ADBench GMM, the perceptron):
 *
 * <ul>
 *   <li>the Taylor test: along a random direction ẋ, the remainder f(x + hẋ) − f(x) − h⟨∇f, ẋ⟩ shrinks as
 *       h², so halving h divides it by about 4 — a wrong gradient leaves a remainder that shrinks as h;
 *   <li>the dot-product test ⟨ẋ, Jᵀȳ⟩ = ⟨Jẋ, ȳ⟩, with Jᵀȳ from the pullback (upstream ȳ) and Jẋ from a
 *       central difference along ẋ.
 * </ul>
 */
class AdjointIdentitiesTest {
  private static final long SEED = 99;

  /** A function of a flat parameter vector, with its gradient there by the pullback form. */
  private interface Problem {
    double value(double[] x);

    /** Adds upstream · ∇f(x) into {@code adjoints}; returns f(x). */
    double pullback(double[] x, double upstream, double[] adjoints);
  }

  private static Problem gmm(String file) {
    GmmInput in = GmmInput.resource(file);
    return new Problem() {
      @Override
      public double value(double[] x) {
        GmmInput p = in.withFlatParameters(x);
        return Gmm.objective(p.alphas(), p.means(), p.icf(), p.x(), p.wishartGamma(), p.wishartM());
      }

      @Override
      public double pullback(double[] x, double upstream, double[] adjoints) {
        GmmInput p = in.withFlatParameters(x);
        return GmmGradients.objectivePullback(
            p.alphas(), p.means(), p.icf(), p.x(), p.wishartGamma(), p.wishartM(), upstream, adjoints, 0);
      }
    };
  }

  private static Problem perceptron() {
    TwoMoons data = TwoMoons.generate(50, 0.1, 5);
    Network template = new Network(2, 8, 8, new SplittableRandom(3));
    return new Problem() {
      @Override
      public double value(double[] x) {
        template.assign(x);
        return template.loss(data);
      }

      @Override
      public double pullback(double[] x, double upstream, double[] adjoints) {
        template.assign(x);
        double[] g = new double[x.length];
        double v = template.lossAndGradient(data, g);
        for (int i = 0; i < g.length; i++) {
          adjoints[i] += upstream * g[i];
        }
        return v;
      }
    };
  }

  private static double[] start(String name) {
    if (name.startsWith("gmm")) {
      return GmmInput.resource(name.substring(4)).flatParameters();
    }
    return new Network(2, 8, 8, new SplittableRandom(3)).flatten();
  }

  @TestFactory
  Stream<DynamicTest> identities() {
    return Stream.of("gmm test.txt", "gmm gmm_d2_K5.txt", "perceptron")
        .flatMap(
            name -> {
              Problem p = name.startsWith("gmm") ? gmm(name.substring(4)) : perceptron();
              double[] x = start(name);
              return Stream.of(
                  DynamicTest.dynamicTest(name + ": Taylor remainder shrinks as h² (seed " + SEED + ")", () -> taylor(p, x)),
                  DynamicTest.dynamicTest(name + ": ⟨ẋ, Jᵀȳ⟩ = ⟨Jẋ, ȳ⟩ (seed " + SEED + ")", () -> dotProduct(p, x)));
            });
  }

  private static double[] direction(int n, SplittableRandom random) {
    double[] d = random.doubles(n, -1, 1).toArray();
    double norm = 0;
    for (double v : d) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < n; i++) {
      d[i] /= norm;
    }
    return d;
  }

  private static double along(ToDoubleFunction<double[]> f, double[] x, double[] d, double h) {
    double[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] += h * d[i];
    }
    return f.applyAsDouble(y);
  }

  private static void taylor(Problem p, double[] x) {
    SplittableRandom random = new SplittableRandom(SEED);
    double[] d = direction(x.length, random);
    double[] g = new double[x.length];
    double f0 = p.pullback(x, 1.0, g);
    double slope = 0;
    for (int i = 0; i < x.length; i++) {
      slope += g[i] * d[i];
    }
    double scale = Math.max(1, Math.abs(f0));
    double previous = Double.NaN;
    int quadratic = 0;
    for (double h = 1e-2; h > 1e-4; h /= 2) {
      double remainder = Math.abs(along(p::value, x, d, h) - f0 - h * slope);
      if (!Double.isNaN(previous) && remainder > 1e-9 * scale) {
        double ratio = previous / remainder;
        if (ratio > 3.5 && ratio < 4.5) {
          quadratic++;
        }
      }
      previous = remainder;
    }
    assertTrue(quadratic >= 3, "the remainder shrinks as h² (" + quadratic + " of the halvings)");
  }

  private static void dotProduct(Problem p, double[] x) {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    double[] d = direction(x.length, random);
    double upstream = random.nextDouble(0.5, 2);
    double[] adjoints = new double[x.length];
    p.pullback(x, upstream, adjoints);
    double left = 0;
    for (int i = 0; i < x.length; i++) {
      left += d[i] * adjoints[i];
    }
    double h = 1e-5;
    double jdot = (along(p::value, x, d, h) - along(p::value, x, d, -h)) / (2 * h);
    double right = jdot * upstream;
    assertEquals(right, left, 1e-6 * Math.max(1, Math.abs(right)));
  }
}
