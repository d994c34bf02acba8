package io.adjoint.processor.random;

import static io.adjoint.processor.random.DifferentialCheck.FD_RTOL;
import static io.adjoint.processor.random.DifferentialCheck.STEPS;
import static io.adjoint.processor.random.DifferentialCheck.VALUE_RTOL;
import static io.adjoint.processor.random.DifferentialCheck.call;
import static io.adjoint.processor.random.DifferentialCheck.close;
import static io.adjoint.processor.random.DifferentialCheck.maxAbs;
import static io.adjoint.processor.random.DifferentialCheck.relative;
import static io.adjoint.processor.random.DifferentialCheck.same;
import static io.adjoint.processor.random.DifferentialCheck.scale;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The second-order forms of an {@code @Differentiable(order = 2)} program at one point, where {@link
 * DifferentialCheck} has checked its gradient (off kinks, finite):
 *
 * <ul>
 *   <li>{@code fHessianVector(x, v)} for a random v agrees with Richardson-extrapolated central
 *       differences of the generated gradient ({@code fInto}) along v, to {@link
 *       DifferentialCheck#FD_RTOL} per entry, at the steps {@link DifferentialCheck#STEPS} whose
 *       stencils all take x's branches; a point where those estimates spread (rounding noise), or where
 *       the gradient's rounding over the step is above the tolerance, is skipped and counted;
 *   <li>{@code fHessianVectorInto} writes exactly what {@code fHessianVector} returns, into the first k
 *       entries of a longer pre-filled array and no further, and returns ⟨∇f, v⟩ of the record's gradient
 *       (to {@link DifferentialCheck#VALUE_RTOL});
 *   <li>{@code fHessian}'s value is the program's bit for bit, its gradient the record's (to rounding),
 *       its matrix k×k and exactly symmetric, and its column j equals {@code fHessianVector} along the
 *       unit vector eⱼ to {@link DifferentialCheck#VALUE_RTOL}.
 * </ul>
 *
 * Where two exact computations part by more than rounding allows ({@code VALUE_RTOL}), as the tangent
 * and ⟨∇f, v⟩ may in an ill-conditioned program, converged central differences decide, as for tangents:
 * the estimates at two steps must agree with each other to a tenth of {@code FD_RTOL}, and the value
 * under test must agree with them to {@code FD_RTOL}.
 */
final class HessianCheck {
  private final DifferentialCheck c;
  private final int k;

  HessianCheck(DifferentialCheck check) {
    this.c = check;
    this.k = check.k;
  }

  void at(double[] x, double[] grad, double gradScale, long path, SplittableRandom r) throws Throwable {
    DifferentialCheck.Stats stats = c.stats;
    for (int i = 1; i <= k; i++) {
      if (!Double.isFinite(grad[i])) {
        return;
      }
    }
    double[] v = new double[k];
    for (int i = 0; i < k; i++) {
      v[i] = r.nextInt(5) == 0 ? 0.0 : r.nextDouble(-1, 1);
    }
    double[] hv = hessianVector(x, v);
    checkInto(x, v, hv, grad, gradScale, path, r);

    // fHessian: value, gradient, symmetry, and its columns against H·eⱼ
    Object record = call(c.h.hessian(), c.args(x));
    RecordComponent[] rc = record.getClass().getRecordComponents();
    if (rc.length != 3 || !rc[0].getName().equals("value") || !rc[1].getName().equals("gradient")
        || !rc[2].getName().equals("hessian")) {
      c.fail(x, c.program.name + "Hessian returns a record " + Arrays.toString(rc));
    }
    for (RecordComponent component : rc) {
      component.getAccessor().setAccessible(true);
    }
    double value = (double) rc[0].getAccessor().invoke(record);
    double[] gradient = (double[]) rc[1].getAccessor().invoke(record);
    double[][] hessian = (double[][]) rc[2].getAccessor().invoke(record);
    if (!same(value, grad[0])) {
      c.fail(x, c.program.name + "Hessian's value is " + value + ", the program computes " + grad[0]);
    }
    if (gradient.length != k || hessian.length != k) {
      c.fail(x, c.program.name + "Hessian has a gradient of " + gradient.length + " entries and " + hessian.length
          + " rows, for " + k + " inputs");
    }
    for (int i = 0; i < k; i++) {
      if (!close(gradient[i], grad[i + 1], VALUE_RTOL, gradScale)) {
        decide(x, path, i, null, gradient[i], grad[i + 1], "the gradient of " + c.program.name + "Hessian, d/d"
            + c.coordinate(i) + ", is " + gradient[i] + ", the record's " + grad[i + 1]);
      }
    }
    double hScale = 0;
    for (int i = 0; i < k; i++) {
      if (hessian[i].length != k) {
        c.fail(x, c.program.name + "Hessian's row " + i + " has " + hessian[i].length + " entries, for " + k + " inputs");
      }
      for (int j = 0; j < k; j++) {
        if (!same(hessian[i][j], hessian[j][i])) {
          c.fail(x, c.program.name + "Hessian is not symmetric: [" + i + "][" + j + "] = " + hessian[i][j] + ", ["
              + j + "][" + i + "] = " + hessian[j][i]);
        }
        if (Double.isFinite(hessian[i][j])) {
          hScale = Math.max(hScale, Math.abs(hessian[i][j]));
        }
      }
    }
    hScale = Math.max(hScale, gradScale);
    for (int j = 0; j < k; j++) {
      double[] unit = new double[k];
      unit[j] = 1.0;
      double[] column = hessianVector(x, unit);
      for (int i = 0; i < k; i++) {
        if (!close(hessian[i][j], column[i], VALUE_RTOL, hScale)) {
          decide(x, path, j, i, hessian[i][j], column[i], c.program.name + "Hessian[" + i + "][" + j + "] = "
              + hessian[i][j] + ", " + c.program.name + "HessianVector along e" + j + " gives " + column[i]);
        } else if (Math.max(Math.abs(column[i]), Math.abs(hessian[i][j])) > 1e-3 * hScale) {
          stats.worstHessianColumn = Math.max(stats.worstHessianColumn, relative(hessian[i][j], column[i]));
        }
      }
    }
    stats.hessianPoints++;
    againstDifferences(x, v, hv, path);
  }

  /** {@code fHessianVector(x, v)}, checking it leaves the caller's arrays alone. */
  private double[] hessianVector(double[] x, double[] v) throws Throwable {
    Object[] a = Arrays.copyOf(c.args(x), c.program.params.size() + 1);
    double[] direction = v.clone();
    a[a.length - 1] = direction;
    double[] out = (double[]) call(c.h.hessianVector(), a);
    c.unmodified(x, a, c.program.name + "HessianVector");
    if (!Arrays.equals(direction, v)) {
      c.fail(x, c.program.name + "HessianVector modified its direction: " + Arrays.toString(direction));
    }
    if (out.length != k) {
      c.fail(x, c.program.name + "HessianVector returns " + out.length + " entries, for " + k + " inputs");
    }
    return out;
  }

  /** {@code fHessianVectorInto(x, dots, out)}: the same entries, only those, and ⟨∇f, v⟩. */
  private void checkInto(double[] x, double[] v, double[] hv, double[] grad, double gradScale, long path,
      SplittableRandom r) throws Throwable {
    Object[] a = c.withDirections(x, v, 1);
    double[] out = new double[k + r.nextInt(3)];
    for (int i = 0; i < out.length; i++) {
      out[i] = r.nextDouble(-100, 100);
    }
    double[] before = out.clone();
    a[a.length - 1] = out;
    double dd = (double) call(c.h.hessianVectorInto(), a);
    c.unmodified(x, a, c.program.name + "HessianVectorInto");
    for (int i = 0; i < out.length; i++) {
      double expected = i < k ? hv[i] : before[i];
      if (!same(out[i], expected)) {
        c.fail(x, c.program.name + "HessianVectorInto wrote " + out[i] + " to out[" + i + "], expected " + expected
            + (i < k ? " (what " + c.program.name + "HessianVector returns)" : " (untouched)"));
      }
    }
    double expected = 0;
    double size = 0;
    for (int i = 0; i < k; i++) {
      if (v[i] != 0) {
        expected += v[i] * grad[i + 1];
        size += Math.abs(v[i]);
      }
    }
    if (!close(dd, expected, VALUE_RTOL, size * gradScale)) {
      double step = 1e-5 * Math.max(1.0, maxAbs(x));
      double fd = c.directional(x, v, step, path);
      double fd2 = c.directional(x, v, step / 2, path);
      boolean converged =
          Double.isFinite(fd) && Double.isFinite(fd2) && Math.abs(fd - fd2) <= FD_RTOL * scale(fd, fd2) / 10;
      if (!converged || Math.abs(dd - fd) > FD_RTOL * scale(dd, fd)) {
        c.fail(x, c.program.name + "HessianVectorInto along " + Arrays.toString(v) + " returns " + dd
            + ", ⟨∇f, v⟩ = " + expected + ", central differences along v " + fd + " and " + fd2);
      }
      c.stats.hessianByDifferences++;
    }
  }

  /**
   * Two exact computations parted: {@code row} null compares {@code a} and {@code b} as d/dxⱼ of f,
   * otherwise as the derivative of gradient entry {@code row} by coordinate {@code j}; both must agree
   * with converged central differences.
   */
  private void decide(double[] x, long path, int j, Integer row, double a, double b, String what) throws Throwable {
    double step = 1e-5 * Math.max(1.0, Math.abs(x[j]));
    double fd;
    double fd2;
    if (row == null) {
      fd = c.richardson(x, j, step, path);
      fd2 = c.richardson(x, j, step / 2, path);
    } else {
      double[] unit = new double[k];
      unit[j] = 1.0;
      double[] d1 = gradientDirectional(x, unit, step, path);
      double[] d2 = gradientDirectional(x, unit, step / 2, path);
      fd = d1 == null ? Double.NaN : d1[row];
      fd2 = d2 == null ? Double.NaN : d2[row];
    }
    boolean converged =
        Double.isFinite(fd) && Double.isFinite(fd2) && Math.abs(fd - fd2) <= FD_RTOL * scale(fd, fd2) / 10;
    if (!converged || Math.abs(a - fd) > FD_RTOL * scale(a, fd) || Math.abs(b - fd) > FD_RTOL * scale(b, fd)) {
      c.fail(x, what + "; central differences " + fd + " and " + fd2);
    }
    c.stats.hessianByDifferences++;
  }

  /** H·v against Richardson central differences of the gradient along v. */
  private void againstDifferences(double[] x, double[] v, double[] hv, long path) throws Throwable {
    DifferentialCheck.Stats stats = c.stats;
    for (double e : hv) {
      if (!Double.isFinite(e)) {
        stats.hessianNoisy++;
        return;
      }
    }
    double step = 1e-5 * Math.max(1.0, maxAbs(x));
    double[] fd = null;
    double[] lo = new double[k];
    double[] hi = new double[k];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (int s = 0; s < STEPS.length; s++) {
      double[] d = gradientDirectional(x, v, step * STEPS[s], path);
      if (d == null) {
        stats.hessianNoisy++; // a stencil crossed a kink
        return;
      }
      if (s == 0) {
        fd = d;
      }
      for (int i = 0; i < k; i++) {
        lo[i] = Math.min(lo[i], d[i]);
        hi[i] = Math.max(hi[i], d[i]);
      }
    }
    double[] g = gradient(x);
    for (int i = 0; i < k; i++) {
      // as for first derivatives (see DifferentialCheck): the estimates of the steps must agree, the
      // gradient entry must not change by more than its size over the step, nor its rounding over the
      // step be above the tolerance
      double sc = scale(hv[i], fd[i]);
      if (!Double.isFinite(fd[i]) || hi[i] - lo[i] > FD_RTOL / 4 * sc
          || Math.abs(hv[i]) * step > Math.max(1.0, Math.abs(g[i]))
          || 16 * Math.ulp(Math.abs(g[i])) / step > FD_RTOL / 4 * sc
          || (hi[i] == 0 && lo[i] == 0 && hv[i] != 0)) {
        stats.hessianNoisy++;
        return;
      }
    }
    for (int i = 0; i < k; i++) {
      double err = Math.abs(hv[i] - fd[i]) / scale(hv[i], fd[i]);
      if (err > FD_RTOL) {
        c.fail(x, c.program.name + "HessianVector along " + Arrays.toString(v) + ": entry " + i + " ("
            + c.coordinate(i) + ") is " + hv[i] + ", central differences of the gradient along v give " + fd[i]
            + " (relative error " + err + ")");
      }
      stats.worstHessianFd = Math.max(stats.worstHessianFd, err);
    }
    stats.hessianChecked++;
  }

  /** The generated gradient ({@code fInto}) at x. */
  private double[] gradient(double[] x) throws Throwable {
    double[] partials = new double[k];
    Object[] a = Arrays.copyOf(c.args(x), c.program.params.size() + 1);
    a[a.length - 1] = partials;
    call(c.h.into(), a);
    return partials;
  }

  /**
   * Richardson-extrapolated central difference of the generated gradient along {@code dir}; null if a
   * stencil point leaves x's path ({@link Probe}).
   */
  private double[] gradientDirectional(double[] x, double[] dir, double h, long path) throws Throwable {
    return c.along(x, dir, h, xs -> {
      c.probe(xs);
      return Probe.path == path ? gradient(xs) : null;
    });
  }
}
