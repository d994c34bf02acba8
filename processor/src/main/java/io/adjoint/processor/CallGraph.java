package io.adjoint.processor;

import io.adjoint.processor.ir.Function;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.lang.model.element.ExecutableElement;

/**
 * Each method's body lowered once, silently, as if every callee had a gradient, with the callees its
 * lowering resolved: the call graph. A lowering treating some methods as failed differs only where it
 * resolves a call to one of them that it does not inline, and fails there; so the one lowering answers
 * for every set of failed methods ({@link #lowered}), and what a method's forms depend on of that set is
 * the failed methods it reaches ({@link #failedReached}).
 */
final class CallGraph {
  /** Lowers a method silently, as if every callee had a gradient. */
  interface Lowering {
    /**
     * @param resolved told of each callee the lowering resolves, and whether it is inlined (then whether
     *     it failed is the inliner's to say, not the lowering's)
     */
    Optional<Function> lower(ExecutableElement method, BiConsumer<ExecutableElement, Boolean> resolved);
  }

  /**
   * One method's lowering.
   *
   * @param function the lowered body, if it lowered
   * @param failure what the lowering threw, or null
   * @param called the callees it calls (not inlined): if one of them failed, so does the lowering
   * @param callees every callee it resolved, inlined or not: the edges of the call graph
   */
  private record Node(
      Optional<Function> function, Throwable failure, Set<ExecutableElement> called, Set<ExecutableElement> callees) {}

  private final Lowering lowering;
  private final Map<ExecutableElement, Node> nodes = new HashMap<>();

  CallGraph(Lowering lowering) {
    this.lowering = lowering;
  }

  /**
   * The body of {@code method} as a silent lowering treating the methods in {@code failed} as having no
   * gradient gives it: empty when it calls one of them.
   */
  Optional<Function> lowered(ExecutableElement method, Set<?> failed) {
    Node node = node(method);
    if (node.called().stream().anyMatch(failed::contains)) {
      return Optional.empty();
    }
    if (node.failure() instanceof RuntimeException e) {
      throw e;
    }
    if (node.failure() instanceof Error e) {
      throw e;
    }
    return node.function();
  }

  /** How many of the methods in {@code failed} {@code method} reaches through its calls, itself included. */
  int failedReached(ExecutableElement method, Set<?> failed) {
    Set<ExecutableElement> seen = new LinkedHashSet<>();
    Deque<ExecutableElement> work = new ArrayDeque<>();
    work.push(method);
    int count = 0;
    while (!work.isEmpty()) {
      ExecutableElement m = work.pop();
      if (!seen.add(m)) {
        continue;
      }
      if (failed.contains(m)) {
        count++;
      }
      node(m).callees().forEach(work::push);
    }
    return count;
  }

  private Node node(ExecutableElement method) {
    Node node = nodes.get(method);
    if (node == null) {
      Set<ExecutableElement> called = new LinkedHashSet<>();
      Set<ExecutableElement> callees = new LinkedHashSet<>();
      Optional<Function> function = Optional.empty();
      Throwable failure = null;
      try {
        function = lowering.lower(method, (callee, inlined) -> {
          callees.add(callee);
          if (!inlined) {
            called.add(callee);
          }
        });
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      node = new Node(function, failure, called, callees);
      nodes.put(method, node);
    }
    return node;
  }
}
