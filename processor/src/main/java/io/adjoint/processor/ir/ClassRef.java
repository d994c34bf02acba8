package io.adjoint.processor.ir;

import java.util.List;

/** A class named by its package and its simple names, outermost first; free of javac types. */
public record ClassRef(String packageName, List<String> simpleNames) {
  public static final ClassRef MATH = new ClassRef("java.lang", List.of("Math"));
  public static final ClassRef STRICT_MATH = new ClassRef("java.lang", List.of("StrictMath"));
  /** The runtime's helpers for generated code ({@code io.adjoint.internal.Adjoints}). */
  public static final ClassRef ADJOINTS = new ClassRef("io.adjoint.internal", List.of("Adjoints"));
  /** The runtime's helpers for the Jacobian forms ({@code io.adjoint.internal.Jacobians}). */
  public static final ClassRef JACOBIANS = new ClassRef("io.adjoint.internal", List.of("Jacobians"));

  public ClassRef {
    simpleNames = List.copyOf(simpleNames);
  }

  public String simpleName() {
    return simpleNames.get(simpleNames.size() - 1);
  }

  /**
   * For a gradient record, the record of another form of the same method: {@code FGradient2} with
   * {@code kind} "Jacobian" is {@code FJacobian2}.
   */
  public ClassRef formRecord(String kind) {
    List<String> simple = new java.util.ArrayList<>(simpleNames);
    simple.add(formRecordName(simple.remove(simple.size() - 1), kind));
    return new ClassRef(packageName, simple);
  }

  /** {@code FGradient2} with {@code kind} "Jacobian" is {@code FJacobian2}: see {@link #formRecord}. */
  public static String formRecordName(String gradientRecord, String kind) {
    return gradientRecord.replaceFirst("Gradient(\\d*)$", kind + "$1");
  }
}
