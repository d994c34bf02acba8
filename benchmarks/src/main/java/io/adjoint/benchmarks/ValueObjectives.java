package io.adjoint.benchmarks;

import io.adjoint.Value;
import io.adjoint.samples.gmm.GmmInput;
import io.adjoint.samples.gmm.GmmValue;
import io.adjoint.samples.mlp.PerceptronValue;

/**
 * Gradients of the benchmark objectives by the {@link Value} tape, written as a user of {@code Value}
 * would write them: build the graph on fresh leaves, {@code backward()}, read the leaves' gradients.
 * Each method returns the value and writes the partials into {@code out} as {@code fInto} does.
 */
public final class ValueObjectives {
  private ValueObjectives() {}

  public static double neuron(double w1, double w2, double b, double x1, double x2, double[] out) {
    Value vw1 = new Value(w1);
    Value vw2 = new Value(w2);
    Value vb = new Value(b);
    Value f = vw1.mul(x1).add(vw2.mul(x2)).add(vb).sigmoid();
    f.backward();
    out[0] = vw1.grad();
    out[1] = vw2.grad();
    out[2] = vb.grad();
    return f.data();
  }

  public static double rosenbrock(double x, double y, double[] out) {
    Value vx = new Value(x);
    Value vy = new Value(y);
    Value a = vx.neg().add(1);
    Value d = vy.sub(vx.mul(vx));
    Value f = a.mul(a).add(d.mul(d).mul(100));
    f.backward();
    out[0] = vx.grad();
    out[1] = vy.grad();
    return f.data();
  }

  public static double twenty(double x, double y, double z, double[] out) {
    Value vx = new Value(x);
    Value vy = new Value(y);
    Value vz = new Value(z);
    Value a = vx.mul(vy).add(vz);
    Value b = a.sin().mul(vz.mul(vz).neg().exp());
    Value c = vx.mul(vx).add(vy.mul(vy)).add(1).log();
    Value d = vz.mul(vz).add(1).sqrt().mul(vy.tanh());
    Value f = a.mul(b).add(c.div(d)).sub(vx.mul(vz));
    f.backward();
    out[0] = vx.grad();
    out[1] = vy.grad();
    out[2] = vz.grad();
    return f.data();
  }

  /** The terms of the sum go into one n-ary {@link Value#sum} node. */
  public static double rosenbrockN(double[] x, double[] out) {
    Value[] vx = leaves(x);
    Value[] terms = new Value[Math.max(0, x.length - 1)];
    for (int i = 0; i + 1 < x.length; i++) {
      Value a = vx[i].neg().add(1);
      Value b = vx[i + 1].sub(vx[i].mul(vx[i]));
      terms[i] = a.mul(a).add(b.mul(b).mul(100));
    }
    Value f = Value.sum(terms);
    f.backward();
    grads(vx, out, 0);
    return f.data();
  }

  public static double dot(double[] a, double[] b, double[] out) {
    Value[] va = leaves(a);
    Value[] vb = leaves(b);
    Value[] terms = new Value[a.length];
    for (int i = 0; i < a.length; i++) {
      terms[i] = va[i].mul(vb[i]);
    }
    Value f = Value.sum(terms);
    f.backward();
    grads(va, out, 0);
    grads(vb, out, a.length);
    return f.data();
  }

  /** The samples' {@link GmmValue}, the gradient in ADBench's order. */
  public static double gmm(GmmInput in, double[] out) {
    GmmValue.Graph graph = GmmValue.build(in);
    double[] gradient = graph.gradient();
    System.arraycopy(gradient, 0, out, 0, gradient.length);
    return graph.objective().data();
  }

  /** The samples' {@link PerceptronValue}. */
  public static double mlp(MlpInput in, double[] out) {
    return PerceptronValue.lossAndGradient(in.network(), in.data(), out);
  }

  private static Value[] leaves(double[] data) {
    Value[] values = new Value[data.length];
    for (int i = 0; i < data.length; i++) {
      values[i] = new Value(data[i]);
    }
    return values;
  }

  private static void grads(Value[] leaves, double[] out, int at) {
    for (int i = 0; i < leaves.length; i++) {
      out[at + i] = leaves[i].grad();
    }
  }
}
