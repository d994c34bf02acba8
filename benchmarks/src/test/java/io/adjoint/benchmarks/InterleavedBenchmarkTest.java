package io.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.benchmarks.InterleavedBenchmark.Calls;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/**
 * {@link InterleavedBenchmark} times, for each objective it names, that objective and gradients of it:
 * each call returns the objective's value at the same inputs (the gradients' {@code Into} forms return
 * it beside the partials), and its counters add up what {@code inTurn} timed.
 */
class InterleavedBenchmarkTest {
  static Stream<String> objectives() throws NoSuchFieldException {
    return Stream.concat(
        Arrays.stream(InterleavedBenchmark.class.getDeclaredField("objective").getAnnotation(Param.class).value()),
        Stream.of("gmmsummed_d2_K5")); // not in the default run
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objectives")
  void everyCallComputesTheSameObjective(String objective) {
    Calls calls = InterleavedBenchmark.calls(objective);
    double value = calls.function().getAsDouble();
    assertEquals(value, calls.generated().getAsDouble(), 1e-11 * Math.abs(value), "generated");
    if (calls.handWritten() != null) {
      assertEquals(value, calls.handWritten().getAsDouble(), 1e-11 * Math.abs(value), "hand-written");
    }
  }

  @Test
  void theCountersAddUpTheTimesOfEachCall() {
    InterleavedBenchmark benchmark = new InterleavedBenchmark();
    benchmark.objective = "gmm_d2_K5";
    benchmark.setUp();
    InterleavedBenchmark.Nanos nanos = new InterleavedBenchmark.Nanos();
    nanos.reset();
    long start = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      benchmark.inTurn(nanos);
    }
    long elapsed = System.nanoTime() - start;
    assertTrue(nanos.objective > 0 && nanos.generated > 0 && nanos.handWritten > 0);
    assertTrue(nanos.objective + nanos.generated + nanos.handWritten <= elapsed);
    nanos.reset();
    assertEquals(0, nanos.objective + nanos.generated + nanos.handWritten);
  }
}
