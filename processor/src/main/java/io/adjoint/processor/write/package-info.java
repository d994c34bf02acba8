/**
 * Prints the generated class with JavaPoet from the transformations' {@code ir.Java} code ({@link
 * io.adjoint.processor.write.GradientWriter}), splitting a method too large for the JVM or the JIT into
 * parts ({@link io.adjoint.processor.write.Splitter}); and writes the forms made of other forms: the
 * Jacobian of a vector-valued method ({@link io.adjoint.processor.write.VectorForms}) and the Hessian of
 * a second-order one ({@link io.adjoint.processor.write.HessianForms}), sweeping unit directions ({@link
 * io.adjoint.processor.write.Directions}); and the tangent record of each differentiable record ({@link
 * io.adjoint.processor.write.RecordForms}). Never sees javac's trees.
 */
package io.adjoint.processor.write;
