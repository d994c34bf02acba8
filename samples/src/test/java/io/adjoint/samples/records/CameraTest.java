package io.adjoint.samples.records;

import static io.adjoint.samples.records.Checks.assertGradient;
import static io.adjoint.samples.records.Checks.assertTangent;
import static io.adjoint.samples.records.Checks.concat;
import static io.adjoint.samples.records.Checks.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.samples.records.Camera.Intrinsics;
import io.adjoint.samples.records.Camera.Observation;
import io.adjoint.samples.records.Camera.Point3;
import io.adjoint.samples.records.Camera.Pose;
import io.adjoint.samples.records.Camera.View;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The camera model over records: its gradients against central differences in each of the view's 11
 * doubles and each observation's 5, against the reprojection error written over flat arrays, closed
 * forms for the small methods and the same methods over arrays, and the tangent form against ⟨∇f, v⟩.
 */
class CameraTest {
  /** Rotation, center, focal, k₁, k₂, u₀, v₀ of a camera a little turned and moved from the origin. */
  private static double[] view(SplittableRandom r, double turn) {
    return concat(
        r.doubles(3, -turn, turn).toArray(),
        r.doubles(3, -0.5, 0.5).toArray(),
        new double[] {r.nextDouble(1.2, 1.8), r.nextDouble(-0.1, 0.1), r.nextDouble(-0.05, 0.05)},
        r.doubles(2, -0.1, 0.1).toArray());
  }

  /** Points 3 to 6 in front of the origin (the camera looks along z), each with a pixel near the center. */
  private static double[] observations(SplittableRandom r, int n) {
    double[] flat = new double[5 * n];
    for (int i = 0; i < n; i++) {
      flat[5 * i] = r.nextDouble(-1.5, 1.5);
      flat[5 * i + 1] = r.nextDouble(-1.5, 1.5);
      flat[5 * i + 2] = r.nextDouble(3, 6);
      flat[5 * i + 3] = r.nextDouble(-0.6, 0.6);
      flat[5 * i + 4] = r.nextDouble(-0.6, 0.6);
    }
    return flat;
  }

  private static View view(double[] v) {
    return new View(
        new Pose(new Point3(v[0], v[1], v[2]), new Point3(v[3], v[4], v[5])),
        new Intrinsics(v[6], v[7], v[8], v[9], v[10]));
  }

  private static Observation[] observations(double[] flat) {
    Observation[] os = new Observation[flat.length / 5];
    for (int i = 0; i < os.length; i++) {
      os[i] = new Observation(
          new Point3(flat[5 * i], flat[5 * i + 1], flat[5 * i + 2]), flat[5 * i + 3], flat[5 * i + 4]);
    }
    return os;
  }

  private static double[] flat(Camera_ViewTangent t) {
    return Camera_ViewTangent.flatten(new Camera_ViewTangent[] {t});
  }

  private static double[] flat(Camera_ObservationTangent t) {
    return Camera_ObservationTangent.flatten(new Camera_ObservationTangent[] {t});
  }

  @Test
  void dotAndDistortionInClosedForm() {
    SplittableRandom r = new SplittableRandom(31);
    for (int k = 0; k < 5; k++) {
      Point3 a = new Point3(r.nextDouble(-2, 2), r.nextDouble(-2, 2), r.nextDouble(-2, 2));
      Point3 b = new Point3(r.nextDouble(-2, 2), r.nextDouble(-2, 2), r.nextDouble(-2, 2));
      var dot = CameraGradients.dot(a, b);
      assertEquals(new Camera_Point3Tangent(b.x(), b.y(), b.z()), dot.a());
      assertEquals(new Camera_Point3Tangent(a.x(), a.y(), a.z()), dot.b());

      Intrinsics intrinsics = view(view(r, 0.3)).intrinsics();
      double r2 = r.nextDouble(0, 0.5);
      var distortion = CameraGradients.distortion(intrinsics, r2);
      assertEquals(1 + intrinsics.k1() * r2 + intrinsics.k2() * r2 * r2, distortion.value(), 1e-15);
      assertEquals(new Camera_IntrinsicsTangent(0, r2, r2 * r2, 0, 0), distortion.intrinsics());
      assertEquals(intrinsics.k1() + 2 * intrinsics.k2() * r2, distortion.r2(), 1e-15);
    }
  }

  private static Point3 point(double[] p) {
    return new Point3(p[0], p[1], p[2]);
  }

  /** Focal, k₁, k₂, u₀, v₀. */
  private static Intrinsics intrinsics(double[] k) {
    return new Intrinsics(k[0], k[1], k[2], k[3], k[4]);
  }

  /** dot and distortion against central differences and against the same over arrays: the same arithmetic. */
  @Test
  void dotAndDistortionAgainstTheFlatMethods() {
    SplittableRandom r = new SplittableRandom(35);
    for (int k = 0; k < 10; k++) {
      double[] ab = r.doubles(6, -2, 2).toArray();
      double[] a = slice(ab, 0, 3);
      double[] b = slice(ab, 3, 3);
      var dot = CameraGradients.dot(point(a), point(b));
      var dotByArrays = CameraGradients.dotFlat(a, b);
      assertEquals(dotByArrays.value(), dot.value(), 0.0);
      assertGradient(v -> Camera.dot(point(slice(v, 0, 3)), point(slice(v, 3, 3))), ab,
          Camera_Point3Tangent.flatten(new Camera_Point3Tangent[] {dot.a(), dot.b()}),
          concat(dotByArrays.a(), dotByArrays.b()), 0.0, "dot");

      double[] intrinsics = slice(view(r, 0.3), 6, 5);
      double r2 = r.nextDouble(0, 0.5);
      var distortion = CameraGradients.distortion(intrinsics(intrinsics), r2);
      var distortionByArray = CameraGradients.distortionFlat(intrinsics, r2);
      assertEquals(distortionByArray.value(), distortion.value(), 0.0);
      assertGradient(v -> Camera.distortion(intrinsics(v), r2), intrinsics,
          Camera_IntrinsicsTangent.flatten(new Camera_IntrinsicsTangent[] {distortion.intrinsics()}),
          distortionByArray.intrinsics(), 0.0, "distortion: intrinsics");
      assertGradient(v -> Camera.distortion(intrinsics(intrinsics), v[0]), new double[] {r2},
          new double[] {distortion.r2()}, new double[] {distortionByArray.r2()}, 0.0, "distortion: r2");
    }
  }

  @Test
  void squaredResidual() {
    SplittableRandom r = new SplittableRandom(32);
    for (int k = 0; k < 10; k++) {
      double[] v = view(r, 0.4);
      double[] o = observations(r, 1);
      var g = CameraGradients.squaredResidual(view(v), observations(o)[0]);
      assertEquals(Camera.squaredResidual(view(v), observations(o)[0]), g.value());
      var byArrays = CameraGradients.reprojectionErrorFlat(v, o);
      assertEquals(byArrays.value(), g.value(), 1e-15 * g.value());
      assertGradient(w -> Camera.squaredResidual(view(w), observations(o)[0]), v, flat(g.view()), byArrays.view(),
          1e-14, "view");
      assertGradient(w -> Camera.squaredResidual(view(v), observations(w)[0]), o, flat(g.o()),
          byArrays.observations(), 1e-14, "observation");
    }
  }

  @Test
  void reprojectionError() {
    SplittableRandom r = new SplittableRandom(33);
    for (int n = 1; n <= 6; n++) {
      double[] v = view(r, 0.4);
      double[] o = observations(r, n);
      var g = CameraGradients.reprojectionError(view(v), observations(o));
      double[] viewPartials = flat(g.view());
      double[] observationPartials = Camera_ObservationTangent.flatten(g.observations());
      // the flat method computes the rotation's coefficients once, not once an observation: the same
      // numbers, the view's partials summed in another order
      var byArrays = CameraGradients.reprojectionErrorFlat(v, o);
      assertEquals(byArrays.value(), g.value(), 1e-15 * g.value());
      assertGradient(w -> Camera.reprojectionError(view(w), observations(o)), v, viewPartials, byArrays.view(), 1e-13,
          n + ": view");
      assertGradient(w -> Camera.reprojectionError(view(v), observations(w)), o, observationPartials,
          byArrays.observations(), 1e-14, n + ": observations");

      double[] direction = r.doubles(11 + 5 * n, -1, 1).toArray();
      var tangent = CameraGradients.reprojectionErrorTangent(view(v), observations(o),
          Camera_ViewTangent.arrayOf(slice(direction, 0, 11))[0],
          Camera_ObservationTangent.arrayOf(slice(direction, 11, 5 * n)));
      assertEquals(g.value(), tangent.value(), 1e-15 * g.value());
      assertTangent(concat(viewPartials, observationPartials), direction, tangent.tangent(), n + ": tangent");
    }
  }

  /** At no rotation the small-angle branch computes; its derivative is the rotation's there. */
  @Test
  void noRotation() {
    SplittableRandom r = new SplittableRandom(34);
    double[] v = view(r, 0.4);
    v[0] = 0;
    v[1] = 0;
    v[2] = 0;
    double[] o = observations(r, 4);
    var g = CameraGradients.reprojectionError(view(v), observations(o));
    assertGradient(w -> Camera.reprojectionError(view(w), observations(o)), v, flat(g.view()),
        CameraGradients.reprojectionErrorFlat(v, o).view(), 1e-13, "view");
  }
}
