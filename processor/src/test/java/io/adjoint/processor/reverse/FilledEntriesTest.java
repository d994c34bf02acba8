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
 * How many values of {@code double f(double[] x, double[] y, double w)} {@link FilledEntries} has the
 * reverse sweep compute again from what a fill stored, a table of cases; and which ints {@link
 * LoopCounters#advance} recovers from the next iteration's value.
 */
class FilledEntriesTest {
  private static final String FILL = "int n = x.length; double[] c = new double[n]; double s = 0;"
      + " for (int r = 0; r < 3; r++) { for (int i = 0; i < n; i++) { c[i] = x[i] * w - y[i]; } ";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("read at another index", FILL + "for (int i = 0; i + 1 < n; i++) { s += Math.sin(c[i + 1]); } } return s;", 1),
        Arguments.of("read in a preheader at a counter over the entries",
            FILL + "for (int i = 0; i < n; i++) { for (int j = i + 1; j < n; j++) { s += x[j] * c[i]; } } } return s;", 1),
        Arguments.of("read in a preheader past the entries when its loop does not run",
            FILL + "for (int i = 0; i < n; i++) { for (int j = i + 1; j < n; j++) { s += x[j] * c[i + 1]; } } } return s;", 0),
        Arguments.of("the array stored into after the fill",
            FILL + "c[0] = w; for (int i = 0; i + 1 < n; i++) { s += Math.sin(c[i + 1]); } } return s;", 0),
        Arguments.of("a read before the store after the fill",
            FILL + "for (int i = 0; i + 1 < n; i++) { s += Math.sin(c[i + 1]); } c[0] = w; s += c[0]; } return s;", 1),
        Arguments.of("a fill of part of the array",
            "int n = x.length; double[] c = new double[n + 1]; double s = 0; for (int r = 0; r < 3; r++) {"
                + " for (int i = 0; i < n; i++) { c[i] = x[i] * w; } for (int i = 0; i < n; i++) { s += Math.sin(c[i]); } }"
                + " return s;", 0),
        Arguments.of("a fill under an if",
            "int n = x.length; double[] c = new double[n]; double s = 0; for (int r = 0; r < 3; r++) {"
                + " for (int i = 0; i < n; i++) { if (x[i] > 0) { c[i] = x[i] * w; } else { c[i] = w; } }"
                + " for (int i = 0; i + 1 < n; i++) { s += Math.sin(c[i + 1]); } } return s;", 0),
        Arguments.of("a fill too costly to compute again",
            "int n = x.length; double[] c = new double[n]; double s = 0; for (int r = 0; r < 3; r++) {"
                + " for (int i = 0; i < n; i++) { c[i] = Math.exp(x[i] * w); }"
                + " for (int i = 0; i + 1 < n; i++) { s += Math.sin(c[i + 1]); } } return s;", 0),
        Arguments.of("a fill reading an array the method changes",
            "int n = x.length; double[] c = new double[n]; double[] z = new double[n]; double s = 0;"
                + " for (int r = 0; r < 3; r++) { z[r % n] = w; for (int i = 0; i < n; i++) { c[i] = z[i] * w; }"
                + " for (int i = 0; i + 1 < n; i++) { s += Math.sin(c[i + 1]); } } return s;", 0),
        Arguments.of("a fill reading what the previous iteration carried",
            "int n = x.length; double[] c = new double[n]; double s = 0; double u = w;"
                + " for (int r = 0; r < 3; r++) { for (int i = 0; i < n; i++) { c[i] = x[i] * u; u = u * 0.5; }"
                + " for (int i = 0; i + 1 < n; i++) { s += Math.sin(c[i + 1]); } } return s;", 0),
        Arguments.of("read under a second name (which cannot write)",
            FILL + "double[] second = c; for (int i = 0; i + 1 < n; i++) { s += Math.sin(second[i + 1]); } }"
                + " return s;", 1));
  }

  private static SsaProgram ssa(String body) {
    String source = "@Differentiable static double f(double[] x, double[] y, double w) { " + body + " }";
    return SsaProgram.of(Normalized.of(LoweredMethods.lower(source, "f")).function(), Rules.DIFFERENTIATION);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void forwarded(String name, String body, int forwarded) {
    SsaProgram ssa = ssa(body);
    assertEquals(forwarded, FilledEntries.of(ssa.body(), ScratchArrays.definitions(ssa.body())::get).size(), body);
  }

  static Stream<Arguments> advances() {
    return Stream.of(
        Arguments.of("a column start", "int l = 0; double s = 0; for (int i = 0; i < x.length; i++) {"
            + " for (int j = i + 1; j < x.length; j++) { s += x[j] * y[l % y.length]; l++; } } return s;", true),
        Arguments.of("by two, over an inclusive bound", "int l = 0; double s = 0; for (int i = 0; i < x.length; i++) {"
            + " for (int j = 0; j <= i; j++) { s += x[j] * y[l % y.length]; l += 2; } } return s;", true),
        Arguments.of("downwards", "int l = 100; double s = 0; for (int i = 0; i < x.length; i++) {"
            + " for (int j = 0; j < i; j++) { s += x[j] * y[l % y.length]; l--; } } return s;", true),
        Arguments.of("an inner loop with break", "int l = 0; double s = 0; for (int i = 0; i < x.length; i++) {"
            + " for (int j = 0; j < i; j++) { s += x[j] * y[l % y.length]; l++; if (s > 2) { break; } } } return s;", false),
        Arguments.of("an inner loop whose count is not known", "int l = 0; double s = 0; for (int i = 0; i < x.length; i++) {"
            + " int j = 0; while (s < 2 * i && j < 9) { s += x[i] * y[l % y.length]; l++; j++; } } return s;", false),
        Arguments.of("also set in the body", "int l = 0; double s = 0; for (int i = 0; i < x.length; i++) {"
            + " for (int j = i + 1; j < x.length; j++) { s += x[j] * y[l % y.length]; l++; } l += i; } return s;", false),
        Arguments.of("an inner loop starting elsewhere", "int l = 0; double s = 0; for (int i = 0; i < x.length; i++) {"
            + " int m = l + 1; for (int j = 0; j < i; j++) { s += x[j] * y[m % y.length]; m++; } l = m; } return s;", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("advances")
  void advance(String name, String body, boolean advanced) {
    SsaStatement.Loop loop = ssa(body).body().stream()
        .filter(SsaStatement.Loop.class::isInstance)
        .map(SsaStatement.Loop.class::cast)
        .findFirst()
        .orElseThrow();
    long count = loop.headers().stream().filter(h -> LoopCounters.advance(loop, h) != null).count();
    assertEquals(advanced ? 1 : 0, count, body);
  }
}
