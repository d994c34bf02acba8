package io.adjoint.processor.lower;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;
import io.adjoint.processor.Message;
import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code switch} statements and expressions on {@code int} values and on enums, lowered to the IR's ifs
 * and conditionals, so that every later stage sees only what it already knows. A case of an enum switch
 * names a constant ({@code case FAST}), compared as {@code mode == Mode.FAST}; a switch expression that
 * covers every constant without a {@code default} takes its last case when no other matches.
 *
 * <p>A switch statement, or a switch expression that is a whole initializer, assigned value or returned
 * value, becomes an if-chain over its selector, evaluated once into a local: {@code if (k == 1 || k == 2)
 * {…} else if (k == 3) {…} else {default}}. The branch of a case holds the statements Java runs when the
 * switch enters there: with colon labels, its own and, falling through, those of the cases after it, up to
 * the {@code break} (a break under an if takes the statements after that if into its other branch, as an
 * early return does); with arrow labels, its own. A local declared at the top level of a colon case is
 * declared before the chain (Java lets later cases assign and read it). A {@code yield} assigns the
 * switch's local, or returns. Inside any other expression, a switch expression whose cases are all
 * expressions ({@code case 1 -> x * x;}) becomes a chain of conditional expressions, which the normalizer
 * turns into ifs where they carry derivatives: only the chosen arm is evaluated and differentiated.
 */
final class SwitchLowering {
  /** Where a {@code yield} puts its value: a local's IR name, or a return when {@code local} is null. */
  private record Yield(String local, Type type) {}

  /** A switch being lowered: the loop depth it stands at, and its yield target (null for a statement). */
  private record Frame(int loopDepth, Yield yield) {}

  /** What lowers the statements and expressions of the cases. */
  private final Lowerer lower;
  private final Scopes scopes;
  private final Diagnostics diagnostics;
  private final Deque<Frame> frames = new ArrayDeque<>();
  /** The breaks lowered so far that leave a switch, not a loop: removed when its cases are put together. */
  private final Set<Stmt> exits = Collections.newSetFromMap(new IdentityHashMap<>());

  SwitchLowering(Lowerer lower, Scopes scopes, Diagnostics diagnostics) {
    this.lower = lower;
    this.scopes = scopes;
    this.diagnostics = diagnostics;
  }

  /** {@code t} without parentheses, if it is a switch expression; else null. */
  static SwitchExpressionTree switchExpression(ExpressionTree t) {
    while (t instanceof ParenthesizedTree p) {
      t = p.getExpression();
    }
    return t instanceof SwitchExpressionTree s ? s : null;
  }

  void statement(SwitchTree s, List<Stmt> out) {
    lowerSwitch(s, s.getExpression(), s.getCases(), null, out);
  }

  /** {@code local = switch …}, also as a declaration's initializer: each case assigns {@code local}. */
  void assign(SwitchExpressionTree e, String local, Type type, List<Stmt> out) {
    lowerSwitch(e, e.getExpression(), e.getCases(), new Yield(local, type), out);
  }

  /** {@code return switch …}: each case returns. */
  void returned(SwitchExpressionTree e, List<Stmt> out) {
    lowerSwitch(e, e.getExpression(), e.getCases(), new Yield(null, Type.DOUBLE), out);
  }

  /** Whether a {@code break} without a label here leaves a switch rather than a loop. */
  boolean breaksSwitch() {
    return !frames.isEmpty() && frames.peek().loopDepth() == scopes.loopDepth();
  }

  /** The break that leaves the innermost switch, which must be a switch statement. */
  void exit(BreakTree b, List<Stmt> out) {
    if (frames.peek().yield() != null) {
      diagnostics.error(b, Message.SWITCH_JUMP.format("break"));
      return;
    }
    Stmt exit = new Stmt.Break(diagnostics.line(b), diagnostics.source(b));
    exits.add(exit);
    out.add(exit);
  }

  void yieldStatement(YieldTree y, List<Stmt> out) {
    yieldValue(y, y.getValue(), out);
  }

  /** A yield of {@code valueTree}: {@code y} is the yield statement, or the expression of a case rule. */
  private void yieldValue(Tree y, ExpressionTree valueTree, List<Stmt> out) {
    Frame f = frames.peek();
    if (f == null || f.yield() == null || f.loopDepth() != scopes.loopDepth()) {
      diagnostics.error(y, Message.SWITCH_JUMP.format("yield"));
      return;
    }
    Expr value = lower.expr(valueTree);
    ExpressionTree y0 = valueTree;
    Yield target = f.yield();
    if (!target.type().accepts(value.type())) {
      diagnostics.error(y0, Message.OPERAND_TYPES.format(target.local() == null ? "return" : "=",
          value.type().keyword() + (target.local() == null ? "" : " to " + target.type().keyword())));
      return;
    }
    if (target.local() == null) {
      out.add(new Stmt.Return(value, diagnostics.line(y), "return " + diagnostics.source(y0)));
    } else {
      out.add(new Stmt.Assign(target.local(), value, diagnostics.line(y), "yield " + diagnostics.source(y0)));
      Stmt exit = new Stmt.Break(diagnostics.line(y), null);
      exits.add(exit);
      out.add(exit);
    }
  }

  // ------------------------------------------------------------------------------------- statements

  private void lowerSwitch(
      Tree tree, ExpressionTree selectorTree, List<? extends CaseTree> cases, Yield yield, List<Stmt> out) {
    Expr selector = selector(selectorTree);
    if (selector == null) {
      return;
    }
    int line = diagnostics.line(tree);
    String header = "switch (" + diagnostics.source(stripped(selectorTree)) + ")";
    if (!(selector instanceof Expr.Local || selector instanceof Expr.Literal || selector.type() == Type.ENUM)) {
      String name = scopes.unique("selector");
      out.add(new Stmt.Declare(name, Type.INT, selector, line, header));
      selector = new Expr.Local(Type.INT, name);
    }
    boolean rules = !cases.isEmpty() && cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE;
    List<Expr> conditions = new ArrayList<>();
    List<List<Stmt>> bodies = new ArrayList<>();
    List<Stmt> hoisted = new ArrayList<>();
    frames.push(new Frame(scopes.loopDepth(), yield));
    scopes.push(); // the cases of a colon switch share one scope
    for (CaseTree c : cases) {
      conditions.add(condition(selector, c));
      List<Stmt> body = new ArrayList<>();
      if (rules) {
        body.addAll(rule(c, yield));
      } else {
        for (StatementTree s : c.getStatements()) {
          lower.statement(s, body);
        }
        hoist(body, hoisted);
      }
      bodies.add(body);
    }
    scopes.pop();
    frames.pop();
    out.addAll(hoisted);
    List<Stmt> chain = List.of();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      if (conditions.get(i) == null) {
        chain = entry(bodies, i, rules); // the default: what runs when no label matches
      } else {
        order.add(i);
      }
    }
    if (yield != null && order.size() == cases.size() && !order.isEmpty()) {
      // a switch expression over every constant of an enum, without a default: the last case is what remains
      chain = entry(bodies, order.remove(order.size() - 1), rules);
    }
    for (int k = order.size() - 1; k >= 0; k--) {
      int i = order.get(k);
      CaseTree c = cases.get(i);
      String labels = c.getExpressions().stream().map(diagnostics::source).collect(Collectors.joining(", "));
      String source = header + " case " + labels;
      chain = List.of(new Stmt.If(conditions.get(i), entry(bodies, i, rules), chain, diagnostics.line(c), source));
    }
    out.addAll(chain);
  }

  /**
   * The statements of an arrow case, in a scope of their own: a block's, a throw (reported), or an
   * expression: a statement in a switch statement, the value yielded in a switch expression.
   */
  private List<Stmt> rule(CaseTree c, Yield yield) {
    Tree body = c.getBody();
    if (body instanceof BlockTree b) {
      return lower.block(b.getStatements());
    }
    List<Stmt> out = new ArrayList<>();
    scopes.push();
    if (body instanceof ExpressionTree e) {
      if (yield == null) {
        lower.expressionStatement(e, e, out);
      } else {
        yieldValue(e, e, out);
      }
    } else {
      lower.statement((StatementTree) body, out);
    }
    scopes.pop();
    return out;
  }

  /** The selector, an int; null after reporting why not. */
  private Expr selector(ExpressionTree selectorTree) {
    Expr selector = lower.expr(selectorTree);
    if (selector.type() != Type.INT && selector.type() != Type.ENUM) {
      String selectorSource = diagnostics.source(stripped(selectorTree));
      diagnostics.error(selectorTree, Message.SWITCH_SELECTOR.format(selectorSource, selector.type().keyword()));
      return null;
    }
    return selector;
  }

  private static ExpressionTree stripped(ExpressionTree t) {
    while (t instanceof ParenthesizedTree p) {
      t = p.getExpression();
    }
    return t;
  }

  /** {@code selector == l1 || selector == l2 …} for the case's labels; null for {@code default}. */
  private Expr condition(Expr selector, CaseTree c) {
    Expr condition = null;
    for (ExpressionTree label : c.getExpressions()) {
      Expr value = selector.type() == Type.ENUM ? enumLabel(selector, label) : lower.expr(label);
      if (value.type() != selector.type()) {
        String caseSource = "case " + diagnostics.source(label);
        diagnostics.error(label, Message.SWITCH_SELECTOR.format(caseSource, value.type().keyword()));
      }
      Expr test = new Expr.Binary(BinaryOp.EQ, selector, value, Type.BOOLEAN);
      condition = condition == null ? test : new Expr.Binary(BinaryOp.COND_OR, condition, test, Type.BOOLEAN);
    }
    return condition;
  }

  /** A label of a switch on an enum: the name of one of its constants ({@code case FAST}). */
  private Expr enumLabel(Expr selector, ExpressionTree label) {
    javax.lang.model.element.TypeElement type = lower.enums().classOf(selector);
    Expr constant =
        type != null && label instanceof com.sun.source.tree.IdentifierTree id
            ? lower.enums().constant(type, id.getName().toString())
            : null;
    return constant != null ? constant : lower.expr(label);
  }

  /**
   * Moves the scalar locals a colon case declares at its top level to {@code hoisted}, leaving an
   * assignment of the initializer in place: a later case may assign and read them.
   */
  private static void hoist(List<Stmt> body, List<Stmt> hoisted) {
    for (int i = 0; i < body.size(); i++) {
      if (body.get(i) instanceof Stmt.Declare d && !d.type().isArray()) {
        hoisted.add(new Stmt.Declare(d.name(), d.type(), null, d.line(), null));
        if (d.init() == null) {
          body.remove(i--);
        } else {
          body.set(i, new Stmt.Assign(d.name(), d.init(), d.line(), d.source()));
        }
      }
    }
  }

  /** What runs when the switch enters at case {@code i}: up to its exit, falling through with colons. */
  private List<Stmt> entry(List<List<Stmt>> bodies, int i, boolean rules) {
    List<Stmt> flat = new ArrayList<>(bodies.get(i));
    if (!rules) {
      for (int j = i + 1; j < bodies.size(); j++) {
        flat.addAll(bodies.get(j));
      }
    }
    return cut(flat);
  }

  /**
   * {@code stmts} up to the first exit of the switch; an if with an exit inside takes the statements after
   * it into each branch, where they run unless that branch has left.
   */
  private List<Stmt> cut(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (int k = 0; k < stmts.size(); k++) {
      Stmt s = stmts.get(k);
      if (exits.contains(s)) {
        return out;
      }
      if (s instanceof Stmt.If f && (hasExit(f.then()) || hasExit(f.otherwise()))) {
        List<Stmt> rest = stmts.subList(k + 1, stmts.size());
        List<Stmt> then = new ArrayList<>(f.then());
        then.addAll(rest);
        List<Stmt> otherwise = new ArrayList<>(f.otherwise());
        otherwise.addAll(rest);
        out.add(new Stmt.If(f.condition(), cut(then), cut(otherwise), f.line(), f.source()));
        return out;
      }
      out.add(s);
    }
    return out;
  }

  /** Whether {@code stmts} hold an exit of the switch (never inside a loop: a break there is the loop's). */
  private boolean hasExit(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (exits.contains(s) || (s instanceof Stmt.If f && (hasExit(f.then()) || hasExit(f.otherwise())))) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------------------------ expressions

  /**
   * A switch expression inside a larger expression, as conditional expressions; each case must be an
   * expression ({@code case 1 -> e}).
   */
  Expr expression(SwitchExpressionTree e) {
    Expr selector = selector(e.getExpression());
    if (selector == null) {
      return new Expr.Literal(Type.DOUBLE, "0.0");
    }
    List<Expr> conditions = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    Expr otherwise = null;
    Type type = null;
    for (CaseTree c : e.getCases()) {
      if (c.getCaseKind() != CaseTree.CaseKind.RULE
          || !(c.getBody() instanceof ExpressionTree body)
          || c.getBody() instanceof BlockTree) {
        diagnostics.error(c, Message.SWITCH_EXPRESSION_BLOCK.format());
        return new Expr.Literal(Type.DOUBLE, "0.0");
      }
      Expr condition = condition(selector, c);
      Expr value = lower.expr(body);
      if (type == null) {
        type = value.type();
      } else if (type == Type.BOOLEAN && value.type() == Type.BOOLEAN) {
        type = Type.BOOLEAN;
      } else if (type.isNumeric() && value.type().isNumeric()) {
        type = Type.promote(type, value.type());
      } else {
        String operands = type.keyword() + " and " + value.type().keyword();
        diagnostics.error(body, Message.OPERAND_TYPES.format("switch", operands));
        return new Expr.Literal(Type.DOUBLE, "0.0");
      }
      if (condition == null) {
        otherwise = value;
      } else {
        conditions.add(condition);
        values.add(value);
      }
    }
    if (type == null) {
      return new Expr.Literal(Type.DOUBLE, "0.0"); // no cases: javac reports it
    }
    int last = values.size() - 1;
    if (otherwise == null) {
      // exhaustive without a default: the last case is what remains
      otherwise = values.remove(last);
      conditions.remove(last--);
    }
    Expr result = otherwise;
    for (int i = last; i >= 0; i--) {
      result = new Expr.Conditional(conditions.get(i), values.get(i), result, type);
    }
    return result;
  }
}
