package io.adjoint.processor.reverse;

import java.util.List;

/** The forward program in SSA form, which the emitter writes out with its reverse sweep. */
sealed interface F {
  /** {@code target = expr}. */
  record Def(Val target, Node expr) implements F {}

  /** {@code record = Gradients.callee(args)}: the value and partials of a differentiable call. */
  record Call(Val record, List<Node> args) implements F {}

  /**
   * {@code array[i][j] = value} on a local array; or, when {@code increment} is +1 or −1, {@code
   * array[i][j] += value} or {@code -= value}, whose entry keeps its adjoint.
   */
  record Store(Val array, List<Node> indices, Node value, int increment) implements F {}

  /**
   * A loop over {@code body}; the values of the variables it carries from one iteration to the next are
   * {@code headers}, set before it and by {@code copyBacks} at the end of each iteration; {@code count}
   * counts the iterations, which the reverse sweep runs backwards. {@code preheader} reads, once, before
   * the first iteration, entries the loop reads but cannot change.
   */
  record Loop(
      Node condition,
      List<F> body,
      List<F> copyBacks,
      Scope scope,
      List<Val> headers,
      List<Node> inits,
      Val count,
      List<F> preheader,
      boolean testAfter,
      int line,
      String source)
      implements F {}

  /** One source statement: its temporaries, definitions and stores, tied to its line for comments. */
  record Group(int line, String source, List<F> parts, boolean isReturn) implements F {}

  /**
   * An if. A {@code tail} if ends every path of the method; its branches are paths of their own. An if
   * that falls through merges the variables its branches assign into {@code phis}.
   */
  record If(
      Node condition,
      List<F> then,
      List<F> otherwise,
      Scope thenScope,
      Scope elseScope,
      List<Val> phis,
      boolean tail,
      int line,
      String source)
      implements F {}

  /** Adds to {@code arrays} every array {@code code} stores into. */
  static void stored(List<F> code, java.util.Set<Val> arrays) {
    for (F f : code) {
      if (f instanceof F.Group g) {
        stored(g.parts(), arrays);
      } else if (f instanceof F.Store st) {
        arrays.add(st.array());
      } else if (f instanceof F.If i) {
        stored(i.then(), arrays);
        stored(i.otherwise(), arrays);
      } else if (f instanceof F.Loop l) {
        stored(l.body(), arrays);
      }
    }
  }
}
