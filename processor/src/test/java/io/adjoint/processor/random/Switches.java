package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.D;
import io.adjoint.processor.random.Ast.DeclSwitch;
import io.adjoint.processor.random.Ast.EOrd;
import io.adjoint.processor.random.Ast.EVar;
import io.adjoint.processor.random.Ast.I;
import io.adjoint.processor.random.Ast.IOfD;
import io.adjoint.processor.random.Ast.If;
import io.adjoint.processor.random.Ast.Jump;
import io.adjoint.processor.random.Ast.S;
import io.adjoint.processor.random.Ast.Switch;
import io.adjoint.processor.random.Ast.SwitchCase;
import io.adjoint.processor.random.Ast.SwitchD;
import io.adjoint.processor.random.MethodState.VarInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Switches: switch statements with arrow or colon labels (their cases falling through, breaking or
 * returning), {@code double t = switch (…) {…};} with statements in its cases, switch expressions, and
 * their selectors (ints, ints computed from doubles, the enum parameter) and labels.
 */
final class Switches {
  private final SplittableRandom r;
  private final MethodState state;
  // the other parts it calls, which call it in turn (the grammar nests): set by connect
  private Expressions expressions;
  private Statements statements;

  Switches(ProgramGenerator generator) {
    this.r = generator.r;
    this.state = generator.state;
  }

  /** Takes the other parts it calls, once the generator has made them all. */
  void connect(ProgramGenerator generator) {
    expressions = generator.expressions;
    statements = generator.statements;
  }

  /** An int selector for a switch: an int expression, or an int computed from a double. */
  private I selector() {
    if (state.has('E', false) && r.nextBoolean()) {
      return r.nextInt(4) > 0 ? new EVar(ProgramGenerator.ENUM_PARAM) : new EOrd(ProgramGenerator.ENUM_PARAM);
    }
    state.selectors++; // a switch expression tests its selector in each arm: no call passing records there (E263)
    try {
      return r.nextBoolean() ? expressions.intOnly(1) : new IOfD(expressions.expr(1), 5);
    } finally {
      state.selectors--;
    }
  }

  /**
   * The labels of a switch expression on {@code selector} with a default (added anywhere, or last with
   * {@code last}); on an enum, at times labels for every constant and no default.
   */
  private List<List<Integer>> expressionLabels(I selector, boolean last) {
    if (selector instanceof EVar && r.nextInt(3) == 0) {
      List<Integer> pool = new ArrayList<>();
      for (int l = -1; l < Ast.ENUM_CONSTANTS - 1; l++) {
        pool.add(l);
      }
      List<List<Integer>> out = new ArrayList<>();
      while (!pool.isEmpty()) {
        List<Integer> labels = new ArrayList<>();
        for (int k = 1 + r.nextInt(3); k > 0 && !pool.isEmpty(); k--) {
          labels.add(pool.remove(r.nextInt(pool.size())));
        }
        out.add(labels);
      }
      return out;
    }
    List<List<Integer>> labels = labels(1 + r.nextInt(3));
    labels.add(last ? labels.size() : r.nextInt(labels.size() + 1), List.of()); // an int switch expression has a default
    return labels;
  }

  /** The labels of {@code n} cases: distinct ints in [-1, 4], one or two a case. */
  private List<List<Integer>> labels(int n) {
    List<Integer> pool = new ArrayList<>(List.of(-1, 0, 1, 2, 3, 4));
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Integer> labels = new ArrayList<>();
      labels.add(pool.remove(r.nextInt(pool.size())));
      if (r.nextInt(4) == 0) {
        labels.add(pool.remove(r.nextInt(pool.size())));
      }
      out.add(labels);
    }
    return out;
  }

  /**
   * A switch statement: 1 to 3 labelled cases and at times a default, anywhere; with colon labels a case
   * that completes may fall through into the next. A break in a case (which {@link Statements#block} writes
   * in a loop) leaves the switch.
   */
  S switchStatement(int depth) {
    I selector = selector();
    boolean arrows = r.nextBoolean();
    List<List<Integer>> labels = labels(1 + r.nextInt(3));
    if (r.nextInt(3) > 0) {
      labels.add(r.nextInt(labels.size() + 1), List.of()); // the default
    }
    List<SwitchCase> cases = new ArrayList<>();
    boolean exits = labels.stream().noneMatch(List::isEmpty);
    int mark = state.taken.size();
    boolean outerReturns = state.returnsInCases;
    state.returnsInCases = r.nextInt(4) == 0;
    for (int i = 0; i < labels.size(); i++) {
      int before = state.freed.size();
      List<S> body = statements.block(depth + 1, 1 + r.nextInt(3), false);
      if (!arrows) {
        state.taken.addAll(state.freed.subList(before, state.freed.size())); // the next cases share the scope
      }
      boolean last = i == labels.size() - 1;
      boolean breaks = !arrows && state.completes && (last || r.nextInt(3) > 0);
      exits |= breaks || (state.completes && (arrows || last)) || breaks(body);
      cases.add(new SwitchCase(labels.get(i), body, breaks));
    }
    state.taken.subList(mark, state.taken.size()).clear();
    state.returnsInCases = outerReturns;
    state.completes = exits;
    return new Switch(selector, cases, arrows);
  }

  /** Whether {@code body} has a break that leaves a switch around it (not one of a loop inside). */
  private static boolean breaks(List<S> body) {
    for (S s : body) {
      if (s instanceof Jump j && j.isBreak() || s instanceof If f && (breaks(f.then()) || breaks(f.otherwise()))) {
        return true;
      }
    }
    return false;
  }

  /** {@code double t = switch (…) {…};} with statements in its cases, each ending in a yield. */
  S declSwitch(int depth) {
    String name = state.fresh();
    while (name.equals("C0") || name.equals("C1") || name.equals("K0")) {
      name = state.fresh(); // in scope in its initializer, where statements reset pending
    }
    state.pending = name;
    I selector = selector();
    boolean arrows = r.nextBoolean();
    List<List<Integer>> labels = expressionLabels(selector, false);
    int outer = state.yielding;
    state.yielding = state.loops;

    List<SwitchCase> cases = new ArrayList<>();
    List<D> values = new ArrayList<>();
    int mark = state.taken.size();
    state.taken.add(name);
    for (List<Integer> l : labels) {
      int before = state.freed.size();
      int envMark = state.env.size();
      List<S> body = new ArrayList<>();
      for (int k = r.nextInt(3); k > 0; k--) {
        body.add(statements.statement(depth + 1));
      }
      values.add(expressions.expr(3));
      for (int i = envMark; i < state.env.size(); i++) {
        state.freed.add(state.env.get(i).name());
      }
      state.env.subList(envMark, state.env.size()).clear();
      if (!arrows) {
        state.taken.addAll(state.freed.subList(before, state.freed.size()));
      }
      cases.add(new SwitchCase(l, body, false));
    }
    state.taken.subList(mark, state.taken.size()).clear();
    state.yielding = outer;
    state.pending = null;
    state.env.add(new VarInfo(name, 'D', true));
    state.completes = true;
    return new DeclSwitch(name, selector, cases, values, arrows);
  }

  /** {@code switch (k) { case 1 -> e; … default -> e; }} as an expression. */
  D switchExpr(int d) {
    I selector = selector();
    List<List<Integer>> labels = expressionLabels(selector, true);
    List<D> arms = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      arms.add(expressions.expr(d));
    }
    return new SwitchD(selector, labels, arms);
  }
}
