package io.adjoint.processor.random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Random-program differential testing: random programs (see {@link ProgramGenerator}) are printed as
 * Java, compiled in memory with the processor, and each program's generated gradient is checked at
 * random points against central differences and against the same program run on {@link
 * io.adjoint.Value}, and by the dot-product test ⟨ẋ, Jᵀȳ⟩ = ȳ·(Jẋ) against a directional finite
 * difference; see {@link DifferentialCheck}. About a quarter of the programs take {@code double[]}
 * parameters, more use local arrays, a fifth of the scalar ones take a {@code double[][]} parameter
 * (rows of 1 to 3 entries, in half the points of different lengths), and half of the classes declare
 * helpers with custom derivatives that programs call (see {@link ProgramGenerator}).
 *
 * <p>Besides, each batch holds {@link #VECTORS_PER_CLASS} programs per class that return {@code
 * double[]}, checked by {@link JacobianCheck}, and nine in ten of the scalar programs are {@code
 * @Differentiable(order = 2)}, whose Hessian forms {@link HessianCheck} checks. The default run, 1,200
 * scalar programs (about 1,080 of second order) and 1,008 vector-valued ones at 6 points each, takes
 * about three minutes on a 2-core machine, nearly all of it compiling: the second-order forms are most
 * of the generated code.
 *
 * <p>And each batch holds {@link #RECORDS_PER_CLASS} programs per class that take records (see {@link
 * Ast.RType}): record parameters of random record types (doubles, ints, booleans, double[]s and nested
 * records, up to three deep), arrays of records of doubles, {@code @NoDerivative} records, record locals,
 * {@code new}, {@code ?:} of records, for-each, and records passed to other record programs. They are
 * of order 1 (records are not supported at order 2 yet) and get every first-order check, their records
 * laid out flat as the {@code Into} form lays them out (see {@link RecordValues}); their Value versions
 * take Value twins of the records. A quarter of them return a record of doubles, checked as vector-valued
 * programs are, their rows from their pullbacks (see {@link JacobianCheck}), and called by later record
 * programs; a quarter are instance methods of the record types, their gradients' {@code receiver}
 * checked with the rest, called by later record programs on records, elements of arrays of records,
 * nested records and the receiver. 1,008 of them in a default run (about 230 returning records, whose
 * 3,400 rows are checked against differences, and 280 instance methods, with 360 calls to them). Doubling
 * them from 504 cost the default run little against the noise of a shared 2-core machine: 160.5 s of
 * test time before, 145 s and 167.5 s after when it was quiet, 261 s before and 305 s after when it was
 * busy; CPU time 182 s to 212 s before, 228 s to 235 s after.
 *
 * <p>About a third of the programs end in a nested reduction (see {@code NestedReductions#nestedReduction}):
 * an outer accumulating loop whose body runs inner loops (dot products over arrays and matrix rows, calls
 * in their terms, ifs around them) and fills scratch arrays made before it, the shape whose reverse the
 * processor runs inside each iteration ("fused"). Most are first-order programs returning double (record
 * programs among them), few are of second order, since their Hessian forms are the costliest code to
 * compile. A third are near misses ({@link Ast.NearMiss}), which the processor must not fuse: the
 * coverage test asserts that it fused none, besides the checks every program gets. A default run holds
 * about 1,075 of them, about 800 first-order returning double; of the 700 without a near miss about 280
 * are fused with an inner loop. They replaced most statements of the bodies they end, to keep the run's
 * time: on a shared 2-core machine, 281 s of test time (3 m 57 s CPU) before, 148 s to 336 s (3 m 45 s
 * to 5 m 6 s CPU, the longer at a load of 4.5) after.
 *
 * <p>A seventh of the scalar programs and a tenth of the record programs, of either order, hold loops
 * whose values the reverse sweep computes again instead of keeping them on the tape (see {@code
 * LoopValues#loopValues}): an array each iteration of an unfused outer loop refills whole with a
 * cheap expression, read at other indices ({@code c[(i + 1) % c.length]}, {@code c[i + 1]}, {@code
 * c[c.length - 1 - i]}, {@code c[i]} and {@code c[i + 1]} before a triangle's inner loop), and ints that
 * inner loops advance, GMM's column start; and near misses of both ({@link Ast.Recomputed}), whose values
 * must stay on the tape. A default run holds 296 of them (144 refilled arrays, 207 advanced ints, 113
 * near misses); the coverage test requires every form and near miss, finds in the generated code that
 * the reverse sweep computes some of them again (144 of the 151 advanced ints that are no near miss, and
 * refilled entries read into named locals in 50 programs), and that it computes no near miss again whose
 * values it must keep. They cost the default run little, run back to back on a shared 2-core machine:
 * 165 s of test time (CPU 298 s) before, 173 s (CPU 303 s) after.
 *
 * <p>A fifth of the first-order programs returning double hold a sweep (see {@code Sweeps#sweep}): a loop
 * at the top level over one or two double[] parameters of their own, read only at the counter plus a
 * constant (a dot product, n-D Rosenbrock's stencil, nonlinear terms at offsets -2 to 2), whose Into form
 * stores each entry's first contribution instead of zeroing the parameter's partials and adding into them,
 * zeroing only the entries the loop does not reach, and carries Rosenbrock's entry ahead to the next
 * iteration (the processor's {@code reverse/FirstStores}); and its near misses ({@link Ast.SweepMiss}). A
 * default run holds 176 of them; the Into form stores first in 96 (94 of the 110 without a near miss;
 * 70 before an index into another array that is not linear, {@code (i + 1) % c.length}, ruled out only
 * that array's part), zeroes only outside the stores in as many and carries an entry ahead in 22 (before
 * sweeps, 5 programs of the run stored first, none zeroed outside the stores, none carried). The coverage test
 * requires all three, and counts of the sweeps and of their stores. They cost the default run nothing
 * measurable: on a shared 2-core machine, back to back, 239 s of test time (CPU 416 s and 419 s) before,
 * 212 s to 258 s (CPU 361 s to 423 s) after.
 *
 * <p>The scalar programs' share of points that pass the central-difference check and the dot-product test
 * is about 85%, the rest lying near a kink or where the differences are noisy (88% before switch
 * selectors computed from doubles, copySign, IEEEremainder, ulp and getExponent added their jumps).
 *
 * <p>{@code -Dadjoint.random.programs=100000} runs more programs (default 1,200 scalar ones, and
 * 0.84 times as many vector-valued);
 * {@code -Dadjoint.random.seed=N} starts from another seed (such a run reports the rarest forms it did not
 * generate; the default seed's run must generate every one). A failure names its batch's seed: rerun
 * with that seed and {@code -Dadjoint.random.programs=200} to reproduce it alone, and with {@code
 * -Dadjoint.random.minimize=true} to have it shrunk to a small program (see {@link Minimizer}).
 */
class RandomProgramTest {
  static final long DEFAULT_SEED = 0x5eedad70L;
  static final long SEED = parseSeed(System.getProperty("adjoint.random.seed", "0x5eedad70"));
  static final int PROGRAMS = Integer.getInteger("adjoint.random.programs", 1200);
  static final int POINTS = Integer.getInteger("adjoint.random.points", 6);
  static final boolean MINIMIZE = Boolean.getBoolean("adjoint.random.minimize");
  static final int CLASSES = 4;
  static final int PER_CLASS = 50;
  /** Vector-valued programs per class, besides the {@link #PER_CLASS} scalar ones. */
  static final int VECTORS_PER_CLASS = 42;
  /** Programs taking records per class, besides the others (order 1: records are not supported at order 2). */
  static final int RECORDS_PER_CLASS = 42;

  /** A seed as the display names print it, {@code 0x} and 16 hex digits (unsigned), or decimal. */
  static long parseSeed(String s) {
    return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
  }

  @TestFactory
  Stream<DynamicNode> randomPrograms() {
    DifferentialCheck.Stats stats = new DifferentialCheck.Stats();
    Coverage coverage = new Coverage();
    int perBatch = CLASSES * PER_CLASS;
    int batches = (PROGRAMS + perBatch - 1) / perBatch;
    SplittableRandom seeds = new SplittableRandom(SEED);
    long[] batchSeeds = new long[batches];
    batchSeeds[0] = SEED;
    for (int b = 1; b < batches; b++) {
      batchSeeds[b] = seeds.nextLong();
    }
    Stream<DynamicNode> all =
        IntStream.range(0, batches)
            .mapToObj(
                b ->
                    dynamicContainer(
                        "batch " + b + ", seed 0x" + Long.toHexString(batchSeeds[b]),
                        Stream.of(batchSeeds[b]).flatMap(seed -> batch(seed, stats, coverage))));
    DynamicNode summary =
        dynamicTest(
            "skipped points are a small minority",
            () -> {
              System.out.println("random programs: " + stats);
              assertTrue(stats.programs - stats.recordPrograms >= PROGRAMS, stats::toString);
              // the record programs (besides the others): order 1, scalar
              int others = stats.programs - stats.recordPrograms;
              assertTrue(stats.skipped() * 5 < stats.points, stats::toString);
              assertTrue(stats.nonFinite * 50 < stats.points, stats::toString);
              // the new constructs are really exercised, and the dot-product test really runs
              assertTrue(stats.arrayPrograms * 6 > stats.programs, stats::toString);
              assertTrue(stats.matrixPrograms * 10 > others, stats::toString);
              assertTrue(stats.customPrograms * 20 > stats.programs, stats::toString);
              assertTrue(stats.dotChecked * 5 > stats.points * 4, stats::toString);
              // second order: most scalar programs (all but those that call helpers with @Derivative
              // rules or make calls under conditions), and their Hessians checked at most points
              assertTrue(stats.hessianPrograms * 10 > others * 8, stats::toString);
              assertTrue(stats.hessianChecked * 10 > stats.hessianPoints * 7, stats::toString);
              // vector-valued programs: both of fJacobian's paths, and rows really checked
              assertTrue(stats.vectorPrograms * 10 > others * 8, stats::toString);
              assertTrue(stats.vectorSkipped * 5 < stats.vectorPoints, stats::toString);
              assertTrue(stats.jacobianForward * 5 > stats.vectorPoints, stats::toString);
              assertTrue(stats.jacobianReverse * 5 > stats.vectorPoints, stats::toString);
              // and of the reverse ones, most share one forward sweep; those returning early (a pullback
              // per output) are checked too
              assertTrue(stats.jacobianShared * 10 > stats.jacobianReverse * 8, stats::toString);
              assertTrue(stats.jacobianShared < stats.jacobianReverse, stats::toString);
              assertTrue(stats.jacobianRowsChecked * 10 > (stats.jacobianRowsChecked + stats.jacobianRowsNoisy) * 8,
                  stats::toString);
              // record programs returning records and instance methods of records: a share each, their
              // returned records' rows really checked against differences
              assertTrue(stats.recordReturnPrograms * 8 > stats.recordPrograms, stats::toString);
              assertTrue(stats.instancePrograms * 8 > stats.recordPrograms, stats::toString);
              assertTrue(stats.recordReturnSkipped * 5 < stats.recordReturnPoints, stats::toString);
              assertTrue(stats.recordReturnRowsChecked * 10
                  > (stats.recordReturnRowsChecked + stats.recordReturnRowsNoisy) * 8, stats::toString);
              if (PROGRAMS >= 1200) {
                // the default run: issue 12 asks for 1,000 of each
                assertTrue(stats.hessianPrograms >= 1000, stats::toString);
                assertTrue(stats.vectorPrograms >= 1000, stats::toString);
                assertTrue(stats.recordPrograms >= 1000, stats::toString);
              }
            });
    DynamicNode grammar =
        dynamicTest(
            "every expression form appeared in every expression context",
            () -> {
              System.out.print("random programs, expression forms per context:\n" + coverage);
              // That the generator reaches every pair, shape and construct is established by the default
              // seed's run (and any longer run from it); a short run (reproducing one batch) need not, and
              // another seed's may miss one of the rarest, which it only reports
              if (PROGRAMS >= 1000 && SEED == DEFAULT_SEED) {
                assertTrue(coverage.missing().isEmpty(), () -> "never generated: " + coverage.missing());
                assertTrue(coverage.missingShapes().isEmpty(), () -> "never generated: " + coverage.missingShapes());
                assertTrue(coverage.missingRecordConstructs().isEmpty(),
                    () -> "never generated: " + coverage.missingRecordConstructs());
                assertTrue(coverage.missingRecomputed().isEmpty(), () -> "never generated: " + coverage.missingRecomputed());
              } else {
                System.out.println("not generated in this run: " + coverage.missing() + coverage.missingShapes()
                    + coverage.missingRecordConstructs() + coverage.missingRecomputed());
              }
              if (PROGRAMS >= 1200) {
                // the default run: 1,000 nested reductions, most in first-order programs returning double
                assertTrue(coverage.nested() >= 1000, coverage::toString);
                assertTrue(coverage.nestedScalarFirstOrder() * 2 > coverage.nested(), coverage::toString);
                // and sweeps, in many of which the Into form stores first (see Sweeps)
                assertTrue(coverage.sweeps() >= 120, coverage::toString);
                assertTrue(coverage.sweepsStoredFirst() >= 50, coverage::toString);
              }
              // a near miss reads across iterations what the fused reverse would lose
              assertTrue(coverage.fusedNearMisses().isEmpty(), () -> "fused near misses: " + coverage.fusedNearMisses());
              // and a near miss of loop values keeps what the reverse sweep could not compute again
              assertTrue(coverage.recomputedNearMisses().isEmpty(),
                  () -> "near misses computed again: " + coverage.recomputedNearMisses());
            });
    return Stream.concat(all, Stream.of(summary, grammar));
  }

  private static Stream<DynamicNode> batch(long seed, DifferentialCheck.Stats stats, Coverage coverage) {
    Batch batch = new Batch(seed, CLASSES, PER_CLASS, VECTORS_PER_CLASS, RECORDS_PER_CLASS);
    batch.programs.forEach(coverage::add);
    if (!batch.compiled()) {
      return Stream.of(
          dynamicTest(
              "compiles",
              () -> {
                throw new AssertionError("the random programs do not compile:\n" + batch.errors());
              }));
    }
    batch.programs.forEach(p -> coverage.reverse(p, batch.reverseSource(p), seed));
    SplittableRandom inputs = new SplittableRandom(seed ^ 0x9e3779b97f4a7c15L);
    // JUnit keeps every test's executable to the end: let go of the batch (its compilation and
    // classes) once its programs have run, so that a long run does not keep them all
    AtomicReference<Batch> held = new AtomicReference<>(batch);
    AtomicInteger remaining = new AtomicInteger(batch.programs.size());
    return batch.programs.stream()
        .map(
            p -> {
              long pointSeed = inputs.nextLong();
              return dynamicTest(
                  p + " [seed 0x" + Long.toHexString(seed) + "]",
                  () -> {
                    Batch b = held.get();
                    try {
                      new DifferentialCheck(p, b.handles(p), stats)
                          .run(new SplittableRandom(pointSeed), POINTS);
                    } catch (DifferentialCheck.Mismatch m) {
                      if (!MINIMIZE) {
                        throw m;
                      }
                      String small = new Minimizer(b.klasses, m).minimize(p);
                      throw new AssertionError(m.getMessage() + "\n\nminimized:\n" + small, m);
                    } finally {
                      if (remaining.decrementAndGet() == 0) {
                        held.set(null);
                      }
                    }
                  });
            });
  }

}
