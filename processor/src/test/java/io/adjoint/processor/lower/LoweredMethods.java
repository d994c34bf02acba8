package io.adjoint.processor.lower;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.adjoint.processor.ir.Function;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Methods of a source lowered to the IR as the processor lowers them, for tests of the stages after
 * {@code lower}: a later stage's input is built the way production builds it, from Java a reader can
 * check. Calls to other {@code @Differentiable} methods are not resolved (such a method is reported).
 */
public final class LoweredMethods {
  private LoweredMethods() {}

  /**
   * Lowers the {@code @Differentiable} method {@code method} of class {@code p.T}, whose body is
   * {@code source} (a class body: the methods, without the class declaration).
   *
   * @throws AssertionError when the source does not compile or the method is not lowered
   */
  public static Function lower(String classBody, String method) {
    String source =
        "package p;\nimport io.adjoint.Differentiable;\nfinal class T {\n" + classBody + "\n}\n";
    Capture capture = new Capture();
    Compilation c = javac().withProcessors(capture).compile(JavaFileObjects.forSourceString("p.T", source));
    if (c.status() != Compilation.Status.SUCCESS || !capture.problems.isEmpty()) {
      throw new AssertionError("did not lower: " + capture.problems + " " + c.diagnostics());
    }
    Function f = capture.lowered.get(method);
    if (f == null) {
      throw new AssertionError("no @Differentiable method " + method + " in " + capture.lowered.keySet());
    }
    return f;
  }

  /** Lowers each {@code @Differentiable} method of each class compiled. */
  @SupportedAnnotationTypes("*")
  private static final class Capture extends AbstractProcessor {
    final Map<String, Function> lowered = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      Trees trees = Trees.instance(processingEnv);
      for (Element type : round.getRootElements()) {
        for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
          if (!Naming.isDifferentiable(m)) {
            continue;
          }
          TreePath path = trees.getPath(m);
          Lowerer lowerer =
              new Lowerer(
                  processingEnv.getElementUtils(),
                  processingEnv.getTypeUtils(),
                  path.getCompilationUnit(),
                  trees.getSourcePositions(),
                  m,
                  (tree, message) -> problems.add(message),
                  callee -> Optional.empty());
          lowerer
              .lower((MethodTree) path.getLeaf(), "Gradient", Naming.accessors(m))
              .ifPresent(f -> lowered.put(m.getSimpleName().toString(), f));
        }
      }
      return false;
    }
  }
}
