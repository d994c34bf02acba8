package io.adjoint.processor.lower;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import io.adjoint.processor.Message;
import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.LoopArrays;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.lower.Scopes.Local;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import java.util.function.UnaryOperator;

/**
 * The statements that write a variable: declarations of locals (with their types checked or inferred,
 * arrays created or given a second name, a {@code double[][]} initializer as a store of each entry),
 * assignments plain and compound, {@code ++} and {@code --}, and writes to array elements, which must
 * go to a local array that no other name reaches.
 */
final class AssignmentLowering {
  private final ExecutableElement method;
  private final Scopes scopes;
  private final ArrayAliases aliases;
  /** Arrays created inside loops, split into scalars. */
  private final LoopArrays loopArrays;
  private final NameResolution names;
  private final ExpressionLowering expressions;
  private final SwitchLowering switches;
  private final RecordLowering records;
  private final Diagnostics diagnostics;

  AssignmentLowering(
      ExecutableElement method,
      Scopes scopes,
      ArrayAliases aliases,
      LoopArrays loopArrays,
      NameResolution names,
      ExpressionLowering expressions,
      SwitchLowering switches,
      RecordLowering records,
      Diagnostics diagnostics) {
    this.records = records;
    this.method = method;
    this.scopes = scopes;
    this.aliases = aliases;
    this.loopArrays = loopArrays;
    this.names = names;
    this.expressions = expressions;
    this.switches = switches;
    this.diagnostics = diagnostics;
  }

  /** A local's declaration, with its initializer if it has one. */
  void declare(VariableTree v, List<Stmt> out) {
    String name = v.getName().toString();
    Tree typeTree = v.getType();
    boolean inferred =
        typeTree == null || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var"));
    TypeElement declared = typeTree instanceof ExpressionTree e && !inferred ? names.resolveType(e) : null;
    if (declared != null && declared.getKind() == ElementKind.RECORD
        || inferred && v.getInitializer() != null && records.isRecord(v.getInitializer())) {
      declareRecord(v, declared, out);
      return;
    }
    if (v.getInitializer() instanceof NewArrayTree n && isMatrixInitializer(n, typeTree)) {
      declareMatrix(v, n, inferred, out);
      return;
    }
    SwitchExpressionTree chosen = SwitchLowering.switchExpression(v.getInitializer());
    if (chosen != null
        && typeTree instanceof PrimitiveTypeTree p
        && Lowerer.primitive(p.getPrimitiveTypeKind()) != null) {
      // double y = switch (k) {…}: declared, then assigned by each case
      Type type = Lowerer.primitive(p.getPrimitiveTypeKind());
      String ir = scopes.unique(name);
      scopes.declare(name, ir, type);
      out.add(new Stmt.Declare(ir, type, null, diagnostics.line(v), diagnostics.source(v)));
      switches.assign(chosen, ir, type, out);
      return;
    }
    boolean arrayOfOther = typeTree instanceof ArrayTypeTree a && Lowerer.arrayType(a) == null;
    // a local of an unsupported array type is reported once, not again for its initializer
    int errorsBefore = diagnostics.errors();
    Expr init = v.getInitializer() == null || arrayOfOther ? null : expressions.expr(v.getInitializer());
    boolean initReported = diagnostics.errors() > errorsBefore; // its problems are said: no second error on the local
    Type type;
    if (inferred) {
      if (init == null) {
        diagnostics.error(v, Message.LOCAL_TYPE.format(name, "var"));
        return;
      }
      type = init.type();
    } else if (typeTree instanceof ArrayTypeTree a) {
      type = Lowerer.arrayType(a);
      if (type == null) {
        diagnostics.error(typeTree, Message.ARRAY_TYPE.format(diagnostics.source(typeTree)));
      }
    } else if (typeTree instanceof PrimitiveTypeTree p) {
      type = Lowerer.primitive(p.getPrimitiveTypeKind());
      if (type == null) {
        String keyword = p.getPrimitiveTypeKind().name().toLowerCase(Locale.ROOT);
        diagnostics.error(typeTree, Message.LOCAL_TYPE.format(name, keyword));
      }
    } else {
      TypeElement named = typeTree instanceof ExpressionTree e ? names.resolveType(e) : null;
      boolean isEnum = named != null && named.getKind() == ElementKind.ENUM;
      diagnostics.error(
          typeTree,
          isEnum
              ? Message.ENUM_VARIABLE.format("local " + name)
              : Message.LOCAL_TYPE.format(name, diagnostics.source(typeTree)));
      type = null;
    }
    if (type == Type.ENUM) {
      diagnostics.error(v, Message.ENUM_VARIABLE.format("local " + name));
      type = null;
    }
    if (type == null) {
      scopes.declare(name, name, Type.DOUBLE); // declared all the same: its uses report nothing more
      return;
    }
    if (type.isArray() && init != null && !initReported && type == init.type() && ArrayAliases.nameable(init)) {
      // a second name, read only (see ArrayAliases); a row's index is computed once, here
      String ir = scopes.unique(name);
      scopes.declare(name, ir, init.type());
      aliases.add(ir, init, scopes.unique(name + "Index"), diagnostics.line(v), diagnostics.source(v), out);
      return;
    }
    if (type.isArray() && !initReported) {
      if (init == null || !(init instanceof Expr.NewArray || ExpressionLowering.isVectorCall(init))) {
        String assigned = init == null ? " without new" : " = " + diagnostics.source(v.getInitializer());
        diagnostics.error(v, Message.ARRAY_ALIAS.format("local " + name + assigned));
      } else if (scopes.inLoop() && !ExpressionLowering.isVectorCall(init)) {
        // created in a loop: split into scalars (see LoopArrays)
        String ir = scopes.unique(name);
        scopes.declare(name, ir, type);
        if (!loopArrays.declare(ir, type, init, scopes::unique, diagnostics.line(v), diagnostics.source(v), out)) {
          diagnostics.error(v, Message.ARRAY_IN_LOOP.format(diagnostics.source(v)));
        }
        return;
      }
    }
    if (init != null && !initReported && !type.accepts(init.type())) {
      String conversion = init.type().keyword() + " to " + type.keyword();
      diagnostics.error(v.getInitializer(), Message.OPERAND_TYPES.format("=", conversion));
    }
    String ir = scopes.unique(name);
    scopes.declare(name, ir, type);
    out.add(new Stmt.Declare(ir, type, init, diagnostics.line(v), diagnostics.source(v)));
  }

  /** A local of a record type (declared {@code declared}, or null for {@code var}): one local per leaf. */
  private void declareRecord(VariableTree v, TypeElement declared, List<Stmt> out) {
    String name = v.getName().toString();
    ExpressionTree init = v.getInitializer();
    if (init == null || !records.isRecord(init)) {
      diagnostics.error(
          v,
          init instanceof MethodInvocationTree
              ? Message.RECORD_FORM.format(diagnostics.source(init), "records returned by calls")
              : Message.RECORD_LOCAL.format(diagnostics.source(v)));
      scopes.declareRecord(name, RecordLowering.reported()); // declared all the same: its uses report nothing more
      return;
    }
    RecordLowering.RecordValue value = records.value(init);
    if (declared != null
        && value.type().type() != null // null: a record already reported
        && !Naming.classRef(names.elements(), declared).equals(value.type().type())) {
      diagnostics.error(init, Message.RECORD_VALUE.format(diagnostics.source(init), "a " + declared.getSimpleName()));
    }
    records.declare(v, name, value, diagnostics.line(v), diagnostics.source(v), out);
  }

  /**
   * Whether {@code n} initializes a {@code double[][]}: {@code new double[][] {…}}, or {@code {…}} for a
   * local declared {@code double[][]}.
   */
  private static boolean isMatrixInitializer(NewArrayTree n, Tree declared) {
    if (n.getInitializers() == null || !n.getDimensions().isEmpty()) {
      return false;
    }
    if (n.getType() != null) {
      return n.getType() instanceof ArrayTypeTree;
    }
    return declared instanceof ArrayTypeTree a && Lowerer.arrayType(a) == Type.DOUBLE_MATRIX;
  }

  /**
   * {@code double[][] m = {{a, b}, {c, d}};}: lowered as {@code new double[2][2]} and a store of each
   * entry, in order, so that the later stages see the matrix code they know. Rows must be {@code {…}}
   * lists of doubles, all of one length (the subset's matrices are rectangular).
   */
  private void declareMatrix(VariableTree v, NewArrayTree n, boolean inferred, List<Stmt> out) {
    String name = v.getName().toString();
    boolean ok = true;
    if (n.getType() != null && Lowerer.arrayType((ArrayTypeTree) n.getType()) != Type.DOUBLE_ARRAY) {
      diagnostics.error(n, Message.ARRAY_TYPE.format(diagnostics.source(n.getType()) + "[]"));
      ok = false;
    } else if (!inferred && !(v.getType() instanceof ArrayTypeTree a && Lowerer.arrayType(a) == Type.DOUBLE_MATRIX)) {
      String conversion = "double[][] to " + diagnostics.source(v.getType());
      diagnostics.error(v.getInitializer(), Message.OPERAND_TYPES.format("=", conversion));
      ok = false;
    }
    if (scopes.inLoop()) {
      diagnostics.error(v, Message.ARRAY_IN_LOOP.format(diagnostics.source(v)));
      ok = false;
    }
    List<List<Expr>> rows = new ArrayList<>();
    for (ExpressionTree rowTree : n.getInitializers()) {
      if (!(rowTree instanceof NewArrayTree row) || row.getInitializers() == null) {
        diagnostics.error(rowTree, Message.MATRIX_INITIALIZER.format(diagnostics.source(rowTree)));
        ok = false;
        continue;
      }
      // a row is a double[] initializer, lowered (and its entries checked) as any other
      if (!(expressions.newArray(row) instanceof Expr.NewArray lowered)) {
        ok = false; // reported
        continue;
      }
      if (!rows.isEmpty() && lowered.elements().size() != rows.get(0).size()) {
        String uneven = diagnostics.source(rowTree) + " (a row of another length)";
        diagnostics.error(rowTree, Message.MATRIX_INITIALIZER.format(uneven));
        ok = false;
      }
      rows.add(lowered.elements());
    }
    String ir = scopes.unique(name);
    scopes.declare(name, ir, Type.DOUBLE_MATRIX);
    if (!ok) {
      return;
    }
    int columns = rows.isEmpty() ? 0 : rows.get(0).size();
    List<Expr> sizes = List.of(intLiteral(rows.size()), intLiteral(columns));
    out.add(
        new Stmt.Declare(
            ir,
            Type.DOUBLE_MATRIX,
            new Expr.NewArray(Type.DOUBLE_MATRIX, sizes, List.of()),
            diagnostics.line(v),
            diagnostics.source(v)));
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < columns; j++) {
        out.add(
            new Stmt.ArrayWrite(
                ir, List.of(intLiteral(i), intLiteral(j)), rows.get(i).get(j), diagnostics.line(v), null));
      }
    }
  }

  private static Expr intLiteral(int value) {
    return new Expr.Literal(Type.INT, Integer.toString(value));
  }

  /** The expression {@code e} as a statement; {@code s} is the statement, or the expression of a case rule. */
  void expressionStatement(Tree s, ExpressionTree e, List<Stmt> out) {
    switch (e.getKind()) {
      case ASSIGNMENT -> {
        AssignmentTree a = (AssignmentTree) e;
        if (a.getVariable() instanceof ArrayAccessTree access && records.isArray(access.getExpression())) {
          diagnostics.error(s, Message.PARAMETER_ARRAY_WRITE.format(diagnostics.source(s), diagnostics.source(access.getExpression())));
          return;
        }
        if (a.getVariable() instanceof ArrayAccessTree access) {
          arrayWrite(s, access, null, expressions.expr(a.getExpression()), out);
          return;
        }
        RecordLowering.Bound record = records.bound(a.getVariable());
        if (record != null) {
          if (record instanceof RecordLowering.RecordValue local && records.isRecord(a.getExpression())) {
            records.assign(s, local, records.value(a.getExpression()), diagnostics.line(s), diagnostics.source(s), out);
          } else {
            diagnostics.error(s, Message.RECORD_LOCAL.format(diagnostics.source(s)));
          }
          return;
        }
        Local target = assignable(a.getVariable());
        SwitchExpressionTree chosen = SwitchLowering.switchExpression(a.getExpression());
        if (chosen != null && target != null) {
          switches.assign(chosen, target.name(), target.type(), out); // each case assigns the target
          return;
        }
        Expr value = expressions.expr(a.getExpression());
        if (target != null) {
          if (!target.type().accepts(value.type())) {
            String conversion = value.type().keyword() + " to " + target.type().keyword();
            diagnostics.error(a.getExpression(), Message.OPERAND_TYPES.format("=", conversion));
          }
          out.add(new Stmt.Assign(target.name(), value, diagnostics.line(s), diagnostics.source(s)));
        }
      }
      case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT,
          AND_ASSIGNMENT, OR_ASSIGNMENT, XOR_ASSIGNMENT, LEFT_SHIFT_ASSIGNMENT, RIGHT_SHIFT_ASSIGNMENT,
          UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> {
        CompoundAssignmentTree c = (CompoundAssignmentTree) e;
        if (c.getVariable() instanceof ArrayAccessTree access) {
          arrayWrite(s, access, compoundOp(e.getKind()), expressions.expr(c.getExpression()), out);
          return;
        }
        Local target = assignable(c.getVariable());
        Expr value = expressions.expr(c.getExpression());
        if (target != null) {
          Expr combined =
              expressions.binary(compoundOp(e.getKind()), new Expr.Local(target.type(), target.name()), value, c);
          if (combined.type() != target.type()) {
            combined = target.type() == Type.BOOLEAN ? combined : new Expr.Cast(target.type(), combined);
          }
          out.add(new Stmt.Assign(target.name(), combined, diagnostics.line(s), diagnostics.source(s)));
        }
      }
      case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> {
        UnaryTree u = (UnaryTree) e;
        boolean up = e.getKind() == Tree.Kind.PREFIX_INCREMENT || e.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        if (u.getExpression() instanceof ArrayAccessTree access) {
          arrayWrite(s, access, up ? BinaryOp.ADD : BinaryOp.SUB, new Expr.Literal(Type.INT, "1"), out);
          return;
        }
        Local target = assignable(u.getExpression());
        if (target != null) {
          if (!target.type().isNumeric()) {
            diagnostics.error(e, Message.OPERAND_TYPES.format("++/--", target.type().keyword()));
            return;
          }
          Expr one = new Expr.Literal(Type.INT, "1");
          Expr local = new Expr.Local(target.type(), target.name());
          out.add(
              new Stmt.Assign(
                  target.name(),
                  new Expr.Binary(up ? BinaryOp.ADD : BinaryOp.SUB, local, one, target.type()),
                  diagnostics.line(s),
                  diagnostics.source(s)));
        }
      }
      case METHOD_INVOCATION -> expressions.expr(e); // a pure call whose value is dropped: checked, then ignored
      default -> {
        String statement = "the expression statement " + diagnostics.source(e);
        diagnostics.error(e, Message.UNSUPPORTED_STATEMENT.format(statement));
      }
    }
  }

  /**
   * {@code array[i] = value}, or with {@code op}, {@code array[i] op= value}; {@code array} must be a local
   * array, indexed down to a double.
   */
  private void arrayWrite(Tree s, ArrayAccessTree access, BinaryOp op, Expr value, List<Stmt> out) {
    List<Expr> indices = new ArrayList<>();
    ExpressionTree base = access;
    while (base instanceof ArrayAccessTree a) {
      Expr index = expressions.expr(a.getIndex());
      if (index.type() != Type.INT) {
        diagnostics.error(a.getIndex(), Message.OPERAND_TYPES.format("[]", index.type().keyword()));
      }
      indices.add(0, index);
      base = a.getExpression();
    }
    Local array = base instanceof IdentifierTree id ? scopes.lookup(id.getName().toString()) : null;
    if (array == null || !array.type().isArray()) {
      diagnostics.error(base, Message.FIELD_WRITE.format(diagnostics.source(base)));
      return;
    }
    Expr named = aliases.target(array.name());
    if (named != null) {
      String original = ArrayAliases.root(named);
      String write = diagnostics.source(access);
      diagnostics.error(s, Message.ALIAS_WRITE.format(write, diagnostics.source(base), original));
      return;
    }
    String alias = scopes.lastNameOf(local -> aliases.names(local.name(), array.name()));
    if (alias != null) {
      String write = diagnostics.source(access);
      diagnostics.error(s, Message.ALIASED_ARRAY_WRITE.format(write, diagnostics.source(base), alias));
      return;
    }
    if (isParameter(array.name())) {
      diagnostics.error(s, Message.PARAMETER_ARRAY_WRITE.format(diagnostics.source(access), array.name()));
      return;
    }
    int depth = array.type() == Type.DOUBLE_MATRIX ? 2 : 1;
    if (indices.size() != depth) {
      diagnostics.error(access, Message.ARRAY_ALIAS.format("assigning a row of " + diagnostics.source(base)));
      return;
    }
    if (loopArrays.split(new Expr.Local(array.type(), array.name()))) {
      Expr v = value;
      UnaryOperator<Expr> entry = e -> op == null ? v : expressions.binary(op, e, v, s);
      if (op == null && !Type.DOUBLE.accepts(value.type())) {
        diagnostics.error(s, Message.OPERAND_TYPES.format("=", value.type().keyword() + " to double"));
      } else if (!loopArrays.write(
          array.name(), indices.get(0), entry, diagnostics.line(s), diagnostics.source(s), out)) {
        diagnostics.error(access, Message.LOOP_ARRAY_USE.format(diagnostics.source(access), diagnostics.source(base)));
      }
      return;
    }
    if (op != null) {
      Expr current = new Expr.Local(array.type(), array.name());
      for (Expr index : indices) {
        current = new Expr.ArrayRead(current, index, current.type().element());
      }
      value = expressions.binary(op, current, value, s);
    }
    if (!Type.DOUBLE.accepts(value.type())) {
      diagnostics.error(s, Message.OPERAND_TYPES.format("=", value.type().keyword() + " to double"));
      return;
    }
    out.add(new Stmt.ArrayWrite(array.name(), indices, value, diagnostics.line(s), diagnostics.source(s)));
  }

  private boolean isParameter(String irName) {
    for (VariableElement p : method.getParameters()) {
      if (p.getSimpleName().contentEquals(irName)) {
        return true;
      }
    }
    return false;
  }

  /** The local an assignment writes, or null after reporting why it cannot be written. */
  private Local assignable(ExpressionTree target) {
    if (target instanceof IdentifierTree id) {
      Local local = scopes.lookup(id.getName().toString());
      if (local != null && local.type().isArray()) {
        diagnostics.error(target, Message.ARRAY_ALIAS.format("assigning array " + id.getName()));
        return null;
      }
      if (local != null && local.type() == Type.ENUM) {
        diagnostics.error(target, Message.ENUM_VARIABLE.format("assigning " + id.getName()));
        return null;
      }
      if (local != null) {
        return local;
      }
      if (names.field(id.getName().toString()) != null) {
        diagnostics.error(target, Message.FIELD_WRITE.format(id.getName()));
        return null;
      }
      diagnostics.error(target, Message.UNRESOLVED_NAME.format(id.getName()));
      return null;
    }
    if (target instanceof MemberSelectTree m) {
      diagnostics.error(target, Message.FIELD_WRITE.format(diagnostics.source(m)));
      return null;
    }
    diagnostics.error(target, Message.UNSUPPORTED_EXPRESSION.format("assignment to " + diagnostics.source(target)));
    return null;
  }

  private static BinaryOp compoundOp(Tree.Kind kind) {
    return switch (kind) {
      case PLUS_ASSIGNMENT -> BinaryOp.ADD;
      case MINUS_ASSIGNMENT -> BinaryOp.SUB;
      case MULTIPLY_ASSIGNMENT -> BinaryOp.MUL;
      case DIVIDE_ASSIGNMENT -> BinaryOp.DIV;
      case REMAINDER_ASSIGNMENT -> BinaryOp.REM;
      case AND_ASSIGNMENT -> BinaryOp.AND;
      case OR_ASSIGNMENT -> BinaryOp.OR;
      case XOR_ASSIGNMENT -> BinaryOp.XOR;
      case LEFT_SHIFT_ASSIGNMENT -> BinaryOp.SHL;
      case RIGHT_SHIFT_ASSIGNMENT -> BinaryOp.SHR;
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> BinaryOp.USHR;
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }
}
