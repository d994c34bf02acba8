package io.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15's allocation test: the generated {@code Into} and {@code Pullback} forms of each loop
 * objective of the benchmarks ({@link LoopObjectives}), called again on the same inputs once the JIT has
 * compiled them, allocate nothing, as measured by the thread's allocation counter ({@code
 * com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}) less what reading the counter itself
 * allocates. The data sets are cut to {@link #POINTS} points (the code is the same); {@link
 * AllocationBenchmark} measures bytes per call on the full ones.
 *
 * <p>A repeated call must also give the same value and partials, bit for bit, and the {@code Pullback}
 * form with upstream 1 into zeros the {@code Into} form's gradient: both forms are checked against
 * central differences elsewhere ({@code BaselinesTest}, the samples' tests).
 */
class AllocationTest {
  /**
   * Calls before measuring, so that the JIT has compiled the call with its escape analysis: this many, or
   * as many as {@link #WARM_UP_NANOS} allows, whichever is fewer (GMM at d = 2 needs about 20,000 before
   * the JIT removes the coefficient table the objective's own {@code logGamma} allocates).
   */
  private static final int WARM_UP = 20000;
  private static final long WARM_UP_NANOS = 1_500_000_000L;
  /** Measurements per objective, the smallest taken (a late compilation or deoptimization can allocate). */
  private static final int TRIES = 10;
  /** GMM's points, the perceptron's examples, the LSTM's characters. */
  private static final int POINTS = 32;

  /**
   * What the objective's own code, which the generated form calls for a value, may allocate until the JIT
   * has compiled it away: GMM's {@code logMultivariateGamma(a, d)} calls the user's {@code logGamma} d
   * times, which creates its 9 Lanczos coefficients ({@code double[9]}, 88 bytes) each time. Whether C2
   * removes them depends on what it has compiled when, so a repeated call allocates either nothing or
   * exactly these; any other amount is the generated code's.
   */
  private static final java.util.Map<String, Long> USER_CODE_BYTES =
      java.util.Map.of("gmm_d2_K5", 2 * 88L, "gmm_d10_K25", 10 * 88L, "gmm_d20_K50", 20 * 88L);

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  static Stream<String> objectives() {
    return LoopObjectives.NAMES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objectives")
  void intoAllocatesNothingOnTheSecondCall(String name) {
    LoopObjectives.Instance objective = LoopObjectives.of(name, POINTS);
    LoopObjectives.Into into = objective.into();
    int n = objective.parameterCount();
    double[] first = new double[n];
    double value = into.call(first);
    double[] again = new double[n];
    long began = System.nanoTime();
    for (int i = 0; i < WARM_UP && System.nanoTime() - began < WARM_UP_NANOS; i++) {
      assertEquals(value, into.call(again), 0.0, name + ": value of a repeated call");
    }
    assertArrayEquals(first, again, 0.0, name + ": gradient of a repeated call");
    double[] pulled = new double[n + 2];
    assertEquals(value, objective.pullback().call(1.0, pulled, 1), 0.0, name + ": Pullback's value");
    assertArrayEquals(first, Arrays.copyOfRange(pulled, 1, n + 1), 0.0, name + ": Pullback against Into");
    assertEquals(0.0, pulled[0], 0.0, name + ": Pullback wrote before its offset");
    assertEquals(0.0, pulled[n + 1], 0.0, name + ": Pullback wrote after its entries");

    assertAllocatesNothing(name, "Into", bytesOfAnotherCall(() -> into.call(again)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objectives")
  void pullbackAllocatesNothingOnTheSecondCall(String name) {
    LoopObjectives.Instance objective = LoopObjectives.of(name, POINTS);
    LoopObjectives.Pullback pullback = objective.pullback();
    int n = objective.parameterCount();
    double[] once = new double[n + 1];
    double value = pullback.call(0.5, once, 1);
    double[] twice = new double[n + 1];
    long began = System.nanoTime();
    for (int i = 0; i < WARM_UP && System.nanoTime() - began < WARM_UP_NANOS; i++) {
      Arrays.fill(twice, 0.0);
      assertEquals(value, pullback.call(0.5, twice, 1), 0.0, name + ": value of a repeated Pullback call");
    }
    assertArrayEquals(once, twice, 0.0, name + ": adjoints of a repeated Pullback call");

    assertAllocatesNothing(name, "Pullback", bytesOfAnotherCall(() -> pullback.call(0.5, twice, 1)));
  }

  /**
   * The bytes {@code call} allocates, called once more after the warm-up: the fewest of {@link #TRIES}
   * measurements, with more calls between them in case the JIT had not yet compiled it with its escape
   * analysis.
   */
  private static long bytesOfAnotherCall(Runnable call) {
    long bytes = Long.MAX_VALUE;
    for (int t = 0; t < TRIES && bytes > 0; t++) {
      long start = THREADS.getCurrentThreadAllocatedBytes();
      long empty = THREADS.getCurrentThreadAllocatedBytes();
      long before = THREADS.getCurrentThreadAllocatedBytes();
      call.run();
      long after = THREADS.getCurrentThreadAllocatedBytes();
      bytes = Math.min(bytes, (after - before) - (empty - start));
      long more = System.nanoTime();
      for (int i = 0; i < WARM_UP / 4 && System.nanoTime() - more < WARM_UP_NANOS / 4; i++) {
        call.run();
      }
    }
    return bytes;
  }

  private static void assertAllocatesNothing(String name, String form, long bytes) {
    System.out.printf("AllocationTest: %s: %d bytes per %s call (%d points)%n", name, bytes, form, POINTS);
    if (bytes != 0 && USER_CODE_BYTES.containsKey(name)) {
      assertEquals(USER_CODE_BYTES.get(name), bytes, name + ": bytes allocated by a second " + form + " call, "
          + "other than the objective's own logGamma tables");
    } else {
      assertEquals(0, bytes, name + ": bytes allocated by a second " + form + " call");
    }
  }
}
