package io.adjoint.samples.records;

import static io.adjoint.samples.records.Checks.assertClose;
import static io.adjoint.samples.records.Checks.assertGradient;
import static io.adjoint.samples.records.Checks.assertTangent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.samples.records.Geometry.Point;
import io.adjoint.samples.records.Geometry.Triangle;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The plane-geometry records: each gradient against central differences and against the same measure over
 * doubles or a flat array, and closed forms (the gradient of a length, the stationary points of the shape
 * measures at regular shapes).
 */
class GeometryTest {
  /** x, y of n vertices turning counter-clockwise around (1, −2) at radii from 1 to 2. */
  private static double[] polygon(SplittableRandom r, int n) {
    double[] xy = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double angle = 2 * Math.PI * (i + r.nextDouble(-0.3, 0.3)) / n;
      double radius = r.nextDouble(1, 2);
      xy[2 * i] = 1 + radius * Math.cos(angle);
      xy[2 * i + 1] = -2 + radius * Math.sin(angle);
    }
    return xy;
  }

  private static double[] regular(int n) {
    double[] xy = new double[2 * n];
    for (int i = 0; i < n; i++) {
      xy[2 * i] = Math.cos(2 * Math.PI * i / n);
      xy[2 * i + 1] = Math.sin(2 * Math.PI * i / n);
    }
    return xy;
  }

  private static Point[] points(double[] xy) {
    Point[] ps = new Point[xy.length / 2];
    for (int i = 0; i < ps.length; i++) {
      ps[i] = new Point(xy[2 * i], xy[2 * i + 1]);
    }
    return ps;
  }

  private static Triangle triangle(double[] xy) {
    Point[] ps = points(xy);
    return new Triangle(ps[0], ps[1], ps[2]);
  }

  private static double[] flat(Geometry_TriangleTangent t) {
    return Geometry_TriangleTangent.flatten(new Geometry_TriangleTangent[] {t});
  }

  @Test
  void lengthIsTheUnitVectorBetweenThePoints() {
    SplittableRandom r = new SplittableRandom(21);
    for (int k = 0; k < 10; k++) {
      double[] xy = r.doubles(4, -3, 3).toArray();
      Point[] ps = points(xy);
      var g = GeometryGradients.length(ps[0], ps[1]);
      double d = Math.hypot(xy[2] - xy[0], xy[3] - xy[1]);
      assertEquals(d, g.value(), 0.0);
      double ux = (xy[2] - xy[0]) / d;
      double uy = (xy[3] - xy[1]) / d;
      double[] partials = {g.a().x(), g.a().y(), g.b().x(), g.b().y()};
      assertClose(new double[] {-ux, -uy, ux, uy}, partials, 1e-15, "closed form");
      var byDoubles = GeometryGradients.lengthFlat(xy[0], xy[1], xy[2], xy[3]);
      assertEquals(byDoubles.value(), g.value(), 0.0);
      assertGradient(v -> Geometry.length(points(v)[0], points(v)[1]), xy, partials,
          new double[] {byDoubles.ax(), byDoubles.ay(), byDoubles.bx(), byDoubles.by()}, 0.0, "length");
    }
  }

  @Test
  void triangles() {
    SplittableRandom r = new SplittableRandom(22);
    for (int k = 0; k < 10; k++) {
      double[] xy = polygon(r, 3);
      Triangle t = triangle(xy);

      var area = GeometryGradients.signedArea(t);
      // the shoelace sums p × q over the edges where signedArea crosses two edges from a: the same area,
      // rounded another way
      var shoelace = GeometryGradients.polygonAreaFlat(xy);
      assertEquals(shoelace.value(), area.value(), 1e-14);
      assertGradient(v -> Geometry.signedArea(triangle(v)), xy, flat(area.triangle()), shoelace.xy(), 1e-14,
          "signed area");

      var perimeter = GeometryGradients.perimeter(t);
      var byArray = GeometryGradients.polygonPerimeterFlat(xy);
      assertEquals(byArray.value(), perimeter.value(), 1e-15 * byArray.value());
      assertGradient(v -> Geometry.perimeter(triangle(v)), xy, flat(perimeter.triangle()), byArray.xy(), 1e-14,
          "perimeter");

      var quality = GeometryGradients.quality(t);
      double[] partials = flat(quality.triangle());
      // the same arithmetic over the six coordinates
      var qualityByArray = GeometryGradients.qualityFlat(xy);
      assertEquals(qualityByArray.value(), quality.value(), 0.0);
      assertGradient(v -> Geometry.quality(triangle(v)), xy, partials, qualityByArray.xy(), 0.0, "quality");
      double[] direction = r.doubles(6, -1, 1).toArray();
      var tangent = GeometryGradients.qualityTangent(t, Geometry_TriangleTangent.arrayOf(direction)[0]);
      assertEquals(quality.value(), tangent.value(), 1e-15);
      assertTangent(partials, direction, tangent.tangent(), "quality's tangent");
    }
  }

  @Test
  void anEquilateralTriangleHasQualityOneAndIsItsMaximum() {
    double[] xy = regular(3);
    var g = GeometryGradients.quality(triangle(xy));
    assertEquals(1, g.value(), 1e-15);
    assertClose(new double[6], flat(g.triangle()), 1e-15, "quality's gradient at its maximum");
  }

  @Test
  void polygons() {
    SplittableRandom r = new SplittableRandom(23);
    for (int n = 3; n <= 8; n++) {
      double[] xy = polygon(r, n);
      Point[] ps = points(xy);
      String what = n + " vertices";

      var area = GeometryGradients.polygonArea(ps);
      var areaByArray = GeometryGradients.polygonAreaFlat(xy);
      assertEquals(areaByArray.value(), area.value(), 1e-15 * area.value());
      assertGradient(v -> Geometry.polygonArea(points(v)), xy, Geometry_PointTangent.flatten(area.vertices()),
          areaByArray.xy(), 1e-15, what + ": area");

      var perimeter = GeometryGradients.polygonPerimeter(ps);
      var perimeterByArray = GeometryGradients.polygonPerimeterFlat(xy);
      assertEquals(perimeterByArray.value(), perimeter.value(), 1e-15 * perimeter.value());
      assertGradient(v -> Geometry.polygonPerimeter(points(v)), xy, Geometry_PointTangent.flatten(perimeter.vertices()),
          perimeterByArray.xy(), 1e-15, what + ": perimeter");

      var roundness = GeometryGradients.roundness(ps);
      double[] roundnessPartials = Geometry_PointTangent.flatten(roundness.vertices());
      var roundnessByArray = GeometryGradients.roundnessFlat(xy);
      assertEquals(roundnessByArray.value(), roundness.value(), 1e-15);
      assertGradient(v -> Geometry.roundness(points(v)), xy, roundnessPartials, roundnessByArray.xy(), 1e-14,
          what + ": roundness");
      double[] direction = r.doubles(2 * n, -1, 1).toArray();
      var tangent = GeometryGradients.roundnessTangent(ps, Geometry_PointTangent.arrayOf(direction));
      assertTangent(roundnessPartials, direction, tangent.tangent(), what + ": roundness's tangent");
    }
  }

  /** Among n-gons the regular one is the roundest: 4πA/P² = (π/n)/tan(π/n) there, and its gradient 0. */
  @Test
  void regularPolygonsAreTheRoundest() {
    for (int n = 3; n <= 12; n++) {
      var g = GeometryGradients.roundness(points(regular(n)));
      assertEquals(Math.PI / n / Math.tan(Math.PI / n), g.value(), 1e-15);
      assertClose(new double[2 * n], Geometry_PointTangent.flatten(g.vertices()), 1e-14, n + " vertices");
    }
  }

  @Test
  void centroidDistance() {
    SplittableRandom r = new SplittableRandom(24);
    for (int n = 1; n <= 6; n++) {
      double[] xy = r.doubles(2 * n, -2, 2).toArray();
      Point p = new Point(r.nextDouble(-3, 3), r.nextDouble(-3, 3));
      var g = GeometryGradients.centroidDistance(points(xy), p);
      double[] vertexPartials = Geometry_PointTangent.flatten(g.vertices());
      // the same arithmetic over the coordinates
      var byArray = GeometryGradients.centroidDistanceFlat(xy, p.x(), p.y());
      assertEquals(byArray.value(), g.value(), 0.0);
      assertGradient(v -> Geometry.centroidDistance(points(v), p), xy, vertexPartials, byArray.xy(), 0.0,
          n + " vertices");
      double[] at = {p.x(), p.y()};
      assertGradient(v -> Geometry.centroidDistance(points(xy), new Point(v[0], v[1])), at,
          new double[] {g.p().x(), g.p().y()}, new double[] {byArray.px(), byArray.py()}, 0.0,
          n + " vertices, the point");
      // closed form: ∂/∂p = u, the unit vector from the centroid to p, and each vertex −u/n
      double cx = 0;
      double cy = 0;
      for (int i = 0; i < n; i++) {
        cx += xy[2 * i] / n;
        cy += xy[2 * i + 1] / n;
      }
      double d = Math.hypot(p.x() - cx, p.y() - cy);
      assertEquals(d, g.value(), 1e-14 * d);
      assertClose(new double[] {(p.x() - cx) / d, (p.y() - cy) / d}, new double[] {g.p().x(), g.p().y()}, 1e-13, "u");
      for (int i = 0; i < n; i++) {
        assertEquals(-g.p().x() / n, g.vertices()[i].x(), 1e-15);
        assertEquals(-g.p().y() / n, g.vertices()[i].y(), 1e-15);
      }
    }
  }
}
