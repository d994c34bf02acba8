/**
 * Forward mode: the tangent form of a method ({@code fTangent}), its value and directional derivative
 * in one sweep, with no tape. A sibling of {@code reverse}: it reads the normalized IR ({@code ssa}),
 * takes its derivative rules from {@code rules}, and produces {@code ir.Java} for {@code write}; it uses
 * nothing of {@code reverse}, nor {@code reverse} of it.
 */
package io.adjoint.processor.tangent;
