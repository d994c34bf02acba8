package io.adjoint.processor.ir;

import java.util.List;

/** A class named by its package and its simple names, outermost first; free of javac types. */
public record ClassRef(String packageName, List<String> simpleNames) {
  public static final ClassRef MATH = new ClassRef("java.lang", List.of("Math"));
  public static final ClassRef STRICT_MATH = new ClassRef("java.lang", List.of("StrictMath"));

  public ClassRef {
    simpleNames = List.copyOf(simpleNames);
  }

  public String simpleName() {
    return simpleNames.get(simpleNames.size() - 1);
  }
}
