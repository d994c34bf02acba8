/**
 * From javac's trees to the IR: {@link io.adjoint.processor.lower.Lowerer} reads a method body through
 * the Tree API with a whitelist (anything else is a coded error at its tree), resolves names, calls and
 * {@code @Derivative} rules, and infers types; {@link io.adjoint.processor.lower.Naming} names the
 * generated records and components. Java's richer control flow is lowered to the IR's by classes of
 * their own: {@link io.adjoint.processor.lower.SwitchLowering} (switch statements and expressions as
 * if-chains and conditionals), {@link io.adjoint.processor.lower.LoopReturns} (a return inside loops as
 * a flag, a result and breaks), {@link io.adjoint.processor.lower.LoopConditions} (a condition that
 * calls a {@code @Differentiable} method tested in the loop's body), and
 * {@link io.adjoint.processor.lower.ArrayAliases} (read-only second names of arrays, replaced by what
 * they name). Uses {@code ir} and javac's API; knows nothing of the
 * transformations.
 */
package io.adjoint.processor.lower;
