package io.adjoint.processor.ir;

/**
 * The types the differentiable subset knows. Only {@link #DOUBLE} values, and the elements of {@code
 * double} arrays, carry derivatives. An {@link #ENUM} value is data passed through (a parameter, a
 * constant): it is compared with {@code ==} and switched on, never computed with; which enum it is lives
 * beside it (a {@link Parameter}'s {@code enumType}, a {@link Expr.Field}'s owner).
 */
public enum Type {
  DOUBLE("double"),
  LONG("long"),
  INT("int"),
  BOOLEAN("boolean"),
  DOUBLE_ARRAY("double[]"),
  DOUBLE_MATRIX("double[][]"),
  ENUM("enum");

  private final String keyword;

  Type(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }

  public boolean isNumeric() {
    return this == DOUBLE || this == LONG || this == INT;
  }

  public boolean isArray() {
    return this == DOUBLE_ARRAY || this == DOUBLE_MATRIX;
  }

  /** Whether values of this type carry derivatives: doubles, and arrays of them. */
  public boolean carriesDerivatives() {
    return this == DOUBLE || isArray();
  }

  /** The type of an element: a row of a matrix, a double of an array. */
  public Type element() {
    return switch (this) {
      case DOUBLE_MATRIX -> DOUBLE_ARRAY;
      case DOUBLE_ARRAY -> DOUBLE;
      default -> throw new IllegalStateException(this + " has no elements");
    };
  }

  /** Binary numeric promotion (JLS 5.6.2) over the types of the subset. */
  public static Type promote(Type a, Type b) {
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT;
  }

  /** Whether a value of type {@code from} can be assigned to {@code this} without a cast. */
  public boolean accepts(Type from) {
    if (this == from) {
      return true;
    }
    if (!isNumeric() || !from.isNumeric()) {
      return false;
    }
    return ordinal() < from.ordinal();
  }
}
