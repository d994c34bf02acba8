package io.adjoint.samples.seed;

import io.adjoint.samples.walkthrough.Walkthrough;
import io.adjoint.samples.walkthrough.Walkthrough.Epoch;
import io.adjoint.samples.walkthrough.Walkthrough.Graph;
import io.adjoint.samples.walkthrough.Walkthrough.Neuron;
import io.adjoint.samples.walkthrough.Walkthrough.Training;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The walkthrough's graph, neuron and training loop driven by the generated {@code SeedGradients}
 * instead of {@code Value}. It uses the walkthrough's inputs and result records and prints the same
 * lines, so that the two can be compared number for number.
 */
public final class SeedSamples {
  private SeedSamples() {}

  public static void main(String[] args) {
    run(System.out);
  }

  public static void run(PrintStream out) {
    out.println("== The seed examples with generated gradients ==");

    Walkthrough.print(out, graph(2.0, 3.0));
    Walkthrough.print(out, neuron());
    Walkthrough.print(out, train());
  }

  /** e = (a + b) + a·b and its gradient. */
  public static Graph graph(double a, double b) {
    SeedGradients.GraphGradient g = SeedGradients.graph(a, b);
    return new Graph(g.value(), g.a(), g.b());
  }

  /** The neuron at the walkthrough's inputs, weights and bias. */
  public static Neuron neuron() {
    SeedGradients.NeuronGradient g =
        SeedGradients.neuron(Walkthrough.X1, Walkthrough.X2, Walkthrough.W1, Walkthrough.W2, Walkthrough.B);
    return new Neuron(g.value(), g.w1(), g.w2(), g.b());
  }

  /**
   * Fits y = w·x + b to y = 2x + 1 at x = 1..4 from w = b = 0 by gradient descent, with the
   * walkthrough's epochs and learning rate. Each step makes one call of the allocation-free form.
   */
  public static Training train() {
    double w = 0.0;
    double b = 0.0;
    double[] gradient = new double[2]; // ∂loss/∂w, ∂loss/∂b
    List<Epoch> epochs = new ArrayList<>();
    for (int epoch = 0; epoch < Walkthrough.EPOCHS; epoch++) {
      double loss = SeedGradients.lossInto(w, b, gradient);
      w -= Walkthrough.LEARNING_RATE * gradient[0];
      b -= Walkthrough.LEARNING_RATE * gradient[1];
      epochs.add(new Epoch(epoch, loss, w, b));
    }
    return new Training(List.copyOf(epochs), w, b);
  }
}
