package io.adjoint.samples.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adjoint.samples.walkthrough.Walkthrough;
import io.adjoint.samples.walkthrough.Walkthrough.Epoch;
import io.adjoint.samples.walkthrough.Walkthrough.Graph;
import io.adjoint.samples.walkthrough.Walkthrough.Neuron;
import io.adjoint.samples.walkthrough.Walkthrough.Training;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The seed examples driven by generated gradients print what the {@code Value} walkthrough prints, and
 * compute the same numbers: equal up to rounding (10⁻¹² relative; the two sum the same terms in
 * different orders, and 100 epochs of gradient descent, a contraction here, do not amplify that).
 */
class SeedSamplesTest {
  private static final double RELATIVE = 1e-12;

  private static List<String> printed(Consumer<PrintStream> run) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    run.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void printsTheSeedPagesNumbers() {
    List<String> lines = printed(SeedSamples::run);
    for (String line :
        List.of(
            "de/da = 4.0",
            "de/db = 3.0",
            "Output: 0.5498",
            "  dout/dw1 = 0.4950",
            "  dout/dw2 = 0.7425",
            "  dout/db  = 0.2475",
            "Epoch   0: loss = 164.0000, w = 1.4000, b = 0.4800",
            "Learned: y = 2.03x + 0.91")) {
      assertTrue(lines.contains(line), "missing \"" + line + "\" in\n" + String.join("\n", lines));
    }
  }

  @Test
  void printsTheLinesTheValueWalkthroughPrints() {
    List<String> value = printed(Walkthrough::run);
    List<String> generated = printed(SeedSamples::run);
    int from = 0;
    for (String line : generated.subList(1, generated.size())) { // all but the heading
      int at = value.subList(from, value.size()).indexOf(line);
      assertTrue(at >= 0, "the Value walkthrough does not print \"" + line + "\" here:\n"
          + String.join("\n", value));
      from += at + 1;
    }
  }

  @Test
  void graphMatchesValue() {
    Graph value = Walkthrough.graph(2.0, 3.0);
    Graph generated = SeedSamples.graph(2.0, 3.0);
    assertEquals(value, generated); // small integers: exact
    assertEquals(new Graph(11.0, 4.0, 3.0), generated);
  }

  @Test
  void neuronMatchesValue() {
    Neuron value = Walkthrough.neuron();
    Neuron generated = SeedSamples.neuron();
    assertClose(value.output(), generated.output(), "output");
    assertClose(value.dW1(), generated.dW1(), "dout/dw1");
    assertClose(value.dW2(), generated.dW2(), "dout/dw2");
    assertClose(value.dB(), generated.dB(), "dout/db");
  }

  @Test
  void trainingMatchesValueEpochByEpoch() {
    Training value = Walkthrough.train();
    Training generated = SeedSamples.train();
    assertEquals(value.epochs().size(), generated.epochs().size());
    for (int i = 0; i < value.epochs().size(); i++) {
      Epoch v = value.epochs().get(i);
      Epoch g = generated.epochs().get(i);
      assertEquals(v.epoch(), g.epoch());
      assertClose(v.loss(), g.loss(), "loss at epoch " + i);
      assertClose(v.w(), g.w(), "w after epoch " + i);
      assertClose(v.b(), g.b(), "b after epoch " + i);
    }
    assertClose(value.w(), generated.w(), "learned w");
    assertClose(value.b(), generated.b(), "learned b");
  }

  private static void assertClose(double value, double generated, String what) {
    assertEquals(value, generated, RELATIVE * Math.abs(value), what + ": Value vs generated");
  }
}
