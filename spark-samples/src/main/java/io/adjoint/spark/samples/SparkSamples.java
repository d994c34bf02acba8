package io.adjoint.spark.samples;

import java.io.PrintStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs the Spark samples in Spark's local mode on every core of this machine: {@link LogisticOnSpark}
 * (MLlib's LBFGS with the generated gradient beside MLlib's own {@code LogisticGradient}) and {@link
 * MlpOnSpark} (a loss MLlib cannot express). On a cluster, {@code spark-submit} gives the master; see
 * the README.
 */
public final class SparkSamples {
  private SparkSamples() {}

  /**
   * Runs both samples.
   *
   * @param args optional: the number of rows of the logistic sample (default 1,000,000)
   */
  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : LogisticOnSpark.ROWS;
    SparkConf conf =
        new SparkConf()
            .setAppName("Adjoint samples on Spark")
            .setIfMissing("spark.master", "local[" + Runtime.getRuntime().availableProcessors() + "]")
            .setIfMissing("spark.ui.enabled", "false");
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      spark.setLogLevel("WARN");
      run(spark, rows, System.out);
    }
  }

  /**
   * Runs both samples on {@code spark}, printing to {@code out}.
   *
   * @param spark the Spark context
   * @param rows the number of rows of the logistic sample
   * @param out where to print
   */
  public static void run(JavaSparkContext spark, int rows, PrintStream out) {
    LogisticOnSpark.run(spark, rows, out);
    MlpOnSpark.run(spark, MlpOnSpark.POINTS, out);
  }
}
