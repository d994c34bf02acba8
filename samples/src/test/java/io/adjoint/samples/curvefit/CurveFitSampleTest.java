package io.adjoint.samples.curvefit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.samples.Differences;
import io.adjoint.samples.curvefit.CurveFitSample.Fit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The curve-fitting sample: the generated Jacobian of {@link Decay#model} against the hand-written one
 * and central differences, and Levenberg–Marquardt driven by it against the same optimizer driven by
 * the hand-written Jacobian.
 */
class CurveFitSampleTest {
  private static final Readings READINGS =
      Readings.generate(CurveFitSample.READINGS, CurveFitSample.MINUTES_BETWEEN, CurveFitSample.TRUE_THETA,
          CurveFitSample.NOISE, CurveFitSample.SEED);

  static Stream<double[]> parameters() {
    SplittableRandom random = new SplittableRandom(41);
    return Stream.concat(
        Stream.of(CurveFitSample.START, CurveFitSample.TRUE_THETA, new double[] {0, 0, 0}),
        Stream.generate(() -> new double[] {
              random.nextDouble(-100, 100), random.nextDouble(0.005, 0.2), random.nextDouble(-10, 40)})
            .limit(10));
  }

  @ParameterizedTest
  @MethodSource("parameters")
  void generatedJacobianEqualsTheHandWrittenOne(double[] theta) {
    RealMatrix handWritten =
        CurveFitSample.handWrittenJacobian(READINGS).value(new ArrayRealVector(theta)).getSecond();
    DecayGradients.ModelJacobian generated = DecayGradients.modelJacobian(theta, READINGS.ts());
    assertArrayEquals(Decay.model(theta, READINGS.ts()), generated.value());
    assertTrue(Differences.largestError(generated.theta(), handWritten.getData()) < 1e-14);
  }

  @ParameterizedTest
  @MethodSource("parameters")
  void generatedJacobianMatchesCentralDifferences(double[] theta) {
    double[][] differences = Differences.jacobian(t -> Decay.model(t, READINGS.ts()), theta, 1e-6);
    double error = Differences.largestError(DecayGradients.modelJacobian(theta, READINGS.ts()).theta(), differences);
    assertTrue(error < 1e-6, "largest relative error " + error);
  }

  /**
   * The cost calls the vector-valued model; its gradient, through the model's inlined body, is Jᵀr with
   * the hand-written J, and matches central differences.
   */
  @ParameterizedTest
  @MethodSource("parameters")
  void costGradientIsJacobianTransposeTimesResiduals(double[] theta) {
    double[] y = Decay.model(theta, READINGS.ts());
    double[][] jacobian =
        CurveFitSample.handWrittenJacobian(READINGS).value(new ArrayRealVector(theta)).getSecond().getData();
    double[][] closedForm = new double[1][theta.length];
    for (int i = 0; i < READINGS.size(); i++) {
      for (int j = 0; j < theta.length; j++) {
        closedForm[0][j] += jacobian[i][j] * (y[i] - READINGS.ys()[i]);
      }
    }
    double[][] generated = {DecayGradients.cost(theta, READINGS.ts(), READINGS.ys()).theta()};
    double[][] differences =
        Differences.jacobian(t -> new double[] {Decay.cost(t, READINGS.ts(), READINGS.ys())}, theta, 1e-6);
    assertTrue(Differences.largestError(generated, closedForm) < 1e-12);
    assertTrue(Differences.largestError(generated, differences) < 1e-6);
  }

  @Test
  void levenbergMarquardtTakesTheSameStepsWithEitherJacobian() {
    Fit generated = CurveFitSample.fit(READINGS, CurveFitSample.generatedJacobian(READINGS), CurveFitSample.START);
    Fit handWritten = CurveFitSample.fit(READINGS, CurveFitSample.handWrittenJacobian(READINGS), CurveFitSample.START);
    assertEquals(handWritten.iterations(), generated.iterations());
    assertEquals(handWritten.evaluations(), generated.evaluations());
    assertTrue(CurveFitSample.largestRelativeDifference(generated, handWritten) < 1e-12);
    assertEquals(handWritten.rms(), generated.rms(), 1e-12 * handWritten.rms());
  }

  /**
   * The fit is the least-squares minimum: the cost's central-difference gradient vanishes there
   * (relative to the cost's scale), no nearby point is lower, and the parameters the readings were
   * drawn from lie within four standard errors.
   */
  @Test
  void theFitIsTheLeastSquaresMinimum() {
    Fit fit = CurveFitSample.fit(READINGS, CurveFitSample.generatedJacobian(READINGS), CurveFitSample.START);
    double[] theta = fit.theta();
    double cost = Decay.cost(theta, READINGS.ts(), READINGS.ys());
    double[][] gradient =
        Differences.jacobian(t -> new double[] {Decay.cost(t, READINGS.ts(), READINGS.ys())}, theta, 1e-6);
    for (int j = 0; j < theta.length; j++) {
      assertTrue(Math.abs(theta[j] * gradient[0][j]) < 1e-5 * cost, "component " + j);
      double[] moved = theta.clone();
      moved[j] += fit.sigma()[j] / 10;
      assertTrue(Decay.cost(moved, READINGS.ts(), READINGS.ys()) > cost);
      moved[j] = theta[j] - fit.sigma()[j] / 10;
      assertTrue(Decay.cost(moved, READINGS.ts(), READINGS.ys()) > cost);
      assertTrue(Math.abs(theta[j] - CurveFitSample.TRUE_THETA[j]) < 4 * fit.sigma()[j], "component " + j);
    }
  }

  @Test
  void sampleRunPrintsBothFitsWithTheirWork() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CurveFitSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    Fit fit = CurveFitSample.fit(READINGS, CurveFitSample.handWrittenJacobian(READINGS), CurveFitSample.START);
    String work = String.format(" %11d %12d ", fit.iterations(), fit.evaluations());
    assertTrue(printed.contains("generated   " + work), printed);
    assertTrue(printed.contains("hand-written" + work), printed);
  }
}
