package io.adjoint.spark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark samples on smaller data in local[2]: LBFGS with the generated gradient lands on MLlib's
 * weights (1e-8) and losses; the perceptron separates the moons.
 */
class SparkSamplesTest {
  private static JavaSparkContext spark;

  @BeforeAll
  static void startSpark() {
    spark =
        new JavaSparkContext(
            new SparkConf()
                .setMaster("local[2]")
                .setAppName("SparkSamplesTest")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static String capture(java.util.function.Consumer<PrintStream> sample) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    sample.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    return printed;
  }

  @Test
  void logisticRegressionWithTheGeneratedGradientLandsOnMllibsWeights() {
    LogisticOnSpark.Result[] result = new LogisticOnSpark.Result[1];
    String printed = capture(out -> result[0] = LogisticOnSpark.run(spark, 50_000, out));
    assertTrue(printed.contains("(at most 1e-8: yes)"), printed);
    assertTrue(result[0].largestWeightDifference() <= 1e-8, printed);
    // The same losses along the way and at the end. Not necessarily as many iterations: with
    // LBFGS's tolerance of 1e-12 the test that stops it looks at a gradient near its rounding floor,
    // where the two gradients' last bits can decide one iteration either way.
    double[] a = result[0].mllib().losses();
    double[] b = result[0].generated().losses();
    for (int k = 0; k < Math.min(a.length, b.length); k++) {
      assertEquals(a[k], b[k], 1e-12 * a[k], "loss " + k);
    }
    assertEquals(a[a.length - 1], b[b.length - 1], 1e-12 * a[a.length - 1], "final loss");
    assertTrue(result[0].largestTrueWeightError() < 0.1, printed); // 50,000 rows: a few 0.01
  }

  @Test
  void thePerceptronSeparatesTheMoons() {
    MlpOnSpark.Result[] result = new MlpOnSpark.Result[1];
    String printed = capture(out -> result[0] = MlpOnSpark.run(spark, 5_000, out));
    double[] losses = result[0].losses();
    assertTrue(losses[losses.length - 1] < 0.1 * losses[0], printed);
    assertTrue(result[0].testAccuracy() > 0.97, printed);
  }
}
