package io.adjoint.samples.ba;

import io.adjoint.Differentiable;
import io.adjoint.NoDerivative;

/**
 * ADBench's bundle-adjustment reprojection error (ADBench {@code src/cpp/shared/ba.h},
 * arXiv:1807.10129) as small vector-valued methods that call each other: {@link #rotate} (Rodrigues'
 * formula), {@link #project} (pinhole camera with radial distortion) and {@link #reprojectionError}. The
 * processor gives each a Jacobian: {@code BundleAdjustmentGradients.reprojectionErrorJacobian(cam, x,
 * w, feature)} returns the 2 × 15 block ADBench asks for, as the parts {@code cam()} (2 × 11), {@code
 * x()} (2 × 3) and {@code w()} (2).
 *
 * <p>A camera is {@code [r1 r2 r3, C1 C2 C3, f, u0 v0, k1 k2]}: rotation vector r, centre C, focal
 * length f, principal point (u0, v0) and radial distortion (k1, k2).
 */
public final class BundleAdjustment {
  private BundleAdjustment() {}

  /** The number of parameters of a camera. */
  public static final int CAMERA_PARAMETERS = 11;

  /**
   * Rotates {@code x} by the rotation vector {@code r} (Rodrigues' formula): with θ = ‖r‖ and ω = r/θ,
   * x·cos θ + (ω × x)·sin θ + ω·(ω·x)(1 − cos θ); at θ = 0, its first-order form x + r × x.
   */
  @Differentiable
  public static double[] rotate(double[] r, double[] x) {
    double[] rotated = new double[3];
    double thetaSquared = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
    if (thetaSquared != 0) {
      double theta = Math.sqrt(thetaSquared);
      double cos = Math.cos(theta);
      double sin = Math.sin(theta);
      double omega0 = r[0] / theta;
      double omega1 = r[1] / theta;
      double omega2 = r[2] / theta;
      double along = (omega0 * x[0] + omega1 * x[1] + omega2 * x[2]) * (1 - cos);
      rotated[0] = x[0] * cos + (omega1 * x[2] - omega2 * x[1]) * sin + omega0 * along;
      rotated[1] = x[1] * cos + (omega2 * x[0] - omega0 * x[2]) * sin + omega1 * along;
      rotated[2] = x[2] * cos + (omega0 * x[1] - omega1 * x[0]) * sin + omega2 * along;
    } else {
      rotated[0] = x[0] + r[1] * x[2] - r[2] * x[1];
      rotated[1] = x[1] + r[2] * x[0] - r[0] * x[2];
      rotated[2] = x[2] + r[0] * x[1] - r[1] * x[0];
    }
    return rotated;
  }

  /** Where camera {@code cam} sees the point {@code x}, in pixels. */
  @Differentiable
  public static double[] project(double[] cam, double[] x) {
    double[] r = {cam[0], cam[1], cam[2]};
    double[] centred = {x[0] - cam[3], x[1] - cam[4], x[2] - cam[5]};
    double[] p = rotate(r, centred);
    double u = p[0] / p[2];
    double v = p[1] / p[2];
    double radius2 = u * u + v * v;
    double distortion = 1 + cam[9] * radius2 + cam[10] * radius2 * radius2;
    double[] pixel = new double[2];
    pixel[0] = u * distortion * cam[6] + cam[7];
    pixel[1] = v * distortion * cam[6] + cam[8];
    return pixel;
  }

  /** ADBench's reprojection error: the weight {@code w} times the projection minus the feature. */
  @Differentiable
  public static double[] reprojectionError(double[] cam, double[] x, double w, @NoDerivative double[] feature) {
    double[] pixel = project(cam, x);
    double[] error = new double[2];
    error[0] = w * (pixel[0] - feature[0]);
    error[1] = w * (pixel[1] - feature[1]);
    return error;
  }

  /** One output of {@link #reprojectionError}: 0 for u, 1 for v. */
  @Differentiable
  public static double reprojectionErrorOutput(
      double[] cam, double[] x, double w, @NoDerivative double[] feature, int output) {
    double[] error = reprojectionError(cam, x, w, feature);
    return error[output];
  }

  /** ADBench's weight error, 1 − w². */
  @Differentiable
  public static double weightError(double w) {
    return 1 - w * w;
  }
}
