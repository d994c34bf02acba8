package io.adjoint.processor.random;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.adjoint.Value;
import io.adjoint.processor.DifferentiableProcessor;
import io.adjoint.processor.random.Ast.Program;
import io.adjoint.processor.random.SourcePrinter.Mode;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * One in-memory compilation: {@code classes} generated classes of {@code perClass} programs each, every
 * class printed three ways ({@link Mode}), all compiled together with the processor and loaded.
 */
final class Batch {
  final long seed;
  final List<Program> programs = new ArrayList<>();
  /** Each generated class's source, read once for {@link #reverseSource} ({@link #summed} reads it again). */
  private final Map<String, String> generatedSources = new java.util.concurrent.ConcurrentHashMap<>();
  final List<JavaFileObject> sources = new ArrayList<>();
  final Map<String, ProgramGenerator.Klass> klasses = new LinkedHashMap<>();
  final Compilation compilation;
  private final ClassLoader loader;

  /**
   * The reflective handles of one program's versions. {@code node}: the Value overload of the generated
   * class (the gradient as one Value node), or null. A vector program has no {@code gradient}, {@code
   * into} or {@code node}, and its {@code pullback} takes an upstream vector; it has a {@code jacobian}.
   * A second-order program has the three Hessian forms; the others have none.
   */
  record Handles(
      Method plain,
      Method probe,
      Method value,
      Method gradient,
      Method into,
      Method pullback,
      Method node,
      Method tangent,
      Method jacobian,
      Method hessianVectorInto,
      Method hessianVector,
      Method hessian,
      boolean jacobianSharesForwardSweep,
      boolean summed) {}

  Batch(long seed, int classes, int perClass) {
    this(seed, classes, perClass, 0);
  }

  Batch(long seed, int classes, int perClass, int vectorsPerClass) {
    this(seed, classes, perClass, vectorsPerClass, 0);
  }

  /**
   * {@code perClass} scalar, {@code vectorsPerClass} vector-valued and {@code recordsPerClass} record
   * programs per class, interleaved.
   */
  Batch(long seed, int classes, int perClass, int vectorsPerClass, int recordsPerClass) {
    this.seed = seed;
    SplittableRandom r = new SplittableRandom(seed);
    generate(r, classes, perClass, vectorsPerClass, recordsPerClass, klasses, programs);
    compilation = compile(r.nextLong());
    loader = loader(compilation);
  }

  /**
   * Generates a batch's programs from {@code r} into {@code programs}, and their classes into {@code
   * klasses}, without compiling them.
   */
  static void generate(SplittableRandom r, int classes, int perClass, int vectorsPerClass, int recordsPerClass,
      Map<String, ProgramGenerator.Klass> klasses, List<Program> programs) {
    ProgramGenerator gen = new ProgramGenerator(r.nextLong());
    int index = 0;
    for (int c = 0; c < classes; c++) {
      ProgramGenerator.Klass klass = gen.klass("R" + c);
      klasses.put(klass.name(), klass);
      int scalars = perClass;
      int vectors = vectorsPerClass;
      int withRecords = recordsPerClass;
      while (scalars + vectors + withRecords > 0) {
        int roll = r.nextInt(scalars + vectors + withRecords);
        boolean vector = roll < vectors;
        boolean record = !vector && roll < vectors + withRecords;
        programs.add(gen.program(klass, "m" + index++, vector, record));
        if (vector) {
          vectors--;
        } else if (record) {
          withRecords--;
        } else {
          scalars--;
        }
      }
    }
  }

  /**
   * Whether the generated {@code fJacobian} of vector program {@code name} of class {@code owner} shares
   * one forward sweep between its reverse sweeps (the method has no loop and one return), rather than
   * calling its pullback once per output.
   */
  boolean sharesForwardSweep(String owner, String name) {
    String gradients = SourcePrinter.PACKAGE + "." + owner + "Gradients";
    String source;
    try {
      source = compilation.generatedSourceFile(gradients).orElseThrow().getCharContent(true).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    int start = source.indexOf(" " + name + "Jacobian(");
    return start >= 0 && source.substring(start, source.indexOf("\n  }\n", start)).contains("one reverse sweep per output");
  }

  /**
   * Whether {@code p}'s Into form adds a map's contributions once, to their sums over a loop, after it
   * ({@code reverse/SummedAdjoints}): then its partials are the record's to the rounding of another order
   * of the same additions, not bit for bit.
   */
  boolean summed(Program p) {
    String into = reverseSource(p);
    return into != null && into.contains(Coverage.SUMMED);
  }

  /**
   * The generated source of {@code p}'s {@code Into} form (of its {@code Pullback} for a program returning
   * {@code double[]} or a record), or null: the method of that name with p's parameters and the form's own,
   * followed by the methods it runs in parts when it is too large for one ({@code fIntoPart1(…)}).
   */
  String reverseSource(Program p) {
    boolean into = !p.vector && p.returns == null;
    String name = p.receiver != null ? p.receiver.name : p.owner;
    String source = generatedSources.computeIfAbsent(name, owner -> {
      try {
        return compilation.generatedSourceFile(SourcePrinter.PACKAGE + "." + owner + "Gradients").orElseThrow()
            .getCharContent(true).toString();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    String header = " " + p.name + (into ? "Into(" : "Pullback(");
    for (int at = source.indexOf(header); at >= 0; at = source.indexOf(header, at + 1)) {
      String params = source.substring(at + header.length(), source.indexOf(')', at));
      if (params.split(",").length == p.params.size() + (into ? 1 : 3)) {
        String method = source.substring(at, source.indexOf("\n  }\n", at));
        return method + parts(source, method, p.name + (into ? "Into" : "Pullback"));
      }
    }
    return null;
  }

  /**
   * The sources of the parts {@code method} (a generated form named {@code form}) calls, {@code
   * formPart1(…)}: each the method of that name with as many parameters as the call has arguments.
   */
  private static String parts(String source, String method, String form) {
    StringBuilder out = new StringBuilder();
    java.util.regex.Matcher call = java.util.regex.Pattern.compile(
        "\\b(" + java.util.regex.Pattern.quote(form) + "Part\\d+)\\(([^)]*)\\);").matcher(method);
    while (call.find()) {
      // its declaration: a member of the class, indented by two spaces (the call is indented further)
      java.util.regex.Matcher declaration = java.util.regex.Pattern.compile(
          "\\n  [\\w ]*[\\w\\[\\]]+ " + java.util.regex.Pattern.quote(call.group(1)) + "\\(([^)]*)\\)").matcher(source);
      int arguments = call.group(2).split(",").length;
      while (declaration.find()) {
        if (declaration.group(1).split(",").length == arguments) {
          int at = declaration.start() + 1;
          out.append("\n  }\n").append(source, at, source.indexOf("\n  }\n", at));
          break;
        }
      }
    }
    return out.toString();
  }

  /** A batch of given programs, such as a program being minimized and its callees. */
  Batch(Map<String, ProgramGenerator.Klass> klasses, List<Program> programs) {
    this.seed = 0;
    this.klasses.putAll(klasses);
    this.programs.addAll(programs);
    compilation = compile(0);
    loader = loader(compilation);
  }

  private Compilation compile(long printSeed) {
    sources.add(JavaFileObjects.forSourceString(SourcePrinter.PACKAGE + "." + Ast.ENUM, enumSource()));
    for (Ast.RType t : Ast.recordTypes(programs)) {
      List<Program> methods = programs.stream().filter(p -> p.receiver == t).toList();
      sources.add(JavaFileObjects.forSourceString(
          SourcePrinter.PACKAGE + "." + t.name, SourcePrinter.recordSource(t, false, methods, printSeed + t.name.hashCode())));
      sources.add(JavaFileObjects.forSourceString(SourcePrinter.PACKAGE + "." + t.name + "V", SourcePrinter.recordSource(t, true)));
    }
    int c = 0;
    for (ProgramGenerator.Klass klass : klasses.values()) {
      List<Program> ofClass = programs.stream().filter(p -> p.owner.equals(klass.name())).toList();
      for (Mode mode : Mode.values()) {
        String name = SourcePrinter.PACKAGE + "." + klass.name() + mode.suffix;
        sources.add(
            JavaFileObjects.forSourceString(
                name, SourcePrinter.classSource(mode, klass, ofClass, printSeed + c)));
      }
      c++;
    }
    return Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(sources);
  }

  /** The enum of the programs' enum parameters. */
  static String enumSource() {
    StringBuilder s = new StringBuilder("package " + SourcePrinter.PACKAGE + ";\n\npublic enum " + Ast.ENUM + " {");
    for (int i = 0; i < Ast.ENUM_CONSTANTS; i++) {
      s.append(i > 0 ? ", S" : " S").append(i);
    }
    return s.append(" }\n").toString();
  }

  private static ClassLoader loader(Compilation compilation) {
    return compilation.status() == Compilation.Status.SUCCESS
        ? new MemoryClassLoader(compilation, Batch.class.getClassLoader())
        : null;
  }

  boolean compiled() {
    return loader != null;
  }

  /** The errors, each with its source line. */
  String errors() {
    StringBuilder s = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      s.append(d).append('\n');
    }
    return s.toString();
  }

  Handles handles(Program p) throws ReflectiveOperationException {
    Class<?>[] types = new Class<?>[p.params.size()];
    Class<?>[] valueTypes = new Class<?>[p.params.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] =
          switch (p.kind(i)) {
            case 'D', 'N' -> double.class;
            case 'A' -> double[].class;
            case 'M' -> double[][].class;
            case 'I' -> int.class;
            case 'L' -> long.class;
            case 'E' -> loader.loadClass(SourcePrinter.PACKAGE + "." + Ast.ENUM);
            case 'R', 'O', 'Q' -> recordClass(p, i, "");
            default -> boolean.class;
          };
      valueTypes[i] = switch (p.kind(i)) {
        case 'D' -> Value.class;
        case 'A' -> Value[].class;
        case 'M' -> Value[][].class;
        case 'R', 'O', 'Q' -> recordClass(p, i, "V");
        default -> types[i];
      };
    }
    String base = SourcePrinter.PACKAGE + "." + p.owner;
    // an instance method's generated forms are in its record's companion, the receiver first
    Class<?> gradients =
        loader.loadClass(p.receiver != null ? SourcePrinter.PACKAGE + "." + p.receiver.name + "Gradients" : base + "Gradients");
    List<Class<?>> tangent = new ArrayList<>(Arrays.asList(types));
    for (int i = 0; i < types.length; i++) {
      if (p.kind(i) == 'D' || p.kind(i) == 'A' || p.kind(i) == 'M') {
        tangent.add(types[i]);
      } else if (p.differentiable(i)) {
        tangent.add(recordClass(p, i, "Tangent")); // the record's tangent record, generated beside it
      }
    }
    Class<?>[] dots = tangent.toArray(new Class<?>[0]);
    Method plain = loader.loadClass(base).getMethod(p.name, types);
    Method probe = loader.loadClass(base + "P").getMethod(p.name, types);
    Method value = loader.loadClass(base + "V").getMethod(p.name, valueTypes);
    if (p.vector || p.returns != null) {
      // the upstream of a vector program's pullback is a double[]; of a program returning a record, the
      // record's tangent record, and it has a Jacobian form only where it takes no records (E286), which
      // a record program always does: its pullbacks give the rows (see JacobianCheck)
      Class<?>[] pullback = Arrays.copyOf(types, types.length + 3);
      pullback[types.length] =
          p.vector ? double[].class : loader.loadClass(SourcePrinter.PACKAGE + "." + p.returns.name + "Tangent");
      pullback[types.length + 1] = double[].class;
      pullback[types.length + 2] = int.class;
      Method jacobian = p.vector ? gradients.getDeclaredMethod(p.name + "Jacobian", types) : optional(gradients, p.name + "Jacobian", types);
      return new Handles(
          plain,
          probe,
          value,
          null,
          null,
          accessible(gradients.getDeclaredMethod(p.name + "Pullback", pullback)),
          null,
          accessible(gradients.getDeclaredMethod(p.name + "Tangent", dots)),
          jacobian == null ? null : accessible(jacobian),
          null,
          null,
          null,
          p.vector && sharesForwardSweep(p.owner, p.name),
          false);
    }
    Class<?>[] into = Arrays.copyOf(types, types.length + 1);
    into[types.length] = double[].class;
    Class<?>[] pullback = Arrays.copyOf(types, types.length + 3);
    pullback[types.length] = double.class;
    pullback[types.length + 1] = double[].class;
    pullback[types.length + 2] = int.class;
    Method hessianVectorInto = null;
    Method hessianVector = null;
    Method hessian = null;
    if (p.order == 2) {
      Class<?>[] into2 = Arrays.copyOf(dots, dots.length + 1);
      into2[dots.length] = double[].class;
      hessianVectorInto = accessible(gradients.getDeclaredMethod(p.name + "HessianVectorInto", into2));
      Class<?>[] hv = Arrays.copyOf(types, types.length + 1);
      hv[types.length] = double[].class;
      hessianVector = accessible(gradients.getDeclaredMethod(p.name + "HessianVector", hv));
      hessian = accessible(gradients.getDeclaredMethod(p.name + "Hessian", types));
    }
    Handles h =
        new Handles(
            plain,
            probe,
            value,
            gradients.getDeclaredMethod(p.name, types),
            gradients.getDeclaredMethod(p.name + "Into", into),
            gradients.getDeclaredMethod(p.name + "Pullback", pullback),
            node(gradients, p.name, valueTypes),
            gradients.getDeclaredMethod(p.name + "Tangent", dots),
            null,
            hessianVectorInto,
            hessianVector,
            hessian,
            false,
            summed(p));
    h.gradient().setAccessible(true);
    h.tangent().setAccessible(true);
    if (h.node() != null) {
      h.node().setAccessible(true);
    }
    h.into().setAccessible(true);
    h.pullback().setAccessible(true);
    return h;
  }

  /** The class of record parameter i (or of its array), or of its Value twin or tangent record ({@code suffix}). */
  private Class<?> recordClass(Program p, int i, String suffix) throws ClassNotFoundException {
    Class<?> c = loader.loadClass(SourcePrinter.PACKAGE + "." + p.records.get(i).name + suffix);
    return p.kind(i) == 'Q' ? c.arrayType() : c;
  }

  private static Method accessible(Method m) {
    m.setAccessible(true);
    return m;
  }

  private static Method node(Class<?> gradients, String name, Class<?>[] valueTypes) {
    return optional(gradients, name, valueTypes);
  }

  /** The generated method, or null where it is not generated. */
  private static Method optional(Class<?> gradients, String name, Class<?>[] types) {
    try {
      return gradients.getDeclaredMethod(name, types);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** The plain source of {@code p} and of every program it calls, callees first. */
  static String sourceWithCallees(Program p) {
    Set<Program> all = new LinkedHashSet<>();
    collect(p, all);
    return all.stream()
        .map(q -> "// in class " + q.owner + "\n" + SourcePrinter.methodSource(q))
        .collect(Collectors.joining("\n"));
  }

  private static void collect(Program p, Set<Program> out) {
    for (Program callee : Callees.of(p)) {
      collect(callee, out);
    }
    out.add(p);
  }
}
