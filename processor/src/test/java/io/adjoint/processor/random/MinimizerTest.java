package io.adjoint.processor.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.processor.random.Ast.Program;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The minimizer's copy of a program and its callees (what it shrinks, compiled alone) is the program
 * itself: it prints alike, callees included, so a failure reproduces alone. A call left to the original
 * callee (one in an array's index, say) made the copy compile both callees, a duplicate method, and the
 * minimizer report that the failure did not reproduce (seed 0xcd2edca0ca3b0dda's R1.Rec5.m187, whose
 * callee m181 calls m9 in a matrix entry's index).
 */
class MinimizerTest {

  @TestFactory
  Stream<DynamicTest> copiesPrintAsTheirOriginals() {
    return Stream.of(0xcd2edca0ca3b0ddaL, RandomProgramTest.DEFAULT_SEED)
        .map(seed -> DynamicTest.dynamicTest("seed 0x" + Long.toHexString(seed), () -> {
          for (Program p : programs(seed)) {
            assertEquals(Batch.sourceWithCallees(p), Batch.sourceWithCallees(Minimizer.copy(p)), p::toString);
          }
        }));
  }

  /** The programs of the batch of {@code seed}, generated as {@link Batch} generates them, not compiled. */
  private static List<Program> programs(long seed) {
    List<Program> programs = new ArrayList<>();
    Batch.generate(new SplittableRandom(seed), RandomProgramTest.CLASSES, RandomProgramTest.PER_CLASS,
        RandomProgramTest.VECTORS_PER_CLASS, RandomProgramTest.RECORDS_PER_CLASS, new LinkedHashMap<>(), programs);
    return programs;
  }
}
