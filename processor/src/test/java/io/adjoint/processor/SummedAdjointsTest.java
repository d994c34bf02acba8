package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A parameter's adjoint that each iteration of a loop over data points adds as the same linear map of an
 * adjoint array, applied once to that array summed over the points ({@code reverse/SummedAdjoints}):
 * GMM's ∂/∂μ_k = −Q_kᵀ·Σ_i (adjoint of Q_k·(x_i − μ_k)). End to end: each method is checked at random
 * points against central differences, its Into and Pullback forms against the record (to the rounding of
 * another order of the same additions where the map is summed first) and ⟨∇f, v⟩ (see {@link
 * EndToEnd}); the shape of the Into and Pullback forms is asserted, for the methods that must sum first
 * and for the near misses that must not.
 */
class SummedAdjointsTest {
  private static final String SOURCE =
      """
      package p;
      import io.adjoint.Differentiable;
      import io.adjoint.NoDerivative;
            class S {
        // GMM's main term: per point, per component, Q_k·(x_i − μ_k) through a diagonal and a triangle
        @Differentiable static double mixture(double[] alphas, double[][] means, double[][] icf, @NoDerivative double[][] x) {
          int k = alphas.length;
          int d = means[0].length;
          double[] centered = new double[d];
          double[] qCentered = new double[d];
          double[] terms = new double[k];
          double[][] qDiags = new double[k][d];
          for (int ik = 0; ik < k; ik++) {
            for (int id = 0; id < d; id++) {
              qDiags[ik][id] = Math.exp(icf[ik][id]);
            }
          }
          double total = 0;
          for (int ix = 0; ix < x.length; ix++) {
            for (int ik = 0; ik < k; ik++) {
              for (int id = 0; id < d; id++) {
                centered[id] = x[ix][id] - means[ik][id];
                qCentered[id] = qDiags[ik][id] * centered[id];
              }
              int l = d;
              for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                  qCentered[j] += icf[ik][l] * centered[i];
                  l++;
                }
              }
              double norm = 0;
              for (int id = 0; id < d; id++) {
                norm += qCentered[id] * qCentered[id];
              }
              terms[ik] = alphas[ik] - 0.5 * norm;
            }
            double sum = 0;
            for (int ik = 0; ik < k; ik++) {
              sum += Math.exp(terms[ik]);
            }
            total += Math.log(sum);
          }
          return total;
        }

        // one component: the triangle's column start an int of the point's iteration, no loop over components
        @Differentiable static double component(double[] mu, double[] qDiag, double[] lower, @NoDerivative double[][] x) {
          int d = mu.length;
          double[] centered = new double[d];
          double[] s = new double[d];
          double total = 0;
          for (int ix = 0; ix < x.length; ix++) {
            for (int id = 0; id < d; id++) {
              centered[id] = x[ix][id] - mu[id];
              s[id] = qDiag[id] * centered[id];
            }
            int l = 0;
            for (int i = 0; i < d; i++) {
              for (int j = i + 1; j < d; j++) {
                s[j] += lower[l] * centered[i];
                l++;
              }
            }
            double norm = 0;
            for (int id = 0; id < d; id++) {
              norm += s[id] * s[id];
            }
            total += Math.exp(-0.5 * norm);
          }
          return total;
        }

        // near miss: the triangle's weights depend on the point, so the map changes from point to point
        @Differentiable static double weighted(double[] mu, double[] lower, @NoDerivative double[][] x) {
          int d = mu.length;
          double[] centered = new double[d];
          double[] s = new double[d];
          double total = 0;
          for (int ix = 0; ix < x.length; ix++) {
            for (int id = 0; id < d; id++) {
              centered[id] = x[ix][id] - mu[id];
              s[id] = centered[id];
            }
            int l = 0;
            for (int i = 0; i < d; i++) {
              for (int j = i + 1; j < d; j++) {
                s[j] += lower[l] * x[ix][0] * centered[i];
                l++;
              }
            }
            double norm = 0;
            for (int id = 0; id < d; id++) {
              norm += s[id] * s[id];
            }
            total += Math.sqrt(1 + norm);
          }
          return total;
        }

        // near miss: the weights are an array the loop fills again in each iteration (a product of two
        // values that change from point to point, not a map of one)
        @Differentiable static double refilled(double[] mu, double[] lower, @NoDerivative double[][] x) {
          int d = mu.length;
          double[] centered = new double[d];
          double[] s = new double[d];
          double[] w = new double[lower.length];
          double total = 0;
          for (int ix = 0; ix < x.length; ix++) {
            for (int il = 0; il < lower.length; il++) {
              w[il] = lower[il] * (1 + 0.25 * ix);
            }
            for (int id = 0; id < d; id++) {
              centered[id] = x[ix][id] - mu[id];
              s[id] = centered[id];
            }
            int l = 0;
            for (int i = 0; i < d; i++) {
              for (int j = i + 1; j < d; j++) {
                s[j] += w[l] * centered[i];
                l++;
              }
            }
            double norm = 0;
            for (int id = 0; id < d; id++) {
              norm += s[id] * s[id];
            }
            total += Math.log(1 + norm);
          }
          return total;
        }

        // near miss: the points are differentiable too, so each point's map is needed for x's own adjoint
        @Differentiable static double movingPoints(double[] mu, double[] lower, double[][] x) {
          int d = mu.length;
          double[] centered = new double[d];
          double[] s = new double[d];
          double total = 0;
          for (int ix = 0; ix < x.length; ix++) {
            for (int id = 0; id < d; id++) {
              centered[id] = x[ix][id] - mu[id];
              s[id] = centered[id];
            }
            int l = 0;
            for (int i = 0; i < d; i++) {
              for (int j = i + 1; j < d; j++) {
                s[j] += lower[l] * centered[i];
                l++;
              }
            }
            double norm = 0;
            for (int id = 0; id < d; id++) {
              norm += s[id] * s[id];
            }
            total += Math.exp(-norm);
          }
          return total;
        }

        // near miss: the triangle runs only for points near the mean, a condition that changes from point
        // to point
        @Differentiable static double near(double[] mu, double[] lower, @NoDerivative double[][] x) {
          int d = mu.length;
          double[] centered = new double[d];
          double[] s = new double[d];
          double total = 0;
          for (int ix = 0; ix < x.length; ix++) {
            for (int id = 0; id < d; id++) {
              centered[id] = x[ix][id] - mu[id];
              s[id] = centered[id];
            }
            if (centered[0] < 0.5) {
              int l = 0;
              for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                  s[j] += lower[l] * centered[i];
                  l++;
                }
              }
            }
            double norm = 0;
            for (int id = 0; id < d; id++) {
              norm += s[id] * s[id];
            }
            total += Math.exp(-norm);
          }
          return total;
        }
      }
      """;

  private static EndToEnd s;

  @BeforeAll
  static void compile() throws Exception {
    s = new EndToEnd("S", SOURCE);
  }

  private static boolean summed(String method) {
    boolean into = s.generatedMethod(method + "Into").contains(EndToEnd.SUMMED);
    boolean pullback = s.generatedMethod(method + "Pullback").contains(EndToEnd.SUMMED);
    assertEquals(into, pullback, method + ": Into and Pullback sum alike");
    return into;
  }

  @Test
  void gmmsMeansTakeQTransposedOnceAfterThePoints() throws Exception {
    SplittableRandom r = new SplittableRandom(21);
    for (int i = 0; i < 12; i++) {
      int d = 1 + i % 4;
      int k = 1 + i % 3;
      s.check("mixture", i, EndToEnd.vector(r, k), EndToEnd.matrix(r, k, d), EndToEnd.matrix(r, k, d * (d + 1) / 2),
          EndToEnd.matrix(r, 1 + i % 4, d));
    }
    assertTrue(summed("mixture"), s.generatedMethod("mixtureInto"));
    String into = s.generatedMethod("mixtureInto");
    int mark = into.indexOf(EndToEnd.SUMMED);
    // inside the loop over the points, the adjoint of Q·centered goes into a sum per component and
    // into ∂/∂l; the means' partials only after the loop, once per component, from that sum
    assertEquals(1, EndToEnd.count(into.substring(0, mark), "qCenteredBarSum\\[k\\d+ - 1\\]\\[entry\\] \\+= qCenteredBar\\[entry\\];"), into);
    assertEquals(0, EndToEnd.count(into.substring(0, mark), "meansRow\\b"), into);
    String replay = into.substring(mark, into.indexOf("\n    }\n", mark)); // the if (summed) block after the loop
    assertEquals(1, EndToEnd.count(replay, "partials\\[meansRow\\w* \\+ \\w+\\] -= \\w+;"), into);
    assertEquals(0, EndToEnd.count(replay, "partials\\[icfRow"), into);
    assertEquals(2, EndToEnd.count(replay, "qCenteredBarSum\\[k\\d+ - 1\\]\\[\\w+\\]"), into);
  }

  @Test
  void noPointsAddNothing() throws Exception {
    SplittableRandom r = new SplittableRandom(22);
    double[] grad = s.check("mixture", 1, EndToEnd.vector(r, 2), EndToEnd.matrix(r, 2, 3), EndToEnd.matrix(r, 2, 6),
        new double[0][]);
    for (double g : grad) {
      assertEquals(0.0, g, 0.0);
    }
  }

  @Test
  void aComponentSumsWithTheColumnStartOfItsIteration() throws Exception {
    SplittableRandom r = new SplittableRandom(23);
    for (int i = 0; i < 12; i++) {
      int d = 1 + i % 5;
      s.check("component", i, EndToEnd.vector(r, d), EndToEnd.vector(r, d), EndToEnd.vector(r, d * (d - 1) / 2),
          EndToEnd.matrix(r, 1 + i % 3, d));
    }
    assertTrue(summed("component"), s.generatedMethod("componentInto"));
    String after = s.generatedMethod("componentInto").substring(s.generatedMethod("componentInto").indexOf(EndToEnd.SUMMED));
    assertEquals(1, EndToEnd.count(after, "int l\\w* = 0;"), after); // the iteration's constant, declared again
  }

  @Test
  void mapsThatChangeFromPointToPointAreNotSummed() throws Exception {
    SplittableRandom r = new SplittableRandom(24);
    for (int i = 0; i < 10; i++) {
      int d = 1 + i % 4;
      int t = d * (d - 1) / 2;
      int n = 1 + i % 3;
      s.check("weighted", i, EndToEnd.vector(r, d), EndToEnd.vector(r, t), EndToEnd.matrix(r, n, d));
      s.check("refilled", i, EndToEnd.vector(r, d), EndToEnd.vector(r, t), EndToEnd.matrix(r, n, d));
      s.check("movingPoints", i, EndToEnd.vector(r, d), EndToEnd.vector(r, t), EndToEnd.matrix(r, n, d));
      s.check("near", i, EndToEnd.vector(r, d), EndToEnd.vector(r, t), EndToEnd.matrix(r, n, d));
    }
    for (String method : new String[] {"weighted", "refilled", "movingPoints", "near"}) {
      assertTrue(!summed(method), s.generatedMethod(method + "Into"));
    }
  }
}
