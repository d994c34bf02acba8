/**
 * Adjoint on Apache Spark: a generated per-example gradient as an MLlib {@link
 * org.apache.spark.mllib.optimization.Gradient} ({@link io.adjoint.spark.PullbackGradient}), so that
 * MLlib's {@code GradientDescent} and {@code LBFGS} train any {@code @Differentiable} loss, and a data
 * set's loss and gradient summed by {@code treeAggregate} ({@link io.adjoint.spark.DistributedGradient})
 * for loops of one's own.
 */
package io.adjoint.spark;
