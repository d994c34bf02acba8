package io.adjoint.samples.corpus;

import io.adjoint.Differentiable;

/** Plane and sphere geometry. */
public final class Geometry {
  private Geometry() {}

  static final double EARTH_RADIUS_KM = 6371.0;

  /** The distance between two points, by {@code Math.hypot}. */
  @Differentiable
  public static double distance(double x1, double y1, double x2, double y2) {
    return Math.hypot(x2 - x1, y2 - y1);
  }

  /** The polar angle of (x, y), by {@code Math.atan2}. */
  @Differentiable
  public static double angle(double x, double y) {
    return Math.atan2(y, x);
  }

  /** The x coordinate of the point at polar coordinates (r, θ). */
  @Differentiable
  public static double polarX(double r, double theta) {
    return r * Math.cos(theta);
  }

  /** The y coordinate of the point at polar coordinates (r, θ). */
  @Differentiable
  public static double polarY(double r, double theta) {
    return r * Math.sin(theta);
  }

  /** Great-circle distance in km between two points given in degrees (haversine), with StrictMath. */
  @Differentiable
  public static double haversine(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double sinDPhi = StrictMath.sin((phi2 - phi1) / 2);
    double sinDLambda = StrictMath.sin(Math.toRadians(lon2 - lon1) / 2);
    double h = sinDPhi * sinDPhi
        + StrictMath.cos(phi1) * StrictMath.cos(phi2) * sinDLambda * sinDLambda;
    return 2 * EARTH_RADIUS_KM * StrictMath.asin(StrictMath.sqrt(h));
  }

  /** The area of a triangle from its sides (Heron's formula). */
  @Differentiable
  public static double triangleArea(double a, double b, double c) {
    double s = (a + b + c) / 2;
    return Math.sqrt(s * (s - a) * (s - b) * (s - c));
  }

  /** The angle between two plane vectors, by {@code Math.acos} of their cosine. */
  @Differentiable
  public static double angleBetween(double ax, double ay, double bx, double by) {
    double dot = ax * bx + ay * by;
    return Math.acos(dot / (Math.hypot(ax, ay) * Math.hypot(bx, by)));
  }

  /** The compass bearing in degrees from (x1, y1) to (x2, y2), north = +y, clockwise. */
  @Differentiable
  public static double bearingDegrees(double x1, double y1, double x2, double y2) {
    return Math.toDegrees(Math.atan2(x2 - x1, y2 - y1));
  }
}
