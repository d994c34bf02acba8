package io.adjoint.processor.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.adjoint.processor.DifferentiableProcessor;
import io.adjoint.processor.Message;
import org.junit.jupiter.api.Test;

/**
 * What second order does with what {@link RandomProgramTest} does not write: the random classes'
 * {@code @Derivative} rules are differentiated themselves (their bodies are in the subset), a rule outside
 * the subset is E264, and a recursive method E261 (the random programs are never recursive).
 */
class SecondOrderLimitsTest {
  @Test
  void ruleCallsAtOrderTwoDifferentiateTheRules() throws Exception {
    // the rule helpers of the random classes, called where a derivative flows through them: their bodies
    // are in the subset, so second order differentiates them
    String source =
        "package p;\nimport io.adjoint.Differentiable;\nclass T {\n" + SourcePrinter.CUSTOM_HELPERS
            + """
              @Differentiable(order = 2)
              static double f(double x, double y) {
                return softplus(x * y) + logAddExp(x, y * y) * logCosh(y);
              }
            }
            """;
    Compilation c = compile(source);
    assertEquals(Compilation.Status.SUCCESS, c.status(), () -> c.errors().toString());
    Class<?> gradients = new MemoryClassLoader(c, SecondOrderLimitsTest.class.getClassLoader()).loadClass("p.TGradients");
    java.lang.reflect.Method into = gradients.getDeclaredMethod("fInto", double.class, double.class, double[].class);
    java.lang.reflect.Method hessian = gradients.getDeclaredMethod("fHessian", double.class, double.class);
    into.setAccessible(true);
    hessian.setAccessible(true);
    Object record = hessian.invoke(null, 0.4, -0.9);
    java.lang.reflect.RecordComponent h = record.getClass().getRecordComponents()[2];
    h.getAccessor().setAccessible(true);
    double[][] claimed = (double[][]) h.getAccessor().invoke(record);
    io.adjoint.GradCheck.checkHessian(
            p -> {
              double[] g = new double[2];
              try {
                into.invoke(null, p[0], p[1], g);
              } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
              }
              return g;
            },
            p -> claimed,
            0.4,
            -0.9)
        .assertPassed();
  }

  /** A rule whose body is outside the subset gives no second derivative: E264. */
  @Test
  void aRuleOutsideTheSubsetIsE264() {
    String source =
        """
        package p;
        import io.adjoint.Derivative;
        import io.adjoint.Differentiable;
        class T {
          static double smooth(double x) {
            return Math.sqrt(1 + x * x);
          }

          @Derivative(of = "smooth", wrt = "x")
          static double smoothDx(double x) {
            return Slope.of(x);
          }

          @Differentiable(order = 2)
          static double f(double x, double y) {
            return smooth(x * y) + y;
          }
        }

        class Slope {
          static double of(double x) {
            return x / Math.sqrt(1 + x * x);
          }
        }
        """;
    Compilation c = compile(source);
    assertEquals(Compilation.Status.FAILURE, c.status());
    assertTrue(c.errors().toString().contains(Message.SECOND_ORDER_RULE.code()), () -> c.errors().toString());
  }

  /**
   * Recursion through an order-1 method: f inlines g, whose body calls f. It used to get only E108 on
   * g's call to f, since lowering reported every call to a method already known to fail and stopped
   * before f's inlining could say why; an order-2 caller now lowers the callees it inlines whatever their
   * own fate, and the inliner reports E261.
   */
  @Test
  void indirectRecursionAtOrderTwoIsE261() {
    String source =
        """
        package p;
        import io.adjoint.Differentiable;
        class T {
          @Differentiable
          static double g(double x) {
            if (x < 1) {
              return x;
            }
            return f(x / 2);
          }

          @Differentiable(order = 2)
          static double f(double x) {
            return g(x) * x;
          }
        }
        """;
    Compilation c = compile(source);
    assertEquals(Compilation.Status.FAILURE, c.status());
    assertTrue(c.errors().toString().contains(Message.INLINE_RECURSIVE.code()), () -> c.errors().toString());
  }

  /** A method that calls itself directly, at order 2: E261 at its own call (it used to get only E108). */
  @Test
  void recursionAtOrderTwoIsE261() {
    String source =
        """
        package p;
        import io.adjoint.Differentiable;
        class T {
          @Differentiable(order = 2)
          static double f(double x) {
            if (x < 1) {
              return x;
            }
            return f(x / 2) * x;
          }
        }
        """;
    Compilation c = compile(source);
    assertEquals(Compilation.Status.FAILURE, c.status());
    assertTrue(c.errors().toString().contains(Message.INLINE_RECURSIVE.code()), () -> c.errors().toString());
  }

  private static Compilation compile(String source) {
    return Compiler.javac()
        .withProcessors(new DifferentiableProcessor())
        .compile(JavaFileObjects.forSourceString("p.T", source));
  }
}
