package io.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.adjoint.processor.random.MemoryClassLoader;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The tangent form where a review found it wrong: each checked against ⟨∇f, v⟩ of the record form
 * (itself checked by every other test) and against the method's own value.
 */
class TangentFormTest {
  private static Class<?> compile(String name, String source) throws Exception {
    Compilation compilation =
        javac().withProcessors(new DifferentiableProcessor()).compile(JavaFileObjects.forSourceString("p." + name, source));
    assertThat(compilation).succeededWithoutWarnings();
    return new MemoryClassLoader(compilation, TangentFormTest.class.getClassLoader()).loadClass("p." + name + "Gradients");
  }

  private static double component(Object record, String name) throws Exception {
    Method accessor = record.getClass().getDeclaredMethod(name);
    accessor.setAccessible(true);
    return (double) accessor.invoke(record);
  }

  /**
   * A method large enough to be split into parts that assigns a parameter: the parts received the
   * parameter by value, so its new value (and tangent) was lost (review of issue 12, part 1).
   */
  @Test
  void reassignedParameterInASplitMethod() throws Exception {
    StringBuilder body = new StringBuilder("    x = x * y + 1.0;\n    double s = 0;\n");
    for (int i = 1; i <= 150; i++) {
      body.append("    s = s + Math.sin(s * ").append(i / 100.0).append(" + y) * 0.5;\n");
    }
    body.append("    return s + x * x;\n");
    String source = "package p;\nimport io.adjoint.Differentiable;\nclass Big {\n  @Differentiable\n"
        + "  static double big(double x, double y) {\n" + body + "  }\n}\n";
    Class<?> gradients = compile("Big", source);
    Method gradient = gradients.getDeclaredMethod("big", double.class, double.class);
    Method tangent = gradients.getDeclaredMethod("bigTangent", double.class, double.class, double.class, double.class);
    gradient.setAccessible(true);
    tangent.setAccessible(true);
    assertTrue(
        java.util.Arrays.stream(gradients.getDeclaredMethods()).anyMatch(m -> m.getName().startsWith("bigTangentPart")),
        "the tangent form is split into parts");
    double[] v = {0.7, -1.3};
    Object g = gradient.invoke(null, 0.3, 0.8);
    Object t = tangent.invoke(null, 0.3, 0.8, v[0], v[1]);
    assertEquals(component(g, "value"), component(t, "value"));
    double dot = v[0] * component(g, "x") + v[1] * component(g, "y");
    assertEquals(dot, component(t, "tangent"), 1e-12 * (Math.abs(v[0] * component(g, "x")) + Math.abs(v[1] * component(g, "y"))));
  }

  /**
   * Overloads with different numbers of differentiable parameters: their tangent forms take different
   * numbers of tangents, so a call left to Java's overload resolution picked the other overload's
   * (review of issue 12, part 1).
   */
  @Test
  void callToAnOverloadResolvesAsTheOriginalDid() throws Exception {
    String source =
        """
        package p;
        import io.adjoint.Differentiable;
        import io.adjoint.NoDerivative;
        class Over {
          @Differentiable static double f(double a, double b) { return a * b; }
          @Differentiable static double f(int n, double m, @NoDerivative double x) { return n + m * x + 100; }
          @Differentiable static double h(double x, int k) { return x * f(k, 2.0); }
          @Differentiable static double active(double x, int k) { return f(k, x) + f(k, x, 0.5); }
        }
        """;
    Class<?> gradients = compile("Over", source);
    Method h = gradients.getDeclaredMethod("hTangent", double.class, int.class, double.class);
    h.setAccessible(true);
    Object t = h.invoke(null, 0.7, 3, 2.0);
    // h = 2·k·x: value 4.2, tangent 2·k·ẋ = 12
    assertEquals(0.7 * (3 * 2.0), component(t, "value"));
    assertEquals(2.0 * 3 * 2.0, component(t, "tangent"), 1e-12);
    Method active = gradients.getDeclaredMethod("activeTangent", double.class, int.class, double.class);
    active.setAccessible(true);
    Object u = active.invoke(null, 0.7, 3, 2.0);
    // active = k·x + (k + 0.5·x + 100): tangent (k + 0.5)·ẋ
    assertEquals(3 * 0.7 + (3 + 0.7 * 0.5 + 100), component(u, "value"), 1e-12);
    assertEquals((3 + 0.5) * 2.0, component(u, "tangent"), 1e-12);
  }

  /**
   * An instance method of a class whose name, decapitalized, is a keyword: the receiver parameter was
   * named {@code default} and the processor crashed (found in review, older than forward mode).
   */
  @Test
  void receiverOfAClassNamedLikeAKeyword() throws Exception {
    String source =
        """
        package p;
        import io.adjoint.Differentiable;
        class Default {
          double w = 3;
          @Differentiable double f(double x) { return w * x * x; }
        }
        """;
    Class<?> gradients = compile("Default", source);
    var constructor = gradients.getClassLoader().loadClass("p.Default").getDeclaredConstructor();
    constructor.setAccessible(true);
    Object receiver = constructor.newInstance();
    Class<?> type = receiver.getClass();
    Method gradient = gradients.getDeclaredMethod("f", type, double.class);
    Method tangent = gradients.getDeclaredMethod("fTangent", type, double.class, double.class);
    gradient.setAccessible(true);
    tangent.setAccessible(true);
    assertEquals(6 * 0.5, component(gradient.invoke(null, receiver, 0.5), "x"), 1e-15);
    assertEquals(6 * 0.5 * 2, component(tangent.invoke(null, receiver, 0.5, 2.0), "tangent"), 1e-15);
  }

  /**
   * A call whose value alone is wanted (in a condition) calls the method itself, not its tangent form
   * along zero tangents (which allocated a zero array per call); a private method, which the generated
   * class cannot call, still goes through its tangent form.
   */
  @Test
  void valueOnlyCallsCallTheMethodItself() throws Exception {
    String source =
        """
        package p;
        import io.adjoint.Differentiable;
        class Cond {
          @Differentiable static double g(double a, double s) { return a * s; }
          @Differentiable private static double h(double s) { return s * s; }
          @Differentiable static double f(double x, double y) {
            if (g(x, 2) > 1 && h(y) < 4) {
              return x * y;
            }
            return y;
          }
        }
        """;
    Compilation compilation =
        javac().withProcessors(new DifferentiableProcessor()).compile(JavaFileObjects.forSourceString("p.Cond", source));
    assertThat(compilation).succeededWithoutWarnings();
    String generated = compilation.generatedSourceFile("p.CondGradients").orElseThrow().getCharContent(true).toString();
    String tangentBody = generated.substring(generated.indexOf("static FTangent fTangent("));
    tangentBody = tangentBody.substring(0, tangentBody.indexOf("\n  }\n"));
    assertTrue(tangentBody.contains("Cond.g(x, 2.0)") || tangentBody.contains("Cond.g(x, (double) 2)"), tangentBody);
    assertTrue(tangentBody.contains("hTangent("), tangentBody);
    Class<?> gradients = new MemoryClassLoader(compilation, getClass().getClassLoader()).loadClass("p.CondGradients");
    Method tangent = gradients.getDeclaredMethod("fTangent", double.class, double.class, double.class, double.class);
    tangent.setAccessible(true);
    // x = 0.8, y = 1.5: g = 1.6 > 1 and h = 2.25 < 4, so f = x·y, tangent y·ẋ + x·ẏ
    Object t = tangent.invoke(null, 0.8, 1.5, 2.0, -1.0);
    assertEquals(0.8 * 1.5, component(t, "value"));
    assertEquals(1.5 * 2.0 + 0.8 * -1.0, component(t, "tangent"), 1e-15);
    // x = 0.3: g = 0.6, so f = y, tangent ẏ
    Object u = tangent.invoke(null, 0.3, 1.5, 2.0, -1.0);
    assertEquals(-1.0, component(u, "tangent"));
  }
}
