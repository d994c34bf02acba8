/**
 * Forward mode: the tangent form of a method ({@code fTangent}), its value and directional derivative
 * in one sweep, with no tape ({@link io.adjoint.processor.tangent.TangentSweep}, producing {@code
 * ir.Java}); and the same transformation written back into the IR ({@link
 * io.adjoint.processor.tangent.TangentProgram}), for reverse mode to differentiate again: second order.
 * A sibling of {@code reverse}: it reads the normalized IR ({@code ssa}), takes its derivative rules from
 * {@code rules}; it uses nothing of {@code reverse}, nor {@code reverse} of it.
 */
package io.adjoint.processor.tangent;
