package io.adjoint.data;

/**
 * One example's term of a loss summed over a data set, with its gradient: the shape of a generated
 * {@code fPullback} method applied to one example.
 *
 * <pre>{@code
 * ExamplePullback term = (i, upstream, adjoints) ->
 *     LogisticRegressionGradients.lossPullback(w, x[i], y[i], upstream, adjoints, 0);
 * }</pre>
 *
 * <p>{@link DataSetGradient} calls it once per example, from several threads at once with different
 * buffers, so it must not write shared state other than {@code adjoints}.
 */
@FunctionalInterface
public interface ExamplePullback {

  /**
   * Adds {@code upstream} times the gradient of example {@code example}'s term into {@code adjoints}
   * (from index 0, as many entries as the gradient has) and returns the term's value (not multiplied
   * by {@code upstream}).
   *
   * @param example the example's index, from 0 to the data set's size minus one
   * @param upstream the factor of the gradient
   * @param adjoints where to add the gradient, as long as the gradient
   * @return the example's term of the loss
   */
  double pullback(int example, double upstream, double[] adjoints);
}
