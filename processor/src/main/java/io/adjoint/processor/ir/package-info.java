/**
 * The intermediate representations, immutable records free of javac and of JavaPoet: the lowered method
 * ({@link io.adjoint.processor.ir.Function}, its {@link io.adjoint.processor.ir.Stmt}s and {@link
 * io.adjoint.processor.ir.Expr}s), and the generated code the transformations produce and the writer
 * prints ({@link io.adjoint.processor.ir.Java}); the differentiable records a method takes ({@link
 * io.adjoint.processor.ir.RecordType}, {@link io.adjoint.processor.ir.RecordParameter}) and the code at
 * its edges that takes them apart and puts their derivatives together ({@link
 * io.adjoint.processor.ir.RecordEdges}). Depends on nothing.
 */
package io.adjoint.processor.ir;
