package io.adjoint.processor.ir;

/**
 * A parameter of a differentiable method; {@code differentiable} says whether it gets a partial. {@code
 * enumType} is the enum class of an {@link Type#ENUM} parameter, and null for every other type.
 */
public record Parameter(String name, Type type, boolean differentiable, ClassRef enumType) {
  public Parameter(String name, Type type, boolean differentiable) {
    this(name, type, differentiable, null);
  }
}
