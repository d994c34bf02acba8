package io.adjoint.processor.ir;

/** The primitive types the differentiable subset knows. Only {@link #DOUBLE} values carry derivatives. */
public enum Type {
  DOUBLE("double"),
  LONG("long"),
  INT("int"),
  BOOLEAN("boolean");

  private final String keyword;

  Type(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }

  public boolean isNumeric() {
    return this != BOOLEAN;
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
    if (this == BOOLEAN || from == BOOLEAN) {
      return false;
    }
    return ordinal() < from.ordinal();
  }
}
