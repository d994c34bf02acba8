/**
 * Reverse mode: the record, {@code Into} and {@code Pullback} forms of a method, and the pullback of a
 * vector-valued one, reverse mode over the contraction with the upstream vector ({@link
 * io.adjoint.processor.reverse.Contraction}). {@link io.adjoint.processor.reverse.Generator} builds the
 * method's SSA program ({@code ssa}) once and writes every form from it; {@link
 * io.adjoint.processor.reverse.Rules} gives the derivative rules of the program's nodes (and tells the
 * SSA builder which values they read); {@link io.adjoint.processor.reverse.Fusion} finds the loops whose
 * reverse can run inside the forward loop, and {@link io.adjoint.processor.reverse.Emitter} writes the
 * forward sweep, the tape and the reverse sweep as pending code that {@link
 * io.adjoint.processor.reverse.ReverseCode} settles into statements (with {@link
 * io.adjoint.processor.reverse.LoopCounters} for what a loop's counters give again), keeping what one
 * emission decides about the program's values (names, adjoints, what reverse code reads) in an {@link
 * io.adjoint.processor.reverse.Emission}, never in the program; {@link
 * io.adjoint.processor.reverse.UnreadStores} then removes the stores in that code nothing reads, {@link
 * io.adjoint.processor.reverse.FirstStores} stores the Into form's first contribution to an entry instead
 * of zeroing and adding, {@link io.adjoint.processor.reverse.SiblingLoops} runs adjacent reverse loops
 * over the same positions as one and keeps an adjoint entry handed from one part of an iteration to the
 * next in a local ({@link io.adjoint.processor.reverse.SharedValues} computing once what both parts
 * compute again), {@link io.adjoint.processor.reverse.RefilledAdjoints} has a loop that fills an adjoint
 * array whole store into it instead of a later loop resetting it (both prove their index conditions with
 * {@link io.adjoint.processor.reverse.LoopBody}), {@link io.adjoint.processor.reverse.RowStarts}
 * computes a matrix row's start once before the loop over its entries, and {@link
 * io.adjoint.processor.reverse.SummedAdjoints} applies a map that is the same in every iteration of an
 * outer loop once, after it, to the sum of what it maps (GMM's means: Q_k transposed times the sum over
 * the points), with {@link io.adjoint.processor.reverse.Linearity} for which values are the same in every
 * iteration and which linear in the summed arrays, {@link io.adjoint.processor.reverse.Aliases} for which
 * arrays another name can reach, and {@link io.adjoint.processor.reverse.Slice} for the statements the
 * moved additions need. {@link
 * io.adjoint.processor.reverse.JacobianRows} writes a vector-valued method's Jacobian as one forward
 * sweep and a reverse sweep per output. Uses {@code ir}, {@code ssa} and {@code rules}; nothing of
 * {@code tangent}, {@code lower} or {@code write}.
 */
package io.adjoint.processor.reverse;
