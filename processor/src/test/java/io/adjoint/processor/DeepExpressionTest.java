package io.adjoint.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.adjoint.processor.random.MemoryClassLoader;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A 10,000-term expression is a tree 10,000 deep. javac itself needs a large stack to parse it (so the
 * test runs the compiler on a thread with one); the processor must not overflow its own, and its output
 * must compile.
 */
class DeepExpressionTest {
  @Test
  void tenThousandTerms() throws Exception {
    StringBuilder sum = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      sum.append(i == 0 ? "" : " + ").append("x * ").append(i % 7 + 1).append(".0");
    }
    String source = "package p;\n\nimport io.adjoint.Differentiable;\n\npublic class Deep {\n  @Differentiable\n"
        + "  public static double f(double x) {\n    return " + sum + ";\n  }\n}\n";
    JavaFileObject file = JavaFileObjects.forSourceString("p.Deep", source);
    Compilation[] result = new Compilation[1];
    Thread compiler =
        new Thread(
            null,
            () -> result[0] = javac().withProcessors(new DifferentiableProcessor()).compile(file),
            "javac",
            1L << 30);
    compiler.start();
    compiler.join();
    Compilation compilation = result[0];
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      assertFalse(message.contains("An exception has occurred"), message);
      assertFalse(message.contains(Message.INTERNAL_ERROR.code()), message);
    }
    assertEquals(Compilation.Status.SUCCESS, compilation.status(), () -> compilation.diagnostics().toString());

    // d/dx of Σ x·c_i is Σ c_i
    double expected = 0;
    for (int i = 0; i < 10_000; i++) {
      expected += i % 7 + 1;
    }
    Class<?> gradients = new MemoryClassLoader(compilation, getClass().getClassLoader()).loadClass("p.DeepGradients");
    Object g = gradients.getMethod("f", double.class).invoke(null, 0.5);
    assertEquals(expected, (double) g.getClass().getMethod("x").invoke(g), 1e-9 * expected);
    // and forward mode, whose tangent expression is named in pieces to fit in methods
    Object t = gradients.getMethod("fTangent", double.class, double.class).invoke(null, 0.5, -2.0);
    assertEquals(-2 * expected, (double) t.getClass().getMethod("tangent").invoke(t), 1e-9 * expected);
  }
}
