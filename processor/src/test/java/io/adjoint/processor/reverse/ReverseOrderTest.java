package io.adjoint.processor.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.processor.lower.LoweredMethods;
import io.adjoint.processor.ssa.Normalized;
import io.adjoint.processor.ssa.SsaProgram;
import io.adjoint.processor.ssa.SsaStatement;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which loops' reverse iterations {@link ReverseOrder} lets run in any order, a table of cases: the
 * first top-level loop of {@code double f(double[] x, double[] y)}. (Whether the reverse also pops
 * nothing is decided when the code is settled.)
 */
class ReverseOrderTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a sum", "double s = 0; for (int i = 0; i < x.length; i++) { s += x[i] * y[i]; } return s * s;", true),
        Arguments.of("a sum under an if", "double s = 0; for (int i = 0; i < x.length; i++) { if (x[i] > 0) { s -= x[i]; } }"
            + " return Math.sin(s);", true),
        Arguments.of("a recurrence", "double s = 1; for (int i = 0; i < x.length; i++) { s = s * x[i]; } return s;", false),
        Arguments.of("entries stored at the counter", "double[] a = new double[x.length]; double s = 0;"
            + " for (int i = 0; i < x.length; i++) { a[i] = x[i] * y[i]; s += a[i] * a[i]; } return Math.exp(s);", true),
        Arguments.of("additions into any entry", "double[] a = new double[2]; for (int i = 0; i < x.length; i++) {"
            + " a[i % 2] += x[i] * y[i]; } return a[0] * a[1];", true),
        Arguments.of("an entry another iteration stored", "double[] a = new double[x.length + 1]; a[0] = y[0];"
            + " for (int i = 0; i < x.length; i++) { a[i + 1] = a[i] * x[i]; } return a[x.length];", false),
        Arguments.of("an entry stored at another index", "double[] a = new double[x.length]; double s = 0;"
            + " for (int i = 0; i < x.length; i++) { a[x.length - 1 - i] = x[i]; s += a[0]; } return s * s;", false),
        Arguments.of("a prefix sum: additions reading what another iteration added to",
            "double[] c = new double[] {x[0], x[1], x[2]};"
                + " for (int i = 1; i < 3; i++) { c[i] += c[i - 1]; } return c[2];", false),
        Arguments.of("additions into an array read at another index",
            "double[] a = new double[x.length]; double s = 0;"
                + " for (int i = 0; i < x.length; i++) { a[i] += x[i]; s += a[0] * 2; } return s;", false),
        Arguments.of("additions into an array the loop reads only at the counter",
            "double[] a = new double[x.length]; double s = 0;"
                + " for (int i = 0; i < x.length; i++) { a[i] += x[i]; s += a[i] * a[i]; } return Math.sin(s);", true),
        Arguments.of("an array stored at the counter, read at another index",
            "double[] a = new double[x.length]; double s = 0;"
                + " for (int i = 0; i < x.length; i++) { a[i] = x[i]; s += a[0] * x[i]; } return s * s;", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void free(String name, String body, boolean free) {
    String source = "@Differentiable static double f(double[] x, double[] y) { " + body + " }";
    SsaProgram ssa = SsaProgram.of(Normalized.of(LoweredMethods.lower(source, "f")).function(), Rules.DIFFERENTIATION);
    SsaStatement.Loop loop = ssa.body().stream()
        .filter(SsaStatement.Loop.class::isInstance)
        .map(SsaStatement.Loop.class::cast)
        .findFirst()
        .orElseThrow();
    assertEquals(free, ReverseOrder.free(loop), body);
  }
}
