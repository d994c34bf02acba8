package io.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link Value#withPartials}: a node whose value and partials come from elsewhere. */
class ValueWithPartialsTest {
  /** f(a, b) = a·sin(b), as one node with its partials, inside a larger graph; checked against the same graph built from ops. */
  @Test
  void nodeWithPartialsMatchesTheGraphItStandsFor() {
    double a0 = 0.7;
    double b0 = -1.3;
    Value a = new Value(a0);
    Value b = new Value(b0);
    Value f = Value.withPartials(a0 * Math.sin(b0), new Value[] {a, b}, new double[] {Math.sin(b0), a0 * Math.cos(b0)});
    Value out = f.mul(a).add(f.exp());
    out.backward();

    Value a2 = new Value(a0);
    Value b2 = new Value(b0);
    Value g = a2.mul(b2.sin());
    Value out2 = g.mul(a2).add(g.exp());
    out2.backward();

    assertEquals(out2.data(), out.data(), 1e-15);
    assertEquals(a2.grad(), a.grad(), 1e-14);
    assertEquals(b2.grad(), b.grad(), 1e-14);
  }

  @Test
  void gradientsAccumulateAcrossBackwardCallsLikeAnyNode() {
    Value x = new Value(2);
    Value f = Value.withPartials(4, new Value[] {x}, new double[] {4}); // x², at 2
    f.backward();
    f.backward();
    assertEquals(8.0, x.grad());
  }

  @Test
  void lengthsMustAgree() {
    assertThrows(
        IllegalArgumentException.class, () -> Value.withPartials(0, new Value[] {new Value(1)}, new double[0]));
  }
}
