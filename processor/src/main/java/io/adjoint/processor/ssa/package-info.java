/**
 * The shape every transformation starts from: the {@link io.adjoint.processor.ssa.Normalizer}, which
 * lifts double conditionals into ifs, removes {@code break} and {@code continue} and makes every path
 * end in a return; the {@link io.adjoint.processor.ssa.Inliner}, which replaces the calls a form needs
 * inlined (to vector-valued methods; for second order, every call a derivative flows through) by the
 * callees' bodies, splitting the arrays those bodies create inside loops into scalars ({@link
 * io.adjoint.processor.ssa.InlinedLoopArrays}); {@link io.adjoint.processor.ssa.DeadStores}, which removes what nothing needs; and
 * the allocation of generated names ({@link io.adjoint.processor.ssa.Names}). IR to IR, depending on
 * {@code ir} only. (The SSA program itself still lives in {@code reverse}; moving it here is the rest of
 * the reshaping the processor's design notes describe.)
 */
package io.adjoint.processor.ssa;
