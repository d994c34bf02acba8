package golden.calls;

import io.adjoint.Differentiable;

/** Calls to @Differentiable methods of the same class and of another class. */
final class Model {
  private Model() {}

  @Differentiable
  static double predict(double x, double w1, double b1, double w2, double b2) {
    double h = Layers.dense(x, w1, b1);
    return Layers.dense(h, w2, b2);
  }

  @Differentiable
  static double loss(double x, double target, double w1, double b1, double w2, double b2) {
    double e = predict(x, w1, b1, w2, b2) - target;
    return e * e;
  }
}
