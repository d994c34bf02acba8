package io.adjoint.samples.records;

import io.adjoint.Differentiable;
import io.adjoint.samples.corpus.physics.BlackScholes;

/**
 * Pricing with records: European calls under Black–Scholes, a book of positions in them, and cash flows
 * discounted on a Nelson–Siegel yield curve; the book and the cash flows also over flat arrays. The
 * gradients are the sensitivities a risk report wants (delta, rho and vega of a book; the curve's
 * parameter sensitivities of a bond). The normal CDF is the corpus's ({@link BlackScholes#normalCdf}), and
 * {@link BlackScholes#callPrice} is {@link #callPrice} over doubles.
 */
public final class Finance {
  private Finance() {}

  public record Market(double spot, double rate, double volatility) {}

  /** A European call: its strike and its time to expiry in years. */
  public record Option(double strike, double maturity) {}

  /** {@code quantity} calls (negative when sold). */
  public record Position(Option option, double quantity) {}

  /** An amount paid at {@code time} years. */
  public record CashFlow(double time, double amount) {}

  /** A Nelson–Siegel curve: level β₀, slope β₁, curvature β₂ and the decay time τ of the last two. */
  public record Curve(double level, double slope, double curvature, double decay) {}

  /** The Black–Scholes price of {@code option} in {@code market}. */
  @Differentiable
  public static double callPrice(Option option, Market market) {
    double spot = market.spot();
    double rate = market.rate();
    double sigma = market.volatility();
    double maturity = option.maturity();
    double sqrtT = Math.sqrt(maturity);
    double d1 = (Math.log(spot / option.strike()) + (rate + 0.5 * sigma * sigma) * maturity) / (sigma * sqrtT);
    double d2 = d1 - sigma * sqrtT;
    return spot * BlackScholes.normalCdf(d1) - option.strike() * Math.exp(-rate * maturity) * BlackScholes.normalCdf(d2);
  }

  @Differentiable
  public static double bookValue(Position[] book, Market market) {
    double value = 0;
    for (Position position : book) {
      value += position.quantity() * callPrice(position.option(), market);
    }
    return value;
  }

  /**
   * The curve's continuously compounded zero rate for {@code t} years: β₀ + β₁ f + β₂ (f − e⁻ˣ) with
   * x = t/τ and f = (1 − e⁻ˣ)/x.
   */
  @Differentiable
  public static double zeroRate(Curve curve, double t) {
    double x = t / curve.decay();
    double f = -Math.expm1(-x) / x;
    return curve.level() + curve.slope() * f + curve.curvature() * (f - Math.exp(-x));
  }

  /** {@link #zeroRate} over the curve's β₀, β₁, β₂, τ. */
  @Differentiable
  public static double zeroRateFlat(double[] curve, double t) {
    double x = t / curve[3];
    double f = -Math.expm1(-x) / x;
    return curve[0] + curve[1] * f + curve[2] * (f - Math.exp(-x));
  }

  /** Σ amount · e^(−r(t) t). */
  @Differentiable
  public static double presentValue(CashFlow[] flows, Curve curve) {
    double value = 0;
    for (CashFlow flow : flows) {
      value += flow.amount() * Math.exp(-zeroRate(curve, flow.time()) * flow.time());
    }
    return value;
  }

  /** {@link #bookValue} over one flat array, each position's strike, maturity and quantity in turn. */
  @Differentiable
  public static double bookValueFlat(double[] book, double spot, double rate, double volatility) {
    double value = 0;
    for (int i = 0; i < book.length / 3; i++) {
      value += book[3 * i + 2] * BlackScholes.callPrice(spot, book[3 * i], book[3 * i + 1], rate, volatility);
    }
    return value;
  }

  /** {@link #presentValue} over each flow's time and amount in turn and the curve's β₀, β₁, β₂, τ. */
  @Differentiable
  public static double presentValueFlat(double[] flows, double[] curve) {
    double value = 0;
    for (int i = 0; i < flows.length / 2; i++) {
      double t = flows[2 * i];
      double x = t / curve[3];
      double f = -Math.expm1(-x) / x;
      double rate = curve[0] + curve[1] * f + curve[2] * (f - Math.exp(-x));
      value += flows[2 * i + 1] * Math.exp(-rate * t);
    }
    return value;
  }
}
