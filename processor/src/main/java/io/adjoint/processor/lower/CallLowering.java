package io.adjoint.processor.lower;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import io.adjoint.processor.Message;
import io.adjoint.processor.ir.Callee;
import io.adjoint.processor.ir.Custom;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.MathFunction;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Which method a call names and what the IR makes of it: a {@code Math} or {@code StrictMath} function
 * with its derivative rule, a function with user-declared derivatives ({@code @Derivative}), or another
 * {@code @Differentiable} method whose generated code the caller uses. Overloads are chosen as javac
 * chooses them within the subset (exact types first, then widening); a call that none of these covers is
 * reported with what to do.
 */
final class CallLowering {
  private final Elements elements;
  private final TypeElement owner;
  private final boolean isStatic;
  private final Lowerer.Callees callees;
  private final NameResolution names;
  private final Scopes scopes;
  private final Enums enums;
  private final Diagnostics diagnostics;

  CallLowering(
      Elements elements,
      ExecutableElement method,
      Lowerer.Callees callees,
      NameResolution names,
      Scopes scopes,
      Enums enums,
      Diagnostics diagnostics) {
    this.elements = elements;
    this.owner = (TypeElement) method.getEnclosingElement();
    this.isStatic = method.getModifiers().contains(Modifier.STATIC);
    this.callees = callees;
    this.names = names;
    this.scopes = scopes;
    this.enums = enums;
    this.diagnostics = diagnostics;
  }

  /**
   * The call {@code call} with its arguments lowered to {@code args}; when lowering an argument reported
   * a problem ({@code argumentReported}), its type is unknown and the call is not resolved.
   */
  Expr call(
      MethodInvocationTree call,
      List<Expr> args,
      List<RecordLowering.Bound> recordArgs,
      RecordLowering.RecordValue receiver,
      TypeElement receiverType,
      boolean argumentReported) {
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
        for (TypeElement type : names.staticImports(name)) {
          if (isMath(type) && !methods(type, name).isEmpty()) {
            return passesRecord(recordArgs) ? recordToMath(call, name) : math(type, name, args, call);
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
        return diagnostics.unsupported(call, Message.CALL_ON_OBJECT.format(diagnostics.source(select)));
      } else if (receiver != null && receiverType != null && !(q instanceof IdentifierTree self && self.getName().contentEquals("this"))) {
        candidates.addAll(methods(receiverType, name)); // a method of a record, called on one
        viaReceiver = true;
      } else if (q instanceof IdentifierTree id && isEnumLocal(id.getName().toString())) {
        return name.equals("ordinal") && args.isEmpty()
            ? enums.ordinal(names.identifier(id))
            : diagnostics.unsupported(call, Message.ENUM_METHOD.format(diagnostics.source(call)));
      } else {
        TypeElement type = names.resolveType(q);
        if (type == null) {
          return diagnostics.unsupported(call, Message.CALL_ON_OBJECT.format(diagnostics.source(select)));
        }
        if (isMath(type)) {
          return passesRecord(recordArgs) ? recordToMath(call, name) : math(type, name, args, call);
        }
        candidates.addAll(methods(type, name));
      }
    } else {
      return diagnostics.unsupported(call, Message.UNSUPPORTED_EXPRESSION.format(diagnostics.source(call)));
    }
    if (argumentReported) {
      return Diagnostics.placeholder(); // resolving the call by an unknown argument type would mislead
    }
    String signature = name + "(" + argTypes(args, recordArgs) + ")";
    if (candidates.isEmpty()) {
      return diagnostics.unsupported(call, Message.UNRESOLVED_METHOD.format(name, argTypes(args, recordArgs)));
    }
    if (candidates.stream().noneMatch(c -> Naming.isDifferentiable(c) || callees.custom(c).isPresent())) {
      // whichever overload javac picks (varargs too), it has no derivative
      String holder = ((TypeElement) candidates.get(0).getEnclosingElement()).getSimpleName().toString();
      return diagnostics.unsupported(call, Message.NO_DERIVATIVE.format(holder + "." + signature));
    }
    List<ExecutableElement> applicable = new ArrayList<>();
    for (ExecutableElement c : candidates) {
      if (applicable(c, args, recordArgs, false)) {
        applicable.add(c);
      }
    }
    if (applicable.isEmpty()) {
      for (ExecutableElement c : candidates) {
        if (applicable(c, args, recordArgs, true)) {
          applicable.add(c);
        }
      }
    }
    if (applicable.isEmpty()) {
      return diagnostics.unsupported(call, Message.UNRESOLVED_METHOD.format(name, argTypes(args, recordArgs)));
    }
    if (applicable.size() > 1) {
      return diagnostics.unsupported(call, Message.AMBIGUOUS_CALL.format(signature));
    }
    ExecutableElement target = applicable.get(0);
    String display = ((TypeElement) target.getEnclosingElement()).getSimpleName() + "." + signature;
    Optional<Custom> custom = callees.custom(target);
    if (custom.isPresent() && passesRecord(recordArgs)) {
      return diagnostics.unsupported(call, Message.RECORD_FORM.format(display, "@Derivative rules"));
    }
    if (custom.isPresent()) {
      return customCall(call, target, custom.get(), args);
    }
    if (!Naming.isDifferentiable(target)) {
      return diagnostics.unsupported(call, Message.NO_DERIVATIVE.format(display));
    }
    boolean instance = !target.getModifiers().contains(Modifier.STATIC);
    boolean onRecord = instance && receiver != null && viaReceiver;
    if (instance && !onRecord && (isStatic || !viaReceiver)) {
      return diagnostics.unsupported(call, Message.CALL_ON_OBJECT.format(diagnostics.source(select)));
    }
    Optional<Callee> callee = callees.callee(target);
    if (callee.isEmpty()) {
      return diagnostics.unsupported(call, Message.CALLEE_FAILED.format(display));
    }
    List<Expr> passed = new ArrayList<>();
    if (onRecord) {
      passed.addAll(receiver.leaves()); // a record's instance method takes its receiver's leaves first
    }
    passed.addAll(flatten(args, recordArgs));
    return new Expr.DiffCall(callee.get(), passed, call);
  }

  /** The arguments with each record passed replaced by its leaves, an array of records by its flat array. */
  private static List<Expr> flatten(List<Expr> args, List<RecordLowering.Bound> recordArgs) {
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      RecordLowering.Bound record = recordArgs.get(i);
      if (record instanceof RecordLowering.RecordValue value) {
        out.addAll(value.leaves());
      } else if (record instanceof RecordLowering.RecordArray array) {
        out.add(array.flat());
      } else {
        out.add(args.get(i));
      }
    }
    return out;
  }

  private static boolean passesRecord(List<RecordLowering.Bound> recordArgs) {
    return recordArgs.stream().anyMatch(java.util.Objects::nonNull);
  }

  private Expr recordToMath(MethodInvocationTree call, String name) {
    return diagnostics.unsupported(call, Message.RECORD_FORM.format("Math." + name, "Math functions"));
  }

  /** A call to a function with declared derivatives: one for each of its double parameters. */
  private Expr customCall(MethodInvocationTree call, ExecutableElement target, Custom custom, List<Expr> args) {
    for (int i = 0; i < target.getParameters().size(); i++) {
      VariableElement p = target.getParameters().get(i);
      if (p.asType().getKind() == TypeKind.ARRAY) {
        return diagnostics.unsupported(call, Message.ARRAY_TYPE.format("@Derivative for " + p.asType()));
      }
      if (p.asType().getKind() == TypeKind.DOUBLE && custom.derivatives().get(i) == null) {
        String wrt = null;
        for (int j = 0; j < target.getParameters().size(); j++) {
          if (custom.derivatives().get(j) != null) {
            wrt = target.getParameters().get(j).getSimpleName().toString();
            break;
          }
        }
        return diagnostics.unsupported(
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

  private static String argTypes(List<Expr> args, List<RecordLowering.Bound> recordArgs) {
    List<String> types = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      RecordLowering.Bound record = recordArgs.get(i);
      types.add(record == null
          ? args.get(i).type().keyword()
          : record.type().type().simpleName() + (record instanceof RecordLowering.RecordArray ? "[]" : ""));
    }
    return String.join(", ", types);
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

  private boolean applicable(
      ExecutableElement m, List<Expr> args, List<RecordLowering.Bound> recordArgs, boolean widening) {
    if (m.getParameters().size() != args.size() || m.isVarArgs()) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      javax.lang.model.type.TypeMirror declared = m.getParameters().get(i).asType();
      RecordLowering.Bound record = recordArgs.get(i);
      TypeElement wanted =
          record instanceof RecordLowering.RecordArray ? Records.elementOf(declared) : Records.of(declared);
      if (record != null || wanted != null) {
        if (record == null || wanted == null || !Naming.classRef(elements, wanted).equals(record.type().type())) {
          return false;
        }
        continue;
      }
      Type p = Lowerer.type(declared);
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
      return diagnostics.unsupported(call, Message.MATH_NO_DERIVATIVE.format(name));
    }
    MathFunction fn = f.get();
    String qualified = type.getSimpleName() + "." + name;
    if (args.size() != fn.arity()) {
      return diagnostics.unsupported(call, Message.UNRESOLVED_METHOD.format(qualified, argTypes(args)));
    }
    Type promoted = args.get(0).type();
    for (Expr a : args) {
      if (!a.type().isNumeric()) {
        return diagnostics.unsupported(call, Message.OPERAND_TYPES.format(qualified, a.type().keyword()));
      }
      promoted = Type.promote(promoted, a.type());
    }
    if (fn == MathFunction.SCALB) {
      if (args.get(1).type() != Type.INT) {
        return diagnostics.unsupported(call, Message.UNRESOLVED_METHOD.format(qualified, argTypes(args)));
      }
      promoted = args.get(0).type();
    }
    if (!fn.floatOverloaded().isEmpty()
        && fn.floatOverloaded().stream().noneMatch(i -> args.get(i).type() == Type.DOUBLE)) {
      // Java would pick the float overload, whose results differ: float is outside the subset
      return diagnostics.unsupported(call, Message.MATH_FLOAT_OVERLOAD.format(name, argTypes(args)));
    }
    Type result = fn.resultType(promoted);
    if (fn == MathFunction.ROUND && promoted != Type.DOUBLE) {
      result = Type.INT; // Math.round(float) is chosen for int and long arguments
    }
    boolean strict = type.getQualifiedName().contentEquals("java.lang.StrictMath");
    return new Expr.MathCall(fn, strict, args, result);
  }

  private boolean isEnumLocal(String name) {
    Scopes.Local local = scopes.lookup(name);
    return local != null && local.type() == Type.ENUM;
  }
}
