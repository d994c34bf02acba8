package io.adjoint.spark;

import java.io.Serializable;

/**
 * One labelled example's loss and its gradient with respect to the weights, the shape of a generated
 * {@code fPullback} for a loss {@code f(double[] w, @NoDerivative double[] x, @NoDerivative double y)}:
 *
 * <pre>{@code
 * LabeledPointPullback logistic = (x, y, w, upstream, adjoints) ->
 *     LogisticRegressionGradients.lossPullback(w, x, y, upstream, adjoints, 0);
 * }</pre>
 *
 * <p>Spark ships it to the executors, so it is {@link Serializable}: a lambda is when its target type
 * is this interface, provided that what it captures is serializable too. It is called from several
 * threads at once with different {@code adjoints}.
 */
@FunctionalInterface
public interface LabeledPointPullback extends Serializable {

  /**
   * Adds {@code upstream} times the gradient of the example's loss with respect to {@code weights}
   * into {@code adjoints} (from index 0, one entry per weight) and returns the loss (not multiplied by
   * {@code upstream}).
   *
   * @param features the example's features (must not be modified)
   * @param label the example's label
   * @param weights the weights (must not be modified)
   * @param upstream the factor of the gradient
   * @param adjoints where to add the gradient, as long as {@code weights}
   * @return the example's loss
   */
  double pullback(double[] features, double label, double[] weights, double upstream, double[] adjoints);
}
