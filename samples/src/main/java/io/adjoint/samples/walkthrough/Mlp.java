package io.adjoint.samples.walkthrough;

import io.adjoint.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A multilayer perceptron built from {@link Value}s, as micrograd's {@code nn.py} builds it: each
 * neuron computes {@code sum(w·x) + b}, followed by a relu in every layer but the last.
 */
public final class Mlp {
  /** weights[layer][neuron] holds the neuron's input weights followed by its bias. */
  private final Value[][][] weights;

  /** An MLP with {@code sizes[0]} inputs and layers of {@code sizes[1..]} neurons, weights in [−1, 1). */
  public Mlp(SplittableRandom random, int... sizes) {
    weights = new Value[sizes.length - 1][][];
    for (int l = 0; l < weights.length; l++) {
      weights[l] = new Value[sizes[l + 1]][sizes[l] + 1];
      for (Value[] neuron : weights[l]) {
        for (int i = 0; i < neuron.length; i++) {
          neuron[i] = new Value(random.nextDouble(-1, 1));
        }
      }
    }
  }

  /** The outputs of the last layer for inputs {@code x}, taken as constants. */
  public Value[] apply(double... x) {
    Value[] in = new Value[x.length];
    for (int i = 0; i < x.length; i++) {
      in[i] = new Value(x[i]);
    }
    return apply(in);
  }

  /** The outputs of the last layer for inputs {@code x}. */
  public Value[] apply(Value... x) {
    Value[] h = x;
    for (int l = 0; l < weights.length; l++) {
      Value[] next = new Value[weights[l].length];
      for (int j = 0; j < next.length; j++) {
        Value[] w = weights[l][j];
        Value[] terms = new Value[h.length + 1];
        for (int k = 0; k < h.length; k++) {
          terms[k] = w[k].mul(h[k]);
        }
        terms[h.length] = w[h.length];
        Value act = Value.sum(terms);
        next[j] = l == weights.length - 1 ? act : act.relu();
      }
      h = next;
    }
    return h;
  }

  /** Every weight and bias, layer by layer. */
  public List<Value> parameters() {
    List<Value> all = new ArrayList<>();
    for (Value[][] layer : weights) {
      for (Value[] neuron : layer) {
        all.addAll(List.of(neuron));
      }
    }
    return all;
  }
}
