package io.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.adjoint.processor.random.MemoryClassLoader;
import java.lang.reflect.Method;
import java.util.SplittableRandom;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A method of 2,000 statements: its gradient, far over the JVM's 64 KB limit for one method, is split
 * into part methods, compiles, and is right.
 */
class LargeMethodTest {
  private static final long SEED = 5;

  @Test
  void twoThousandStatements() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    StringBuilder body = new StringBuilder("    double a = x + y;\n    double b = y * z;\n    double c = z - x;\n");
    String[] recent = {"a", "b", "c", "x", "y", "z"};
    String[] forms = {
      "Math.sin(%1$s) + %2$s * 0.7", "Math.tanh(%1$s * %2$s) + %3$s", "%1$s * 0.9 - %2$s * 0.3 + %3$s * 0.1",
      "Math.cos(%1$s - %3$s)"
    };
    for (int i = 0; i < 2000; i++) {
      String p = recent[random.nextInt(recent.length)];
      String q = recent[random.nextInt(recent.length)];
      String r = new String[] {"x", "y", "z"}[random.nextInt(3)];
      body.append("    double v").append(i).append(" = ")
          .append(String.format(forms[random.nextInt(forms.length)], p, q, r)).append(";\n");
      recent[i % recent.length] = "v" + i;
    }
    body.append("    return v1999 + v1998 + v1997;\n");
    String source = "package p;\n\nimport io.adjoint.Differentiable;\n\npublic class Big {\n  @Differentiable\n"
        + "  public static double f(double x, double y, double z) {\n" + body + "  }\n}\n";
    JavaFileObject file = JavaFileObjects.forSourceString("p.Big", source);
    Compilation compilation = javac().withProcessors(new DifferentiableProcessor()).compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = compilation.generatedSourceFile("p.BigGradients").orElseThrow().getCharContent(true).toString();
    assertTrue(generated.contains("private static void fPart1("), "the gradient is split into parts");

    ClassLoader loader = new MemoryClassLoader(compilation, getClass().getClassLoader());
    Class<?> big = loader.loadClass("p.Big");
    Method f = big.getMethod("f", double.class, double.class, double.class);
    Method gradient = loader.loadClass("p.BigGradients").getMethod("f", double.class, double.class, double.class);
    double[] point = {0.3, -0.2, 0.4};
    Object g = gradient.invoke(null, point[0], point[1], point[2]);
    assertEquals((double) f.invoke(null, point[0], point[1], point[2]), (double) g.getClass().getMethod("value").invoke(g));
    String[] names = {"x", "y", "z"};
    for (int i = 0; i < 3; i++) {
      double h = 1e-6;
      double[] up = point.clone();
      double[] down = point.clone();
      up[i] += h;
      down[i] -= h;
      double numeric =
          ((double) f.invoke(null, up[0], up[1], up[2]) - (double) f.invoke(null, down[0], down[1], down[2])) / (2 * h);
      double claimed = (double) g.getClass().getMethod(names[i]).invoke(g);
      assertEquals(numeric, claimed, 1e-6 * Math.max(1, Math.abs(numeric)), names[i]);
    }

    // forward mode, split the same way: its tangent is ⟨∇f, v⟩
    assertTrue(generated.contains("private static void fTangentPart1("), "the tangent is split into parts");
    double[] v = {1.0, -0.5, 0.25};
    Method tangent =
        loader.loadClass("p.BigGradients")
            .getMethod("fTangent", double.class, double.class, double.class, double.class, double.class, double.class);
    Object t = tangent.invoke(null, point[0], point[1], point[2], v[0], v[1], v[2]);
    double dot = 0;
    double terms = 0;
    for (int i = 0; i < 3; i++) {
      double partial = (double) g.getClass().getMethod(names[i]).invoke(g);
      dot += v[i] * partial;
      terms += Math.abs(v[i] * partial);
    }
    assertEquals((double) g.getClass().getMethod("value").invoke(g), (double) t.getClass().getMethod("value").invoke(t));
    assertEquals(dot, (double) t.getClass().getMethod("tangent").invoke(t), 1e-12 * terms);
  }
}
