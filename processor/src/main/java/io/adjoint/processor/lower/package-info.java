/**
 * From javac's trees to the IR: {@link io.adjoint.processor.lower.Lowerer} reads a method body through
 * the Tree API with a whitelist (anything else is a coded error at its tree), resolves names, calls and
 * {@code @Derivative} rules, and infers types; {@link io.adjoint.processor.lower.Naming} names the
 * generated records and components. Uses {@code ir} and javac's API; knows nothing of the
 * transformations.
 */
package io.adjoint.processor.lower;
