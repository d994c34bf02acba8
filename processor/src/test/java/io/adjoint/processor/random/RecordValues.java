package io.adjoint.processor.random;

import io.adjoint.Value;
import io.adjoint.processor.random.Ast.RComp;
import io.adjoint.processor.random.Ast.RType;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The record arguments of the random programs, built from the flat vector of inputs that {@link
 * DifferentialCheck} differentiates by, in the layout of the {@code Into} form: a record contributes its
 * differentiable leaves in declaration order (a double one entry, a double[] its entries), nested records
 * recursively; an array of records its elements in turn; int and boolean components carry no derivative
 * (they get the point's int and boolean). The same leaves build the plain record, its Value twin (the
 * oracle's input: each leaf a {@link Value}), and the generated tangent record (a direction).
 *
 * <p>A record parameter's shape at a point is one number {@code s} in [1, 3]: its c-th double[] component
 * (in that order) has {@code 1 + (s + c) % 3} entries; an array of records has {@code s} elements.
 */
final class RecordValues {
  private RecordValues() {}

  /** Where the leaves come from, in order. */
  interface Leaves {
    Object scalar();

    Object array(int length);
  }

  /**
   * Leaves read in turn from {@code entries}, a {@code double[]} (the point) or a {@code Value[]} (the
   * oracle's leaves), from entry {@code at} on; {@link #at} is then past them.
   */
  static final class Flat implements Leaves {
    private final Object entries;
    int at;

    Flat(Object entries, int at) {
      this.entries = entries;
      this.at = at;
    }

    @Override
    public Object scalar() {
      return Array.get(entries, at++);
    }

    @Override
    public Object array(int length) {
      Object out = Array.newInstance(entries.getClass().getComponentType(), length);
      System.arraycopy(entries, at, out, 0, length);
      at += length;
      return out;
    }
  }

  /** Every leaf {@code data} (a {@code @NoDerivative} record): a double, or a constant Value. */
  static Leaves data(double data, boolean value) {
    return new Leaves() {
      @Override
      public Object scalar() {
        return value ? Value.of(data) : (Object) data;
      }

      @Override
      public Object array(int length) {
        if (value) {
          Value[] a = new Value[length];
          Arrays.setAll(a, i -> Value.of(data));
          return a;
        }
        double[] a = new double[length];
        Arrays.fill(a, data);
        return a;
      }
    };
  }

  /**
   * The argument of a record (kind R or M) or array-of-records (Q) parameter of type t and shape s, of
   * class {@code type} (the record, its Value twin, or with {@code tangent} the tangent record, which has
   * no int and boolean components), its leaves from {@code leaves}.
   */
  static Object build(Class<?> type, char kind, RType t, int s, Leaves leaves, int n, boolean flag, boolean tangent) {
    if (kind == 'Q') {
      Object out = Array.newInstance(type.getComponentType(), s);
      for (int e = 0; e < s; e++) {
        Array.set(out, e, record(type.getComponentType(), t, s, new int[1], leaves, n, flag, tangent));
      }
      return out;
    }
    return record(type, t, s, new int[1], leaves, n, flag, tangent);
  }

  private static Object record(
      Class<?> type, RType t, int s, int[] arrays, Leaves leaves, int n, boolean flag, boolean tangent) {
    RecordComponent[] rcs = type.getRecordComponents();
    List<Object> values = new ArrayList<>();
    for (RComp c : t.components) {
      switch (c.kind()) {
        case 'D' -> values.add(leaves.scalar());
        case 'A' -> values.add(leaves.array(1 + (s + arrays[0]++) % 3));
        case 'I' -> {
          if (!tangent) {
            values.add(n);
          }
        }
        case 'Z' -> {
          if (!tangent) {
            values.add(flag);
          }
        }
        default -> values.add(record(rcs[values.size()].getType(), c.type(), s, arrays, leaves, n, flag, tangent));
      }
    }
    if (values.size() != rcs.length) {
      throw new AssertionError(type + " has components " + Arrays.toString(rcs) + ", expected those of " + t.name);
    }
    Class<?>[] types = Arrays.stream(rcs).map(RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      var constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(values.toArray());
    } catch (InvocationTargetException e) {
      throw new AssertionError(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The names of the coordinates a parameter of type t and shape s contributes: {@code p.q().x()}, {@code ps[1].x()}. */
  static List<String> coordinates(String name, char kind, RType t, int s) {
    List<String> out = new ArrayList<>();
    if (kind == 'Q') {
      for (int e = 0; e < s; e++) {
        names(name + "[" + e + "]", t, s, new int[1], out);
      }
    } else {
      names(name, t, s, new int[1], out);
    }
    return out;
  }

  private static void names(String base, RType t, int s, int[] arrays, List<String> out) {
    for (RComp c : t.components) {
      String at = base + "." + c.name() + "()";
      switch (c.kind()) {
        case 'D' -> out.add(at);
        case 'A' -> {
          for (int i = 0, length = 1 + (s + arrays[0]++) % 3; i < length; i++) {
            out.add(at + "[" + i + "]");
          }
        }
        case 'R' -> names(at, c.type(), s, arrays, out);
        default -> {}
      }
    }
  }

  /** The doubles in a value, in order: a double, the entries of a double[], a record's or array's in turn. */
  static void flatten(Object v, List<Double> out) {
    if (v instanceof Double d) {
      out.add(d);
    } else if (v instanceof double[] a) {
      for (double d : a) {
        out.add(d);
      }
    } else if (v instanceof Object[] a) {
      for (Object e : a) {
        flatten(e, out);
      }
    } else if (v != null && v.getClass().isRecord()) {
      for (RecordComponent rc : v.getClass().getRecordComponents()) {
        try {
          rc.getAccessor().setAccessible(true);
          flatten(rc.getAccessor().invoke(v), out);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
  }

  /** The Value leaves of a Value twin record (a program's Value version's result), in order. */
  static Value[] values(Object v) {
    List<Value> out = new ArrayList<>();
    for (RecordComponent rc : v.getClass().getRecordComponents()) {
      try {
        rc.getAccessor().setAccessible(true);
        Object c = rc.getAccessor().invoke(v);
        if (c instanceof Value leaf) {
          out.add(leaf);
        } else {
          out.addAll(Arrays.asList(values(c)));
        }
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return out.toArray(new Value[0]);
  }

  static double[] flatten(Object v) {
    List<Double> out = new ArrayList<>();
    flatten(v, out);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
