package io.adjoint.processor.lower;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import io.adjoint.processor.Message;
import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.RecordType;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;

/**
 * Statements and the control flow between them: blocks and their scopes, {@code if}, {@code return},
 * the four loops (a {@code for} loop's update appended to its body and run by each {@code continue}, a
 * for-each as a counted loop over the array's indices), {@code break} and {@code continue}. Declarations
 * and assignments go to {@link AssignmentLowering}, switches to {@link SwitchLowering}; any other
 * statement is reported.
 */
final class StatementLowering {
  private final ExecutableElement method;
  /** What the method returns: what each {@code return} must give. */
  private final Type returns;
  /** The record the method returns (as the {@code double[]} of its leaves), or null. */
  private final RecordType returnedRecord;
  private final Scopes scopes;
  /** Copies of matrix rows passed to calls (see {@link RowArguments}). */
  private final RowArguments rows;
  private final ExpressionLowering expressions;
  private final AssignmentLowering assignments;
  private final SwitchLowering switches;
  private final RecordLowering records;
  private final Diagnostics diagnostics;

  StatementLowering(
      ExecutableElement method,
      Type returns,
      RecordType returnedRecord,
      Scopes scopes,
      RowArguments rows,
      ExpressionLowering expressions,
      AssignmentLowering assignments,
      SwitchLowering switches,
      RecordLowering records,
      Diagnostics diagnostics) {
    this.records = records;
    this.method = method;
    this.returns = returns;
    this.returnedRecord = returnedRecord;
    this.scopes = scopes;
    this.rows = rows;
    this.expressions = expressions;
    this.assignments = assignments;
    this.switches = switches;
    this.diagnostics = diagnostics;
  }

  /** A block: its statements, in a scope of their own. */
  List<Stmt> block(List<? extends StatementTree> stmts) {
    scopes.push();
    List<Stmt> out = new ArrayList<>();
    for (StatementTree s : stmts) {
      statement(s, out);
    }
    scopes.pop();
    return out;
  }

  private List<Stmt> branch(StatementTree s) {
    if (s == null) {
      return List.of();
    }
    if (s instanceof BlockTree b) {
      return block(b.getStatements());
    }
    return block(List.of(s));
  }

  void statement(StatementTree s, List<Stmt> out) {
    rows.scan(s);
    int copies = rows.mark();
    int at = out.size();
    lowerStatement(s, out);
    rows.flush(copies, out, at); // the copies of rows the statement passes to calls go before it
  }

  private void lowerStatement(StatementTree s, List<Stmt> out) {
    switch (s.getKind()) {
      case VARIABLE -> assignments.declare((VariableTree) s, out);
      case EXPRESSION_STATEMENT -> expressionStatement((ExpressionStatementTree) s, out);
      case IF -> {
        IfTree i = (IfTree) s;
        Expr condition = condition(i.getCondition());
        List<Stmt> then = branch(i.getThenStatement());
        List<Stmt> otherwise = branch(i.getElseStatement());
        String source = "if " + diagnostics.source(i.getCondition());
        out.add(new Stmt.If(condition, then, otherwise, diagnostics.line(s), source));
      }
      case RETURN -> {
        ReturnTree r = (ReturnTree) s;
        if (r.getExpression() == null) {
          diagnostics.error(s, Message.MISSING_RETURN.format(method.getSimpleName()));
          return;
        }
        if (returnedRecord != null) {
          returnRecord(r, out);
          return;
        }
        if (SwitchLowering.switchExpression(r.getExpression()) != null) {
          switches.returned(SwitchLowering.switchExpression(r.getExpression()), out);
          return;
        }
        Expr value = expressions.whole(expressions.expr(r.getExpression()), r.getExpression(), "returning ");
        if (!returns.accepts(value.type())) {
          diagnostics.error(r.getExpression(), Message.OPERAND_TYPES.format("return", value.type().keyword()));
        }
        out.add(new Stmt.Return(value, diagnostics.line(s), diagnostics.source(s)));
      }
      case BLOCK -> out.addAll(block(((BlockTree) s).getStatements()));
      case EMPTY_STATEMENT -> {}
      case LABELED_STATEMENT -> statement(((LabeledStatementTree) s).getStatement(), out);
      case TRY -> diagnostics.error(s, Message.TRY.format());
      case SYNCHRONIZED -> diagnostics.error(s, Message.SYNCHRONIZED.format());
      case CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE -> diagnostics.error(s, Message.LOCAL_CLASS.format());
      case FOR_LOOP -> forLoop((ForLoopTree) s, out);
      case ENHANCED_FOR_LOOP -> forEach((EnhancedForLoopTree) s, out);
      case WHILE_LOOP -> {
        WhileLoopTree w = (WhileLoopTree) s;
        Expr condition = condition(w.getCondition());
        List<Stmt> body = loopBody(w.getStatement(), List.of());
        String source = "while " + diagnostics.source(w.getCondition());
        loop(w.getCondition(), condition, body, false, diagnostics.line(s), source, out);
      }
      case DO_WHILE_LOOP -> {
        DoWhileLoopTree d = (DoWhileLoopTree) s;
        List<Stmt> body = loopBody(d.getStatement(), List.of());
        Expr condition = condition(d.getCondition());
        String source = "do ... while " + diagnostics.source(d.getCondition());
        loop(d.getCondition(), condition, body, true, diagnostics.line(s), source, out);
      }
      case BREAK -> {
        if (((BreakTree) s).getLabel() != null) {
          diagnostics.error(s, Message.LABELED_JUMP.format());
        } else if (switches.breaksSwitch()) {
          switches.exit((BreakTree) s, out);
        } else {
          out.add(new Stmt.Break(diagnostics.line(s), diagnostics.source(s)));
        }
      }
      case CONTINUE -> {
        if (((ContinueTree) s).getLabel() != null) {
          diagnostics.error(s, Message.LABELED_JUMP.format());
        } else {
          out.add(new Stmt.Continue(scopes.continueUpdate(), diagnostics.line(s), diagnostics.source(s)));
        }
      }
      case THROW -> diagnostics.error(s, Message.THROW.format());
      case SWITCH -> switches.statement((SwitchTree) s, out);
      case YIELD -> switches.yieldStatement((YieldTree) s, out);
      default -> diagnostics.error(s, Message.UNSUPPORTED_STATEMENT.format(Diagnostics.kindName(s)));
    }
  }

  /** A loop body, with {@code update} (a for loop's) appended and run by each continue. */
  private List<Stmt> loopBody(StatementTree body, List<Stmt> update) {
    scopes.enterLoop(update);
    List<Stmt> stmts = new ArrayList<>(branch(body));
    scopes.exitLoop();
    stmts.addAll(update);
    return stmts;
  }

  /** The expression statement {@code s}, lowered by {@link AssignmentLowering}. */
  private void expressionStatement(ExpressionStatementTree s, List<Stmt> out) {
    assignments.expressionStatement(s, s.getExpression(), out);
  }

  private void forLoop(ForLoopTree f, List<Stmt> out) {
    scopes.push();
    for (StatementTree init : f.getInitializer()) {
      statement(init, out);
    }
    Expr condition =
        f.getCondition() == null ? new Expr.Literal(Type.BOOLEAN, "true") : condition(f.getCondition());
    List<Stmt> update = new ArrayList<>();
    for (ExpressionStatementTree u : f.getUpdate()) {
      expressionStatement(u, update);
    }
    List<Stmt> body = loopBody(f.getStatement(), update);
    loop(f.getCondition(), condition, body, false, diagnostics.line(f), header(f, f.getStatement()), out);
    scopes.pop();
  }

  /** {@code return r} in a method returning a record: the array of r's leaves. */
  private void returnRecord(ReturnTree r, List<Stmt> out) {
    ExpressionTree e = r.getExpression();
    if (!records.isRecord(e)) {
      diagnostics.error(e, Message.RECORD_VALUE.format(diagnostics.source(e), "a " + returnedRecord.type().simpleName()));
      return;
    }
    RecordLowering.RecordValue value = records.value(e);
    if (!returnedRecord.type().equals(value.type().type())) {
      diagnostics.error(e, Message.RECORD_VALUE.format(diagnostics.source(e), "a " + returnedRecord.type().simpleName()));
      return;
    }
    Expr leaves = new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(), value.leaves());
    out.add(new Stmt.Return(leaves, diagnostics.line(r), diagnostics.source(r)));
  }

  /** {@code for (double v : array)}, as a counted loop over the array's indices. */
  private void forEach(EnhancedForLoopTree f, List<Stmt> out) {
    scopes.push();
    if (records.isArray(f.getExpression())) {
      forEachRecord(f, out);
      scopes.pop();
      return;
    }
    Expr array = expressions.whole(expressions.expr(f.getExpression()), f.getExpression(), "for-each over ");
    if (array.type() != Type.DOUBLE_ARRAY) {
      String over = "for-each over " + diagnostics.source(f.getExpression());
      diagnostics.error(f.getExpression(), Message.ARRAY_ALIAS.format(over));
      scopes.pop();
      return;
    }
    VariableTree v = f.getVariable();
    if (!(v.getType() == null
        || (v.getType() instanceof PrimitiveTypeTree p && p.getPrimitiveTypeKind() == TypeKind.DOUBLE)
        || (v.getType() instanceof IdentifierTree id && id.getName().contentEquals("var")))) {
      diagnostics.error(v, Message.LOCAL_TYPE.format(v.getName(), diagnostics.source(v.getType())));
    }
    countedForEach(
        f,
        new Expr.Length(array),
        (i, body) -> {
          String element = scopes.unique(v.getName().toString());
          scopes.declare(v.getName().toString(), element, Type.DOUBLE);
          body.add(
              new Stmt.Declare(
                  element, Type.DOUBLE, new Expr.ArrayRead(array, i, Type.DOUBLE), diagnostics.line(f), diagnostics.source(v)));
        },
        out);
    scopes.pop();
  }

  /**
   * {@code for (Particle p : particles)} over an array of records, as a counted loop whose body first
   * takes element {@code index} apart into the record local {@code p}.
   */
  private void forEachRecord(EnhancedForLoopTree f, List<Stmt> out) {
    RecordLowering.RecordArray array = (RecordLowering.RecordArray) records.bound(f.getExpression());
    VariableTree v = f.getVariable();
    countedForEach(
        f,
        array.length(),
        (i, body) ->
            records.declare(v, v.getName().toString(), array.element(i), diagnostics.line(f), diagnostics.source(v), body),
        out);
  }

  /**
   * A for-each as a counted loop over the indices below {@code length}, whose body starts with what
   * {@code element} declares from the index (the loop variable, in the body's scope).
   */
  private void countedForEach(
      EnhancedForLoopTree f, Expr length, java.util.function.BiConsumer<Expr, List<Stmt>> element, List<Stmt> out) {
    int line = diagnostics.line(f);
    String index = scopes.unique("index");
    Expr i = new Expr.Local(Type.INT, index);
    out.add(new Stmt.Declare(index, Type.INT, new Expr.Literal(Type.INT, "0"), line, null));
    List<Stmt> update =
        List.of(
            new Stmt.Assign(
                index, new Expr.Binary(BinaryOp.ADD, i, new Expr.Literal(Type.INT, "1"), Type.INT), line, null));
    scopes.push();
    List<Stmt> body = new ArrayList<>();
    element.accept(i, body);
    body.addAll(loopBody(f.getStatement(), update));
    scopes.pop();
    if (scopes.loopDepth() == 0) {
      out.addAll(rows.hoisted());
    }
    out.add(
        new Stmt.Loop(
            new Expr.Binary(BinaryOp.LT, i, length, Type.BOOLEAN), body, false, line, header(f, f.getStatement())));
  }

  /** The source of a statement up to its body: {@code for (int i = 0; i < n; i++)}. */
  private String header(Tree whole, Tree body) {
    String all = diagnostics.source(whole);
    String inner = diagnostics.source(body);
    int at = all.lastIndexOf(inner);
    return (at > 0 ? all.substring(0, at) : all).trim();
  }

  /** A loop; one whose condition calls a @Differentiable method tests it in its body (see LoopConditions). */
  private void loop(
      Tree conditionTree, Expr condition, List<Stmt> body, boolean testAfter, int line, String source, List<Stmt> out) {
    Stmt.Loop loop = LoopConditions.loop(condition, body, testAfter, line, source);
    if (loop == null) {
      diagnostics.error(conditionTree, Message.CALL_IN_LOOP_CONDITION.format(diagnostics.source(conditionTree)));
      return;
    }
    if (scopes.loopDepth() == 0) {
      out.addAll(rows.hoisted()); // copies of rows passed to calls in the loop (see RowArguments)
    }
    out.add(loop);
  }

  private Expr condition(ExpressionTree t) {
    Expr c = expressions.expr(t);
    if (c.type() != Type.BOOLEAN) {
      diagnostics.error(t, Message.OPERAND_TYPES.format("if", c.type().keyword()));
    }
    return c;
  }
}
