package io.adjoint.processor.ssa;

import java.util.List;

/** A statement of the forward program in SSA form, which a transformation writes out with its derivatives. */
public sealed interface SsaStatement {
  /** {@code target = expr}. */
  record Def(SsaValue target, Node expr) implements SsaStatement {}

  /** {@code record = Gradients.callee(args)}: the value and partials of a differentiable call. */
  record Call(SsaValue record, List<Node> args) implements SsaStatement {}

  /**
   * {@code array[i][j] = value} on a local array; or, when {@code increment} is +1 or −1, {@code
   * array[i][j] += value} or {@code -= value}, whose entry keeps its adjoint.
   */
  record Store(SsaValue array, List<Node> indices, Node value, int increment) implements SsaStatement {}

  /**
   * A loop over {@code body}; the values of the variables it carries from one iteration to the next are
   * {@code headers}, set before it and by {@code copyBacks} at the end of each iteration; {@code count}
   * counts the iterations, which the reverse sweep runs backwards. {@code preheader} reads, once, before
   * the first iteration, entries the loop reads but cannot change.
   */
  record Loop(
      Node condition,
      List<SsaStatement> body,
      List<SsaStatement> copyBacks,
      Scope scope,
      List<SsaValue> headers,
      List<Node> inits,
      SsaValue count,
      List<SsaStatement> preheader,
      boolean testAfter,
      int line,
      String source)
      implements SsaStatement {}

  /** One source statement: its temporaries, definitions and stores, tied to its line for comments. */
  record Group(int line, String source, List<SsaStatement> parts, boolean isReturn) implements SsaStatement {}

  /**
   * An if. A {@code tail} if ends every path of the method; its branches are paths of their own. An if
   * that falls through merges the variables its branches assign into {@code phis}.
   */
  record If(
      Node condition,
      List<SsaStatement> then,
      List<SsaStatement> otherwise,
      Scope thenScope,
      Scope elseScope,
      List<SsaValue> phis,
      boolean tail,
      int line,
      String source)
      implements SsaStatement {}

  /** Adds to {@code arrays} every array {@code code} stores into. */
  static void stored(List<SsaStatement> code, java.util.Set<SsaValue> arrays) {
    each(code, f -> {
      if (f instanceof SsaStatement.Store st) {
        arrays.add(st.array());
      }
    });
  }

  /**
   * Calls {@code visit} on every statement of {@code code}, nested ones too: groups' parts, both branches
   * of ifs, and loops' preheaders, bodies and copy backs, each after the statement holding it.
   */
  static void each(List<SsaStatement> code, java.util.function.Consumer<SsaStatement> visit) {
    for (SsaStatement f : code) {
      visit.accept(f);
      if (f instanceof SsaStatement.Group g) {
        each(g.parts(), visit);
      } else if (f instanceof SsaStatement.If i) {
        each(i.then(), visit);
        each(i.otherwise(), visit);
      } else if (f instanceof SsaStatement.Loop l) {
        each(l.preheader(), visit);
        each(l.body(), visit);
        each(l.copyBacks(), visit);
      }
    }
  }

  /** The expressions statement {@code f} holds itself, not those of the statements nested in it. */
  static List<Node> nodes(SsaStatement f) {
    if (f instanceof SsaStatement.Def d) {
      return List.of(d.expr());
    } else if (f instanceof SsaStatement.Call c) {
      return c.args();
    } else if (f instanceof SsaStatement.Store st) {
      List<Node> all = new java.util.ArrayList<>(st.indices());
      all.add(st.value());
      return all;
    } else if (f instanceof SsaStatement.If i) {
      return List.of(i.condition());
    } else if (f instanceof SsaStatement.Loop l) {
      List<Node> all = new java.util.ArrayList<>(l.inits());
      all.add(l.condition());
      return all;
    }
    return List.of();
  }
}
