package io.adjoint.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.RecordEdges;
import io.adjoint.processor.ir.RecordParameter;
import io.adjoint.processor.ir.RecordType;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * What the generated code names for records: a record parameter's type, and the tangent record of a
 * differentiable record, {@code PointTangent} for {@code Point}, with one component per component that
 * carries derivatives. Every method taking a {@code Point} hands back its derivatives as a {@code
 * PointTangent}, and takes a {@code PointTangent} as a direction: a generated record of its own, so
 * that no user constructor (which may check invariants such as {@code mass > 0}) runs on derivatives.
 */
public final class RecordForms {
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private RecordForms() {}

  /** The type of record parameter {@code r} in generated signatures: the record, or an array of it. */
  static TypeName recordType(RecordParameter r) {
    ClassName record = GradientWriter.className(r.type().type());
    return r.array() ? ArrayTypeName.of(record) : record;
  }

  /** The type of record parameter {@code r}'s derivatives: its tangent record, or an array of it. */
  static TypeName tangentType(RecordParameter r) {
    ClassName tangent = GradientWriter.className(r.type().tangent());
    return r.array() ? ArrayTypeName.of(tangent) : tangent;
  }

  /**
   * The name of each record parameter's tangent argument in the tangent form, null where none of its
   * leaves takes a tangent ({@code tangents}: the leaves', by flat parameter); {@code pTangent}, made
   * unique among the method's names.
   */
  static List<String> tangentNames(Function f, List<String> tangents) {
    Set<String> taken = new HashSet<>();
    for (Parameter p : f.parameters()) {
      taken.add(p.name());
    }
    f.records().forEach(r -> taken.add(r.name()));
    tangents.stream().filter(t -> t != null).forEach(taken::add);
    List<String> out = new ArrayList<>();
    for (RecordParameter r : f.records()) {
      boolean any = false;
      for (int i = r.first(); i < r.first() + r.count(); i++) {
        any |= tangents.get(i) != null;
      }
      String name = r.name() + "Tangent";
      while (any && !taken.add(name)) {
        name = name + "_";
      }
      out.add(any ? name : null);
    }
    return out;
  }

  /** {@code body} after the declarations of {@code prologue} it names (a leaf the body never reads is left out). */
  static List<Java.Stmt> prepend(List<Java.Stmt> prologue, List<Java.Stmt> body) {
    Set<String> named = new HashSet<>();
    body.forEach(statement -> Splitter.names(statement, named));
    List<Java.Stmt> out = new ArrayList<>();
    for (Java.Stmt statement : prologue) {
      if (!(statement instanceof Java.Declare declared) || named.contains(declared.name())) {
        out.add(statement);
      }
    }
    out.addAll(body);
    return out;
  }

  /**
   * {@code body} reading each array of records in place, {@code chain[i].pos().x()}, where it read the
   * flat copy, {@code chain$flat[i * 5]}; its length as the array's. A read whose index is not of that
   * form keeps reading the copy (which {@link #prepend} then keeps). {@code reserved}: the generated
   * method's parameters, which no new local may take.
   */
  static List<Java.Stmt> readInPlace(Function f, List<Java.Stmt> body, Collection<String> reserved) {
    List<String> flats = new ArrayList<>();
    List<String> records = new ArrayList<>();
    for (int k = 0; k < f.records().size(); k++) {
      flats.add(f.parameters().get(f.records().get(k).first()).name());
      records.add(f.records().get(k).name());
    }
    return readInPlace(f, body, records, flats, false, reserved);
  }

  /**
   * {@code body} reading each array of records {@code records[k]} (of record parameter k, skipping nulls)
   * in place where it read its flat copy {@code flats[k]}: the parameters, or their tangents (then
   * {@code tangents}). An element a loop body reads more than once is loaded once into a local ({@link
   * RecordElements}), named unlike {@code reserved} and every name of the body.
   */
  static List<Java.Stmt> readInPlace(
      Function f,
      List<Java.Stmt> body,
      List<String> records,
      List<String> flats,
      boolean tangents,
      Collection<String> reserved) {
    Set<String> taken = new HashSet<>(reserved);
    records.stream().filter(r -> r != null).forEach(taken::add);
    f.records().forEach(r -> taken.add(r.name()));
    f.parameters().forEach(p -> taken.add(p.name()));
    body.forEach(s -> Splitter.names(s, taken));
    List<Java.Stmt> out = body;
    for (int k = 0; k < f.records().size(); k++) {
      RecordParameter r = f.records().get(k);
      if (r.array() && records.get(k) != null && flats.get(k) != null) {
        String flat = flats.get(k);
        Java.Expr array = new Java.Name(records.get(k));
        out = out.stream().map(s -> Java.mapExpressions(s, e -> inPlace(e, r, array, flat))).toList();
        out = RecordElements.bind(out, records.get(k), tangents ? r.type().tangent() : r.type().type(), tangents, taken);
      }
    }
    return out;
  }

  private static Java.Expr inPlace(Java.Expr e, RecordParameter r, Java.Expr records, String flat) {
    int stride = r.type().leaves().size();
    if (e instanceof Java.Binary b
        && b.op() == io.adjoint.processor.ir.BinaryOp.DIV
        && isLength(b.left(), flat)
        && b.right() instanceof Java.Literal l
        && l.text().equals(Integer.toString(stride))) {
      return new Java.FieldRead(null, records, "length");
    }
    if (isLength(e, flat)) {
      return new Java.Binary(
          io.adjoint.processor.ir.BinaryOp.MUL, new Java.FieldRead(null, records, "length"), new Java.Literal(Integer.toString(stride)));
    }
    if (e instanceof Java.ArrayRead a && a.array() instanceof Java.Name n && n.name().equals(flat)) {
      Java.Expr index = inPlace(a.index(), r, records, flat);
      Java.Expr element = null;
      int leaf = 0;
      if (stride == 1) {
        element = index;
      } else if (times(index, stride) != null) {
        element = times(index, stride);
      } else if (index instanceof Java.Binary sum
          && sum.op() == io.adjoint.processor.ir.BinaryOp.ADD
          && times(sum.left(), stride) != null
          && sum.right() instanceof Java.Literal j
          && j.text().matches("\\d+")
          && Integer.parseInt(j.text()) < stride) {
        element = times(sum.left(), stride);
        leaf = Integer.parseInt(j.text());
      }
      if (element != null) {
        return RecordEdges.read(new Java.ArrayRead(records, element), r.type().leaves().get(leaf));
      }
      return new Java.ArrayRead(a.array(), index);
    }
    return Java.mapOperands(e, x -> inPlace(x, r, records, flat));
  }

  private static boolean isLength(Java.Expr e, String flat) {
    return e instanceof Java.FieldRead f && f.target() instanceof Java.Name n && n.name().equals(flat) && f.name().equals("length");
  }

  /** {@code e} where {@code index} is {@code e * stride}, else null. */
  private static Java.Expr times(Java.Expr index, int stride) {
    return index instanceof Java.Binary b
            && b.op() == io.adjoint.processor.ir.BinaryOp.MUL
            && b.right() instanceof Java.Literal l
            && l.text().equals(Integer.toString(stride))
        ? b.left()
        : null;
  }

  /** The tangent record of {@code type}, as its own source file in the record's package. */
  public static JavaFile tangentRecord(RecordType type, String generator) {
    ClassName record = GradientWriter.className(type.type());
    ClassName tangent = GradientWriter.className(type.tangent());
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add(
                "The derivatives of a {@link $T}: a gradient with respect to one, or a direction for a tangent."
                    + " One component per component of {@code $L} that carries derivatives, named like it.\n\n"
                    + "<p>Generated by Adjoint; do not edit.\n\n",
                record,
                record.simpleName());
    for (RecordType.Component c : type.components()) {
      if (!c.carriesDerivatives()) {
        continue;
      }
      TypeName componentType =
          c.nested() != null ? GradientWriter.className(c.nested().tangent()) : GradientWriter.primitive(c.type().keyword());
      constructor.addParameter(componentType, c.name());
      doc.add("@param $L the derivative with respect to {@code $L()}\n", c.name(), c.name());
    }
    TypeSpec.Builder spec =
        TypeSpec.recordBuilder(tangent)
            .addJavadoc(doc.build())
            .addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", generator).build())
            .recordConstructor(constructor.build());
    if (type.isPublic()) {
      spec.addModifiers(Modifier.PUBLIC);
    }
    if (type.allDoubles()) {
      addFlatArrays(spec, type, record, tangent);
    }
    return JavaFile.builder(type.tangent().packageName(), spec.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  /**
   * For a record of doubles: {@code flatten} of an array of records or of tangents (each element's
   * doubles in turn: the layout generated methods work on), and {@code arrayOf}, its inverse for tangents.
   */
  private static void addFlatArrays(TypeSpec.Builder spec, RecordType type, ClassName record, ClassName tangent) {
    List<RecordType.Leaf> leaves = type.leaves();
    int stride = leaves.size();
    Modifier[] visibility = type.isPublic() ? new Modifier[] {Modifier.PUBLIC, Modifier.STATIC} : new Modifier[] {Modifier.STATIC};
    for (ClassName element : List.of(record, tangent)) {
      CodeBlock.Builder body = CodeBlock.builder()
          .addStatement("double[] flat = new double[values.length * $L]", stride)
          .beginControlFlow("for (int i = 0; i < values.length; i++)")
          .addStatement("$T value = values[i]", element);
      for (int j = 0; j < stride; j++) {
        String read = "value." + String.join("().", leaves.get(j).path()) + "()";
        body.addStatement("flat[$L] = $L", slot(stride, j), read);
      }
      body.endControlFlow().addStatement("return flat");
      spec.addMethod(
          MethodSpec.methodBuilder(RecordEdges.FLATTEN)
              .addModifiers(visibility)
              .returns(ArrayTypeName.of(TypeName.DOUBLE))
              .addParameter(ArrayTypeName.of(element), "values")
              .addJavadoc("The doubles of each of {@code values} in turn, in declaration order.\n")
              .addCode(body.build())
              .build());
    }
    CodeBlock.Builder body = CodeBlock.builder()
        .addStatement("$T[] values = new $T[flat.length / $L]", tangent, tangent, stride)
        .beginControlFlow("for (int i = 0; i < values.length; i++)")
        .addStatement("values[i] = $L", assemble(type, stride, new int[1]))
        .endControlFlow()
        .addStatement("return values");
    spec.addMethod(
        MethodSpec.methodBuilder(RecordEdges.ARRAY_OF)
            .addModifiers(visibility)
            .returns(ArrayTypeName.of(tangent))
            .addParameter(ArrayTypeName.of(TypeName.DOUBLE), "flat")
            .addJavadoc("The tangents whose doubles {@code flat} holds in turn: the inverse of {@code flatten}.\n")
            .addCode(body.build())
            .build());
  }

  /** Where double {@code j} of element {@code i} is in a flat array: {@code i * stride + j}. */
  private static String slot(int stride, int j) {
    return j == 0 ? "i * " + stride : "i * " + stride + " + " + j;
  }

  private static CodeBlock assemble(RecordType type, int stride, int[] next) {
    List<CodeBlock> args = new ArrayList<>();
    for (RecordType.Component c : type.components()) {
      if (c.nested() != null) {
        args.add(assemble(c.nested(), stride, next));
      } else if (c.type() == Type.DOUBLE) {
        args.add(CodeBlock.of("flat[$L]", slot(stride, next[0]++)));
      }
    }
    return CodeBlock.of("new $T($L)", GradientWriter.className(type.tangent()), CodeBlock.join(args, ", "));
  }
}
