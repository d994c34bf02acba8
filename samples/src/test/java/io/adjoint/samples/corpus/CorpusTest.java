package io.adjoint.samples.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.adjoint.Value;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The functional corpus: every annotated function, at seeded random points, checked four ways.
 *
 * <ol>
 *   <li><b>The value</b> of every generated form equals the method's own result exactly: the forward
 *       sweep evaluates the same operations in the same order.
 *   <li><b>Central differences.</b> Each partial agrees with (f(p + hᵢ) − f(p − hᵢ)) / 2hᵢ, hᵢ =
 *       ε<sup>1/3</sup>·max(1, |pᵢ|) ≈ 6·10⁻⁶·max(1, |pᵢ|), the step that balances the two errors of
 *       the difference quotient: truncation, hᵢ²·|f‴|/6 ≈ 6·10⁻¹²·|f‴| (relative to the partial far
 *       below 10⁻⁶ on these domains), and rounding, about k·ε·|f|/hᵢ where k counts the ulps by which
 *       f itself is off (a few per operation). So the tolerance is 10⁻⁶ relative plus 100·ε·(1 +
 *       |f|)/hᵢ absolute: k = 100 covers the longest functions here.
 *   <li><b>The {@link Value} version</b>, an independent implementation of the same function, agrees
 *       to 10⁻¹⁰ relative, plus 10⁻¹²·max|∂f| absolute since a partial that is a sum of terms carries
 *       rounding relative to its largest term, not to itself. The two differ by rounding only (a few
 *       ulps per operation, times the condition number of the function, small here), while a wrong
 *       derivative rule is off by far more.
 *   <li><b>The other forms.</b> The Into form writes exactly the record's partials. The pullback adds
 *       upstream × partial exactly into {@code adjoints[offset + i]} and touches nothing else: with a
 *       power-of-two upstream every adjoint is scaled without rounding, so no tolerance is needed.
 * </ol>
 *
 * Points are drawn from a {@link SplittableRandom} seeded with the seed in the display name; points
 * within 10⁻⁴ of a branch threshold, or whose difference stencil crosses one, are redrawn.
 */
class CorpusTest {
  private static final int POINTS = 8;
  private static final long BASE_SEED = 0x5EED_0000L;
  private static final double EPS = Math.ulp(1.0);
  private static final double FD_STEP = Math.cbrt(EPS);
  private static final double FD_RELATIVE = 1e-6;
  private static final double VALUE_RELATIVE = 1e-10;
  private static final double KINK_MARGIN = 1e-4;
  private static final double UPSTREAM = -0.25; // a power of two: scaling by it is exact

  static List<Case> cases() {
    List<Case> all = new ArrayList<>();
    all.addAll(CorpusCases.all());
    all.addAll(PhysicsCases.all());
    return all;
  }

  @Test
  void corpusHasAtLeastFortyFunctions() {
    assertTrue(cases().size() >= 40, "only " + cases().size() + " functions");
  }

  @TestFactory
  Stream<DynamicNode> gradients() {
    return cases().stream()
        .map(c -> DynamicContainer.dynamicContainer(
            c.toString(),
            IntStream.range(0, POINTS)
                .mapToObj(i -> {
                  long seed = BASE_SEED + i;
                  return DynamicTest.dynamicTest("seed=" + seed, () -> check(c, seed));
                })));
  }

  /**
   * Hand-picked points: branch thresholds and kinks themselves, zeros, large arguments. No differences
   * here (the function is not differentiable at a kink); the generated code and the Value version must
   * still agree, both following Value's conventions, and the three forms must agree exactly.
   */
  @TestFactory
  Stream<DynamicNode> edges() {
    return cases().stream()
        .filter(c -> !c.edges.isEmpty())
        .map(c -> DynamicContainer.dynamicContainer(
            c.toString(),
            c.edges.stream()
                .map(p -> DynamicTest.dynamicTest(Arrays.toString(p), () -> {
                  String where = c + " at " + Arrays.toString(p);
                  checkValueVersion(c, p, checkForms(c, p, 0, where), where);
                }))));
  }

  private static void check(Case c, long seed) {
    double[] p = point(c, seed);
    String where = c + " at " + Arrays.toString(p) + " (seed " + seed + ")";
    double[] partials = checkForms(c, p, seed, where);
    checkDifferences(c, p, partials, where);
    checkValueVersion(c, p, partials, where);
  }

  /** Checks the value and the Into and pullback forms against the record; returns its partials. */
  private static double[] checkForms(Case c, double[] p, long seed, String where) {
    int n = c.active();

    // the record form
    double f = c.primal.at(p);
    double[] g = components(c, c.record.at(p), where);
    assertEquals(f, g[0], where + ": record value differs from the method's");
    double[] partials = Arrays.copyOfRange(g, 1, g.length);

    // the Into form
    double[] into = new double[n];
    assertEquals(f, c.into.at(p, into), where + ": Into value");
    assertArrayEquals(partials, into, where + ": Into partials differ from the record's");

    // the pullback form, at an offset into an array with other contents
    SplittableRandom random = new SplittableRandom(seed);
    int offset = 2;
    double[] adjoints = random.doubles(n + 4, -1, 1).toArray();
    double[] expected = adjoints.clone();
    for (int i = 0; i < n; i++) {
      expected[offset + i] += UPSTREAM * partials[i];
    }
    assertEquals(f, c.pullback.at(p, UPSTREAM, adjoints, offset), where + ": pullback value");
    assertArrayEquals(expected, adjoints, where + ": pullback adjoints");
    return partials;
  }

  private static void checkDifferences(Case c, double[] p, double[] partials, String where) {
    double f = c.primal.at(p);
    for (int i = 0; i < c.active(); i++) {
      double h = FD_STEP * Math.max(1, Math.abs(p[i]));
      double[] up = p.clone();
      double[] down = p.clone();
      up[i] += h;
      down[i] -= h;
      double fd = (c.primal.at(up) - c.primal.at(down)) / (up[i] - down[i]);
      double tol = FD_RELATIVE * Math.max(Math.abs(partials[i]), Math.abs(fd))
          + 100 * EPS * (1 + Math.abs(f)) / h;
      if (!(Math.abs(partials[i] - fd) <= tol)) {
        fail(where + ": ∂/∂" + c.partialNames.get(i) + " = " + partials[i]
            + " but central difference = " + fd + " (tolerance " + tol + ")");
      }
    }
  }

  private static void checkValueVersion(Case c, double[] p, double[] partials, String where) {
    int n = c.active();
    Value[] leaves = new Value[n];
    for (int i = 0; i < n; i++) {
      leaves[i] = new Value(p[i]);
    }
    Value out = c.value.at(leaves, p);
    out.backward();
    double scale = 0;
    for (double d : partials) {
      scale = Math.max(scale, Math.abs(d));
    }
    assertClose(c.primal.at(p), out.data(), VALUE_RELATIVE, 0, where + ": Value version's value");
    for (int i = 0; i < n; i++) {
      assertClose(partials[i], leaves[i].grad(), VALUE_RELATIVE, 1e-12 * scale,
          where + ": ∂/∂" + c.partialNames.get(i) + " vs the Value version");
    }
  }

  private static void assertClose(double expected, double actual, double relative, double absolute,
      String message) {
    double tol = relative * Math.max(Math.abs(expected), Math.abs(actual)) + absolute;
    if (!(Math.abs(expected - actual) <= tol)) {
      fail(message + ": generated " + expected + ", Value " + actual + " (tolerance " + tol + ")");
    }
  }

  /** The seeded point: the first draw that is valid and clear of every kink. */
  static double[] point(Case c, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int attempt = 0; attempt < 10_000; attempt++) {
      double[] p = c.draw(random);
      if (c.valid.test(p) && clearOfKinks(c, p)) { // clearOfKinks also checks the stencil
        return p;
      }
    }
    throw new AssertionError(c + ": no valid point in 10,000 draws from seed " + seed);
  }

  /**
   * Whether p is at least {@link #KINK_MARGIN} from every threshold, and every point of its difference
   * stencil is valid and on the same side of every threshold as p.
   */
  private static boolean clearOfKinks(Case c, double[] p) {
    double[] sides = new double[c.kinks.size()];
    for (int k = 0; k < sides.length; k++) {
      double t = c.kinks.get(k).applyAsDouble(p);
      if (!(Math.abs(t) >= KINK_MARGIN)) {
        return false;
      }
      sides[k] = Math.signum(t);
    }
    for (int i = 0; i < c.active(); i++) {
      double h = FD_STEP * Math.max(1, Math.abs(p[i]));
      for (double step : new double[] {-h, h}) {
        double[] q = p.clone();
        q[i] += step;
        if (!c.valid.test(q)) {
          return false;
        }
        for (int k = 0; k < sides.length; k++) {
          if (Math.signum(c.kinks.get(k).applyAsDouble(q)) != sides[k]) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** The record's components, checking their names: value, then the partials. */
  private static double[] components(Case c, Record r, String where) {
    RecordComponent[] rc = r.getClass().getRecordComponents();
    List<String> names = new ArrayList<>();
    double[] out = new double[rc.length];
    try {
      for (int i = 0; i < rc.length; i++) {
        names.add(rc[i].getName());
        var accessor = rc[i].getAccessor();
        accessor.setAccessible(true);
        out[i] = (double) accessor.invoke(r);
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(where, e);
    }
    List<String> expected = new ArrayList<>();
    expected.add("value");
    expected.addAll(c.partialNames);
    assertEquals(expected, names, where + ": record components");
    return out;
  }
}
