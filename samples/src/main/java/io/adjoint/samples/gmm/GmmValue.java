package io.adjoint.samples.gmm;

import io.adjoint.Value;
import java.util.Arrays;

/**
 * The objective of {@link Gmm#objective} built from {@link Value}s: the dynamic autograd's version of
 * the same function, an independent check of the generated gradient.
 */
public final class GmmValue {
  private GmmValue() {}

  /** The parameters of an instance as leaves, and the objective built on them. */
  public record Graph(Value[] alphas, Value[][] means, Value[][] icf, Value objective) {

    /** Back-propagates from the objective and returns the gradient in ADBench's flat order. */
    public double[] gradient() {
      objective.backward();
      double[] flat = new double[alphas.length + means.length * means[0].length + icf.length * icf[0].length];
      int at = 0;
      for (Value a : alphas) {
        flat[at++] = a.grad();
      }
      for (Value[][] matrix : new Value[][][] {means, icf}) {
        for (Value[] row : matrix) {
          for (Value v : row) {
            flat[at++] = v.grad();
          }
        }
      }
      return flat;
    }
  }

  /** Builds the graph of the objective at {@code input}'s parameters. */
  public static Graph build(GmmInput input) {
    Value[] alphas = leaves(input.alphas());
    Value[][] means = new Value[input.k()][];
    Value[][] icf = new Value[input.k()][];
    for (int ik = 0; ik < input.k(); ik++) {
      means[ik] = leaves(input.means()[ik]);
      icf[ik] = leaves(input.icf()[ik]);
    }
    Value objective =
        objective(alphas, means, icf, input.x(), input.wishartGamma(), input.wishartM());
    return new Graph(alphas, means, icf, objective);
  }

  /** The objective of {@link Gmm#objective} on {@code Value} parameters. */
  public static Value objective(
      Value[] alphas, Value[][] means, Value[][] icf, double[][] x, double wishartGamma, int wishartM) {
    int k = alphas.length;
    int d = means[0].length;
    int n = x.length;
    int icfSize = icf[0].length;

    Value[][] qDiags = new Value[k][d];
    Value[] sumQs = new Value[k];
    for (int ik = 0; ik < k; ik++) {
      for (int id = 0; id < d; id++) {
        qDiags[ik][id] = icf[ik][id].exp();
      }
      sumQs[ik] = Value.sum(Arrays.copyOf(icf[ik], d));
    }

    Value[] slseTerms = new Value[n];
    Value[] mainTerm = new Value[k];
    Value[] centered = new Value[d];
    for (int ix = 0; ix < n; ix++) {
      for (int ik = 0; ik < k; ik++) {
        // ‖Q(x − μ)‖² = ‖Q(μ − x)‖²: one node per coordinate.
        for (int id = 0; id < d; id++) {
          centered[id] = means[ik][id].sub(x[ix][id]);
        }
        Value[] squares = new Value[d];
        for (int j = 0; j < d; j++) {
          // Row j of Q times the centred point: exp(q_j)·c_j + Σ_{i<j} L_ji·c_i.
          Value[] terms = new Value[j + 1];
          terms[0] = qDiags[ik][j].mul(centered[j]);
          for (int i = 0; i < j; i++) {
            terms[i + 1] = icf[ik][lowerIndex(d, i, j)].mul(centered[i]);
          }
          Value row = Value.sum(terms);
          squares[j] = row.mul(row);
        }
        mainTerm[ik] = alphas[ik].add(sumQs[ik]).sub(Value.sum(squares).mul(0.5));
      }
      slseTerms[ix] = logSumExp(mainTerm);
    }

    Value[] priorTerms = new Value[k];
    for (int ik = 0; ik < k; ik++) {
      Value[] squares = new Value[icfSize];
      for (int id = 0; id < d; id++) {
        squares[id] = qDiags[ik][id].mul(qDiags[ik][id]);
      }
      for (int il = d; il < icfSize; il++) {
        squares[il] = icf[ik][il].mul(icf[ik][il]);
      }
      priorTerms[ik] =
          Value.sum(squares).mul(0.5 * wishartGamma * wishartGamma).sub(sumQs[ik].mul(wishartM));
    }
    int nPrime = d + wishartM + 1;
    double c =
        nPrime * d * (Math.log(wishartGamma) - 0.5 * Math.log(2))
            - Gmm.logMultivariateGamma(0.5 * nPrime, d);
    double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
    return Value.sum(slseTerms)
        .add(constant)
        .sub(logSumExp(alphas).mul(n))
        .add(Value.sum(priorTerms))
        .sub(k * c);
  }

  /** The position in {@code icf[k]} of L_ji (i < j): d, then the columns i = 0, 1, … of the strict lower triangle. */
  static int lowerIndex(int d, int i, int j) {
    // Columns 0 … i−1 hold (d−1) + (d−2) + … + (d−i) entries.
    return d + i * d - i * (i + 1) / 2 + (j - i - 1);
  }

  /** log Σ exp(x_i), shifting by the largest data value (a constant) so exp cannot overflow. */
  static Value logSumExp(Value[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (Value v : x) {
      max = Math.max(max, v.data());
    }
    Value[] exps = new Value[x.length];
    for (int i = 0; i < x.length; i++) {
      exps[i] = x[i].sub(max).exp();
    }
    return Value.sum(exps).log().add(max);
  }

  private static Value[] leaves(double[] data) {
    Value[] values = new Value[data.length];
    for (int i = 0; i < data.length; i++) {
      values[i] = new Value(data[i]);
    }
    return values;
  }
}
