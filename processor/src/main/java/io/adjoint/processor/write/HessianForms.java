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
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.write.GradientWriter.Code;
import io.adjoint.processor.write.GradientWriter.SecondOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The second-order forms of a method returning {@code double} ({@code @Differentiable(order = 2)}): the
 * Hessian-vector product, reverse mode over the method's tangent program, in {@code
 * fHessianVectorInto}; {@code fHessianVector}, the same along a flat direction; and {@code fHessian}, one
 * Hessian-vector product per input, made exactly symmetric.
 */
final class HessianForms {
  private static final TypeName VECTOR = Directions.VECTOR;
  private static final TypeName MATRIX = Directions.MATRIX;

  private HessianForms() {}

  static void add(
      TypeSpec.Builder type, ClassName source, ClassRef gradients, Code code, String link, Modifier[] visibility) {
    Function f = code.function();
    SecondOrder second = code.secondOrder();
    String into = f.name() + "HessianVectorInto";
    List<String> directionNames = new ArrayList<>();
    for (String d : second.directions()) {
      if (d != null) {
        directionNames.add("{@code " + d + "}");
      }
    }
    type.addMethod(
        GradientWriter.method(
                type,
                second.program(),
                second.hessianVector(),
                into,
                TypeName.DOUBLE,
                visibility,
                List.of(ParameterSpec.builder(VECTOR, second.hessianVector().array()).build()))
            .addJavadoc(
                "Writes the Hessian of " + link + " times the direction ($L) into {@code $L}, in the flat"
                    + " layout, without forming the Hessian: reverse mode over the method's tangent, with no"
                    + " allocation but the tape's.\n\n@return the directional derivative, the gradient times"
                    + " the direction\n",
                source,
                String.join(", ", directionNames),
                second.hessianVector().array())
            .build());

    String receiver = second.hessianVector().receiver();
    Set<String> taken = Directions.taken(f, receiver);
    type.addMethod(hessianVector(f, receiver, new HashSet<>(taken), into, link, source, visibility));
    ClassName record = record(type, f, gradients, link, source);
    type.addMethod(hessian(code, receiver, taken, into, record, link, source, visibility));
  }

  /** {@code fHessianVector(parameters, double[] v)}: unpacks the flat direction, and calls the Into form. */
  private static MethodSpec hessianVector(
      Function f, String receiver, Set<String> taken, String into, String link, ClassName source, Modifier[] visibility) {
    String v = Directions.fresh("v", taken);
    String product = Directions.fresh("hessianVector", taken);
    MethodSpec.Builder m =
        Directions.signature(f, receiver, f.name() + "HessianVector", visibility)
            .addParameter(VECTOR, v)
            .returns(VECTOR)
            .addJavadoc(
                "Returns the Hessian of " + link + " times {@code $L}, both flat (a {@code double} one entry,"
                    + " a {@code double[]} its entries, a {@code double[][]} its rows in turn), computed without"
                    + " forming the Hessian: reverse mode over the method's tangent, in about the time of a few"
                    + " gradients.\n",
                source,
                v);
    CodeBlock.Builder body = CodeBlock.builder();
    List<CodeBlock> directions = new ArrayList<>();
    CodeBlock offset = CodeBlock.of("0");
    for (int i = 0; i < f.parameters().size(); i++) {
      if (f.accessors().get(i) == null) {
        continue;
      }
      Parameter p = f.parameters().get(i);
      String dot = Directions.fresh(p.name() + "Dot", taken);
      switch (p.type()) {
        case DOUBLE -> body.addStatement("double $L = $L[$L]", dot, v, offset);
        case DOUBLE_ARRAY -> body.addStatement(
            "$T $L = $T.copyOfRange($L, $L, $L)",
            VECTOR,
            dot,
            java.util.Arrays.class,
            v,
            offset,
            offset.toString().equals("0") ? CodeBlock.of("$L.length", p.name()) : CodeBlock.of("$L + $L.length", offset, p.name()));
        default -> body.addStatement("$T $L = $T.rows($L, $L, $L)", MATRIX, dot, VectorForms.JACOBIANS, v, offset, p.name());
      }
      directions.add(CodeBlock.of("$L", dot));
      CodeBlock width = Directions.width(p);
      offset = offset.toString().equals("0") ? width : CodeBlock.of("$L + $L", offset, width);
    }
    CodeBlock.Builder check = CodeBlock.builder();
    check.addStatement("$T.requireLength($L, $L)", VectorForms.JACOBIANS, v, offset);
    directions.add(CodeBlock.of("$L", product));
    body.addStatement("$T $L = new double[$L.length]", VECTOR, product, v);
    body.addStatement(VectorForms.call(into, f, receiver, directions));
    body.addStatement("return $L", product);
    return m.addCode(check.build()).addCode(body.build()).build();
  }

  /** {@code FHessian(double value, double[] gradient, double[][] hessian)}. */
  private static ClassName record(TypeSpec.Builder type, Function f, ClassRef gradients, String link, ClassName source) {
    ClassName name = GradientWriter.className(gradients).nestedClass(ClassRef.formRecordName(f.recordName(), "Hessian"));
    TypeSpec.Builder record =
        TypeSpec.recordBuilder(name)
            .addJavadoc(
                "The value of " + link + ", its gradient and its Hessian, flat (a {@code double} one entry, a"
                    + " {@code double[]} its entries, a {@code double[][]} its rows in turn).\n\n"
                    + "@param value the method's value\n"
                    + "@param gradient the partial derivatives\n"
                    + "@param hessian the second partial derivatives, exactly symmetric\n",
                source)
            .recordConstructor(
                MethodSpec.constructorBuilder()
                    .addParameter(TypeName.DOUBLE, "value")
                    .addParameter(VECTOR, "gradient")
                    .addParameter(ArrayTypeName.of(VECTOR), "hessian")
                    .build());
    if (f.isPublic()) {
      record.addModifiers(Modifier.PUBLIC);
    }
    type.addType(record.build());
    return name;
  }

  /** {@code fHessian(parameters)}: one Hessian-vector product per input, along its unit vector. */
  private static MethodSpec hessian(
      Code code,
      String receiver,
      Set<String> taken,
      String into,
      ClassName record,
      String link,
      ClassName source,
      Modifier[] visibility) {
    Function f = code.function();
    String inputs = Directions.fresh("inputs", taken);
    String hessian = Directions.fresh("hessian", taken);
    String gradient = Directions.fresh("gradient", taken);
    String column = Directions.fresh("column", taken);
    String entry = Directions.fresh("entry", taken);
    String row = Directions.fresh("row", taken);
    MethodSpec.Builder m =
        Directions.signature(f, receiver, f.name() + "Hessian", visibility)
            .returns(record)
            .addJavadoc(
                "Returns the value, gradient and Hessian of " + link + ": one Hessian-vector product per input,"
                    + " each also giving one partial derivative; the Hessian made exactly symmetric.\n",
                source);
    CodeBlock.Builder body = CodeBlock.builder();
    Directions directions = Directions.declare(f, taken, body);
    body.addStatement("int $L = $L", inputs, directions.size());
    body.addStatement("$T $L = new double[$L][$L]", MATRIX, hessian, inputs, inputs);
    body.addStatement("$T $L = new double[$L]", VECTOR, gradient, inputs);
    body.addStatement("int $L = 0", column);
    directions.sweep(
        body,
        entry,
        row,
        () -> {
          List<CodeBlock> args = directions.arguments();
          args.add(CodeBlock.of("$L[$L]", hessian, column));
          return CodeBlock.builder()
              .addStatement("$L[$L] = $L", gradient, column, VectorForms.call(into, f, receiver, args))
              .addStatement("$L++", column)
              .build();
        });
    body.addStatement("$T.symmetrize($L)", VectorForms.JACOBIANS, hessian);
    body.addStatement(
        "return new $T($L, $L, $L)", record, code.value(receiver, directions.arguments()), gradient, hessian);
    return m.addCode(body.build()).build();
  }
}
