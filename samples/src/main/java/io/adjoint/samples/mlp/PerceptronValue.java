package io.adjoint.samples.mlp;

import io.adjoint.Value;
import java.util.Arrays;

/**
 * {@link Perceptron#loss} built from {@link Value}s: the dynamic autograd's version of the same
 * function, an independent check of the generated gradient.
 */
public final class PerceptronValue {
  private PerceptronValue() {}

  /** The loss at {@code network}'s parameters, and its gradient in {@link Network#flatten}'s order. */
  public static double lossAndGradient(Network network, TwoMoons data, double[] gradient) {
    double[] flat = network.flatten();
    Value[] leaves = new Value[flat.length];
    for (int i = 0; i < flat.length; i++) {
      leaves[i] = new Value(flat[i]);
    }
    int hidden1 = network.w1.length;
    int inputs = network.w1[0].length;
    int hidden2 = network.w2.length;
    // Views of the leaves in the shapes of the arguments of Perceptron.loss.
    Value[][] w1 = new Value[hidden1][];
    for (int j = 0; j < hidden1; j++) {
      w1[j] = Arrays.copyOfRange(leaves, j * inputs, (j + 1) * inputs);
    }
    int at = hidden1 * inputs;
    Value[] b1 = Arrays.copyOfRange(leaves, at, at += hidden1);
    Value[][] w2 = new Value[hidden2][];
    for (int j = 0; j < hidden2; j++) {
      w2[j] = Arrays.copyOfRange(leaves, at, at += hidden1);
    }
    Value[] b2 = Arrays.copyOfRange(leaves, at, at += hidden2);
    Value[] w3 = Arrays.copyOfRange(leaves, at, at += hidden2);
    Value b3 = leaves[at];

    Value[] terms = new Value[data.size()];
    for (int p = 0; p < data.size(); p++) {
      double[] point = data.x()[p];
      Value[] h1 = new Value[hidden1];
      for (int j = 0; j < hidden1; j++) {
        Value[] sum = new Value[inputs + 1];
        sum[0] = b1[j];
        for (int i = 0; i < inputs; i++) {
          sum[i + 1] = w1[j][i].mul(point[i]);
        }
        h1[j] = Value.sum(sum).tanh();
      }
      Value[] output = new Value[hidden2 + 1];
      output[0] = b3;
      for (int j = 0; j < hidden2; j++) {
        Value[] sum = new Value[hidden1 + 1];
        sum[0] = b2[j];
        for (int i = 0; i < hidden1; i++) {
          sum[i + 1] = w2[j][i].mul(h1[i]);
        }
        output[j + 1] = w3[j].mul(Value.sum(sum).tanh());
      }
      Value z = Value.sum(output);
      // softplus(z) − y·z, with softplus(z) = relu(z) + log(1 + exp(−|z|)).
      Value softplus = z.relu().add(z.abs().neg().exp().add(1).log());
      terms[p] = softplus.sub(z.mul(data.y()[p]));
    }
    Value loss = Value.sum(terms).div(data.size());
    loss.backward();
    for (int i = 0; i < leaves.length; i++) {
      gradient[i] = leaves[i].grad();
    }
    return loss.data();
  }
}
