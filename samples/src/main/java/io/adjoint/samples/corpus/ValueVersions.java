package io.adjoint.samples.corpus;

import static io.adjoint.samples.corpus.ValueMath.constant;

import io.adjoint.Value;

/**
 * Every function of this package written a second time with the dynamic {@link Value} API: the same
 * formulas, operation for operation where Value has the operation (see {@link ValueMath} for the rest),
 * and the branches taken on {@link Value#data()}. The functional tests compare the generated gradients
 * with these.
 */
public final class ValueVersions {
  private ValueVersions() {}

  // ---- Activations ----

  /**
   * The two branches of {@link Activations#sigmoid}, not {@link Value#sigmoid}: the latter's derivative
   * out·(1 − out) cancels when σ is near 1 (from x ≈ 15 it has lost 10⁻⁹ relative, from x ≈ 37 it is 0).
   */
  public static Value sigmoid(Value x) {
    if (x.data() >= 0) {
      return constant(1.0).div(x.neg().exp().add(1));
    }
    Value e = x.exp();
    return e.div(e.add(1));
  }

  public static Value softplus(Value x) {
    return ValueMath.max(x, 0.0).add(ValueMath.log1p(x.abs().neg().exp()));
  }

  public static Value geluTanh(Value x) {
    Value inner = x.add(x.mul(Activations.GELU_CUBIC).mul(x).mul(x)).mul(Activations.SQRT_2_OVER_PI);
    return x.mul(0.5).mul(inner.tanh().add(1));
  }

  public static Value swish(Value x, Value beta) {
    return x.mul(sigmoid(beta.mul(x)));
  }

  public static Value elu(Value x, Value alpha) {
    return x.data() > 0 ? x : alpha.mul(ValueMath.expm1(x));
  }

  public static Value leakyRelu(Value x, Value slope) {
    return x.data() >= 0 ? x : slope.mul(x);
  }

  public static Value selu(Value x) {
    Value y = x.data() <= 0 ? x.exp().sub(1).mul(Activations.SELU_ALPHA) : x;
    return y.mul(Activations.SELU_SCALE);
  }

  public static Value mish(Value x) {
    return x.mul(softplus(x).tanh());
  }

  // ---- Losses ----

  public static Value squaredError(Value prediction, double target) {
    Value r = prediction.sub(target);
    return r.mul(0.5).mul(r);
  }

  public static Value huber(Value prediction, double target, double delta) {
    Value r = prediction.sub(target).abs();
    if (r.data() <= delta) {
      return r.mul(0.5).mul(r);
    }
    return r.sub(0.5 * delta).mul(delta);
  }

  public static Value logCosh(Value prediction, Value target) {
    return ValueMath.cosh(prediction.sub(target)).log();
  }

  public static Value logisticLoss(Value score, int label) {
    return softplus(score.mul(-label));
  }

  public static Value binaryCrossEntropy(Value logit, double target) {
    Value p = sigmoid(logit);
    return p.log().mul(target).add(p.neg().add(1).log().mul(1 - target)).neg();
  }

  public static Value pinball(Value prediction, Value target, double tau) {
    Value r = target.sub(prediction);
    return r.data() >= 0 ? r.mul(tau) : r.mul(tau - 1);
  }

  public static Value hinge(Value score, int label) {
    return ValueMath.max(score.mul(-label).add(1), 0.0);
  }

  // ---- TestFunctions ----

  public static Value rosenbrock(Value x, Value y) {
    Value a = x.neg().add(1);
    Value b = y.sub(x.mul(x));
    return a.mul(a).add(b.mul(100).mul(b));
  }

  public static Value himmelblau(Value x, Value y) {
    return x.mul(x).add(y).sub(11).pow(2).add(x.add(y.mul(y)).sub(7).pow(2));
  }

  public static Value beale(Value x, Value y) {
    Value a = x.neg().add(1.5).add(x.mul(y));
    Value b = x.neg().add(2.25).add(x.mul(y.pow(2)));
    Value c = x.neg().add(2.625).add(x.mul(y.pow(3)));
    return a.mul(a).add(b.mul(b)).add(c.mul(c));
  }

  public static Value booth(Value x, Value y) {
    Value a = x.add(y.mul(2)).sub(7);
    Value b = x.mul(2).add(y).sub(5);
    return a.mul(a).add(b.mul(b));
  }

  public static Value ackley(Value x, Value y) {
    Value r = x.mul(x).add(y.mul(y)).mul(0.5).sqrt();
    Value c = x.mul(2 * Math.PI).cos().add(y.mul(2 * Math.PI).cos()).mul(0.5);
    return r.mul(-0.2).exp().mul(-20).sub(c.exp()).add(Math.E).add(20);
  }

  public static Value rastrigin(Value x, Value y) {
    Value sum = x.mul(x).sub(x.mul(2 * Math.PI).cos().mul(10)).add(20);
    return sum.add(y.mul(y).sub(y.mul(2 * Math.PI).cos().mul(10)));
  }

  public static Value matyas(Value x, Value y) {
    return x.mul(x).add(y.mul(y)).mul(0.26).sub(x.mul(0.48).mul(y));
  }

  public static Value threeHumpCamel(Value x, Value y) {
    Value x2 = x.mul(x);
    return x2.mul(2)
        .sub(x2.mul(1.05).mul(x2))
        .add(x2.mul(x2).mul(x2).div(6))
        .add(x.mul(y))
        .add(y.mul(y));
  }

  public static Value goldsteinPrice(Value x, Value y) {
    Value p = x.mul(-14).add(19).add(x.mul(3).mul(x)).sub(y.mul(14)).add(x.mul(6).mul(y))
        .add(y.mul(3).mul(y));
    Value a = x.add(y).add(1).pow(2).mul(p).add(1);
    Value q = x.mul(-32).add(18).add(x.mul(12).mul(x)).add(y.mul(48)).sub(x.mul(36).mul(y))
        .add(y.mul(27).mul(y));
    Value b = x.mul(2).sub(y.mul(3)).pow(2).mul(q).add(30);
    return a.mul(b);
  }

  public static Value styblinskiTang(Value x, Value y) {
    Value fx = x.pow(4).sub(x.mul(x).mul(16)).add(x.mul(5));
    Value fy = y.pow(4).sub(y.mul(y).mul(16)).add(y.mul(5));
    return fx.add(fy).div(2);
  }

  // ---- Misc ----

  public static Value piecewiseLinear(Value x) {
    if (x.data() < -1) {
      return x.add(1).mul(0.5).sub(1);
    } else if (x.data() < 2) {
      return x;
    }
    return x.sub(2).mul(3).add(2);
  }

  public static Value smoothstep(Value edge0, Value edge1, Value x) {
    Value t = x.sub(edge0).div(edge1.sub(edge0));
    if (t.data() <= 0) {
      return constant(0.0);
    }
    if (t.data() >= 1) {
      return constant(1.0);
    }
    return t.mul(t).mul(t.mul(-2).add(3));
  }

  public static Value sawtooth(Value x, Value amplitude) {
    return amplitude.mul(x.sub(constant(Math.floor(x.data()))));
  }

  public static Value chebyshev(Value x, int n) {
    return ValueMath.acos(x).mul(n).cos();
  }

  public static Value reassignmentChain(Value x, Value y) {
    Value s = x.add(y).mul(x).sub(1.5).div(y.mul(y).add(1)).add(1);
    s = s.mul(s).sub(1);
    return s.add(x).sin().mul(y);
  }

  public static Value ternaryChain(Value x, Value y) {
    if (x.data() > y.data()) {
      return x.data() > 0 ? x.mul(y) : x.sub(y);
    }
    return y.data() > 1 ? y.sqrt().mul(x) : y.mul(y);
  }

  public static Value logSumExp(Value a, Value b) {
    Value m = a.max(b);
    return m.add(a.sub(m).exp().add(b.sub(m).exp()).log());
  }

  public static Value twentyOps(Value x, Value y, Value z) {
    Value a = x.mul(y).add(z.sin());
    Value b = a.neg().mul(a).exp().div(z.mul(z).add(1));
    Value c = x.mul(x).add(y.mul(y)).add(1).sqrt();
    Value d = c.log().mul(b).sub(ValueMath.atan(y.div(c)));
    return a.mul(b).add(c.mul(d)).sub(x.sub(z).tanh()).add(b.mul(c).cos());
  }

  public static Value roundedProduct(Value x, Value y) {
    long n = Math.round(y.data());
    double c = Math.ceil(x.data()) + Math.rint(x.data() * y.data()) * Math.signum(y.data());
    return x.mul(n).add(y.mul(c));
  }

  public static Value withIncrements(Value x, int k) {
    int i = k + 2;
    Value s = x.add(1).mul(i).sub(1);
    i--;
    return s.div(i).add(x.mul(k));
  }

  // ---- Geometry ----

  public static Value distance(Value x1, Value y1, Value x2, Value y2) {
    return ValueMath.hypot(x2.sub(x1), y2.sub(y1));
  }

  public static Value angle(Value x, Value y) {
    return ValueMath.atan2(y, x);
  }

  public static Value polarX(Value r, Value theta) {
    return r.mul(theta.cos());
  }

  public static Value polarY(Value r, Value theta) {
    return r.mul(theta.sin());
  }

  public static Value haversine(Value lat1, Value lon1, Value lat2, Value lon2) {
    Value phi1 = ValueMath.toRadians(lat1);
    Value phi2 = ValueMath.toRadians(lat2);
    Value sinDPhi = phi2.sub(phi1).div(2).sin();
    Value sinDLambda = ValueMath.toRadians(lon2.sub(lon1)).div(2).sin();
    Value h = sinDPhi.mul(sinDPhi).add(phi1.cos().mul(phi2.cos()).mul(sinDLambda).mul(sinDLambda));
    return ValueMath.asin(h.sqrt()).mul(2 * Geometry.EARTH_RADIUS_KM);
  }

  public static Value triangleArea(Value a, Value b, Value c) {
    Value s = a.add(b).add(c).div(2);
    return s.mul(s.sub(a)).mul(s.sub(b)).mul(s.sub(c)).sqrt();
  }

  public static Value angleBetween(Value ax, Value ay, Value bx, Value by) {
    Value dot = ax.mul(bx).add(ay.mul(by));
    return ValueMath.acos(dot.div(ValueMath.hypot(ax, ay).mul(ValueMath.hypot(bx, by))));
  }

  public static Value bearingDegrees(Value x1, Value y1, Value x2, Value y2) {
    return ValueMath.toDegrees(ValueMath.atan2(x2.sub(x1), y2.sub(y1)));
  }

  // ---- Finance ----

  public static Value compoundInterest(Value principal, Value rate, int periodsPerYear, Value years) {
    return principal.mul(rate.div(periodsPerYear).add(1).pow(years.mul(periodsPerYear)));
  }

  public static Value continuousCompounding(Value principal, Value rate, Value years) {
    return principal.mul(rate.mul(years).exp());
  }

  public static Value annuityPayment(Value principal, Value rate, int periods) {
    return principal.mul(rate).div(rate.add(1).pow(-periods).neg().add(1));
  }

  public static Value presentValue(Value rate, Value c1, Value c2, Value c3) {
    Value d = rate.add(1);
    return c1.div(d).add(c2.div(d.pow(2))).add(c3.div(d.pow(3)));
  }

  // ---- Kernels ----

  public static Value matern32(Value r, Value lengthScale) {
    Value s = r.mul(Math.sqrt(3.0)).div(lengthScale);
    return s.add(1).mul(s.neg().exp());
  }

  public static Value rbf(Value x, Value y, Value lengthScale, Value variance) {
    Value d = x.sub(y).div(lengthScale);
    return variance.mul(d.mul(-0.5).mul(d).exp());
  }

  public static Value logPdf(Value x, Value mu, Value sigma) {
    Value z = x.sub(mu).div(sigma);
    return z.mul(-0.5).mul(z).sub(sigma.log()).sub(Kernels.Gaussian.LOG_SQRT_2PI);
  }

  // ---- Arithmetic ----

  public static Value integerDivision(Value x, int n) {
    int half = n / 2;
    Value a = x.mul(half).add(x.mul(1 / 2));
    return a.add(x.mul(1 / 2.0).mul(x)).add(x.div(3).mul(n / 3));
  }

  public static Value literals(Value x, long m) {
    long big = m * 3L + 0x10;
    return x.mul(big).add(x.mul(0.1).mul(x)).add(x.mul(1e-3)).add(1_000.5).add(big / 7);
  }

  public static Value reassignedParameters(Value x, Value y) {
    Value x1 = x.mul(2);
    Value y1 = y.add(x1);
    Value a = x1.mul(y1);
    Value b = a.sub(y1);
    return x1.div(b.mul(b).add(1)).add(a);
  }

  public static Value booleans(Value x, Value y, boolean flip) {
    boolean big = x.data() > 1 && y.data() < 2;
    boolean neither = !big && !(x.data() < -1 || y.data() > 3);
    Value r = big ? x.mul(y) : x.add(y);
    return neither != flip ? r.mul(r) : r;
  }

  public static Value intMath(Value x, int n) {
    int k = Math.max(n, 3) + Math.abs(n - 5) + Math.min(n, -n);
    return x.max(constant(k)).mul(x.abs()).add(k);
  }

  public static Value composed(Value x, Value y) {
    return sigmoid(softplus(x).mul(Activations.GELU_CUBIC).add(booth(geluTanh(y), x)));
  }

  public static Value callsInTernary(Value x, Value y) {
    return x.data() > y.data() ? rosenbrock(x, y) : himmelblau(y, x).neg();
  }

  public static Value nestedEarlyReturn(Value x, Value y) {
    Value s = x.mul(y);
    if (x.data() > 0) {
      s = s.add(x);
      if (y.data() > 0) {
        return s.mul(y);
      }
      s = s.sub(y.mul(y));
    } else if (y.data() > 1) {
      return s.exp();
    }
    return s.add(s.cos());
  }

  // ---- Names ----

  public static Value clashes(Value value, Value upstream, Value adjoints, Value partials) {
    Value t = value.mul(upstream);
    Value offset = t.add(adjoints).mul(partials).sin().sub(t);
    return offset.mul(value);
  }

  public static Value norm2(Value x, Value y) {
    return x.mul(x).add(y.mul(y));
  }

  public static Value norm2(Value x, Value y, Value z) {
    return norm2(x, y).add(z.mul(z));
  }
}
