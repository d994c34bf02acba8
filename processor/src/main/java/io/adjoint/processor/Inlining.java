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
import javax.lang.model.element.ExecutableElement;
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
  TangentProgram.Program tangentProgram(Function f) {
    TangentProgram.Program program = TangentProgram.of(f, this::rule);
    Function inlined =
        Inliner.inline(program.function(), null, callee -> body(callee, true), problems(f.name(), true), true);
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
            Type.DOUBLE);
    calleeElements.put(callee, target);
    return body(callee, true).isPresent() ? Optional.of(callee) : Optional.empty();
  }

  /**
   * {@code f}, the lowered body of {@code m} ({@code self}, as its callers see it), with the calls
   * inlined that its forms need inlined (see {@link Inliner}): those to vector-valued methods, and for a
   * second-order method every call a derivative flows through.
   */
  Function inline(Function f, ExecutableElement m, Callee self, boolean secondOrder) {
    return Inliner.inline(
        f, self, callee -> body(callee, secondOrder), problems(m.getSimpleName().toString(), secondOrder), secondOrder);
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
    List<Expr> exprs = new ArrayList<>();
    List<Stmt> nested = new ArrayList<>();
    if (s instanceof Stmt.Declare d && d.init() != null) {
      exprs.add(d.init());
    } else if (s instanceof Stmt.Assign a) {
      exprs.add(a.value());
    } else if (s instanceof Stmt.Return r) {
      exprs.add(r.value());
    } else if (s instanceof Stmt.ArrayWrite w) {
      exprs.addAll(w.indices());
      exprs.add(w.value());
    } else if (s instanceof Stmt.If i) {
      exprs.add(i.condition());
      nested.addAll(i.then());
      nested.addAll(i.otherwise());
    } else if (s instanceof Stmt.Loop l) {
      exprs.add(l.condition());
      nested.addAll(l.body());
    } else if (s instanceof Stmt.Continue c) {
      nested.addAll(c.update());
    }
    exprs.forEach(this::requireGradients);
    nested.forEach(this::requireGradients);
  }

  private void requireGradients(Expr e) {
    if (e instanceof Expr.DiffCall c && doomed.contains(calleeElements.get(c.callee()))) {
      throw new GenerationError(c.origin(), Message.CALLEE_FAILED.format(c.callee().displayName()));
    }
    e.operands().forEach(this::requireGradients);
  }

  /** What the inliner reports, for method {@code method}. */
  private Inliner.Problems problems(String method, boolean secondOrder) {
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
