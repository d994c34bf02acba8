package io.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole graphs: shared nodes, deep chains, and what backward leaves in each node. */
class ValueGraphTest {

  static Stream<Long> seeds() {
    return LongStream.iterate(0xD1A_3011DL, s -> s * 6364136223846793005L + 1442695040888963407L)
        .limit(20)
        .boxed();
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void sumPlusProduct(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double av = r.nextDouble(-5, 5);
    double bv = r.nextDouble(-5, 5);
    Value a = new Value(av);
    Value b = new Value(bv);
    Value e = a.add(b).add(a.mul(b));
    e.backward();
    assertEquals(av + bv + av * bv, e.data(), 1e-12);
    assertEquals(1 + bv, a.grad(), 1e-12);
    assertEquals(1 + av, b.grad(), 1e-12);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void diamond(long seed) {
    // d = (3a)·sin(a): two paths from a to d that meet again.
    double av = new SplittableRandom(seed).nextDouble(-5, 5);
    Value a = new Value(av);
    Value b = a.mul(3.0);
    Value c = a.sin();
    Value d = b.mul(c);
    d.backward();
    assertEquals(3 * Math.sin(av) + 3 * av * Math.cos(av), a.grad(), 1e-12);
    assertEquals(Math.sin(av), b.grad(), 1e-15, "interior nodes hold their adjoint");
    assertEquals(3 * av, c.grad(), 1e-15);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void operandUsedTwiceByOneNode(long seed) {
    double av = new SplittableRandom(seed).nextDouble(0.1, 5);
    assertEquals(2 * av, gradOf(av, a -> a.mul(a)), 1e-12, "a·a");
    assertEquals(2.0, gradOf(av, a -> a.add(a)), 0.0, "a+a");
    assertEquals(0.0, gradOf(av, a -> a.sub(a)), 0.0, "a−a");
    assertEquals(0.0, gradOf(av, a -> a.div(a)), 1e-15, "a/a");
    assertEquals(Math.pow(av, av) * (Math.log(av) + 1), gradOf(av, a -> a.pow(a)), 1e-9, "a^a");
    assertEquals(1.0, gradOf(av, a -> a.min(a)), 0.0, "min(a, a)");
    assertEquals(1.0, gradOf(av, a -> a.max(a)), 0.0, "max(a, a)");
    assertEquals(3.0, gradOf(av, a -> Value.sum(a, a, a)), 0.0, "sum(a, a, a)");
  }

  /** The gradient of the leaf a = av in f(a). */
  static double gradOf(double av, java.util.function.UnaryOperator<Value> f) {
    Value a = new Value(av);
    f.apply(a).backward();
    return a.grad();
  }

  @Test
  void exponentiallyManyPathsAreVisitedOnce() {
    // y = 2^60 · x through 60 doublings y = y + y: 2^60 paths from y to x. A traversal that revisited
    // shared nodes would never finish.
    Value x = new Value(1.5);
    Value y = x;
    for (int i = 0; i < 60; i++) {
      y = y.add(y);
    }
    y.backward();
    assertEquals(Math.scalb(1.0, 60), x.grad(), 0.0);
    assertEquals(Math.scalb(1.5, 60), y.data(), 0.0);
  }

  @Test
  void nestedSumsSharingTerms() {
    // f = (a + b) + (b + c·a) + b·b; ∂f/∂a = 1 + c, ∂f/∂b = 2 + 2b, ∂f/∂c = a
    double av = 1.25;
    double bv = -0.5;
    double cv = 3.0;
    Value a = new Value(av);
    Value b = new Value(bv);
    Value c = new Value(cv);
    Value inner = Value.sum(a, b);
    Value f = Value.sum(inner, Value.sum(b, c.mul(a)), b.mul(b), inner.mul(0.0));
    f.backward();
    assertEquals(1 + cv, a.grad(), 0.0);
    assertEquals(2 + 2 * bv, b.grad(), 0.0);
    assertEquals(av, c.grad(), 0.0);
    assertEquals(1.0, inner.grad(), 0.0);
  }

  @Test
  void wideSumOfInteriorTerms() {
    // 200,000 interior terms: a traversal that rescanned a SUM's terms from the start after each one
    // would do 2·10¹⁰ checks.
    SplittableRandom r = new SplittableRandom(7);
    Value x = new Value(0.5);
    java.util.List<Value> terms = new java.util.ArrayList<>();
    double expected = 0;
    for (int i = 0; i < 200_000; i++) {
      double c = r.nextDouble(-1, 1);
      terms.add(x.mul(c).add(1.0));
      expected += c;
    }
    Value s = Value.sum(terms);
    s.backward();
    assertEquals(expected, x.grad(), 1e-9);
    assertEquals(1.0, terms.get(123).grad(), 0.0);
  }

  @Test
  void emptySumIsZero() {
    Value s = Value.sum();
    assertEquals(0.0, s.data(), 0.0);
    s.backward();
    assertEquals(1.0, s.grad(), 0.0);
    assertEquals(0.0, Value.sum(java.util.List.of()).data(), 0.0);
  }

  @Test
  void sumCopiesItsArgumentArray() {
    Value a = new Value(1.0);
    Value b = new Value(2.0);
    Value[] terms = {a, a};
    Value s = Value.sum(terms);
    terms[1] = b;
    s.backward();
    assertEquals(2.0, a.grad(), 0.0);
    assertEquals(0.0, b.grad(), 0.0);
  }

  /**
   * A random point and direction for a smooth composite expression: the remainder of its first-order Taylor
   * expansion, f(x + h·v) − f(x) − h·⟨∇f, v⟩, must shrink like h² — a check that needs no tolerance
   * tuning.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void taylorRemainderShrinksQuadratically(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = r.doubles(4, 0.5, 1.5).toArray();
    double[] v = r.doubles(4, -1, 1).toArray();

    Value[] leaves = ValueGradientTest.leaves(x);
    Value f = smooth(leaves);
    f.backward();
    double directional = 0;
    for (int i = 0; i < 4; i++) {
      directional += leaves[i].grad() * v[i];
    }

    double previous = Double.NaN;
    for (int k = 0; k < 4; k++) {
      double h = 1e-2 / (1 << k);
      double[] moved = x.clone();
      for (int i = 0; i < 4; i++) {
        moved[i] += h * v[i];
      }
      double remainder = Math.abs(smooth(ValueGradientTest.leaves(moved)).data() - f.data() - h * directional);
      if (k > 0) {
        double ratio = previous / remainder;
        assertTrue(ratio > 3.5 && ratio < 4.5, "halving h divided the remainder by " + ratio + ", not ~4");
      }
      previous = remainder;
    }
  }

  /** Every smooth operation, on shared interior nodes; defined for inputs in [0.5, 1.5]. */
  static Value smooth(Value[] in) {
    Value a = in[0];
    Value b = in[1];
    Value c = in[2];
    Value d = in[3];
    Value ab = a.mul(b);
    Value t = ab.sin().add(c.cos()).sub(d.tan().mul(0.3));
    Value u = a.div(b.add(1.0)).pow(1.7).add(c.pow(d)).sub(0.5);
    Value w = Value.sum(t, u.sqrt(), ab.exp().log(), d.tanh().neg(), c.sigmoid().div(2.0));
    return w.mul(t).add(ab.div(u)).sub(b.div(c).pow(-1.0));
  }

  /** {@link #smooth} combined with the operations that have kinks (min, max, abs, relu). */
  static Value composite(Value[] in) {
    Value s = smooth(in);
    Value t = in[0].mul(in[2]).cos();
    Value m = s.max(t).add(t.min(in[3])).add(s.sub(t).abs()).add(in[1].sub(0.75).relu().mul(in[2]));
    return m.mul(s);
  }

  @Test
  void compositeGradientMatchesCentralDifferences() {
    double[] x = {0.9, 1.3, 0.7, 1.1};
    Value[] leaves = ValueGradientTest.leaves(x);
    composite(leaves).backward();
    for (int i = 0; i < x.length; i++) {
      double h = 1e-6;
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[i] += h;
      minus[i] -= h;
      double fd =
          (composite(ValueGradientTest.leaves(plus)).data() - composite(ValueGradientTest.leaves(minus)).data())
              / (2 * h);
      assertEquals(fd, leaves[i].grad(), 1e-6 * (1 + Math.abs(fd)), "d/dx[" + i + "]");
    }
  }

  /**
   * A chain of 1,000,000 operations back-propagates on a thread with a 256 KiB stack, far too small
   * for a recursive traversal. The oracle is forward-mode: the derivative carried along in doubles.
   */
  @Test
  void millionOperationChainOnASmallStack() throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                checkChain(1_000_000);
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "small-stack",
            256 * 1024);
    t.start();
    t.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  /**
   * Runs {@code ops} operations in blocks of four, ·(−c), +0.5, exp, log (c near 1, so the value stays
   * near 0.25), and checks d out / d x.
   */
  static void checkChain(int ops) {
    SplittableRandom r = new SplittableRandom(42);
    double xv = 0.3;
    Value x = new Value(xv);
    Value y = x;
    double value = xv;
    double derivative = 1.0; // forward mode: d value / d x
    for (int i = 0; i < ops / 4; i++) {
      double c = 1.0 + r.nextDouble(-1e-3, 1e-3);
      y = y.mul(-c).add(0.5).exp().log();
      value = value * -c + 0.5;
      derivative *= -c;
      derivative *= Math.exp(value) / Math.exp(value); // exp′ then log′
      value = Math.log(Math.exp(value));
    }
    y.backward();
    assertEquals(value, y.data(), 0.0);
    assertTrue(Math.abs(derivative) > 1e-3 && Math.abs(derivative) < 1e3, "oracle " + derivative);
    assertEquals(derivative, x.grad(), 1e-9 * Math.abs(derivative));
  }

  @Test
  void interiorNodesHoldTheLatestCallsAdjointWhileLeavesAccumulate() {
    Value x = new Value(2.0);
    Value y = new Value(5.0);
    Value z = x.mul(y);
    Value first = z.mul(2.0);
    Value second = z.mul(3.0);

    first.backward();
    assertEquals(2.0, z.grad(), 0.0);
    assertEquals(2.0 * 5.0, x.grad(), 0.0);

    second.backward();
    assertEquals(3.0, z.grad(), 0.0, "reset, then this call's adjoint");
    assertEquals(2.0 * 5.0 + 3.0 * 5.0, x.grad(), 0.0, "leaves accumulate");
    assertEquals(2.0 * 2.0 + 3.0 * 2.0, y.grad(), 0.0);
    assertEquals(1.0, second.grad(), 0.0);
    assertEquals(1.0, first.grad(), 0.0, "the first root, not reached by the second call: untouched");
  }

  @Test
  void backwardTwiceDoublesLeafGradientsAndZeroGradResets() {
    Value x = new Value(3.0);
    Value y = x.mul(x);
    y.backward();
    assertEquals(6.0, x.grad(), 0.0);
    y.backward();
    assertEquals(12.0, x.grad(), 0.0);
    assertEquals(1.0, y.grad(), 0.0);
    x.zeroGrad();
    assertEquals(0.0, x.grad(), 0.0);
    y.backward();
    assertEquals(6.0, x.grad(), 0.0);
  }

  @Test
  void zeroGradResetsOnlyThisNode() {
    Value x = new Value(3.0);
    Value w = new Value(4.0);
    Value y = x.mul(w);
    y.backward();
    y.zeroGrad();
    assertEquals(0.0, y.grad(), 0.0);
    assertEquals(4.0, x.grad(), 0.0);
    assertEquals(3.0, w.grad(), 0.0);
  }

  @Test
  void backwardOnALeafSetsItsGradientToOne() {
    Value x = new Value(7.0);
    x.backward();
    x.backward();
    assertEquals(1.0, x.grad(), 0.0);
  }

  @Test
  void setGradAndSetData() {
    Value x = new Value(3.0);
    Value w = new Value(4.0);
    Value y = x.mul(w);
    x.setGrad(10.0);
    w.setData(5.0);
    assertEquals(5.0, w.data(), 0.0);
    assertEquals(12.0, y.data(), 0.0, "nodes computed earlier keep their value");
    y.backward();
    assertEquals(10.0 + 5.0, x.grad(), 0.0, "backward reads the current data of the operands");
  }

  @Test
  void toStringOfAFreshValue() {
    assertEquals("Value(data=2.0, grad=0.0)", new Value(2.0).toString());
    Value x = Value.of(-0.5);
    x.mul(4.0).backward();
    assertEquals("Value(data=-0.5, grad=4.0)", x.toString());
  }

  @Test
  void identitySemantics() {
    Value a = new Value(1.0);
    Value b = new Value(1.0);
    assertNotEquals(a, b);
    assertEquals(a, a);
    assertNotSame(Value.of(1.0), Value.of(1.0));
  }
}
