package io.adjoint.samples.records;

import io.adjoint.Differentiable;

/**
 * Plane geometry over {@code Point} and {@code Triangle} records, as a mesh smoother or a shape optimiser
 * writes it: lengths, areas, perimeters, a triangle's quality and a polygon's roundness; the polygon
 * measures also over one flat array of coordinates (x, y of each vertex in turn).
 */
public final class Geometry {
  private Geometry() {}

  public record Point(double x, double y) {}

  /** A triangle; counter-clockwise vertices give a positive signed area. */
  public record Triangle(Point a, Point b, Point c) {}

  /** |b − a|. */
  @Differentiable
  public static double length(Point a, Point b) {
    return Math.hypot(b.x() - a.x(), b.y() - a.y());
  }

  /** {@link #length} over the points' coordinates. */
  @Differentiable
  public static double lengthFlat(double ax, double ay, double bx, double by) {
    return Math.hypot(bx - ax, by - ay);
  }

  /** ½ (b − a) × (c − a): positive when a, b, c turn counter-clockwise. */
  @Differentiable
  public static double signedArea(Triangle triangle) {
    Point a = triangle.a();
    Point b = triangle.b();
    Point c = triangle.c();
    return 0.5 * ((b.x() - a.x()) * (c.y() - a.y()) - (c.x() - a.x()) * (b.y() - a.y()));
  }

  @Differentiable
  public static double perimeter(Triangle triangle) {
    return length(triangle.a(), triangle.b()) + length(triangle.b(), triangle.c()) + length(triangle.c(), triangle.a());
  }

  /**
   * The mesh-quality measure 4√3 A / (|ab|² + |bc|² + |ca|²): 1 for an equilateral triangle, towards 0 as
   * it degenerates, negative when it is inverted.
   */
  @Differentiable
  public static double quality(Triangle triangle) {
    double ab = length(triangle.a(), triangle.b());
    double bc = length(triangle.b(), triangle.c());
    double ca = length(triangle.c(), triangle.a());
    return 4 * Math.sqrt(3) * signedArea(triangle) / (ab * ab + bc * bc + ca * ca);
  }

  /** {@link #quality} over x, y of the vertices a, b, c in turn. */
  @Differentiable
  public static double qualityFlat(double[] xy) {
    double ab = Math.hypot(xy[2] - xy[0], xy[3] - xy[1]);
    double bc = Math.hypot(xy[4] - xy[2], xy[5] - xy[3]);
    double ca = Math.hypot(xy[0] - xy[4], xy[1] - xy[5]);
    double area = 0.5 * ((xy[2] - xy[0]) * (xy[5] - xy[1]) - (xy[4] - xy[0]) * (xy[3] - xy[1]));
    return 4 * Math.sqrt(3) * area / (ab * ab + bc * bc + ca * ca);
  }

  /** The shoelace formula: ½ Σ pᵢ × pᵢ₊₁, the last vertex joined to the first. */
  @Differentiable
  public static double polygonArea(Point[] vertices) {
    double twice = 0;
    for (int i = 0; i < vertices.length; i++) {
      Point p = vertices[i];
      Point q = vertices[(i + 1) % vertices.length];
      twice += p.x() * q.y() - q.x() * p.y();
    }
    return 0.5 * twice;
  }

  @Differentiable
  public static double polygonPerimeter(Point[] vertices) {
    double sum = 0;
    for (int i = 0; i < vertices.length; i++) {
      sum += length(vertices[i], vertices[(i + 1) % vertices.length]);
    }
    return sum;
  }

  /** 4π A / P²: 1 for a circle, π/4 for a square, smaller the less round the polygon. */
  @Differentiable
  public static double roundness(Point[] vertices) {
    double perimeter = polygonPerimeter(vertices);
    return 4 * Math.PI * polygonArea(vertices) / (perimeter * perimeter);
  }

  /** The distance from {@code p} to the mean of the vertices. */
  @Differentiable
  public static double centroidDistance(Point[] vertices, Point p) {
    double x = 0;
    double y = 0;
    for (Point v : vertices) {
      x += v.x();
      y += v.y();
    }
    Point centroid = new Point(x / vertices.length, y / vertices.length);
    return length(centroid, p);
  }

  /** {@link #centroidDistance} over x, y of each vertex in turn and the point's coordinates. */
  @Differentiable
  public static double centroidDistanceFlat(double[] xy, double px, double py) {
    int n = xy.length / 2;
    double x = 0;
    double y = 0;
    for (int i = 0; i < n; i++) {
      x += xy[2 * i];
      y += xy[2 * i + 1];
    }
    return Math.hypot(px - x / n, py - y / n);
  }

  /** {@link #polygonArea} over x, y of each vertex in turn. */
  @Differentiable
  public static double polygonAreaFlat(double[] xy) {
    int n = xy.length / 2;
    double twice = 0;
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      twice += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
    }
    return 0.5 * twice;
  }

  /** {@link #polygonPerimeter} over x, y of each vertex in turn. */
  @Differentiable
  public static double polygonPerimeterFlat(double[] xy) {
    int n = xy.length / 2;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      sum += Math.hypot(xy[2 * j] - xy[2 * i], xy[2 * j + 1] - xy[2 * i + 1]);
    }
    return sum;
  }

  /** {@link #roundness} over x, y of each vertex in turn. */
  @Differentiable
  public static double roundnessFlat(double[] xy) {
    double perimeter = polygonPerimeterFlat(xy);
    return 4 * Math.PI * polygonAreaFlat(xy) / (perimeter * perimeter);
  }
}
