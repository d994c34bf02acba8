package io.adjoint.spark;

import java.io.Serializable;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.rdd.RDD;
import scala.Tuple2;

/**
 * A data set's summed loss and gradient on Spark, for users who drive their own optimization loop: each
 * partition sums its examples' {@link LabeledPointPullback} into one buffer, and {@code treeAggregate}
 * adds the partitions' buffers along a tree, as MLlib's own optimizers do.
 *
 * <pre>{@code
 * LossAndGradient step = DistributedGradient.sum(points, weights, (x, y, w, upstream, adjoints) ->
 *     LogisticRegressionGradients.lossPullback(w, x, y, upstream, adjoints, 0));
 * double[] meanGradient = step.meanGradient();
 * }</pre>
 *
 * <p>The weights are broadcast once per call. Within a partition the examples are summed in order;
 * Spark combines the partitions in the order their tasks finish, so the last bits of the result may
 * vary from run to run (unlike {@link io.adjoint.data.DataSetGradient} on one machine, whose order is
 * fixed). The partitions are the unit of parallelism: give an RDD at least as many partitions as the
 * cluster has cores.
 */
public final class DistributedGradient {
  /** The depth of the aggregation tree unless another is given: MLlib's default. */
  public static final int DEFAULT_DEPTH = 2;

  private DistributedGradient() {}

  /**
   * A data set's summed loss and gradient and its number of examples.
   *
   * @param loss the sum of the examples' losses
   * @param gradient the sum of their gradients with respect to the weights
   * @param count the number of examples
   */
  public record LossAndGradient(double loss, double[] gradient, long count) implements Serializable {
    /**
     * The mean loss: {@link #loss} divided by {@link #count} (NaN for no examples).
     *
     * @return the mean loss
     */
    public double meanLoss() {
      return loss / count;
    }

    /**
     * The mean gradient: {@link #gradient} divided by {@link #count}, as a new array.
     *
     * @return the mean gradient
     */
    public double[] meanGradient() {
      double[] mean = new double[gradient.length];
      for (int i = 0; i < mean.length; i++) {
        mean[i] = gradient[i] / count;
      }
      return mean;
    }
  }

  /**
   * Sums the loss and the gradient of {@code pullback} at {@code weights} over the labelled points of
   * {@code data}.
   *
   * @param data the examples
   * @param weights the weights (not modified)
   * @param pullback one example's loss and gradient
   * @return the summed loss and gradient, and the number of examples
   */
  public static LossAndGradient sum(
      JavaRDD<LabeledPoint> data, double[] weights, LabeledPointPullback pullback) {
    return sum(data, weights, pullback, DEFAULT_DEPTH);
  }

  /**
   * {@link #sum(JavaRDD, double[], LabeledPointPullback)} with an aggregation tree of depth {@code
   * depth}.
   *
   * @param data the examples
   * @param weights the weights (not modified)
   * @param pullback one example's loss and gradient
   * @param depth the depth of {@code treeAggregate}'s tree, at least 1
   * @return the summed loss and gradient, and the number of examples
   */
  public static LossAndGradient sum(
      JavaRDD<LabeledPoint> data, double[] weights, LabeledPointPullback pullback, int depth) {
    Objects.requireNonNull(pullback, "pullback");
    Broadcast<double[]> shared = broadcast(data.context(), weights);
    try {
      Partial total =
          data.treeAggregate(
              new Partial(weights.length),
              (partial, point) -> partial.add(point.features(), point.label(), shared.value(), pullback),
              Partial::merge,
              depth);
      return total.result();
    } finally {
      shared.destroy();
    }
  }

  /**
   * {@link #sum(JavaRDD, double[], LabeledPointPullback)} over the (label, features) pairs that
   * MLlib's optimizers take ({@code GradientDescent.runMiniBatchSGD}, {@code LBFGS.runLBFGS}).
   *
   * @param data the examples as (label, features) pairs
   * @param weights the weights (not modified)
   * @param pullback one example's loss and gradient
   * @param depth the depth of {@code treeAggregate}'s tree, at least 1
   * @return the summed loss and gradient, and the number of examples
   */
  public static LossAndGradient sum(
      RDD<Tuple2<Object, Vector>> data, double[] weights, LabeledPointPullback pullback, int depth) {
    Objects.requireNonNull(pullback, "pullback");
    Broadcast<double[]> shared = broadcast(data.context(), weights);
    try {
      Partial total =
          data.toJavaRDD()
              .treeAggregate(
                  new Partial(weights.length),
                  (partial, pair) ->
                      partial.add(pair._2(), (Double) pair._1(), shared.value(), pullback),
                  Partial::merge,
                  depth);
      return total.result();
    } finally {
      shared.destroy();
    }
  }

  private static Broadcast<double[]> broadcast(org.apache.spark.SparkContext context, double[] weights) {
    return JavaSparkContext.fromSparkContext(context).broadcast(weights.clone());
  }

  /** One partition's (or subtree's) running sums; Spark copies the empty one into each task. */
  private static final class Partial implements Serializable {
    private static final long serialVersionUID = 1L;

    final double[] gradient;
    double loss;
    long count;

    Partial(int length) {
      gradient = new double[length];
    }

    Partial add(Vector features, double label, double[] weights, LabeledPointPullback pullback) {
      loss += pullback.pullback(features.toArray(), label, weights, 1.0, gradient);
      count++;
      return this;
    }

    Partial merge(Partial other) {
      for (int i = 0; i < gradient.length; i++) {
        gradient[i] += other.gradient[i];
      }
      loss += other.loss;
      count += other.count;
      return this;
    }

    LossAndGradient result() {
      return new LossAndGradient(loss, gradient.clone(), count);
    }
  }
}
