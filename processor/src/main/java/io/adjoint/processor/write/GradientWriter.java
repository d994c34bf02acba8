package io.adjoint.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.RecordEdges;
import io.adjoint.processor.ir.RecordParameter;
import io.adjoint.processor.reverse.Generator;
import io.adjoint.processor.tangent.TangentGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes a gradients class with JavaPoet from the transformations' output (reverse mode's forms and
 * forward mode's); it never sees javac types.
 */
public final class GradientWriter {
  /**
   * One function with the bodies of its forms. A method returning {@code double} has three of reverse
   * mode ({@code record}, {@code into}, {@code pullback}) and one of forward mode; a vector-valued one
   * has its vector pullback in {@code pullback}, its tangent, and in {@code jacobian} the body of its
   * {@code fJacobian} when its reverse sweeps share one forward sweep (see {@link
   * Generator#jacobian}), else null. {@code secondOrder}: the Hessian-vector
   * product of a second-order method, else null. {@code owner}: the class declaring the method, where
   * generated code may call it for its value, or null (a private method).
   */
  public record Code(
      Function function,
      Generator.Body record,
      Generator.Body into,
      Generator.Body pullback,
      Generator.Body jacobian,
      TangentGenerator.Body tangent,
      SecondOrder secondOrder,
      ClassRef owner) {
    /** The forms of a method returning {@code double}. */
    public Code(
        Function function,
        Generator.Body record,
        Generator.Body into,
        Generator.Body pullback,
        TangentGenerator.Body tangent,
        SecondOrder secondOrder,
        ClassRef owner) {
      this(function, record, into, pullback, null, tangent, secondOrder, owner);
    }

    /** The forms of a method returning {@code double[]}. */
    public static Code vector(
        Function function,
        Generator.Body pullback,
        Generator.Body jacobian,
        TangentGenerator.Body tangent,
        ClassRef owner) {
      return new Code(function, null, null, pullback, jacobian, tangent, null, owner);
    }

    /**
     * The method's value as generated code computes it: the method itself where it may call it ({@code
     * owner} is the class declaring it, null for a private method), else the tangent form along zero
     * {@code directions}.
     */
    CodeBlock value(String receiver, List<CodeBlock> directions) {
      Function f = function;
      if (owner == null) {
        return CodeBlock.of("$L.value()", VectorForms.call(f.name() + "Tangent", f, receiver, directions));
      }
      List<CodeBlock> args = Directions.parameters(f, null);
      CodeBlock joined = CodeBlock.join(args, ", ");
      return receiver != null
          ? CodeBlock.of("$L.$L($L)", receiver, f.name(), joined)
          : CodeBlock.of("$T.$L($L)", className(owner), f.name(), joined);
    }
  }

  /**
   * The Hessian-vector product of a second-order method: the Into form of reverse mode over its tangent
   * program ({@code program}, which takes a direction per differentiable parameter, named {@code
   * directions}, null where a parameter has none).
   */
  public record SecondOrder(Function program, List<String> directions, Generator.Body hessianVector) {}

  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");

  private GradientWriter() {}

  /**
   * The private method of a vector-valued method {@code method} that gives its Jacobian matrix by
   * tangents, one per input: {@code double[][] methodJacobianByTangents(parameters, int outputs)}.
   */
  public static String jacobianByTangents(String method) {
    return method + "JacobianByTangents";
  }

  public static ClassName className(ClassRef ref) {
    List<String> names = ref.simpleNames();
    return ClassName.get(
        ref.packageName(), names.get(0), names.subList(1, names.size()).toArray(new String[0]));
  }

  /**
   * @param source the class holding the methods
   * @param gradients the class to write
   */
  public static JavaFile write(
      ClassRef source, ClassRef gradients, boolean isPublic, List<Code> functions, String generator) {
    ClassName sourceName = className(source);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(gradients.simpleName())
            .addJavadoc(
                "Gradients (reverse mode) and tangents (forward mode) of the {@code @Differentiable} methods of"
                    + " {@link $T}.\n\n"
                    + "<p>Generated by Adjoint from the methods' source; do not edit.\n",
                sourceName)
            .addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", generator).build())
            .addModifiers(Modifier.FINAL)
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    if (isPublic) {
      type.addModifiers(Modifier.PUBLIC);
    }
    for (Code code : functions) {
      addFunction(type, sourceName, gradients, code);
    }
    return JavaFile.builder(gradients.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  private static void addFunction(TypeSpec.Builder type, ClassName source, ClassRef gradients, Code code) {
    Function f = code.function();
    List<String> signature = new ArrayList<>();
    for (int i = 0; i < f.parameters().size(); i++) {
      Parameter p = f.parameters().get(i);
      RecordParameter taken = f.recordOf(i);
      if (taken != null) {
        if (i == taken.first() && taken.index() >= 0) { // not a record's receiver
          signature.add(String.join(".", taken.type().type().simpleNames()) + (taken.array() ? "[]" : ""));
        }
        continue;
      }
      signature.add(p.enumType() != null ? String.join(".", p.enumType().simpleNames()) : p.type().keyword());
    }
    String link = "{@link $T#" + f.name() + "(" + String.join(", ", signature) + ")}";
    Modifier[] visibility =
        f.isPublic() ? new Modifier[] {Modifier.PUBLIC, Modifier.STATIC} : new Modifier[] {Modifier.STATIC};
    if (f.isVectorValued()) {
      VectorForms.add(type, source, gradients, code, link, visibility);
      tangent(type, f, code.tangent(), link, source, visibility);
      return;
    }

    ClassName recordName = recordName(gradients, f);
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
    ctor.addParameter(TypeName.DOUBLE, "value");
    CodeBlock.Builder recordDoc =
        CodeBlock.builder()
            .add("The value of " + link + " and its partial derivatives.\n\n", source)
            .add("@param value the method's value\n");
    for (int i = 0; i < f.parameters().size(); i++) {
      RecordParameter taken = f.recordOf(i);
      if (taken != null) {
        if (i == taken.first() && taken.accessor() != null) {
          ctor.addParameter(RecordForms.tangentType(taken), taken.accessor());
          recordDoc.add(
              "@param $L the partial derivatives with respect to {@code $L}'s components\n",
              taken.accessor(),
              taken.name());
        }
        continue;
      }
      String accessor = f.accessors().get(i);
      if (accessor != null) {
        String param = f.parameters().get(i).name();
        ctor.addParameter(primitive(f.parameters().get(i).type().keyword()), accessor);
        recordDoc.add("@param $L the partial derivative with respect to {@code $L}\n", accessor, param);
      }
    }
    TypeSpec.Builder record =
        TypeSpec.recordBuilder(recordName).addJavadoc(recordDoc.build()).recordConstructor(ctor.build());
    if (f.isPublic()) {
      record.addModifiers(Modifier.PUBLIC);
    }
    type.addType(record.build());

    type.addMethod(
        method(type, f, code.record(), f.name(), recordName, visibility, List.of())
            .addJavadoc("Returns the value of " + link + " and its gradient, in one reverse sweep.\n", source)
            .build());

    MethodSpec.Builder into =
        method(
                type,
                f,
                code.into(),
                f.name() + "Into",
                TypeName.DOUBLE,
                visibility,
                List.of(ParameterSpec.builder(ArrayTypeName.of(TypeName.DOUBLE), code.into().array()).build()))
            .addJavadoc(
                "Computes " + link + " and writes its partial derivatives into {@code $L}, in the order of"
                    + " the record's components, without allocating a result.\n\n@return the value\n",
                source,
                code.into().array());
    type.addMethod(into.build());

    MethodSpec.Builder pullback =
        method(
                type,
                f,
                code.pullback(),
                f.name() + "Pullback",
                TypeName.DOUBLE,
                visibility,
                List.of(
                    ParameterSpec.builder(TypeName.DOUBLE, code.pullback().upstream()).build(),
                    ParameterSpec.builder(ArrayTypeName.of(TypeName.DOUBLE), code.pullback().array()).build(),
                    ParameterSpec.builder(TypeName.INT, code.pullback().offset()).build()))
            .addJavadoc(
                "The pullback of " + link + ": adds {@code $L} times each partial derivative into {@code"
                    + " $L[$L + i]}, in the order of the record's components.\n\n@return the value\n",
                source,
                code.pullback().upstream(),
                code.pullback().array(),
                code.pullback().offset());
    type.addMethod(pullback.build());

    valueNode(type, f, code, link, source, recordName, visibility);
    tangent(type, f, code.tangent(), link, source, visibility);
    if (code.secondOrder() != null) {
      HessianForms.add(type, source, gradients, code, link, visibility);
    }
  }

  /**
   * {@code FTangent(double value, double tangent)} and {@code fTangent(parameters, tangents)}: the value
   * and the directional derivative along the tangents, in one forward sweep.
   */
  private static void tangent(
      TypeSpec.Builder type,
      Function f,
      TangentGenerator.Body body,
      String link,
      ClassName source,
      Modifier[] visibility) {
    ClassName recordName = className(body.record());
    TypeName component = f.isVectorValued() ? ArrayTypeName.of(TypeName.DOUBLE) : TypeName.DOUBLE;
    TypeSpec.Builder record =
        TypeSpec.recordBuilder(recordName)
            .addJavadoc(
                "The value of " + link + " and its directional derivative.\n\n"
                    + "@param value the method's value\n"
                    + "@param tangent the derivative along the direction given by the tangent arguments"
                    + (f.isVectorValued() ? ", one entry per entry of the value" : "") + "\n",
                source)
            .recordConstructor(
                MethodSpec.constructorBuilder()
                    .addParameter(component, "value")
                    .addParameter(component, "tangent")
                    .build());
    if (f.isPublic()) {
      record.addModifiers(Modifier.PUBLIC);
    }
    type.addType(record.build());
    List<ParameterSpec> dots = new ArrayList<>();
    List<String> recordDots = RecordForms.tangentNames(f, body.tangents());
    for (int i = 0; i < f.parameters().size(); i++) {
      RecordParameter taken = f.recordOf(i);
      if (taken != null) {
        String dot = recordDots.get(f.records().indexOf(taken));
        if (i == taken.first() && dot != null) {
          dots.add(ParameterSpec.builder(RecordForms.tangentType(taken), dot).build());
        }
        continue;
      }
      String dot = body.tangents().get(i);
      if (dot != null) {
        dots.add(ParameterSpec.builder(primitive(f.parameters().get(i).type().keyword()), dot).build());
      }
    }
    List<String> flatDots = new ArrayList<>();
    f.records().forEach(r -> flatDots.add(body.tangents().get(r.first())));
    List<String> reserved = new ArrayList<>();
    dots.forEach(d -> reserved.add(d.name()));
    if (body.receiver() != null) {
      reserved.add(body.receiver());
    }
    List<Java.Stmt> statements = RecordForms.prepend(
        RecordEdges.takeApart(f, recordDots, body.tangents()),
        RecordForms.readInPlace(f, body.statements(), recordDots, flatDots, true, reserved));
    type.addMethod(
        method(type, f, statements, body.receiver(), f.name() + "Tangent", recordName, visibility, dots)
            .addJavadoc(
                "Returns the value of " + link + " and its directional derivative: the sum of each partial"
                    + " derivative times the tangent argument of its parameter, in one forward sweep.\n",
                source)
            .build());
  }

  private static final ClassName VALUE = ClassName.get("io.adjoint", "Value");

  /** Whether a method gets the {@code Value} node form: it has differentiable parameters, all doubles. */
  private static boolean hasValueNode(List<io.adjoint.processor.ir.Type> types, List<String> accessors) {
    boolean any = false;
    for (int i = 0; i < types.size(); i++) {
      if (accessors.get(i) != null) {
        if (types.get(i) != io.adjoint.processor.ir.Type.DOUBLE) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  /**
   * The signature of each method this writer generates for a method {@code name} with parameters of
   * {@code types}, written {@code typeNames} ({@code accessors}: null where a parameter is not
   * differentiable), by form, with the receiver's type first for an instance method ({@code receiver},
   * else null): so that a clash between two methods' forms is found before anything is generated.
   */
  public static Map<String, String> signatures(
      String name,
      String receiver,
      List<io.adjoint.processor.ir.Type> types,
      List<String> typeNames,
      List<String> accessors,
      boolean vector,
      int order) {
    List<String> parameters = new ArrayList<>();
    if (receiver != null) {
      parameters.add(receiver);
    }
    List<String> valueNode = new ArrayList<>(parameters);
    List<String> tangents = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      String type = typeNames.get(i);
      parameters.add(type);
      valueNode.add(accessors.get(i) != null ? VALUE.canonicalName() : type);
      if (accessors.get(i) != null) {
        tangents.add(type);
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (vector) {
      out.put("Jacobian", signature(name + "Jacobian", parameters));
      out.put("Pullback", signature(name + "Pullback", parameters, "double[]", "double[]", "int"));
    } else {
      out.put("gradient", signature(name, parameters));
      out.put("Into", signature(name + "Into", parameters, "double[]"));
      out.put("Pullback", signature(name + "Pullback", parameters, "double", "double[]", "int"));
      if (hasValueNode(types, accessors)) {
        out.put("Value", signature(name, valueNode));
      }
    }
    out.put("Tangent", signature(name + "Tangent", parameters, tangents.toArray(new String[0])));
    if (order == 2) {
      out.put("Hessian", signature(name + "Hessian", parameters));
      out.put("HessianVector", signature(name + "HessianVector", parameters, "double[]"));
    }
    return out;
  }

  private static String signature(String name, List<String> parameters, String... extra) {
    List<String> all = new ArrayList<>(parameters);
    all.addAll(List.of(extra));
    return name + "(" + String.join(", ", all) + ")";
  }

  /**
   * {@code f(Value x, Value y)}: the function as one node of a {@code Value} graph, for functions whose
   * differentiable parameters are all {@code double}s; the others are passed as they are.
   */
  private static void valueNode(
      TypeSpec.Builder type,
      Function f,
      Code code,
      String link,
      ClassName source,
      ClassName recordName,
      Modifier[] visibility) {
    List<Parameter> params = f.parameters();
    List<io.adjoint.processor.ir.Type> types = new ArrayList<>();
    params.forEach(p -> types.add(p.type()));
    if (!hasValueNode(types, f.accessors()) || !f.records().isEmpty()) {
      return;
    }
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(f.name())
            .addModifiers(visibility)
            .returns(VALUE)
            .addJavadoc(
                link + " as one node of a {@link $T} graph: its value, and a backward that sends each"
                    + " partial derivative, times the node's gradient, to the corresponding input.\n",
                source,
                VALUE);
    List<CodeBlock> args = new ArrayList<>();
    List<CodeBlock> inputs = new ArrayList<>();
    List<CodeBlock> partials = new ArrayList<>();
    String gradient = "gradient";
    Set<String> taken = new HashSet<>();
    for (Parameter p : params) {
      taken.add(p.name());
    }
    if (f.receiver() != null) {
      taken.add(code.record().receiver());
      m.addParameter(receiverType(f), code.record().receiver());
      args.add(CodeBlock.of("$L", code.record().receiver()));
    }
    while (taken.contains(gradient)) {
      gradient = gradient + "_";
    }
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      if (f.accessors().get(i) != null) {
        m.addParameter(VALUE, p.name());
        args.add(CodeBlock.of("$L.data()", p.name()));
        inputs.add(CodeBlock.of("$L", p.name()));
        partials.add(CodeBlock.of("$L.$L()", gradient, f.accessors().get(i)));
      } else {
        m.addParameter(parameterType(p), p.name());
        args.add(CodeBlock.of("$L", p.name()));
      }
    }
    m.addStatement("$T $L = $L($L)", recordName, gradient, f.name(), CodeBlock.join(args, ", "));
    m.addStatement(
        "return $L.withPartials($L.value(), new $T[] {$L}, new double[] {$L})",
        taken.contains("Value") ? CodeBlock.of("$L", "io.adjoint.Value") : CodeBlock.of("$T", VALUE),
        gradient,
        VALUE,
        CodeBlock.join(inputs, ", "),
        CodeBlock.join(partials, ", "));
    type.addMethod(m.build());
  }

  /** The record type of a function, nested in its gradients class. */
  public static ClassName recordName(ClassRef gradients, Function f) {
    return className(gradients).nestedClass(f.recordName());
  }

  /**
   * A generated method; when its body is too large for one method (see {@link Splitter}), the body goes
   * into private part methods added to {@code type}, which this method calls in turn.
   */
  static MethodSpec.Builder method(
      TypeSpec.Builder type,
      Function f,
      Generator.Body body,
      String name,
      TypeName returns,
      Modifier[] visibility,
      List<ParameterSpec> extras) {
    return method(type, f, body.statements(), body.receiver(), name, returns, visibility, extras);
  }

  static MethodSpec.Builder method(
      TypeSpec.Builder type,
      Function f,
      List<Java.Stmt> statements,
      String receiver,
      String name,
      TypeName returns,
      Modifier[] visibility,
      List<ParameterSpec> extras) {
    List<ParameterSpec> params = new ArrayList<>();
    if (f.receiver() != null) {
      params.add(ParameterSpec.builder(receiverType(f), receiver).build());
    }
    for (int i = 0; i < f.parameters().size(); i++) {
      RecordParameter taken = f.recordOf(i);
      if (taken == null) {
        params.add(ParameterSpec.builder(parameterType(f.parameters().get(i)), f.parameters().get(i).name()).build());
      } else if (i == taken.first()) {
        params.add(ParameterSpec.builder(RecordForms.recordType(taken), taken.name()).build());
      }
    }
    params.addAll(extras);
    if (!f.records().isEmpty()) {
      statements = RecordForms.prepend(
          RecordEdges.takeApart(f), RecordForms.readInPlace(f, statements, params.stream().map(p -> p.name()).toList()));
    }
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(name).addModifiers(visibility).returns(returns).addParameters(params);
    Set<String> names = new HashSet<>();
    for (ParameterSpec p : params) {
      names.add(p.name());
    }
    for (Java.Stmt st : statements) {
      Splitter.names(st, names);
    }
    Renderer renderer = new Renderer(names);
    Splitter.Plan plan = Splitter.plan(statements);
    CodeBlock.Builder code = CodeBlock.builder();
    if (plan == null) {
      renderer.statements(statements, code);
      m.addCode(code.build());
      return m;
    }
    Set<String> taken = new HashSet<>();
    for (ParameterSpec p : params) {
      taken.add(p.name());
    }
    Map<Character, String> frames = Splitter.frameNames(statements, taken);
    List<ParameterSpec> partParams = new ArrayList<>(params);
    List<String> args = new ArrayList<>();
    for (ParameterSpec p : params) {
      args.add(p.name());
    }
    TypeName[] frameTypes = {
      ArrayTypeName.of(TypeName.DOUBLE), ArrayTypeName.of(TypeName.LONG), ArrayTypeName.of(ClassName.OBJECT)
    };
    TypeName[] elementTypes = {TypeName.DOUBLE, TypeName.LONG, ClassName.OBJECT};
    int[] sizes = {plan.doubles(), plan.longs(), plan.objects()};
    char[] kinds = {'d', 'l', 'o'};
    code.add("// too large for one method: run in $L parts, locals carried between them in arrays\n", plan.parts().size());
    for (int i = 0; i < 3; i++) {
      if (sizes[i] > 0) {
        String frame = frames.get(kinds[i]);
        code.addStatement("$T $L = new $T[$L]", frameTypes[i], frame, elementTypes[i], sizes[i]);
        partParams.add(ParameterSpec.builder(frameTypes[i], frame).build());
        args.add(frame);
      }
    }
    String call = String.join(", ", args);
    for (int k = 0; k < plan.parts().size(); k++) {
      Splitter.Part part = plan.parts().get(k);
      boolean last = k == plan.parts().size() - 1;
      String partName = name + "Part" + (k + 1);
      MethodSpec.Builder pm =
          MethodSpec.methodBuilder(partName)
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(last ? returns : TypeName.VOID)
              .addParameters(partParams)
              .addJavadoc("Part $L of {@link #$L}.\n", k + 1, name);
      CodeBlock.Builder pc = CodeBlock.builder();
      for (Splitter.Spill in : part.inputs()) {
        pc.addStatement("$L $L = $L", typeName(in.type()), in.name(), reload(in, frames));
      }
      renderer.statements(part.body(), pc);
      for (Splitter.Spill out : part.outputs()) {
        pc.addStatement("$L", spill(out, frames));
      }
      pm.addCode(pc.build());
      type.addMethod(pm.build());
      if (last && !returns.equals(TypeName.VOID)) {
        code.addStatement("return $L($L)", partName, call);
      } else {
        code.addStatement("$L($L)", partName, call);
      }
    }
    m.addCode(code.build());
    return m;
  }

  private static CodeBlock typeName(Java.JType t) {
    return CodeBlock.of("$T", t.ref() != null ? className(t.ref()) : primitive(t.keyword()));
  }

  private static CodeBlock reload(Splitter.Spill s, Map<Character, String> frames) {
    String frame = frames.get(s.frame());
    if (s.frame() == 'd') {
      return CodeBlock.of("$L[$L]", frame, s.slot());
    }
    if (s.frame() == 'l') {
      return switch (s.type().keyword()) {
        case "int" -> CodeBlock.of("(int) $L[$L]", frame, s.slot());
        case "boolean" -> CodeBlock.of("$L[$L] != 0", frame, s.slot());
        default -> CodeBlock.of("$L[$L]", frame, s.slot());
      };
    }
    return CodeBlock.of("($L) $L[$L]", typeName(s.type()), frame, s.slot());
  }

  private static CodeBlock spill(Splitter.Spill s, Map<Character, String> frames) {
    String frame = frames.get(s.frame());
    if (s.frame() == 'l' && s.type().keyword().equals("boolean")) {
      return CodeBlock.of("$L[$L] = $L ? 1 : 0", frame, s.slot(), s.name());
    }
    return CodeBlock.of("$L[$L] = $L", frame, s.slot(), s.name());
  }

  static TypeName receiverType(Function f) {
    ClassName receiver = className(f.receiver().type());
    if (f.receiver().typeArguments() == 0) {
      return receiver;
    }
    TypeName[] wildcards = new TypeName[f.receiver().typeArguments()];
    Collections.nCopies(wildcards.length, WildcardTypeName.subtypeOf(Object.class)).toArray(wildcards);
    return ParameterizedTypeName.get(receiver, wildcards);
  }

  /** The type of a parameter in generated signatures: its keyword's, or its enum class. */
  static TypeName parameterType(Parameter p) {
    return p.enumType() != null ? className(p.enumType()) : primitive(p.type().keyword());
  }

  static TypeName primitive(String keyword) {
    return switch (keyword) {
      case "double" -> TypeName.DOUBLE;
      case "int" -> TypeName.INT;
      case "long" -> TypeName.LONG;
      case "boolean" -> TypeName.BOOLEAN;
      case "int[]" -> ArrayTypeName.of(TypeName.INT);
      case "double[]" -> ArrayTypeName.of(TypeName.DOUBLE);
      case "double[][]" -> ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE));
      case "double[][][]" -> ArrayTypeName.of(ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE)));
      default -> throw new IllegalArgumentException(keyword);
    };
  }

  /**
   * Prints generated statements. A class named in an expression ({@code Math.sin}, {@code Tape.acquire})
   * is written with its full name where a parameter or local of the method has its simple name, which
   * would hide it.
   */
  static final class Renderer {
    private final Set<String> shadowed;

    Renderer(Set<String> shadowed) {
      this.shadowed = shadowed;
    }

    /** The class as an expression's qualifier: simple (imported) unless a local hides that name. */
    private CodeBlock owner(ClassRef ref) {
      if (shadowed.contains(ref.simpleNames().get(0))) {
        String pkg = ref.packageName().isEmpty() ? "" : ref.packageName() + ".";
        return CodeBlock.of("$L", pkg + String.join(".", ref.simpleNames()));
      }
      return CodeBlock.of("$T", className(ref));
    }

    void statements(List<Java.Stmt> stmts, CodeBlock.Builder code) {
      for (Java.Stmt s : stmts) {
        statement(s, code);
      }
    }

    void statement(Java.Stmt s, CodeBlock.Builder code) {
      if (s instanceof Java.Declare d) {
        TypeName type = d.type().ref() != null ? className(d.type().ref()) : primitive(d.type().keyword());
        if (d.init() == null) {
          code.addStatement("$T $L", type, d.name());
        } else {
          code.addStatement("$T $L = $L", type, d.name(), expr(d.init()));
        }
      } else if (s instanceof Java.Assign a) {
        code.addStatement("$L $L $L", expr(a.target()), a.op(), expr(a.value()));
      } else if (s instanceof Java.Eval e) {
        code.addStatement("$L", expr(e.expr()));
      } else if (s instanceof Java.While w) {
        if (w.testAfter()) {
          code.add("do {\n").indent();
          statements(w.body(), code);
          code.unindent().add("} while ($L);\n", expr(w.condition()));
        } else {
          code.beginControlFlow("while ($L)", expr(w.condition()));
          statements(w.body(), code);
          code.endControlFlow();
        }
      } else if (s instanceof Java.CountDown c && c.upward()) {
        code.beginControlFlow(
            "for (int $L = 1; $L <= $L; $L++)", c.counter(), c.counter(), expr(c.from()), c.counter());
        statements(c.body(), code);
        code.endControlFlow();
      } else if (s instanceof Java.CountDown c) {
        code.beginControlFlow(
            "for (int $L = $L; $L > 0; $L--)", c.counter(), expr(c.from()), c.counter(), c.counter());
        statements(c.body(), code);
        code.endControlFlow();
      } else if (s instanceof Java.CountUp c) {
        code.beginControlFlow(
            "for (int $L = 0; $L < $L; $L++)", c.counter(), c.counter(), expr(c.to()), c.counter());
        statements(c.body(), code);
        code.endControlFlow();
      } else if (s instanceof Java.Comment c) {
        code.add("// $L\n", c.text());
      } else if (s instanceof Java.Return r) {
        code.addStatement("return $L", expr(r.value()));
      } else if (s instanceof Java.If i) {
        code.beginControlFlow("if ($L)", expr(i.condition()));
        statements(i.then(), code);
        List<Java.Stmt> otherwise = i.otherwise();
        while (otherwise.size() == 1 && otherwise.get(0) instanceof Java.If nested) {
          code.nextControlFlow("else if ($L)", expr(nested.condition()));
          statements(nested.then(), code);
          otherwise = nested.otherwise();
        }
        if (!otherwise.isEmpty()) {
          code.nextControlFlow("else");
          statements(otherwise, code);
        }
        code.endControlFlow();
      } else {
        throw new IllegalArgumentException("unknown statement " + s);
      }
    }

    CodeBlock expr(Java.Expr e) {
      if (e instanceof Java.Name n) {
        return CodeBlock.of("$L", n.name());
      }
      if (e instanceof Java.Literal l) {
        return CodeBlock.of("$L", l.text());
      }
      if (e instanceof Java.Unary u) {
        boolean parens =
            u.operand().precedence() < Java.UNARY
                || startsWithSign(u.operand())
                || u.operand() instanceof Java.Unary;
        return CodeBlock.of("$L$L", u.op(), wrap(u.operand(), parens));
      }
      if (e instanceof Java.Binary b) {
        int p = b.op().precedence();
        boolean left = b.left().precedence() < p;
        boolean right = b.right().precedence() <= p || (startsWithSign(b.right()) && isAdditive(b.op()));
        return CodeBlock.of("$L $L $L", wrap(b.left(), left), b.op().symbol(), wrap(b.right(), right));
      }
      if (e instanceof Java.Conditional c) {
        return CodeBlock.of(
            "$L ? $L : $L",
            wrap(c.condition(), c.condition().precedence() <= Java.CONDITIONAL),
            wrap(c.ifTrue(), c.ifTrue().precedence() <= Java.CONDITIONAL),
            wrap(c.ifFalse(), c.ifFalse().precedence() <= Java.CONDITIONAL));
      }
      if (e instanceof Java.Cast c) {
        CodeBlock operand = wrap(c.operand(), c.operand().precedence() < Java.CAST);
        if (c.type() == null) {
          return CodeBlock.of("($T) $L", className(c.ref()), operand);
        }
        return CodeBlock.of("($L) $L", c.type().keyword(), operand);
      }
      if (e instanceof Java.Call c) {
        CodeBlock args = args(c.args());
        if (c.owner() != null) {
          return CodeBlock.of("$L.$L($L)", owner(c.owner()), c.method(), args);
        }
        if (c.target() != null) {
          return CodeBlock.of("$L.$L($L)", expr(c.target()), c.method(), args);
        }
        return CodeBlock.of("$L($L)", c.method(), args);
      }
      if (e instanceof Java.FieldRead f) {
        if (f.owner() != null) {
          return CodeBlock.of("$L.$L", owner(f.owner()), f.name());
        }
        return CodeBlock.of("$L.$L", expr(f.target()), f.name());
      }
      if (e instanceof Java.ArrayRead a) {
        return CodeBlock.of("$L[$L]", expr(a.array()), expr(a.index()));
      }
      if (e instanceof Java.NewArray n) {
        if (!n.dimensions().isEmpty()) {
          CodeBlock.Builder b = CodeBlock.builder().add("new double");
          for (Java.Expr d : n.dimensions()) {
            b.add("[$L]", expr(d));
          }
          return b.build();
        }
        return CodeBlock.of("new double[] {$L}", args(n.elements()));
      }
      if (e instanceof Java.New n) {
        return CodeBlock.of("new $T($L)", className(n.type()), args(n.args()));
      }
      throw new IllegalArgumentException("unknown expression " + e);
    }

    private static boolean isAdditive(BinaryOp op) {
      return op == BinaryOp.ADD || op == BinaryOp.SUB;
    }

    private static boolean startsWithSign(Java.Expr e) {
      return (e instanceof Java.Unary u && (u.op().equals("-") || u.op().equals("+")))
          || (e instanceof Java.Literal l && l.text().startsWith("-"));
    }

    CodeBlock args(List<Java.Expr> args) {
      List<CodeBlock> blocks = new ArrayList<>();
      for (Java.Expr a : args) {
        blocks.add(expr(a));
      }
      return CodeBlock.join(blocks, ", ");
    }

    CodeBlock wrap(Java.Expr e, boolean parens) {
      return parens ? CodeBlock.of("($L)", expr(e)) : expr(e);
    }
  }

}
