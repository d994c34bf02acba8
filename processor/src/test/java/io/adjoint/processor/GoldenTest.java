package io.adjoint.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A few complete outputs pinned as golden files: each folder of {@code src/test/resources/golden} holds
 * the inputs and the {@code *Gradients.java} they must generate, compared as exact text. After an intended
 * change of the generated code, rewrite them with {@code mvn -pl processor -am verify
 * -Dtest=GoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dadjoint.updateGolden=true} and review the
 * diff. Everything else about generated code is checked by what it does, not by its text.
 */
class GoldenTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  private static final boolean UPDATE = Boolean.getBoolean("adjoint.updateGolden");
  private static final String EXPECTED_SUFFIX = "Gradients.java";
  /** A record's generated tangent record (see RecordForms) is pinned too. */
  private static final String TANGENT_SUFFIX = "Tangent.java";
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");

  @ParameterizedTest
  @ValueSource(strings = {"neuron", "branches", "calls", "field", "names", "arrays", "jacobian", "hessian", "records", "loopcalls", "nested", "summed"})
  void generatedSourceIsTheGoldenFile(String name) throws IOException {
    Path dir = GOLDEN.resolve(name);
    Compilation compilation = compile(inputs(dir));
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, String> actual = generated(compilation);

    if (UPDATE) {
      for (Path stale : expectedFiles(dir)) {
        Files.delete(stale);
      }
      for (Map.Entry<String, String> e : actual.entrySet()) {
        Files.writeString(dir.resolve(e.getKey()), e.getValue());
      }
      return;
    }
    Map<String, String> expected = new TreeMap<>();
    for (Path file : expectedFiles(dir)) {
      expected.put(file.getFileName().toString(), Files.readString(file));
    }
    assertEquals(expected.keySet(), actual.keySet(), "generated files of " + dir);
    for (String file : expected.keySet()) {
      assertWithMessage("%s/%s differs; if the change is intended, rerun with -Dadjoint.updateGolden=true", dir, file)
          .that(actual.get(file))
          .isEqualTo(expected.get(file));
    }
  }

  @Test
  void sameInputSameBytes() {
    List<JavaFileObject> inputs = inputs(GOLDEN.resolve("calls"));
    Map<String, String> first = generated(compile(inputs));
    Map<String, String> second = generated(compile(inputs));
    List<JavaFileObject> reversed = new ArrayList<>(inputs);
    Collections.reverse(reversed);
    Map<String, String> otherOrder = generated(compile(reversed));

    assertEquals(2, first.size(), first::toString);
    assertEquals(first, second);
    assertEquals(first, otherOrder, "the order of the input files changed the output");
  }

  private static Compilation compile(List<JavaFileObject> inputs) {
    // an empty source path: the golden files are also test resources on the class path, and javac would
    // otherwise find an expected FooGradients.java there and compile it in place of the generated one
    return javac()
        .withProcessors(new DifferentiableProcessor())
        .withOptions("-sourcepath", "")
        .compile(inputs);
  }

  /** The inputs of a case: every file of its folder but the expected output. */
  private static List<JavaFileObject> inputs(Path dir) {
    List<JavaFileObject> inputs = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".java") && !isExpected(fileName)) {
          String source = Files.readString(file);
          Matcher pkg = PACKAGE.matcher(source);
          String simpleName = fileName.substring(0, fileName.length() - ".java".length());
          inputs.add(JavaFileObjects.forSourceString(pkg.find() ? pkg.group(1) + "." + simpleName : simpleName, source));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertWithMessage("inputs in %s", dir).that(inputs).isNotEmpty();
    return inputs;
  }

  private static List<Path> expectedFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> isExpected(f.getFileName().toString())).sorted().toList();
    }
  }

  private static boolean isExpected(String fileName) {
    return fileName.endsWith(EXPECTED_SUFFIX) || fileName.endsWith(TANGENT_SUFFIX);
  }

  /** The generated sources by file name. */
  private static Map<String, String> generated(Compilation compilation) {
    assertThat(compilation).succeeded();
    Map<String, String> out = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      String name = file.getName();
      try {
        out.put(name.substring(name.lastIndexOf('/') + 1), file.getCharContent(true).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
