package io.adjoint.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The unit directions that the generated Jacobian and Hessian forms sweep over, one per input in the flat
 * layout (a {@code double} one input, a {@code double[]} its entries, a {@code double[][]} its rows in
 * turn): one direction variable per differentiable parameter, all zero but the entry being swept.
 */
final class Directions {
  static final ClassName ADJOINTS = ClassName.get("io.adjoint.internal", "Adjoints");
  static final TypeName VECTOR = ArrayTypeName.of(TypeName.DOUBLE);
  static final TypeName MATRIX = ArrayTypeName.of(VECTOR);

  private final Function function;
  /** The direction variable of each parameter (a {@code double}'s is a literal), null where it has none. */
  private final List<String> names;
  /** The parameter whose {@code double} direction is 1.0 at this point of the sweep, or -1. */
  private int unit = -1;

  private Directions(Function function, List<String> names) {
    this.function = function;
    this.names = names;
  }

  /** Declares zero directions for the array parameters of {@code function}, named apart from {@code taken}. */
  static Directions declare(Function function, Set<String> taken, CodeBlock.Builder body) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < function.parameters().size(); i++) {
      if (function.accessors().get(i) == null) {
        names.add(null);
        continue;
      }
      Parameter p = function.parameters().get(i);
      String name = fresh(p.name() + "Dot", taken);
      names.add(name);
      if (p.type() == Type.DOUBLE_ARRAY) {
        body.addStatement("$T $L = new double[$L.length]", VECTOR, name, p.name());
      } else if (p.type() == Type.DOUBLE_MATRIX) {
        body.addStatement("$T $L = $T.zerosLike($L)", MATRIX, name, ADJOINTS, p.name());
      }
    }
    return new Directions(function, names);
  }

  /** The number of inputs: {@code 1 + x.length + Adjoints.size(m)}. */
  CodeBlock size() {
    List<CodeBlock> terms = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i) != null) {
        terms.add(width(function.parameters().get(i)));
      }
    }
    return terms.isEmpty() ? CodeBlock.of("0") : CodeBlock.join(terms, " + ");
  }

  /** How many inputs a parameter takes. */
  static CodeBlock width(Parameter p) {
    return switch (p.type()) {
      case DOUBLE -> CodeBlock.of("1");
      case DOUBLE_ARRAY -> CodeBlock.of("$L.length", p.name());
      default -> CodeBlock.of("$T.size($L)", ADJOINTS, p.name());
    };
  }

  /** The directions as arguments, in parameter order: each array's variable, a double's 1.0 or 0.0. */
  List<CodeBlock> arguments() {
    List<CodeBlock> args = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i) == null) {
        continue;
      }
      args.add(
          function.parameters().get(i).type() == Type.DOUBLE
              ? CodeBlock.of(i == unit ? "1.0" : "0.0")
              : CodeBlock.of("$L", names.get(i)));
    }
    return args;
  }

  /**
   * Emits statements for each input, in the flat layout's order, with the direction set to that input's
   * unit vector while {@code statements} builds them (from {@link #arguments}); {@code entry} and {@code
   * row} name the loop counters.
   */
  void sweep(CodeBlock.Builder body, String entry, String row, Supplier<CodeBlock> statement) {
    for (int i = 0; i < names.size(); i++) {
      String dot = names.get(i);
      if (dot == null) {
        continue;
      }
      Parameter p = function.parameters().get(i);
      switch (p.type()) {
        case DOUBLE -> {
          unit = i;
          body.add(statement.get());
          unit = -1;
        }
        case DOUBLE_ARRAY -> {
          body.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", entry, entry, p.name(), entry);
          body.addStatement("$L[$L] = 1.0", dot, entry);
          body.add(statement.get());
          body.addStatement("$L[$L] = 0.0", dot, entry);
          body.endControlFlow();
        }
        default -> {
          body.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", row, row, p.name(), row);
          body.beginControlFlow("for (int $L = 0; $L < $L[$L].length; $L++)", entry, entry, p.name(), row, entry);
          body.addStatement("$L[$L][$L] = 1.0", dot, row, entry);
          body.add(statement.get());
          body.addStatement("$L[$L][$L] = 0.0", dot, row, entry);
          body.endControlFlow();
          body.endControlFlow();
        }
      }
    }
  }

  /** The method's own arguments: the receiver (if {@code receiver} is not null), then the parameters. */
  static List<CodeBlock> parameters(Function f, String receiver) {
    List<CodeBlock> args = new ArrayList<>();
    if (receiver != null) {
      args.add(CodeBlock.of("$L", receiver));
    }
    for (Parameter p : f.parameters()) {
      args.add(CodeBlock.of("$L", p.name()));
    }
    return args;
  }

  /** {@code name(receiver, parameters)}: a generated method taking the method's own arguments. */
  static com.palantir.javapoet.MethodSpec.Builder signature(
      Function f, String receiver, String name, javax.lang.model.element.Modifier[] visibility) {
    com.palantir.javapoet.MethodSpec.Builder m =
        com.palantir.javapoet.MethodSpec.methodBuilder(name).addModifiers(visibility);
    if (receiver != null) {
      m.addParameter(GradientWriter.receiverType(f), receiver);
    }
    for (Parameter p : f.parameters()) {
      m.addParameter(GradientWriter.parameterType(p), p.name());
    }
    return m;
  }

  /** The names a generated method's own locals must avoid: its parameters and receiver. */
  static Set<String> taken(Function f, String receiver) {
    Set<String> taken = new java.util.HashSet<>();
    for (Parameter p : f.parameters()) {
      taken.add(p.name());
    }
    if (receiver != null) {
      taken.add(receiver);
    }
    return taken;
  }

  static String fresh(String base, Set<String> taken) {
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + i;
    }
    taken.add(name);
    return name;
  }
}
