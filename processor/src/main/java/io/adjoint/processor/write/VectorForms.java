package io.adjoint.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.RecordEdges;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.write.GradientWriter.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The forms of a vector-valued method ({@code double[] f(…)}) besides its tangent: {@code fPullback},
 * the vector–Jacobian product, and {@code fJacobian}, which takes forward sweeps (one per input) or
 * reverse sweeps (one per output), whichever are fewer for the sizes it is called with.
 */
final class VectorForms {
  static final ClassName JACOBIANS = ClassName.get("io.adjoint.internal", "Jacobians");
  private static final TypeName VECTOR = Directions.VECTOR;
  private static final TypeName MATRIX = Directions.MATRIX;

  private VectorForms() {}

  static void add(
      TypeSpec.Builder type, ClassName source, ClassRef gradients, Code code, String link, Modifier[] visibility) {
    Function f = code.function();
    // a method returning a record takes the upstream as the record's tangent, taken apart into the array
    String upstream = code.pullback().upstream();
    List<Java.Stmt> statements = code.pullback().statements();
    TypeName upstreamType = VECTOR;
    if (f.returnsRecord() != null) {
      upstream = upstream + "Tangent";
      upstreamType = GradientWriter.className(f.returnsRecord().tangent());
      statements = new ArrayList<>(statements);
      statements.add(0, RecordEdges.leavesOf(f.returnsRecord(), upstream, code.pullback().upstream()));
    }
    MethodSpec.Builder pullback =
        GradientWriter.method(
                type,
                f,
                statements,
                code.pullback().receiver(),
                f.name() + "Pullback",
                TypeName.VOID,
                visibility,
                List.of(
                    ParameterSpec.builder(upstreamType, upstream).build(),
                    ParameterSpec.builder(VECTOR, code.pullback().array()).build(),
                    ParameterSpec.builder(TypeName.INT, code.pullback().offset()).build()))
            .addJavadoc(
                "The pullback of " + link + ": adds the vector–Jacobian product, {@code $L} times the"
                    + " Jacobian, into {@code $L[$L + i]}, in the order of the parameters (a {@code"
                    + " double[][]} row by row), in one forward and one reverse sweep.\n",
                source,
                upstream,
                code.pullback().array(),
                code.pullback().offset());
    type.addMethod(pullback.build());
    if (!f.records().isEmpty()) {
      return; // the Jacobian forms sweep flat directions through forms that take records: not yet
    }
    ClassName record = jacobianRecord(type, f, gradients, link, source);
    type.addMethod(jacobian(type, f, code, record, link, source, visibility));
    type.addMethod(byTangents(f, code));
  }

  /** {@code FJacobian(double[] value, one component per differentiable parameter)}. */
  private static ClassName jacobianRecord(
      TypeSpec.Builder type, Function f, ClassRef gradients, String link, ClassName source) {
    ClassName name = GradientWriter.className(gradients).nestedClass(ClassRef.formRecordName(f.recordName(), "Jacobian"));
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addParameter(VECTOR, "value");
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add("The value of " + link + " and its Jacobian, one component per differentiable"
                + " parameter.\n\n", source)
            .add("@param value the method's value, of length m\n");
    for (int i = 0; i < f.parameters().size(); i++) {
      String accessor = f.accessors().get(i);
      if (accessor == null) {
        continue;
      }
      Parameter p = f.parameters().get(i);
      TypeName component;
      String shape;
      switch (p.type()) {
        case DOUBLE -> {
          component = VECTOR;
          shape = "of length m: entry i is ∂value[i]/∂" + p.name();
        }
        case DOUBLE_ARRAY -> {
          component = MATRIX;
          shape = "m × " + p.name() + ".length: entry [i][j] is ∂value[i]/∂" + p.name() + "[j]";
        }
        default -> {
          component = ArrayTypeName.of(MATRIX);
          shape = "one matrix shaped like " + p.name() + " per output: entry [i][r][c] is ∂value[i]/∂"
              + p.name() + "[r][c]";
        }
      }
      ctor.addParameter(component, accessor);
      doc.add("@param $L the derivatives with respect to {@code $L}, $L\n", accessor, p.name(), shape);
    }
    TypeSpec.Builder record = TypeSpec.recordBuilder(name).addJavadoc(doc.build()).recordConstructor(ctor.build());
    if (f.isPublic()) {
      record.addModifiers(Modifier.PUBLIC);
    }
    type.addType(record.build());
    return name;
  }


  /**
   * {@code fJacobian}: from the body that shares one forward sweep between the reverse sweeps, where
   * the method has one; else the method's value, then its tangents or one pullback per output.
   */
  private static MethodSpec jacobian(
      TypeSpec.Builder type, Function f, Code code, ClassName record, String link, ClassName source, Modifier[] visibility) {
    String javadoc = "Returns the value of " + link + " and its Jacobian: by forward sweeps (one tangent per"
        + " input) when there are no more inputs than outputs, else by reverse sweeps (one per output)";
    if (code.jacobian() != null) {
      return GradientWriter.method(type, f, code.jacobian(), f.name() + "Jacobian", record, visibility, List.of())
          .addJavadoc(javadoc + " after one forward sweep that they share.\n", source)
          .build();
    }
    String receiver = code.tangent().receiver();
    Set<String> taken = Directions.taken(f, receiver);
    String value = Directions.fresh("value", taken);
    String jacobian = Directions.fresh("jacobian", taken);
    String upstream = Directions.fresh("upstream", taken);
    String output = Directions.fresh("output", taken);

    MethodSpec.Builder m =
        Directions.signature(f, receiver, f.name() + "Jacobian", visibility)
            .returns(record)
            .addJavadoc(javadoc + ", each with its own forward sweep.\n", source);
    CodeBlock.Builder body = CodeBlock.builder();
    // zero directions, declared only where the value comes from the tangent form (a private method)
    Directions zero = Directions.declare(f, taken, code.owner() == null ? body : CodeBlock.builder());
    body.addStatement("$T $L = $L", VECTOR, value, code.value(receiver, zero.arguments()));
    CodeBlock inputs = zero.size();
    body.addStatement("$T $L", MATRIX, jacobian);
    body.beginControlFlow("if ($T.forward($L, $L.length))", JACOBIANS, inputs, value);
    List<CodeBlock> outputs = List.of(CodeBlock.of("$L.length", value));
    body.addStatement("$L = $L", jacobian, call(GradientWriter.jacobianByTangents(f.name()), f, receiver, outputs));
    body.nextControlFlow("else");
    body.addStatement("$L = new double[$L.length][$L]", jacobian, value, inputs);
    body.addStatement("$T $L = new double[$L.length]", VECTOR, upstream, value);
    body.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", output, output, value, output);
    body.addStatement("$L[$L] = 1.0", upstream, output);
    List<CodeBlock> extra =
        List.of(CodeBlock.of("$L", upstream), CodeBlock.of("$L[$L]", jacobian, output), CodeBlock.of("0"));
    body.addStatement(call(f.name() + "Pullback", f, receiver, extra));
    body.addStatement("$L[$L] = 0.0", upstream, output);
    body.endControlFlow();
    body.endControlFlow();

    List<CodeBlock> components = new ArrayList<>();
    components.add(CodeBlock.of("$L", value));
    CodeBlock offset = CodeBlock.of("0");
    for (int i = 0; i < f.parameters().size(); i++) {
      if (f.accessors().get(i) == null) {
        continue;
      }
      Parameter p = f.parameters().get(i);
      components.add(
          switch (p.type()) {
            case DOUBLE -> CodeBlock.of("$T.column($L, $L)", JACOBIANS, jacobian, offset);
            case DOUBLE_ARRAY -> CodeBlock.of("$T.columns($L, $L, $L.length)", JACOBIANS, jacobian, offset, p.name());
            default -> CodeBlock.of("$T.columns($L, $L, $L)", JACOBIANS, jacobian, offset, p.name());
          });
      CodeBlock width = Directions.width(p);
      offset = offset.toString().equals("0") ? width : CodeBlock.of("$L + $L", offset, width);
    }
    body.addStatement("return new $T($L)", record, CodeBlock.join(components, ", "));
    return m.addCode(body.build()).build();
  }

  /**
   * {@code double[][] fJacobianByTangents(parameters, int outputs)}: the Jacobian matrix (a row per
   * output, a column per input in the flat layout) by one tangent per input.
   */
  private static MethodSpec byTangents(Function f, Code code) {
    String receiver = code.tangent().receiver();
    Set<String> taken = Directions.taken(f, receiver);
    String outputs = Directions.fresh("outputs", taken);
    String jacobian = Directions.fresh("jacobian", taken);
    String column = Directions.fresh("column", taken);
    String entry = Directions.fresh("entry", taken);
    String row = Directions.fresh("row", taken);
    MethodSpec.Builder m =
        Directions.signature(f, receiver, GradientWriter.jacobianByTangents(f.name()), new Modifier[] {Modifier.PRIVATE, Modifier.STATIC})
            .addParameter(TypeName.INT, outputs)
            .returns(MATRIX)
            .addJavadoc("The Jacobian of {@code $L} by tangents, one per input: a row per output, a column per input.\n", f.name());
    CodeBlock.Builder body = CodeBlock.builder();
    Directions directions = Directions.declare(f, taken, body);
    body.addStatement("$T $L = new double[$L][$L]", MATRIX, jacobian, outputs, directions.size());
    body.addStatement("int $L = 0", column);
    directions.sweep(
        body,
        entry,
        row,
        () -> CodeBlock.builder()
            .addStatement(
                "$T.setColumn($L, $L++, $L.tangent())",
                JACOBIANS,
                jacobian,
                column,
                call(f.name() + "Tangent", f, receiver, directions.arguments()))
            .build());
    body.addStatement("return $L", jacobian);
    return m.addCode(body.build()).build();
  }

  /** {@code method(receiver, parameters, extra)}. */
  static CodeBlock call(String method, Function f, String receiver, List<CodeBlock> extra) {
    List<CodeBlock> args = Directions.parameters(f, receiver);
    args.addAll(extra);
    return CodeBlock.of("$L($L)", method, CodeBlock.join(args, ", "));
  }
}
