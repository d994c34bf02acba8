package io.adjoint.processor.ssa;

import java.util.HashSet;
import java.util.Set;

/**
 * Allocates the names of generated locals. A user's own name is never taken by a generated one; a
 * variable's first version keeps the user's name, later versions and adjoints are numbered around it.
 */
public final class Names {
  /** Java's keywords and literals, which no generated name may be ({@code default} from a class Default). */
  private static final Set<String> KEYWORDS =
      Set.of(
          "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
          "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
          "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
          "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
          "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
          "volatile", "while", "true", "false", "null", "_");

  private final Set<String> reserved;
  private final Set<String> allocated = new HashSet<>();

  public Names(Set<String> reserved) {
    this.reserved = new HashSet<>(reserved);
  }

  /** A copy, which goes on allocating from where this one is, independently of it. */
  public Names copy() {
    Names copy = new Names(reserved);
    copy.allocated.addAll(allocated);
    return copy;
  }

  /** Whether {@code name} is a Java keyword or literal, which no variable may be named. */
  public static boolean isKeyword(String name) {
    return KEYWORDS.contains(name);
  }

  /** {@code own}: the user wrote this name, so it may take it. */
  public String allocate(String base, boolean own) {
    if (!allocated.contains(base) && (own || (!reserved.contains(base) && !KEYWORDS.contains(base)))) {
      allocated.add(base);
      return base;
    }
    for (int i = own ? 1 : 2; ; i++) {
      String candidate = base + i;
      if (!allocated.contains(candidate) && !reserved.contains(candidate)) {
        allocated.add(candidate);
        return candidate;
      }
    }
  }
}
