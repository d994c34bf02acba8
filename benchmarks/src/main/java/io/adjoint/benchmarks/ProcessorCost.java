package io.adjoint.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * What the processor costs at compile time: javac on one generated class of many {@code @Differentiable}
 * methods (straight-line code, loops over arrays, branches, calls, in turn), with the processor and
 * without it, and the lines it generates per method. Each run is a fresh JVM's first compilation ("cold
 * javac") when started as below; the median of further runs is the warm figure.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.adjoint.benchmarks.ProcessorCost
 * <processor path> [methods] [order]}, the processor path being the processor's jar and its dependencies
 * (JavaPoet), and {@code order} 2 to annotate every method {@code @Differentiable(order = 2)}.
 */
public final class ProcessorCost {
  private ProcessorCost() {}

  public static void main(String[] args) throws IOException {
    String processorPath = args[0];
    int methods = args.length > 1 ? Integer.parseInt(args[1]) : 135;
    int order = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    String source = source(methods, order);
    String classPath = System.getProperty("java.class.path");
    double cold = compile(source, classPath, processorPath, true);
    double coldBaseline = compile(source, classPath, processorPath, false);
    List<Double> warm = new ArrayList<>();
    List<Double> warmBaseline = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      warm.add(compile(source, classPath, processorPath, true));
      warmBaseline.add(compile(source, classPath, processorPath, false));
    }
    Path out = Files.createTempDirectory("adjoint-cost");
    compileInto(source, classPath, processorPath, out);
    long lines;
    try (var generated = Files.lines(out.resolve("gen/p/LargeGradients.java"))) {
      lines = generated.count();
    }
    System.out.printf(
        Locale.ROOT,
        "%d methods, order %d: cold javac %.0f ms with the processor, %.0f ms without: %.1f ms per method;"
            + " warm %.1f ms per method; %d generated lines, %.0f per method%n",
        methods,
        order,
        cold,
        coldBaseline,
        (cold - coldBaseline) / methods,
        (median(warm) - median(warmBaseline)) / methods,
        lines,
        (double) lines / methods);
  }

  /** One class of {@code methods} methods: straight-line, a loop over an array, branches, calls, in turn. */
  static String source(int methods, int order) {
    String annotation = order == 1 ? "@Differentiable" : "@Differentiable(order = " + order + ")";
    StringBuilder b = new StringBuilder("package p;\nimport io.adjoint.Differentiable;\npublic class Large {\n");
    for (int i = 0; i < methods; i++) {
      b.append("  ").append(annotation).append('\n');
      switch (i % 4) {
        case 0 -> b.append("  public static double f").append(i).append("(double x, double y, double z) {\n")
            .append("    double a = x * y + z * ").append(i % 7 + 1).append(";\n")
            .append("    double b = Math.sin(a) * Math.exp(-z * z) + Math.log(1 + x * x);\n")
            .append("    return a * b / (1 + y * y) - Math.sqrt(1 + z * z) * Math.tanh(y);\n  }\n");
        case 1 -> b.append("  public static double f").append(i).append("(double[] w, double[] x, double b) {\n")
            .append("    double s = b;\n")
            .append("    for (int k = 0; k < w.length; k++) {\n      s += w[k] * x[k] + Math.cos(w[k]) * ")
            .append(i % 5 + 1).append(";\n    }\n")
            .append("    return 1 / (1 + Math.exp(-s));\n  }\n");
        case 2 -> b.append("  public static double f").append(i).append("(double x, double y) {\n")
            .append("    double r = x - y;\n")
            .append("    if (r > ").append(i % 3).append(") {\n      r = r * r - Math.abs(y);\n")
            .append("    } else if (r < -1) {\n      r = Math.exp(r) * x;\n    } else {\n      r = x * y + Math.max(x, y);\n    }\n")
            .append("    return r * r + x;\n  }\n");
        default -> b.append("  public static double f").append(i).append("(double x, double y, double z) {\n")
            .append("    return f").append(i - 3).append("(x, y, z) * f").append(i - 1)
            .append("(x, z) + f").append(i - 3).append("(y, z, x);\n  }\n");
      }
    }
    return b.append("}\n").toString();
  }

  private static double compile(String source, String classPath, String processorPath, boolean processor)
      throws IOException {
    Path out = Files.createTempDirectory("adjoint-cost");
    long start = System.nanoTime();
    boolean ok = run(source, classPath, processorPath, out, processor);
    double ms = (System.nanoTime() - start) / 1e6;
    if (!ok) {
      throw new IllegalStateException("the class did not compile");
    }
    return ms;
  }

  private static void compileInto(String source, String classPath, String processorPath, Path out) {
    if (!run(source, classPath, processorPath, out, true)) {
      throw new IllegalStateException("the class did not compile");
    }
  }

  private static boolean run(String source, String classPath, String processorPath, Path out, boolean processor) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> options = new ArrayList<>(Arrays.asList("-d", out.resolve("classes").toString(), "-cp", classPath));
    options.addAll(Arrays.asList("-s", out.resolve("gen").toString()));
    if (processor) {
      options.addAll(Arrays.asList("-processorpath", processorPath));
    } else {
      options.add("-proc:none");
    }
    out.resolve("classes").toFile().mkdirs();
    out.resolve("gen").toFile().mkdirs();
    SimpleJavaFileObject file =
        new SimpleJavaFileObject(URI.create("string:///p/Large.java"), SimpleJavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    var diagnostics = new javax.tools.DiagnosticCollector<javax.tools.JavaFileObject>();
    boolean ok = javac.getTask(java.io.Writer.nullWriter(), null, diagnostics, options, null, List.of(file)).call();
    if (!ok) {
      System.err.println(diagnostics.getDiagnostics().stream().limit(3).toList());
    }
    return ok;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return sorted.get(sorted.size() / 2);
  }
}
