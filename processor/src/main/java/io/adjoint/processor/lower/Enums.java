package io.adjoint.processor.lower;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Enum values as data: parameters of an enum type and its constants ({@code Mode.FAST}), passed through
 * like an {@code int}, compared with {@code ==} and {@code !=}, switched on (see {@link SwitchLowering}),
 * passed on to other {@code @Differentiable} methods. In the IR they are {@link Type#ENUM} leaves that
 * generated code prints as written: a parameter's name, {@code Mode.FAST}. They are never kept in a local
 * (nor assigned), so no later stage declares, tapes or computes with one; which enum a value is of is kept
 * here, beside the IR.
 */
final class Enums {
  private final Elements elements;
  /** The enum class of each enum-valued parameter, by IR name. */
  private final Map<String, TypeElement> parameters = new HashMap<>();
  /** The enum class of each constant or field read lowered so far. */
  private final Map<Expr, TypeElement> reads = new IdentityHashMap<>();

  Enums(Elements elements) {
    this.elements = elements;
  }

  /** The enum class of type {@code t}, or null when {@code t} is no enum. */
  static TypeElement of(TypeMirror t) {
    return t.getKind() == TypeKind.DECLARED
            && ((DeclaredType) t).asElement() instanceof TypeElement e
            && e.getKind() == ElementKind.ENUM
        ? e
        : null;
  }

  /** Whether generated code, in the package of {@code e}, cannot name {@code e}. */
  static boolean hidden(TypeElement e) {
    for (Element at = e; at instanceof TypeElement; at = at.getEnclosingElement()) {
      if (at.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  /** Parameter {@code irName} is of enum {@code type} (null if of no enum): the class generated code names. */
  io.adjoint.processor.ir.ClassRef parameter(String irName, TypeElement type) {
    if (type == null) {
      return null;
    }
    parameters.put(irName, type);
    return Naming.classRef(elements, type);
  }

  /** {@code read}, an enum-valued field or constant of class {@code type}, remembered as such. */
  Expr field(Expr read, TypeElement type) {
    reads.put(read, type);
    return read;
  }

  /** The enum class of {@code e}, an enum value; null when unknown. */
  TypeElement classOf(Expr e) {
    return e instanceof Expr.Local l ? parameters.get(l.name()) : reads.get(e);
  }

  /** The constant {@code name} of enum {@code type}, or null if it has none. */
  Expr constant(TypeElement type, String name) {
    return constants(type).contains(name)
        ? field(new Expr.Field(Type.ENUM, Naming.classRef(elements, type), name), type)
        : null;
  }

  /**
   * {@code value.ordinal()}, as the int chain {@code value == A ? 0 : value == B ? 1 : …}: every later stage
   * knows it, and it is the ordinal the enum has when compiled with this method.
   */
  Expr ordinal(Expr value) {
    TypeElement type = classOf(value);
    List<String> names = constants(type);
    Expr chain = new Expr.Literal(Type.INT, Integer.toString(Math.max(0, names.size() - 1)));
    for (int i = names.size() - 2; i >= 0; i--) {
      Expr test = new Expr.Binary(BinaryOp.EQ, value, constant(type, names.get(i)), Type.BOOLEAN);
      chain = new Expr.Conditional(test, new Expr.Literal(Type.INT, Integer.toString(i)), chain, Type.INT);
    }
    return chain;
  }

  /** The names of the constants of {@code type}, in declaration order. */
  static List<String> constants(TypeElement type) {
    List<String> names = new ArrayList<>();
    for (Element e : type.getEnclosedElements()) {
      if (e.getKind() == ElementKind.ENUM_CONSTANT) {
        names.add(e.getSimpleName().toString());
      }
    }
    return names;
  }
}
