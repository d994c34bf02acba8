/**
 * What every transformation starts from. The shape of a method: the {@link
 * io.adjoint.processor.ssa.Normalizer}, which lifts double conditionals into ifs, removes {@code break}
 * and {@code continue} and makes every path end in a return; the {@link io.adjoint.processor.ssa.Inliner},
 * which replaces the calls a form needs inlined (to vector-valued methods; for second order, every call a
 * derivative flows through) by the callees' bodies, splitting the arrays those bodies create inside loops
 * into scalars ({@link io.adjoint.processor.ssa.InlinedLoopArrays}); {@link
 * io.adjoint.processor.ssa.DeadStores}, which removes what nothing needs; and the allocation of generated
 * names ({@link io.adjoint.processor.ssa.Names}). And the program in SSA form, built once per method and
 * never changed after ({@link io.adjoint.processor.ssa.SsaProgram}): its values ({@link
 * io.adjoint.processor.ssa.SsaValue}), expressions ({@link io.adjoint.processor.ssa.Node}), statements
 * ({@link io.adjoint.processor.ssa.SsaStatement}) and blocks ({@link io.adjoint.processor.ssa.Scope}),
 * and the builder ({@link io.adjoint.processor.ssa.SsaBuilder}) with the analyses every mode needs:
 * which values are active, which are cheaper to compute again than to keep. The builder makes a leaf of
 * every value a derivative rule reads; the rules are the transformation's, asked through {@link
 * io.adjoint.processor.ssa.Differentiation}. A transformation keeps what it writes of the program in
 * state of its own, keyed by the program's values. Depends on {@code ir} only.
 */
package io.adjoint.processor.ssa;
