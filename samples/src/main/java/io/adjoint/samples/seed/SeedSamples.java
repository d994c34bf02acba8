package io.adjoint.samples.seed;

import io.adjoint.samples.walkthrough.Walkthrough;
import io.adjoint.samples.walkthrough.Walkthrough.Epoch;
import io.adjoint.samples.walkthrough.Walkthrough.Graph;
import io.adjoint.samples.walkthrough.Walkthrough.Neuron;
import io.adjoint.samples.walkthrough.Walkthrough.Training;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    Graph g = graph(2.0, 3.0);
    out.println("Graph: e = (a + b) + a*b at a = 2, b = 3");
    out.println("de/da = " + g.dEdA());
    out.println("de/db = " + g.dEdB());

    Neuron n = neuron();
    out.println("Neuron: sigmoid(w1*x1 + w2*x2 + b)");
    out.println(format("Output: %.4f", n.output()));
    out.println(format("  dout/dw1 = %.4f", n.dW1()));
    out.println(format("  dout/dw2 = %.4f", n.dW2()));
    out.println(format("  dout/db  = %.4f", n.dB()));

    Training t = train();
    out.println("Training y = w*x + b on y = 2x + 1");
    for (Epoch e : t.epochs()) {
      if (e.epoch() % 20 == 0) {
        out.println(format("Epoch %3d: loss = %.4f, w = %.4f, b = %.4f", e.epoch(), e.loss(), e.w(), e.b()));
      }
    }
    out.println(format("Learned: y = %.2fx + %.2f", t.w(), t.b()));
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
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
