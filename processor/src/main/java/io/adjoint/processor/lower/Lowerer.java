package io.adjoint.processor.lower;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import io.adjoint.processor.Message;
import io.adjoint.processor.ir.Callee;
import io.adjoint.processor.ir.Custom;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.LoopArrays;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.RecordParameter;
import io.adjoint.processor.ir.RecordType;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Lowers the body of one {@code @Differentiable} method from javac's trees to the IR. It is a whitelist:
 * every construct it does not know is reported at its tree, with what to do instead, and lowering goes on
 * so that all problems of a method are reported at once. Bodies are not attributed when processors run, so
 * names and types are resolved here from declarations, imports and {@link Elements}.
 *
 * <p>The work is shared by parts a reader can find by what they lower: {@link StatementLowering}
 * (blocks, ifs, loops, jumps), {@link AssignmentLowering} (declarations and writes), {@link
 * ExpressionLowering} (operators, literals, arrays), {@link NameResolution} (what a name means), {@link
 * CallLowering} (which method a call names, and its derivative), {@link SwitchLowering}; with {@link
 * Scopes} (what is declared where) and {@link Diagnostics} (problems, source text and lines). A part that
 * lowers what contains statements and expressions again, as a switch does, comes back through the
 * methods of this class.
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

  private final Elements elements;
  private final TypeElement owner;
  private final ExecutableElement method;
  private final boolean isStatic;
  private final Scopes scopes = new Scopes();
  private final Diagnostics diagnostics;
  private final ExpressionLowering expressions;
  /** Copies of matrix rows passed to calls (see {@link RowArguments}). */
  private final RowArguments rows;
  private final AssignmentLowering assignments;
  private final StatementLowering statements;
  private final Enums enums;

  public Lowerer(
      Elements elements,
      Types types,
      CompilationUnitTree unit,
      SourcePositions positions,
      ExecutableElement method,
      Reporter reporter,
      Callees callees) {
    this.elements = elements;
    this.owner = (TypeElement) method.getEnclosingElement();
    this.method = method;
    this.isStatic = method.getModifiers().contains(Modifier.STATIC);
    this.diagnostics = new Diagnostics(unit, positions, reporter);
    ArrayAliases aliases = new ArrayAliases();
    LoopArrays loopArrays = new LoopArrays();
    this.rows = new RowArguments();
    this.enums = new Enums(elements);
    NameResolution names = new NameResolution(elements, unit, method, scopes, aliases, enums, diagnostics);
    RecordLowering records = new RecordLowering(elements, owner, names, scopes, diagnostics);
    CallLowering calls = new CallLowering(elements, method, callees, names, scopes, enums, diagnostics);
    SwitchLowering switches = new SwitchLowering(this, scopes, diagnostics);
    this.expressions = new ExpressionLowering(names, calls, switches, scopes, loopArrays, rows, records, diagnostics);
    records.expressions(expressions::expr, expressions::invocation);
    this.assignments =
        new AssignmentLowering(method, scopes, aliases, loopArrays, names, expressions, switches, records, diagnostics);
    this.statements =
        new StatementLowering(
            method, returns(), returnedRecord(), scopes, rows, expressions, assignments, switches, records, diagnostics);
  }

  /** The lowered function, or empty when a problem was reported. */
  public Optional<Function> lower(MethodTree tree, String recordName, List<String> accessors) {
    scopes.push();
    List<Parameter> params = new ArrayList<>();
    List<String> flatAccessors = new ArrayList<>();
    List<RecordParameter> recordParams = new ArrayList<>();
    boolean recordReceiver = !isStatic && owner.getKind() == ElementKind.RECORD;
    if (recordReceiver) {
      receiverParameter(tree, params, flatAccessors, recordParams);
    }
    List<? extends VariableElement> elementsOfParams = method.getParameters();
    for (int i = 0; i < elementsOfParams.size(); i++) {
      VariableElement p = elementsOfParams.get(i);
      String name = p.getSimpleName().toString();
      if (recordParameter(tree, i, p, accessors.get(i), params, flatAccessors, recordParams)) {
        continue;
      }
      Type type = type(p.asType());
      if (type == null) {
        diagnostics.error(tree.getParameters().get(i), Message.PARAMETER_TYPE.format(name, p.asType()));
        type = Type.DOUBLE;
      }
      TypeElement enumType = Enums.of(p.asType());
      if (enumType != null && Enums.hidden(enumType)) {
        diagnostics.error(tree.getParameters().get(i), Message.PRIVATE_ENUM.format(name, p.asType()));
      }
      params.add(new Parameter(name, type, accessors.get(i) != null, enums.parameter(name, enumType)));
      if (type == Type.DOUBLE_MATRIX && accessors.get(i) == null && !RowArguments.assigned(tree.getBody(), name)) {
        rows.data(name);
      }
      flatAccessors.add(accessors.get(i));
      scopes.parameter(name, type);
    }
    List<Stmt> lowered = block(tree.getBody().getStatements());
    List<Stmt> body = LoopReturns.rewrite(lowered, scopes::unique, returns());
    if (body == null) {
      diagnostics.error(tree, Message.RETURN_ARRAY_IN_LOOP.format(method.getSimpleName()));
      body = lowered;
    } else if (returnedRecord() != null && !diagnostics.failed()) {
      body = LoopReturns.oneArray(body, scopes::unique, returnedRecord().leaves().size(), diagnostics.line(tree));
    }
    if (!diagnostics.failed() && !returnsOnEveryPath(body)) {
      diagnostics.error(tree, Message.MISSING_RETURN.format(method.getSimpleName()));
    }
    if (diagnostics.failed()) {
      return Optional.empty();
    }
    Function.TypeName receiver = isStatic || recordReceiver
        ? null // a record's receiver is taken apart like a parameter
        : new Function.TypeName(Naming.classRef(elements, owner), owner.getTypeParameters().size());
    boolean isPublic = method.getModifiers().contains(Modifier.PUBLIC);
    return Optional.of(
        new Function(
            method.getSimpleName().toString(),
            recordName,
            receiver,
            isPublic,
            params,
            flatAccessors,
            body,
            diagnostics.line(tree),
            returns(),
            recordParams,
            returnedRecord()));
  }

  /**
   * In an instance method of a record, the receiver taken apart as the first record parameter, {@code
   * receiver}, whose derivatives are the gradient's component {@code receiver}: its leaves are bound to
   * {@code this}, and its components to their names, so that {@code x}, {@code this.x}, {@code x()} and
   * {@code this.x()} all read them.
   */
  private void receiverParameter(
      MethodTree tree, List<Parameter> params, List<String> flatAccessors, List<RecordParameter> recordParams) {
    String[] problem = Records.problem(owner);
    if (problem != null) {
      diagnostics.error(tree, RecordLowering.problem(problem));
      return;
    }
    RecordParameter r = Records.receiver(elements, owner);
    RecordType type = r.type();
    RecordLowering.RecordValue self =
        new RecordLowering.RecordValue(type, leaves(r, params, flatAccessors, recordParams));
    scopes.declareRecord("this", self);
    for (RecordType.Component c : type.components()) {
      Object component = self.component(c.name());
      if (component instanceof RecordLowering.RecordValue nested) {
        scopes.declareRecord(c.name(), nested);
      } else {
        Expr.Local leaf = (Expr.Local) component;
        scopes.declare(c.name(), leaf.name(), leaf.type());
      }
    }
  }

  /** Adds record parameter {@code r}'s leaves to the function's parameters, in scope; returns them. */
  private List<Expr> leaves(
      RecordParameter r, List<Parameter> params, List<String> flatAccessors, List<RecordParameter> recordParams) {
    recordParams.add(r);
    List<Expr> leaves = new ArrayList<>();
    for (Parameter leaf : Records.leaves(r)) {
      params.add(leaf);
      flatAccessors.add(leaf.differentiable() ? leaf.name() : null);
      scopes.parameter(leaf.name(), leaf.type());
      leaves.add(new Expr.Local(leaf.type(), leaf.name()));
    }
    return leaves;
  }

  /** The name of a record's receiver in the generated forms, and of its gradient's component. */
  public static final String RECEIVER = "receiver";

  /**
   * Takes apart parameter {@code p} when it is a record or an array of records (see {@link
   * RecordLowering}): its leaves join {@code params}, and its name is bound to them. Returns whether it
   * was one; a record that is not differentiable is reported.
   */
  private boolean recordParameter(
      MethodTree tree,
      int index,
      VariableElement p,
      String accessor,
      List<Parameter> params,
      List<String> flatAccessors,
      List<RecordParameter> recordParams) {
    TypeElement record = Records.of(p.asType()) != null ? Records.of(p.asType()) : Records.elementOf(p.asType());
    if (record == null) {
      return false;
    }
    String name = p.getSimpleName().toString();
    String[] problem = Records.problem(record);
    if (problem != null) {
      diagnostics.error(tree.getParameters().get(index), RecordLowering.problem(problem));
      scopes.parameter(name, Type.DOUBLE); // declared all the same: its uses report nothing more
      return true;
    }
    RecordParameter r = Records.parameter(elements, p, index, params.size(), accessor);
    if (r.array() && !r.type().allDoubles()) {
      diagnostics.error(
          tree.getParameters().get(index), Message.RECORD_ARRAY.format(name, r.type().type().simpleName()));
      scopes.parameter(name, Type.DOUBLE);
      return true;
    }
    List<Expr> leaves = leaves(r, params, flatAccessors, recordParams);
    scopes.declareRecord(
        name,
        r.array()
            ? new RecordLowering.RecordArray(r.type(), leaves.get(0))
            : new RecordLowering.RecordValue(r.type(), leaves));
    return true;
  }

  /**
   * What the method returns: {@code double}, or {@code double[]} for a vector-valued method and for one
   * returning a record (the record's leaves).
   */
  private Type returns() {
    return type(method.getReturnType()) == Type.DOUBLE_ARRAY || returnedRecord() != null
        ? Type.DOUBLE_ARRAY
        : Type.DOUBLE;
  }

  /** The record the method returns, or null. */
  private RecordType returnedRecord() {
    TypeElement record = Records.of(method.getReturnType());
    return record == null || Records.problem(record) != null ? null : Records.shape(elements, record);
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

  // -------------------------------------------------------------------------- what a part lowers again

  /** A block, in a scope of its own. */
  List<Stmt> block(List<? extends StatementTree> stmts) {
    return statements.block(stmts);
  }

  void statement(StatementTree s, List<Stmt> out) {
    statements.statement(s, out);
  }

  /** The expression {@code e} as a statement; {@code s} is the statement, or the expression of a case rule. */
  void expressionStatement(Tree s, ExpressionTree e, List<Stmt> out) {
    assignments.expressionStatement(s, e, out);
  }

  Expr expr(ExpressionTree t) {
    return expressions.expr(t);
  }

  /** The enums the method names (see {@link Enums}). */
  Enums enums() {
    return enums;
  }

  // ------------------------------------------------------------------------------- types of the subset

  /** The type of the subset a declared type is, or null when it is outside the subset. */
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

  /** The type an array type tree names: {@code double[]} or {@code double[][]}; else null. */
  static Type arrayType(ArrayTypeTree a) {
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

  /** The type of the subset a primitive type is, or null. */
  static Type primitive(TypeKind kind) {
    return switch (kind) {
      case DOUBLE -> Type.DOUBLE;
      case INT -> Type.INT;
      case LONG -> Type.LONG;
      case BOOLEAN -> Type.BOOLEAN;
      default -> null;
    };
  }
}
