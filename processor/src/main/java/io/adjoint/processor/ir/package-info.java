/**
 * The intermediate representations, immutable records free of javac and of JavaPoet: the lowered method
 * ({@link io.adjoint.processor.ir.Function}, its {@link io.adjoint.processor.ir.Stmt}s and {@link
 * io.adjoint.processor.ir.Expr}s), and the generated code the transformations produce and the writer
 * prints ({@link io.adjoint.processor.ir.Java}). Depends on nothing.
 */
package io.adjoint.processor.ir;
