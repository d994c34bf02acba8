package io.adjoint.samples.corpus;

import io.adjoint.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * One function of the corpus in all its forms: the method itself, the three generated forms, and its
 * {@link Value} version, each called on a point {@code p}. The point holds the method's {@code double}
 * arguments, the differentiable ones first and in the order of the record's components, then those
 * marked {@code @NoDerivative}; {@code int} arguments are fixed by the case.
 *
 * <p>Built fluently: {@code Case.of("name", "x", "y").in(...).primal(...).record(...).into(...)
 * .pullback(...).value(...)}.
 */
final class Case {
  interface Primal {
    double at(double[] p);
  }

  /** The record form; its components are read by reflection, in order. */
  interface RecordForm {
    Record at(double[] p);
  }

  interface IntoForm {
    double at(double[] p, double[] partials);
  }

  interface PullbackForm {
    double at(double[] p, double upstream, double[] adjoints, int offset);
  }

  /** The Value version, given a leaf per differentiable argument and the whole point. */
  interface ValueForm {
    Value at(Value[] v, double[] p);
  }

  final String name;
  final List<String> partialNames;
  double[][] ranges = new double[0][];
  final List<ToDoubleFunction<double[]>> kinks = new ArrayList<>();
  Predicate<double[]> valid = p -> true;
  final List<double[]> edges = new ArrayList<>();
  Primal primal;
  RecordForm record;
  IntoForm into;
  PullbackForm pullback;
  ValueForm value;

  private Case(String name, List<String> partialNames) {
    this.name = name;
    this.partialNames = partialNames;
  }

  /** A case for method {@code name} whose record has one component per name in {@code partials}. */
  static Case of(String name, String... partials) {
    return new Case(name, List.of(partials));
  }

  /** The number of differentiable arguments. */
  int active() {
    return partialNames.size();
  }

  /** Uniform ranges, {@code lo, hi} per argument of the point. */
  Case in(double... bounds) {
    ranges = new double[bounds.length / 2][];
    for (int i = 0; i < ranges.length; i++) {
      ranges[i] = new double[] {bounds[2 * i], bounds[2 * i + 1]};
    }
    return this;
  }

  /** Only points where {@code condition} holds (a domain restriction such as |x| &lt; 1). */
  Case where(Predicate<double[]> condition) {
    valid = valid.and(condition);
    return this;
  }

  /**
   * A function whose zero set is a branch threshold or kink: points close to it, or whose
   * finite-difference stencil crosses it, are not drawn.
   */
  Case kink(ToDoubleFunction<double[]> threshold) {
    kinks.add(threshold);
    return this;
  }

  /** A hand-picked point, such as a kink itself, checked against the Value version only. */
  Case edge(double... p) {
    edges.add(p);
    return this;
  }

  Case primal(Primal f) {
    primal = f;
    return this;
  }

  Case record(RecordForm f) {
    record = f;
    return this;
  }

  Case into(IntoForm f) {
    into = f;
    return this;
  }

  Case pullback(PullbackForm f) {
    pullback = f;
    return this;
  }

  Case value(ValueForm f) {
    value = f;
    return this;
  }

  /** A uniformly drawn point inside the ranges (not yet checked against kinks). */
  double[] draw(SplittableRandom random) {
    double[] p = new double[ranges.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = random.nextDouble(ranges[i][0], ranges[i][1]);
    }
    return p;
  }

  @Override
  public String toString() {
    return name + "(" + String.join(", ", partialNames) + ")";
  }
}
