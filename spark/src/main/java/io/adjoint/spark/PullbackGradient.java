package io.adjoint.spark;

import java.util.Objects;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.optimization.Gradient;

/**
 * A per-example {@link LabeledPointPullback}, such as a generated gradient, as an MLlib {@link
 * Gradient}: MLlib's {@code GradientDescent} and {@code LBFGS} then train any {@code @Differentiable}
 * loss, not only MLlib's fixed set (logistic, least squares, hinge).
 *
 * <pre>{@code
 * Gradient gradient = new PullbackGradient((x, y, w, upstream, adjoints) ->
 *     LogisticRegressionGradients.lossPullback(w, x, y, upstream, adjoints, 0));
 * Tuple2<Vector, double[]> fitted = LBFGS.runLBFGS(data.rdd(), gradient, new SquaredL2Updater(),
 *     10, 1e-9, 100, 0.0, initialWeights);
 * }</pre>
 *
 * <p>The contract is MLlib's: {@link #compute(Vector, double, Vector, Vector)} adds the example's
 * gradient into {@code cumGradient}, which must be dense (MLlib's optimizers always pass a dense one),
 * and returns its loss; the two-argument {@code compute} inherited from {@link Gradient} returns a new
 * gradient with the loss. Dense features are passed to the pullback without a copy; sparse ones are
 * made dense, one array per example.
 */
public class PullbackGradient extends Gradient {
  private static final long serialVersionUID = 1L;

  private final LabeledPointPullback pullback;

  /**
   * An MLlib gradient computed by {@code pullback}.
   *
   * @param pullback one example's loss and gradient; serializable, as Spark ships it to the executors
   */
  public PullbackGradient(LabeledPointPullback pullback) {
    this.pullback = Objects.requireNonNull(pullback, "pullback");
  }

  /**
   * The per-example loss and gradient this gradient computes.
   *
   * @return the pullback given to the constructor
   */
  public LabeledPointPullback pullback() {
    return pullback;
  }

  /**
   * Adds the gradient of the example's loss with respect to {@code weights} into {@code cumGradient}
   * and returns the loss.
   *
   * @param data the example's features
   * @param label the example's label
   * @param weights the weights
   * @param cumGradient where the gradient is added: a {@link DenseVector} as long as {@code weights}
   * @return the example's loss
   * @throws IllegalArgumentException if {@code cumGradient} is not dense or not as long as the weights
   */
  @Override
  public double compute(Vector data, double label, Vector weights, Vector cumGradient) {
    if (!(cumGradient instanceof DenseVector dense)) {
      throw new IllegalArgumentException(
          "cumGradient must be a DenseVector, not " + cumGradient.getClass().getName());
    }
    if (dense.size() != weights.size()) {
      throw new IllegalArgumentException(
          "cumGradient has " + dense.size() + " entries, the weights " + weights.size());
    }
    return pullback.pullback(data.toArray(), label, weights.toArray(), 1.0, dense.values());
  }
}
