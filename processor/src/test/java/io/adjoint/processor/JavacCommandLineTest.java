package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain javac command line the README documents: the processor found on {@code -processorpath} through
 * its service file (no {@code -processor} flag), and the generated gradient right.
 */
class JavacCommandLineTest {
  /** Also: a second compilation calls the first one's method with only its classes on the class path. */
  @Test
  void javacFindsTheProcessorAndTheGradientIsRight(@TempDir Path dir) throws Exception {
    Path source = dir.resolve("src/demo/Rosen.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        """
        package demo;

        import io.adjoint.Differentiable;

        public class Rosen {
          @Differentiable
          public static double rosen(double x, double y) {
            double a = 1 - x;
            double b = y - x * x;
            return a * a + 100 * b * b;
          }
        }
        """);
    Path out = Files.createDirectories(dir.resolve("out"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    String classPath = System.getProperty("java.class.path");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                err,
                "-processorpath", classPath,
                "-classpath", classPath,
                "-d", out.toString(),
                "-s", generated.toString(),
                source.toString());
    assertEquals(0, status, () -> err.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(generated.resolve("demo/RosenGradients.java")));
    checkRosen(out);

    // A second compilation, with the first one's classes as a jar's would be: on the class path only.
    Path user = dir.resolve("src2/other/User.java");
    Files.createDirectories(user.getParent());
    Files.writeString(
        user,
        """
        package other;

        import demo.Rosen;
        import io.adjoint.Differentiable;

        public class User {
          @Differentiable
          public static double twice(double p, double q) {
            return 2 * Rosen.rosen(q, p);
          }
        }
        """);
    Path out2 = Files.createDirectories(dir.resolve("out2"));
    status =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                err,
                "-processorpath", classPath,
                "-classpath", classPath + java.io.File.pathSeparator + out,
                "-d", out2.toString(),
                "-s", generated.toString(),
                user.toString());
    assertEquals(0, status, () -> err.toString(StandardCharsets.UTF_8));
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {out.toUri().toURL(), out2.toUri().toURL()}, getClass().getClassLoader())) {
      Object g = loader.loadClass("other.UserGradients").getMethod("twice", double.class, double.class)
          .invoke(null, 2.0, 0.5);
      double dp = (double) g.getClass().getMethod("p").invoke(g);
      double dq = (double) g.getClass().getMethod("q").invoke(g);
      assertEquals(2 * 200 * (2 - 0.25), dp, 1e-12);
      assertEquals(2 * (-2 * 0.5 - 400 * 0.5 * (2 - 0.25)), dq, 1e-12);
    }
  }

  private void checkRosen(Path out) throws Exception {
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> gradients = loader.loadClass("demo.RosenGradients");
      Method rosen = gradients.getMethod("rosen", double.class, double.class);
      Object g = rosen.invoke(null, 0.5, 2.0);
      double dx = (double) g.getClass().getMethod("x").invoke(g);
      double dy = (double) g.getClass().getMethod("y").invoke(g);
      // closed form: ∂/∂x = −2(1 − x) − 400x(y − x²), ∂/∂y = 200(y − x²)
      assertEquals(-2 * 0.5 - 400 * 0.5 * (2 - 0.25), dx, 1e-12);
      assertEquals(200 * (2 - 0.25), dy, 1e-12);
    }
  }
}
