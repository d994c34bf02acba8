/**
 * What every transformation of a method shares about derivatives: the rules of the operators and the
 * {@code Math} functions ({@link io.adjoint.processor.rules.Partials}), and builders of generated
 * expressions that fold the trivial cases ({@link io.adjoint.processor.rules.JavaExprs}). Depends on
 * {@code ir} only; reverse and forward mode both use it, and neither is used by it.
 */
package io.adjoint.processor.rules;
