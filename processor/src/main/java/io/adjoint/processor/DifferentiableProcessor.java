package io.adjoint.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.adjoint.processor.ir.Callee;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.RecordParameter;
import io.adjoint.processor.ir.RecordType;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ir.Custom;
import io.adjoint.processor.lower.Derivatives;
import io.adjoint.processor.lower.Lowerer;
import io.adjoint.processor.lower.Naming;
import io.adjoint.processor.lower.Records;
import io.adjoint.processor.ir.GenerationError;
import io.adjoint.processor.reverse.Generator;
import io.adjoint.processor.ssa.Inliner;
import io.adjoint.processor.tangent.TangentGenerator;
import io.adjoint.processor.tangent.TangentProgram;
import io.adjoint.processor.write.GradientWriter;
import io.adjoint.processor.write.RecordForms;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Generates reverse-mode gradient code for methods annotated with {@code @Differentiable}.
 *
 * <p>For each class holding such methods it writes one gradients class. A method with problems gets errors
 * at the offending trees and no gradient; the other methods of the class still get theirs. No exception
 * escapes: an unexpected failure becomes an error on the method being differentiated.
 */
@AutoService(Processor.class)
public final class DifferentiableProcessor extends AbstractProcessor {
  private Trees trees;
  private final Naming naming = new Naming();
  private Inlining inlining;
  private Derivatives derivatives;
  /** The tangent records written so far (see {@link RecordForms}): one per record, whichever method needs it. */
  private final Set<ClassRef> tangentRecords = new HashSet<>();
  /** This round's methods, each lowered once (a later round may see gradients compiled in this one). */
  private CallGraph callGraph;
  /** What {@link #generates} built for each method this round, for {@link #forms} to take up. */
  private final Map<ExecutableElement, Checked> checked = new HashMap<>();

  /**
   * What {@link #generates} built for a method: its forms take it up while the failed methods the method
   * reaches are still {@code failedReached} (they only grow), since nothing else it depends on changes.
   *
   * @param lowered the lowered body it was built from
   * @param record the record it returns
   * @param inlined the body with the calls its first-order forms need inlined
   * @param tangentProgram for a second-order method, its tangent program; else null
   * @param program the reverse stage's program of {@code inlined}
   * @param body the record form (the vector pullback for a vector-valued method)
   */
  private record Checked(
      Function lowered,
      ClassRef record,
      int failedReached,
      Function inlined,
      TangentProgram.Program tangentProgram,
      Generator.Program program,
      Generator.Body body) {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Naming.DIFFERENTIABLE, Naming.NO_DERIVATIVE, Derivatives.DERIVATIVE);
  }

  /**
   * Gradle's incremental processing: declared {@code dynamic} in {@code
   * META-INF/gradle/incremental.annotation.processors}, and aggregating only when the Tree API is there
   * (without it the processor writes nothing). Aggregating, not isolating: a gradients class depends on
   * more than its own class — the callees' gradients in other classes and {@code @Derivative} rules
   * declared anywhere in the compilation.
   */
  @Override
  public Set<String> getSupportedOptions() {
    return trees != null ? Set.of("org.gradle.annotation.processing.aggregating") : Set.of();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    trees = TreesLocator.find(env);
    derivatives = new Derivatives(env.getElementUtils(), env.getTypeUtils());
    inlining = new Inlining(trees, env.getElementUtils(), derivatives, (m, failed) -> lower(m, failed, false));
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(Naming.DIFFERENTIABLE);
    if (annotation == null || annotations.isEmpty()) {
      return true;
    }
    callGraph = new CallGraph((m, resolved) -> lowerBody(m, Set.of(), false, resolved));
    checked.clear();
    TypeElement derivative = processingEnv.getElementUtils().getTypeElement(Derivatives.DERIVATIVE);
    if (derivative != null) {
      for (Element e : round.getElementsAnnotatedWith(derivative)) {
        if (e instanceof ExecutableElement m) {
          try {
            derivatives.register(
                m,
                (method, mirror, message) ->
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, method, mirror));
          } catch (RuntimeException | Error t) {
            error(m, Message.INTERNAL_ERROR.format(m.getSimpleName(), describe(t)));
          }
        }
      }
    }
    Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
    for (Element e : round.getElementsAnnotatedWith(annotation)) {
      if (e.getKind() == ElementKind.METHOD) {
        byClass.computeIfAbsent((TypeElement) e.getEnclosingElement(), k -> new ArrayList<>())
            .add((ExecutableElement) e);
      }
    }
    Set<ExecutableElement> failed = new HashSet<>();
    for (List<ExecutableElement> methods : byClass.values()) {
      for (ExecutableElement m : methods) {
        if (!checkSignature(m)) {
          failed.add(m);
        }
      }
      checkGeneratedSignatures(methods, failed);
    }
    try {
      onLargeStack(() -> generateAll(byClass, failed));
    } catch (RuntimeException | Error e) {
      processingEnv.getMessager().printMessage(
          Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.format("this round", describe(e)));
    }
    return true; // the annotations are ours alone
  }

  /**
   * Reports a method whose generated forms would clash with another's in the gradients class: two
   * overloads whose tangent forms take the same types once their tangents are appended ({@code f(double,
   * double)} and {@code f(double, @NoDerivative double, @NoDerivative double)} both give {@code
   * fTangent(double, double, double, double)}), or a method named like another's form ({@code fTangent}
   * beside {@code f}). The later method in source order gets the error.
   */
  private void checkGeneratedSignatures(List<ExecutableElement> methods, Set<ExecutableElement> failed) {
    Map<String, ExecutableElement> taken = new HashMap<>();
    List<ExecutableElement> ordered = new ArrayList<>();
    for (ExecutableElement m : ElementFilter.methodsIn(methods.get(0).getEnclosingElement().getEnclosedElements())) {
      if (methods.contains(m)) {
        ordered.add(m); // source order
      }
    }
    for (ExecutableElement m : ordered) {
      if (failed.contains(m)) {
        continue;
      }
      Map<String, String> forms = generatedSignatures(m);
      for (Map.Entry<String, String> form : forms.entrySet()) {
        ExecutableElement other = taken.get(form.getValue());
        if (other != null) {
          error(m, Message.GENERATED_CLASH.format(form.getKey(), m, form.getValue(), other));
          failed.add(m);
          break;
        }
      }
      if (!failed.contains(m)) {
        forms.values().forEach(signature -> taken.put(signature, m));
      }
    }
  }

  /** The signature of each method generated for {@code m}, by form (see {@link GradientWriter#signatures}). */
  private static Map<String, String> generatedSignatures(ExecutableElement m) {
    List<Type> types = new ArrayList<>();
    List<String> typeNames = new ArrayList<>();
    for (VariableElement p : m.getParameters()) {
      Type type = Lowerer.type(p.asType());
      types.add(type);
      typeNames.add(type == null || type == Type.ENUM ? p.asType().toString() : type.keyword());
    }
    String receiver = m.getModifiers().contains(Modifier.STATIC) ? null : m.getEnclosingElement().toString();
    return GradientWriter.signatures(
        m.getSimpleName().toString(),
        receiver,
        types,
        typeNames,
        Naming.accessors(m),
        returns(m) == Type.DOUBLE_ARRAY,
        Naming.order(m));
  }

  private void generateAll(Map<TypeElement, List<ExecutableElement>> byClass, Set<ExecutableElement> failed) {
    Set<ExecutableElement> doomed = doomed(byClass, failed);
    for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byClass.entrySet()) {
      try {
        generate(entry.getKey(), entry.getValue(), failed, doomed);
      } catch (IOException | RuntimeException | Error e) {
        error(entry.getKey(), Message.INTERNAL_ERROR.format(entry.getKey().getSimpleName(), describe(e)));
      }
    }
  }

  /**
   * The methods that will get no gradient: those that failed their signature check, those whose body does
   * not lower, and those that call one of these. Found before anything is reported or written, so that a
   * caller reports CALLEE_FAILED also when its callee comes later in the round: a fixpoint over the call
   * graph, where a method is checked again only when a method it reaches has failed since.
   */
  private Set<ExecutableElement> doomed(
      Map<TypeElement, List<ExecutableElement>> byClass, Set<ExecutableElement> failed) {
    Set<ExecutableElement> doomed = new HashSet<>(failed);
    inlining.doomed(doomed); // what the callees inlined meanwhile are lowered against
    for (boolean changed = true; changed; ) {
      changed = false;
      for (List<ExecutableElement> methods : byClass.values()) {
        for (ExecutableElement m : methods) {
          if (doomed.contains(m) || upToDate(checked.get(m), m, doomed)) {
            continue;
          }
          boolean lowers;
          try {
            Optional<Function> lowered = lower(m, doomed, false);
            lowers = lowered.isPresent() && generates(lowered.get(), m, doomed);
          } catch (RuntimeException | Error e) {
            lowers = false; // reported when the method is differentiated for real
          }
          if (!lowers && doomed.add(m)) {
            changed = true;
          }
        }
      }
    }
    return doomed;
  }

  /**
   * Runs the work on a thread of its own with a large stack, so that deeply nested expressions (a sum of
   * 10,000 terms is a tree 10,000 deep) do not overflow the compiler thread's stack. javac is not touched
   * by two threads at once: this one waits.
   */
  private static void onLargeStack(Runnable work) {
    Throwable[] failure = new Throwable[1];
    Thread worker =
        new Thread(
            null,
            () -> {
              try {
                work.run();
              } catch (Throwable t) {
                failure[0] = t;
              }
            },
            "adjoint-processor",
            1L << 29);
    worker.start();
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure[0] != null) {
      throw new IllegalStateException(failure[0]);
    }
  }

  /** Checks what can be checked without the body; reports and returns false on a problem. */
  private boolean checkSignature(ExecutableElement m) {
    boolean ok = true;
    String name = m.getSimpleName().toString();
    TypeElement owner = (TypeElement) m.getEnclosingElement();
    Type returns = returns(m);
    TypeElement record = Records.of(m.getReturnType());
    if (record != null && (Records.problem(record) != null || !Records.shape(processingEnv.getElementUtils(), record).allDoubles())) {
      error(m, Records.problem(record) != null
          ? Message.RECORD_HIDDEN.format(record.getQualifiedName())
          : Message.RECORD_FORM.format(name, "returned records with components other than doubles"));
      ok = false;
    } else if (returns != Type.DOUBLE && returns != Type.DOUBLE_ARRAY) {
      error(m, Message.RETURN_TYPE.format(name, m.getReturnType()));
      ok = false;
    }
    int order = Naming.order(m);
    if (order != 1 && order != 2) {
      errorOnAnnotation(m, Message.ORDER.format(order, name));
      ok = false;
    } else if (order == 2 && returns == Type.DOUBLE_ARRAY) {
      errorOnAnnotation(m, Message.ORDER_OF_VECTOR.format(name));
      ok = false;
    }
    if (m.getModifiers().contains(Modifier.ABSTRACT) || m.getModifiers().contains(Modifier.NATIVE)) {
      error(m, Message.NO_BODY.format(name));
      ok = false;
    }
    if (!m.getModifiers().contains(Modifier.STATIC) && isPrivateSomewhere(owner)) {
      error(m, Message.PRIVATE_RECEIVER.format(name, owner.getSimpleName()));
      ok = false;
    }
    for (VariableElement p : m.getParameters()) {
      boolean ofRecords = Records.of(p.asType()) != null || Records.elementOf(p.asType()) != null;
      if (Lowerer.type(p.asType()) == null && !ofRecords) {
        error(p, Message.PARAMETER_TYPE.format(p.getSimpleName(), p.asType()));
        ok = false;
      }
    }
    boolean vectorOfRecords = Lowerer.type(m.getReturnType()) == Type.DOUBLE_ARRAY;
    if (takesRecords(m) && (vectorOfRecords || order == 2)) {
      error(m, Message.RECORD_FORM.format(name, vectorOfRecords ? "methods returning double[]" : "order 2"));
      ok = false;
    }
    if (ok && trees == null) {
      error(m, Message.TREES_UNAVAILABLE.format(name));
      ok = false;
    }
    return ok;
  }

  private static boolean isPrivateSomewhere(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  private void generate(
      TypeElement owner,
      List<ExecutableElement> methods,
      Set<ExecutableElement> failed,
      Set<ExecutableElement> doomed)
      throws IOException {
    var elements = processingEnv.getElementUtils();
    ClassRef gradients = Naming.gradients(elements, owner);
    List<GradientWriter.Code> code = new ArrayList<>();
    // source order, so that output does not depend on the order javac hands elements over
    List<ExecutableElement> ordered = new ArrayList<>();
    for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (methods.contains(m)) {
        ordered.add(m);
      }
    }
    for (ExecutableElement m : ordered) {
      if (failed.contains(m)) {
        continue;
      }
      try {
        Optional<GradientWriter.Code> c = differentiate(m, gradients, doomed);
        if (c.isPresent()) {
          code.add(c.get());
        } else {
          failed.add(m);
          doomed.add(m);
        }
      } catch (RuntimeException | Error e) {
        failed.add(m);
        doomed.add(m);
        error(m, Message.INTERNAL_ERROR.format(m.getSimpleName(), describe(e)));
      }
    }
    if (code.isEmpty()) {
      return;
    }
    for (GradientWriter.Code c : code) {
      for (RecordParameter r : c.function().records()) {
        writeTangentRecord(r.type(), owner);
      }
      if (c.function().returnsRecord() != null) {
        // the upstream of a record-returning method's pullback: needed though no method takes the record
        writeTangentRecord(c.function().returnsRecord(), owner);
      }
    }
    boolean isPublic = true;
    for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
      isPublic &= e.getModifiers().contains(Modifier.PUBLIC);
    }
    JavaFile file =
        GradientWriter.write(
            Naming.classRef(elements, owner), gradients, isPublic, code, getClass().getCanonicalName());
    String name =
        gradients.packageName().isEmpty()
            ? gradients.simpleName()
            : gradients.packageName() + "." + gradients.simpleName();
    try (Writer w = processingEnv.getFiler().createSourceFile(name, owner).openWriter()) {
      file.writeTo(w);
    }
  }

  /** Writes the tangent record of {@code type} and of the records nested in it, each once. */
  private void writeTangentRecord(RecordType type, TypeElement owner) throws IOException {
    for (RecordType.Component c : type.components()) {
      if (c.nested() != null && c.nested().carriesDerivatives()) {
        writeTangentRecord(c.nested(), owner);
      }
    }
    String name = type.tangent().packageName().isEmpty()
        ? type.tangent().simpleName()
        : type.tangent().packageName() + "." + type.tangent().simpleName();
    if (!tangentRecords.add(type.tangent()) || processingEnv.getElementUtils().getTypeElement(name) != null) {
      return; // written in this compilation, or compiled before (a jar)
    }
    JavaFile file = RecordForms.tangentRecord(type, getClass().getCanonicalName());
    try (Writer w = processingEnv.getFiler().createSourceFile(name, owner).openWriter()) {
      file.writeTo(w);
    }
  }

  private Optional<GradientWriter.Code> differentiate(
      ExecutableElement m, ClassRef gradients, Set<ExecutableElement> failed) {
    Optional<Function> function = lower(m, failed, true);
    if (function.isEmpty()) {
      return Optional.empty();
    }
    ClassRef record =
        new ClassRef(gradients.packageName(), List.of(gradients.simpleName(), function.get().recordName()));
    try {
      // the method itself, which some forms call for its value; not a record method (taken apart)
      ClassRef owner = callable(m) && function.get().records().isEmpty()
          ? Naming.classRef(processingEnv.getElementUtils(), (TypeElement) m.getEnclosingElement())
          : null;
      return Optional.of(forms(function.get(), m, record, owner, failed));
    } catch (GenerationError e) {
      CompilationUnitTree unit = trees.getPath(m).getCompilationUnit();
      if (e.at() instanceof Tree tree) {
        trees.printMessage(Diagnostic.Kind.ERROR, e.getMessage(), tree, unit);
      } else {
        error(m, e.getMessage());
      }
      return Optional.empty();
    }
  }

  /**
   * The bodies of every form generated for {@code lowered}, the lowered body of {@code m}: the
   * first-order forms from the body with its calls to vector-valued methods inlined, the second-order
   * ones from the tangent program of the body with every call a derivative flows through inlined. What
   * {@link #generates} built of them is taken up, if nothing it depends on has failed since.
   */
  private GradientWriter.Code forms(
      Function lowered, ExecutableElement m, ClassRef record, ClassRef owner, Set<ExecutableElement> doomed) {
    Callee self = callee(m);
    Checked built = checked.get(m);
    if (built != null && (built.lowered() != lowered || !built.record().equals(record) || !upToDate(built, m, doomed))) {
      built = null;
    }
    Function f = built != null ? built.inlined() : inlining.inline(lowered, m, self, false);
    GradientWriter.SecondOrder secondOrder = null;
    if (Naming.order(m) == 2 && !f.isVectorValued()) {
      TangentProgram.Program program = built != null
          ? built.tangentProgram()
          : inlining.tangentProgram(inlining.inline(lowered, m, self, true), m);
      inlining.requireGradients(f);
      secondOrder =
          new GradientWriter.SecondOrder(
              program.function(),
              program.directions(),
              Generator.generate(program.function(), record, Generator.Form.INTO));
    }
    TangentGenerator.Body tangent = TangentGenerator.generate(f, TangentGenerator.tangentRecord(record));
    if (f.isVectorValued()) {
      return GradientWriter.Code.vector(
          f,
          built != null ? built.body() : Generator.generate(f, record, Generator.Form.VECTOR_PULLBACK),
          f.records().isEmpty()
              ? Generator.jacobian(f, record.formRecord("Jacobian"), GradientWriter.jacobianByTangents(f.name()))
              : null, // no Jacobian forms yet where the method takes records (see VectorForms)
          tangent,
          owner);
    }
    Generator.Program program = built != null ? built.program() : Generator.program(f); // one SSA program for the three forms
    return new GradientWriter.Code(
        f,
        built != null ? built.body() : Generator.generate(program, record, Generator.Form.RECORD),
        Generator.generate(program, record, Generator.Form.INTO),
        Generator.generate(program, record, Generator.Form.PULLBACK),
        tangent,
        secondOrder,
        owner);
  }

  /**
   * Whether the later stages accept a lowered method (they report nothing here). What they built is kept
   * for {@link #forms}: the first form, and for a second-order method its tangent program.
   */
  private boolean generates(Function lowered, ExecutableElement m, Set<ExecutableElement> doomed) {
    try {
      int failedReached = callGraph.failedReached(m, doomed);
      Callee self = callee(m);
      Function f = inlining.inline(lowered, m, self, false);
      Generator.Form form = f.isVectorValued() ? Generator.Form.VECTOR_PULLBACK : Generator.Form.RECORD;
      Generator.Program program = Generator.program(f);
      ClassRef record = recordOf(m, lowered);
      Generator.Body body = Generator.generate(program, record, form);
      TangentProgram.Program tangentProgram = null;
      if (Naming.order(m) == 2) {
        // recursion, and a @Derivative rule outside the subset, show here
        tangentProgram = inlining.tangentProgram(inlining.inline(lowered, m, self, true), m);
        inlining.requireGradients(f);
      }
      checked.put(m, new Checked(lowered, record, failedReached, f, tangentProgram, program, body));
      return true;
    } catch (GenerationError e) {
      return false;
    }
  }

  /** Whether what {@link #generates} built for {@code m} still holds: no method it reaches has failed since. */
  private boolean upToDate(Checked built, ExecutableElement m, Set<ExecutableElement> doomed) {
    return built != null && built.failedReached() == callGraph.failedReached(m, doomed);
  }

  /** The record of {@code m}'s gradient, as {@link #differentiate} names it. */
  private ClassRef recordOf(ExecutableElement m, Function lowered) {
    ClassRef gradients = Naming.gradients(processingEnv.getElementUtils(), (TypeElement) m.getEnclosingElement());
    return new ClassRef(gradients.packageName(), List.of(gradients.simpleName(), lowered.recordName()));
  }

  /**
   * The body of {@code m} lowered with the methods in {@code failed} as having no gradient, reporting its
   * problems only if {@code report}. Lowered once silently ({@link CallGraph}); again, reporting, only
   * when that lowering failed, since one that succeeds reports nothing.
   */
  private Optional<Function> lower(ExecutableElement m, Set<ExecutableElement> failed, boolean report) {
    if (!report) {
      return callGraph.lowered(m, failed);
    }
    Optional<Function> silent;
    try {
      silent = callGraph.lowered(m, failed);
    } catch (RuntimeException | Error e) {
      silent = Optional.empty(); // thrown again below, after what it reports
    }
    return silent.isPresent() ? silent : lowerBody(m, failed, true, (target, inlined) -> {});
  }

  /**
   * Lowers the body of {@code m}, reporting its problems only if {@code report}, and telling {@code
   * resolved} of each callee it resolves and whether that callee is inlined.
   */
  private Optional<Function> lowerBody(
      ExecutableElement m,
      Set<ExecutableElement> failed,
      boolean report,
      java.util.function.BiConsumer<ExecutableElement, Boolean> resolved) {
    TreePath path = trees.getPath(m);
    if (path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
      if (report) {
        error(m, Message.NO_BODY.format(m.getSimpleName()));
      }
      return Optional.empty();
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    Lowerer lowerer =
        new Lowerer(
            processingEnv.getElementUtils(),
            processingEnv.getTypeUtils(),
            unit,
            trees.getSourcePositions(),
            m,
            report
                ? (Tree t, String message) -> trees.printMessage(Diagnostic.Kind.ERROR, message, t, unit)
                : (Tree t, String message) -> {},
            new Lowerer.Callees() {
              @Override
              public Optional<Callee> callee(ExecutableElement target) {
                // a vector-valued callee is inlined, not called, and so is every callee a derivative flows
                // through at order 2: whether its body can be is the inliner's to say
                boolean inlined =
                    Lowerer.type(target.getReturnType()) == Type.DOUBLE_ARRAY
                        || takesRecords(target)
                        || Naming.order(m) == 2 && Naming.accessors(target).stream().anyMatch(a -> a != null);
                resolved.accept(target, inlined);
                return failed.contains(target) && !inlined
                    ? Optional.empty()
                    : Optional.of(DifferentiableProcessor.this.callee(target));
              }

              @Override
              public Optional<Custom> custom(ExecutableElement target) {
                return derivatives.of(target);
              }
            });
    return lowerer.lower(tree, naming.recordName(m), Naming.accessors(m));
  }

  private Callee callee(ExecutableElement target) {
    var elements = processingEnv.getElementUtils();
    TypeElement owner = (TypeElement) target.getEnclosingElement();
    ClassRef gradients = Naming.gradients(elements, owner);
    String recordName = naming.recordName(target);
    List<String> accessors = Naming.accessors(target);
    TypeElement compiled = compiledRecord(gradients, target);
    if (compiled != null) {
      // compiled earlier (a jar): take its names, since parameter names may not survive compilation
      recordName = compiled.getSimpleName().toString();
      List<String> components = new ArrayList<>();
      for (var c : compiled.getRecordComponents()) {
        components.add(c.getSimpleName().toString());
      }
      int next = 1;
      for (int i = 0; i < accessors.size(); i++) {
        if (accessors.get(i) != null && next < components.size()) {
          accessors.set(i, components.get(next++));
        }
      }
    }
    ClassRef record = new ClassRef(gradients.packageName(), List.of(gradients.simpleName(), recordName));
    List<Type> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> flatAccessors = new ArrayList<>();
    boolean recordShaped = false;
    boolean recordReceiver = !target.getModifiers().contains(Modifier.STATIC) && owner.getKind() == ElementKind.RECORD;
    List<RecordParameter> taken = new ArrayList<>();
    if (recordReceiver && Records.problem(owner) == null) {
      taken.add(Records.receiver(elements, owner));
    }
    for (int i = -taken.size(); i < target.getParameters().size(); i++) {
      RecordParameter apart = i < 0
          ? taken.get(0)
          : Records.parameter(elements, target.getParameters().get(i), i, types.size(), accessors.get(i));
      if (apart != null) {
        recordShaped = true;
        for (Parameter leaf : Records.leaves(apart)) { // the callee's lowered parameters: its records' leaves
          types.add(leaf.type());
          names.add(leaf.name());
          flatAccessors.add(leaf.differentiable() ? leaf.name() : null);
        }
        continue;
      }
      VariableElement p = target.getParameters().get(i);
      types.add(Lowerer.type(p.asType()));
      names.add(p.getSimpleName().toString());
      flatAccessors.add(accessors.get(i));
    }
    Callee callee = new Callee(
        owner.getSimpleName() + "." + target.getSimpleName(),
        gradients,
        target.getSimpleName().toString(),
        record,
        types,
        names,
        flatAccessors,
        !target.getModifiers().contains(Modifier.STATIC) && !recordReceiver,
        callable(target) ? Naming.classRef(elements, owner) : null,
        returns(target),
        recordShaped || Records.of(target.getReturnType()) != null);
    inlining.register(callee, target);
    return callee;
  }

  /** Whether {@code method} returns a record, or a parameter of it is a record or an array of records. */
  private static boolean takesRecords(ExecutableElement method) {
    return Records.of(method.getReturnType()) != null
        || !method.getModifiers().contains(Modifier.STATIC)
            && method.getEnclosingElement().getKind() == ElementKind.RECORD
        || method.getParameters().stream()
            .anyMatch(p -> Records.of(p.asType()) != null || Records.elementOf(p.asType()) != null);
  }

  /** What {@code method} returns: {@code double}, or {@code double[]} for a vector or a record (its leaves). */
  private static Type returns(ExecutableElement method) {
    return Records.of(method.getReturnType()) != null ? Type.DOUBLE_ARRAY : Lowerer.type(method.getReturnType());
  }

  /** Whether generated code may call {@code method} itself: neither it nor a class around it is private. */
  private static boolean callable(ExecutableElement method) {
    for (Element e = method; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
    }
    return true;
  }

  /** The record returned by an already compiled gradient of {@code target}, or null. */
  private TypeElement compiledRecord(ClassRef gradients, ExecutableElement target) {
    String name =
        gradients.packageName().isEmpty()
            ? gradients.simpleName()
            : gradients.packageName() + "." + gradients.simpleName();
    TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
    if (type == null) {
      return null;
    }
    var typeUtils = processingEnv.getTypeUtils();
    int receiver = target.getModifiers().contains(Modifier.STATIC) ? 0 : 1;
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!m.getSimpleName().contentEquals(target.getSimpleName())
          || m.getParameters().size() != target.getParameters().size() + receiver) {
        continue;
      }
      boolean same = true;
      for (int i = 0; i < target.getParameters().size(); i++) {
        same &= typeUtils.isSameType(
            m.getParameters().get(i + receiver).asType(), target.getParameters().get(i).asType());
      }
      if (same && m.getReturnType().getKind() == TypeKind.DECLARED) {
        Element record = typeUtils.asElement(m.getReturnType());
        if (record instanceof TypeElement t && t.getKind() == ElementKind.RECORD) {
          return t;
        }
      }
    }
    return null;
  }

  /** Reports {@code message} at the method's {@code @Differentiable}. */
  private void errorOnAnnotation(ExecutableElement m, String message) {
    for (var mirror : m.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(Naming.DIFFERENTIABLE)) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, m, mirror);
        return;
      }
    }
    error(m, message);
  }

  private void error(Element e, String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, e);
  }

  private static String describe(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String[] lines = w.toString().split("\n");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(4, lines.length); i++) {
      b.append(i == 0 ? "" : " | ").append(lines[i].trim());
    }
    return b.toString();
  }
}
