/**
 * Gradients over a whole data set: a per-example {@link io.adjoint.data.ExamplePullback} summed over
 * every example on all cores by {@link io.adjoint.data.DataSetGradient}, with the same bits on any
 * number of threads.
 */
package io.adjoint.data;
