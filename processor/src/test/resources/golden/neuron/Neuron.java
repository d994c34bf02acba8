package golden.neuron;

import io.adjoint.Differentiable;

/** Straight-line code: one neuron with two inputs and a tanh activation. */
public final class Neuron {
  private Neuron() {}

  @Differentiable
  public static double neuron(double x1, double x2, double w1, double w2, double b) {
    double n = x1 * w1 + x2 * w2 + b;
    return Math.tanh(n);
  }
}
