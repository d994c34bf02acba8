package io.adjoint.processor.ssa;

import java.util.HashSet;
import java.util.Set;

/**
 * Allocates the names of generated locals. A user's own name is never taken by a generated one; a
 * variable's first version keeps the user's name, later versions and adjoints are numbered around it.
 */
public final class Names {
  private final Set<String> reserved;
  private final Set<String> allocated = new HashSet<>();

  public Names(Set<String> reserved) {
    this.reserved = new HashSet<>(reserved);
  }

  /** {@code own}: the user wrote this name, so it may take it. */
  public String allocate(String base, boolean own) {
    if (!allocated.contains(base) && (own || !reserved.contains(base))) {
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
