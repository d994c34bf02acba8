package io.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation's gradient against central finite differences, at inputs drawn from a seeded {@link
 * SplittableRandom}. Each case's seed is in its display name: rerun a failure with {@code new
 * SplittableRandom(seed)}.
 */
class ValueGradientTest {

  private static final long MASTER_SEED = 0x5EED_2024L;
  private static final int CASES_PER_OPERATION = 25;

  /** Draws the inputs of one case. */
  interface Sampler {
    double[] draw(SplittableRandom random);
  }

  /**
   * One operation under test. The function gets the inputs as leaves and, for operations with a
   * {@code double} operand, the constant {@code c}, drawn per case.
   */
  record Operation(String name, Sampler inputs, Sampler constant, Function<Case, Value> f) {}

  /** The leaves of one evaluation and the case's constant. */
  record Case(Value[] in, double c) {
    Value x() {
      return in[0];
    }

    Value y() {
      return in[1];
    }
  }

  // ---- samplers ----

  static Sampler uniform(int n, double lo, double hi) {
    return r -> r.doubles(n, lo, hi).toArray();
  }

  /** Magnitudes in [lo, hi), either sign: keeps inputs away from a kink or pole at 0. */
  static Sampler awayFromZero(int n, double lo, double hi) {
    return r -> {
      double[] v = r.doubles(n, lo, hi).toArray();
      for (int i = 0; i < n; i++) {
        if (r.nextBoolean()) {
          v[i] = -v[i];
        }
      }
      return v;
    };
  }

  /** Two inputs at least {@code gap} apart, for min and max away from a tie. */
  static Sampler distinctPair(double lo, double hi, double gap) {
    return r -> {
      double a;
      double b;
      do {
        a = r.nextDouble(lo, hi);
        b = r.nextDouble(lo, hi);
      } while (Math.abs(a - b) < gap);
      return new double[] {a, b};
    };
  }

  static final Sampler NO_CONSTANT = r -> new double[] {0.0};

  static List<Operation> operations() {
    return List.of(
        new Operation("add", uniform(2, -10, 10), NO_CONSTANT, k -> k.x().add(k.y())),
        new Operation("add(double)", uniform(1, -10, 10), uniform(1, -10, 10), k -> k.x().add(k.c())),
        new Operation("sub", uniform(2, -10, 10), NO_CONSTANT, k -> k.x().sub(k.y())),
        new Operation("sub(double)", uniform(1, -10, 10), uniform(1, -10, 10), k -> k.x().sub(k.c())),
        new Operation("mul", uniform(2, -10, 10), NO_CONSTANT, k -> k.x().mul(k.y())),
        new Operation("mul(double)", uniform(1, -10, 10), uniform(1, -10, 10), k -> k.x().mul(k.c())),
        new Operation(
            "div",
            r -> new double[] {r.nextDouble(-10, 10), awayFromZero(1, 0.5, 10).draw(r)[0]},
            NO_CONSTANT,
            k -> k.x().div(k.y())),
        new Operation("div(double)", uniform(1, -10, 10), awayFromZero(1, 0.5, 10), k -> k.x().div(k.c())),
        new Operation("pow(double)", uniform(1, 0.1, 5), uniform(1, -3, 3), k -> k.x().pow(k.c())),
        new Operation(
            "pow(double) integer exponent, negative base",
            awayFromZero(1, 0.1, 5),
            r -> new double[] {r.nextInt(-3, 4)},
            k -> k.x().pow(k.c())),
        new Operation(
            "pow(Value)",
            r -> new double[] {r.nextDouble(0.1, 5), r.nextDouble(-3, 3)},
            NO_CONSTANT,
            k -> k.x().pow(k.y())),
        new Operation("neg", uniform(1, -10, 10), NO_CONSTANT, k -> k.x().neg()),
        new Operation("relu", awayFromZero(1, 1e-3, 10), NO_CONSTANT, k -> k.x().relu()),
        new Operation("sigmoid", uniform(1, -20, 20), NO_CONSTANT, k -> k.x().sigmoid()),
        new Operation("tanh", uniform(1, -5, 5), NO_CONSTANT, k -> k.x().tanh()),
        new Operation("exp", uniform(1, -10, 10), NO_CONSTANT, k -> k.x().exp()),
        new Operation("log", uniform(1, 1e-2, 100), NO_CONSTANT, k -> k.x().log()),
        new Operation("sin", uniform(1, -10, 10), NO_CONSTANT, k -> k.x().sin()),
        new Operation("cos", uniform(1, -10, 10), NO_CONSTANT, k -> k.x().cos()),
        new Operation("tan", uniform(1, -1.4, 1.4), NO_CONSTANT, k -> k.x().tan()),
        new Operation("sqrt", uniform(1, 1e-2, 100), NO_CONSTANT, k -> k.x().sqrt()),
        new Operation("abs", awayFromZero(1, 1e-3, 10), NO_CONSTANT, k -> k.x().abs()),
        new Operation("min", distinctPair(-10, 10, 1e-3), NO_CONSTANT, k -> k.x().min(k.y())),
        new Operation("max", distinctPair(-10, 10, 1e-3), NO_CONSTANT, k -> k.x().max(k.y())),
        new Operation(
            "sum(Value...)",
            r -> r.doubles(r.nextInt(1, 10), -10, 10).toArray(),
            NO_CONSTANT,
            k -> Value.sum(k.in())),
        new Operation(
            "sum(Iterable)",
            r -> r.doubles(r.nextInt(1, 10), -10, 10).toArray(),
            NO_CONSTANT,
            k -> Value.sum(Arrays.asList(k.in()))),
        // Operations applied to interior nodes, so that the upstream gradient is not 1.
        new Operation(
            "sigmoid of a product",
            uniform(2, -3, 3),
            NO_CONSTANT,
            k -> k.x().mul(k.y()).sigmoid()),
        new Operation(
            "log of a sum of squares",
            uniform(3, -3, 3),
            uniform(1, 0.1, 1),
            k -> Value.sum(k.in()[0].pow(2), k.in()[1].mul(k.in()[1]), k.in()[2].pow(2.0)).add(k.c()).log()));
  }

  static Stream<Arguments> cases() {
    SplittableRandom master = new SplittableRandom(MASTER_SEED);
    return operations().stream()
        .flatMap(
            op ->
                Stream.generate(master::nextLong)
                    .limit(CASES_PER_OPERATION)
                    .map(seed -> Arguments.of(op.name(), seed, op)));
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("cases")
  void gradientMatchesCentralDifferences(String name, long seed, Operation op) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = op.inputs().draw(random);
    double c = op.constant().draw(random)[0];

    Value[] leaves = leaves(x);
    Value out = op.f().apply(new Case(leaves, c));
    out.backward();

    for (int i = 0; i < x.length; i++) {
      double expected = centralDifference(op, x, c, i);
      double actual = leaves[i].grad();
      String where = name + " at x=" + Arrays.toString(x) + ", c=" + c + ", d/dx[" + i + "]";
      assertTrue(Double.isFinite(expected), where + ": finite difference " + expected);
      assertEquals(expected, actual, 1e-6 * (1 + Math.abs(expected)), where);
    }
  }

  static Value[] leaves(double[] x) {
    Value[] v = new Value[x.length];
    for (int i = 0; i < x.length; i++) {
      v[i] = new Value(x[i]);
    }
    return v;
  }

  /** (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, evaluating f forward only. */
  static double centralDifference(Operation op, double[] x, double c, int i) {
    double h = 1e-6 * Math.max(1.0, Math.abs(x[i]));
    double[] plus = x.clone();
    double[] minus = x.clone();
    plus[i] += h;
    minus[i] -= h;
    double fPlus = op.f().apply(new Case(leaves(plus), c)).data();
    double fMinus = op.f().apply(new Case(leaves(minus), c)).data();
    return (fPlus - fMinus) / (plus[i] - minus[i]);
  }
}
