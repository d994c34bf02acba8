/**
 * The annotation processor: {@link io.adjoint.processor.DifferentiableProcessor} finds the
 * {@code @Differentiable} methods of a round, has {@code lower} turn each into the IR, once ({@link
 * io.adjoint.processor.CallGraph}: the call graph, over which the methods whose callees fail are found as
 * a fixpoint), each transformation ({@code reverse}, {@code tangent}) turn the IR into generated code, and
 * {@code write} print one {@code FooGradients} class per source class; {@link io.adjoint.processor.Message}
 * holds every diagnostic. The only package besides {@code lower} that sees javac's types, and besides
 * {@code write} that sees JavaPoet. The allowed dependencies between the packages are checked by {@code
 * ArchitectureTest}.
 */
package io.adjoint.processor;
