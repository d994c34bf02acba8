package shapes;

import io.adjoint.Differentiable;

/** One record parameter, one record return and one record instance method, pinned as golden files. */
public final class Shapes {
  private Shapes() {}

  public record Point(double x, double y) {}

  public record Circle(Point center, double radius) {
    @Differentiable
    public double area() {
      return Math.PI * radius * radius;
    }
  }

  @Differentiable
  public static double distance(Point a, Circle c) {
    double dx = a.x() - c.center().x();
    double dy = a.y() - c.center().y();
    return Math.sqrt(dx * dx + dy * dy) - c.radius();
  }

  @Differentiable
  public static Point scaled(Point p, double factor) {
    return new Point(factor * p.x(), factor * p.y());
  }
}
