package io.adjoint.processor.lower;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The names of generated things, one rule for the class being compiled and for the classes it calls:
 *
 * <ul>
 *   <li>{@code p.Foo} gives {@code p.FooGradients}; a nested {@code p.Outer.Inner} gives {@code
 *       p.Outer_InnerGradients}.
 *   <li>method {@code f} gives record {@code FGradient}; when two differentiable methods of a class would
 *       share a record name (overloads, or {@code f} and {@code F}), the later ones in source order get
 *       {@code FGradient2}, {@code FGradient3}, ...
 *   <li>each {@code double} parameter gives a component of its own name; a parameter named {@code value},
 *       or like a method of {@code Object} ({@code hashCode}, {@code toString}, ...), gets a trailing
 *       underscore: {@code value_}.
 * </ul>
 */
public final class Naming {
  public static final String DIFFERENTIABLE = "io.adjoint.Differentiable";
  public static final String NO_DERIVATIVE = "io.adjoint.NoDerivative";

  private static final Set<String> RESERVED_COMPONENTS =
      Set.of("value", "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString",
          "wait");

  private final Map<TypeElement, Map<ExecutableElement, String>> records = new HashMap<>();

  public static boolean hasAnnotation(Element element, String name) {
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  public static boolean isDifferentiable(ExecutableElement method) {
    return hasAnnotation(method, DIFFERENTIABLE);
  }

  /** The {@code order} a method's {@code @Differentiable} asks for: 1 unless it says otherwise. */
  public static int order(ExecutableElement method) {
    for (AnnotationMirror m : method.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(DIFFERENTIABLE)) {
        for (var entry : m.getElementValues().entrySet()) {
          if (entry.getKey().getSimpleName().contentEquals("order")
              && entry.getValue().getValue() instanceof Integer order) {
            return order;
          }
        }
      }
    }
    return 1;
  }

  /** The class, nested names outermost first. */
  public static ClassRef classRef(Elements elements, TypeElement type) {
    List<String> names = new ArrayList<>();
    Element e = type;
    while (e.getKind().isClass() || e.getKind().isInterface()) {
      names.add(0, e.getSimpleName().toString());
      e = e.getEnclosingElement();
    }
    return new ClassRef(elements.getPackageOf(type).getQualifiedName().toString(), names);
  }

  public static ClassRef gradients(Elements elements, TypeElement type) {
    ClassRef source = classRef(elements, type);
    return new ClassRef(
        source.packageName(), List.of(String.join("_", source.simpleNames()) + "Gradients"));
  }

  /** The record name of a differentiable method, unique within its class's gradients. */
  public String recordName(ExecutableElement method) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    return records.computeIfAbsent(owner, Naming::recordNames).get(method);
  }

  private static Map<ExecutableElement, String> recordNames(TypeElement owner) {
    Map<ExecutableElement, String> names = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (!isDifferentiable(m)) {
        continue;
      }
      String base = capitalize(m.getSimpleName().toString()) + "Gradient";
      String name = base;
      for (int i = 2; !used.add(name); i++) {
        name = base + i;
      }
      names.put(m, name);
    }
    return names;
  }

  /** The record component of each parameter, or null where the parameter gets no partial. */
  public static List<String> accessors(ExecutableElement method) {
    List<String> out = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      Type type = Lowerer.type(p.asType());
      TypeElement record = Records.of(p.asType()) != null ? Records.of(p.asType()) : Records.elementOf(p.asType());
      boolean differentiable =
          (type == Type.DOUBLE || type == Type.DOUBLE_ARRAY || type == Type.DOUBLE_MATRIX
                  || record != null && Records.problem(record) == null && Records.carriesDerivatives(record))
              && !hasAnnotation(p, NO_DERIVATIVE);
      out.add(differentiable ? component(p.getSimpleName().toString()) : null);
    }
    return out;
  }

  public static String component(String parameter) {
    return RESERVED_COMPONENTS.contains(parameter) ? parameter + "_" : parameter;
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
