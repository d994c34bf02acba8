package io.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.adjoint.processor.random.MemoryClassLoader;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A class compiled in memory with the processor, and the end-to-end check of its methods: at a point,
 * the record form's value is the method's own, each partial derivative matches a central difference
 * (Richardson-extrapolated, to 1e-6; from the widest of the steps 1e-3, 1e-4, 1e-5 at which it agrees
 * with the step a quarter as wide, so that a stencil crossing a jump is not taken), the Into and Pullback
 * forms give the record's partials in the flat layout (see {@link #flatForms}), and the tangent form along a
 * random direction gives the same value and ⟨∇f, v⟩ of the record's gradient (to rounding). Parameters may be double, double[], double[][]
 * (differentiated) or anything else (passed through).
 */
final class EndToEnd {
  private final Class<?> type;
  private final Class<?> gradients;
  private final String generated;
  private final String source;

  /** Compiles {@code source}, class {@code p.<name>}, with the processor; it must compile without warnings. */
  EndToEnd(String name, String source) throws Exception {
    Compilation c =
        javac().withProcessors(new DifferentiableProcessor()).compile(JavaFileObjects.forSourceString("p." + name, source));
    assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = new MemoryClassLoader(c, EndToEnd.class.getClassLoader());
    type = loader.loadClass("p." + name);
    gradients = loader.loadClass("p." + name + "Gradients");
    generated = c.generatedSourceFile("p." + name + "Gradients").orElseThrow().getCharContent(true).toString();
    this.source = source;
  }

  /** The end of the comment before the additions a loop makes once, to sums (reverse/SummedAdjoints). */
  static final String SUMMED = io.adjoint.processor.reverse.Generator.SUMMED;

  /** The source of the generated class, {@code p.<name>Gradients}. */
  String generatedSource() {
    return generated;
  }

  /** The generated method {@code name}: from its name to the end of its body. */
  String generatedMethod(String name) {
    int start = generated.indexOf(" " + name + "(");
    return generated.substring(start, generated.indexOf("\n  }\n", start));
  }

  /** {@code rows} rows of {@code columns} entries each, drawn as {@link #vector} draws them. */
  static double[][] matrix(java.util.SplittableRandom r, int rows, int columns) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vector(r, columns);
    }
    return m;
  }

  /** How many times {@code regex} matches in {@code code}. */
  static long count(String code, String regex) {
    return java.util.regex.Pattern.compile(regex).matcher(code).results().count();
  }

  /** {@code n} entries drawn from [-1.2, 1.2). */
  static double[] vector(java.util.SplittableRandom r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble(-1.2, 1.2);
    }
    return v;
  }

  Class<?> type() {
    return type;
  }

  /** Calls method {@code name} of the class itself. */
  double value(String name, Object... args) throws Exception {
    return (double) method(type, name).invoke(null, args);
  }

  /** The record form's partials of {@code name} at {@code args}, flattened in parameter order. */
  double[] gradient(String name, Object... args) throws Exception {
    Object record = method(gradients, name).invoke(null, args);
    List<Double> out = new ArrayList<>();
    for (var rc : record.getClass().getRecordComponents()) {
      if (rc.getName().equals("value")) {
        continue;
      }
      rc.getAccessor().setAccessible(true);
      flatten(rc.getAccessor().invoke(record), out);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Checks method {@code name} at {@code args}: value, gradient against central differences, tangent
   * against ⟨∇f, v⟩ for a direction drawn from {@code seed}. Returns the gradient.
   */
  double[] check(String name, long seed, Object... args) throws Exception {
    Method f = method(type, name);
    Method g = method(gradients, name);
    Object record = g.invoke(null, copy(args));
    double value = (double) f.invoke(null, copy(args));
    assertEquals(value, component(record, "value"), 0.0, () -> name + Arrays.deepToString(args) + ": value");
    double[] grad = gradient(name, copy(args));
    flatForms(name, args, value, grad);
    double[] differences = differences(f, args, data(name));
    assertEquals(differences.length, grad.length);
    for (int i = 0; i < grad.length; i++) {
      int k = i;
      assertEquals(differences[i], grad[i], 1e-6 * Math.max(1.0, Math.abs(differences[i])),
          () -> name + Arrays.deepToString(args) + ": partial " + k + " against central differences");
    }
    // the tangent form along a random direction
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[grad.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextDouble(-1.0, 1.0);
    }
    List<Object> tangentArgs = new ArrayList<>(Arrays.asList(copy(args)));
    int[] at = {0};
    Method t = method(gradients, name + "Tangent");
    for (int p = 0; p < args.length; p++) {
      if (differentiable(f.getParameterTypes()[p]) && !data(name).contains(p)) {
        tangentArgs.add(shaped(args[p], v, at, t.getParameterTypes()[tangentArgs.size()]));
      }
    }
    Object tangent = t.invoke(null, tangentArgs.toArray());
    assertEquals(value, component(tangent, "value"), 0.0, () -> name + Arrays.deepToString(args) + ": tangent's value");
    double dot = 0;
    double scale = 0;
    for (int i = 0; i < v.length; i++) {
      dot += grad[i] * v[i];
      scale += Math.abs(grad[i] * v[i]);
    }
    assertEquals(dot, component(tangent, "tangent"), 1e-12 * scale + 1e-300,
        () -> name + Arrays.deepToString(args) + ": tangent against <grad, v>");
    return grad;
  }

  /**
   * The Into and Pullback forms of {@code name} at {@code args} against the record's value and {@code
   * grad}: Into writes exactly the record's partials into its array (to the rounding of another order of
   * the same additions where it sums a map first) and nothing past them; Pullback, at an
   * offset into an array already holding values, adds {@code upstream} (a power of two, so that no
   * product rounds) times them and touches nothing else, to the rounding of adding the same terms in
   * another order (an array's or a matrix's terms go straight into the array: {@code (a + c1) + c2},
   * where the record holds {@code c1 + c2}).
   */
  private void flatForms(String name, Object[] args, double value, double[] grad) throws Exception {
    int n = grad.length;
    double[] partials = new double[n + 1];
    Arrays.fill(partials, 7.0);
    List<Object> into = new ArrayList<>(Arrays.asList(copy(args)));
    into.add(partials);
    assertEquals(value, (double) method(gradients, name + "Into").invoke(null, into.toArray()), 0.0,
        () -> name + Arrays.deepToString(args) + ": Into's value");
    // where the Into form adds a map's contributions once, to their sums over a loop (reverse/SummedAdjoints),
    // and the record form adds them one by one, the two round alike only to a different order of additions
    boolean summed = generatedMethod(name + "Into").contains(SUMMED);
    for (int i = 0; i < n; i++) {
      int k = i;
      double tolerance = summed ? 0x1p-40 * Math.max(1.0, Math.abs(grad[i])) : 0.0;
      assertEquals(grad[i], partials[i], tolerance, () -> name + Arrays.deepToString(args) + ": Into's partial " + k);
    }
    assertEquals(7.0, partials[n], 0.0, () -> name + Arrays.deepToString(args) + ": Into wrote past its partials");
    int offset = 2;
    double upstream = 0.5;
    double[] adjoints = new double[offset + n + 1];
    for (int i = 0; i < adjoints.length; i++) {
      adjoints[i] = i - 1.5;
    }
    double[] before = adjoints.clone();
    List<Object> pullback = new ArrayList<>(Arrays.asList(copy(args)));
    pullback.addAll(List.of(upstream, adjoints, offset));
    assertEquals(value, (double) method(gradients, name + "Pullback").invoke(null, pullback.toArray()), 0.0,
        () -> name + Arrays.deepToString(args) + ": Pullback's value");
    for (int i = 0; i < adjoints.length; i++) {
      int k = i;
      boolean inside = i >= offset && i < offset + n;
      double added = inside ? upstream * grad[i - offset] : 0.0;
      double expected = before[i] + added;
      double tolerance = inside ? 0x1p-40 * Math.max(1.0, Math.max(Math.abs(before[i]), Math.abs(added))) : 0.0;
      assertEquals(expected, adjoints[i], tolerance, () -> name + Arrays.deepToString(args) + ": Pullback's adjoints[" + k + "]");
    }
  }

  /** Calls static method {@code m}; its exceptions become assertion errors. */
  static Object invoke(Method m, Object... args) {
    try {
      return m.invoke(null, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Component {@code name} of a generated record. */
  static Object part(Object record, String name) {
    try {
      Method accessor = record.getClass().getDeclaredMethod(name);
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double component(Object record, String name) throws Exception {
    Method accessor = record.getClass().getDeclaredMethod(name);
    accessor.setAccessible(true);
    return (double) accessor.invoke(record);
  }

  private static Method method(Class<?> c, String name) {
    for (Method m : c.getDeclaredMethods()) {
      // not the Value overload the generated class also declares
      if (m.getName().equals(name) && Arrays.stream(m.getParameterTypes()).noneMatch(t -> t.getSimpleName().startsWith("Value"))) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new AssertionError(c + " has no method " + name);
  }

  /**
   * The positions of method {@code name}'s {@code @NoDerivative} parameters, read from the source (the
   * annotation is not kept at run time): data, which no partial, difference or direction is for.
   */
  private Set<Integer> data(String name) {
    // the declaration, not a call: a return type before the name ("double m(", "Pair m(", not "return m(")
    java.util.regex.Matcher declaration = java.util.regex.Pattern.compile(
        "\\b(?!return\\b)[\\w.\\[\\]]+\\s+" + name + "\\(([^)]*)\\)").matcher(source);
    if (!declaration.find()) {
      return Set.of();
    }
    String[] parameters = declaration.group(1).split(",");
    Set<Integer> out = new HashSet<>();
    for (int p = 0; p < parameters.length; p++) {
      if (parameters[p].contains("@NoDerivative")) {
        out.add(p);
      }
    }
    return out;
  }

  private static boolean differentiable(Class<?> c) {
    return c == double.class || c == double[].class || c == double[][].class || c.isRecord()
        || c.isArray() && c.getComponentType().isRecord();
  }

  /** The components of a record, its own values (those that carry no derivative included). */
  private static Object[] components(Object record) {
    var rcs = record.getClass().getRecordComponents();
    Object[] out = new Object[rcs.length];
    for (int i = 0; i < rcs.length; i++) {
      try {
        rcs[i].getAccessor().setAccessible(true);
        out[i] = rcs[i].getAccessor().invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return out;
  }

  /** A record of class {@code type} made by its canonical constructor from {@code values}. */
  private static Object construct(Class<?> type, Object[] values) {
    var rcs = type.getRecordComponents();
    Class<?>[] types = new Class<?>[rcs.length];
    for (int i = 0; i < rcs.length; i++) {
      types[i] = rcs[i].getType();
    }
    try {
      var constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Whether a value carries derivatives: a double, an array of them, a record or an array of records. */
  private static boolean carries(Object a) {
    return a instanceof Double || a instanceof double[] || a instanceof double[][] || a != null && a.getClass().isRecord()
        || a instanceof Object[] && a.getClass().getComponentType().isRecord();
  }

  /** Richardson-extrapolated central differences of {@code f} with respect to every double entry. */
  private static double[] differences(Method f, Object[] args, Set<Integer> data) throws Exception {
    List<Double> out = new ArrayList<>();
    Parameter[] ps = f.getParameters();
    for (int p = 0; p < ps.length; p++) {
      Class<?> c = ps[p].getType();
      if (!differentiable(c) || data.contains(p)) {
        continue;
      }
      int n = count(args[p]);
      for (int k = 0; k < n; k++) {
        double x = get(args[p], k);
        // two steps whose estimates agree: a stencil that crosses a jump (a loop that runs once more)
        // gives estimates that do not, and a smaller step keeps off it
        double estimate = Double.NaN;
        for (double h = 1e-3 * Math.max(1.0, Math.abs(x)); h > 1e-6 * Math.max(1.0, Math.abs(x)); h /= 10) {
          double wide = richardson(f, args, p, k, x, h);
          estimate = richardson(f, args, p, k, x, h / 4);
          if (Math.abs(wide - estimate) <= 1e-7 * Math.max(1.0, Math.abs(estimate))) {
            break;
          }
        }
        out.add(estimate);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The Richardson-extrapolated central difference with step {@code h} along entry k of argument p. */
  private static double richardson(Method f, Object[] args, int p, int k, double x, double h) throws Exception {
    double[] fs = new double[4];
    double[] steps = {h, -h, 2 * h, -2 * h};
    for (int s = 0; s < 4; s++) {
      Object[] a = copy(args);
      a[p] = set(a[p], k, x + steps[s]);
      fs[s] = (double) f.invoke(null, a);
    }
    return (8 * (fs[0] - fs[1]) - (fs[2] - fs[3])) / (12 * h);
  }

  private static int count(Object a) {
    if (a instanceof Double) {
      return 1;
    }
    if (a.getClass().isRecord()) {
      int n = 0;
      for (Object c : components(a)) {
        n += carries(c) ? count(c) : 0;
      }
      return n;
    }
    int n = 0;
    for (int i = 0; i < Array.getLength(a); i++) {
      n += count(Array.get(a, i));
    }
    return n;
  }

  private static double get(Object a, int k) {
    List<Double> flat = new ArrayList<>();
    flatten(a, flat);
    return flat.get(k);
  }

  private static Object set(Object a, int k, double value) {
    if (a instanceof Double) {
      return value;
    }
    if (a.getClass().isRecord()) {
      Object[] values = components(a);
      for (int i = 0; i < values.length; i++) {
        int n = carries(values[i]) ? count(values[i]) : 0;
        if (k < n) {
          values[i] = set(copy(new Object[] {values[i]})[0], k, value); // a component array is shared
          return construct(a.getClass(), values);
        }
        k -= n;
      }
      throw new AssertionError("no entry " + k);
    }
    if (a instanceof Object[] records) {
      for (int i = 0; i < records.length; i++) {
        int n = count(records[i]);
        if (k < n) {
          records[i] = set(records[i], k, value);
          return records;
        }
        k -= n;
      }
      throw new AssertionError("no entry " + k);
    }
    int[] at = {k};
    setIn(a, at, value);
    return a;
  }

  private static boolean setIn(Object a, int[] at, double value) {
    if (a instanceof double[] d) {
      if (at[0] < d.length) {
        d[at[0]] = value;
        return true;
      }
      at[0] -= d.length;
      return false;
    }
    for (int i = 0; i < Array.getLength(a); i++) {
      if (setIn(Array.get(a, i), at, value)) {
        return true;
      }
    }
    return false;
  }

  private static void flatten(Object a, List<Double> out) {
    if (a instanceof Double d) {
      out.add(d);
    } else if (a.getClass().isRecord()) {
      for (Object c : components(a)) {
        if (carries(c)) {
          flatten(c, out);
        }
      }
    } else if (a instanceof double[] d) {
      for (double x : d) {
        out.add(x);
      }
    } else {
      for (int i = 0; i < Array.getLength(a); i++) {
        flatten(Array.get(a, i), out);
      }
    }
  }

  /**
   * The entries {@code v[at...]} in the shape of {@code like}, as a value of {@code type}: for a record,
   * its tangent record (or an array of them).
   */
  private static Object shaped(Object like, double[] v, int[] at, Class<?> type) {
    if (like.getClass().isRecord()) {
      Object[] values = components(like);
      var rcs = type.getRecordComponents();
      Object[] out = new Object[rcs.length];
      int k = 0;
      for (Object c : values) {
        if (carries(c) && (!c.getClass().isRecord() || count(c) > 0)) {
          out[k] = shaped(c, v, at, rcs[k].getType());
          k++;
        }
      }
      return construct(type, out);
    }
    if (like instanceof Object[] records) {
      Object out = Array.newInstance(type.getComponentType(), records.length);
      for (int i = 0; i < records.length; i++) {
        Array.set(out, i, shaped(records[i], v, at, type.getComponentType()));
      }
      return out;
    }
    return shaped(like, v, at);
  }

  /** The entries {@code v[at...]} in the shape of {@code like}. */
  private static Object shaped(Object like, double[] v, int[] at) {
    if (like instanceof Double) {
      return v[at[0]++];
    }
    if (like instanceof double[] d) {
      double[] out = new double[d.length];
      for (int i = 0; i < d.length; i++) {
        out[i] = v[at[0]++];
      }
      return out;
    }
    double[][] m = (double[][]) like;
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = (double[]) shaped(m[i], v, at);
    }
    return out;
  }

  /** A deep copy of the arguments: the methods must not see each other's changes. */
  static Object[] copy(Object[] args) {
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof double[] d) {
        out[i] = d.clone();
      } else if (out[i] instanceof Object[] records && records.getClass().getComponentType().isRecord()) {
        out[i] = records.clone(); // records are immutable
      } else if (out[i] instanceof double[][] m) {
        double[][] c = new double[m.length][];
        for (int j = 0; j < m.length; j++) {
          c[j] = m[j].clone();
        }
        out[i] = c;
      }
    }
    return out;
  }
}
