/**
 * Prints the generated class with JavaPoet from the transformations' {@code ir.Java} code ({@link
 * io.adjoint.processor.write.GradientWriter}), splitting a method too large for the JVM or the JIT into
 * parts ({@link io.adjoint.processor.write.Splitter}). Never sees javac's trees.
 */
package io.adjoint.processor.write;
