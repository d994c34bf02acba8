package io.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The errors of the forms added for vector-valued and second-order methods: the {@code order} attribute,
 * and the calls the processor must inline but cannot. Each marked line must get exactly that error (see
 * {@link DiagnosticsTest#assertErrors(String)}).
 */
class InliningDiagnosticsTest {
  @Test
  void orderOtherThanOneOrTwo() {
    DiagnosticsTest.assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable(order = 3) // ERROR: ORDER
          static double f(double x) {
            return x * x;
          }
        }
        """);
  }

  @Test
  void secondOrderOfAVectorValuedMethod() {
    DiagnosticsTest.assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable(order = 2) // ERROR: ORDER_OF_VECTOR
          static double[] f(double x) {
            return new double[] {x, x * x};
          }
        }
        """);
  }

  @Test
  void vectorValuedReturnOfAnotherType() {
    DiagnosticsTest.assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double[][] f(double x) { // ERROR: RETURN_TYPE
            return new double[][] {{x}};
          }
        }
        """);
  }

  @Test
  void recursiveVectorValuedCallee() {
    DiagnosticsTest.assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double[] powers(double x, int n) {
            if (n == 0) {
              return new double[] {1.0};
            }
            double[] lower = powers(x, n - 1); // ERROR: INLINE_RECURSIVE
            double[] out = new double[n + 1];
            out[0] = 1.0;
            out[n] = lower[n - 1] * x;
            return out;
          }
        }
        """);
  }

  @Test
  void secondOrderThroughARecursiveCallee() {
    DiagnosticsTest.assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double power(double x, int n) {
            return n == 0 ? 1.0 : x * power(x, n - 1);
          }

          @Differentiable(order = 2)
          static double f(double x) {
            return Math.sin(power(x, 3)); // ERROR: INLINE_RECURSIVE
          }
        }
        """);
  }

  @Test
  void vectorCalleeReturningDifferentArrays() {
    DiagnosticsTest.assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double[] pick(double[] a, double[] b, double x) {
            if (x > 0) {
              return a;
            }
            return b;
          }

          @Differentiable
          static double f(double[] a, double[] b, double x) {
            double[] chosen = pick(a, b, x); // ERROR: INLINE_ARRAYS
            return chosen[0] * x;
          }
        }
        """);
  }

  @Test
  void vectorCallEvaluatedUnderACondition() {
    DiagnosticsTest.assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double[] pair(double x) {
            return new double[] {x, 2 * x};
          }

          @Differentiable
          static double f(double x) {
            boolean both = x > 0 && pair(x)[1] > 1; // ERROR: INLINE_CONDITIONAL
            return both ? x : -x;
          }
        }
        """);
  }

  @Test
  void noDerivativeParameterOfACallInALoop() {
    // a call in a loop is inlined where it can be, but not one passing a value that depends on the inputs
    // to a @NoDerivative parameter: it stays a call, which reports the argument
    DiagnosticsTest.assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;
        import io.adjoint.NoDerivative;

        class Foo {
          @Differentiable
          static double scaled(@NoDerivative double k, double x) {
            return k * x;
          }

          @Differentiable
          static double f(double[] w) {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
              s += scaled(w[i], w[i]); // ERROR: INACTIVE_PARAMETER
            }
            return s;
          }
        }
        """);
  }

  @Test
  void vectorCallInsideALoop() {
    DiagnosticsTest.assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double[] pair(double x) {
            return new double[] {x, 2 * x};
          }

          @Differentiable
          static double[] repeated(double x, double[] shape) {
            double[] out = new double[shape.length];
            for (int i = 0; i < out.length; i++) {
              out[i] = x * shape[i];
            }
            return out;
          }

          @Differentiable
          static double total(double[] v) {
            return v[0] + v[1];
          }

          @Differentiable
          static double f(double x, double[] shape) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              s += pair(x * i)[1]; // a pair of constant size, indexed: split into two scalars
            }
            for (int i = 0; i < 3; i++) {
              double[] p = pair(x + i);
              s += p[0] * p[1];
            }
            for (int i = 0; i < 3; i++) {
              double[] r = repeated(x, shape); // ERROR: INLINE_ARRAY_IN_LOOP
              s += r[0];
            }
            return s;
          }

          @Differentiable
          static double spread(double[] v) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
              d[i] = v[i] - v[0];
            }
            return d[1];
          }

          @Differentiable
          static double g(double x) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              s += total(pair(x - i)); // total is inlined too: the pair is split into two scalars
            }
            for (int i = 0; i < 3; i++) {
              s += spread(pair(x - i)); // ERROR: INLINE_ARRAY_IN_LOOP
            }
            return s;
          }
        }
        """);
  }

  /** A rule whose body is not in the subset has no derivative to give; one whose body is, does. */
  @Test
  void secondOrderThroughADerivativeRuleOutsideTheSubset() {
    DiagnosticsTest.assertErrors(
        """
        package p;

        import io.adjoint.Derivative;
        import io.adjoint.Differentiable;

        class Foo {
          static double softplus(double x) {
            return Math.log1p(Math.exp(x));
          }

          @Derivative(of = "softplus", wrt = "x")
          static double softplusDerivative(double x) {
            return Logistic.of(x);
          }

          static double smooth(double x) {
            return Math.sqrt(1 + x * x);
          }

          @Derivative(of = "smooth", wrt = "x")
          static double smoothDerivative(double x) {
            return x / Math.sqrt(1 + x * x);
          }

          @Differentiable
          static double layer(double x) {
            return softplus(3 * x);
          }

          @Differentiable(order = 2)
          static double f(double x) {
            return layer(x) * x; // ERROR: SECOND_ORDER_RULE
          }

          @Differentiable(order = 2)
          static double g(double x) {
            return softplus(x) * x; // ERROR: SECOND_ORDER_RULE
          }

          @Differentiable(order = 2)
          static double h(double x) {
            return smooth(x) * x;
          }
        }

        class Logistic {
          static double of(double x) {
            return 1 / (1 + Math.exp(-x));
          }
        }
        """);
  }

  /** A vector-valued callee that calls a method that failed fails too, and so does its caller. */
  @Test
  void vectorCalleeOfAFailedMethod() {
    DiagnosticsTest.assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double broken(double x) {
            synchronized (Foo.class) { // ERROR: SYNCHRONIZED
              return x;
            }
          }

          @Differentiable
          static double[] pair(double x) {
            return new double[] {x, broken(x)}; // ERROR: CALLEE_FAILED
          }

          @Differentiable
          static double f(double x) {
            double[] p = pair(x); // ERROR: CALLEE_FAILED
            return p[0] * p[1];
          }
        }
        """);
  }

  /**
   * An order-2 method may call a method that gets no gradient because of a later stage (E225 in g): its
   * second-order forms inline g, but its first-order forms call g's gradient, which does not exist: E108.
   */
  @Test
  void secondOrderCallerOfAMethodWithoutGradient() {
    DiagnosticsTest.assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;
        import io.adjoint.NoDerivative;

        class Foo {
          @Differentiable
          static double h(double a, @NoDerivative double b) {
            return a * b;
          }

          @Differentiable
          static double g(double x) {
            return h(x, x * x); // ERROR: INACTIVE_PARAMETER
          }

          @Differentiable(order = 2)
          static double f(double x) {
            return Math.sin(g(x)); // ERROR: CALLEE_FAILED
          }
        }
        """);
  }

  /** A callee compiled earlier, into a directory on the class path: its body is not in this compilation. */
  @Test
  void calleeCompiledElsewhere(@TempDir Path classes) throws IOException {
    Compilation library =
        javac()
            .withProcessors(new DifferentiableProcessor())
            .compile(
                JavaFileObjects.forSourceString(
                    "q.Library",
                    """
                    package q;

                    import io.adjoint.Differentiable;

                    public class Library {
                      @Differentiable
                      public static double[] pair(double x) {
                        return new double[] {x, x * x};
                      }

                      @Differentiable
                      public static double square(double x) {
                        return x * x;
                      }
                    }
                    """));
    assertThat(library).succeeded();
    for (JavaFileObject f : library.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS) {
        String path = f.toUri().getPath();
        Path target = classes.resolve(path.substring(path.indexOf("/q/") + 1));
        Files.createDirectories(target.getParent());
        try (InputStream in = f.openInputStream()) {
          Files.copy(in, target);
        }
      }
    }
    List<File> classpath = new ArrayList<>();
    classpath.add(classes.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    DiagnosticsTest.assertErrors(
        javac().withProcessors(new DifferentiableProcessor()).withClasspath(classpath),
        """
        package p;

        import io.adjoint.Differentiable;
        import q.Library;

        class Foo {
          @Differentiable
          static double f(double x) {
            double[] p = Library.pair(x); // ERROR: INLINE_NO_SOURCE
            return p[1] + Library.square(x);
          }

          @Differentiable(order = 2)
          static double g(double x) {
            return Math.sin(Library.square(x)); // ERROR: INLINE_NO_SOURCE
          }
        }
        """);
  }

  /**
   * A callee in another package reading a field the caller's package cannot see: its body, inlined into
   * the caller's generated class, could not read it, so the call is an error (not an error in generated
   * code). A public field, and a compile-time constant, which the callee's body holds as its value, are
   * fine.
   */
  @Test
  void calleeInAnotherPackageReadingAFieldThisPackageCannotSee() {
    JavaFileObject model =
        JavaFileObjects.forSourceString(
            "p.Model",
            """
            package p;

            import io.adjoint.Differentiable;
            import q.Geometry;

            class Model {
              @Differentiable
              static double f(double x) {
                double[] w = Geometry.weighted(x);
                return w[0] + w[1];
              }

              @Differentiable
              static double g(double x) {
                double[] s = Geometry.scaled(x);
                return s[0] * s[1];
              }
            }
            """);
    Compilation compilation =
        javac()
            .withProcessors(new DifferentiableProcessor())
            .compile(
                JavaFileObjects.forSourceString(
                    "q.Geometry",
                    """
                    package q;

                    import io.adjoint.Differentiable;

                    public class Geometry {
                      static double[] weights = {1.0, 2.0};
                      public static double[] scales = {3.0, 4.0};
                      static final double CONSTANT = 5.0;

                      @Differentiable
                      public static double[] weighted(double x) {
                        return new double[] {weights[0] * x, weights[1] * x * x};
                      }

                      @Differentiable
                      public static double[] scaled(double x) {
                        return new double[] {scales[0] * x, CONSTANT * x * x};
                      }
                    }
                    """),
                model);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Message.INLINE_INACCESSIBLE.code()).inFile(model).onLine(9);
    assertThat(compilation).hadErrorContaining("q.Geometry.weights");
  }
}
