package io.adjoint.processor.lower;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.MathFunction;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A row of a matrix passed to a call, {@code f(m[i])}, read-only in the callee as every array argument
 * is. The row becomes a copy: a local array, declared where the call is or, in a loop, before the
 * outermost loop (of the matrix's first row's length: the subset's matrices are rectangular, and a row of
 * another length throws {@code ArrayIndexOutOfBoundsException} there), filled from the row
 * just before the statement that makes the call, and passed in its place. The gradient of the copy flows
 * back into the row's entries through the copy's stores, as through any local array.
 *
 * <p>A row is copied where the call is evaluated whenever its statement runs: in a local's initializer, an
 * expression statement, a returned value or an if's condition, but not under {@code &&}, {@code ||},
 * {@code ?:} or a switch expression (a copy made before the statement could read a row Java would not:
 * {@code i < n && f(m[i]) > 0}), nor in a loop's condition or update; there, passing a row stays {@code
 * E240}.
 */
final class RowArguments {
  /** The row arguments, as trees, that may be copied: found by {@link #scan}. */
  private final Set<Tree> copyable = Collections.newSetFromMap(new IdentityHashMap<>());
  /** The copies of the statements being lowered, innermost last: put before them by {@link #flush}. */
  private final List<Stmt> pending = new ArrayList<>();
  /** The declarations of copies made inside loops, put before the outermost loop by {@link #hoisted}. */
  private final List<Stmt> hoisted = new ArrayList<>();

  /** The {@code @NoDerivative} matrix parameters the method never assigns: their rows are passed as they are. */
  private final Set<String> data = new java.util.HashSet<>();

  /**
   * Has rows of {@code matrix}, a {@code @NoDerivative} parameter the method never assigns, passed as
   * they are: no derivative flows into them, so a copy would only cost time, and would make the row an
   * active local array, which a {@code @NoDerivative} parameter of the callee could not take (E225).
   */
  void data(String matrix) {
    data.add(matrix);
  }

  /** Whether {@code body} assigns variable {@code name} (a parameter). */
  static boolean assigned(Tree body, String name) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(com.sun.source.tree.AssignmentTree a, Void unused) {
        if (a.getVariable() instanceof com.sun.source.tree.IdentifierTree id && id.getName().contentEquals(name)) {
          found[0] = true;
        }
        return super.visitAssignment(a, unused);
      }
    }.scan(body, null);
    return found[0];
  }

  /** Finds the row arguments of {@code s} (but of its inner statements) that may be copied. */
  void scan(StatementTree s) {
    Tree evaluated =
        s instanceof VariableTree v ? v.getInitializer()
            : s instanceof ExpressionStatementTree e ? e.getExpression()
            : s instanceof ReturnTree r ? r.getExpression()
            : s instanceof IfTree i ? i.getCondition()
            : null;
    if (evaluated != null) {
      new Finder().scan(evaluated, null);
    }
  }

  /** Where {@link #flush} will take the copies made from here on. */
  int mark() {
    return pending.size();
  }

  /** Puts the copies made since {@code mark} into {@code out} at {@code at}, before the statement. */
  void flush(int mark, List<Stmt> out, int at) {
    List<Stmt> copies = pending.subList(mark, pending.size());
    out.addAll(at, copies);
    copies.clear();
  }

  /** The declarations to put before the outermost loop, which has just been lowered. */
  List<Stmt> hoisted() {
    List<Stmt> out = List.copyOf(hoisted);
    hoisted.clear();
    return out;
  }

  /**
   * The copy passed in place of {@code row}, lowered from {@code tree} (the row itself for a row of a
   * data matrix, see {@link #data}); null when it cannot be copied here. {@code inLoop}: the statement is in a loop.
   */
  Expr copy(ExpressionTree tree, Expr row, boolean inLoop, UnaryOperator<String> unique, int line, String source) {
    if (row instanceof Expr.ArrayRead read && read.array() instanceof Expr.Local m && data.contains(m.name())) {
      return row;
    }
    if (!copyable.contains(strip(tree)) || !(row instanceof Expr.ArrayRead r) || !(r.array().type() == Type.DOUBLE_MATRIX)) {
      return null;
    }
    String copy = unique.apply("row");
    Expr matrix = r.array();
    Expr size =
        inLoop
            ? new Expr.Conditional(
                new Expr.Binary(BinaryOp.EQ, new Expr.Length(matrix), literal(0), Type.BOOLEAN),
                literal(0),
                new Expr.Length(new Expr.ArrayRead(matrix, literal(0), Type.DOUBLE_ARRAY)),
                Type.INT)
            : new Expr.Length(row);
    Stmt declare = new Stmt.Declare(copy, Type.DOUBLE_ARRAY, new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(size), List.of()), line, null);
    (inLoop ? hoisted : pending).add(declare);
    Expr index = r.index();
    if (!(index instanceof Expr.Literal || index instanceof Expr.Local)) {
      String named = unique.apply("rowIndex");
      pending.add(new Stmt.Declare(named, Type.INT, index, line, null));
      index = new Expr.Local(Type.INT, named);
    }
    // for (int k = 0; k < copy.length; k++) copy[k] = m[i][k]; in a loop, where the copy has the first
    // row's length, k runs to the longer of the two, so that a row of another length (a ragged matrix)
    // throws ArrayIndexOutOfBoundsException rather than being cut or padded
    String k = unique.apply("k");
    Expr at = new Expr.Local(Type.INT, k);
    pending.add(new Stmt.Declare(k, Type.INT, literal(0), line, null));
    Expr original = new Expr.ArrayRead(matrix, index, Type.DOUBLE_ARRAY);
    Expr entry = new Expr.ArrayRead(original, at, Type.DOUBLE);
    Expr copied = new Expr.Length(new Expr.Local(Type.DOUBLE_ARRAY, copy));
    Expr bound = inLoop
        ? new Expr.MathCall(MathFunction.MAX, false, List.of(copied, new Expr.Length(original)), Type.INT)
        : copied;
    pending.add(
        new Stmt.Loop(
            new Expr.Binary(BinaryOp.LT, at, bound, Type.BOOLEAN),
            List.of(
                new Stmt.ArrayWrite(copy, List.of(at), entry, line, source),
                new Stmt.Assign(k, new Expr.Binary(BinaryOp.ADD, at, literal(1), Type.INT), line, null)),
            false,
            line,
            source));
    return new Expr.Local(Type.DOUBLE_ARRAY, copy);
  }

  private static Expr literal(int value) {
    return new Expr.Literal(Type.INT, Integer.toString(value));
  }

  private static Tree strip(Tree t) {
    while (t instanceof ParenthesizedTree p) {
      t = p.getExpression();
    }
    return t;
  }

  /** Collects the array-access arguments of calls evaluated whenever the statement runs. */
  private final class Finder extends TreeScanner<Void, Void> {
    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      for (ExpressionTree arg : call.getArguments()) {
        if (strip(arg).getKind() == Tree.Kind.ARRAY_ACCESS) {
          copyable.add(strip(arg));
        }
      }
      return super.visitMethodInvocation(call, unused);
    }

    @Override
    public Void visitBinary(BinaryTree b, Void unused) {
      if (b.getKind() == Tree.Kind.CONDITIONAL_AND || b.getKind() == Tree.Kind.CONDITIONAL_OR) {
        return scan(b.getLeftOperand(), unused); // the right operand is evaluated only at times
      }
      return super.visitBinary(b, unused);
    }

    @Override
    public Void visitConditionalExpression(ConditionalExpressionTree c, Void unused) {
      return scan(c.getCondition(), unused);
    }

    @Override
    public Void visitSwitchExpression(SwitchExpressionTree s, Void unused) {
      return scan(s.getExpression(), unused);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree l, Void unused) {
      return null;
    }

    @Override
    public Void visitNewClass(NewClassTree n, Void unused) {
      return null;
    }
  }
}
