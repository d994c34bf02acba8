package io.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A differentiable record: a Java record whose components are {@code double}, {@code double[]}, {@code
 * double[][]}, {@code int}, {@code long}, {@code boolean}, or differentiable records. The lowerer takes a
 * value of one apart into its leaves, one IR value per component of a primitive or array type, nested
 * records expanded in declaration order; the writer puts them together again at the generated method's
 * edges.
 *
 * @param type the record class
 * @param tangent the generated record of its derivatives (see {@link #tangentName})
 * @param isPublic whether the record, and so its tangent record, is public
 */
public record RecordType(ClassRef type, ClassRef tangent, boolean isPublic, List<Component> components) {
  public RecordType {
    components = List.copyOf(components);
  }

  /**
   * A component: {@code type} for a primitive or array, {@code nested} for a record.
   *
   * @param name the component's name, which is also its accessor's
   */
  public record Component(String name, Type type, RecordType nested) {
    /** Whether the component carries derivatives: a double or double array, or a record with such. */
    public boolean carriesDerivatives() {
      return nested != null ? nested.carriesDerivatives() : type.carriesDerivatives();
    }
  }

  /**
   * A leaf: a component of a primitive or array type, reached from the record by the accessors of {@code
   * path}, outermost first.
   */
  public record Leaf(List<String> path, Type type) {
    public Leaf {
      path = List.copyOf(path);
    }

    /** The leaf's name under a record named {@code base}: {@code p$pos$x}. */
    public String name(String base) {
      return base + "$" + String.join("$", path);
    }
  }

  /** The simple name of the tangent record of a record whose simple names are {@code simpleNames}. */
  public static String tangentName(List<String> simpleNames) {
    return String.join("_", simpleNames) + "Tangent";
  }

  /** The leaves, in declaration order, nested records expanded. */
  public List<Leaf> leaves() {
    List<Leaf> out = new ArrayList<>();
    collect(List.of(), out);
    return out;
  }

  private void collect(List<String> prefix, List<Leaf> out) {
    for (Component c : components) {
      List<String> path = new ArrayList<>(prefix);
      path.add(c.name());
      if (c.nested() != null) {
        c.nested().collect(path, out);
      } else {
        out.add(new Leaf(path, c.type()));
      }
    }
  }

  /** The index of the first leaf of component {@code name} among {@link #leaves}, or -1. */
  public int firstLeaf(String name) {
    int at = 0;
    for (Component c : components) {
      if (c.name().equals(name)) {
        return at;
      }
      at += c.nested() != null ? c.nested().leaves().size() : 1;
    }
    return -1;
  }

  public Component component(String name) {
    for (Component c : components) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** Whether any leaf carries derivatives. */
  public boolean carriesDerivatives() {
    return components.stream().anyMatch(Component::carriesDerivatives);
  }

  /** Whether every leaf is a double: what an array of these records may hold (one flat double[]). */
  public boolean allDoubles() {
    return leaves().stream().allMatch(l -> l.type() == Type.DOUBLE);
  }
}
