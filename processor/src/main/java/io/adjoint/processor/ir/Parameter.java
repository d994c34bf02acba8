package io.adjoint.processor.ir;

/** A parameter of a differentiable method; {@code differentiable} says whether it gets a partial. */
public record Parameter(String name, Type type, boolean differentiable) {}
