package io.adjoint;

import static io.adjoint.ValueGraphTest.gradOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/** The conventions the class documentation states, at the points where they matter. */
class ValueConventionsTest {

  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double NAN = Double.NaN;

  @Test
  void logOfZeroIsMinusInfinityAndOfANegativeNumberNaN() {
    assertEquals(-INF, new Value(0.0).log().data());
    assertEquals(INF, gradOf(0.0, Value::log), "1/x at 0");
    assertEquals(NAN, new Value(-1.0).log().data());
    assertEquals(-1.0, gradOf(-1.0, Value::log), "1/x at −1, as IEEE (and PyTorch) compute it");
  }

  @Test
  void divisionByZeroFollowsIeee() {
    Value x = new Value(1.0);
    Value y = new Value(0.0);
    Value q = x.div(y);
    q.backward();
    assertEquals(INF, q.data());
    assertEquals(INF, x.grad(), "1/y");
    assertEquals(-INF, y.grad(), "−x/y²");
    assertEquals(NAN, new Value(0.0).div(new Value(0.0)).data());
    assertEquals(-INF, new Value(-2.0).div(0.0).data());
  }

  @Test
  void oneNodeAsBothOperandsGetsTheSumOfTheTwoTerms() {
    // x's gradient reaches 3 (from 3·x) before x − x passes it +1e20 and −1e20: added one at a time,
    // 3 + 1e20 − 1e20 would leave 0
    Value x = new Value(2.0);
    x.sub(x).mul(1e20).add(x.mul(3.0)).backward();
    assertEquals(3.0, x.grad(), "∂/∂x of 1e20·(x − x) + 3x");
    Value y = new Value(2.0);
    y.div(y).mul(1e20).add(y.mul(3.0)).backward();
    assertEquals(3.0, y.grad(), "∂/∂y of 1e20·(y / y) + 3y");
    assertEquals(6.0, gradOf(3.0, v -> v.mul(v)), "2x");
    assertEquals(8.0, gradOf(2.0, v -> v.add(v).mul(v)), "(2x·x)′ = 4x");
    double xx = gradOf(2.0, v -> v.pow(v));
    assertEquals(4.0 * (Math.log(2.0) + 1.0), xx, 4 * Math.ulp(xx), "(x^x)′ = x^x·(ln x + 1)");
    // an infinite gradient has no exact difference: ∞ − ∞
    Value z = new Value(2.0);
    z.sub(z).mul(INF).backward();
    assertEquals(NAN, z.grad());
  }

  @Test
  void reluDerivativeAtZeroIsZero() {
    assertEquals(0.0, gradOf(0.0, Value::relu));
    assertEquals(0.0, gradOf(-0.0, Value::relu));
    assertEquals(1.0, gradOf(Double.MIN_VALUE, Value::relu));
    assertEquals(0.0, gradOf(-Double.MIN_VALUE, Value::relu));
    assertEquals(0.0, new Value(-0.0).relu().data(), "relu(−0) = +0");
    assertEquals(NAN, new Value(NAN).relu().data(), "relu(NaN) = NaN");
  }

  @Test
  void absDerivativeAtZeroIsZero() {
    assertEquals(0.0, gradOf(0.0, Value::abs));
    assertEquals(0.0, gradOf(-0.0, Value::abs));
    assertEquals(1.0, gradOf(Double.MIN_VALUE, Value::abs));
    assertEquals(-1.0, gradOf(-Double.MIN_VALUE, Value::abs));
  }

  @Test
  void sqrtDerivativeAtZeroIsInfinity() {
    assertEquals(INF, gradOf(0.0, Value::sqrt));
    assertEquals(NAN, new Value(-1.0).sqrt().data());
  }

  @Test
  void powWithConstantExponentIsMaskedAtExponentZero() {
    // The formula e·x^(e−1) gives 0·0^(−1) = 0·∞ = NaN at x = 0, e = 0; x^0 is constant, so 0.
    assertEquals(1.0, new Value(0.0).pow(0.0).data());
    assertEquals(0.0, gradOf(0.0, x -> x.pow(0.0)));
    assertEquals(0.0, gradOf(-3.0, x -> x.pow(0.0)));
    // Elsewhere at a zero base the formula stands, IEEE included.
    assertEquals(0.0, gradOf(0.0, x -> x.pow(2.0)));
    assertEquals(INF, gradOf(0.0, x -> x.pow(0.5)));
    assertEquals(-INF, gradOf(0.0, x -> x.pow(-1.0)));
    assertEquals(12.0, gradOf(-2.0, x -> x.pow(3.0)), "3·(−2)²");
  }

  @Test
  void powWithValueExponentIsMaskedAtZeroBase() {
    // ∂/∂e of 0^e is out·ln 0 = 0·(−∞) = NaN by the formula; 0^e is constant 0 for e > 0, so 0.
    Value base = new Value(0.0);
    Value e = new Value(2.0);
    base.pow(e).backward();
    assertEquals(0.0, e.grad(), "∂/∂e at base 0, e > 0");
    assertEquals(0.0, base.grad(), "∂/∂base = 2·0");

    base = new Value(0.0);
    e = new Value(0.0);
    Value p = base.pow(e);
    p.backward();
    assertEquals(1.0, p.data());
    assertEquals(0.0, e.grad(), "∂/∂e at base 0, e = 0");
    assertEquals(0.0, base.grad(), "∂/∂base at e = 0");

    // Not masked where the formula gives the IEEE answer of a genuine singularity or a complex log.
    base = new Value(0.0);
    e = new Value(-1.0);
    base.pow(e).backward();
    assertEquals(-INF, e.grad(), "out·ln 0 = ∞·(−∞)");
    base = new Value(-2.0);
    e = new Value(2.0);
    base.pow(e).backward();
    assertEquals(NAN, e.grad(), "ln of a negative base");
    assertEquals(-4.0, base.grad());
  }

  @Test
  void minAndMaxSplitTheGradientAtATie() {
    for (BinaryOperator<Value> op : List.<BinaryOperator<Value>>of(Value::min, Value::max)) {
      Value a = new Value(1.5);
      Value b = new Value(1.5);
      op.apply(a, b).mul(4.0).backward();
      assertEquals(2.0, a.grad());
      assertEquals(2.0, b.grad());
    }
    Value a = new Value(0.0);
    Value b = new Value(-0.0);
    a.max(b).backward();
    assertEquals(0.5, a.grad(), "+0 and −0 tie");
    assertEquals(0.5, b.grad());
  }

  @Test
  void minAndMaxRouteTheWholeGradientToTheSelectedOperand() {
    Value a = new Value(1.0);
    Value b = new Value(2.0);
    a.min(b).backward();
    a.max(b).mul(10.0).backward();
    assertEquals(1.0, a.grad());
    assertEquals(10.0, b.grad());
  }

  @Test
  void minAndMaxPropagateNaN() {
    Value a = new Value(NAN);
    Value b = new Value(1.0);
    Value m = a.max(b);
    m.backward();
    assertEquals(NAN, m.data());
    assertEquals(1.0, a.grad(), "neither wins: each gets the gradient, as in PyTorch");
    assertEquals(1.0, b.grad());
  }

  @Test
  void sigmoidSaturatesWithoutNaNAndKeepsPrecisionForLargeNegativeInputs() {
    assertEquals(0.0, new Value(-800.0).sigmoid().data());
    assertEquals(1.0, new Value(800.0).sigmoid().data());
    assertEquals(0.0, gradOf(-800.0, Value::sigmoid));
    assertEquals(0.0, gradOf(800.0, Value::sigmoid));
    double s = new Value(-40.0).sigmoid().data();
    double exact = Math.exp(-40.0) / (1.0 + Math.exp(-40.0));
    assertEquals(exact, s, 1e-15 * exact);
  }

  /** An operation and its value computed directly with {@link Math}. */
  record Binary(String name, BinaryOperator<Value> op, java.util.function.DoubleBinaryOperator value) {}

  @Test
  void nothingThrowsOnSpecialValuesAndValuesAreMathsResults() {
    List<Binary> ops =
        List.of(
            new Binary("add", Value::add, (p, q) -> p + q),
            new Binary("add(double)", (a, b) -> a.add(b.data()), (p, q) -> p + q),
            new Binary("sub", Value::sub, (p, q) -> p - q),
            new Binary("sub(double)", (a, b) -> a.sub(b.data()), (p, q) -> p - q),
            new Binary("mul", Value::mul, (p, q) -> p * q),
            new Binary("mul(double)", (a, b) -> a.mul(b.data()), (p, q) -> p * q),
            new Binary("div", Value::div, (p, q) -> p / q),
            new Binary("div(double)", (a, b) -> a.div(b.data()), (p, q) -> p / q),
            new Binary("pow", Value::pow, Math::pow),
            new Binary("pow(double)", (a, b) -> a.pow(b.data()), Math::pow),
            new Binary("min", Value::min, Math::min),
            new Binary("max", Value::max, Math::max),
            new Binary("sum", (a, b) -> Value.sum(a, b), (p, q) -> p + q),
            new Binary("neg", (a, b) -> a.neg(), (p, q) -> -p),
            new Binary("relu", (a, b) -> a.relu(), (p, q) -> p > 0 || p != p ? p : 0.0),
            new Binary("tanh", (a, b) -> a.tanh(), (p, q) -> Math.tanh(p)),
            new Binary("exp", (a, b) -> a.exp(), (p, q) -> Math.exp(p)),
            new Binary("log", (a, b) -> a.log(), (p, q) -> Math.log(p)),
            new Binary("sin", (a, b) -> a.sin(), (p, q) -> Math.sin(p)),
            new Binary("cos", (a, b) -> a.cos(), (p, q) -> Math.cos(p)),
            new Binary("tan", (a, b) -> a.tan(), (p, q) -> Math.tan(p)),
            new Binary("sqrt", (a, b) -> a.sqrt(), (p, q) -> Math.sqrt(p)),
            new Binary("abs", (a, b) -> a.abs(), (p, q) -> Math.abs(p)));
    double[] specials = {0.0, -0.0, 1.0, -1.0, 2.5, INF, -INF, NAN, Double.MIN_VALUE, Double.MAX_VALUE};
    for (Binary op : ops) {
      for (double p : specials) {
        for (double q : specials) {
          Value out = op.op().apply(new Value(p), new Value(q));
          out.mul(3.0).backward(); // must not throw
          assertEquals(op.value().applyAsDouble(p, q), out.data(), op.name() + "(" + p + ", " + q + ")");
        }
      }
    }
    for (double p : specials) {
      Value out = new Value(p).sigmoid();
      out.backward();
      double s = 1.0 / (1.0 + Math.exp(-p));
      assertEquals(s, out.data(), 1e-16, "sigmoid(" + p + ")");
    }
  }
}
