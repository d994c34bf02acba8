package io.adjoint.samples.edges;

import io.adjoint.Differentiable;

/** One operation per method, to compare the generated rules with {@code Value}'s at domain edges. */
public final class Ops {
  private Ops() {}

  @Differentiable public static double add(double x, double y) { return x + y; }

  @Differentiable public static double sub(double x, double y) { return x - y; }

  @Differentiable public static double mul(double x, double y) { return x * y; }

  @Differentiable public static double div(double x, double y) { return x / y; }

  @Differentiable public static double pow(double x, double y) { return Math.pow(x, y); }

  @Differentiable public static double powConst(double x) { return Math.pow(x, 2.5); }

  @Differentiable public static double neg(double x) { return -x; }

  @Differentiable public static double exp(double x) { return Math.exp(x); }

  @Differentiable public static double log(double x) { return Math.log(x); }

  @Differentiable public static double sin(double x) { return Math.sin(x); }

  @Differentiable public static double cos(double x) { return Math.cos(x); }

  @Differentiable public static double tan(double x) { return Math.tan(x); }

  @Differentiable public static double tanh(double x) { return Math.tanh(x); }

  @Differentiable public static double sqrt(double x) { return Math.sqrt(x); }

  @Differentiable public static double abs(double x) { return Math.abs(x); }

  @Differentiable public static double min(double x, double y) { return Math.min(x, y); }

  @Differentiable public static double max(double x, double y) { return Math.max(x, y); }
}
