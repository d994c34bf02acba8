package io.adjoint.samples.records;

import io.adjoint.Differentiable;

/**
 * A pinhole camera with radial distortion, as bundle adjustment writes it (ADBench's model): a point is
 * moved into the camera's frame, rotated by an angle-axis vector (Rodrigues' formula), divided by its
 * depth, distorted and scaled; the reprojection error sums the squared distances to the observed pixels.
 * The same error is written over flat arrays too.
 */
public final class Camera {
  private Camera() {}

  public record Point3(double x, double y, double z) {}

  /**
   * Where the camera is: {@code rotation} an angle-axis vector (its direction the axis, its length the
   * angle in radians) taking world directions to the camera's, {@code center} its position in the world.
   */
  public record Pose(Point3 rotation, Point3 center) {}

  /** Focal length, radial distortion 1 + k₁r² + k₂r⁴, and the principal point (u₀, v₀). */
  public record Intrinsics(double focal, double k1, double k2, double u0, double v0) {}

  public record View(Pose pose, Intrinsics intrinsics) {}

  /** A world point and the pixel (u, v) it was seen at. */
  public record Observation(Point3 point, double u, double v) {}

  @Differentiable
  public static double dot(Point3 a, Point3 b) {
    return a.x() * b.x() + a.y() * b.y() + a.z() * b.z();
  }

  /** {@link #dot} over arrays of x, y, z. */
  @Differentiable
  public static double dotFlat(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  /** 1 + k₁r² + k₂r⁴ at r² = {@code r2}. */
  @Differentiable
  public static double distortion(Intrinsics intrinsics, double r2) {
    return 1 + r2 * (intrinsics.k1() + r2 * intrinsics.k2());
  }

  /** {@link #distortion} over the intrinsics' focal, k₁, k₂, u₀, v₀. */
  @Differentiable
  public static double distortionFlat(double[] intrinsics, double r2) {
    return 1 + r2 * (intrinsics[1] + r2 * intrinsics[2]);
  }

  /** sin θ / θ at θ² = {@code theta2}; below θ² = 10⁻¹² its limit 1, so that no √0 is differentiated. */
  @Differentiable
  public static double sinc(double theta2) {
    if (theta2 > 1e-12) {
      double theta = Math.sqrt(theta2);
      return Math.sin(theta) / theta;
    }
    return 1;
  }

  /** (1 − cos θ) / θ² at θ² = {@code theta2}; below θ² = 10⁻¹² its limit ½. */
  @Differentiable
  public static double versine(double theta2) {
    if (theta2 > 1e-12) {
      return (1 - Math.cos(Math.sqrt(theta2))) / theta2;
    }
    return 0.5;
  }

  /**
   * The squared distance between where {@code view} projects the observation's point and the pixel it was
   * seen at. Rodrigues' formula R d = d cos θ + (ω × d) sin θ / θ + ω (ω·d)(1 − cos θ) / θ², with
   * cos θ written 1 − θ² (1 − cos θ) / θ² so that at small angles the limits serve.
   */
  @Differentiable
  public static double squaredResidual(View view, Observation o) {
    Point3 w = view.pose().rotation();
    Point3 c = view.pose().center();
    Point3 d = new Point3(o.point().x() - c.x(), o.point().y() - c.y(), o.point().z() - c.z());
    double theta2 = dot(w, w);
    double a = sinc(theta2);
    double b = versine(theta2);
    double cos = 1 - b * theta2;
    double wd = b * dot(w, d);
    double qx = cos * d.x() + a * (w.y() * d.z() - w.z() * d.y()) + wd * w.x();
    double qy = cos * d.y() + a * (w.z() * d.x() - w.x() * d.z()) + wd * w.y();
    double qz = cos * d.z() + a * (w.x() * d.y() - w.y() * d.x()) + wd * w.z();
    double x = qx / qz;
    double y = qy / qz;
    Intrinsics k = view.intrinsics();
    double scale = k.focal() * distortion(k, x * x + y * y);
    double du = scale * x + k.u0() - o.u();
    double dv = scale * y + k.v0() - o.v();
    return du * du + dv * dv;
  }

  @Differentiable
  public static double reprojectionError(View view, Observation[] observations) {
    double sum = 0;
    for (Observation o : observations) {
      sum += squaredResidual(view, o);
    }
    return sum;
  }

  /**
   * {@link #reprojectionError} over flat arrays: the view's rotation, center, focal, k₁, k₂, u₀, v₀ (11
   * doubles); each observation's x, y, z, u, v in turn.
   */
  @Differentiable
  public static double reprojectionErrorFlat(double[] view, double[] observations) {
    double theta2 = view[0] * view[0] + view[1] * view[1] + view[2] * view[2];
    double a = sinc(theta2);
    double b = versine(theta2);
    double cos = 1 - b * theta2;
    double sum = 0;
    for (int i = 0; i < observations.length / 5; i++) {
      double dx = observations[5 * i] - view[3];
      double dy = observations[5 * i + 1] - view[4];
      double dz = observations[5 * i + 2] - view[5];
      double wd = b * (view[0] * dx + view[1] * dy + view[2] * dz);
      double qx = cos * dx + a * (view[1] * dz - view[2] * dy) + wd * view[0];
      double qy = cos * dy + a * (view[2] * dx - view[0] * dz) + wd * view[1];
      double qz = cos * dz + a * (view[0] * dy - view[1] * dx) + wd * view[2];
      double x = qx / qz;
      double y = qy / qz;
      double r2 = x * x + y * y;
      double scale = view[6] * (1 + r2 * (view[7] + r2 * view[8]));
      double du = scale * x + view[9] - observations[5 * i + 3];
      double dv = scale * y + view[10] - observations[5 * i + 4];
      sum += du * du + dv * dv;
    }
    return sum;
  }
}
