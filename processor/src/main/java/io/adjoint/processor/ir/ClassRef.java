package io.adjoint.processor.ir;

import java.util.List;

/** A class named by its package and its simple names, outermost first; free of javac types. */
public record ClassRef(String packageName, List<String> simpleNames) {
  public static final ClassRef MATH = new ClassRef("java.lang", List.of("Math"));
  public static final ClassRef STRICT_MATH = new ClassRef("java.lang", List.of("StrictMath"));
  /** The runtime's helpers for generated code ({@code io.adjoint.internal.Adjoints}). */
  public static final ClassRef ADJOINTS = new ClassRef("io.adjoint.internal", List.of("Adjoints"));

  public ClassRef {
    simpleNames = List.copyOf(simpleNames);
  }

  public String simpleName() {
    return simpleNames.get(simpleNames.size() - 1);
  }
}
