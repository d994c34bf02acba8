package io.adjoint.samples.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.GradCheck;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The LSTM objective's generated gradient against central differences ({@link GradCheck}), and its
 * tangent against the gradient along a random direction, at several numbers of layers, units and steps.
 */
class LstmTest {
  /** An instance: parameters, state and a sequence of one-hot-like characters, from a seed. */
  record Instance(double[] main, double[] extra, double[] state, double[] sequence, int layers, int size, int steps) {
    static Instance random(int layers, int size, int steps, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      double[] sequence = new double[steps * size];
      for (int t = 0; t < steps; t++) {
        sequence[t * size + random.nextInt(size)] = 1.0;
      }
      return new Instance(
          random.doubles(layers * 8 * size, -0.5, 0.5).toArray(),
          random.doubles(3 * size, -0.5, 0.5).toArray(),
          random.doubles(layers * 2 * size, -0.5, 0.5).toArray(),
          sequence,
          layers,
          size,
          steps);
    }

    double objective(double[] flat) {
      return Lstm.objective(
          Arrays.copyOfRange(flat, 0, main.length),
          Arrays.copyOfRange(flat, main.length, flat.length),
          state, sequence, layers, size, steps);
    }

    double[] flat() {
      double[] flat = Arrays.copyOf(main, main.length + extra.length);
      System.arraycopy(extra, 0, flat, main.length, extra.length);
      return flat;
    }
  }

  @ParameterizedTest(name = "layers {0}, size {1}, steps {2}")
  @CsvSource({"1, 3, 2", "2, 3, 4", "2, 5, 6", "4, 4, 3"})
  void gradientMatchesCentralDifferences(int layers, int size, int steps) {
    Instance in = Instance.random(layers, size, steps, 17L * layers + size + steps);
    double[] state = in.state().clone();
    GradCheck.checkInto(
            in::objective,
            (p, g) -> LstmGradients.objectiveInto(
                Arrays.copyOfRange(p, 0, in.main().length),
                Arrays.copyOfRange(p, in.main().length, p.length),
                in.state(), in.sequence(), layers, size, steps, g),
            in.flat())
        .assertPassed();
    assertEquals(Arrays.toString(state), Arrays.toString(in.state()), "the caller's state is left alone");
  }

  @ParameterizedTest(name = "layers {0}, size {1}, steps {2}")
  @CsvSource({"2, 3, 4", "3, 6, 5"})
  void tangentIsTheGradientAlongTheDirection(int layers, int size, int steps) {
    Instance in = Instance.random(layers, size, steps, 5L * layers + size);
    SplittableRandom random = new SplittableRandom(99);
    double[] mainDot = random.doubles(in.main().length, -1, 1).toArray();
    double[] extraDot = random.doubles(in.extra().length, -1, 1).toArray();
    LstmGradients.ObjectiveGradient g =
        LstmGradients.objective(in.main(), in.extra(), in.state(), in.sequence(), layers, size, steps);
    double expected = 0;
    double scale = 0;
    for (int i = 0; i < mainDot.length; i++) {
      expected += g.main()[i] * mainDot[i];
      scale += Math.abs(g.main()[i] * mainDot[i]);
    }
    for (int i = 0; i < extraDot.length; i++) {
      expected += g.extra()[i] * extraDot[i];
      scale += Math.abs(g.extra()[i] * extraDot[i]);
    }
    LstmGradients.ObjectiveTangent t =
        LstmGradients.objectiveTangent(
            in.main(), in.extra(), in.state(), in.sequence(), layers, size, steps, mainDot, extraDot);
    assertEquals(g.value(), t.value());
    assertEquals(expected, t.tangent(), 1e-12 * scale);
  }
}
