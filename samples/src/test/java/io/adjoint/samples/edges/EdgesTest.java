package io.adjoint.samples.edges;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * At the edges of every rule's domain — zeros of both signs, ±1, infinities, NaN, the tiniest and largest
 * doubles, kinks and ties — the generated gradient and {@code Value}'s agree exactly (NaN with NaN): one
 * convention in both. Which conventions hold is stated in the README and tested in runtime's
 * ValueConventionsTest.
 */
class EdgesTest {
  private static final double[] EDGES = {
    0.0, -0.0, 1.0, -1.0, 2.0, -2.5, 0.5, Double.MIN_VALUE, 1e-300, 1e300, Double.MAX_VALUE,
    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN
  };

  private record Unary(String name, Function<Double, double[]> generated, Function<Value, Value> value) {}

  private record Binary(
      String name, BiFunction<Double, Double, double[]> generated, BiFunction<Value, Value, Value> value) {}

  private static double[] pair(double value, double partial) {
    return new double[] {value, partial};
  }

  private static List<Unary> unaries() {
    return List.of(
        new Unary("neg", x -> { var g = OpsGradients.neg(x); return pair(g.value(), g.x()); }, Value::neg),
        new Unary("exp", x -> { var g = OpsGradients.exp(x); return pair(g.value(), g.x()); }, Value::exp),
        new Unary("log", x -> { var g = OpsGradients.log(x); return pair(g.value(), g.x()); }, Value::log),
        new Unary("sin", x -> { var g = OpsGradients.sin(x); return pair(g.value(), g.x()); }, Value::sin),
        new Unary("cos", x -> { var g = OpsGradients.cos(x); return pair(g.value(), g.x()); }, Value::cos),
        new Unary("tan", x -> { var g = OpsGradients.tan(x); return pair(g.value(), g.x()); }, Value::tan),
        new Unary("tanh", x -> { var g = OpsGradients.tanh(x); return pair(g.value(), g.x()); }, Value::tanh),
        new Unary("sqrt", x -> { var g = OpsGradients.sqrt(x); return pair(g.value(), g.x()); }, Value::sqrt),
        new Unary("abs", x -> { var g = OpsGradients.abs(x); return pair(g.value(), g.x()); }, Value::abs),
        new Unary("pow 2.5", x -> { var g = OpsGradients.powConst(x); return pair(g.value(), g.x()); }, v -> v.pow(2.5)));
  }

  private static List<Binary> binaries() {
    return List.of(
        new Binary("add", (x, y) -> { var g = OpsGradients.add(x, y); return new double[] {g.value(), g.x(), g.y()}; }, Value::add),
        new Binary("sub", (x, y) -> { var g = OpsGradients.sub(x, y); return new double[] {g.value(), g.x(), g.y()}; }, Value::sub),
        new Binary("mul", (x, y) -> { var g = OpsGradients.mul(x, y); return new double[] {g.value(), g.x(), g.y()}; }, Value::mul),
        new Binary("div", (x, y) -> { var g = OpsGradients.div(x, y); return new double[] {g.value(), g.x(), g.y()}; }, Value::div),
        new Binary("pow", (x, y) -> { var g = OpsGradients.pow(x, y); return new double[] {g.value(), g.x(), g.y()}; }, Value::pow),
        new Binary("min", (x, y) -> { var g = OpsGradients.min(x, y); return new double[] {g.value(), g.x(), g.y()}; }, Value::min),
        new Binary("max", (x, y) -> { var g = OpsGradients.max(x, y); return new double[] {g.value(), g.x(), g.y()}; }, Value::max));
  }

  @TestFactory
  Stream<DynamicTest> unaryRulesAgreeWithValue() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Unary op : unaries()) {
      for (double x : EDGES) {
        tests.add(DynamicTest.dynamicTest(op.name() + "(" + x + ")", () -> {
          double[] generated = op.generated().apply(x);
          Value v = new Value(x);
          Value out = op.value().apply(v);
          out.backward();
          assertEquals(out.data(), generated[0], 0.0, "value");
          assertEquals(v.grad(), generated[1], 0.0, "derivative");
        }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> binaryRulesAgreeWithValue() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Binary op : binaries()) {
      for (double x : EDGES) {
        for (double y : EDGES) {
          tests.add(DynamicTest.dynamicTest(op.name() + "(" + x + ", " + y + ")", () -> {
            double[] generated = op.generated().apply(x, y);
            Value a = new Value(x);
            Value b = new Value(y);
            Value out = op.value().apply(a, b);
            out.backward();
            assertEquals(out.data(), generated[0], 0.0, "value");
            assertEquals(a.grad(), generated[1], 0.0, "∂/∂x");
            assertEquals(b.grad(), generated[2], 0.0, "∂/∂y");
          }));
        }
      }
    }
    return tests.stream();
  }
}
