package io.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated code of inputs that use the whole subset compiles without a single warning under {@code
 * -Xlint:all}: no raw types, no lossy conversions, no unchecked calls; and it has no dead stores a reviewer
 * would point at. What the code computes is checked by the functional tests in {@code samples} and by the
 * random programs.
 */
class GeneratedCodeTest {
  static Stream<Arguments> inputs() {
    return Stream.of(
        Arguments.of(
            "math",
            "p.Functions",
            """
            package p;

            import static java.lang.Math.*;

            import io.adjoint.Differentiable;

            public class Functions {
              @Differentiable
              public static double all(double x, double y) {
                double a = sin(x) + cos(x) + tan(x) + asin(x / 4) + acos(x / 4) + atan(x) + atan2(x, y);
                double b = sinh(x) + cosh(x) + tanh(x) + exp(x) + expm1(x) + log(y) + log10(y) + log1p(y);
                double c = sqrt(y) + cbrt(x) + pow(y, x) + hypot(x, y) + abs(x) + min(x, y) + max(x, y);
                double d = toRadians(x) + toDegrees(y) + signum(x) + floor(x) + ceil(y) + rint(x) + round(y);
                return a + b + c + d + StrictMath.sin(x) * Math.PI + Math.E;
              }
            }
            """,
            List.of("p.FunctionsGradients")),
        Arguments.of(
            "integers, booleans, casts and compound assignment",
            "p.Mixed",
            """
            package p;

            import io.adjoint.Differentiable;

            class Mixed {
              static final double SCALE = 2;
              static final int STEPS = 3;

              @Differentiable
              static double f(double x, int n, long m, boolean flip) {
                int k = n * STEPS;
                k++;
                long l = m + k;
                double y = x * (double) l;
                y += x / n;
                y -= x * m;
                y *= SCALE;
                y /= 1 + x * x;
                int truncated = (int) y;
                if (flip && !(k > 4 || truncated == 0)) {
                  y = -y;
                } else if (n % 2 == 0) {
                  y = y * y;
                }
                return n > 0 ? y : -x;
              }

              @Differentiable
              static double constant(int n) {
                return n * 0.5;
              }
            }
            """,
            List.of("p.MixedGradients")),
        Arguments.of(
            "instance methods of a generic class",
            "p.Box",
            """
            package p;

            import io.adjoint.Differentiable;
            import java.util.List;

            public class Box<T extends Comparable<T>> {
              List<T> items;
              double weight = 2;

              @Differentiable
              public double scaled(double x) {
                return weight * square(x) + this.weight;
              }

              @Differentiable
              double square(double x) {
                return x * x;
              }
            }
            """,
            List.of("p.BoxGradients")),
        Arguments.of(
            "nested classes calling each other",
            "p.Outer",
            """
            package p;

            import io.adjoint.Differentiable;

            public class Outer {
              public static class Inner {
                static double offset = 1;

                @Differentiable
                public static double f(double x) {
                  return x * x + offset;
                }
              }

              static class Other {
                @Differentiable
                static double g(double x, double y) {
                  return Inner.f(x) * Outer.Inner.f(y) + h(x);
                }
              }

              @Differentiable
              static double h(double x) {
                return Math.exp(-x);
              }
            }
            """,
            List.of("p.OuterGradients", "p.Outer_InnerGradients", "p.Outer_OtherGradients")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void compilesWithoutWarnings(String description, String name, String source, List<String> generated) {
    Compilation compilation =
        javac()
            .withProcessors(new DifferentiableProcessor())
            .withOptions("-Xlint:all")
            .compile(JavaFileObjects.forSourceString(name, source));

    assertThat(compilation).succeeded();
    for (String type : generated) {
      assertThat(compilation).generatedSourceFile(type);
    }
    assertEquals(generated.size(), compilation.generatedSourceFiles().size());
    List<String> warnings =
        compilation.warnings().stream()
            .map(d -> d.getMessage(Locale.ROOT))
            .filter(m -> !isUnclaimedGenerated(m))
            .toList();
    assertEquals(List.of(), warnings);
  }

  /**
   * Loops, accumulators and arrays stored into entry by entry, whose reverse sweeps once reset adjoints
   * nothing read again ({@code eBar[1] = 0.0;} after the last read of {@code eBar}, {@code sumBar = 0.0;}
   * after the reverse loop), counted a loop's counter again for a body that no longer read it, and wrote
   * {@code sumBar = 0.0; sumBar += s2Bar;}.
   */
  @Test
  void hasNoDeadStores() {
    String source =
        """
        package p;

        import io.adjoint.Differentiable;
        import io.adjoint.NoDerivative;

        class Stores {
          @Differentiable
          static double series(double[] v, double s) {
            double sum = 0;
            for (int i = 0; i < v.length; i++) {
              double row = 0;
              for (int j = 0; j < v.length; j++) {
                row += s * v[j] * v[i];
              }
              sum += row * row;
            }
            return sum;
          }

          @Differentiable
          static double entries(double x, double y) {
            double[] e = new double[2];
            e[0] = x * y;
            e[1] = x - y;
            return e[0] * e[0] + 3 * e[1];
          }

          @Differentiable
          static double copied(@NoDerivative double[] state, double w) {
            double[] s = new double[state.length];
            for (int i = 0; i < state.length; i++) {
              s[i] = state[i];
            }
            s[0] = s[0] * w;
            double total = 0;
            for (int i = 0; i < s.length; i++) {
              total = total + w * Math.sin(s[i]);
            }
            return total;
          }
        }
        """;
    Compilation compilation =
        javac().withProcessors(new DifferentiableProcessor()).compile(JavaFileObjects.forSourceString("p.Stores", source));
    assertThat(compilation).succeeded();
    String generated;
    try {
      generated = compilation.generatedSourceFile("p.StoresGradients").orElseThrow().getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(List.of(), DeadStoreLines.find(generated), generated);
  }

  static Stream<String> goldenOutputs() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src", "test", "resources", "golden"))) {
      return files.map(Path::toString).filter(f -> f.endsWith("Gradients.java")).sorted().toList().stream();
    }
  }

  /** The pinned outputs of the golden files have none either: updating them cannot bring one back. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenOutputs")
  void goldenOutputHasNoDeadStores(String file) throws IOException {
    assertEquals(List.of(), DeadStoreLines.find(Files.readString(Path.of(file))));
  }

  /**
   * The one warning allowed: -Xlint:processing notes that no processor claims {@code @Generated}, which
   * the generated code carries. It is about the processor set, not about the code (every processor that
   * writes {@code @Generated} causes it), and the build turns that lint off for the same reason.
   */
  private static boolean isUnclaimedGenerated(String message) {
    return message.startsWith("No processor claimed any of these annotations:")
        && message.endsWith("javax.annotation.processing.Generated")
        && !message.contains(",");
  }
}
