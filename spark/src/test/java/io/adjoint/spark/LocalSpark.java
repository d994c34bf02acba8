package io.adjoint.spark;

import io.adjoint.samples.logistic.Rows;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.regression.LabeledPoint;

/** Spark's local mode on two threads for a test class, and data sets for it. */
final class LocalSpark {
  private LocalSpark() {}

  /** A local[2] context without its web UI, bound to the loopback interface. */
  static JavaSparkContext start(String name) {
    SparkConf conf =
        new SparkConf()
            .setMaster("local[2]")
            .setAppName(name)
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1");
    return new JavaSparkContext(conf);
  }

  /** The rows as labelled points, features dense. */
  static List<LabeledPoint> points(double[][] x, double[] y) {
    List<LabeledPoint> points = new ArrayList<>(x.length);
    for (int i = 0; i < x.length; i++) {
      points.add(new LabeledPoint(y[i], Vectors.dense(x[i])));
    }
    return points;
  }

  /** The rows as an RDD of {@code partitions} partitions. */
  static JavaRDD<LabeledPoint> rdd(JavaSparkContext spark, Rows rows, int partitions) {
    return spark.parallelize(points(rows.x(), rows.y()), partitions);
  }
}
