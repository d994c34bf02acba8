package io.adjoint.processor.lower;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import io.adjoint.processor.Message;
import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.RecordType;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Records in a method's body, taken apart as they are lowered: a record value is one IR expression per
 * leaf ({@link RecordValue}), so that {@code p.pos().x()} is the leaf {@code p$pos$x}, {@code new
 * Point(a, b)} is {@code [a, b]}, a record local is one local per leaf, and a record passed to a
 * {@code @Differentiable} method is its leaves, in order. An array of records is one {@code double[]} of
 * its elements' leaves in turn ({@link RecordArray}), so {@code ps[i].x()} reads {@code ps$flat[i * k +
 * j]}. No record object exists in the IR; the writer builds and takes apart records only at the generated
 * method's edges.
 */
final class RecordLowering {
  /** What a record name is bound to: a record's leaves, or an array of records' flat array. */
  sealed interface Bound permits RecordValue, RecordArray {
    RecordType type();
  }

  /** A record value: its type and one IR expression per leaf, in {@link RecordType#leaves} order. */
  record RecordValue(RecordType type, List<Expr> leaves) implements Bound {
    RecordValue {
      leaves = List.copyOf(leaves);
    }

    /** Component {@code name}: a leaf's expression, or a nested record's value. */
    Object component(String name) {
      RecordType.Component c = type.component(name);
      int first = type.firstLeaf(name);
      if (c.nested() == null) {
        return leaves.get(first);
      }
      return new RecordValue(c.nested(), leaves.subList(first, first + c.nested().leaves().size()));
    }
  }

  /** An array of records whose leaves are all doubles: the {@code double[]} of their leaves, in turn. */
  record RecordArray(RecordType type, Expr flat) implements Bound {
    int stride() {
      return type.leaves().size();
    }

    Expr length() {
      return new Expr.Binary(BinaryOp.DIV, new Expr.Length(flat), intLiteral(stride()), Type.INT);
    }

    RecordValue element(Expr index) {
      List<Expr> leaves = new ArrayList<>();
      Expr base = stride() == 1 ? index : new Expr.Binary(BinaryOp.MUL, index, intLiteral(stride()), Type.INT);
      for (int j = 0; j < stride(); j++) {
        Expr at = j == 0 ? base : new Expr.Binary(BinaryOp.ADD, base, intLiteral(j), Type.INT);
        leaves.add(new Expr.ArrayRead(flat, at, Type.DOUBLE));
      }
      return new RecordValue(type, leaves);
    }
  }

  private final Elements elements;
  /** The class of the method being lowered, where unqualified calls are looked up. */
  private final TypeElement owner;
  private final NameResolution names;
  private final Scopes scopes;
  private final Diagnostics diagnostics;
  /** The scalar expressions' lowering: set once both parts exist. */
  private Function<ExpressionTree, Expr> expressions;
  /** The lowering of a call, a record-returning one included (its value is the array of the record's leaves). */
  private Function<MethodInvocationTree, Expr> calls;

  RecordLowering(Elements elements, TypeElement owner, NameResolution names, Scopes scopes, Diagnostics diagnostics) {
    this.elements = elements;
    this.owner = owner;
    this.names = names;
    this.scopes = scopes;
    this.diagnostics = diagnostics;
  }

  void expressions(Function<ExpressionTree, Expr> lowering, Function<MethodInvocationTree, Expr> callLowering) {
    this.expressions = lowering;
    this.calls = callLowering;
  }

  static Expr intLiteral(int value) {
    return new Expr.Literal(Type.INT, Integer.toString(value));
  }

  // ------------------------------------------------------------------------------ what a tree is

  /** The record or array of records a name is bound to, or null. */
  Bound bound(ExpressionTree t) {
    while (t instanceof ParenthesizedTree p) {
      t = p.getExpression();
    }
    if (t instanceof IdentifierTree id) {
      Scopes.Local local = scopes.lookup(id.getName().toString());
      return local == null ? null : local.record();
    }
    return null;
  }

  /** Whether {@code t} is an array of records (a parameter). */
  boolean isArray(ExpressionTree t) {
    return bound(t) instanceof RecordArray;
  }

  /** Whether {@code t} is a record value; decided from the tree and the names in scope, lowering nothing. */
  boolean isRecord(ExpressionTree t) {
    return switch (t.getKind()) {
      case PARENTHESIZED -> isRecord(((ParenthesizedTree) t).getExpression());
      case IDENTIFIER -> bound(t) instanceof RecordValue;
      case NEW_CLASS -> created((NewClassTree) t) != null;
      case ARRAY_ACCESS -> isArray(((ArrayAccessTree) t).getExpression());
      case CONDITIONAL_EXPRESSION -> {
        ConditionalExpressionTree c = (ConditionalExpressionTree) t;
        yield isRecord(c.getTrueExpression()) && isRecord(c.getFalseExpression());
      }
      case METHOD_INVOCATION -> {
        MethodInvocationTree call = (MethodInvocationTree) t;
        RecordType.Component c = accessed(call);
        yield c != null ? c.nested() != null : returned(call) != null;
      }
      case MEMBER_SELECT -> {
        RecordType.Component c = selected((MemberSelectTree) t);
        yield c != null && c.nested() != null;
      }
      default -> false;
    };
  }

  /**
   * The record a call returns, when it calls a {@code @Differentiable} method returning one (named
   * unqualified, or qualified by a class); else null. Found from the method's name and the number of its
   * arguments, as javac would first look for it, before the arguments are lowered: an overload of
   * another arity may return a double.
   */
  RecordType returned(MethodInvocationTree call) {
    List<TypeElement> holders = new ArrayList<>();
    String name;
    if (call.getMethodSelect() instanceof IdentifierTree id) {
      name = id.getName().toString();
      for (javax.lang.model.element.Element e = owner; e instanceof TypeElement type; e = e.getEnclosingElement()) {
        holders.add(type);
      }
    } else if (call.getMethodSelect() instanceof MemberSelectTree m
        && !(m.getExpression() instanceof IdentifierTree q && scopes.lookup(q.getName().toString()) != null)
        && !isRecord(m.getExpression())) {
      name = m.getIdentifier().toString();
      TypeElement type = names.resolveType(m.getExpression());
      if (type == null) {
        return null;
      }
      holders.add(type);
    } else {
      return null;
    }
    for (TypeElement holder : holders) {
      for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(holder))) {
        TypeElement record = Records.of(method.getReturnType());
        if (method.getSimpleName().contentEquals(name)
            && record != null
            && takes(method, call.getArguments().size())
            && Naming.isDifferentiable(method)
            && Records.problem(record) == null) {
          return Records.shape(elements, record);
        }
      }
    }
    return null;
  }

  /** Whether {@code method} can be called with {@code count} arguments. */
  private static boolean takes(ExecutableElement method, int count) {
    int parameters = method.getParameters().size();
    return method.isVarArgs() ? count >= parameters - 1 : count == parameters;
  }

  /** Whether {@code t} reads a component of an array type: {@code layer.weights()}, {@code this.weights}. */
  boolean isArrayComponent(ExpressionTree t) {
    while (t instanceof ParenthesizedTree p) {
      t = p.getExpression();
    }
    // read through its accessor, or as a field: this.w in a method of the record
    RecordType.Component c = t instanceof MethodInvocationTree call ? accessed(call)
        : t instanceof MemberSelectTree m ? selected(m)
        : null;
    return c != null && c.nested() == null && c.type().isArray();
  }

  /** The component an accessor call {@code r.c()} on a record value names, or null. */
  private RecordType.Component accessed(MethodInvocationTree call) {
    if (!call.getArguments().isEmpty()) {
      return null;
    }
    if (call.getMethodSelect() instanceof IdentifierTree id && receiver() != null) {
      return receiver().type().component(id.getName().toString()); // x() in a method of the record
    }
    if (!(call.getMethodSelect() instanceof MemberSelectTree m) || !isRecord(m.getExpression())) {
      return null;
    }
    RecordType type = typeOf(m.getExpression());
    return type == null ? null : type.component(m.getIdentifier().toString());
  }

  /** In an instance method of a record, the receiver's value (bound to {@code this}); else null. */
  RecordValue receiver() {
    Scopes.Local self = scopes.lookup("this");
    return self != null && self.record() instanceof RecordValue value ? value : null;
  }

  /** The record a call is made on: its qualifier's value, or the receiver for an unqualified call. */
  RecordValue target(MethodInvocationTree call) {
    return call.getMethodSelect() instanceof MemberSelectTree m ? value(m.getExpression()) : receiver();
  }

  /** The component a field access {@code r.c} on a record value names ({@code this.x} in the record), or null. */
  RecordType.Component selected(MemberSelectTree m) {
    if (!isRecord(m.getExpression())) {
      return null;
    }
    RecordType type = typeOf(m.getExpression());
    return type == null ? null : type.component(m.getIdentifier().toString());
  }

  /** A field access {@code r.c} of a component of a primitive or array type: its leaf. */
  Expr field(MemberSelectTree m) {
    return (Expr) value(m.getExpression()).component(m.getIdentifier().toString());
  }

  /** The record type of a record-valued tree, without lowering it. */
  private RecordType typeOf(ExpressionTree t) {
    return switch (t.getKind()) {
      case PARENTHESIZED -> typeOf(((ParenthesizedTree) t).getExpression());
      case IDENTIFIER, ARRAY_ACCESS -> {
        Bound b = bound(t instanceof ArrayAccessTree a ? a.getExpression() : t);
        yield b == null ? null : b.type();
      }
      case NEW_CLASS -> {
        TypeElement e = created((NewClassTree) t);
        yield e == null ? null : Records.shape(elements, e);
      }
      case CONDITIONAL_EXPRESSION -> typeOf(((ConditionalExpressionTree) t).getTrueExpression());
      case METHOD_INVOCATION -> {
        RecordType.Component c = accessed((MethodInvocationTree) t);
        yield c != null ? c.nested() : returned((MethodInvocationTree) t);
      }
      case MEMBER_SELECT -> {
        RecordType.Component c = selected((MemberSelectTree) t);
        yield c == null ? null : c.nested();
      }
      default -> null;
    };
  }

  /** The record class {@code new R(…)} creates, or null when it creates no record. */
  private TypeElement created(NewClassTree n) {
    if (n.getClassBody() != null) {
      return null;
    }
    TypeElement type = names.resolveType(n.getIdentifier());
    return type != null && type.getKind() == javax.lang.model.element.ElementKind.RECORD ? type : null;
  }

  // ------------------------------------------------------------------------------------- lowering

  /** The record value of a tree {@link #isRecord} accepts. */
  RecordValue value(ExpressionTree t) {
    switch (t.getKind()) {
      case PARENTHESIZED:
        return value(((ParenthesizedTree) t).getExpression());
      case IDENTIFIER:
        return (RecordValue) bound(t);
      case ARRAY_ACCESS: {
        ArrayAccessTree a = (ArrayAccessTree) t;
        Expr index = expressions.apply(a.getIndex());
        if (index.type() != Type.INT && index.type() != Type.LONG) {
          diagnostics.error(a.getIndex(), Message.OPERAND_TYPES.format("[]", index.type().keyword()));
        }
        return ((RecordArray) bound(a.getExpression())).element(index);
      }
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree c = (ConditionalExpressionTree) t;
        Expr condition = expressions.apply(c.getCondition());
        RecordValue ifTrue = value(c.getTrueExpression());
        RecordValue ifFalse = value(c.getFalseExpression());
        if (!ifTrue.type().type().equals(ifFalse.type().type())) {
          diagnostics.error(t, Message.RECORD_VALUE.format(diagnostics.source(t), "records of one type"));
          return ifTrue;
        }
        if (ifTrue.type().leaves().stream().anyMatch(l -> l.type().isArray())) {
          diagnostics.error(t, Message.RECORD_CONDITIONAL.format(diagnostics.source(t)));
          return ifTrue;
        }
        List<Expr> leaves = new ArrayList<>();
        for (int i = 0; i < ifTrue.leaves().size(); i++) {
          Expr left = ifTrue.leaves().get(i);
          leaves.add(new Expr.Conditional(condition, left, ifFalse.leaves().get(i), left.type()));
        }
        return new RecordValue(ifTrue.type(), leaves);
      }
      case METHOD_INVOCATION: {
        MethodInvocationTree call = (MethodInvocationTree) t;
        RecordType.Component c = accessed(call);
        if (c == null) {
          return returnedBy(call);
        }
        return (RecordValue) target(call).component(c.name());
      }
      case MEMBER_SELECT: {
        MemberSelectTree m = (MemberSelectTree) t;
        return (RecordValue) value(m.getExpression()).component(m.getIdentifier().toString());
      }
      default:
        return create((NewClassTree) t);
    }
  }

  /**
   * The record a call returns: each leaf an entry of the call's {@code double[]} (the callee is inlined;
   * {@link #declare} computes it once where the record is kept in a local).
   */
  private RecordValue returnedBy(MethodInvocationTree call) {
    RecordType type = returned(call);
    Expr array = calls.apply(call);
    List<Expr> leaves = new ArrayList<>();
    for (int j = 0; j < type.leaves().size(); j++) {
      leaves.add(new Expr.ArrayRead(array, intLiteral(j), Type.DOUBLE));
    }
    return new RecordValue(type, leaves);
  }

  /** {@code new R(a, b, …)}: its arguments, each lowered once, as the leaves. */
  private RecordValue create(NewClassTree n) {
    TypeElement element = created(n);
    String[] problem = Records.problem(element);
    if (problem != null) {
      diagnostics.error(n, problem(problem));
      return placeholder(element);
    }
    RecordType type = Records.shape(elements, element);
    List<Expr> leaves = new ArrayList<>();
    if (n.getArguments().size() != type.components().size()) {
      diagnostics.error(n, Message.UNSUPPORTED_EXPRESSION.format(diagnostics.source(n)));
      return placeholder(element);
    }
    for (int i = 0; i < type.components().size(); i++) {
      RecordType.Component c = type.components().get(i);
      ExpressionTree arg = n.getArguments().get(i);
      if (c.nested() != null) {
        if (!isRecord(arg) || !c.nested().type().equals(typeOf(arg).type())) {
          diagnostics.error(arg, Message.RECORD_VALUE.format(diagnostics.source(arg), "a " + c.nested().type().simpleName()));
          leaves.addAll(placeholder(c.nested()).leaves());
        } else {
          leaves.addAll(value(arg).leaves());
        }
        continue;
      }
      int errorsBefore = diagnostics.errors();
      Expr e = expressions.apply(arg);
      if (!c.type().accepts(e.type()) && diagnostics.errors() == errorsBefore) {
        String conversion = e.type().keyword() + " to " + c.type().keyword();
        diagnostics.error(arg, Message.OPERAND_TYPES.format("new " + type.type().simpleName(), conversion));
      }
      leaves.add(c.type() != e.type() && c.type().isNumeric() ? new Expr.Cast(c.type(), e) : e);
    }
    return new RecordValue(type, leaves);
  }

  private RecordValue placeholder(TypeElement element) {
    RecordType type = Records.problem(element) == null ? Records.shape(elements, element) : null;
    return type == null ? reported() : placeholder(type);
  }

  /** The stand-in for a record already reported, of no type: its uses report nothing more. */
  static RecordValue reported() {
    return new RecordValue(new RecordType(null, null, false, List.of()), List.of());
  }

  private static RecordValue placeholder(RecordType type) {
    List<Expr> leaves = new ArrayList<>();
    for (RecordType.Leaf l : type.leaves()) {
      leaves.add(Diagnostics.placeholder());
    }
    return new RecordValue(type, leaves);
  }

  /** A problem of a record type as a message (see {@link Records#problem}). */
  static String problem(String[] problem) {
    return problem.length == 1
        ? Message.RECORD_HIDDEN.format(problem[0])
        : Message.RECORD_COMPONENT.format(problem[0], problem[1], problem[2]);
  }

  /**
   * A call on a record value, {@code r.x()}: the leaf of a component of a primitive or array type. A
   * nested record's accessor is a record value ({@link #value}), not an expression; any other method is
   * reported.
   */
  Expr accessor(MethodInvocationTree call) {
    RecordType.Component c = accessed(call);
    if (c.nested() != null) {
      return diagnostics.unsupported(call, Message.RECORD_VALUE.format(diagnostics.source(call), accessorExample(call)));
    }
    return (Expr) target(call).component(c.name());
  }

  /** Whether {@code call} reads a component: {@code r.x()}, or {@code x()} in a method of the record. */
  boolean isAccessor(MethodInvocationTree call) {
    return accessed(call) != null;
  }

  /** Whether {@code call} is a call on a record value (an accessor or another method). */
  boolean isCallOnRecord(MethodInvocationTree call) {
    return call.getMethodSelect() instanceof MemberSelectTree m && (isRecord(m.getExpression()) || isArray(m.getExpression()));
  }

  /** The record class of a record value's type. */
  TypeElement element(RecordType type) {
    if (type.type() == null) {
      return null; // the stand-in for a record already reported
    }
    String name = type.type().packageName().isEmpty()
        ? String.join(".", type.type().simpleNames())
        : type.type().packageName() + "." + String.join(".", type.type().simpleNames());
    return elements.getTypeElement(name);
  }

  /** How to read a component of the record {@code t} is: {@code p.x()}, for messages. */
  String accessorExample(ExpressionTree t) {
    RecordType type = typeOf(t);
    String first = type == null || type.components().isEmpty() ? "x" : type.components().get(0).name();
    return diagnostics.source(t) + "." + first + "()";
  }

  /** {@code records.length} for an array of records. */
  Expr length(ExpressionTree array) {
    return ((RecordArray) bound(array)).length();
  }

  // ----------------------------------------------------------------------------------------- locals

  /**
   * Declares the record local {@code name} as one local per leaf, initialized from {@code value}'s
   * leaves; an array leaf is bound to the array it names, so it must name one.
   */
  void declare(Tree at, String name, RecordValue value, int line, String source, List<Stmt> out) {
    value = once(value, name, line, source, out);
    List<Expr> leaves = new ArrayList<>();
    List<RecordType.Leaf> shape = value.type().leaves();
    for (int i = 0; i < shape.size(); i++) {
      RecordType.Leaf leaf = shape.get(i);
      Expr init = value.leaves().get(i);
      if (leaf.type().isArray()) {
        // a literal is the stand-in for an argument already reported
        if (!(init instanceof Expr.Local || init instanceof Expr.Field || init instanceof Expr.Literal)) {
          diagnostics.error(at, Message.RECORD_LOCAL.format(source));
          scopes.declareRecord(name, reported()); // its reads report nothing more
          return;
        }
        leaves.add(init);
        continue;
      }
      String ir = scopes.unique(leaf.name(name));
      out.add(new Stmt.Declare(ir, leaf.type(), init, line, i == 0 ? source : null));
      leaves.add(new Expr.Local(leaf.type(), ir));
    }
    scopes.declareRecord(name, new RecordValue(value.type(), leaves));
  }

  /**
   * A record returned by a call, its array kept in a local {@code name$} so that the call is made once;
   * any other value as it is.
   */
  private RecordValue once(RecordValue value, String name, int line, String source, List<Stmt> out) {
    if (value.leaves().isEmpty()
        || !(value.leaves().get(0) instanceof Expr.ArrayRead first && first.array() instanceof Expr.DiffCall call)) {
      return value;
    }
    String array = scopes.unique(name + "$");
    out.add(new Stmt.Declare(array, Type.DOUBLE_ARRAY, call, line, source));
    List<Expr> leaves = new ArrayList<>();
    for (Expr leaf : value.leaves()) {
      leaves.add(new Expr.ArrayRead(new Expr.Local(Type.DOUBLE_ARRAY, array), ((Expr.ArrayRead) leaf).index(), Type.DOUBLE));
    }
    return new RecordValue(value.type(), leaves);
  }

  private static boolean readsAny(Expr e, java.util.Set<String> names) {
    if (e instanceof Expr.Local l) {
      return names.contains(l.name());
    }
    return e.operands().stream().anyMatch(o -> readsAny(o, names));
  }

  /** {@code local = value} for a record local: each scalar leaf assigned; array leaves may not change. */
  void assign(Tree at, RecordValue local, RecordValue value, int line, String source, List<Stmt> out) {
    if (!local.type().type().equals(value.type().type())) {
      diagnostics.error(at, Message.RECORD_VALUE.format(source, "a " + local.type().type().simpleName()));
      return;
    }
    value = once(value, ((Expr.Local) local.leaves().get(0)).name(), line, source, out);
    // q = new Q(q.b(), q.a()): a new value reading a leaf assigned before it is computed first, into a
    // local of its own, so that it reads the old record's leaf
    java.util.Set<String> assigned = new java.util.HashSet<>();
    for (Expr target : local.leaves()) {
      if (!target.type().isArray()) {
        assigned.add(((Expr.Local) target).name());
      }
    }
    List<Expr> staged = new ArrayList<>(value.leaves());
    for (int i = 0; i < staged.size(); i++) {
      Expr target = local.leaves().get(i);
      if (!target.type().isArray() && readsAny(staged.get(i), assigned)) {
        String before = scopes.unique(((Expr.Local) target).name() + "$");
        out.add(new Stmt.Declare(before, target.type(), staged.get(i), line, null));
        staged.set(i, new Expr.Local(target.type(), before));
      }
    }
    for (int i = 0; i < local.leaves().size(); i++) {
      Expr target = local.leaves().get(i);
      Expr v = staged.get(i);
      if (target.type().isArray()) {
        if (!target.equals(v)) {
          diagnostics.error(at, Message.RECORD_LOCAL.format(source));
          return;
        }
        continue;
      }
      out.add(new Stmt.Assign(((Expr.Local) target).name(), v, line, i == 0 ? source : null));
    }
  }
}
