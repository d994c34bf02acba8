package io.adjoint.samples.ba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.samples.Differences;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.math3.geometry.euclidean.threed.Rotation;
import org.apache.commons.math3.geometry.euclidean.threed.RotationConvention;
import org.apache.commons.math3.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ADBench's bundle adjustment: the values and Jacobian block ADBench's own tests expect on {@code
 * test.txt}; at seeded random cameras and points (and at rotation 0, where {@link
 * BundleAdjustment#rotate} takes its other branch), the generated Jacobians of {@code rotate}, {@code
 * project} and {@code reprojectionError} against central differences, the 2 × 15 block against the
 * gradient of each output alone, and the rotation against Commons Math's.
 */
class BundleAdjustmentTest {
  /** ADBench's tolerance in {@code test/cpp/modules/common/BaTests.cpp}. */
  private static final double ADBENCH_TOLERANCE = 1e-6;

  /**
   * The central differences' step, relative to max(1, |parameter|): errors of hundreds of pixels leave
   * rounding of ε·|e|/h ≈ 10⁻⁶ at h = 10⁻⁶; at 10⁻⁵ rounding and truncation both stay near 10⁻⁸.
   */
  private static final double STEP = 1e-5;

  /** ADBench {@code BaTests.cpp}: each observation's reprojection error and each weight error on batest.txt. */
  private static final double[] ADBENCH_REPROJECTION_ERROR = {-2.69048849235189402e-01, 2.59944792677901881e-01};
  private static final double ADBENCH_WEIGHT_ERROR = 8.26092651515999976e-01;

  /**
   * ADBench {@code BaTests.cpp}: the first 13 values of the sparse Jacobian, the u row of observation
   * 0's block (11 camera columns, then X1 and X2), and its last three, the weight errors' −2w.
   */
  private static final double[] ADBENCH_FIRST_VALUES = {
    2.28877202208246757e+02, 6.34574811495545418e+02, -7.82222866259340549e+02,
    2.42892615607159668e+00, -1.17828079628011313e+01, 2.54169312487743460e+00,
    -1.03657084958518086e+00, 4.17022000000000004e-01, 0.,
    -3.50739521096005205e+02, -9.12107773668008576e+02,
    -2.42892615607159668e+00, 1.17828079628011313e+01,
  };
  private static final double ADBENCH_LAST_VALUE = -8.34044000000000008e-01;

  /** One observation: camera, point, weight, feature. */
  record Observation(double[] cam, double[] x, double w, double[] feature) {
    double[] parameters() {
      double[] p = new double[15];
      System.arraycopy(cam, 0, p, 0, 11);
      System.arraycopy(x, 0, p, 11, 3);
      p[14] = w;
      return p;
    }

    static double[] error(double[] p, double[] feature) {
      return BundleAdjustment.reprojectionError(
          Arrays.copyOfRange(p, 0, 11), Arrays.copyOfRange(p, 11, 14), p[14], feature);
    }

    @Override
    public String toString() {
      return "cam " + Arrays.toString(cam) + ", x " + Arrays.toString(x) + ", w " + w;
    }
  }

  /** Seeded random observations of points in front of their cameras; the first has rotation 0. */
  static Stream<Observation> observations() {
    SplittableRandom random = new SplittableRandom(71);
    return Stream.iterate(0, i -> i + 1).map(i -> observation(random, i == 0)).limit(25);
  }

  private static Observation observation(SplittableRandom random, boolean zeroRotation) {
    while (true) {
      double[] cam = {
        random.nextDouble(-1, 1), random.nextDouble(-1, 1), random.nextDouble(-1, 1),
        random.nextDouble(-5, 5), random.nextDouble(-5, 5), random.nextDouble(-5, 5),
        random.nextDouble(100, 1000), random.nextDouble(-10, 10), random.nextDouble(-10, 10),
        random.nextDouble(-0.1, 0.1), random.nextDouble(-0.1, 0.1),
      };
      if (zeroRotation) {
        cam[0] = cam[1] = cam[2] = 0;
      }
      double[] x = random.doubles(3, -5, 5).toArray();
      double[] centred = {x[0] - cam[3], x[1] - cam[4], x[2] - cam[5]};
      double depth = BundleAdjustment.rotate(Arrays.copyOf(cam, 3), centred)[2];
      if (depth > 1) {
        return new Observation(cam, x, random.nextDouble(0.1, 2), random.doubles(2, -100, 100).toArray());
      }
    }
  }

  private static double[][] block(Observation o) {
    return BundleAdjustmentSample.block(
        BundleAdjustmentGradients.reprojectionErrorJacobian(o.cam(), o.x(), o.w(), o.feature()));
  }

  @Test
  void valuesAreThoseAdbenchExpectsOnTestTxt() {
    BaInput input = BaInput.resource("test.txt");
    double[] objective = BundleAdjustmentSample.objective(input);
    for (int i = 0; i < input.size(); i++) {
      assertEquals(ADBENCH_REPROJECTION_ERROR[0], objective[2 * i], ADBENCH_TOLERANCE);
      assertEquals(ADBENCH_REPROJECTION_ERROR[1], objective[2 * i + 1], ADBENCH_TOLERANCE);
      assertEquals(ADBENCH_WEIGHT_ERROR, objective[2 * input.size() + i], ADBENCH_TOLERANCE);
    }
  }

  @Test
  void jacobianIsTheOneAdbenchExpectsOnTestTxt() {
    BaInput input = BaInput.resource("test.txt");
    double[] weightErrorDerivatives = new double[input.size()];
    double[][][] blocks = BundleAdjustmentSample.jacobian(input, weightErrorDerivatives);
    assertArrayEquals(ADBENCH_FIRST_VALUES, Arrays.copyOf(blocks[0][0], ADBENCH_FIRST_VALUES.length), ADBENCH_TOLERANCE);
    for (double derivative : weightErrorDerivatives) {
      assertEquals(ADBENCH_LAST_VALUE, derivative, ADBENCH_TOLERANCE);
    }
    for (int i = 0; i < input.size(); i++) {
      assertArrayEquals(blocks[0][0], BundleAdjustmentSample.block(input, i)[0]);
    }
  }

  @ParameterizedTest
  @MethodSource("observations")
  void reprojectionErrorJacobianMatchesCentralDifferences(Observation o) {
    double[][] differences = Differences.jacobian(p -> Observation.error(p, o.feature()), o.parameters(), STEP);
    double error = Differences.largestError(block(o), differences);
    assertTrue(error < 1e-6, "largest relative error " + error);
  }

  /** Row k of the block is the gradient of {@code reprojectionErrorOutput(…, k)}, a double method calling it. */
  @ParameterizedTest
  @MethodSource("observations")
  void reprojectionErrorJacobianRowsAreTheGradientsOfEachOutput(Observation o) {
    double[][] block = block(o);
    double[][] gradients = new double[2][15];
    for (int k = 0; k < 2; k++) {
      BundleAdjustmentGradients.ReprojectionErrorOutputGradient g =
          BundleAdjustmentGradients.reprojectionErrorOutput(o.cam(), o.x(), o.w(), o.feature(), k);
      assertEquals(BundleAdjustment.reprojectionError(o.cam(), o.x(), o.w(), o.feature())[k], g.value());
      System.arraycopy(g.cam(), 0, gradients[k], 0, 11);
      System.arraycopy(g.x(), 0, gradients[k], 11, 3);
      gradients[k][14] = g.w();
    }
    assertTrue(Differences.largestError(block, gradients) < 1e-12);
  }

  /** The dot-product test: ⟨J·ẋ, ȳ⟩ from the tangent form equals ⟨ẋ, Jᵀ·ȳ⟩ from the pullback. */
  @ParameterizedTest
  @MethodSource("observations")
  void tangentAndPullbackAreTransposes(Observation o) {
    SplittableRandom random = new SplittableRandom(73);
    double[] camDot = random.doubles(11, -1, 1).toArray();
    double[] xDot = random.doubles(3, -1, 1).toArray();
    double wDot = random.nextDouble(-1, 1);
    double[] upstream = random.doubles(2, -1, 1).toArray();
    double[] tangent =
        BundleAdjustmentGradients.reprojectionErrorTangent(o.cam(), o.x(), o.w(), o.feature(), camDot, xDot, wDot)
            .tangent();
    double[] adjoints = new double[15];
    BundleAdjustmentGradients.reprojectionErrorPullback(o.cam(), o.x(), o.w(), o.feature(), upstream, adjoints, 0);
    double forward = tangent[0] * upstream[0] + tangent[1] * upstream[1];
    double reverse = wDot * adjoints[14];
    for (int j = 0; j < 11; j++) {
      reverse += camDot[j] * adjoints[j];
    }
    for (int j = 0; j < 3; j++) {
      reverse += xDot[j] * adjoints[11 + j];
    }
    assertEquals(forward, reverse, 1e-12 * Math.max(1, Math.abs(forward)));
  }

  @ParameterizedTest
  @MethodSource("observations")
  void rotateIsCommonsMathsRotationAndItsJacobianMatchesCentralDifferences(Observation o) {
    double[] r = Arrays.copyOf(o.cam(), 3);
    double[] rx = new double[6];
    System.arraycopy(r, 0, rx, 0, 3);
    System.arraycopy(o.x(), 0, rx, 3, 3);
    double[] rotated = BundleAdjustment.rotate(r, o.x());
    double angle = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    if (angle > 0) {
      Rotation rotation = new Rotation(new Vector3D(r), angle, RotationConvention.VECTOR_OPERATOR);
      assertArrayEquals(rotation.applyTo(new Vector3D(o.x())).toArray(), rotated, 1e-12);
    } else {
      assertArrayEquals(o.x(), rotated);
    }
    BundleAdjustmentGradients.RotateJacobian j = BundleAdjustmentGradients.rotateJacobian(r, o.x());
    double[][] jacobian = new double[3][6];
    for (int row = 0; row < 3; row++) {
      System.arraycopy(j.r()[row], 0, jacobian[row], 0, 3);
      System.arraycopy(j.x()[row], 0, jacobian[row], 3, 3);
    }
    double[][] differences =
        Differences.jacobian(p -> BundleAdjustment.rotate(Arrays.copyOf(p, 3), Arrays.copyOfRange(p, 3, 6)), rx, 1e-6);
    assertTrue(Differences.largestError(jacobian, differences) < 1e-7);
  }

  @ParameterizedTest
  @MethodSource("observations")
  void projectJacobianMatchesCentralDifferences(Observation o) {
    double[] camX = Arrays.copyOf(o.parameters(), 14);
    BundleAdjustmentGradients.ProjectJacobian j = BundleAdjustmentGradients.projectJacobian(o.cam(), o.x());
    double[][] jacobian = new double[2][14];
    for (int row = 0; row < 2; row++) {
      System.arraycopy(j.cam()[row], 0, jacobian[row], 0, 11);
      System.arraycopy(j.x()[row], 0, jacobian[row], 11, 3);
    }
    double[][] differences =
        Differences.jacobian(
            p -> BundleAdjustment.project(Arrays.copyOf(p, 11), Arrays.copyOfRange(p, 11, 14)), camX, STEP);
    double error = Differences.largestError(jacobian, differences);
    assertTrue(error < 1e-6, "largest relative error " + error);
  }

  @Test
  void sampleRunPrintsTheBlockAndTheTimes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BundleAdjustmentSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("  r1      228.877202"), printed);
    assertTrue(printed.contains("31843 observations"), printed);
  }
}
