package io.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.adjoint.GradCheck;
import io.adjoint.processor.random.MemoryClassLoader;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The second-order forms on what they must see through: a {@code @Derivative} rule (its own body
 * differentiated), calls with loops and branches (inlined), a matrix parameter, an instance method, and a
 * {@code @NoDerivative} parameter the body assigns. Each Hessian is checked against differences of the
 * generated gradient ({@link GradCheck#checkHessian}), exact symmetry, and the Hessian-vector product
 * against the Hessian times the vector.
 */
class SecondOrderFormTest {
  private static final String SOURCE =
      """
      package p;

      import io.adjoint.Derivative;
      import io.adjoint.Differentiable;
      import io.adjoint.NoDerivative;

      class Second {
        final double weight;

        Second(double weight) {
          this.weight = weight;
        }

        static double softplus(double x) {
          return x > 30 ? x : Math.log1p(Math.exp(x));
        }

        @Derivative(of = "softplus", wrt = "x")
        static double softplusDerivative(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @Differentiable
        static double energy(double[] p, double k) {
          double e = 0;
          for (int i = 0; i + 1 < p.length; i++) {
            double d = p[i + 1] - p[i];
            e += d > 0 ? k * d * d : Math.cosh(d);
          }
          return e;
        }

        @Differentiable(order = 2)
        static double f(double[] p, double[][] m, @NoDerivative double k) {
          double s = softplus(p[0] * m[0][1]) + energy(p, k * m[1][0]);
          for (int i = 0; i < m.length; i++) {
            k = k + Math.max(m[i][0], m[i][1]) * p[i];
          }
          return s * k + Math.atan2(p[1], m[1][1]);
        }

        /** A polynomial from a constant table, which inlining inside a loop moves before the loop. */
        @Differentiable
        static double poly(double x) {
          double[] c = {1.0, -0.5, 0.25, 0.125};
          double s = 0;
          for (int i = c.length - 1; i >= 0; i--) {
            s = s * x + c[i];
          }
          return s;
        }

        @Differentiable(order = 2)
        static double sumPoly(double[] xs) {
          double t = 0;
          for (int i = 0; i < xs.length; i++) {
            t += poly(xs[i]) * Math.sin(xs[i]);
          }
          return t;
        }

        /** Java 17 constructs and the newer Math functions, twice differentiated. */
        @Differentiable(order = 2)
        static double java17(double x, double y, int k) {
          double a = Math.fma(x, y, Math.sin(x));
          double b = Math.scalb(a * y, k) + Math.copySign(x * x, y) + Math.cbrt(2 + y * y);
          double s = switch (k) {
            case 1 -> Math.expm1(a * 0.1);
            case 2 -> Math.log1p(b * b);
            default -> a * b;
          };
          for (int i = 0; i < 3; i++) {
            if (i == k) {
              return s + Math.hypot(a, i);
            }
          }
          return s * Math.atan(y);
        }

        @Differentiable(order = 2)
        double g(double x, double y) {
          return weight * softplus(x * y) / (1 + y * y);
        }
      }
      """;

  private static Class<?> gradients() throws Exception {
    Compilation compilation =
        javac().withProcessors(new DifferentiableProcessor()).compile(JavaFileObjects.forSourceString("p.Second", SOURCE));
    assertThat(compilation).succeededWithoutWarnings();
    return new MemoryClassLoader(compilation, SecondOrderFormTest.class.getClassLoader()).loadClass("p.SecondGradients");
  }

  private static Method method(Class<?> type, String name, int parameters) {
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == parameters) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new AssertionError("no " + name);
  }

  private static Object invoke(Method m, Object... args) {
    return EndToEnd.invoke(m, args);
  }

  private static Object component(Object record, String name) {
    return EndToEnd.part(record, name);
  }

  private static void assertSymmetricAndConsistent(double[][] hessian, double[] hessianVector, double[] v) {
    for (int i = 0; i < hessian.length; i++) {
      double expected = 0;
      double scale = 0;
      for (int k = 0; k < hessian.length; k++) {
        assertEquals(hessian[i][k], hessian[k][i], 0.0, "symmetric at " + i + "," + k);
        expected += hessian[i][k] * v[k];
        scale += Math.abs(hessian[i][k] * v[k]);
      }
      assertEquals(expected, hessianVector[i], 1e-12 * (1 + scale), "H·v at " + i);
    }
  }

  @Test
  void throughARuleCallsLoopsAndAMatrix() throws Exception {
    Class<?> g = gradients();
    Method into = method(g, "fInto", 4);
    Method hessian = method(g, "fHessian", 3);
    Method hessianVector = method(g, "fHessianVector", 4);
    double k = 0.7;
    Function<double[], double[]> gradient =
        x -> {
          double[] out = new double[7];
          invoke(into, part(x, 0, 3), matrix(x), k, out);
          return out;
        };
    for (double[] x : new double[][] {{0.3, -0.8, 1.1, 0.5, -0.2, 0.9, 0.4}, {-1.2, 0.4, 0.1, 2.0, 1.5, -0.3, 0.8}}) {
      Object h = invoke(hessian, part(x, 0, 3), matrix(x), k);
      double[][] claimed = (double[][]) component(h, "hessian");
      GradCheck.checkHessian(gradient, p -> claimed, x).assertPassed();
      double[] expectedGradient = gradient.apply(x);
      double[] gotGradient = (double[]) component(h, "gradient");
      for (int i = 0; i < 7; i++) {
        assertEquals(expectedGradient[i], gotGradient[i], 1e-12 * (1 + Math.abs(expectedGradient[i])));
      }
      double[] v = {0.5, -1.0, 0.25, 0.75, -0.5, 1.0, 0.3};
      assertSymmetricAndConsistent(claimed, (double[]) invoke(hessianVector, part(x, 0, 3), matrix(x), k, v), v);
    }
  }

  @Test
  void anInstanceMethodThroughARule() throws Exception {
    Class<?> g = gradients();
    Class<?> second = g.getClassLoader().loadClass("p.Second");
    var ctor = second.getDeclaredConstructor(double.class);
    ctor.setAccessible(true);
    Object receiver = ctor.newInstance(1.75);
    Method gradientRecord = g.getDeclaredMethod("g", second, double.class, double.class);
    gradientRecord.setAccessible(true);
    Method hessian = method(g, "gHessian", 3);
    Function<double[], double[]> gradient =
        x -> {
          Object r = invoke(gradientRecord, receiver, x[0], x[1]);
          return new double[] {(double) component(r, "x"), (double) component(r, "y")};
        };
    double[] x = {0.6, -1.3};
    double[][] claimed = (double[][]) component(invoke(hessian, receiver, x[0], x[1]), "hessian");
    GradCheck.checkHessian(gradient, p -> claimed, x).assertPassed();
  }

  @Test
  void aCalleeWithAConstantTableInsideALoop() throws Exception {
    Class<?> g = gradients();
    Method into = method(g, "sumPolyInto", 2);
    Method hessian = method(g, "sumPolyHessian", 1);
    Function<double[], double[]> gradient =
        x -> {
          double[] out = new double[x.length];
          invoke(into, x, out);
          return out;
        };
    double[] x = {0.3, -0.8, 1.1};
    double[][] claimed = (double[][]) component(invoke(hessian, (Object) x), "hessian");
    GradCheck.checkHessian(gradient, p -> claimed, x).assertPassed();
  }

  @Test
  void switchReturnInALoopAndTheNewerMathFunctions() throws Exception {
    Class<?> g = gradients();
    Method gradientRecord = g.getDeclaredMethod("java17", double.class, double.class, int.class);
    gradientRecord.setAccessible(true);
    Method hessian = g.getDeclaredMethod("java17Hessian", double.class, double.class, int.class);
    hessian.setAccessible(true);
    for (int k = 0; k < 4; k++) {
      int selector = k;
      Function<double[], double[]> gradient =
          x -> {
            Object r = invoke(gradientRecord, x[0], x[1], selector);
            return new double[] {(double) component(r, "x"), (double) component(r, "y")};
          };
      double[] x = {0.7, -1.3};
      double[][] claimed = (double[][]) component(invoke(hessian, x[0], x[1], selector), "hessian");
      GradCheck.checkHessian(gradient, p -> claimed, x).assertPassed();
    }
  }

  private static double[] part(double[] all, int from, int length) {
    return Arrays.copyOfRange(all, from, from + length);
  }

  private static double[][] matrix(double[] all) {
    return new double[][] {{all[3], all[4]}, {all[5], all[6]}};
  }
}
