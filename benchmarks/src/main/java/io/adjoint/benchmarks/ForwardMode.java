package io.adjoint.benchmarks;

import io.adjoint.samples.gmm.Gmm;
import io.adjoint.samples.gmm.GmmInput;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.SparseGradient;
import org.apache.commons.math3.util.MathArrays;

/**
 * The benchmark objectives written once over Apache Commons Math 3's {@link RealFieldElement}, and
 * their gradients by its two forward-mode types: {@link DerivativeStructure}, where every value carries
 * a dense array of all n partials, and {@link SparseGradient}, where it carries a map of the nonzero
 * ones. This is how a Java user writes an objective for them. Each gradient method returns the value
 * and writes the partials into {@code out}, laid out as the generated {@code fInto} lays them out.
 *
 * <p>Long sums go through {@link #accumulate}, which uses {@link SparseGradient#addInPlace}: the
 * in-place add the library offers so that a sum does not copy its map at every term, its best case.
 * {@code DerivativeStructure} has no in-place operations.
 */
public final class ForwardMode {
  private ForwardMode() {}

  /** One forward-mode type: how to make the independent variables and read the gradient back. */
  public abstract static class Kind<T extends RealFieldElement<T>> {
    /** The independent variable number {@code index} of all the parameters, at {@code value}. */
    abstract T variable(int index, double value);

    /** Writes ∂result/∂(variable i) into {@code out[i]} for every variable; returns the value. */
    abstract double read(T result, double[] out);

    final T[] variables(double[] values, int first) {
      T[] vs = MathArrays.buildArray(field(values[0]), values.length);
      for (int i = 0; i < values.length; i++) {
        vs[i] = variable(first + i, values[i]);
      }
      return vs;
    }

    final T[][] variables(double[][] values, int first) {
      T[][] vs = MathArrays.buildArray(field(values[0][0]), values.length, -1);
      for (int i = 0; i < values.length; i++) {
        vs[i] = variables(values[i], first);
        first += values[i].length;
      }
      return vs;
    }

    private Field<T> field(double any) {
      return variable(0, any).getField();
    }
  }

  /** {@link DerivativeStructure}s of first order in {@code parameters} variables. */
  public static Kind<DerivativeStructure> derivativeStructure(int parameters) {
    return new Kind<>() {
      @Override
      DerivativeStructure variable(int index, double value) {
        return new DerivativeStructure(parameters, 1, index, value);
      }

      @Override
      double read(DerivativeStructure result, double[] out) {
        // Order 1: [value, ∂/∂x_0, ∂/∂x_1, …].
        double[] all = result.getAllDerivatives();
        System.arraycopy(all, 1, out, 0, parameters);
        return all[0];
      }
    };
  }

  /** {@link SparseGradient}s; {@code parameters} is how many partials {@link Kind#read} writes. */
  public static Kind<SparseGradient> sparseGradient(int parameters) {
    return new Kind<>() {
      @Override
      SparseGradient variable(int index, double value) {
        return SparseGradient.createVariable(index, value);
      }

      @Override
      double read(SparseGradient result, double[] out) {
        for (int i = 0; i < parameters; i++) {
          out[i] = result.getDerivative(i);
        }
        return result.getValue();
      }
    };
  }

  // ---------------------------------------------------------------------------------- gradients

  public static <T extends RealFieldElement<T>> double neuron(
      Kind<T> kind, double w1, double w2, double b, double x1, double x2, double[] out) {
    return kind.read(
        neuron(kind.variable(0, w1), kind.variable(1, w2), kind.variable(2, b), x1, x2), out);
  }

  public static <T extends RealFieldElement<T>> double rosenbrock(
      Kind<T> kind, double x, double y, double[] out) {
    return kind.read(rosenbrock(kind.variable(0, x), kind.variable(1, y)), out);
  }

  public static <T extends RealFieldElement<T>> double twenty(
      Kind<T> kind, double x, double y, double z, double[] out) {
    return kind.read(
        twenty(kind.variable(0, x), kind.variable(1, y), kind.variable(2, z)), out);
  }

  public static <T extends RealFieldElement<T>> double rosenbrockN(
      Kind<T> kind, double[] x, double[] out) {
    return kind.read(rosenbrockN(kind.variables(x, 0)), out);
  }

  /**
   * {@link #rosenbrockN(Kind, double[], double[])} with the sum accumulated by plain {@code add}, as a
   * straightforward port writes it: for a {@link SparseGradient} every addition copies the sum's map,
   * so the gradient costs O(n²).
   */
  public static <T extends RealFieldElement<T>> double rosenbrockNPlainAdd(
      Kind<T> kind, double[] x, double[] out) {
    T[] v = kind.variables(x, 0);
    T sum = v[0].multiply(0);
    for (int i = 0; i + 1 < v.length; i++) {
      T a = v[i].negate().add(1);
      T b = v[i + 1].subtract(v[i].multiply(v[i]));
      sum = sum.add(a.multiply(a).add(b.multiply(b).multiply(100)));
    }
    return kind.read(sum, out);
  }

  /** The gradient of {@link Gmm#objective} in ADBench's order (alphas, means, icf). */
  public static <T extends RealFieldElement<T>> double gmm(
      Kind<T> kind, GmmInput in, double[] out) {
    int k = in.k();
    T[] alphas = kind.variables(in.alphas(), 0);
    T[][] means = kind.variables(in.means(), k);
    T[][] icf = kind.variables(in.icf(), k + k * in.d());
    return kind.read(gmm(alphas, means, icf, in.x(), in.wishartGamma(), in.wishartM()), out);
  }

  /** The gradient of the perceptron's loss, laid out as {@code lossInto} lays it out. */
  public static <T extends RealFieldElement<T>> double mlp(
      Kind<T> kind, MlpInput in, double[] out) {
    int at = 0;
    T[][] w1 = kind.variables(in.w1(), at);
    at += in.w1().length * in.w1()[0].length;
    T[] b1 = kind.variables(in.b1(), at);
    at += in.b1().length;
    T[][] w2 = kind.variables(in.w2(), at);
    at += in.w2().length * in.w2()[0].length;
    T[] b2 = kind.variables(in.b2(), at);
    at += in.b2().length;
    T[] w3 = kind.variables(in.w3(), at);
    at += in.w3().length;
    T b3 = kind.variable(at, in.b3());
    return kind.read(mlp(w1, b1, w2, b2, w3, b3, in.x(), in.y()), out);
  }

  // ------------------------------------------------------------------------------ the objectives

  static <T extends RealFieldElement<T>> T neuron(T w1, T w2, T b, double x1, double x2) {
    T z = w1.multiply(x1).add(w2.multiply(x2)).add(b);
    return z.negate().exp().add(1).reciprocal();
  }

  static <T extends RealFieldElement<T>> T rosenbrock(T x, T y) {
    T a = x.negate().add(1);
    T b = y.subtract(x.multiply(x));
    return a.multiply(a).add(b.multiply(b).multiply(100));
  }

  static <T extends RealFieldElement<T>> T twenty(T x, T y, T z) {
    T a = x.multiply(y).add(z);
    T b = a.sin().multiply(z.multiply(z).negate().exp());
    T c = x.multiply(x).add(y.multiply(y)).add(1).log();
    T d = z.multiply(z).add(1).sqrt().multiply(y.tanh());
    return a.multiply(b).add(c.divide(d)).subtract(x.multiply(z));
  }

  static <T extends RealFieldElement<T>> T rosenbrockN(T[] x) {
    T sum = null;
    for (int i = 0; i + 1 < x.length; i++) {
      T a = x[i].negate().add(1);
      T b = x[i + 1].subtract(x[i].multiply(x[i]));
      sum = accumulate(sum, a.multiply(a).add(b.multiply(b).multiply(100)));
    }
    return sum == null ? x[0].multiply(0) : sum;
  }

  /** {@link Gmm#objective}, loop by loop. */
  static <T extends RealFieldElement<T>> T gmm(
      T[] alphas, T[][] means, T[][] icf, double[][] x, double wishartGamma, int wishartM) {
    int k = alphas.length;
    int d = means[0].length;
    int n = x.length;
    int icfSize = icf[0].length;
    Field<T> field = alphas[0].getField();
    T[][] qDiags = MathArrays.buildArray(field, k, d);
    T[] sumQs = MathArrays.buildArray(field, k);
    for (int ik = 0; ik < k; ik++) {
      T sum = icf[ik][0];
      qDiags[ik][0] = icf[ik][0].exp();
      for (int id = 1; id < d; id++) {
        sum = sum.add(icf[ik][id]);
        qDiags[ik][id] = icf[ik][id].exp();
      }
      sumQs[ik] = sum;
    }
    T[] centered = MathArrays.buildArray(field, d);
    T[] qCentered = MathArrays.buildArray(field, d);
    T[] mainTerm = MathArrays.buildArray(field, k);
    T slse = null;
    for (int ix = 0; ix < n; ix++) {
      for (int ik = 0; ik < k; ik++) {
        for (int id = 0; id < d; id++) {
          centered[id] = means[ik][id].negate().add(x[ix][id]);
          qCentered[id] = qDiags[ik][id].multiply(centered[id]);
        }
        int l = d;
        for (int i = 0; i < d; i++) {
          for (int j = i + 1; j < d; j++) {
            qCentered[j] = qCentered[j].add(icf[ik][l].multiply(centered[i]));
            l++;
          }
        }
        T sqNorm = null;
        for (int id = 0; id < d; id++) {
          sqNorm = accumulate(sqNorm, qCentered[id].multiply(qCentered[id]));
        }
        mainTerm[ik] = alphas[ik].add(sumQs[ik]).subtract(sqNorm.multiply(0.5));
      }
      slse = accumulate(slse, logSumExp(mainTerm));
    }
    T prior = null;
    for (int ik = 0; ik < k; ik++) {
      T frobenius = null;
      for (int id = 0; id < d; id++) {
        frobenius = accumulate(frobenius, qDiags[ik][id].multiply(qDiags[ik][id]));
      }
      for (int il = d; il < icfSize; il++) {
        frobenius = accumulate(frobenius, icf[ik][il].multiply(icf[ik][il]));
      }
      T term =
          frobenius
              .multiply(0.5 * wishartGamma * wishartGamma)
              .subtract(sumQs[ik].multiply(wishartM));
      prior = accumulate(prior, term);
    }
    int nPrime = d + wishartM + 1;
    double c =
        nPrime * d * (Math.log(wishartGamma) - 0.5 * Math.log(2))
            - Gmm.logMultivariateGamma(0.5 * nPrime, d);
    double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
    return slse.add(constant).subtract(logSumExp(alphas).multiply(n)).add(prior).subtract(k * c);
  }

  /** log Σ exp(x_i), shifted by the largest value (a constant) so that exp cannot overflow. */
  private static <T extends RealFieldElement<T>> T logSumExp(T[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (T v : x) {
      max = Math.max(max, v.getReal());
    }
    T sum = null;
    for (T v : x) {
      sum = accumulate(sum, v.subtract(max).exp());
    }
    return sum.log().add(max);
  }

  /** {@link io.adjoint.samples.mlp.Perceptron#loss}: two tanh layers, then softplus(z) − y·z. */
  static <T extends RealFieldElement<T>> T mlp(
      T[][] w1, T[] b1, T[][] w2, T[] b2, T[] w3, T b3, double[][] x, double[] y) {
    Field<T> field = b3.getField();
    T[] h1 = MathArrays.buildArray(field, w1.length);
    T[] h2 = MathArrays.buildArray(field, w2.length);
    T total = null;
    for (int p = 0; p < x.length; p++) {
      for (int j = 0; j < w1.length; j++) {
        T sum = b1[j];
        for (int i = 0; i < x[p].length; i++) {
          sum = sum.add(w1[j][i].multiply(x[p][i]));
        }
        h1[j] = sum.tanh();
      }
      for (int j = 0; j < w2.length; j++) {
        T sum = b2[j];
        for (int i = 0; i < h1.length; i++) {
          sum = sum.add(w2[j][i].multiply(h1[i]));
        }
        h2[j] = sum.tanh();
      }
      T z = b3;
      for (int j = 0; j < h2.length; j++) {
        z = z.add(w3[j].multiply(h2[j]));
      }
      // softplus(z) = max(z, 0) + log1p(exp(−|z|)).
      T softplus = z.abs().negate().exp().log1p();
      if (z.getReal() > 0) {
        softplus = softplus.add(z);
      }
      total = accumulate(total, softplus.subtract(z.multiply(y[p])));
    }
    return total.divide(x.length);
  }

  /**
   * {@code sum + term}, where {@code term} is a fresh result that nothing else holds and {@code sum}
   * is null before the first term. Adds in place for a {@link SparseGradient}.
   */
  @SuppressWarnings("unchecked")
  private static <T extends RealFieldElement<T>> T accumulate(T sum, T term) {
    if (sum == null) {
      return term;
    }
    if (sum instanceof SparseGradient s) {
      s.addInPlace((SparseGradient) term);
      return sum;
    }
    return sum.add(term);
  }
}
