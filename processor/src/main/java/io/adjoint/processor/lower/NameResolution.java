package io.adjoint.processor.lower;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import io.adjoint.processor.Message;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.lower.Scopes.Local;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * What a name in a method body means, found as javac would find it without attributing the body: a
 * local in scope, a field of the class, its supertypes or an enclosing class, a statically imported
 * field, or a type (nested, imported, of the same package, or of {@code java.lang}). Reading a field
 * becomes a constant where it has one, and a field read of the IR otherwise.
 */
final class NameResolution {
  private final Elements elements;
  private final CompilationUnitTree unit;
  private final ExecutableElement method;
  private final TypeElement owner;
  private final boolean isStatic;
  private final Scopes scopes;
  private final ArrayAliases aliases;
  private final Enums enums;
  private final Diagnostics diagnostics;

  NameResolution(
      Elements elements,
      CompilationUnitTree unit,
      ExecutableElement method,
      Scopes scopes,
      ArrayAliases aliases,
      Enums enums,
      Diagnostics diagnostics) {
    this.elements = elements;
    this.unit = unit;
    this.method = method;
    this.owner = (TypeElement) method.getEnclosingElement();
    this.isStatic = method.getModifiers().contains(Modifier.STATIC);
    this.scopes = scopes;
    this.aliases = aliases;
    this.enums = enums;
    this.diagnostics = diagnostics;
  }

  Elements elements() {
    return elements;
  }

  Expr identifier(IdentifierTree id) {
    String name = id.getName().toString();
    Local local = scopes.lookup(name);
    if (local != null) {
      Expr named = aliases.target(local.name());
      return named != null ? named : new Expr.Local(local.type(), local.name());
    }
    if (name.equals("this") || name.equals("super")) {
      return diagnostics.unsupported(id, Message.UNSUPPORTED_EXPRESSION.format("'" + name + "' as a value"));
    }
    VariableElement field = field(name);
    if (field == null) {
      field = staticallyImportedField(name);
    }
    if (field == null) {
      return diagnostics.unsupported(id, Message.UNRESOLVED_NAME.format(name));
    }
    return fieldRead(field, id, diagnostics.source(id));
  }

  /** A field visible by simple name: of the class, its supertypes, or an enclosing class. */
  VariableElement field(String name) {
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
  List<TypeElement> staticImports(String name) {
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

  /**
   * {@code this.x}, {@code Type.X} or {@code pkg.Type.X} (an array's {@code length} is taken by
   * {@link ExpressionLowering} before it asks here).
   */
  Expr memberSelect(MemberSelectTree m) {
    String name = m.getIdentifier().toString();
    ExpressionTree q = m.getExpression();
    if (q instanceof IdentifierTree id && id.getName().contentEquals("this")) {
      for (VariableElement f : ElementFilter.fieldsIn(elements.getAllMembers(owner))) {
        if (f.getSimpleName().contentEquals(name)) {
          return fieldRead(f, m, diagnostics.source(m));
        }
      }
      return diagnostics.unsupported(m, Message.UNRESOLVED_NAME.format(diagnostics.source(m)));
    }
    if (q instanceof IdentifierTree id && scopes.lookup(id.getName().toString()) != null) {
      return diagnostics.unsupported(m, Message.UNSUPPORTED_EXPRESSION.format(diagnostics.source(m)));
    }
    TypeElement type = resolveType(q);
    if (type != null) {
      for (VariableElement f : ElementFilter.fieldsIn(elements.getAllMembers(type))) {
        if (f.getSimpleName().contentEquals(name) && f.getModifiers().contains(Modifier.STATIC)) {
          return fieldRead(f, m, diagnostics.source(m));
        }
      }
      return diagnostics.unsupported(m, Message.UNRESOLVED_NAME.format(diagnostics.source(m)));
    }
    return diagnostics.unsupported(m, Message.UNSUPPORTED_EXPRESSION.format(diagnostics.source(m)));
  }

  /** Whether {@code q} names an array: a local or field of array type, or an element of a matrix. */
  boolean isArrayValued(ExpressionTree q) {
    if (q instanceof ArrayAccessTree) {
      return true;
    }
    if (q instanceof IdentifierTree id) {
      Local local = scopes.lookup(id.getName().toString());
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
        return diagnostics.unsupported(at, Message.FIELD_TYPE.format(text, f.asType()));
      }
      return literal;
    }
    Type type = Lowerer.type(f.asType());
    if (type == null) {
      return diagnostics.unsupported(at, Message.FIELD_TYPE.format(text, f.asType()));
    }
    if (f.getModifiers().contains(Modifier.PRIVATE) || inPrivateClass(holder)) {
      return diagnostics.unsupported(at, Message.FIELD_PRIVATE.format(text));
    }
    if (!isStaticField && isStatic) {
      return diagnostics.unsupported(at, Message.INSTANCE_FIELD_IN_STATIC.format(text, method.getSimpleName()));
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
      return ExpressionLowering.doubleLiteral(d);
    }
    if (c instanceof Float fl) {
      return ExpressionLowering.doubleLiteral(fl.doubleValue());
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
  TypeElement resolveType(ExpressionTree t) {
    if (t instanceof IdentifierTree id) {
      String name = id.getName().toString();
      if (scopes.lookup(name) != null) {
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
}
