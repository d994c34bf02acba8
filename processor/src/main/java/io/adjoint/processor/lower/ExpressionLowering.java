package io.adjoint.processor.lower;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import io.adjoint.processor.Message;
import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.LoopArrays;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeKind;

/**
 * Expressions, typed as Java types them: literals, operators, conditionals, casts, arrays and their
 * elements. Names go to {@link NameResolution}, calls to {@link CallLowering}, switch expressions to
 * {@link SwitchLowering}. An expression outside the subset, or one Java would reject, is reported at its
 * tree and lowered to a stand-in so that the rest of the method is still checked.
 */
final class ExpressionLowering {
  private final NameResolution names;
  private final CallLowering calls;
  private final SwitchLowering switches;
  private final Scopes scopes;
  private final LoopArrays loopArrays;
  private final RowArguments rows;
  private final RecordLowering records;
  private final Diagnostics diagnostics;

  ExpressionLowering(
      NameResolution names,
      CallLowering calls,
      SwitchLowering switches,
      Scopes scopes,
      LoopArrays loopArrays,
      RowArguments rows,
      RecordLowering records,
      Diagnostics diagnostics) {
    this.names = names;
    this.calls = calls;
    this.switches = switches;
    this.scopes = scopes;
    this.loopArrays = loopArrays;
    this.rows = rows;
    this.records = records;
    this.diagnostics = diagnostics;
  }

  Expr expr(ExpressionTree t) {
    if (records.isRecord(t) || records.isArray(t)) {
      // a record where a double, int or array is wanted: only its components are values here
      return diagnostics.unsupported(
          t, Message.RECORD_VALUE.format(diagnostics.source(t), records.accessorExample(t)));
    }
    switch (t.getKind()) {
      case PARENTHESIZED:
        return expr(((ParenthesizedTree) t).getExpression());
      case INT_LITERAL:
        return new Expr.Literal(Type.INT, ((LiteralTree) t).getValue().toString());
      case LONG_LITERAL:
        return new Expr.Literal(Type.LONG, ((LiteralTree) t).getValue() + "L");
      case DOUBLE_LITERAL:
        return doubleLiteral((Double) ((LiteralTree) t).getValue());
      case BOOLEAN_LITERAL:
        return new Expr.Literal(Type.BOOLEAN, ((LiteralTree) t).getValue().toString());
      case FLOAT_LITERAL:
        return diagnostics.unsupported(t, Message.LITERAL_TYPE.format("float"));
      case CHAR_LITERAL:
        return diagnostics.unsupported(t, Message.LITERAL_TYPE.format("char"));
      case STRING_LITERAL:
        return diagnostics.unsupported(t, Message.LITERAL_TYPE.format("String"));
      case NULL_LITERAL:
        return diagnostics.unsupported(t, Message.LITERAL_TYPE.format("null"));
      case IDENTIFIER:
        return names.identifier((IdentifierTree) t);
      case MEMBER_SELECT:
        return memberSelect((MemberSelectTree) t);
      case UNARY_MINUS:
      case UNARY_PLUS:
      case LOGICAL_COMPLEMENT:
      case BITWISE_COMPLEMENT:
        return unary((UnaryTree) t);
      case PREFIX_INCREMENT:
      case POSTFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_DECREMENT:
        return diagnostics.unsupported(t, Message.NESTED_ASSIGNMENT.format("++/--"));
      case ASSIGNMENT:
      case PLUS_ASSIGNMENT:
      case MINUS_ASSIGNMENT:
      case MULTIPLY_ASSIGNMENT:
      case DIVIDE_ASSIGNMENT:
      case REMAINDER_ASSIGNMENT:
      case AND_ASSIGNMENT:
      case OR_ASSIGNMENT:
      case XOR_ASSIGNMENT:
      case LEFT_SHIFT_ASSIGNMENT:
      case RIGHT_SHIFT_ASSIGNMENT:
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
        return diagnostics.unsupported(t, Message.NESTED_ASSIGNMENT.format("compound assignment"));
      case CONDITIONAL_EXPRESSION:
        return conditional((ConditionalExpressionTree) t);
      case METHOD_INVOCATION:
        return invocation((MethodInvocationTree) t);
      case TYPE_CAST:
        return cast((TypeCastTree) t);
      case LAMBDA_EXPRESSION:
        return diagnostics.unsupported(t, Message.LAMBDA.format());
      case MEMBER_REFERENCE:
        return diagnostics.unsupported(t, Message.METHOD_REFERENCE.format());
      case NEW_CLASS:
        String created = "new " + diagnostics.source(((NewClassTree) t).getIdentifier());
        return diagnostics.unsupported(t, Message.OBJECT_CREATION.format(created));
      case NEW_ARRAY:
        return newArray((NewArrayTree) t);
      case ARRAY_ACCESS:
        return arrayRead((ArrayAccessTree) t);
      case INSTANCE_OF:
        return diagnostics.unsupported(t, Message.UNSUPPORTED_EXPRESSION.format("instanceof"));
      case SWITCH_EXPRESSION:
        return switches.expression((SwitchExpressionTree) t);
      default:
        if (t instanceof BinaryTree b) {
          return binary(binaryOp(t.getKind()), expr(b.getLeftOperand()), expr(b.getRightOperand()), t);
        }
        return diagnostics.unsupported(t, Message.UNSUPPORTED_EXPRESSION.format(Diagnostics.kindName(t)));
    }
  }

  /** {@code array.length}, or else a name: see {@link NameResolution#memberSelect}. */
  private Expr memberSelect(MemberSelectTree m) {
    if (records.selected(m) != null) {
      return records.field(m); // this.x in a method of the record
    }
    if (m.getIdentifier().contentEquals("length") && records.isArray(m.getExpression())) {
      return records.length(m.getExpression());
    }
    if (m.getIdentifier().contentEquals("length")
        && (names.isArrayValued(m.getExpression()) || records.isArrayComponent(m.getExpression()))) {
      return loopArrays.length(expr(m.getExpression()));
    }
    return names.memberSelect(m);
  }

  /** A call: its arguments lowered here, the method it names chosen by {@link CallLowering}. */
  Expr invocation(MethodInvocationTree call) {
    if (records.isAccessor(call)) {
      return records.accessor(call);
    }
    // a method called on a record (or, unqualified, on the receiver in a method of a record): its
    // leaves are passed first if it is an instance method
    RecordLowering.RecordValue receiver = null;
    if (records.isCallOnRecord(call)) {
      if (!records.isRecord(((MemberSelectTree) call.getMethodSelect()).getExpression())) {
        return diagnostics.unsupported(call, Message.RECORD_METHOD.format(diagnostics.source(call)));
      }
      receiver = records.target(call);
      if (receiver.type().type() == null) {
        return Diagnostics.placeholder(); // a record already reported: nothing more to say of its use
      }
    } else if (call.getMethodSelect() instanceof IdentifierTree) {
      receiver = records.receiver();
    }
    int errorsBefore = diagnostics.errors();
    List<Expr> args = new ArrayList<>();
    // the records passed, by argument (null for the others): their leaves are passed in their place
    List<RecordLowering.Bound> recordArgs = new ArrayList<>();
    // arrays a vector-valued callee may take, its body inlined, but no other: a new array, or one created
    // in the loop and split into scalars (passed as a new array of its entries)
    List<ExpressionTree> created = new ArrayList<>();
    List<ExpressionTree> split = new ArrayList<>();
    for (ExpressionTree a : call.getArguments()) {
      if (records.isRecord(a) || records.isArray(a)) {
        recordArgs.add(records.isArray(a) ? records.bound(a) : records.value(a));
        args.add(Diagnostics.placeholder());
        continue;
      }
      recordArgs.add(null);
      Expr arg = expr(a);
      if (loopArrays.split(arg)) {
        split.add(a);
        args.add(loopArrays.entries(arg));
        continue;
      }
      if (arg instanceof Expr.NewArray n && n.type() == Type.DOUBLE_ARRAY) {
        created.add(a);
        args.add(arg);
        continue;
      }
      if (arg.type().isArray() && !(arg instanceof Expr.Local || arg instanceof Expr.Field || isVectorCall(arg))) {
        Expr copy = rows.copy(
            a, arg, scopes.loopDepth() > 0, scopes::unique, diagnostics.line(a), "copy of " + diagnostics.source(a));
        if (copy == null) {
          diagnostics.error(a, Message.ARRAY_ALIAS.format("passing " + diagnostics.source(a)));
        }
        arg = copy == null ? arg : copy;
      }
      args.add(arg);
    }
    Expr result = calls.call(
        call,
        args,
        recordArgs,
        receiver,
        receiver == null ? null : records.element(receiver.type()),
        diagnostics.errors() > errorsBefore);
    if (!isVectorCall(result)) {
      for (ExpressionTree a : split) {
        whole(expr(a), a, "passing ");
      }
      for (ExpressionTree a : created) {
        diagnostics.error(a, Message.ARRAY_ALIAS.format("passing " + diagnostics.source(a)));
      }
    }
    return result;
  }

  /** Whether {@code e} calls a vector-valued {@code @Differentiable} method: its result is a fresh array. */
  static boolean isVectorCall(Expr e) {
    return e instanceof Expr.DiffCall c && c.type() == Type.DOUBLE_ARRAY;
  }

  /** A {@code double[]} or {@code double[][]} created by size, or a {@code double[]} by its elements. */
  Expr newArray(NewArrayTree n) {
    int dims = n.getDimensions().size();
    Tree element = n.getType();
    if (n.getInitializers() != null && !n.getDimensions().isEmpty()) {
      return diagnostics.unsupported(n, Message.UNSUPPORTED_EXPRESSION.format(diagnostics.source(n)));
    }
    if (n.getInitializers() != null
        && (element instanceof ArrayTypeTree a && Lowerer.arrayType(a) == Type.DOUBLE_ARRAY
            || (element == null && n.getInitializers().stream().anyMatch(e -> e instanceof NewArrayTree)))) {
      // a double[][] initializer anywhere but a local's declaration (see declareMatrix)
      return diagnostics.unsupported(n, Message.MATRIX_INITIALIZER.format(diagnostics.source(n)));
    }
    if (element != null
        && !(element instanceof PrimitiveTypeTree p && p.getPrimitiveTypeKind() == TypeKind.DOUBLE)) {
      return diagnostics.unsupported(n, Message.ARRAY_TYPE.format(diagnostics.source(element)));
    }
    if (n.getInitializers() != null) {
      List<Expr> elements = new ArrayList<>();
      for (ExpressionTree e : n.getInitializers()) {
        Expr x = expr(e);
        if (!Type.DOUBLE.accepts(x.type())) {
          return diagnostics.unsupported(e, Message.ARRAY_TYPE.format(diagnostics.source(n)));
        }
        elements.add(x);
      }
      return new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(), elements);
    }
    if (dims < 1 || dims > 2) {
      return diagnostics.unsupported(n, Message.ARRAY_TYPE.format(diagnostics.source(n)));
    }
    List<Expr> sizes = new ArrayList<>();
    for (ExpressionTree d : n.getDimensions()) {
      Expr size = expr(d);
      if (size.type() != Type.INT) {
        return diagnostics.unsupported(d, Message.OPERAND_TYPES.format("new double[]", size.type().keyword()));
      }
      sizes.add(size);
    }
    return new Expr.NewArray(dims == 1 ? Type.DOUBLE_ARRAY : Type.DOUBLE_MATRIX, sizes, List.of());
  }

  private Expr arrayRead(ArrayAccessTree a) {
    Expr array = expr(a.getExpression());
    Expr index = expr(a.getIndex());
    if (array.equals(Diagnostics.placeholder())) {
      return array; // the stand-in for something already reported (javac indexes no literal)
    }
    if (!array.type().isArray()) {
      return diagnostics.unsupported(a, Message.OPERAND_TYPES.format("[]", array.type().keyword()));
    }
    if (array instanceof Expr.NewArray) {
      return diagnostics.unsupported(a, Message.INDEXED_CREATION.format(diagnostics.source(a)));
    }
    if (index.type() != Type.INT) {
      return diagnostics.unsupported(a.getIndex(), Message.OPERAND_TYPES.format("[]", index.type().keyword()));
    }
    if (loopArrays.split(array)) {
      Expr entry = loopArrays.read(array, index);
      return entry != null
          ? entry
          : diagnostics.unsupported(a, Message.LOOP_ARRAY_USE.format(diagnostics.source(a), diagnostics.source(a.getExpression())));
    }
    return new Expr.ArrayRead(array, index, array.type().element());
  }

  /** {@code e}, an array used whole at {@code t}; reported when it is split into scalars (see LoopArrays). */
  Expr whole(Expr e, Tree t, String use) {
    if (loopArrays.split(e)) {
      diagnostics.error(t, Message.LOOP_ARRAY_USE.format(use + diagnostics.source(t), diagnostics.source(t)));
    }
    return e;
  }

  static Expr doubleLiteral(double v) {
    if (Double.isNaN(v)) {
      return new Expr.Field(Type.DOUBLE, new ClassRef("java.lang", List.of("Double")), "NaN");
    }
    if (Double.isInfinite(v)) {
      return new Expr.Field(
          Type.DOUBLE, new ClassRef("java.lang", List.of("Double")), v > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY");
    }
    return new Expr.Literal(Type.DOUBLE, Double.toString(v));
  }

  private static BinaryOp binaryOp(Tree.Kind kind) {
    return switch (kind) {
      case MULTIPLY -> BinaryOp.MUL;
      case DIVIDE -> BinaryOp.DIV;
      case REMAINDER -> BinaryOp.REM;
      case PLUS -> BinaryOp.ADD;
      case MINUS -> BinaryOp.SUB;
      case LEFT_SHIFT -> BinaryOp.SHL;
      case RIGHT_SHIFT -> BinaryOp.SHR;
      case UNSIGNED_RIGHT_SHIFT -> BinaryOp.USHR;
      case LESS_THAN -> BinaryOp.LT;
      case LESS_THAN_EQUAL -> BinaryOp.LE;
      case GREATER_THAN -> BinaryOp.GT;
      case GREATER_THAN_EQUAL -> BinaryOp.GE;
      case EQUAL_TO -> BinaryOp.EQ;
      case NOT_EQUAL_TO -> BinaryOp.NE;
      case AND -> BinaryOp.AND;
      case XOR -> BinaryOp.XOR;
      case OR -> BinaryOp.OR;
      case CONDITIONAL_AND -> BinaryOp.COND_AND;
      case CONDITIONAL_OR -> BinaryOp.COND_OR;
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }

  /** {@code l op r}, typed as Java types it, or reported where Java or the subset rejects it. */
  Expr binary(BinaryOp op, Expr l, Expr r, Tree t) {
    Type lt = l.type();
    Type rt = r.type();
    switch (op) {
      case MUL, DIV, ADD, SUB, REM -> {
        if (!lt.isNumeric() || !rt.isNumeric()) {
          return wrongOperands(t, op, lt, rt);
        }
        Type type = Type.promote(lt, rt);
        if (op == BinaryOp.REM && type == Type.DOUBLE) {
          return diagnostics.unsupported(t, Message.DOUBLE_REMAINDER.format());
        }
        return new Expr.Binary(op, l, r, type);
      }
      case SHL, SHR, USHR -> {
        if (!integral(lt) || !integral(rt)) {
          return wrongOperands(t, op, lt, rt);
        }
        return new Expr.Binary(op, l, r, lt);
      }
      case LT, LE, GT, GE -> {
        if (!lt.isNumeric() || !rt.isNumeric()) {
          return wrongOperands(t, op, lt, rt);
        }
        return new Expr.Binary(op, l, r, Type.BOOLEAN);
      }
      case EQ, NE -> {
        if (lt.isNumeric() != rt.isNumeric() || (lt == Type.ENUM) != (rt == Type.ENUM)) {
          return wrongOperands(t, op, lt, rt);
        }
        return new Expr.Binary(op, l, r, Type.BOOLEAN);
      }
      case AND, OR, XOR -> {
        if (lt == Type.BOOLEAN && rt == Type.BOOLEAN) {
          return new Expr.Binary(op, l, r, Type.BOOLEAN);
        }
        if (!integral(lt) || !integral(rt)) {
          return wrongOperands(t, op, lt, rt);
        }
        return new Expr.Binary(op, l, r, Type.promote(lt, rt));
      }
      case COND_AND, COND_OR -> {
        if (lt != Type.BOOLEAN || rt != Type.BOOLEAN) {
          return wrongOperands(t, op, lt, rt);
        }
        return new Expr.Binary(op, l, r, Type.BOOLEAN);
      }
      default -> throw new IllegalArgumentException(op.toString());
    }
  }

  /** Reports that {@code op} does not take operands of types {@code lt} and {@code rt}. */
  private Expr wrongOperands(Tree t, BinaryOp op, Type lt, Type rt) {
    return diagnostics.unsupported(t, Message.OPERAND_TYPES.format(op.symbol(), lt.keyword() + " and " + rt.keyword()));
  }

  private static boolean integral(Type t) {
    return t == Type.INT || t == Type.LONG;
  }

  private Expr unary(UnaryTree u) {
    Expr o = expr(u.getExpression());
    switch (u.getKind()) {
      case UNARY_MINUS, UNARY_PLUS -> {
        if (!o.type().isNumeric()) {
          String symbol = u.getKind() == Tree.Kind.UNARY_MINUS ? "-" : "+";
          return diagnostics.unsupported(u, Message.OPERAND_TYPES.format(symbol, o.type().keyword()));
        }
        return new Expr.Unary(u.getKind() == Tree.Kind.UNARY_MINUS ? UnaryOp.NEG : UnaryOp.PLUS, o, o.type());
      }
      case LOGICAL_COMPLEMENT -> {
        if (o.type() != Type.BOOLEAN) {
          return diagnostics.unsupported(u, Message.OPERAND_TYPES.format("!", o.type().keyword()));
        }
        return new Expr.Unary(UnaryOp.NOT, o, Type.BOOLEAN);
      }
      default -> {
        if (!integral(o.type())) {
          return diagnostics.unsupported(u, Message.OPERAND_TYPES.format("~", o.type().keyword()));
        }
        return new Expr.Unary(UnaryOp.BIT_NOT, o, o.type());
      }
    }
  }

  private Expr conditional(ConditionalExpressionTree c) {
    Expr cond = expr(c.getCondition());
    Expr a = expr(c.getTrueExpression());
    Expr b = expr(c.getFalseExpression());
    if (cond.type() != Type.BOOLEAN) {
      return diagnostics.unsupported(c.getCondition(), Message.OPERAND_TYPES.format("?:", cond.type().keyword()));
    }
    Type type;
    if (a.type() == Type.BOOLEAN && b.type() == Type.BOOLEAN) {
      type = Type.BOOLEAN;
    } else if (a.type().isNumeric() && b.type().isNumeric()) {
      type = Type.promote(a.type(), b.type());
    } else {
      String operands = a.type().keyword() + " and " + b.type().keyword();
      return diagnostics.unsupported(c, Message.OPERAND_TYPES.format("?:", operands));
    }
    return new Expr.Conditional(cond, a, b, type);
  }

  private Expr cast(TypeCastTree c) {
    Expr o = expr(c.getExpression());
    Type to = c.getType() instanceof PrimitiveTypeTree p ? Lowerer.primitive(p.getPrimitiveTypeKind()) : null;
    if (to == null || to == Type.BOOLEAN) {
      return diagnostics.unsupported(c.getType(), Message.CAST_TYPE.format(diagnostics.source(c.getType())));
    }
    if (!o.type().isNumeric()) {
      return diagnostics.unsupported(c, Message.OPERAND_TYPES.format("cast", o.type().keyword()));
    }
    return o.type() == to ? o : new Expr.Cast(to, o);
  }
}
