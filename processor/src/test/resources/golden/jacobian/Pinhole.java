package golden.jacobian;

import io.adjoint.Differentiable;

/** A vector-valued method calling another: its Jacobian, vector tangent and vector pullback. */
public class Pinhole {
  /** A point seen from a camera at {@code center} looking down the z axis. */
  @Differentiable
  public static double[] relative(double[] point, double[] center) {
    return new double[] {point[0] - center[0], point[1] - center[1], point[2] - center[2]};
  }

  /** The pinhole projection of a point, with focal length {@code focal}. */
  @Differentiable
  public static double[] project(double[] point, double[] center, double focal) {
    double[] p = relative(point, center);
    double[] image = new double[2];
    image[0] = focal * p[0] / p[2];
    image[1] = focal * p[1] / p[2];
    return image;
  }
}
