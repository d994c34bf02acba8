package io.adjoint.processor.random;

import io.adjoint.Value;
import io.adjoint.processor.random.Ast.Program;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Checks one program at random points (mostly in [-2, 2], sometimes tiny, wider, or 0, ±1, 0.5):
 *
 * <ul>
 *   <li>the record's components are named {@code value}, then each double parameter;
 *   <li>{@code fInto} (into a pre-filled array longer than needed), {@code fPullback} (an upstream of
 *       ±2^k, so that no rounding separates it from the record, a random offset, a pre-filled array)
 *       and the Value overload (one node) agree with the record exactly, and touch nothing else;
 *   <li>the record's value is the program's, bit for bit;
 *   <li>its partials agree with the Value version of the program to {@link #VALUE_RTOL};
 *   <li>and with Richardson-extrapolated central differences to {@link #FD_RTOL}.
 * </ul>
 *
 * A point is skipped, and counted, where finite differences mean nothing: within {@link #KINK_MARGIN} of
 * a kink or branch threshold that moves with the input, at a singularity or an overflow, or where the
 * difference quotients of several steps disagree (rounding noise).
 */
final class DifferentialCheck {
  /** Points closer than this (relative) to a kink or a branch threshold are skipped. */
  static final double KINK_MARGIN = 1e-4;
  /** Generated gradient against Value: two exact computations that may round differently. */
  static final double VALUE_RTOL = 1e-9;
  /** Generated gradient against Value, for partials that cancel to 0: relative to the gradient's size. */
  static final double ABSOLUTE = 1e-12;
  /** Generated gradient against finite differences (Richardson-extrapolated central differences). */
  static final double FD_RTOL = 1e-5;

  private static final Set<String> RESERVED =
      Set.of("value", "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

  /** Counts over all programs; one thread. */
  static final class Stats {
    int programs;
    int points;
    int checked;
    int kinks;
    int nonFinite;
    int fdNoisy;
    int nodes;
    double worstFd;
    double worstValue;

    int skipped() {
      return kinks + nonFinite + fdNoisy;
    }

    @Override
    public String toString() {
      return String.format(
          "%d programs, %d points: %d checked, %d skipped (%d near a kink, %d non-finite, %d noisy finite"
              + " differences); worst relative error %.2e against finite differences, %.2e against Value;"
              + " %d points through the Value overload",
          programs, points, checked, skipped(), kinks, nonFinite, fdNoisy, worstFd, worstValue, nodes);
    }
  }

  private final Program program;
  private final Batch.Handles h;
  private final Stats stats;
  private final int k; // number of double parameters
  private final int[] doubleIndex; // argument index of each double parameter
  private int n; // the value of int and long parameters at the current point
  private boolean flag; // the value of boolean parameters at the current point
  private double data; // the value of @NoDerivative parameters at the current point

  DifferentialCheck(Program program, Batch.Handles h, Stats stats) {
    this.program = program;
    this.h = h;
    this.stats = stats;
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < program.params.size(); i++) {
      if (program.kind(i) == 'D') {
        idx.add(i);
      }
    }
    this.k = idx.size();
    this.doubleIndex = idx.stream().mapToInt(Integer::intValue).toArray();
  }

  void run(SplittableRandom r, int points) throws Throwable {
    stats.programs++;
    for (int p = 0; p < points; p++) {
      double[] x = new double[k];
      for (int i = 0; i < k; i++) {
        x[i] = input(r);
      }
      n = r.nextInt(-2, 6);
      flag = r.nextBoolean();
      data = input(r);
      stats.points++;
      point(x, r);
    }
  }

  private static double input(SplittableRandom r) {
    int roll = r.nextInt(40);
    if (roll == 0) {
      return new double[] {0.0, 1.0, -1.0, 0.5}[r.nextInt(4)];
    }
    if (roll < 5) {
      return r.nextDouble(-0.1, 0.1);
    }
    if (roll < 8) {
      return r.nextDouble(-4, 4);
    }
    return r.nextDouble(-2, 2);
  }

  private Object[] args(double[] x) {
    Object[] a = new Object[program.params.size()];
    for (int i = 0; i < k; i++) {
      a[doubleIndex[i]] = x[i];
    }
    for (int i = 0; i < a.length; i++) {
      switch (program.kind(i)) {
        case 'I' -> a[i] = n;
        case 'L' -> a[i] = (long) n;
        case 'Z' -> a[i] = flag;
        case 'N' -> a[i] = data;
        default -> {}
      }
    }
    return a;
  }

  private static Object call(Method m, Object... args) throws Throwable {
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The probe version at x: its value; {@link Probe} holds the distances and path. */
  private double probe(double[] x) throws Throwable {
    Probe.reset();
    return (double) call(h.probe(), args(x));
  }

  private void point(double[] x, SplittableRandom r) throws Throwable {
    double f = probe(x);
    long path = Probe.path;
    boolean singular = Probe.singular;
    double[] distances = Probe.distances();
    // Which kinks move with the input: those whose distance changes when every input moves a little.
    // (A kink of constants, such as Math.floor(2.0) or y < y, is no kink for a finite difference.)
    double[] moved = x.clone();
    for (int i = 0; i < k; i++) {
      moved[i] += (r.nextBoolean() ? 1e-6 : -1e-6) * Math.max(1.0, Math.abs(x[i]));
    }
    probe(moved);
    double margin = Probe.path == path && !singular ? Double.POSITIVE_INFINITY : 0.0;
    for (int i = 0; i < distances.length && margin > 0; i++) {
      if (Probe.distances[i] != distances[i]) {
        margin = Math.min(margin, distances[i]);
      }
    }
    double plain = (double) call(h.plain(), args(x));
    if (Double.doubleToLongBits(plain) != Double.doubleToLongBits(f)) {
      fail(x, "the probe version computes " + f + ", the program " + plain + " (a harness bug)");
    }

    // the generated forms, which must agree exactly with each other
    Object record = call(h.gradient(), args(x));
    double[] grad = components(record);
    checkInto(x, grad, r);
    checkPullback(x, grad, r);
    checkNode(x, grad);
    if (!same(grad[0], f)) {
      fail(x, "the generated gradient's value is " + grad[0] + ", the program computes " + f);
    }

    // Value, on the same program
    Value[] leaves = new Value[k];
    Object[] vargs = args(x);
    for (int i = 0; i < k; i++) {
      leaves[i] = new Value(x[i]);
      vargs[doubleIndex[i]] = leaves[i];
    }
    Value out = (Value) call(h.value(), vargs);
    if (!close(out.data(), f, VALUE_RTOL)) {
      fail(x, "the Value version computes " + out.data() + ", the program " + f + " (a harness bug)");
    }
    if (!Double.isFinite(f)) {
      stats.nonFinite++;
      return;
    }
    if (margin < KINK_MARGIN) {
      stats.kinks++;
      return;
    }
    out.backward();
    double gradScale = Math.max(1.0, Math.abs(f));
    for (int i = 1; i <= k; i++) {
      if (Double.isFinite(grad[i])) {
        gradScale = Math.max(gradScale, Math.abs(grad[i]));
      }
    }
    for (int i = 0; i < k; i++) {
      double ad = grad[i + 1];
      double v = leaves[i].grad();
      if (!close(ad, v, VALUE_RTOL, gradScale)) {
        fail(x, "d/d" + program.doubles().get(i) + ": generated " + ad + ", Value " + v);
      }
      if (Double.isFinite(ad) && Double.isFinite(v) && Math.max(Math.abs(ad), Math.abs(v)) > 1e-3 * gradScale) {
        stats.worstValue = Math.max(stats.worstValue, relative(ad, v)); // of partials not mostly cancelled
      }
    }

    // central differences, where every evaluation of the stencils takes the same branches
    double[] fd = new double[k];
    double[] noise = new double[k];
    for (int i = 0; i < k; i++) {
      double step = 1e-5 * Math.max(1.0, Math.abs(x[i]));
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < STEPS.length; j++) {
        double d = richardson(x, i, step * STEPS[j], path);
        if (Double.isNaN(d) && Probe.path != path) {
          stats.kinks++;
          return;
        }
        if (j == 0) {
          fd[i] = d;
        }
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
      }
      noise[i] = hi - lo;
    }
    for (int i = 0; i < k; i++) {
      if (!Double.isFinite(fd[i]) || !Double.isFinite(grad[i + 1])) {
        stats.nonFinite++;
        return;
      }
    }
    for (int i = 0; i < k; i++) {
      // the estimates of different steps agree to O(h⁴) unless rounding swamps them: an ill-conditioned
      // point; and no difference quotient can show a slope that changes f by more than its size over
      // the step (sin(cosh(100 x)))
      double step = 1e-5 * Math.max(1.0, Math.abs(x[i]));
      if (noise[i] > FD_RTOL / 4 * scale(grad[i + 1], fd[i])
          || Math.abs(grad[i + 1]) * step > Math.max(1.0, Math.abs(f))) {
        stats.fdNoisy++;
        return;
      }
    }
    stats.checked++;
    for (int i = 0; i < k; i++) {
      double ad = grad[i + 1];
      double err = Math.abs(ad - fd[i]) / scale(ad, fd[i]);
      if (err > FD_RTOL) {
        fail(x, "d/d" + program.doubles().get(i) + ": generated " + ad + ", central differences " + fd[i]
            + " (relative error " + err + ")");
      }
      stats.worstFd = Math.max(stats.worstFd, err);
    }
  }

  /**
   * Relative steps of the finite differences: their spread measures the rounding noise, and a step 30
   * times larger sees the slope of a function whose intermediates change by less than their rounding
   * over the small steps (tanh(17), exactly constant to these steps though its slope is 1e-7).
   */
  private static final double[] STEPS = {1.0, 0.7, 0.45, 30};

  /**
   * Richardson-extrapolated central difference in coordinate i with step h: (4·D(h) − D(2h)) / 3, error
   * O(h⁴). NaN, with {@link Probe#path} left different from {@code path}, if the stencil crosses a kink.
   */
  private double richardson(double[] x, int i, double h, long path) throws Throwable {
    double[] s = new double[4];
    double[] offsets = {h, -h, 2 * h, -2 * h};
    for (int j = 0; j < 4; j++) {
      double[] xs = x.clone();
      xs[i] = x[i] + offsets[j];
      s[j] = probe(xs);
      if (Probe.path != path) {
        return Double.NaN;
      }
    }
    double d1 = (s[0] - s[1]) / ((x[i] + h) - (x[i] - h));
    double d2 = (s[2] - s[3]) / ((x[i] + 2 * h) - (x[i] - 2 * h));
    return (4 * d1 - d2) / 3;
  }

  /** The record's components, checking their names: value, then each double parameter. */
  private double[] components(Object record) throws Throwable {
    RecordComponent[] rc = record.getClass().getRecordComponents();
    if (rc.length != k + 1) {
      throw new AssertionError(program + ": record " + Arrays.toString(rc) + " has " + rc.length + " components");
    }
    double[] out = new double[rc.length];
    for (int i = 0; i < rc.length; i++) {
      String expected = i == 0 ? "value" : program.doubles().get(i - 1);
      if (i > 0 && RESERVED.contains(expected)) {
        expected += "_";
      }
      if (!rc[i].getName().equals(expected)) {
        throw new AssertionError(program + ": component " + i + " is " + rc[i].getName() + ", not " + expected);
      }
      Method accessor = rc[i].getAccessor();
      accessor.setAccessible(true);
      out[i] = (double) accessor.invoke(record);
    }
    return out;
  }

  private void checkInto(double[] x, double[] grad, SplittableRandom r) throws Throwable {
    double[] partials = new double[k + r.nextInt(3)];
    for (int i = 0; i < partials.length; i++) {
      partials[i] = r.nextDouble(-100, 100);
    }
    double[] before = partials.clone();
    Object[] a = Arrays.copyOf(args(x), program.params.size() + 1);
    a[a.length - 1] = partials;
    double value = (double) call(h.into(), a);
    if (!same(value, grad[0])) {
      fail(x, program.name + "Into returns " + value + ", the record's value is " + grad[0]);
    }
    for (int i = 0; i < partials.length; i++) {
      double expected = i < k ? grad[i + 1] : before[i];
      if (!same(partials[i], expected)) {
        fail(x, program.name + "Into wrote " + partials[i] + " to partials[" + i + "], expected " + expected);
      }
    }
  }

  private void checkPullback(double[] x, double[] grad, SplittableRandom r) throws Throwable {
    // a power of two, so that upstream * (a + b) == upstream * a + upstream * b exactly
    double upstream = Math.scalb(r.nextBoolean() ? 1.0 : -1.0, r.nextInt(-3, 4));
    int offset = r.nextInt(4);
    double[] adjoints = new double[offset + k + r.nextInt(3)];
    for (int i = 0; i < adjoints.length; i++) {
      adjoints[i] = r.nextDouble(-100, 100);
    }
    double[] before = adjoints.clone();
    Object[] a = Arrays.copyOf(args(x), program.params.size() + 3);
    a[a.length - 3] = upstream;
    a[a.length - 2] = adjoints;
    a[a.length - 1] = offset;
    double value = (double) call(h.pullback(), a);
    if (!same(value, grad[0])) {
      fail(x, program.name + "Pullback returns " + value + ", the record's value is " + grad[0]);
    }
    for (int i = 0; i < adjoints.length; i++) {
      int c = i - offset;
      double expected = c >= 0 && c < k ? before[i] + upstream * grad[c + 1] : before[i];
      if (!same(adjoints[i], expected)) {
        fail(x, program.name + "Pullback(upstream " + upstream + ", offset " + offset + ") left adjoints["
            + i + "] = " + adjoints[i] + ", expected " + expected + " = " + before[i] + " + " + upstream
            + " * " + (c >= 0 && c < k ? grad[c + 1] : 0.0));
      }
    }
  }

  /** The scale of a derivative for a relative comparison; below 1e-3 the comparison is absolute. */
  private static double scale(double ad, double fd) {
    return Math.max(Math.max(Math.abs(ad), Math.abs(fd)), 1e-3);
  }

  /** The generated gradient as one Value node: its value and what backward gives each input. */
  private void checkNode(double[] x, double[] grad) throws Throwable {
    if (h.node() == null) {
      return;
    }
    Value[] leaves = new Value[k];
    Object[] a = args(x);
    for (int i = 0; i < k; i++) {
      leaves[i] = new Value(x[i]);
      a[doubleIndex[i]] = leaves[i];
    }
    Value node = (Value) call(h.node(), a);
    stats.nodes++;
    if (!same(node.data(), grad[0])) {
      fail(x, "the Value overload's node holds " + node.data() + ", the record's value is " + grad[0]);
    }
    node.backward();
    for (int i = 0; i < k; i++) {
      if (!same(leaves[i].grad(), grad[i + 1])) {
        fail(x, "after backward on the Value overload's node, d/d" + program.doubles().get(i) + " is "
            + leaves[i].grad() + ", the record's is " + grad[i + 1]);
      }
    }
  }

  private static boolean same(double a, double b) {
    return Double.doubleToLongBits(a) == Double.doubleToLongBits(b) || (a == b);
  }

  private static double relative(double a, double b) {
    double scale = Math.max(Math.abs(a), Math.abs(b));
    return scale == 0 ? 0 : Math.abs(a - b) / scale;
  }

  private static boolean close(double a, double b, double rtol) {
    return close(a, b, rtol, 0.0);
  }

  /**
   * Within {@code rtol} relative, or within {@code ABSOLUTE · scale}: a partial that is 0 up to rounding
   * (contributions that cancel) is compared against the gradient's and the value's magnitude.
   */
  private static boolean close(double a, double b, double rtol, double scale) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b);
    }
    if (Double.isInfinite(a) || Double.isInfinite(b)) {
      return a == b;
    }
    double diff = Math.abs(a - b);
    return diff <= rtol * Math.max(Math.abs(a), Math.abs(b)) || diff <= ABSOLUTE * scale;
  }

  /** A failed check, with the point it failed at, so that it can be reproduced alone. */
  static final class Mismatch extends AssertionError {
    final double[] x;
    final int n;
    final boolean flag;
    final String what;

    Mismatch(String message, double[] x, int n, boolean flag, String what) {
      super(message);
      this.x = x;
      this.n = n;
      this.flag = flag;
      this.what = what;
    }

    /** The kind of failure: what failed, without the numbers. */
    String kind() {
      return what.replaceAll("-?[0-9][0-9.E-]*|NaN|-?Infinity", "#");
    }
  }

  /** Checks the program at one point: for reproducing a {@link Mismatch}. */
  void at(double[] x, int n, boolean flag) throws Throwable {
    this.n = n;
    this.flag = flag;
    point(x, new SplittableRandom(1));
  }

  private void fail(double[] x, String what) {
    StringBuilder s = new StringBuilder(program.toString()).append(" at (");
    for (int i = 0; i < k; i++) {
      s.append(i > 0 ? ", " : "").append(program.doubles().get(i)).append(" = ").append(x[i]);
    }
    for (int i = 0; i < program.params.size(); i++) {
      if (program.kind(i) != 'D') {
        Object v = program.kind(i) == 'Z' ? flag : program.kind(i) == 'N' ? data : n;
        s.append(", ").append(program.params.get(i)).append(" = ").append(v);
      }
    }
    s.append("): ").append(what).append("\n\n").append(Batch.sourceWithCallees(program));
    throw new Mismatch(s.toString(), x.clone(), n, flag, what);
  }
}
