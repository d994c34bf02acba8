package io.adjoint.processor;

import com.sun.source.util.Trees;
import io.adjoint.processor.ir.Callee;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Custom;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.GenerationError;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.lower.Derivatives;
import io.adjoint.processor.lower.Lowerer;
import io.adjoint.processor.lower.Naming;
import io.adjoint.processor.ssa.Inliner;
import io.adjoint.processor.tangent.TangentProgram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * What the inliner ({@link Inliner}) needs of the compilation: the bodies of the callees it inlines,
 * lowered from their source, and of the {@code @Derivative} rules second order differentiates; and the
 * errors it reports, worded for the method being differentiated. Callees are known by the {@link Callee}
 * the lowering stage handed out ({@link #register}).
 */
final class Inlining {
  /** Lowers a method silently, treating the methods in {@code failed} as having no gradient. */
  interface Lower {
    Optional<Function> lower(ExecutableElement method, Set<ExecutableElement> failed);
  }

  private final Trees trees;
  private final Elements elements;
  private final Derivatives derivatives;
  private final Lower lowerer;
  /** The method each callee handed to the lowering stage stands for, so that its body can be inlined. */
  private final Map<Callee, ExecutableElement> calleeElements = new HashMap<>();
  /** Lowered callees, by method and by how many methods were doomed when it was lowered (it only grows). */
  private final Map<List<Object>, Optional<Function>> loweredCallees = new HashMap<>();
  /** The methods that get no gradient, as far as known: a callee among them is not inlined either. */
  private Set<ExecutableElement> doomed = new HashSet<>();

  Inlining(Trees trees, Elements elements, Derivatives derivatives, Lower lowerer) {
    this.trees = trees;
    this.elements = elements;
    this.derivatives = derivatives;
    this.lowerer = lowerer;
  }

  /** Remembers which method {@code callee} stands for. */
  void register(Callee callee, ExecutableElement method) {
    calleeElements.put(callee, method);
  }

  /** The methods known to get no gradient: the set itself, which grows as more are found. */
  void doomed(Set<ExecutableElement> methods) {
    doomed = methods;
  }

  /**
   * The tangent program of a second-order method (see {@link TangentProgram}), with the {@code @Derivative}
   * rules it calls inlined, so that reverse mode over it differentiates them too.
   */
  TangentProgram.Program tangentProgram(Function f, ExecutableElement m) {
    TangentProgram.Program program = TangentProgram.of(f, this::rule);
    Function inlined =
        Inliner.inline(program.function(), null, callee -> body(callee, true), problems(m, true), true);
    return new TangentProgram.Program(inlined, program.directions());
  }

  /** A {@code @Derivative} rule as a function to inline, if its body lowers. */
  private Optional<Callee> rule(Custom custom, int parameter) {
    Optional<ExecutableElement> method = derivatives.rule(custom, parameter);
    if (method.isEmpty() || trees.getPath(method.get()) == null) {
      return Optional.empty();
    }
    ExecutableElement target = method.get();
    TypeElement owner = (TypeElement) target.getEnclosingElement();
    List<Type> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (VariableElement p : target.getParameters()) {
      types.add(Lowerer.type(p.asType()));
      names.add(p.getSimpleName().toString());
    }
    ClassRef ownerRef = Naming.classRef(elements, owner);
    Callee callee =
        new Callee(
            owner.getSimpleName() + "." + target.getSimpleName(),
            ownerRef,
            target.getSimpleName().toString(),
            null,
            types,
            names,
            Naming.accessors(target),
            false,
            ownerRef,
            Type.DOUBLE,
            false);
    calleeElements.put(callee, target);
    return body(callee, true).isPresent() ? Optional.of(callee) : Optional.empty();
  }

  /**
   * {@code f}, the lowered body of {@code m} ({@code self}, as its callers see it), with the calls
   * inlined that its forms need inlined (see {@link Inliner}): those to vector-valued methods, and for a
   * second-order method every call a derivative flows through.
   */
  Function inline(Function f, ExecutableElement m, Callee self, boolean secondOrder) {
    return Inliner.inline(f, self, callee -> body(callee, secondOrder), problems(m, secondOrder), secondOrder);
  }

  /**
   * Checks that every method {@code f} still calls has a gradient: a second-order method's lowering let
   * through calls to methods known to fail, which its second-order forms inline, but its first-order
   * forms call.
   *
   * @throws GenerationError at the first call to a method that gets no gradient (E108)
   */
  void requireGradients(Function f) {
    for (Stmt s : f.body()) {
      requireGradients(s);
    }
  }

  private void requireGradients(Stmt s) {
    expressions(s, e -> {
      if (e instanceof Expr.DiffCall c && doomed.contains(calleeElements.get(c.callee()))) {
        throw new GenerationError(c.origin(), Message.CALLEE_FAILED.format(c.callee().displayName()));
      }
    });
  }

  /** Gives {@code each} every expression of {@code s}, nested ones included, outermost first. */
  private static void expressions(Stmt s, Consumer<Expr> each) {
    Stmt.expressions(s).forEach(e -> subexpressions(e, each));
    Stmt.blocks(s).forEach(block -> block.forEach(n -> expressions(n, each)));
  }

  private static void subexpressions(Expr e, Consumer<Expr> each) {
    each.accept(e);
    e.operands().forEach(o -> subexpressions(o, each));
  }

  /**
   * The first field or method {@code body} names that code in {@code where} cannot see, as "field
   * q.Geometry.weights", or null. The generated class is in the package of the method being
   * differentiated and is no subclass of anything: it sees what is public in public classes, and what
   * is not private in its own package (private members are errors of their own, E232).
   */
  private String hidden(Function body, PackageElement where) {
    String[] found = {null};
    for (Stmt s : body.body()) {
      expressions(s, e -> {
        if (found[0] != null) {
          return;
        }
        if (e instanceof Expr.Field f) {
          TypeElement owner = typeOf(f.owner());
          Element field = owner == null ? null : member(owner, f.name());
          if (field != null && !visible(field, where)) {
            found[0] = "field " + owner.getQualifiedName() + "." + f.name();
          }
        } else if (e instanceof Expr.DiffCall c) {
          ExecutableElement target = calleeElements.get(c.callee());
          if (target != null && !visible(target, where)) {
            found[0] = "method " + c.callee().displayName();
          }
        } else if (e instanceof Expr.CustomCall c) {
          Custom custom = c.custom();
          found[0] = hiddenMethod(custom.owner(), custom.method(), where);
          for (int i = 0; i < custom.derivatives().size() && found[0] == null; i++) {
            found[0] = hiddenMethod(custom.derivativeOwners().get(i), custom.derivatives().get(i), where);
          }
        }
      });
    }
    return found[0];
  }

  private String hiddenMethod(ClassRef ownerRef, String name, PackageElement where) {
    if (ownerRef == null || name == null) {
      return null; // no rule for this parameter
    }
    TypeElement owner = typeOf(ownerRef);
    Element method = owner == null ? null : member(owner, name);
    return method != null && !visible(method, where) ? "method " + owner.getQualifiedName() + "." + name : null;
  }

  private TypeElement typeOf(ClassRef ref) {
    String name = ref.packageName().isEmpty()
        ? String.join(".", ref.simpleNames())
        : ref.packageName() + "." + String.join(".", ref.simpleNames());
    return elements.getTypeElement(name);
  }

  private static Element member(TypeElement owner, String name) {
    for (Element e : owner.getEnclosedElements()) {
      if (e.getSimpleName().contentEquals(name) && (e.getKind().isField() || e.getKind() == ElementKind.METHOD)) {
        return e;
      }
    }
    return null;
  }

  /** Whether code in {@code where}, in no subclass, sees {@code member}. */
  private boolean visible(Element member, PackageElement where) {
    if (elements.getPackageOf(member).equals(where)) {
      return true;
    }
    for (Element e = member; e != null && !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  /** What the inliner reports, for method {@code caller}. */
  private Inliner.Problems problems(ExecutableElement caller, boolean secondOrder) {
    String method = caller.getSimpleName().toString();
    PackageElement where = elements.getPackageOf(caller);
    String needs = secondOrder
        ? "the second derivatives of " + method + " (order = 2) need"
        : "a call to a method returning double[] needs";
    return new Inliner.Problems() {
      @Override
      public String noSource(Callee callee) {
        ExecutableElement target = calleeElements.get(callee);
        return target != null && trees.getPath(target) != null
            ? Message.CALLEE_FAILED.format(callee.displayName()) // its body has errors of its own
            : Message.INLINE_NO_SOURCE.format(callee.displayName(), needs);
      }

      @Override
      public String recursive(Callee callee) {
        return Message.INLINE_RECURSIVE.format(callee.displayName(), needs);
      }

      @Override
      public String returnsSeveralArrays(Callee callee) {
        return Message.INLINE_ARRAYS.format(callee.displayName());
      }

      @Override
      public String conditional(Callee callee) {
        return Message.INLINE_CONDITIONAL.format(callee.displayName());
      }

      @Override
      public String arrayInLoop(Callee callee) {
        return Message.INLINE_ARRAY_IN_LOOP.format(callee.displayName());
      }

      @Override
      public String inaccessible(Callee callee, Function body) {
        String hidden = hidden(body, where);
        String name = where.getQualifiedName().toString();
        return hidden == null ? null : Message.INLINE_INACCESSIBLE.format(callee.displayName(), hidden, name, needs, name);
      }
    };
  }

  /**
   * The lowered body of a callee whose source is in this compilation, lowered silently. For second
   * order ({@code everything}) the callee's own calls are inlined in turn, so whether their gradients
   * exist does not matter; else they are called, and a callee calling a method that failed fails too.
   */
  private Optional<Function> body(Callee callee, boolean everything) {
    ExecutableElement target = calleeElements.get(callee);
    if (target == null || !everything && doomed.contains(target)) {
      return Optional.empty();
    }
    Set<ExecutableElement> failed = everything ? Set.of() : doomed;
    return loweredCallees.computeIfAbsent(
        List.of(target, everything ? -1 : doomed.size()), key -> lowerer.lower(target, failed));
  }
}
