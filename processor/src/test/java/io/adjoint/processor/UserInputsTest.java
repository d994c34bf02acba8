package io.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.adjoint.processor.random.MemoryClassLoader;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Valid inputs a user writes that a processor easily gets wrong: unicode names, {@code var}, static
 * imports, classes in several files and packages calling each other, nested and generic classes. Each
 * compiles without warnings and its gradient agrees with central differences.
 */
class UserInputsTest {
  static Stream<Arguments> inputs() {
    return Stream.of(
        Arguments.of(
            "unicode identifiers and var",
            "p.Ünicode",
            "f",
            new JavaFileObject[] {
              JavaFileObjects.forSourceString(
                  "p.Ünicode",
                  """
                  package p;

                  import io.adjoint.Differentiable;

                  public class Ünicode {
                    @Differentiable
                    public static double f(double α, double β) {
                      var γ = α * β;
                      var δ = Math.sin(γ) + α;
                      double résumé = δ * δ;
                      return résumé / (1 + β * β);
                    }
                  }
                  """)
            }),
        Arguments.of(
            "several files and packages, static imports, a generic class",
            "p.a.Model",
            "loss",
            new JavaFileObject[] {
              JavaFileObjects.forSourceString(
                  "p.a.Model",
                  """
                  package p.a;

                  import static java.lang.Math.exp;
                  import static p.b.Helpers.square;

                  import io.adjoint.Differentiable;
                  import p.b.Helpers;

                  public class Model<T extends Comparable<T>> {
                    @Differentiable
                    public static double loss(double w, double b) {
                      double z = w * 2 + b;
                      return square(z - 1) + Helpers.Inner.soft(exp(-z));
                    }
                  }
                  """),
              JavaFileObjects.forSourceString(
                  "p.b.Helpers",
                  """
                  package p.b;

                  import io.adjoint.Differentiable;

                  public final class Helpers {
                    private Helpers() {}

                    @Differentiable
                    public static double square(double x) {
                      return x * x;
                    }

                    public static final class Inner {
                      @Differentiable
                      public static double soft(double x) {
                        return Math.log1p(x);
                      }
                    }
                  }
                  """)
            }),
        Arguments.of(
            "parameters named like the classes generated code calls (Math, Tape)",
            "p.Shadows",
            "f",
            new JavaFileObject[] {
              JavaFileObjects.forSourceString(
                  "p.Shadows",
                  """
                  package p;

                  import static java.lang.Math.sin;

                  import io.adjoint.Differentiable;

                  public class Shadows {
                    @Differentiable
                    public static double f(double Math, double Tape) {
                      double[] t = new double[3];
                      for (int i = 0; i < t.length; i++) {
                        t[i] = sin(Math * i) + Tape * Tape;
                      }
                      double product = 1;
                      for (int i = 0; i < 3; i++) {
                        product = product * (Tape + i);
                      }
                      return t[2] * t[1] + sin(Tape) + product;
                    }
                  }
                  """)
            }),
        Arguments.of(
            "loops over arrays with a helper and a nested loop",
            "p.Arrays2",
            "f",
            new JavaFileObject[] {
              JavaFileObjects.forSourceString(
                  "p.Arrays2",
                  """
                  package p;

                  import io.adjoint.Differentiable;

                  public class Arrays2 {
                    @Differentiable
                    public static double f(double x, double y) {
                      double[] v = {x, y, x * y};
                      double s = 0;
                      for (int i = 0; i < v.length; i++) {
                        for (int j = 0; j <= i; j++) {
                          s += Math.sin(v[i] * v[j]);
                        }
                      }
                      return s + norm(v);
                    }

                    @Differentiable
                    static double norm(double[] v) {
                      double s = 0;
                      for (double e : v) {
                        s += e * e;
                      }
                      return Math.sqrt(s);
                    }
                  }
                  """)
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void compilesAndIsRight(String description, String className, String method, JavaFileObject[] sources)
      throws Exception {
    Compilation compilation = javac().withProcessors(new DifferentiableProcessor()).compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader = new MemoryClassLoader(compilation, getClass().getClassLoader());
    Class<?> source = loader.loadClass(className);
    Method f = source.getMethod(method, double.class, double.class);
    Method gradient = loader.loadClass(className + "Gradients").getMethod(method, double.class, double.class);
    double[] point = {0.4, -0.7};
    Object g = gradient.invoke(null, point[0], point[1]);
    RecordComponent[] components = g.getClass().getRecordComponents();
    assertEquals((double) f.invoke(null, point[0], point[1]), (double) components[0].getAccessor().invoke(g));
    for (int i = 0; i < 2; i++) {
      double h = 1e-6;
      double[] up = point.clone();
      double[] down = point.clone();
      up[i] += h;
      down[i] -= h;
      double numeric = ((double) f.invoke(null, up[0], up[1]) - (double) f.invoke(null, down[0], down[1])) / (2 * h);
      double claimed = (double) components[i + 1].getAccessor().invoke(g);
      assertEquals(numeric, claimed, 1e-7 * Math.max(1, Math.abs(numeric)), components[i + 1].getName());
    }
  }
}
