package io.adjoint.processor.lower;

import io.adjoint.processor.Message;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Custom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The user-declared derivatives ({@code @Derivative}) of the compilation: for each function, the method
 * giving its partial derivative with respect to each parameter. Declarations are checked as they are
 * registered; a bad one is reported on its method and ignored.
 */
public final class Derivatives {
  public static final String DERIVATIVE = "io.adjoint.Derivative";

  private final Elements elements;
  private final Types types;
  /** Function (by its signature key) to derivative method, by parameter index. */
  private final Map<String, Map<Integer, ExecutableElement>> rules = new HashMap<>();
  /** The rule methods behind each {@link Custom} handed out, by parameter index (null where none). */
  private final Map<Custom, List<ExecutableElement>> ruleMethods = new HashMap<>();

  public Derivatives(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** Where a problem with a declaration goes: an error on the method's {@code @Derivative}. */
  public interface Reporter {
    void error(Element method, AnnotationMirror annotation, String message);
  }

  /** Registers the derivative declared by {@code method}; problems go to {@code report}. */
  public void register(ExecutableElement method, Reporter report) {
    AnnotationMirror found = null;
    for (AnnotationMirror m : method.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(DERIVATIVE)) {
        found = m;
      }
    }
    if (found == null) {
      return;
    }
    AnnotationMirror annotation = found;
    String of = "";
    String wrt = "";
    TypeElement in = (TypeElement) method.getEnclosingElement();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        elements.getElementValuesWithDefaults(annotation).entrySet()) {
      String key = e.getKey().getSimpleName().toString();
      Object value = e.getValue().getValue();
      if (key.equals("of")) {
        of = value.toString();
      } else if (key.equals("wrt")) {
        wrt = value.toString();
      } else if (key.equals("in") && value instanceof DeclaredType d) {
        in = (TypeElement) d.asElement();
      }
    }
    String name = method.getSimpleName().toString();
    ExecutableElement target = null;
    for (ExecutableElement candidate : ElementFilter.methodsIn(elements.getAllMembers(in))) {
      if (candidate.getSimpleName().contentEquals(of) && sameParameters(candidate, method)) {
        target = candidate;
      }
    }
    if (target == null) {
      report.error(method, annotation,
          Message.DERIVATIVE_TARGET.format(of, name, in.getSimpleName(), of, name));
      return;
    }
    if (!method.getModifiers().contains(Modifier.STATIC)
        || method.getModifiers().contains(Modifier.PRIVATE)
        || method.getReturnType().getKind() != TypeKind.DOUBLE
        || !target.getModifiers().contains(Modifier.STATIC)
        || target.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(method, annotation, Message.DERIVATIVE_SIGNATURE.format(name));
      return;
    }
    int index = -1;
    List<? extends VariableElement> params = target.getParameters();
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).getSimpleName().contentEquals(wrt) && params.get(i).asType().getKind() == TypeKind.DOUBLE) {
        index = i;
      }
    }
    if (index < 0) {
      report.error(method, annotation, Message.DERIVATIVE_WRT.format(wrt, name, of, wrt));
      return;
    }
    Map<Integer, ExecutableElement> byParameter = rules.computeIfAbsent(key(target), k -> new HashMap<>());
    ExecutableElement previous = byParameter.putIfAbsent(index, method);
    if (previous != null && !previous.equals(method)) {
      report.error(method, annotation, Message.DERIVATIVE_DUPLICATE.format(of, wrt, previous.getSimpleName()));
    }
  }

  /** The declared derivatives of {@code function}, if any are declared. */
  public Optional<Custom> of(ExecutableElement function) {
    Map<Integer, ExecutableElement> byParameter = rules.get(key(function));
    if (byParameter == null) {
      return Optional.empty();
    }
    List<ClassRef> owners = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < function.getParameters().size(); i++) {
      ExecutableElement d = byParameter.get(i);
      owners.add(d == null ? null : Naming.classRef(elements, (TypeElement) d.getEnclosingElement()));
      names.add(d == null ? null : d.getSimpleName().toString());
    }
    TypeElement owner = (TypeElement) function.getEnclosingElement();
    Custom custom =
        new Custom(
            owner.getSimpleName() + "." + function.getSimpleName(),
            Naming.classRef(elements, owner),
            function.getSimpleName().toString(),
            owners,
            names);
    List<ExecutableElement> methods = new ArrayList<>();
    for (int i = 0; i < function.getParameters().size(); i++) {
      methods.add(byParameter.get(i));
    }
    ruleMethods.put(custom, methods);
    return Optional.of(custom);
  }

  /** The method declaring the rule for parameter {@code parameter} of a function {@link #of} gave. */
  public Optional<ExecutableElement> rule(Custom custom, int parameter) {
    List<ExecutableElement> methods = ruleMethods.get(custom);
    return methods == null ? Optional.empty() : Optional.ofNullable(methods.get(parameter));
  }

  private boolean sameParameters(ExecutableElement a, ExecutableElement b) {
    if (a.getParameters().size() != b.getParameters().size()) {
      return false;
    }
    for (int i = 0; i < a.getParameters().size(); i++) {
      TypeMirror x = types.erasure(a.getParameters().get(i).asType());
      TypeMirror y = types.erasure(b.getParameters().get(i).asType());
      if (!types.isSameType(x, y)) {
        return false;
      }
    }
    return true;
  }

  private String key(ExecutableElement function) {
    StringBuilder b = new StringBuilder();
    b.append(((TypeElement) function.getEnclosingElement()).getQualifiedName()).append('#');
    b.append(function.getSimpleName()).append('(');
    for (VariableElement p : function.getParameters()) {
      b.append(types.erasure(p.asType())).append(',');
    }
    return b.append(')').toString();
  }
}
