package io.adjoint.processor.lower;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.util.SourcePositions;
import io.adjoint.processor.Message;
import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Callee;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Custom;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.MathFunction;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ir.UnaryOp;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Lowers the body of one {@code @Differentiable} method from javac's trees to the IR. It is a whitelist:
 * every construct it does not know is reported at its tree, with what to do instead, and lowering goes on
 * so that all problems of a method are reported at once. Bodies are not attributed when processors run, so
 * names and types are resolved here from declarations, imports and {@link Elements}.
 */
public final class Lowerer {
  /** Where problems go: an error on a tree of the method's compilation unit. */
  public interface Reporter {
    void error(Tree tree, String message);
  }

  /** What the generated caller needs of a differentiable callee; empty if its gradient failed. */
  public interface Callees {
    Optional<Callee> callee(ExecutableElement method);

    /** The user-declared derivatives of a method, if it has any. */
    default Optional<Custom> custom(ExecutableElement method) {
      return Optional.empty();
    }
  }

  private record Local(String name, Type type) {}

  private final Elements elements;
  private final Types types;
  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final TypeElement owner;
  private final ExecutableElement method;
  private final Reporter reporter;
  private final Callees callees;
  private final boolean isStatic;
  private final Deque<Map<String, Local>> scopes = new ArrayDeque<>();
  private final Set<String> irNames = new HashSet<>();
  /** The update statements of the enclosing loops, innermost first: what a continue runs. */
  private final Deque<List<Stmt>> loopUpdates = new ArrayDeque<>();
  private final SwitchLowering switches = new SwitchLowering(this);
  private final ArrayAliases aliases = new ArrayAliases();
  private final Enums enums;
  private final LoopArrays loopArrays = new LoopArrays();
  private final RowArguments rows = new RowArguments();
  private CharSequence content;
  private boolean failed;
  private int errors;
  /** The source spans of the trees reported so far, as {start, end}. */
  private final List<long[]> reported = new ArrayList<>();

  public Lowerer(
      Elements elements,
      Types types,
      CompilationUnitTree unit,
      SourcePositions positions,
      ExecutableElement method,
      Reporter reporter,
      Callees callees) {
    this.elements = elements;
    this.types = types;
    this.unit = unit;
    this.positions = positions;
    this.owner = (TypeElement) method.getEnclosingElement();
    this.method = method;
    this.reporter = reporter;
    this.callees = callees;
    this.isStatic = method.getModifiers().contains(Modifier.STATIC);
    this.enums = new Enums(elements);
  }

  /** The lowered function, or empty when a problem was reported. */
  public Optional<Function> lower(MethodTree tree, String recordName, List<String> accessors) {
    scopes.push(new HashMap<>());
    List<Parameter> params = new ArrayList<>();
    List<? extends VariableElement> elementsOfParams = method.getParameters();
    for (int i = 0; i < elementsOfParams.size(); i++) {
      VariableElement p = elementsOfParams.get(i);
      String name = p.getSimpleName().toString();
      Type type = type(p.asType());
      if (type == null) {
        error(tree.getParameters().get(i), Message.PARAMETER_TYPE.format(name, p.asType()));
        type = Type.DOUBLE;
      }
      TypeElement enumType = Enums.of(p.asType());
      if (enumType != null && Enums.hidden(enumType)) {
        error(tree.getParameters().get(i), Message.PRIVATE_ENUM.format(name, p.asType()));
      }
      params.add(new Parameter(name, type, accessors.get(i) != null, enums.parameter(name, enumType)));
      irNames.add(name);
      scopes.peek().put(name, new Local(name, type));
    }
    List<Stmt> body = LoopReturns.rewrite(block(tree.getBody().getStatements()), this::unique);
    if (!failed && !returnsOnEveryPath(body)) {
      error(tree, Message.MISSING_RETURN.format(method.getSimpleName()));
    }
    if (failed) {
      return Optional.empty();
    }
    Function.TypeName receiver =
        isStatic ? null : new Function.TypeName(Naming.classRef(elements, owner), owner.getTypeParameters().size());
    boolean isPublic = method.getModifiers().contains(Modifier.PUBLIC);
    return Optional.of(
        new Function(
            method.getSimpleName().toString(),
            recordName,
            receiver,
            isPublic,
            params,
            accessors,
            body,
            line(tree),
            returns()));
  }

  /** What the method returns: {@code double}, or {@code double[]} for a vector-valued method. */
  private Type returns() {
    return type(method.getReturnType()) == Type.DOUBLE_ARRAY ? Type.DOUBLE_ARRAY : Type.DOUBLE;
  }

  private static boolean returnsOnEveryPath(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return
          || (s instanceof Stmt.If i && returnsOnEveryPath(i.then()) && returnsOnEveryPath(i.otherwise()))) {
        return true;
      }
    }
    return false;
  }

  public static Type type(TypeMirror t) {
    return switch (t.getKind()) {
      case DOUBLE -> Type.DOUBLE;
      case INT -> Type.INT;
      case LONG -> Type.LONG;
      case BOOLEAN -> Type.BOOLEAN;
      case DECLARED -> Enums.of(t) != null ? Type.ENUM : null;
      case ARRAY -> {
        TypeMirror element = ((ArrayType) t).getComponentType();
        if (element.getKind() == TypeKind.DOUBLE) {
          yield Type.DOUBLE_ARRAY;
        }
        if (element.getKind() == TypeKind.ARRAY
            && ((ArrayType) element).getComponentType().getKind() == TypeKind.DOUBLE) {
          yield Type.DOUBLE_MATRIX;
        }
        yield null;
      }
      default -> null;
    };
  }

  // ---------------------------------------------------------------------------------------- statements

  List<Stmt> block(List<? extends StatementTree> stmts) {
    scopes.push(new HashMap<>());
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
      case VARIABLE -> declare((VariableTree) s, out);
      case EXPRESSION_STATEMENT -> expressionStatement((ExpressionStatementTree) s, out);
      case IF -> {
        IfTree i = (IfTree) s;
        Expr condition = condition(i.getCondition());
        List<Stmt> then = branch(i.getThenStatement());
        List<Stmt> otherwise = branch(i.getElseStatement());
        out.add(new Stmt.If(condition, then, otherwise, line(s), "if " + source(i.getCondition())));
      }
      case RETURN -> {
        ReturnTree r = (ReturnTree) s;
        if (r.getExpression() == null) {
          error(s, Message.MISSING_RETURN.format(method.getSimpleName()));
          return;
        }
        if (SwitchLowering.switchExpression(r.getExpression()) != null) {
          switches.returned(SwitchLowering.switchExpression(r.getExpression()), out);
          return;
        }
        Expr value = whole(expr(r.getExpression()), r.getExpression(), "returning ");
        if (!returns().accepts(value.type())) {
          error(r.getExpression(), Message.OPERAND_TYPES.format("return", value.type().keyword()));
        }
        out.add(new Stmt.Return(value, line(s), source(s)));
      }
      case BLOCK -> out.addAll(block(((BlockTree) s).getStatements()));
      case EMPTY_STATEMENT -> {}
      case LABELED_STATEMENT -> statement(((com.sun.source.tree.LabeledStatementTree) s).getStatement(), out);
      case TRY -> error(s, Message.TRY.format());
      case SYNCHRONIZED -> error(s, Message.SYNCHRONIZED.format());
      case CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE -> error(s, Message.LOCAL_CLASS.format());
      case FOR_LOOP -> forLoop((ForLoopTree) s, out);
      case ENHANCED_FOR_LOOP -> forEach((EnhancedForLoopTree) s, out);
      case WHILE_LOOP -> {
        WhileLoopTree w = (WhileLoopTree) s;
        Expr condition = condition(w.getCondition());
        List<Stmt> body = loopBody(w.getStatement(), List.of());
        loop(w.getCondition(), condition, body, false, line(s), "while " + source(w.getCondition()), out);
      }
      case DO_WHILE_LOOP -> {
        DoWhileLoopTree d = (DoWhileLoopTree) s;
        List<Stmt> body = loopBody(d.getStatement(), List.of());
        Expr condition = condition(d.getCondition());
        loop(d.getCondition(), condition, body, true, line(s), "do ... while " + source(d.getCondition()), out);
      }
      case BREAK -> {
        if (((BreakTree) s).getLabel() != null) {
          error(s, Message.LABELED_JUMP.format());
        } else if (switches.breaksSwitch()) {
          switches.exit((BreakTree) s, out);
        } else {
          out.add(new Stmt.Break(line(s), source(s)));
        }
      }
      case CONTINUE -> {
        if (((ContinueTree) s).getLabel() != null) {
          error(s, Message.LABELED_JUMP.format());
        } else {
          out.add(new Stmt.Continue(loopUpdates.peek(), line(s), source(s)));
        }
      }
      case THROW -> error(s, Message.THROW.format());
      case SWITCH -> switches.statement((SwitchTree) s, out);
      case YIELD -> switches.yieldStatement((YieldTree) s, out);
      default -> error(s, Message.UNSUPPORTED_STATEMENT.format(kindName(s)));
    }
  }

  /** A loop body, with {@code update} (a for loop's) appended and run by each continue. */
  private List<Stmt> loopBody(StatementTree body, List<Stmt> update) {
    loopUpdates.push(update);
    List<Stmt> stmts = new ArrayList<>(branch(body));
    loopUpdates.pop();
    stmts.addAll(update);
    return stmts;
  }

  private void forLoop(ForLoopTree f, List<Stmt> out) {
    scopes.push(new HashMap<>());
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
    loop(f.getCondition(), condition, body, false, line(f), header(f, f.getStatement()), out);
    scopes.pop();
  }

  /** {@code for (double v : array)}, as a counted loop over the array's indices. */
  private void forEach(EnhancedForLoopTree f, List<Stmt> out) {
    scopes.push(new HashMap<>());
    Expr array = whole(expr(f.getExpression()), f.getExpression(), "for-each over ");
    if (array.type() != Type.DOUBLE_ARRAY) {
      error(f.getExpression(), Message.ARRAY_ALIAS.format("for-each over " + source(f.getExpression())));
      scopes.pop();
      return;
    }
    VariableTree v = f.getVariable();
    if (!(v.getType() == null
        || (v.getType() instanceof PrimitiveTypeTree p && p.getPrimitiveTypeKind() == TypeKind.DOUBLE)
        || (v.getType() instanceof IdentifierTree id && id.getName().contentEquals("var")))) {
      error(v, Message.LOCAL_TYPE.format(v.getName(), source(v.getType())));
    }
    int line = line(f);
    String source = header(f, f.getStatement());
    String index = unique("index");
    Expr i = new Expr.Local(Type.INT, index);
    out.add(new Stmt.Declare(index, Type.INT, new Expr.Literal(Type.INT, "0"), line, null));
    List<Stmt> update =
        List.of(
            new Stmt.Assign(
                index, new Expr.Binary(BinaryOp.ADD, i, new Expr.Literal(Type.INT, "1"), Type.INT), line, null));
    String element = unique(v.getName().toString());
    scopes.push(new HashMap<>());
    scopes.peek().put(v.getName().toString(), new Local(element, Type.DOUBLE));
    List<Stmt> body = new ArrayList<>();
    body.add(
        new Stmt.Declare(element, Type.DOUBLE, new Expr.ArrayRead(array, i, Type.DOUBLE), line, source(v)));
    body.addAll(loopBody(f.getStatement(), update));
    scopes.pop();
    if (loopDepth() == 0) {
      out.addAll(rows.hoisted());
    }
    out.add(
        new Stmt.Loop(
            new Expr.Binary(BinaryOp.LT, i, new Expr.Length(array), Type.BOOLEAN), body, false, line, source));
    scopes.pop();
  }

  String unique(String name) {
    String ir = name;
    for (int i = 2; !irNames.add(ir); i++) {
      ir = name + "_" + i;
    }
    return ir;
  }

  /** How many loops enclose the statement being lowered. */
  int loopDepth() {
    return loopUpdates.size();
  }

  void pushScope() {
    scopes.push(new HashMap<>());
  }

  void popScope() {
    scopes.pop();
  }

  /** The source of a statement up to its body: {@code for (int i = 0; i < n; i++)}. */
  private String header(Tree whole, Tree body) {
    String all = source(whole);
    String inner = source(body);
    int at = all.lastIndexOf(inner);
    return (at > 0 ? all.substring(0, at) : all).trim();
  }

  private void declare(VariableTree v, List<Stmt> out) {
    String name = v.getName().toString();
    Tree typeTree = v.getType();
    boolean inferred =
        typeTree == null || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var"));
    if (v.getInitializer() instanceof NewArrayTree n && isMatrixInitializer(n, typeTree)) {
      declareMatrix(v, n, inferred, out);
      return;
    }
    SwitchExpressionTree chosen = SwitchLowering.switchExpression(v.getInitializer());
    if (chosen != null && typeTree instanceof PrimitiveTypeTree p && primitive(p.getPrimitiveTypeKind()) != null) {
      // double y = switch (k) {…}: declared, then assigned by each case
      Type type = primitive(p.getPrimitiveTypeKind());
      String ir = unique(name);
      scopes.peek().put(name, new Local(ir, type));
      out.add(new Stmt.Declare(ir, type, null, line(v), source(v)));
      switches.assign(chosen, ir, type, out);
      return;
    }
    boolean arrayOfOther = typeTree instanceof ArrayTypeTree a && arrayType(a) == null;
    // a local of an unsupported array type is reported once, not again for its initializer
    int errorsBefore = errors;
    Expr init = v.getInitializer() == null || arrayOfOther ? null : expr(v.getInitializer());
    boolean initReported = errors > errorsBefore; // its problems are said: no second error on the local
    Type type;
    if (inferred) {
      if (init == null) {
        error(v, Message.LOCAL_TYPE.format(name, "var"));
        return;
      }
      type = init.type();
    } else if (typeTree instanceof ArrayTypeTree a) {
      type = arrayType(a);
      if (type == null) {
        error(typeTree, Message.ARRAY_TYPE.format(source(typeTree)));
      }
    } else if (typeTree instanceof PrimitiveTypeTree p) {
      type = primitive(p.getPrimitiveTypeKind());
      if (type == null) {
        error(typeTree, Message.LOCAL_TYPE.format(name, p.getPrimitiveTypeKind().name().toLowerCase(Locale.ROOT)));
      }
    } else {
      TypeElement named = resolveType((ExpressionTree) typeTree);
      boolean isEnum = named != null && named.getKind() == javax.lang.model.element.ElementKind.ENUM;
      error(typeTree, isEnum ? Message.ENUM_VARIABLE.format("local " + name) : Message.LOCAL_TYPE.format(name, source(typeTree)));
      type = null;
    }
    if (type == Type.ENUM) {
      error(v, Message.ENUM_VARIABLE.format("local " + name));
      type = null;
    }
    if (type == null) {
      scopes.peek().put(name, new Local(name, Type.DOUBLE)); // declared all the same: its uses report nothing more
      return;
    }
    if (type.isArray() && init != null && !initReported && type == init.type() && ArrayAliases.nameable(init)) {
      // a second name, read only (see ArrayAliases); a row's index is computed once, here
      String ir = unique(name);
      scopes.peek().put(name, new Local(ir, init.type()));
      aliases.add(ir, init, unique(name + "Index"), line(v), source(v), out);
      return;
    }
    if (type.isArray() && !initReported) {
      if (init == null || !(init instanceof Expr.NewArray || isVectorCall(init))) {
        error(v, Message.ARRAY_ALIAS.format("local " + name + (init == null ? " without new" : " = " + source(v.getInitializer()))));
      } else if (!loopUpdates.isEmpty() && !isVectorCall(init)) {
        // created in a loop: split into scalars (see LoopArrays)
        String ir = unique(name);
        scopes.peek().put(name, new Local(ir, type));
        if (!loopArrays.declare(ir, type, init, this::unique, line(v), source(v), out)) {
          error(v, Message.ARRAY_IN_LOOP.format(source(v)));
        }
        return;
      }
    }
    if (init != null && !initReported && !type.accepts(init.type())) {
      error(v.getInitializer(), Message.OPERAND_TYPES.format("=", init.type().keyword() + " to " + type.keyword()));
    }
    String ir = unique(name);
    scopes.peek().put(name, new Local(ir, type));
    out.add(new Stmt.Declare(ir, type, init, line(v), source(v)));
  }

  /** Whether {@code e} calls a vector-valued {@code @Differentiable} method: its result is a fresh array. */
  private static boolean isVectorCall(Expr e) {
    return e instanceof Expr.DiffCall c && c.type() == Type.DOUBLE_ARRAY;
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
    return declared instanceof ArrayTypeTree a && arrayType(a) == Type.DOUBLE_MATRIX;
  }

  /**
   * {@code double[][] m = {{a, b}, {c, d}};}: lowered as {@code new double[2][2]} and a store of each
   * entry, in order, so that the later stages see the matrix code they know. Rows must be {@code {…}}
   * lists of doubles, all of one length (the subset's matrices are rectangular).
   */
  private void declareMatrix(VariableTree v, NewArrayTree n, boolean inferred, List<Stmt> out) {
    String name = v.getName().toString();
    boolean ok = true;
    if (n.getType() != null && arrayType((ArrayTypeTree) n.getType()) != Type.DOUBLE_ARRAY) {
      error(n, Message.ARRAY_TYPE.format(source(n.getType()) + "[]"));
      ok = false;
    } else if (!inferred && !(v.getType() instanceof ArrayTypeTree a && arrayType(a) == Type.DOUBLE_MATRIX)) {
      error(v.getInitializer(), Message.OPERAND_TYPES.format("=", "double[][] to " + source(v.getType())));
      ok = false;
    }
    if (!loopUpdates.isEmpty()) {
      error(v, Message.ARRAY_IN_LOOP.format(source(v)));
      ok = false;
    }
    List<List<Expr>> rows = new ArrayList<>();
    for (ExpressionTree rowTree : n.getInitializers()) {
      if (!(rowTree instanceof NewArrayTree row) || row.getInitializers() == null) {
        error(rowTree, Message.MATRIX_INITIALIZER.format(source(rowTree)));
        ok = false;
        continue;
      }
      // a row is a double[] initializer, lowered (and its entries checked) as any other
      if (!(newArray(row) instanceof Expr.NewArray lowered)) {
        ok = false; // reported
        continue;
      }
      if (!rows.isEmpty() && lowered.elements().size() != rows.get(0).size()) {
        error(rowTree, Message.MATRIX_INITIALIZER.format(source(rowTree) + " (a row of another length)"));
        ok = false;
      }
      rows.add(lowered.elements());
    }
    String ir = unique(name);
    scopes.peek().put(name, new Local(ir, Type.DOUBLE_MATRIX));
    if (!ok) {
      return;
    }
    int columns = rows.isEmpty() ? 0 : rows.get(0).size();
    List<Expr> sizes = List.of(intLiteral(rows.size()), intLiteral(columns));
    out.add(
        new Stmt.Declare(
            ir, Type.DOUBLE_MATRIX, new Expr.NewArray(Type.DOUBLE_MATRIX, sizes, List.of()), line(v), source(v)));
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < columns; j++) {
        out.add(
            new Stmt.ArrayWrite(ir, List.of(intLiteral(i), intLiteral(j)), rows.get(i).get(j), line(v), null));
      }
    }
  }

  private static Expr intLiteral(int value) {
    return new Expr.Literal(Type.INT, Integer.toString(value));
  }

  private static Type arrayType(ArrayTypeTree a) {
    Tree element = a.getType();
    if (element instanceof PrimitiveTypeTree p && p.getPrimitiveTypeKind() == TypeKind.DOUBLE) {
      return Type.DOUBLE_ARRAY;
    }
    if (element instanceof ArrayTypeTree inner
        && inner.getType() instanceof PrimitiveTypeTree p
        && p.getPrimitiveTypeKind() == TypeKind.DOUBLE) {
      return Type.DOUBLE_MATRIX;
    }
    return null;
  }

  private static Type primitive(TypeKind kind) {
    return switch (kind) {
      case DOUBLE -> Type.DOUBLE;
      case INT -> Type.INT;
      case LONG -> Type.LONG;
      case BOOLEAN -> Type.BOOLEAN;
      default -> null;
    };
  }

  private void expressionStatement(ExpressionStatementTree s, List<Stmt> out) {
    expressionStatement(s, s.getExpression(), out);
  }

  /** The expression {@code e} as a statement; {@code s} is the statement, or the expression of a case rule. */
  void expressionStatement(Tree s, ExpressionTree e, List<Stmt> out) {
    switch (e.getKind()) {
      case ASSIGNMENT -> {
        AssignmentTree a = (AssignmentTree) e;
        if (a.getVariable() instanceof ArrayAccessTree access) {
          arrayWrite(s, access, null, expr(a.getExpression()), out);
          return;
        }
        Local target = assignable(a.getVariable());
        SwitchExpressionTree chosen = SwitchLowering.switchExpression(a.getExpression());
        if (chosen != null && target != null) {
          switches.assign(chosen, target.name(), target.type(), out); // each case assigns the target
          return;
        }
        Expr value = expr(a.getExpression());
        if (target != null) {
          if (!target.type().accepts(value.type())) {
            error(a.getExpression(), Message.OPERAND_TYPES.format("=", value.type().keyword() + " to " + target.type().keyword()));
          }
          out.add(new Stmt.Assign(target.name(), value, line(s), source(s)));
        }
      }
      case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT,
          AND_ASSIGNMENT, OR_ASSIGNMENT, XOR_ASSIGNMENT, LEFT_SHIFT_ASSIGNMENT, RIGHT_SHIFT_ASSIGNMENT,
          UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> {
        CompoundAssignmentTree c = (CompoundAssignmentTree) e;
        if (c.getVariable() instanceof ArrayAccessTree access) {
          arrayWrite(s, access, compoundOp(e.getKind()), expr(c.getExpression()), out);
          return;
        }
        Local target = assignable(c.getVariable());
        Expr value = expr(c.getExpression());
        if (target != null) {
          Expr combined =
              binary(compoundOp(e.getKind()), new Expr.Local(target.type(), target.name()), value, c);
          if (combined.type() != target.type()) {
            combined = target.type() == Type.BOOLEAN ? combined : new Expr.Cast(target.type(), combined);
          }
          out.add(new Stmt.Assign(target.name(), combined, line(s), source(s)));
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
            error(e, Message.OPERAND_TYPES.format("++/--", target.type().keyword()));
            return;
          }
          Expr one = new Expr.Literal(Type.INT, "1");
          Expr local = new Expr.Local(target.type(), target.name());
          out.add(
              new Stmt.Assign(
                  target.name(),
                  new Expr.Binary(up ? BinaryOp.ADD : BinaryOp.SUB, local, one, target.type()),
                  line(s),
                  source(s)));
        }
      }
      case METHOD_INVOCATION -> expr(e); // a pure call whose value is dropped: checked, then ignored
      default -> error(e, Message.UNSUPPORTED_STATEMENT.format("the expression statement " + source(e)));
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
      Expr index = expr(a.getIndex());
      if (index.type() != Type.INT) {
        error(a.getIndex(), Message.OPERAND_TYPES.format("[]", index.type().keyword()));
      }
      indices.add(0, index);
      base = a.getExpression();
    }
    Local array = base instanceof IdentifierTree id ? lookup(id.getName().toString()) : null;
    if (array == null || !array.type().isArray()) {
      error(base, Message.FIELD_WRITE.format(source(base)));
      return;
    }
    Expr named = aliases.target(array.name());
    if (named != null) {
      String original = ArrayAliases.root(named);
      error(s, Message.ALIAS_WRITE.format(source(access), source(base), original));
      return;
    }
    String alias = null;
    for (Map<String, Local> scope : scopes) {
      for (Map.Entry<String, Local> e : scope.entrySet()) {
        alias = aliases.names(e.getValue().name(), array.name()) ? e.getKey() : alias;
      }
    }
    if (alias != null) {
      error(s, Message.ALIASED_ARRAY_WRITE.format(source(access), source(base), alias));
      return;
    }
    if (isParameter(array.name())) {
      error(s, Message.PARAMETER_ARRAY_WRITE.format(source(access), array.name()));
      return;
    }
    int depth = array.type() == Type.DOUBLE_MATRIX ? 2 : 1;
    if (indices.size() != depth) {
      error(access, Message.ARRAY_ALIAS.format("assigning a row of " + source(base)));
      return;
    }
    if (loopArrays.split(new Expr.Local(array.type(), array.name()))) {
      Expr v = value;
      UnaryOperator<Expr> entry = e -> op == null ? v : binary(op, e, v, s);
      if (op == null && !Type.DOUBLE.accepts(value.type())) {
        error(s, Message.OPERAND_TYPES.format("=", value.type().keyword() + " to double"));
      } else if (!loopArrays.write(array.name(), indices.get(0), entry, line(s), source(s), out)) {
        error(access, Message.LOOP_ARRAY_USE.format(source(access), source(base)));
      }
      return;
    }
    if (op != null) {
      Expr current = new Expr.Local(array.type(), array.name());
      for (Expr index : indices) {
        current = new Expr.ArrayRead(current, index, current.type().element());
      }
      value = binary(op, current, value, s);
    }
    if (!Type.DOUBLE.accepts(value.type())) {
      error(s, Message.OPERAND_TYPES.format("=", value.type().keyword() + " to double"));
      return;
    }
    out.add(new Stmt.ArrayWrite(array.name(), indices, value, line(s), source(s)));
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
      Local local = lookup(id.getName().toString());
      if (local != null && local.type().isArray()) {
        error(target, Message.ARRAY_ALIAS.format("assigning array " + id.getName()));
        return null;
      }
      if (local != null && local.type() == Type.ENUM) {
        error(target, Message.ENUM_VARIABLE.format("assigning " + id.getName()));
        return null;
      }
      if (local != null) {
        return local;
      }
      if (field(id.getName().toString()) != null) {
        error(target, Message.FIELD_WRITE.format(id.getName()));
        return null;
      }
      error(target, Message.UNRESOLVED_NAME.format(id.getName()));
      return null;
    }
    if (target instanceof MemberSelectTree m) {
      error(target, Message.FIELD_WRITE.format(source(m)));
      return null;
    }
    error(target, Message.UNSUPPORTED_EXPRESSION.format("assignment to " + source(target)));
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

  /** A loop; one whose condition calls a @Differentiable method tests it in its body (see LoopConditions). */
  private void loop(
      Tree conditionTree, Expr condition, List<Stmt> body, boolean testAfter, int line, String source, List<Stmt> out) {
    Stmt.Loop loop = LoopConditions.loop(condition, body, testAfter, line, source);
    if (loop == null) {
      error(conditionTree, Message.CALL_IN_LOOP_CONDITION.format(source(conditionTree)));
      return;
    }
    if (loopDepth() == 0) {
      out.addAll(rows.hoisted()); // copies of rows passed to calls in the loop (see RowArguments)
    }
    out.add(loop);
  }

  private Expr condition(ExpressionTree t) {
    Expr c = expr(t);
    if (c.type() != Type.BOOLEAN) {
      error(t, Message.OPERAND_TYPES.format("if", c.type().keyword()));
    }
    return c;
  }

  // --------------------------------------------------------------------------------------- expressions

  private Expr placeholder() {
    return new Expr.Literal(Type.DOUBLE, "0.0");
  }

  private Expr unsupported(Tree t, String message) {
    error(t, message);
    return placeholder();
  }

  Expr expr(ExpressionTree t) {
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
        return unsupported(t, Message.LITERAL_TYPE.format("float"));
      case CHAR_LITERAL:
        return unsupported(t, Message.LITERAL_TYPE.format("char"));
      case STRING_LITERAL:
        return unsupported(t, Message.LITERAL_TYPE.format("String"));
      case NULL_LITERAL:
        return unsupported(t, Message.LITERAL_TYPE.format("null"));
      case IDENTIFIER:
        return identifier((IdentifierTree) t);
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
        return unsupported(t, Message.NESTED_ASSIGNMENT.format("++/--"));
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
        return unsupported(t, Message.NESTED_ASSIGNMENT.format("compound assignment"));
      case CONDITIONAL_EXPRESSION:
        return conditional((ConditionalExpressionTree) t);
      case METHOD_INVOCATION:
        return invocation((MethodInvocationTree) t);
      case TYPE_CAST:
        return cast((TypeCastTree) t);
      case LAMBDA_EXPRESSION:
        return unsupported(t, Message.LAMBDA.format());
      case MEMBER_REFERENCE:
        return unsupported(t, Message.METHOD_REFERENCE.format());
      case NEW_CLASS:
        return unsupported(t, Message.OBJECT_CREATION.format("new " + source(((NewClassTree) t).getIdentifier())));
      case NEW_ARRAY:
        return newArray((NewArrayTree) t);
      case ARRAY_ACCESS:
        return arrayRead((ArrayAccessTree) t);
      case INSTANCE_OF:
        return unsupported(t, Message.UNSUPPORTED_EXPRESSION.format("instanceof"));
      case SWITCH_EXPRESSION:
        return switches.expression((SwitchExpressionTree) t);
      default:
        if (t instanceof BinaryTree b) {
          return binary(binaryOp(t.getKind()), expr(b.getLeftOperand()), expr(b.getRightOperand()), t);
        }
        return unsupported(t, Message.UNSUPPORTED_EXPRESSION.format(kindName(t)));
    }
  }

  private Expr newArray(NewArrayTree n) {
    int dims = n.getDimensions().size();
    Tree element = n.getType();
    if (n.getInitializers() != null && !n.getDimensions().isEmpty()) {
      return unsupported(n, Message.UNSUPPORTED_EXPRESSION.format(source(n)));
    }
    if (n.getInitializers() != null
        && (element instanceof ArrayTypeTree a && arrayType(a) == Type.DOUBLE_ARRAY
            || (element == null && n.getInitializers().stream().anyMatch(e -> e instanceof NewArrayTree)))) {
      // a double[][] initializer anywhere but a local's declaration (see declareMatrix)
      return unsupported(n, Message.MATRIX_INITIALIZER.format(source(n)));
    }
    if (element != null
        && !(element instanceof PrimitiveTypeTree p && p.getPrimitiveTypeKind() == TypeKind.DOUBLE)) {
      return unsupported(n, Message.ARRAY_TYPE.format(source(element)));
    }
    if (n.getInitializers() != null) {
      List<Expr> elements = new ArrayList<>();
      for (ExpressionTree e : n.getInitializers()) {
        Expr x = expr(e);
        if (!Type.DOUBLE.accepts(x.type())) {
          return unsupported(e, Message.ARRAY_TYPE.format(source(n)));
        }
        elements.add(x);
      }
      return new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(), elements);
    }
    if (dims < 1 || dims > 2) {
      return unsupported(n, Message.ARRAY_TYPE.format(source(n)));
    }
    List<Expr> sizes = new ArrayList<>();
    for (ExpressionTree d : n.getDimensions()) {
      Expr size = expr(d);
      if (size.type() != Type.INT) {
        return unsupported(d, Message.OPERAND_TYPES.format("new double[]", size.type().keyword()));
      }
      sizes.add(size);
    }
    return new Expr.NewArray(dims == 1 ? Type.DOUBLE_ARRAY : Type.DOUBLE_MATRIX, sizes, List.of());
  }

  private Expr arrayRead(ArrayAccessTree a) {
    Expr array = expr(a.getExpression());
    Expr index = expr(a.getIndex());
    if (!array.type().isArray()) {
      return unsupported(a, Message.OPERAND_TYPES.format("[]", array.type().keyword()));
    }
    if (array instanceof Expr.NewArray) {
      return unsupported(a, Message.INDEXED_CREATION.format(source(a)));
    }
    if (index.type() != Type.INT) {
      return unsupported(a.getIndex(), Message.OPERAND_TYPES.format("[]", index.type().keyword()));
    }
    if (loopArrays.split(array)) {
      Expr entry = loopArrays.read(array, index);
      return entry != null ? entry : unsupported(a, Message.LOOP_ARRAY_USE.format(source(a), source(a.getExpression())));
    }
    return new Expr.ArrayRead(array, index, array.type().element());
  }

  private static Expr doubleLiteral(double v) {
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

  private Expr binary(BinaryOp op, Expr l, Expr r, Tree t) {
    Type lt = l.type();
    Type rt = r.type();
    switch (op) {
      case MUL, DIV, ADD, SUB, REM -> {
        if (!lt.isNumeric() || !rt.isNumeric()) {
          return unsupported(t, Message.OPERAND_TYPES.format(op.symbol(), lt.keyword() + " and " + rt.keyword()));
        }
        Type type = Type.promote(lt, rt);
        if (op == BinaryOp.REM && type == Type.DOUBLE) {
          return unsupported(t, Message.DOUBLE_REMAINDER.format());
        }
        return new Expr.Binary(op, l, r, type);
      }
      case SHL, SHR, USHR -> {
        if (!integral(lt) || !integral(rt)) {
          return unsupported(t, Message.OPERAND_TYPES.format(op.symbol(), lt.keyword() + " and " + rt.keyword()));
        }
        return new Expr.Binary(op, l, r, lt);
      }
      case LT, LE, GT, GE -> {
        if (!lt.isNumeric() || !rt.isNumeric()) {
          return unsupported(t, Message.OPERAND_TYPES.format(op.symbol(), lt.keyword() + " and " + rt.keyword()));
        }
        return new Expr.Binary(op, l, r, Type.BOOLEAN);
      }
      case EQ, NE -> {
        if (lt.isNumeric() != rt.isNumeric() || (lt == Type.ENUM) != (rt == Type.ENUM)) {
          return unsupported(t, Message.OPERAND_TYPES.format(op.symbol(), lt.keyword() + " and " + rt.keyword()));
        }
        return new Expr.Binary(op, l, r, Type.BOOLEAN);
      }
      case AND, OR, XOR -> {
        if (lt == Type.BOOLEAN && rt == Type.BOOLEAN) {
          return new Expr.Binary(op, l, r, Type.BOOLEAN);
        }
        if (!integral(lt) || !integral(rt)) {
          return unsupported(t, Message.OPERAND_TYPES.format(op.symbol(), lt.keyword() + " and " + rt.keyword()));
        }
        return new Expr.Binary(op, l, r, Type.promote(lt, rt));
      }
      case COND_AND, COND_OR -> {
        if (lt != Type.BOOLEAN || rt != Type.BOOLEAN) {
          return unsupported(t, Message.OPERAND_TYPES.format(op.symbol(), lt.keyword() + " and " + rt.keyword()));
        }
        return new Expr.Binary(op, l, r, Type.BOOLEAN);
      }
      default -> throw new IllegalArgumentException(op.toString());
    }
  }

  private static boolean integral(Type t) {
    return t == Type.INT || t == Type.LONG;
  }

  private Expr unary(UnaryTree u) {
    Expr o = expr(u.getExpression());
    switch (u.getKind()) {
      case UNARY_MINUS, UNARY_PLUS -> {
        if (!o.type().isNumeric()) {
          return unsupported(u, Message.OPERAND_TYPES.format(u.getKind() == Tree.Kind.UNARY_MINUS ? "-" : "+", o.type().keyword()));
        }
        return new Expr.Unary(u.getKind() == Tree.Kind.UNARY_MINUS ? UnaryOp.NEG : UnaryOp.PLUS, o, o.type());
      }
      case LOGICAL_COMPLEMENT -> {
        if (o.type() != Type.BOOLEAN) {
          return unsupported(u, Message.OPERAND_TYPES.format("!", o.type().keyword()));
        }
        return new Expr.Unary(UnaryOp.NOT, o, Type.BOOLEAN);
      }
      default -> {
        if (!integral(o.type())) {
          return unsupported(u, Message.OPERAND_TYPES.format("~", o.type().keyword()));
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
      return unsupported(c.getCondition(), Message.OPERAND_TYPES.format("?:", cond.type().keyword()));
    }
    Type type;
    if (a.type() == Type.BOOLEAN && b.type() == Type.BOOLEAN) {
      type = Type.BOOLEAN;
    } else if (a.type().isNumeric() && b.type().isNumeric()) {
      type = Type.promote(a.type(), b.type());
    } else {
      return unsupported(c, Message.OPERAND_TYPES.format("?:", a.type().keyword() + " and " + b.type().keyword()));
    }
    return new Expr.Conditional(cond, a, b, type);
  }

  private Expr cast(TypeCastTree c) {
    Expr o = expr(c.getExpression());
    Type to = c.getType() instanceof PrimitiveTypeTree p ? primitive(p.getPrimitiveTypeKind()) : null;
    if (to == null || to == Type.BOOLEAN) {
      return unsupported(c.getType(), Message.CAST_TYPE.format(source(c.getType())));
    }
    if (!o.type().isNumeric()) {
      return unsupported(c, Message.OPERAND_TYPES.format("cast", o.type().keyword()));
    }
    return o.type() == to ? o : new Expr.Cast(to, o);
  }

  // ------------------------------------------------------------------------------------ names, fields

  private Local lookup(String name) {
    for (Map<String, Local> scope : scopes) {
      Local l = scope.get(name);
      if (l != null) {
        return l;
      }
    }
    return null;
  }

  private Expr identifier(IdentifierTree id) {
    String name = id.getName().toString();
    Local local = lookup(name);
    if (local != null) {
      Expr named = aliases.target(local.name());
      return named != null ? named : new Expr.Local(local.type(), local.name());
    }
    if (name.equals("this") || name.equals("super")) {
      return unsupported(id, Message.UNSUPPORTED_EXPRESSION.format("'" + name + "' as a value"));
    }
    VariableElement field = field(name);
    if (field == null) {
      field = staticallyImportedField(name);
    }
    if (field == null) {
      return unsupported(id, Message.UNRESOLVED_NAME.format(name));
    }
    return fieldRead(field, id, source(id));
  }

  /** A field visible by simple name: of the class, its supertypes, or an enclosing class. */
  private VariableElement field(String name) {
    for (Element e = owner; e != null && (e.getKind().isClass() || e.getKind().isInterface()); e = e.getEnclosingElement()) {
      for (VariableElement f : ElementFilter.fieldsIn(elements.getAllMembers((TypeElement) e))) {
        if (f.getSimpleName().contentEquals(name)) {
          return f;
        }
      }
    }
    return null;
  }

  /** The classes whose static members named {@code name} the unit imports, in import order. */
  private List<TypeElement> staticImports(String name) {
    List<TypeElement> types = new ArrayList<>();
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree m)) {
        continue;
      }
      String member = m.getIdentifier().toString();
      if (!member.equals(name) && !member.equals("*")) {
        continue;
      }
      TypeElement type = elements.getTypeElement(m.getExpression().toString());
      if (type != null) {
        types.add(type);
      }
    }
    return types;
  }

  private VariableElement staticallyImportedField(String name) {
    for (TypeElement type : staticImports(name)) {
      for (VariableElement f : ElementFilter.fieldsIn(elements.getAllMembers(type))) {
        if (f.getSimpleName().contentEquals(name) && f.getModifiers().contains(Modifier.STATIC)) {
          return f;
        }
      }
    }
    return null;
  }

  private Expr memberSelect(MemberSelectTree m) {
    String name = m.getIdentifier().toString();
    ExpressionTree q = m.getExpression();
    if (name.equals("length") && isArrayValued(q)) {
      return loopArrays.length(expr(q));
    }
    if (q instanceof IdentifierTree id && id.getName().contentEquals("this")) {
      for (VariableElement f : ElementFilter.fieldsIn(elements.getAllMembers(owner))) {
        if (f.getSimpleName().contentEquals(name)) {
          return fieldRead(f, m, source(m));
        }
      }
      return unsupported(m, Message.UNRESOLVED_NAME.format(source(m)));
    }
    if (q instanceof IdentifierTree id && lookup(id.getName().toString()) != null) {
      return unsupported(m, Message.UNSUPPORTED_EXPRESSION.format(source(m)));
    }
    TypeElement type = resolveType(q);
    if (type != null) {
      for (VariableElement f : ElementFilter.fieldsIn(elements.getAllMembers(type))) {
        if (f.getSimpleName().contentEquals(name) && f.getModifiers().contains(Modifier.STATIC)) {
          return fieldRead(f, m, source(m));
        }
      }
      return unsupported(m, Message.UNRESOLVED_NAME.format(source(m)));
    }
    return unsupported(m, Message.UNSUPPORTED_EXPRESSION.format(source(m)));
  }

  private boolean isArrayValued(ExpressionTree q) {
    if (q instanceof ArrayAccessTree) {
      return true;
    }
    if (q instanceof IdentifierTree id) {
      Local local = lookup(id.getName().toString());
      if (local != null) {
        return local.type().isArray();
      }
      VariableElement f = field(id.getName().toString());
      return f != null && f.asType().getKind() == TypeKind.ARRAY;
    }
    if (q instanceof ParenthesizedTree p) {
      return isArrayValued(p.getExpression());
    }
    return false;
  }

  private Expr fieldRead(VariableElement f, Tree at, String text) {
    TypeElement holder = (TypeElement) f.getEnclosingElement();
    boolean isStaticField = f.getModifiers().contains(Modifier.STATIC);
    String holderName = holder.getQualifiedName().toString();
    if ((holderName.equals("java.lang.Math") || holderName.equals("java.lang.StrictMath"))
        && (f.getSimpleName().contentEquals("PI") || f.getSimpleName().contentEquals("E"))) {
      return new Expr.Field(Type.DOUBLE, ClassRef.MATH, f.getSimpleName().toString());
    }
    Object constant = f.getConstantValue();
    if (constant != null) {
      Expr literal = constant(constant);
      if (literal == null) {
        return unsupported(at, Message.FIELD_TYPE.format(text, f.asType()));
      }
      return literal;
    }
    Type type = type(f.asType());
    if (type == null) {
      return unsupported(at, Message.FIELD_TYPE.format(text, f.asType()));
    }
    if (f.getModifiers().contains(Modifier.PRIVATE) || inPrivateClass(holder)) {
      return unsupported(at, Message.FIELD_PRIVATE.format(text));
    }
    if (!isStaticField && isStatic) {
      return unsupported(at, Message.INSTANCE_FIELD_IN_STATIC.format(text, method.getSimpleName()));
    }
    Expr read =
        new Expr.Field(type, isStaticField ? Naming.classRef(elements, holder) : null, f.getSimpleName().toString());
    return type == Type.ENUM ? enums.field(read, Enums.of(f.asType())) : read;
  }

  private static boolean inPrivateClass(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  private static Expr constant(Object c) {
    if (c instanceof Double d) {
      return doubleLiteral(d);
    }
    if (c instanceof Float fl) {
      return doubleLiteral(fl.doubleValue());
    }
    if (c instanceof Long l) {
      return new Expr.Literal(Type.LONG, l + "L");
    }
    if (c instanceof Integer || c instanceof Short || c instanceof Byte) {
      return new Expr.Literal(Type.INT, c.toString());
    }
    if (c instanceof Character ch) {
      return new Expr.Literal(Type.INT, Integer.toString(ch));
    }
    if (c instanceof Boolean b) {
      return new Expr.Literal(Type.BOOLEAN, b.toString());
    }
    return null;
  }

  /** The type an expression names, or null if it names none. */
  private TypeElement resolveType(ExpressionTree t) {
    if (t instanceof IdentifierTree id) {
      String name = id.getName().toString();
      if (lookup(name) != null) {
        return null;
      }
      for (Element e = owner; e != null && (e.getKind().isClass() || e.getKind().isInterface()); e = e.getEnclosingElement()) {
        if (((TypeElement) e).getSimpleName().contentEquals(name)) {
          return (TypeElement) e;
        }
        for (TypeElement member : ElementFilter.typesIn(elements.getAllMembers((TypeElement) e))) {
          if (member.getSimpleName().contentEquals(name)) {
            return member;
          }
        }
      }
      for (ImportTree imp : unit.getImports()) {
        if (imp.isStatic()) {
          continue;
        }
        String q = imp.getQualifiedIdentifier().toString();
        if (q.endsWith("." + name)) {
          TypeElement type = elements.getTypeElement(q);
          if (type != null) {
            return type;
          }
        }
      }
      String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
      TypeElement same = elements.getTypeElement(pkg.isEmpty() ? name : pkg + "." + name);
      if (same != null) {
        return same;
      }
      for (ImportTree imp : unit.getImports()) {
        String q = imp.getQualifiedIdentifier().toString();
        if (!imp.isStatic() && q.endsWith(".*")) {
          TypeElement type = elements.getTypeElement(q.substring(0, q.length() - 1) + name);
          if (type != null) {
            return type;
          }
        }
      }
      return elements.getTypeElement("java.lang." + name);
    }
    if (t instanceof MemberSelectTree m) {
      TypeElement outer = resolveType(m.getExpression());
      if (outer != null) {
        for (TypeElement member : ElementFilter.typesIn(elements.getAllMembers(outer))) {
          if (member.getSimpleName().contentEquals(m.getIdentifier())) {
            return member;
          }
        }
        return null;
      }
      return elements.getTypeElement(m.toString());
    }
    return null;
  }

  // ----------------------------------------------------------------------------------------- calls

  private Expr invocation(MethodInvocationTree call) {
    int errorsBefore = errors;
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : call.getArguments()) {
      Expr arg = whole(expr(a), a, "passing ");
      if (arg.type().isArray() && !(arg instanceof Expr.Local || arg instanceof Expr.Field || isVectorCall(arg))) {
        Expr copy = rows.copy(a, arg, loopDepth() > 0, this::unique, line(a), "copy of " + source(a));
        if (copy == null) {
          error(a, Message.ARRAY_ALIAS.format("passing " + source(a)));
        }
        arg = copy == null ? arg : copy;
      }
      args.add(arg);
    }
    ExpressionTree select = call.getMethodSelect();
    String name;
    List<ExecutableElement> candidates = new ArrayList<>();
    boolean viaReceiver = false;
    if (select instanceof IdentifierTree id) {
      name = id.getName().toString();
      for (Element e = owner; e != null && (e.getKind().isClass() || e.getKind().isInterface()); e = e.getEnclosingElement()) {
        candidates.addAll(methods((TypeElement) e, name));
        if (!candidates.isEmpty()) {
          viaReceiver = e == owner;
          break;
        }
      }
      if (candidates.isEmpty()) {
        for (TypeElement type : staticImports(name)) {
          if (isMath(type) && !methods(type, name).isEmpty()) {
            return math(type, name, args, call);
          }
          candidates.addAll(methods(type, name));
          if (!candidates.isEmpty()) {
            break;
          }
        }
      }
    } else if (select instanceof MemberSelectTree m) {
      name = m.getIdentifier().toString();
      ExpressionTree q = m.getExpression();
      if (q instanceof IdentifierTree id && id.getName().contentEquals("this")) {
        candidates.addAll(methods(owner, name));
        viaReceiver = true;
      } else if (q instanceof IdentifierTree id && id.getName().contentEquals("super")) {
        return unsupported(call, Message.CALL_ON_OBJECT.format(source(select)));
      } else if (q instanceof IdentifierTree id && isEnumLocal(id.getName().toString())) {
        return name.equals("ordinal") && args.isEmpty()
            ? enums.ordinal(expr(q))
            : unsupported(call, Message.ENUM_METHOD.format(source(call)));
      } else {
        TypeElement type = resolveType(q);
        if (type == null) {
          return unsupported(call, Message.CALL_ON_OBJECT.format(source(select)));
        }
        if (isMath(type)) {
          return math(type, name, args, call);
        }
        candidates.addAll(methods(type, name));
      }
    } else {
      return unsupported(call, Message.UNSUPPORTED_EXPRESSION.format(source(call)));
    }
    if (errors > errorsBefore) {
      return placeholder(); // an argument was reported and its type is unknown: resolving the call would mislead
    }
    String signature = name + "(" + String.join(", ", args.stream().map(a -> a.type().keyword()).toList()) + ")";
    if (candidates.isEmpty()) {
      return unsupported(call, Message.UNRESOLVED_METHOD.format(name, argTypes(args)));
    }
    if (candidates.stream().noneMatch(c -> Naming.isDifferentiable(c) || callees.custom(c).isPresent())) {
      // whichever overload javac picks (varargs too), it has no derivative
      String owner = ((TypeElement) candidates.get(0).getEnclosingElement()).getSimpleName().toString();
      return unsupported(call, Message.NO_DERIVATIVE.format(owner + "." + signature));
    }
    List<ExecutableElement> applicable = new ArrayList<>();
    for (ExecutableElement c : candidates) {
      if (applicable(c, args, false)) {
        applicable.add(c);
      }
    }
    if (applicable.isEmpty()) {
      for (ExecutableElement c : candidates) {
        if (applicable(c, args, true)) {
          applicable.add(c);
        }
      }
    }
    if (applicable.isEmpty()) {
      return unsupported(call, Message.UNRESOLVED_METHOD.format(name, argTypes(args)));
    }
    if (applicable.size() > 1) {
      return unsupported(call, Message.AMBIGUOUS_CALL.format(signature));
    }
    ExecutableElement target = applicable.get(0);
    String display = ((TypeElement) target.getEnclosingElement()).getSimpleName() + "." + signature;
    Optional<Custom> custom = callees.custom(target);
    if (custom.isPresent()) {
      return customCall(call, target, custom.get(), args);
    }
    if (!Naming.isDifferentiable(target)) {
      return unsupported(call, Message.NO_DERIVATIVE.format(display));
    }
    boolean instance = !target.getModifiers().contains(Modifier.STATIC);
    if (instance && (isStatic || !viaReceiver)) {
      return unsupported(call, Message.CALL_ON_OBJECT.format(source(select)));
    }
    Optional<Callee> callee = callees.callee(target);
    if (callee.isEmpty()) {
      return unsupported(call, Message.CALLEE_FAILED.format(display));
    }
    if (callee.get().returns() == Type.DOUBLE_ARRAY && !loopUpdates.isEmpty()) {
      // inlined, its result is an array created in the loop
      return unsupported(call, Message.INLINE_ARRAY_IN_LOOP.format(callee.get().displayName()));
    }
    return new Expr.DiffCall(callee.get(), args, call);
  }

  /** A call to a function with declared derivatives: one for each of its double parameters. */
  private Expr customCall(MethodInvocationTree call, ExecutableElement target, Custom custom, List<Expr> args) {
    for (int i = 0; i < target.getParameters().size(); i++) {
      VariableElement p = target.getParameters().get(i);
      if (p.asType().getKind() == TypeKind.ARRAY) {
        return unsupported(call, Message.ARRAY_TYPE.format("@Derivative for " + p.asType()));
      }
      if (p.asType().getKind() == TypeKind.DOUBLE && custom.derivatives().get(i) == null) {
        String wrt = null;
        for (int j = 0; j < target.getParameters().size(); j++) {
          if (custom.derivatives().get(j) != null) {
            wrt = target.getParameters().get(j).getSimpleName().toString();
            break;
          }
        }
        return unsupported(
            call,
            Message.DERIVATIVE_MISSING.format(
                custom.display(), wrt, p.getSimpleName(), target.getSimpleName(), p.getSimpleName()));
      }
    }
    return new Expr.CustomCall(custom, args, call);
  }

  private static String argTypes(List<Expr> args) {
    return String.join(", ", args.stream().map(a -> a.type().keyword()).toList());
  }

  private List<ExecutableElement> methods(TypeElement type, String name) {
    List<ExecutableElement> out = new ArrayList<>();
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (m.getSimpleName().contentEquals(name)) {
        out.add(m);
      }
    }
    return out;
  }

  private static boolean applicable(ExecutableElement m, List<Expr> args, boolean widening) {
    if (m.getParameters().size() != args.size() || m.isVarArgs()) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      Type p = type(m.getParameters().get(i).asType());
      if (p == null) {
        return false;
      }
      Type a = args.get(i).type();
      if (widening ? !p.accepts(a) : p != a) {
        return false;
      }
    }
    return true;
  }

  private static boolean isMath(TypeElement type) {
    String n = type.getQualifiedName().toString();
    return n.equals("java.lang.Math") || n.equals("java.lang.StrictMath");
  }

  private Expr math(TypeElement type, String name, List<Expr> args, MethodInvocationTree call) {
    Optional<MathFunction> f = MathFunction.named(name);
    if (f.isEmpty()) {
      return unsupported(call, Message.MATH_NO_DERIVATIVE.format(name));
    }
    MathFunction fn = f.get();
    if (args.size() != fn.arity()) {
      return unsupported(call, Message.UNRESOLVED_METHOD.format(type.getSimpleName() + "." + name, argTypes(args)));
    }
    Type promoted = args.get(0).type();
    for (Expr a : args) {
      if (!a.type().isNumeric()) {
        return unsupported(call, Message.OPERAND_TYPES.format(type.getSimpleName() + "." + name, a.type().keyword()));
      }
      promoted = Type.promote(promoted, a.type());
    }
    if (fn == MathFunction.SCALB) {
      if (args.get(1).type() != Type.INT) {
        return unsupported(call, Message.UNRESOLVED_METHOD.format(type.getSimpleName() + "." + name, argTypes(args)));
      }
      promoted = args.get(0).type();
    }
    if (!fn.floatOverloaded().isEmpty()
        && fn.floatOverloaded().stream().noneMatch(i -> args.get(i).type() == Type.DOUBLE)) {
      // Java would pick the float overload, whose results differ: float is outside the subset
      return unsupported(call, Message.MATH_FLOAT_OVERLOAD.format(name, argTypes(args)));
    }
    Type result = fn.resultType(promoted);
    if (fn == MathFunction.ROUND && promoted != Type.DOUBLE) {
      result = Type.INT; // Math.round(float) is chosen for int and long arguments
    }
    boolean strict = type.getQualifiedName().contentEquals("java.lang.StrictMath");
    return new Expr.MathCall(fn, strict, args, result);
  }

  // --------------------------------------------------------------------------------------- helpers

  Enums enums() {
    return enums;
  }

  /** {@code e}, an array used whole at {@code t}; reported when it is split into scalars (see LoopArrays). */
  private Expr whole(Expr e, Tree t, String use) {
    if (loopArrays.split(e)) {
      error(t, Message.LOOP_ARRAY_USE.format(use + source(t), source(t)));
    }
    return e;
  }

  private boolean isEnumLocal(String name) {
    Local local = lookup(name);
    return local != null && local.type() == Type.ENUM;
  }

  void error(Tree tree, String message) {
    failed = true;
    errors++;
    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    if (message.startsWith(Message.OPERAND_TYPES.code())) {
      for (long[] span : reported) {
        if (start <= span[0] && span[1] <= end) {
          return; // a follow-on of an error inside this tree, whose type stands in for an unknown one
        }
      }
    }
    reported.add(new long[] {start, end});
    reporter.error(tree, message);
  }

  int line(Tree t) {
    long pos = positions.getStartPosition(unit, t);
    return pos < 0 ? 0 : (int) unit.getLineMap().getLineNumber(pos);
  }

  String source(Tree t) {
    try {
      if (content == null) {
        content = unit.getSourceFile().getCharContent(true);
      }
      long start = positions.getStartPosition(unit, t);
      long end = positions.getEndPosition(unit, t);
      if (start >= 0 && end > start && end <= content.length()) {
        return content.subSequence((int) start, (int) end).toString().replaceAll("\\s+", " ").trim();
      }
    } catch (IOException | UnsupportedOperationException e) {
      // fall back to javac's rendering of the tree
    }
    return t.toString().replaceAll("\\s+", " ").trim();
  }

  private static String kindName(Tree t) {
    return t.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
