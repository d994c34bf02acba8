package io.adjoint.samples.records;

import static io.adjoint.samples.records.Checks.assertClose;
import static io.adjoint.samples.records.Checks.assertGradient;
import static io.adjoint.samples.records.Checks.assertTangent;
import static io.adjoint.samples.records.Checks.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.samples.corpus.physics.BlackScholesGradients;
import io.adjoint.samples.records.Finance.CashFlow;
import io.adjoint.samples.records.Finance.Curve;
import io.adjoint.samples.records.Finance.Market;
import io.adjoint.samples.records.Finance.Option;
import io.adjoint.samples.records.Finance.Position;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pricing over records: each gradient against central differences and against the same pricing over
 * doubles and flat arrays, and identities that hold whatever the normal CDF's fit: a call's price is
 * homogeneous of degree one in spot and strike, and depends on rate and maturity only through rT and
 * σ²T; a present value is linear in the amounts.
 */
class FinanceTest {
  private static Market market(SplittableRandom r) {
    return new Market(r.nextDouble(50, 150), r.nextDouble(0.0, 0.08), r.nextDouble(0.1, 0.5));
  }

  private static Market market(double[] m) {
    return new Market(m[0], m[1], m[2]);
  }

  private static double[] flat(Market m) {
    return new double[] {m.spot(), m.rate(), m.volatility()};
  }

  private static double[] flat(Finance_MarketTangent m) {
    return new double[] {m.spot(), m.rate(), m.volatility()};
  }

  /** Each position's strike, maturity and quantity in turn. */
  private static Position[] book(double[] flat) {
    Position[] book = new Position[flat.length / 3];
    for (int i = 0; i < book.length; i++) {
      book[i] = new Position(new Option(flat[3 * i], flat[3 * i + 1]), flat[3 * i + 2]);
    }
    return book;
  }

  @Test
  void callPrice() {
    SplittableRandom r = new SplittableRandom(51);
    for (int k = 0; k < 20; k++) {
      Market m = market(r);
      double[] o = {m.spot() * r.nextDouble(0.7, 1.3), r.nextDouble(0.1, 3)};
      Option option = new Option(o[0], o[1]);
      var g = FinanceGradients.callPrice(option, m);
      double[] optionPartials = {g.option().strike(), g.option().maturity()};
      double[] marketPartials = flat(g.market());
      // BlackScholes.callPrice is the same price over doubles, the same arithmetic
      var byDoubles = BlackScholesGradients.callPrice(m.spot(), o[0], o[1], m.rate(), m.volatility());
      assertEquals(byDoubles.value(), g.value(), 0.0);
      assertGradient(v -> Finance.callPrice(new Option(v[0], v[1]), m), o, optionPartials,
          new double[] {byDoubles.k(), byDoubles.t()}, 1e-15, "option");
      assertGradient(v -> Finance.callPrice(option, market(v)), flat(m), marketPartials,
          new double[] {byDoubles.s(), byDoubles.r(), byDoubles.sigma()}, 1e-15, "market");

      // Euler: S ∂C/∂S + K ∂C/∂K = C; and T ∂C/∂T = r ∂C/∂r + (σ/2) ∂C/∂σ
      assertEquals(g.value(), m.spot() * g.market().spot() + o[0] * g.option().strike(), 1e-12 * m.spot());
      assertEquals(o[1] * g.option().maturity(),
          m.rate() * g.market().rate() + 0.5 * m.volatility() * g.market().volatility(), 1e-12 * m.spot());
    }
  }

  @Test
  void bookValue() {
    SplittableRandom r = new SplittableRandom(52);
    for (int n = 1; n <= 5; n++) {
      Market m = market(r);
      double[] flat = new double[3 * n];
      for (int i = 0; i < n; i++) {
        flat[3 * i] = m.spot() * r.nextDouble(0.7, 1.3);
        flat[3 * i + 1] = r.nextDouble(0.1, 3);
        flat[3 * i + 2] = r.nextDouble(-10, 10);
      }
      var g = FinanceGradients.bookValue(book(flat), m);
      double[] bookPartials = Finance_PositionTangent.flatten(g.book());
      // the flat book calls BlackScholes.callPrice through its gradient and scales that by the quantity,
      // where the record book is inlined and carries the quantity through the sweep: the same partials,
      // rounded in another order
      var byArrays = FinanceGradients.bookValueFlat(flat, m.spot(), m.rate(), m.volatility());
      assertEquals(byArrays.value(), g.value(), 0.0);
      assertGradient(v -> Finance.bookValue(book(v), m), flat, bookPartials, byArrays.book(), 1e-14, n + " positions");
      assertGradient(v -> Finance.bookValue(book(flat), market(v)), flat(m), flat(g.market()),
          new double[] {byArrays.spot(), byArrays.rate(), byArrays.volatility()}, 1e-14, n + ": market");

      double[] direction = r.doubles(3 * n + 3, -1, 1).toArray();
      var tangent = FinanceGradients.bookValueTangent(book(flat), m,
          Finance_PositionTangent.arrayOf(java.util.Arrays.copyOf(direction, 3 * n)),
          Finance_MarketTangent.arrayOf(java.util.Arrays.copyOfRange(direction, 3 * n, 3 * n + 3))[0]);
      assertTangent(concat(bookPartials, flat(g.market())), direction, tangent.tangent(), n + ": tangent");
    }
  }

  /** ∂r/∂β₀ = 1, ∂r/∂β₁ = f, ∂r/∂β₂ = f − e⁻ˣ with x = t/τ and f = (1 − e⁻ˣ)/x. */
  @Test
  void zeroRate() {
    SplittableRandom r = new SplittableRandom(53);
    for (int k = 0; k < 10; k++) {
      double[] c = {r.nextDouble(0.02, 0.06), r.nextDouble(-0.03, 0.03), r.nextDouble(-0.03, 0.03), r.nextDouble(0.5, 3)};
      double t = r.nextDouble(0.1, 30);
      var g = FinanceGradients.zeroRate(new Curve(c[0], c[1], c[2], c[3]), t);
      double[] partials = {g.curve().level(), g.curve().slope(), g.curve().curvature(), g.curve().decay()};
      // the same arithmetic over an array
      var byArray = FinanceGradients.zeroRateFlat(c, t);
      assertEquals(byArray.value(), g.value(), 0.0);
      assertGradient(v -> Finance.zeroRate(new Curve(v[0], v[1], v[2], v[3]), t), c, partials, byArray.curve(), 0.0,
          "curve");
      assertGradient(v -> Finance.zeroRate(new Curve(c[0], c[1], c[2], c[3]), v[0]), new double[] {t},
          new double[] {g.t()}, new double[] {byArray.t()}, 0.0, "t");
      double x = t / c[3];
      double f = (1 - Math.exp(-x)) / x;
      assertClose(new double[] {1, f, f - Math.exp(-x)}, java.util.Arrays.copyOf(partials, 3), 1e-14, "closed form");
    }
  }

  @Test
  void presentValue() {
    SplittableRandom r = new SplittableRandom(54);
    for (int n = 1; n <= 6; n++) {
      double[] flows = new double[2 * n];
      for (int i = 0; i < n; i++) {
        flows[2 * i] = i + r.nextDouble(0.2, 1);
        flows[2 * i + 1] = i + 1 < n ? r.nextDouble(2, 6) : 100;
      }
      double[] c = {r.nextDouble(0.02, 0.06), r.nextDouble(-0.03, 0.03), r.nextDouble(-0.03, 0.03), r.nextDouble(0.5, 3)};
      Curve curve = new Curve(c[0], c[1], c[2], c[3]);
      var g = FinanceGradients.presentValue(cashFlows(flows), curve);
      double[] flowPartials = Finance_CashFlowTangent.flatten(g.flows());
      double[] curvePartials = Finance_CurveTangent.flatten(new Finance_CurveTangent[] {g.curve()});
      var byArrays = FinanceGradients.presentValueFlat(flows, c);
      assertEquals(byArrays.value(), g.value(), 0.0);
      assertGradient(v -> Finance.presentValue(cashFlows(v), curve), flows, flowPartials, byArrays.flows(), 1e-15,
          n + " flows");
      assertGradient(v -> Finance.presentValue(cashFlows(flows), new Curve(v[0], v[1], v[2], v[3])), c,
          curvePartials, byArrays.curve(), 1e-14, n + " flows: curve");
      // linear in the amounts: ∂PV/∂aᵢ is the discount factor e^(−r(tᵢ) tᵢ)
      for (int i = 0; i < n; i++) {
        double t = flows[2 * i];
        assertEquals(Math.exp(-Finance.zeroRate(curve, t) * t), g.flows()[i].amount(), 1e-15);
      }
    }
  }

  private static CashFlow[] cashFlows(double[] flat) {
    CashFlow[] flows = new CashFlow[flat.length / 2];
    for (int i = 0; i < flows.length; i++) {
      flows[i] = new CashFlow(flat[2 * i], flat[2 * i + 1]);
    }
    return flows;
  }
}
