package io.adjoint.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DataSetGradient} against a plain sequential loop over the examples, central differences of
 * the summed loss, and itself on 1, 2, 3 and 8 threads (identical bits).
 *
 * <p>The examples are logistic-regression terms softplus(w·xᵢ) − yᵢ·w·xᵢ with a hand-written gradient
 * (σ(w·xᵢ) − yᵢ)·xᵢ, on rows whose scale varies over six orders of magnitude so that the order of the
 * sum shows in the last bits.
 */
class DataSetGradientTest {
  private static final int FEATURES = 5;
  private static final int[] THREADS = {1, 2, 3, 8};
  private static final List<ForkJoinPool> POOLS = new ArrayList<>();

  @BeforeAll
  static void startPools() {
    for (int threads : THREADS) {
      POOLS.add(new ForkJoinPool(threads));
    }
  }

  @AfterAll
  static void stopPools() {
    POOLS.forEach(ForkJoinPool::shutdownNow);
  }

  /** A logistic-regression data set: rows, labels and weights drawn from {@code seed}. */
  record Logistic(double[][] x, double[] y, double[] w) implements ExamplePullback {
    static Logistic generate(int n, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      double[][] x = new double[n][FEATURES];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        double scale = Math.pow(10, random.nextDouble(-3, 3));
        for (int j = 0; j < FEATURES; j++) {
          x[i][j] = scale * random.nextGaussian();
        }
        y[i] = random.nextBoolean() ? 1 : 0;
      }
      double[] w = new double[FEATURES];
      for (int j = 0; j < FEATURES; j++) {
        w[j] = random.nextDouble(-0.5, 0.5);
      }
      return new Logistic(x, y, w);
    }

    @Override
    public double pullback(int i, double upstream, double[] adjoints) {
      double z = 0;
      for (int j = 0; j < FEATURES; j++) {
        z += w[j] * x[i][j];
      }
      double residual = 1 / (1 + Math.exp(-z)) - y[i];
      for (int j = 0; j < FEATURES; j++) {
        adjoints[j] += upstream * residual * x[i][j];
      }
      return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z;
    }

    /** The summed loss at weights {@code at}, by a plain loop. */
    double loss(double[] at) {
      Logistic moved = new Logistic(x, y, at);
      double total = 0;
      for (int i = 0; i < x.length; i++) {
        total += moved.pullback(i, 0.0, new double[FEATURES]);
      }
      return total;
    }
  }

  @ParameterizedTest(name = "block size {0}")
  @ValueSource(ints = {1, 7, 1000, DataSetGradient.DEFAULT_BLOCK_SIZE})
  void sameBitsOnOneTwoThreeAndEightThreads(int blockSize) {
    Logistic data = Logistic.generate(100_003, 11);
    double[] expectedGradient = new double[FEATURES];
    double expected =
        DataSetGradient.sum(data.x.length, 1.0, data, expectedGradient, POOLS.get(0), blockSize);
    for (int repeat = 0; repeat < 3; repeat++) {
      for (int p = 0; p < THREADS.length; p++) {
        double[] gradient = new double[FEATURES];
        double value =
            DataSetGradient.sum(data.x.length, 1.0, data, gradient, POOLS.get(p), blockSize);
        String where = THREADS[p] + " threads, repeat " + repeat;
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value), where);
        for (int j = 0; j < FEATURES; j++) {
          assertEquals(
              Double.doubleToRawLongBits(expectedGradient[j]),
              Double.doubleToRawLongBits(gradient[j]),
              where + ", partial " + j);
        }
      }
      double[] common = new double[FEATURES];
      double value = DataSetGradient.sum(data.x.length, 1.0, data, common, null, blockSize);
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value));
      assertArrayEquals(expectedGradient, common, 0.0);
    }
  }

  /** The order matters here: the default and the single-example blocks disagree in some bit. */
  @Test
  void theDataSetIsOrderSensitive() {
    Logistic data = Logistic.generate(100_003, 11);
    double[] byBlocks = new double[FEATURES];
    double[] byExamples = new double[FEATURES];
    double a = DataSetGradient.sum(data.x.length, 1.0, data, byBlocks, POOLS.get(1), 1024);
    double b = DataSetGradient.sum(data.x.length, 1.0, data, byExamples, POOLS.get(1), 1);
    boolean anyDiffers = a != b;
    for (int j = 0; j < FEATURES; j++) {
      anyDiffers |= byBlocks[j] != byExamples[j];
    }
    assertTrue(anyDiffers, "the bit-identity test would prove nothing");
  }

  /**
   * Against a plain sequential loop: two sums of the same terms in different orders differ by at most
   * 2·(n − 1)·u·Σ|termᵢ| (u = 2⁻⁵³, Higham's bound for recursive summation, which bounds the pairwise
   * tree too), for the value and for each partial.
   */
  @ParameterizedTest(name = "{0} examples")
  @ValueSource(ints = {1, 1023, 1024, 1025, 50_000})
  void equalsASequentialLoopToRounding(int n) {
    Logistic data = Logistic.generate(n, n);
    double sequential = 0;
    double absolute = 0;
    double[] sequentialGradient = new double[FEATURES];
    double[] absoluteGradient = new double[FEATURES];
    double[] term = new double[FEATURES];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(term, 0);
      double value = data.pullback(i, 1.0, term);
      sequential += value;
      absolute += Math.abs(value);
      for (int j = 0; j < FEATURES; j++) {
        sequentialGradient[j] += term[j];
        absoluteGradient[j] += Math.abs(term[j]);
      }
    }
    double u = Math.ulp(1.0) / 2;
    double[] gradient = new double[FEATURES];
    double value = DataSetGradient.sum(n, data, gradient, POOLS.get(2));
    assertEquals(sequential, value, 2 * n * u * absolute);
    for (int j = 0; j < FEATURES; j++) {
      assertEquals(sequentialGradient[j], gradient[j], 2 * n * u * absoluteGradient[j], "partial " + j);
    }
  }

  /** The gradient of the sum against the five-point central difference of the plain loop's loss. */
  @Test
  void gradientMatchesCentralDifferencesOfTheSummedLoss() {
    Logistic data = Logistic.generate(20_000, 5);
    for (double[] row : data.x) {
      for (int j = 0; j < FEATURES; j++) {
        row[j] = Math.max(-3, Math.min(3, row[j])); // moderate scales, so that f is smooth at step h
      }
    }
    double[] gradient = new double[FEATURES];
    double loss = DataSetGradient.sum(data.x.length, data, gradient, POOLS.get(1));
    assertEquals(data.loss(data.w), loss, 1e-9 * Math.abs(loss));
    for (int j = 0; j < FEATURES; j++) {
      double h = 1e-3;
      double fd =
          (data.loss(moved(data.w, j, -2 * h))
                  - 8 * data.loss(moved(data.w, j, -h))
                  + 8 * data.loss(moved(data.w, j, h))
                  - data.loss(moved(data.w, j, 2 * h)))
              / (12 * h);
      assertEquals(fd, gradient[j], 1e-6 * Math.max(1, Math.abs(fd)), "partial " + j);
    }
  }

  private static double[] moved(double[] w, int j, double delta) {
    double[] moved = w.clone();
    moved[j] += delta;
    return moved;
  }

  @Test
  void addsIntoTheGradientAndScalesByUpstream() {
    Logistic data = Logistic.generate(5000, 3);
    double[] once = new double[FEATURES];
    double value = DataSetGradient.sum(data.x.length, data, once, POOLS.get(1));
    double[] scaled = {1, 2, 3, 4, 5};
    double scaledValue =
        DataSetGradient.sum(data.x.length, 0.5, data, scaled, POOLS.get(1), DataSetGradient.DEFAULT_BLOCK_SIZE);
    assertEquals(value, scaledValue, 0.0, "the value is not scaled");
    for (int j = 0; j < FEATURES; j++) {
      assertEquals(j + 1 + 0.5 * once[j], scaled[j], 1e-12 * Math.abs(once[j]), "partial " + j);
    }
  }

  @Test
  void meanDividesTheValueAndTheGradientByN() {
    Logistic data = Logistic.generate(3000, 4);
    double[] total = new double[FEATURES];
    double sum = DataSetGradient.sum(data.x.length, data, total);
    double[] mean = new double[FEATURES];
    double value = DataSetGradient.mean(data.x.length, data, mean, POOLS.get(3));
    assertEquals(sum / 3000, value, 0.0);
    for (int j = 0; j < FEATURES; j++) {
      assertEquals(total[j] / 3000, mean[j], 1e-14 * Math.abs(total[j]), "partial " + j);
    }
    double[] untouched = {7};
    assertEquals(0.0, DataSetGradient.mean(0, (i, up, adj) -> 1, untouched));
    assertArrayEquals(new double[] {7}, untouched);
  }

  @Test
  void noExamplesGiveZeroAndLeaveTheGradient() {
    double[] gradient = {1, -2};
    AtomicInteger calls = new AtomicInteger();
    double value = DataSetGradient.sum(0, (i, up, adj) -> calls.incrementAndGet(), gradient);
    assertEquals(0.0, value);
    assertEquals(0, calls.get());
    assertArrayEquals(new double[] {1, -2}, gradient);
  }

  @Test
  void oneBlockRunsOnTheCallingThreadInOrder() {
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    double[] gradient = new double[1];
    double value =
        DataSetGradient.sum(
            10,
            (i, up, adj) -> {
              order.add(i);
              threads.add(Thread.currentThread());
              adj[0] += up * i;
              return i;
            },
            gradient,
            POOLS.get(3));
    assertEquals(45.0, value);
    assertArrayEquals(new double[] {45.0}, gradient);
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order);
    assertEquals(Set.of(Thread.currentThread()), threads);
  }

  @Test
  void everyExampleIsVisitedOnceAtAnyBlockSize() {
    for (int blockSize : new int[] {1, 3, 64, 999, 1000, 1001}) {
      int n = 1000;
      AtomicInteger[] visits = new AtomicInteger[n];
      for (int i = 0; i < n; i++) {
        visits[i] = new AtomicInteger();
      }
      double[] gradient = new double[0];
      double value =
          DataSetGradient.sum(
              n, 1.0, (i, up, adj) -> visits[i].incrementAndGet(), gradient, POOLS.get(3), blockSize);
      assertEquals(n, value, "block size " + blockSize);
      for (int i = 0; i < n; i++) {
        assertEquals(1, visits[i].get(), "example " + i + ", block size " + blockSize);
      }
    }
  }

  /**
   * One buffer per block in flight: on one thread at most one per level of the block tree plus the
   * root (11 for 1,000 blocks), never one per block.
   */
  @Test
  void buffersAreReusedAcrossBlocks() {
    int blocks = 1000;
    Set<double[]> seen = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    ExamplePullback recording =
        (i, up, adj) -> {
          seen.add(adj);
          return 0;
        };
    DataSetGradient.sum(blocks * 16, 1.0, recording, new double[3], POOLS.get(0), 16);
    int levels = 32 - Integer.numberOfLeadingZeros(blocks - 1);
    assertTrue(seen.size() <= levels + 1, seen.size() + " buffers");
    seen.clear();
    DataSetGradient.sum(blocks * 16, 1.0, recording, new double[3], POOLS.get(1), 16);
    assertTrue(seen.size() < 4 * (levels + 1), seen.size() + " buffers on 2 threads");
  }

  @Test
  void anExceptionOfTheCallbackPropagatesAndLeavesTheGradient() {
    double[] gradient = {3};
    for (ForkJoinPool pool : POOLS) {
      IllegalStateException thrown =
          assertThrows(
              IllegalStateException.class,
              () ->
                  DataSetGradient.sum(
                      100_000,
                      (i, up, adj) -> {
                        if (i == 77_777) {
                          throw new IllegalStateException("bad example " + i);
                        }
                        adj[0] += 1;
                        return 1;
                      },
                      gradient,
                      pool));
      Throwable original = thrown; // ForkJoinTask may wrap it in a copy of its own type
      while (original.getCause() != null) {
        original = original.getCause();
      }
      assertSame(IllegalStateException.class, original.getClass());
      assertEquals("bad example 77777", original.getMessage());
      assertArrayEquals(new double[] {3}, gradient);
    }
    // On the calling thread too (a single block).
    RuntimeException single =
        assertThrows(
            RuntimeException.class,
            () ->
                DataSetGradient.sum(
                    3,
                    (i, up, adj) -> {
                      throw new ArithmeticException("at " + i);
                    },
                    gradient));
    assertSame(ArithmeticException.class, single.getClass());
  }

  @Test
  void anEmptyGradientStillSumsTheValue() {
    double value = DataSetGradient.sum(5000, (i, up, adj) -> 0.5, new double[0], POOLS.get(1));
    assertEquals(2500.0, value);
  }

  @Test
  void rejectsBadArguments() {
    ExamplePullback zero = (i, up, adj) -> 0;
    assertThrows(IllegalArgumentException.class, () -> DataSetGradient.sum(-1, zero, new double[1]));
    assertThrows(
        IllegalArgumentException.class,
        () -> DataSetGradient.sum(10, 1.0, zero, new double[1], null, 0));
    assertThrows(NullPointerException.class, () -> DataSetGradient.sum(10, null, new double[1]));
    assertThrows(NullPointerException.class, () -> DataSetGradient.sum(10, zero, null));
    assertThrows(
        NullPointerException.class, () -> DataSetGradient.sum(10, zero, new double[1], (ForkJoinPool) null));
  }
}
