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
