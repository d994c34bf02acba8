package io.adjoint.samples.records;

import io.adjoint.GradCheck;
import io.adjoint.samples.records.Camera.Intrinsics;
import io.adjoint.samples.records.Camera.Observation;
import io.adjoint.samples.records.Camera.Point3;
import io.adjoint.samples.records.Camera.Pose;
import io.adjoint.samples.records.Camera.View;
import io.adjoint.samples.records.Geometry.Point;
import io.adjoint.samples.records.Kinematics.Joint;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Methods over records at work: a robot arm brought to a target by gradient descent on its joints' angles,
 * its gradient read as {@code g.arm()[i].angle()}, and the camera's reprojection error checked against
 * central differences.
 */
public final class RecordSamples {
  private RecordSamples() {}

  public static void run(PrintStream out) {
    out.println("== Records (samples/.../records)");
    Joint[] arm = {new Joint(1.0, 0.2), new Joint(0.8, 0.2), new Joint(0.5, 0.2)};
    Point target = new Point(0.4, 1.5);
    int steps = 0;
    var g = KinematicsGradients.reachError(arm, target);
    while (g.value() > 1e-16 && steps < 10_000) {
      for (int i = 0; i < arm.length; i++) {
        arm[i] = new Joint(arm[i].length(), arm[i].angle() - 0.5 * g.arm()[i].angle());
      }
      g = KinematicsGradients.reachError(arm, target);
      steps++;
    }
    out.printf(Locale.ROOT,
        "a 3-joint arm reaches (%.1f, %.1f) after %d steps of gradient descent on its angles: end (%.6f, %.6f),"
            + " angles %.4f, %.4f, %.4f%n",
        target.x(), target.y(), steps, Kinematics.reachX(arm), Kinematics.reachY(arm),
        arm[0].angle(), arm[1].angle(), arm[2].angle());

    Observation[] observations = {
      new Observation(new Point3(0.5, -0.3, 4.0), 0.21, -0.12),
      new Observation(new Point3(-1.0, 0.8, 5.0), -0.31, 0.26),
      new Observation(new Point3(0.2, 1.1, 3.5), 0.07, 0.49)
    };
    double[] view = {0.05, -0.1, 0.02, 0.1, 0.0, -0.2, 1.5, 0.05, -0.01, 0.01, -0.02};
    GradCheck.Report report = GradCheck.check(
        v -> Camera.reprojectionError(view(v), observations),
        v -> Camera_ViewTangent.flatten(new Camera_ViewTangent[] {
            CameraGradients.reprojectionError(view(v), observations).view()}),
        view);
    out.println("the camera's reprojection error, its gradient g.view() against central differences: "
        + report.toString().lines().findFirst().orElse(""));
    out.println();
  }

  /** Rotation, center, focal, k₁, k₂, u₀, v₀. */
  private static View view(double[] v) {
    return new View(
        new Pose(new Point3(v[0], v[1], v[2]), new Point3(v[3], v[4], v[5])),
        new Intrinsics(v[6], v[7], v[8], v[9], v[10]));
  }
}
