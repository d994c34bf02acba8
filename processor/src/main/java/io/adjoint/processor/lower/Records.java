package io.adjoint.processor.lower;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.RecordParameter;
import io.adjoint.processor.ir.RecordType;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Which Java records are differentiable, and their shape ({@link RecordType}) read from their
 * declarations: components of the subset's primitive and array types, or differentiable records, nested
 * to any depth, in a record the generated code can name. A record that is not says why in {@link
 * #problem}.
 */
public final class Records {
  private Records() {}

  /** The record class of type {@code t}, or null when {@code t} is no record (arrays neither). */
  public static TypeElement of(TypeMirror t) {
    return t.getKind() == TypeKind.DECLARED
            && ((DeclaredType) t).asElement() instanceof TypeElement e
            && e.getKind() == ElementKind.RECORD
        ? e
        : null;
  }

  /** The record class of the elements of an array type {@code t}, or null. */
  public static TypeElement elementOf(TypeMirror t) {
    return t.getKind() == TypeKind.ARRAY ? of(((ArrayType) t).getComponentType()) : null;
  }

  /** The shape of differentiable record {@code record}; null when {@link #problem} has one. */
  public static RecordType shape(Elements elements, TypeElement record) {
    return problem(record) != null ? null : build(elements, record);
  }

  private static RecordType build(Elements elements, TypeElement record) {
    List<RecordType.Component> components = new ArrayList<>();
    for (RecordComponentElement c : record.getRecordComponents()) {
      TypeMirror t = c.asType();
      TypeElement nested = of(t);
      String name = c.getSimpleName().toString();
      if (nested != null) {
        components.add(new RecordType.Component(name, null, build(elements, nested)));
      } else {
        components.add(new RecordType.Component(name, Lowerer.type(t), null));
      }
    }
    ClassRef ref = Naming.classRef(elements, record);
    ClassRef tangent = new ClassRef(ref.packageName(), List.of(RecordType.tangentName(ref.simpleNames())));
    return new RecordType(ref, tangent, isPublic(record), components);
  }

  /**
   * What keeps {@code record} from being differentiable, as {@code [record, component, type]} for the
   * first component of another type (nested records searched), or {@code [record]} when it or a class
   * around it is private or generic; null when it is differentiable.
   */
  public static String[] problem(TypeElement record) {
    return problem(record, new HashSet<>());
  }

  private static String[] problem(TypeElement record, Set<TypeElement> seen) {
    if (Enums.hidden(record) || !record.getTypeParameters().isEmpty() || !seen.add(record)) {
      return new String[] {record.getQualifiedName().toString()};
    }
    for (RecordComponentElement c : record.getRecordComponents()) {
      TypeMirror t = c.asType();
      TypeElement nested = of(t);
      if (nested != null) {
        String[] inner = problem(nested, seen);
        if (inner != null) {
          return inner;
        }
        continue;
      }
      Type type = Lowerer.type(t);
      if (type == null || type == Type.ENUM) {
        return new String[] {record.getQualifiedName().toString(), c.getSimpleName().toString(), t.toString()};
      }
    }
    seen.remove(record);
    return null;
  }

  /** Whether a differentiable record has a leaf that carries derivatives (a double or double array). */
  public static boolean carriesDerivatives(TypeElement record) {
    for (RecordComponentElement c : record.getRecordComponents()) {
      TypeElement nested = of(c.asType());
      Type type = nested == null ? Lowerer.type(c.asType()) : null;
      if (nested != null ? carriesDerivatives(nested) : type != null && type.carriesDerivatives()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parameter {@code p}, declared at {@code index}, as a record parameter whose leaves start at flat
   * position {@code first}; null when {@code p} is neither a record nor an array of one, or when its
   * record is not differentiable (reported by the caller).
   */
  public static RecordParameter parameter(
      Elements elements, VariableElement p, int index, int first, String accessor) {
    TypeElement record = of(p.asType());
    boolean array = record == null;
    if (array) {
      record = elementOf(p.asType());
    }
    if (record == null || problem(record) != null) {
      return null;
    }
    RecordType type = build(elements, record);
    int count = array ? 1 : type.leaves().size();
    return new RecordParameter(p.getSimpleName().toString(), type, array, index, first, count, accessor);
  }

  /**
   * The receiver of an instance method of differentiable record {@code record}, taken apart as the first
   * record parameter, {@code receiver}: the gradient's component of that name, first after the value.
   */
  public static RecordParameter receiver(Elements elements, TypeElement record) {
    RecordType type = build(elements, record);
    return new RecordParameter(
        Lowerer.RECEIVER, type, false, -1, 0, type.leaves().size(), type.carriesDerivatives() ? Lowerer.RECEIVER : null);
  }

  /** The parameters the lowered function takes for a record parameter: its leaves, or an array's flat array. */
  public static List<Parameter> leaves(RecordParameter r) {
    if (r.array()) {
      return List.of(new Parameter(flatName(r.name()), Type.DOUBLE_ARRAY, r.accessor() != null));
    }
    List<Parameter> out = new ArrayList<>();
    for (RecordType.Leaf leaf : r.type().leaves()) {
      out.add(new Parameter(leaf.name(r.name()), leaf.type(), r.accessor() != null && leaf.type().carriesDerivatives()));
    }
    return out;
  }

  /** The flat {@code double[]} an array of records {@code name} is taken apart into. */
  public static String flatName(String name) {
    return name + "$flat";
  }

  private static boolean isPublic(TypeElement record) {
    for (Element e = record; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }
}
