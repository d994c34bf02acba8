package io.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.adjoint.GradCheck;
import io.adjoint.processor.random.MemoryClassLoader;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The forms of vector-valued methods and the inlining of their calls, on the shapes a review would try
 * first: an identity, a constant, an instance method, a callee that returns an argument (copied), the
 * same callee inlined twice in one expression, nested calls, an early return of the filled array, and the
 * pullback's offset and accumulation. Each Jacobian is checked against central differences ({@link
 * GradCheck#checkJacobian}).
 */
class VectorFormTest {
  private static final String SOURCE =
      """
      package p;

      import io.adjoint.Differentiable;
      import io.adjoint.NoDerivative;

      class Vec {
        final double scale;

        Vec(double scale) {
          this.scale = scale;
        }

        @Differentiable
        static double[] identity(double[] x) {
          return x;
        }

        @Differentiable
        static double[] constant(double[] x) {
          return new double[] {1.0, 2.0, x.length};
        }

        @Differentiable
        double[] scaled(double[] x, @NoDerivative double k) {
          double[] out = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            out[i] = scale * k * x[i] * x[i];
          }
          return out;
        }

        @Differentiable
        static double[] cross(double[] a, double[] b) {
          return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
        }

        @Differentiable
        static double dot(double[] a, double[] b) {
          return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        }

        @Differentiable
        static double tripleAndSquare(double[] a, double[] b, double[] c) {
          double[] copy = identity(a);
          return dot(cross(a, b), c) + dot(cross(c, copy), cross(b, copy));
        }

        @Differentiable
        static double[] clipped(double[] x, double limit) {
          double[] out = new double[2];
          if (x[0] > limit) {
            out[0] = limit;
            out[1] = x[1] * limit;
            return out;
          }
          out[0] = Math.sin(x[0]);
          out[1] = x[1] * x[0];
          return out;
        }

        @Differentiable
        double[] shifted(double[] x, double y) {
          return new double[] {scale * x[0] + x[1] * y, x[1] * x[1] - y};
        }

        @Differentiable
        static double[] mixed(double[][] m, double s, double[] v, @NoDerivative double k) {
          double[] out = new double[2];
          double q = m[0][0] * v[0] + m[0][1] * v[1];
          if (q > 0) {
            out[0] = Math.exp(s * q) * k;
          } else {
            out[0] = s * s - q;
          }
          out[1] = m[1][0] * v[1] / (1 + s * s) + m[1][1];
          return out;
        }

        @Differentiable
        static double[] moments(double[] x) {
          double s = 0;
          double q = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i];
            q += x[i] * x[i] * Math.sin(s);
          }
          return new double[] {s, q};
        }

        @Differentiable
        static double[] layer(double[][] w, double[] x) {
          double[] out = new double[2];
          for (int r = 0; r < 2; r++) {
            double acc = 0;
            for (int c = 0; c < x.length; c++) {
              acc += w[r][c] * x[c];
            }
            out[r] = Math.tanh(acc);
          }
          return out;
        }

        @Differentiable
        static double[] rotateZ(double angle, double[] p) {
          double c = Math.cos(angle);
          double s = Math.sin(angle);
          return new double[] {c * p[0] - s * p[1], s * p[0] + c * p[1], p[2]};
        }

        @Differentiable(order = 2)
        static double spread(double angle, double[] xs) {
          double total = 0;
          for (int i = 0; i + 2 < xs.length; i += 3) {
            double[] point = {xs[i], xs[i + 1], xs[i + 2]};
            double[] turned = rotateZ(angle, point);
            double[] c = cross(turned, point);
            int k = i % 2;
            total += c[0] * c[0] + c[1] * c[1] + c[2] * c[2] + turned[k] * i + rotateZ(angle * i, turned)[0];
          }
          return total;
        }

        @Differentiable
        static double[] turnedAll(double angle, double[] xs) {
          double[] out = new double[xs.length];
          for (int i = 0; i + 2 < xs.length; i += 3) {
            double[] turned = rotateZ(angle, new double[] {xs[i], xs[i + 1], xs[i + 2]});
            out[i] = turned[0];
            out[i + 1] = turned[1] * turned[0];
            out[i + 2] = turned[2];
          }
          return out;
        }

        /** A return inside a loop, of a new array: its entries kept in locals until the loop is left. */
        @Differentiable
        static double[] firstBig(double[] x, double limit) {
          for (int i = 0; i < x.length; i++) {
            if (x[i] > limit) {
              return new double[] {x[i] * limit, Math.sin(x[i])};
            }
          }
          return new double[] {limit, x[0] * x[1]};
        }

        @Differentiable
        static double[] twice(double[] x, double limit) {
          double[] first = clipped(x, limit);
          double[] second = clipped(first, limit * 2);
          return new double[] {first[0] + second[0], first[1] * second[1], limit};
        }
      }
      """;

  private static Class<?> gradients() throws Exception {
    Compilation compilation =
        javac().withProcessors(new DifferentiableProcessor()).compile(JavaFileObjects.forSourceString("p.Vec", SOURCE));
    assertThat(compilation).succeededWithoutWarnings();
    return new MemoryClassLoader(compilation, VectorFormTest.class.getClassLoader()).loadClass("p.VecGradients");
  }

  private static Object call(Class<?> type, String name, Object... args) throws Exception {
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        m.setAccessible(true);
        return m.invoke(null, args);
      }
    }
    throw new NoSuchMethodException(name);
  }

  private static Object component(Object record, String name) throws Exception {
    Method accessor = record.getClass().getDeclaredMethod(name);
    accessor.setAccessible(true);
    return accessor.invoke(record);
  }

  private static Object original(Class<?> gradients, String name, Object... args) throws Exception {
    Class<?> source = gradients.getClassLoader().loadClass("p.Vec");
    for (Method m : source.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        m.setAccessible(true);
        return m.invoke(null, args);
      }
    }
    throw new NoSuchMethodException(name);
  }

  @Test
  void identityAndConstant() throws Exception {
    Class<?> g = gradients();
    double[] x = {0.5, -1.5, 2.0};
    Object identity = call(g, "identityJacobian", (Object) x);
    assertArrayEquals(x, (double[]) component(identity, "value"));
    double[][] j = (double[][]) component(identity, "x");
    for (int i = 0; i < 3; i++) {
      double[] row = new double[3];
      row[i] = 1.0;
      assertArrayEquals(row, j[i]);
    }
    Object constant = call(g, "constantJacobian", (Object) x);
    assertArrayEquals(new double[] {1.0, 2.0, 3.0}, (double[]) component(constant, "value"));
    assertEquals(0.0, Arrays.stream((double[][]) component(constant, "x")).flatMapToDouble(Arrays::stream).map(Math::abs).sum());
    Object tangent = call(g, "constantTangent", x, new double[] {1, 1, 1});
    assertArrayEquals(new double[3], (double[]) component(tangent, "tangent"));
  }

  @Test
  void instanceMethodTakesTheReceiverFirst() throws Exception {
    Class<?> g = gradients();
    Class<?> vec = g.getClassLoader().loadClass("p.Vec");
    var ctor = vec.getDeclaredConstructor(double.class);
    ctor.setAccessible(true);
    Object receiver = ctor.newInstance(1.5);
    double[] x = {0.3, -0.7};
    Method jacobian = g.getDeclaredMethod("scaledJacobian", vec, double[].class, double.class);
    jacobian.setAccessible(true);
    Method scaled = vec.getDeclaredMethod("scaled", double[].class, double.class);
    scaled.setAccessible(true);
    GradCheck.checkJacobian(
            p -> (double[]) invoke(scaled, receiver, p, 2.0),
            p -> (double[][]) componentUnchecked(invoke(jacobian, null, receiver, p, 2.0), "x"),
            x)
        .assertPassed();
  }

  @Test
  void nestedAndRepeatedInlinedCalls() throws Exception {
    Class<?> g = gradients();
    double[] a = {0.3, -1.1, 0.8};
    double[] b = {1.4, 0.2, -0.5};
    double[] c = {-0.6, 0.9, 1.3};
    double[] all = concat(a, b, c);
    Object gradient = call(g, "tripleAndSquare", a, b, c);
    double[] claimed = concat((double[]) component(gradient, "a"), (double[]) component(gradient, "b"), (double[]) component(gradient, "c"));
    GradCheck.check(
            p -> (double) invokeOriginal(g, "tripleAndSquare", part(p, 0), part(p, 3), part(p, 6)), claimed, all)
        .assertPassed();
  }

  @Test
  void earlyReturnOfTheFilledArrayAndACalleeInlinedTwice() throws Exception {
    Class<?> g = gradients();
    for (double limit : new double[] {0.2, 0.9, 3.0}) {
      double[] x = {0.7, -1.2};
      double[][] claimed = (double[][]) component(call(g, "twiceJacobian", x, limit), "x");
      GradCheck.checkJacobian(p -> (double[]) invokeOriginal(g, "twice", p, limit), p -> claimed, x).assertPassed();
      double[] limitColumn = (double[]) component(call(g, "twiceJacobian", x, limit), "limit");
      GradCheck.checkJacobian(
              p -> (double[]) invokeOriginal(g, "twice", x, p[0]),
              p -> Arrays.stream(limitColumn).mapToObj(d -> new double[] {d}).toArray(double[][]::new),
              limit)
          .assertPassed();
    }
  }

  @Test
  void returnInsideALoop() throws Exception {
    Class<?> g = gradients();
    for (double limit : new double[] {-2.0, 0.5, 3.0}) {
      double[] x = {0.7, -1.2, 1.6};
      double[][] claimed = (double[][]) component(call(g, "firstBigJacobian", x, limit), "x");
      GradCheck.checkJacobian(p -> (double[]) invokeOriginal(g, "firstBig", p, limit), p -> claimed, x).assertPassed();
    }
  }

  @Test
  void pullbackAddsUpstreamTimesTheJacobianAtTheOffset() throws Exception {
    Class<?> g = gradients();
    double[] x = {0.7, -1.2};
    double limit = 3.0;
    Object jacobian = call(g, "twiceJacobian", x, limit);
    double[][] jx = (double[][]) component(jacobian, "x");
    double[] jLimit = (double[]) component(jacobian, "limit");
    double[] upstream = {0.5, -2.0, 1.5};
    double[] adjoints = {10, 20, 30, 40, 50};
    call(g, "twicePullback", x, limit, upstream, adjoints, 1);
    double[] expected = {10, 20, 30, 40, 50};
    for (int i = 0; i < 3; i++) {
      expected[1] += upstream[i] * jx[i][0];
      expected[2] += upstream[i] * jx[i][1];
      expected[3] += upstream[i] * jLimit[i];
    }
    for (int k = 0; k < expected.length; k++) {
      assertEquals(expected[k], adjoints[k], 1e-12 * Math.max(1, Math.abs(expected[k])), "entry " + k);
    }
  }

  /**
   * A method ending in its only return, with more inputs than outputs: its Jacobian runs the forward
   * sweep once and the reverse sweep once per output ({@code JacobianRows}), with or without loops (the
   * tape replayed for each row); a method returning early calls its pullback once per output instead.
   * All against central differences.
   */
  @Test
  void reverseSweepsShareOneForwardSweep() throws Exception {
    Compilation compilation =
        javac().withProcessors(new DifferentiableProcessor()).compile(JavaFileObjects.forSourceString("p.Vec", SOURCE));
    String generated = compilation.generatedSourceFile("p.VecGradients").orElseThrow().getCharContent(true).toString();
    assertTrue(body(generated, "CrossJacobian crossJacobian(").contains("one reverse sweep per output"));
    assertFalse(body(generated, "CrossJacobian crossJacobian(").contains("crossPullback("));
    assertTrue(body(generated, "MixedJacobian mixedJacobian(").contains("one reverse sweep per output"));
    assertTrue(body(generated, "ShiftedJacobian shiftedJacobian(").contains("one reverse sweep per output"));
    assertTrue(body(generated, "MomentsJacobian momentsJacobian(").contains("tape.replay()"));
    assertTrue(body(generated, "LayerJacobian layerJacobian(").contains("tape.replay()"));
    assertTrue(body(generated, "ClippedJacobian clippedJacobian(").contains("clippedPullback("));

    Class<?> g = gradients();
    double[] a = {0.3, -1.1, 0.8};
    double[] b = {1.4, 0.2, -0.5};
    Object cross = call(g, "crossJacobian", a, b);
    assertArrayEquals((double[]) original(g, "cross", a, b), (double[]) component(cross, "value"));
    double[][] ja = (double[][]) component(cross, "a");
    double[][] jb = (double[][]) component(cross, "b");
    GradCheck.checkJacobian(p -> (double[]) invokeOriginal(g, "cross", p, b), p -> ja, a).assertPassed();
    GradCheck.checkJacobian(p -> (double[]) invokeOriginal(g, "cross", a, p), p -> jb, b).assertPassed();

    for (double[] v : new double[][] {{0.4, 0.9}, {-0.4, -0.9}}) {
      double[][] m = {{0.5, 1.5}, {-0.3, 0.7}};
      double s = 0.6;
      Object mixed = call(g, "mixedJacobian", m, s, v, 1.7);
      double[][][] jm = (double[][][]) component(mixed, "m");
      double[] js = (double[]) component(mixed, "s");
      double[][] jv = (double[][]) component(mixed, "v");
      GradCheck.checkJacobian(p -> (double[]) invokeOriginal(g, "mixed", m, s, p, 1.7), p -> jv, v).assertPassed();
      GradCheck.checkJacobian(
              p -> (double[]) invokeOriginal(g, "mixed", m, p[0], v, 1.7),
              p -> Arrays.stream(js).mapToObj(d -> new double[] {d}).toArray(double[][]::new),
              s)
          .assertPassed();
      double[] flat = {m[0][0], m[0][1], m[1][0], m[1][1]};
      double[][] jFlat = Arrays.stream(jm)
          .map(rows -> Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray())
          .toArray(double[][]::new);
      GradCheck.checkJacobian(
              p -> (double[]) invokeOriginal(g, "mixed", new double[][] {{p[0], p[1]}, {p[2], p[3]}}, s, v, 1.7),
              p -> jFlat,
              flat)
          .assertPassed();
    }

    double[] y = {0.4, -1.3, 0.9, 2.2, -0.6};
    double[][] jy = (double[][]) component(call(g, "momentsJacobian", (Object) y), "x");
    GradCheck.checkJacobian(p -> (double[]) invokeOriginal(g, "moments", (Object) p), p -> jy, y).assertPassed();
    double[][] w = {{0.3, -0.2, 0.5, 0.1, -0.4}, {-0.1, 0.6, 0.2, -0.3, 0.25}};
    Object layer = call(g, "layerJacobian", w, y);
    double[][] jx = (double[][]) component(layer, "x");
    GradCheck.checkJacobian(p -> (double[]) invokeOriginal(g, "layer", w, p), p -> jx, y).assertPassed();
    double[][] jw = Arrays.stream((double[][][]) component(layer, "w"))
        .map(rows -> Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray())
        .toArray(double[][]::new);
    GradCheck.checkJacobian(
            p -> (double[]) invokeOriginal(g, "layer", new double[][] {Arrays.copyOfRange(p, 0, 5), Arrays.copyOfRange(p, 5, 10)}, y),
            p -> jw,
            concat(w[0], w[1]))
        .assertPassed();

    Class<?> vec = g.getClassLoader().loadClass("p.Vec");
    var ctor = vec.getDeclaredConstructor(double.class);
    ctor.setAccessible(true);
    Object receiver = ctor.newInstance(1.5);
    Method jacobian = g.getDeclaredMethod("shiftedJacobian", vec, double[].class, double.class);
    jacobian.setAccessible(true);
    Method shifted = vec.getDeclaredMethod("shifted", double[].class, double.class);
    shifted.setAccessible(true);
    double[] x = {0.3, -0.7};
    GradCheck.checkJacobian(
            p -> (double[]) invoke(shifted, receiver, p, 0.9),
            p -> (double[][]) componentUnchecked(invoke(jacobian, null, receiver, p, 0.9), "x"),
            x)
        .assertPassed();
  }

  /**
   * Vector-valued helpers called inside a loop, once per point: the arrays their inlined bodies create
   * each iteration are split into scalars. The gradient, the Hessian (order 2) and a vector-valued
   * caller's Jacobian, against central differences.
   */
  @Test
  void vectorCallsInsideALoop() throws Exception {
    Class<?> g = gradients();
    double angle = 0.7;
    double[] xs = {0.3, -1.1, 0.8, 1.4, 0.2, -0.5, -0.6, 0.9, 1.3};
    double[] all = new double[xs.length + 1];
    all[0] = angle;
    System.arraycopy(xs, 0, all, 1, xs.length);
    java.util.function.ToDoubleFunction<double[]> spread =
        p -> (double) invokeOriginal(g, "spread", p[0], Arrays.copyOfRange(p, 1, p.length));
    Method spreadGradient = g.getDeclaredMethod("spread", double.class, double[].class);
    spreadGradient.setAccessible(true);
    java.util.function.Function<double[], double[]> gradient = p -> {
      Object record = invoke(spreadGradient, null, p[0], Arrays.copyOfRange(p, 1, p.length));
      double[] flat = new double[p.length];
      flat[0] = (double) componentUnchecked(record, "angle");
      System.arraycopy((double[]) componentUnchecked(record, "xs"), 0, flat, 1, p.length - 1);
      return flat;
    };
    GradCheck.check(spread, gradient, all).assertPassed();
    double[][] hessian = (double[][]) component(call(g, "spreadHessian", angle, xs), "hessian");
    GradCheck.checkHessian(gradient, p -> hessian, all).assertPassed();

    Object jacobian = call(g, "turnedAllJacobian", angle, xs);
    double[][] jxs = (double[][]) component(jacobian, "xs");
    GradCheck.checkJacobian(p -> (double[]) invokeOriginal(g, "turnedAll", angle, p), p -> jxs, xs).assertPassed();
    double[] jAngle = (double[]) component(jacobian, "angle");
    GradCheck.checkJacobian(
            p -> (double[]) invokeOriginal(g, "turnedAll", p[0], xs),
            p -> Arrays.stream(jAngle).mapToObj(d -> new double[] {d}).toArray(double[][]::new),
            angle)
        .assertPassed();
  }

  /** The text of the generated method whose signature contains {@code signature}. */
  private static String body(String source, String signature) {
    int start = source.indexOf(signature);
    assertTrue(start >= 0, signature);
    return source.substring(start, source.indexOf("\n  }\n", start));
  }

  private static Object invoke(Method m, Object receiver, Object... args) {
    try {
      return m.invoke(receiver, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object componentUnchecked(Object record, String name) {
    try {
      return component(record, name);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Object invokeOriginal(Class<?> g, String name, Object... args) {
    try {
      return original(g, name, args);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static double[] concat(double[]... parts) {
    return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
  }

  private static double[] part(double[] all, int from) {
    return Arrays.copyOfRange(all, from, from + 3);
  }
}
