package io.adjoint.samples.walkthrough;

import io.adjoint.Graphs;
import io.adjoint.Value;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The seed document's walkthrough of a micrograd-style autograd, translated to {@link Value}: a small
 * graph, one neuron, a manual training loop, a tiny MLP, and why gradients must be zeroed. Each
 * section computes a record of its results; {@link #run} prints them.
 */
public final class Walkthrough {
  private Walkthrough() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs every section and prints what the seed page prints, with the numbers computed here; writes the
   * graph's picture to {@code samples/target} (from the project's root) or else {@code target}.
   */
  public static void run(PrintStream out) {
    Path samplesTarget = Path.of("samples", "target");
    run(out, Files.isDirectory(samplesTarget) ? samplesTarget : Path.of("target"));
  }

  /** Runs every section, writing the graph's picture into {@code dir}. */
  public static void run(PrintStream out, Path dir) {
    out.println("== The seed walkthrough ==");

    print(out, graph(2.0, 3.0));
    drawGraph(out, dir);
    print(out, neuron());
    print(out, train());

    out.println("Mini MLP 2 -> 4 -> 1");
    out.println("Total parameters: " + miniMlp().parameters().size());

    ZeroGrad z = zeroGrad();
    out.println("Zero grad");
    out.println("After first backward: x.grad = " + z.first());
    out.println("After second backward: x.grad = " + z.second());
    out.println("After zero + backward: x.grad = " + z.afterZero());
  }

  /** Prints the graph's lines; the generated-gradient version prints the same. */
  public static void print(PrintStream out, Graph g) {
    out.println("Graph: e = (a + b) + a*b at a = 2, b = 3");
    out.println("de/da = " + g.dEdA());
    out.println("de/db = " + g.dEdB());
  }

  /** Prints the neuron's lines. */
  public static void print(PrintStream out, Neuron n) {
    out.println("Neuron: sigmoid(w1*x1 + w2*x2 + b)");
    out.println(format("Output: %.4f", n.output()));
    out.println(format("  dout/dw1 = %.4f", n.dW1()));
    out.println(format("  dout/dw2 = %.4f", n.dW2()));
    out.println(format("  dout/db  = %.4f", n.dB()));
  }

  /** Prints the training loop's lines: every 20 epochs, then what it learned. */
  public static void print(PrintStream out, Training t) {
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

  // ---- a graph ----

  /** The value of e and its gradient. */
  public record Graph(double e, double dEdA, double dEdB) {}

  /** e = (a + b) + a·b. */
  public static Graph graph(double av, double bv) {
    Value a = new Value(av);
    Value b = new Value(bv);
    Value e = a.add(b).add(a.mul(b));
    e.backward();
    return new Graph(e.data(), a.grad(), b.grad());
  }

  // ---- its picture ----

  /** The graph e = (a + b) + a·b at a = 2, b = 3 after backward, and names for a, b and e. */
  public record Picture(Value e, Map<Value, String> labels) {}

  public static Picture picture() {
    Value a = new Value(2.0);
    Value b = new Value(3.0);
    Value e = a.add(b).add(a.mul(b));
    e.backward();
    return new Picture(e, Map.of(a, "a", b, "b", e, "e"));
  }

  /** How long Graphviz may take to draw the graph before the walkthrough goes on without it. */
  static final long DOT_TIMEOUT_SECONDS = 20;

  /**
   * Prints the graph as text, writes it as DOT to {@code dir/graph.dot}, and has Graphviz's {@code dot}
   * draw it to {@code dir/graph.svg} where it is installed; otherwise prints the command. Never fails.
   */
  static void drawGraph(PrintStream out, Path dir) {
    Picture p = picture();
    out.println("The graph (Graphs.toAscii):");
    out.print(Graphs.toAscii(p.e(), p.labels()));
    Path dot = dir.resolve("graph.dot");
    Path svg = dir.resolve("graph.svg");
    try {
      Files.createDirectories(dir);
      Files.writeString(dot, Graphs.toDot(p.e(), p.labels()));
    } catch (IOException e) {
      out.println("Could not write " + dot + ": " + e);
      return;
    }
    out.println("Wrote " + dot + " (Graphs.toDot)");
    String command = "dot -Tsvg " + dot + " -o " + svg;
    String failure = render("dot", dot, svg, DOT_TIMEOUT_SECONDS);
    if (failure == null) {
      out.println("Graphviz drew it: " + svg);
    } else {
      out.println("Graphviz " + failure + "; to draw it, run: " + command);
    }
  }

  /**
   * Runs {@code program -Tsvg dot -o svg}, at most {@code seconds} long. Returns null once it has
   * written the picture, or why not: "is not installed", "took more than 20 s", "exited with 1", "wrote
   * no picture".
   */
  static String render(String program, Path dot, Path svg, long seconds) {
    ProcessBuilder builder =
        new ProcessBuilder(program, "-Tsvg", dot.toString(), "-o", svg.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return "is not installed";
    }
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "took more than " + seconds + " s";
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return "was interrupted";
    }
    int exit = process.exitValue();
    if (exit != 0) {
      return "exited with " + exit;
    }
    return Files.isRegularFile(svg) ? null : "wrote no picture";
  }

  // ---- a neuron ----

  /** The neuron's output and its gradient with respect to the weights and the bias. */
  public record Neuron(double output, double dW1, double dW2, double dB) {}

  public static final double X1 = 2.0;
  public static final double X2 = 3.0;
  public static final double W1 = 0.5;
  public static final double W2 = -0.3;
  public static final double B = 0.1;

  /** out = sigmoid(w1·x1 + w2·x2 + b) at x = (2, 3), w = (0.5, −0.3), b = 0.1. */
  public static Neuron neuron() {
    Value x1 = new Value(X1);
    Value x2 = new Value(X2);
    Value w1 = new Value(W1);
    Value w2 = new Value(W2);
    Value b = new Value(B);
    Value out = w1.mul(x1).add(w2.mul(x2)).add(b).sigmoid();
    out.backward();
    return new Neuron(out.data(), w1.grad(), w2.grad(), b.grad());
  }

  // ---- a training loop ----

  /** One epoch: the loss before the update, and w and b after it. */
  public record Epoch(int epoch, double loss, double w, double b) {}

  /** Every epoch, and the final w and b. */
  public record Training(List<Epoch> epochs, double w, double b) {}

  public static final double[] XS = {1, 2, 3, 4};
  public static final int EPOCHS = 100;
  public static final double LEARNING_RATE = 0.01;

  /**
   * Fits y = w·x + b to y = 2x + 1 at x = 1..4 from w = b = 0, by gradient descent on the sum of
   * squared errors.
   */
  public static Training train() {
    Value w = new Value(0.0);
    Value b = new Value(0.0);
    List<Epoch> epochs = new ArrayList<>();
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      List<Value> squares = new ArrayList<>();
      for (double x : XS) {
        double y = 2 * x + 1;
        Value error = w.mul(x).add(b).sub(y);
        squares.add(error.pow(2));
      }
      Value loss = Value.sum(squares);
      w.zeroGrad();
      b.zeroGrad();
      loss.backward();
      w.setData(w.data() - LEARNING_RATE * w.grad());
      b.setData(b.data() - LEARNING_RATE * b.grad());
      epochs.add(new Epoch(epoch, loss.data(), w.data(), b.data()));
    }
    return new Training(List.copyOf(epochs), w.data(), b.data());
  }

  // ---- a tiny MLP ----

  /** An MLP with 2 inputs, a hidden layer of 4 neurons and 1 output. */
  public static Mlp miniMlp() {
    return new Mlp(new SplittableRandom(1), 2, 4, 1);
  }

  // ---- zero grad ----

  /** x.grad after each step. */
  public record ZeroGrad(double first, double second, double afterZero) {}

  /**
   * y = x² at x = 3, back-propagated twice (the leaf's gradient accumulates), then once more after
   * {@code x.zeroGrad()}.
   */
  public static ZeroGrad zeroGrad() {
    Value x = new Value(3.0);
    Value y = x.mul(x);
    y.backward();
    double first = x.grad();
    y.backward();
    double second = x.grad();
    x.zeroGrad();
    y.backward();
    return new ZeroGrad(first, second, x.grad());
  }
}
