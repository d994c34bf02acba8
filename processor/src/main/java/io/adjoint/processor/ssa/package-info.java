/**
 * The shape every transformation starts from: the {@link io.adjoint.processor.ssa.Normalizer}, which
 * lifts double conditionals into ifs, removes {@code break} and {@code continue} and makes every path
 * end in a return, and the allocation of generated names ({@link io.adjoint.processor.ssa.Names}).
 * Depends on {@code ir} only. (The SSA program itself still lives in {@code reverse}; moving it here is
 * the rest of the reshaping the processor's design notes describe.)
 */
package io.adjoint.processor.ssa;
