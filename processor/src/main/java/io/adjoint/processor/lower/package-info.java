/**
 * From javac's trees to the IR: {@link io.adjoint.processor.lower.Lowerer} reads a method body through
 * the Tree API with a whitelist (anything else is a coded error at its tree), resolves names, calls and
 * {@code @Derivative} rules, and infers types; {@link io.adjoint.processor.lower.Naming} names the
 * generated records and components. The {@code Lowerer} is the entry point; its parts are named for what
 * they lower: {@link io.adjoint.processor.lower.StatementLowering} (blocks, ifs, loops, jumps),
 * {@link io.adjoint.processor.lower.AssignmentLowering} (declarations and writes to locals and array
 * elements), {@link io.adjoint.processor.lower.ExpressionLowering} (operators, literals, arrays),
 * {@link io.adjoint.processor.lower.NameResolution} (what a name means: a local, a field, a type),
 * {@link io.adjoint.processor.lower.CallLowering} (which method a call names, and where its derivative
 * comes from), beside {@link io.adjoint.processor.lower.Scopes} (the locals and loops in scope) and
 * {@link io.adjoint.processor.lower.Diagnostics} (the problems, and the source text and line of a tree).
 * Java's richer control flow is lowered to the IR's by classes of their own:
 * {@link io.adjoint.processor.lower.SwitchLowering} (switch statements and expressions as if-chains and
 * conditionals), {@link io.adjoint.processor.lower.LoopReturns} (a return inside loops as a flag, a
 * result and breaks), {@link io.adjoint.processor.lower.LoopConditions} (a condition that calls a
 * {@code @Differentiable} method tested in the loop's body), and
 * {@link io.adjoint.processor.lower.ArrayAliases} (read-only second names of arrays, replaced by what
 * they name). Records are taken apart into their leaves as they are lowered:
 * {@link io.adjoint.processor.lower.Records} reads which records are differentiable and their shape,
 * {@link io.adjoint.processor.lower.RecordLowering} lowers record values (accessors, {@code new}, record
 * locals, arrays of records, records passed on) to one IR value per leaf.
 * {@link io.adjoint.processor.lower.Derivatives} reads {@code @Derivative} declarations.
 * Uses {@code ir} and javac's API; knows nothing of the transformations.
 */
package io.adjoint.processor.lower;
