package io.adjoint.processor.random;

import static io.adjoint.processor.random.DifferentialCheck.ABSOLUTE;
import static io.adjoint.processor.random.DifferentialCheck.FD_RTOL;
import static io.adjoint.processor.random.DifferentialCheck.KINK_MARGIN;
import static io.adjoint.processor.random.DifferentialCheck.STEPS;
import static io.adjoint.processor.random.DifferentialCheck.VALUE_RTOL;
import static io.adjoint.processor.random.DifferentialCheck.call;
import static io.adjoint.processor.random.DifferentialCheck.close;
import static io.adjoint.processor.random.DifferentialCheck.maxAbs;
import static io.adjoint.processor.random.DifferentialCheck.relative;
import static io.adjoint.processor.random.DifferentialCheck.same;
import static io.adjoint.processor.random.DifferentialCheck.scale;

import io.adjoint.Value;
import io.adjoint.internal.Jacobians;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A vector-valued program ({@code double[] f(…)}, m outputs, k inputs in the flat layout) at one point:
 *
 * <ul>
 *   <li>the program's value is its probe version's, bit for bit, and {@code fJacobian}'s value is the
 *       program's; its components are named {@code value}, then each double and double[] parameter, a
 *       double's a {@code double[m]} (a column), a double[]'s a {@code double[m][len]}; no form modifies the
 *       caller's arrays;
 *   <li>every row of the Jacobian agrees with the gradient of that output on {@link Value} (the Value
 *       version of the program, {@code backward} from output i) to {@link DifferentialCheck#VALUE_RTOL},
 *       and with Richardson-extrapolated central differences of output i to {@link
 *       DifferentialCheck#FD_RTOL} (a row whose estimates at the steps {@link DifferentialCheck#STEPS}
 *       spread, or whose stencils leave the point's branches, is skipped and counted);
 *   <li>{@code fTangent(x, v)} returns the value bit for bit and J·v, to {@code VALUE_RTOL};
 *   <li>{@code fPullback(x, u, adjoints, offset)} adds uᵀ·J into {@code adjoints[offset…offset + k)},
 *       to {@code VALUE_RTOL}, and leaves every other entry alone, bit for bit, for a random u, a
 *       random offset and an array pre-filled with random values.
 * </ul>
 *
 * {@code fJacobian} takes forward sweeps (tangents, one per input) or reverse sweeps (pullbacks, one
 * per output) as {@link Jacobians#forward} decides from k and m: the generator gives half of the vector
 * programs 1 or 2 outputs (mostly reverse: k ≥ 3) and half 3 to 6 (mostly forward: k ≤ 2m), and the
 * stats count both, so that {@link RandomProgramTest} can require both paths. The tangent and the
 * pullback are then each checked against a Jacobian that was computed the other way at least as often.
 * Where two exact computations part by more than {@code VALUE_RTOL}, converged central differences
 * decide, as for the scalar tangent (see {@link DifferentialCheck}).
 *
 * <p>A program returning a record of doubles is checked the same way, its outputs the record's doubles in
 * declaration order (the probe's, the plain program's and the Value version's records flattened), its
 * pullback's upstream u the returned record's tangent record. Taking records, it has no Jacobian form
 * (E286): its rows are its pullbacks along the unit upstreams, which the Value version, central
 * differences and the tangent (forward mode) then check.
 */
final class JacobianCheck {
  private final DifferentialCheck c;
  private final int k;
  /** Whether the program returns a record of doubles (its doubles in declaration order are the outputs). */
  private final boolean returnsRecord;

  JacobianCheck(DifferentialCheck check) {
    this.c = check;
    this.k = check.k;
    this.returnsRecord = check.program.returns != null;
  }

  private double[] probe(double[] x) throws Throwable {
    Probe.reset();
    return outputs(call(c.h.probe(), c.args(x)));
  }

  /** A result as a vector: a double[], or a record's doubles in declaration order. */
  private double[] outputs(Object result) {
    return returnsRecord ? RecordValues.flatten(result) : (double[]) result;
  }

  /** The upstream vector u as the pullback takes it: a double[], or the tangent record of the returned record. */
  private Object upstream(double[] u) {
    if (!returnsRecord) {
      return u.clone();
    }
    Class<?> type = c.h.pullback().getParameterTypes()[c.program.params.size()];
    return RecordValues.build(type, 'R', c.program.returns, 1, new RecordValues.Flat(u, 0), 0, false, true);
  }

  /**
   * A record-returning program has no Jacobian form where it takes records (E286): its rows are then
   * {@code fPullback} along each unit upstream, which the tangent (J·v, forward mode), the Value version
   * and central differences then check.
   */
  private double[][] fromPullbacks(double[] x, int m) throws Throwable {
    double[][] out = new double[m][];
    for (int i = 0; i < m; i++) {
      double[] u = new double[m];
      u[i] = 1.0;
      double[] adjoints = new double[k];
      Object[] a = Arrays.copyOf(c.args(x), c.program.params.size() + 3);
      a[a.length - 3] = upstream(u);
      a[a.length - 2] = adjoints;
      a[a.length - 1] = 0;
      call(c.h.pullback(), a);
      c.unmodified(x, a, c.program.name + "Pullback");
      out[i] = adjoints;
    }
    return out;
  }

  void at(double[] x, SplittableRandom r) throws Throwable {
    DifferentialCheck.Stats stats = c.stats;
    double[] f = probe(x);
    long path = Probe.path;
    double margin = c.margin(x, r);
    double[] plain = outputs(call(c.h.plain(), c.args(x)));
    if (!Arrays.equals(plain, f)) {
      c.fail(x, "the probe version computes " + Arrays.toString(f) + ", the program " + Arrays.toString(plain)
          + " (a harness bug)");
    }
    int m = f.length;

    double[][] jacobian;
    if (c.h.jacobian() == null) {
      jacobian = fromPullbacks(x, m);
    } else {
      Object[] jacobianArgs = c.args(x);
      Object record = call(c.h.jacobian(), jacobianArgs);
      c.unmodified(x, jacobianArgs, c.program.name + "Jacobian");
      jacobian = jacobian(x, record, f);
    }
    if (returnsRecord) {
      // (its rows counted apart from the vector programs')
    } else if (Jacobians.forward(k, m)) {
      stats.jacobianForward++;
    } else {
      stats.jacobianReverse++;
      if (c.h.jacobianSharesForwardSweep()) {
        stats.jacobianShared++;
      }
    }

    boolean finite = true;
    for (int i = 0; i < m; i++) {
      finite &= Double.isFinite(f[i]);
      for (int j = 0; j < k; j++) {
        finite &= Double.isFinite(jacobian[i][j]);
      }
    }
    if (!finite || margin < KINK_MARGIN) {
      if (returnsRecord) {
        stats.recordReturnSkipped++;
      } else {
        stats.vectorSkipped++;
      }
      return;
    }
    double[] rowScale = new double[m];
    for (int i = 0; i < m; i++) {
      rowScale[i] = Math.max(1.0, Math.abs(f[i]));
      for (int j = 0; j < k; j++) {
        rowScale[i] = Math.max(rowScale[i], Math.abs(jacobian[i][j]));
      }
    }
    againstValue(x, f, jacobian, rowScale, path);
    tangent(x, f, jacobian, rowScale, path, r);
    pullback(x, jacobian, rowScale, path, r);
    againstDifferences(x, f, jacobian, path);
  }

  /** The record's components as one m×k matrix, checking their names and shapes. */
  private double[][] jacobian(double[] x, Object record, double[] f) throws Throwable {
    RecordComponent[] rc = record.getClass().getRecordComponents();
    if (rc.length != c.diffIndex.length + 1) {
      c.fail(x, "record " + Arrays.toString(rc) + " has " + rc.length + " components");
    }
    int m = f.length;
    double[][] out = new double[m][k];
    int j = 0;
    for (int p = 0; p < rc.length; p++) {
      String expected = p == 0 ? "value" : DifferentialCheck.componentName(c.program, p - 1);
      if (!rc[p].getName().equals(expected)) {
        c.fail(x, "component " + p + " of " + c.program.name + "Jacobian is " + rc[p].getName() + ", not " + expected);
      }
      rc[p].getAccessor().setAccessible(true);
      Object v = rc[p].getAccessor().invoke(record);
      if (p == 0) {
        if (!Arrays.equals((double[]) v, f)) {
          c.fail(x, c.program.name + "Jacobian's value is " + Arrays.toString((double[]) v) + ", the program computes "
              + Arrays.toString(f));
        }
        continue;
      }
      int param = c.diffIndex[p - 1];
      if (c.program.kind(param) == 'A') {
        double[][] block = (double[][]) v;
        int len = c.lengths[param];
        if (block.length != m) {
          c.fail(x, "component " + expected + " has " + block.length + " rows, for " + m + " outputs");
        }
        for (int i = 0; i < m; i++) {
          if (block[i].length != len) {
            c.fail(x, "component " + expected + "'s row " + i + " has " + block[i].length + " entries, its parameter " + len);
          }
          System.arraycopy(block[i], 0, out[i], j, len);
        }
        j += len;
      } else {
        double[] column = (double[]) v;
        if (column.length != m) {
          c.fail(x, "component " + expected + " has " + column.length + " entries, for " + m + " outputs");
        }
        for (int i = 0; i < m; i++) {
          out[i][j] = column[i];
        }
        j++;
      }
    }
    return out;
  }

  /** Row i against {@code backward} from output i of the Value version, on fresh leaves for each row. */
  private void againstValue(double[] x, double[] f, double[][] jacobian, double[] rowScale, long path) throws Throwable {
    for (int i = 0; i < f.length; i++) {
      Value[] leaves = new Value[k];
      for (int j = 0; j < k; j++) {
        leaves[j] = new Value(x[j]);
      }
      Object result = call(c.h.value(), c.valueArgs(x, leaves));
      Value[] out = returnsRecord ? RecordValues.values(result) : (Value[]) result;
      if (out.length != f.length || !close(out[i].data(), f[i], VALUE_RTOL)) {
        c.fail(x, "the Value version computes " + Arrays.toString(out) + ", the program " + Arrays.toString(f)
            + " (a harness bug)");
      }
      out[i].backward();
      for (int j = 0; j < k; j++) {
        double ad = jacobian[i][j];
        double v = leaves[j].grad();
        if (!close(ad, v, VALUE_RTOL, rowScale[i])) {
          decide(x, path, i, j, null, ad, v, "d" + c.program.name + "[" + i + "]/d" + c.coordinate(j) + ": "
              + c.program.name + "Jacobian " + ad + ", Value " + v);
        } else if (Math.max(Math.abs(ad), Math.abs(v)) > 1e-3 * rowScale[i]) {
          c.stats.worstJacobianValue = Math.max(c.stats.worstJacobianValue, relative(ad, v));
        }
      }
    }
  }

  /** {@code fTangent(x, v)}: the value bit for bit, and J·v. */
  private void tangent(double[] x, double[] f, double[][] jacobian, double[] rowScale, long path, SplittableRandom r)
      throws Throwable {
    double[] dir = new double[k];
    for (int j = 0; j < k; j++) {
      dir[j] = r.nextInt(5) == 0 ? 0.0 : r.nextDouble(-1, 1);
    }
    Object[] a = c.withDirections(x, dir, 0);
    Object result = call(c.h.tangent(), a);
    c.unmodified(x, a, c.program.name + "Tangent");
    RecordComponent[] rc = result.getClass().getRecordComponents();
    rc[0].getAccessor().setAccessible(true);
    rc[1].getAccessor().setAccessible(true);
    double[] value = (double[]) rc[0].getAccessor().invoke(result);
    double[] tangent = (double[]) rc[1].getAccessor().invoke(result);
    if (!Arrays.equals(value, f)) {
      c.fail(x, c.program.name + "Tangent returns the value " + Arrays.toString(value) + ", the program computes "
          + Arrays.toString(f));
    }
    if (tangent.length != f.length) {
      c.fail(x, c.program.name + "Tangent returns " + tangent.length + " tangents for " + f.length + " outputs");
    }
    for (int i = 0; i < f.length; i++) {
      double expected = 0;
      double size = 0;
      for (int j = 0; j < k; j++) {
        if (dir[j] != 0) {
          expected += jacobian[i][j] * dir[j];
          size += Math.abs(dir[j]);
        }
      }
      if (!close(tangent[i], expected, VALUE_RTOL, size * rowScale[i])) {
        decide(x, path, -1, i, dir, tangent[i], tangent[i], c.program.name + "Tangent along " + Arrays.toString(dir)
            + ": output " + i + " is " + tangent[i] + ", (J·v)[" + i + "] = " + expected);
      } else if (Math.abs(expected) > 1e-3 * size * rowScale[i]) {
        c.stats.worstVectorTangent = Math.max(c.stats.worstVectorTangent, relative(tangent[i], expected));
      }
    }
  }

  /** {@code fPullback(x, u, adjoints, offset)}: adds uᵀ·J in its window, and nothing elsewhere. */
  private void pullback(double[] x, double[][] jacobian, double[] rowScale, long path, SplittableRandom r)
      throws Throwable {
    int m = jacobian.length;
    double[] u = new double[m];
    for (int i = 0; i < m; i++) {
      u[i] = r.nextInt(6) == 0 ? 0.0 : (r.nextBoolean() ? 1 : -1) * r.nextDouble(0.3, 3.0);
    }
    int offset = r.nextInt(4);
    double[] adjoints = new double[offset + k + r.nextInt(3)];
    boolean zeros = r.nextInt(3) == 0;
    for (int i = 0; i < adjoints.length; i++) {
      adjoints[i] = zeros ? 0.0 : r.nextDouble(-100, 100);
    }
    double[] before = adjoints.clone();
    Object upstream = upstream(u);
    Object[] a = Arrays.copyOf(c.args(x), c.program.params.size() + 3);
    a[a.length - 3] = upstream;
    a[a.length - 2] = adjoints;
    a[a.length - 1] = offset;
    call(c.h.pullback(), a);
    c.unmodified(x, a, c.program.name + "Pullback");
    if (!Arrays.equals(RecordValues.flatten(upstream), u)) {
      c.fail(x, c.program.name + "Pullback modified its upstream vector: " + Arrays.toString(RecordValues.flatten(upstream)));
    }
    for (int e = 0; e < adjoints.length; e++) {
      int j = e - offset;
      if (j < 0 || j >= k) {
        if (!same(adjoints[e], before[e])) {
          c.fail(x, c.program.name + "Pullback(offset " + offset + ") changed adjoints[" + e + "] from " + before[e]
              + " to " + adjoints[e] + ", outside its window of " + k + " entries");
        }
        continue;
      }
      double added = 0;
      double terms = 0; // Σ |uᵢ|·rowScaleᵢ: the size of the exact computations' intermediates
      for (int i = 0; i < m; i++) {
        added += u[i] * jacobian[i][j];
        terms += Math.abs(u[i]) * rowScale[i];
      }
      double got = adjoints[e] - before[e];
      // the sum's rounding, and that of adding it to a pre-filled entry
      boolean ok = Math.abs(adjoints[e] - (before[e] + added))
          <= VALUE_RTOL * Math.abs(added) + ABSOLUTE * terms + 4 * Math.ulp(Math.max(Math.abs(before[e]), Math.abs(adjoints[e])));
      if (!ok) {
        decide(x, path, -2, j, u, got, got, c.program.name + "Pullback(u = " + Arrays.toString(u) + ", offset "
            + offset + ") added " + got + " to adjoints[" + e + "] (from " + before[e] + " to " + adjoints[e]
            + "), (uᵀJ)[" + j + "] = " + added);
      } else if (Math.abs(added) > 1e-3 * terms) {
        c.stats.worstVectorPullback = Math.max(c.stats.worstVectorPullback, relative(got, added));
      }
    }
  }

  /**
   * Two exact computations parted by more than rounding: converged central differences decide, and
   * {@code a} and {@code b} must both agree with them. {@code i ≥ 0}: d output i / d coordinate j;
   * {@code i == -1}: output j along {@code weights} (a tangent); {@code i == -2}: ⟨weights, f⟩ by
   * coordinate j (a pullback).
   */
  private void decide(double[] x, long path, int i, int j, double[] weights, double a, double b, String what)
      throws Throwable {
    double step = 1e-5 * Math.max(1.0, i == -1 ? maxAbs(x) : Math.abs(x[j]));
    double fd = difference(x, path, i, j, weights, step);
    double fd2 = difference(x, path, i, j, weights, step / 2);
    boolean converged =
        Double.isFinite(fd) && Double.isFinite(fd2) && Math.abs(fd - fd2) <= FD_RTOL * scale(fd, fd2) / 10;
    if (!converged || Math.abs(a - fd) > FD_RTOL * scale(a, fd) || Math.abs(b - fd) > FD_RTOL * scale(b, fd)) {
      c.fail(x, what + "; central differences " + fd + " and " + fd2);
    }
    if (returnsRecord) {
      c.stats.recordReturnByDifferences++;
    } else {
      c.stats.vectorByDifferences++;
    }
  }

  private double difference(double[] x, long path, int i, int j, double[] weights, double h) throws Throwable {
    double[] dir = new double[k];
    if (i == -1) {
      dir = weights;
    } else {
      dir[j] = 1.0;
    }
    double[] d = directional(x, dir, h, path);
    if (d == null) {
      return Double.NaN;
    }
    if (i >= 0) {
      return d[i];
    }
    if (i == -1) {
      return d[j];
    }
    double sum = 0;
    for (int o = 0; o < d.length; o++) {
      sum += weights[o] * d[o];
    }
    return sum;
  }

  /** Every entry of the Jacobian against Richardson central differences, row by row. */
  private void againstDifferences(double[] x, double[] f, double[][] jacobian, long path) throws Throwable {
    int m = f.length;
    double[][] fd = new double[m][k];
    double[][] lo = new double[m][k];
    double[][] hi = new double[m][k];
    boolean[] crossed = new boolean[k];
    for (int j = 0; j < k; j++) {
      double[] dir = new double[k];
      dir[j] = 1.0;
      double step = 1e-5 * Math.max(1.0, Math.abs(x[j]));
      for (int i = 0; i < m; i++) {
        lo[i][j] = Double.POSITIVE_INFINITY;
        hi[i][j] = Double.NEGATIVE_INFINITY;
      }
      for (int s = 0; s < STEPS.length && !crossed[j]; s++) {
        double[] d = directional(x, dir, step * STEPS[s], path);
        if (d == null) {
          crossed[j] = true;
          break;
        }
        for (int i = 0; i < m; i++) {
          if (s == 0) {
            fd[i][j] = d[i];
          }
          lo[i][j] = Math.min(lo[i][j], d[i]);
          hi[i][j] = Math.max(hi[i][j], d[i]);
        }
      }
    }
    for (int i = 0; i < m; i++) {
      boolean usable = true;
      for (int j = 0; j < k && usable; j++) {
        double step = 1e-5 * Math.max(1.0, Math.abs(x[j]));
        double ad = jacobian[i][j];
        double sc = scale(ad, fd[i][j]);
        // as DifferentialCheck's per-input check: no kink in the stencils, no spread among the steps, no
        // slope that changes the output by more than its size over the step, no output so large that its
        // rounding over the step is above the tolerance, and no output flat in floating point
        usable = !crossed[j] && Double.isFinite(fd[i][j]) && hi[i][j] - lo[i][j] <= FD_RTOL / 4 * sc
            && Math.abs(ad) * step <= Math.max(1.0, Math.abs(f[i]))
            && 16 * Math.ulp(Math.abs(f[i])) / step <= FD_RTOL / 4 * sc
            && !(hi[i][j] == 0 && lo[i][j] == 0 && ad != 0);
      }
      if (!usable) {
        if (returnsRecord) {
          c.stats.recordReturnRowsNoisy++;
        } else {
          c.stats.jacobianRowsNoisy++;
        }
        continue;
      }
      for (int j = 0; j < k; j++) {
        double ad = jacobian[i][j];
        double err = Math.abs(ad - fd[i][j]) / scale(ad, fd[i][j]);
        if (err > FD_RTOL) {
          c.fail(x, "d" + c.program.name + "[" + i + "]/d" + c.coordinate(j) + ": " + c.program.name + "Jacobian "
              + ad + ", central differences " + fd[i][j] + " (relative error " + err + ")");
        }
        c.stats.worstJacobianFd = Math.max(c.stats.worstJacobianFd, err);
      }
      if (returnsRecord) {
        c.stats.recordReturnRowsChecked++;
      } else {
        c.stats.jacobianRowsChecked++;
      }
    }
  }

  /** Richardson central differences of every output along {@code dir}; null off x's path. */
  private double[] directional(double[] x, double[] dir, double h, long path) throws Throwable {
    return c.along(x, dir, h, xs -> {
      double[] f = probe(xs);
      return Probe.path == path ? f : null;
    });
  }
}
