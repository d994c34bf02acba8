package io.adjoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Checks a gradient against finite differences in one call, like PyTorch's {@code gradcheck}.
 *
 * <pre>{@code
 * ToDoubleFunction<double[]> f = p -> TestFunctions.rosenbrock(p[0], p[1]);
 * GradCheck.checkInto(f, (p, g) -> TestFunctionsGradients.rosenbrockInto(p[0], p[1], g), -1.2, 1.0)
 *     .assertPassed();                                       // a generated gradient
 * GradCheck.check(f, p -> new double[] {dx(p), dy(p)}, -1.2, 1.0).assertPassed(); // a hand-written one
 * GradCheck.checkValue(v -> v[0].mul(v[1]).sin(), 0.3, 0.7).assertPassed();      // a Value graph
 * }</pre>
 *
 * <p>{@link #checkTangent}, {@link #checkJacobian}, {@link #checkHessian} and {@link
 * #checkHessianVector} check the other generated forms the same way, with the same report.
 *
 * <h2>The numeric derivative</h2>
 *
 * For each component i, f is evaluated at x + k·h·eᵢ for k = ±½, ±1, ±2, where the step h is the power
 * of two 2⁻¹⁰·2<sup>⌊log₂ max(1, |xᵢ|)⌋</sup> (about 10⁻³ relative to xᵢ, so that x ± kh is exact to
 * rounding). The estimate is the five-point central difference {@code (f(x−2h) − 8f(x−h) + 8f(x+h) −
 * f(x+2h)) / 12h}, Richardson's extrapolation of two central differences: its truncation error is
 * h⁴·|f⁽⁵⁾|/30 (about 10⁻¹³ relative for smooth functions), against h²·|f‴|/6 for the two-point one.
 * That costs 6 evaluations of f per component, plus one at x.
 *
 * <h2>Tolerance</h2>
 *
 * A component passes when |claimed − numeric| ≤ atol + rtol·|numeric| + noise, where {@link
 * #DEFAULT_RTOL} = 10⁻⁶ and {@link #DEFAULT_ATOL} = 10⁻⁸ unless {@link Report#withTolerance} says
 * otherwise, and noise is the rounding error of the difference quotient itself if each value of f is
 * within 16 units in the last place of the true one: 16·2⁻⁵²·max|f(x + kh)|·1.5/h. A claimed value
 * returned with the gradient (by {@link #checkInto} and {@link #checkValue}) must equal f(x) within
 * atol + rtol·|f(x)| too.
 *
 * <h2>Kinks, NaN and infinities</h2>
 *
 * <ul>
 *   <li><b>Kinks.</b> Where f is not differentiable in xᵢ (relu or abs at 0, min or max at a tie), the
 *       one-sided derivatives differ. The check estimates both, to second order with Richardson's
 *       extrapolation, from the samples on each side; when they differ by far more than the change of
 *       each between steps h/2 and h, the component is a {@link Estimate#KINK kink}, and any claimed value
 *       between the two (within the tolerance) passes: relu′(0) = 0, abs′(0) = 0, ½ for a tie of min
 *       or max. A kink within 2h of xᵢ but not at it makes every estimate meaningless: the component
 *       usually fails; check at another point.
 *   <li><b>NaN and infinities.</b> If f is not finite on one side of xᵢ (a domain boundary such as
 *       0 for {@code sqrt}), the component is checked against the one-sided estimate of the other
 *       side ({@link Estimate#RIGHT} or {@link Estimate#LEFT}). If f(x) or both sides are not finite,
 *       there is no estimate ({@link Estimate#NONE}) and the component fails: an unchecked gradient
 *       never passes. A claimed NaN or infinity fails against any finite estimate, so an infinite
 *       derivative such as sqrt′(0) cannot be checked this way.
 * </ul>
 *
 * <p>f is called with fresh copies of x, so it may modify its argument. The gradient is called once,
 * also with a copy.
 */
public final class GradCheck {
  /** The default relative tolerance, 10⁻⁶. */
  public static final double DEFAULT_RTOL = 1e-6;

  /** The default absolute tolerance, 10⁻⁸. */
  public static final double DEFAULT_ATOL = 1e-8;

  /** The step is 2^STEP_EXPONENT times the power of two at or below max(1, |x|). */
  private static final int STEP_EXPONENT = -10;

  /** The accuracy assumed of each value of f, in units of 2⁻⁵² relative to the largest sample. */
  private static final double F_ULPS = 16;

  /** How much larger than their own drift between steps h/2 and h one-sided derivatives must differ to
   * count as a kink. */
  private static final double KINK_FACTOR = 10;

  private GradCheck() {}

  /**
   * A gradient written into an array, the form of a generated {@code fInto}: writes ∂f/∂xᵢ into {@code
   * gradient[i]} and returns f(x).
   */
  @FunctionalInterface
  public interface GradientInto {
    /**
     * Computes the gradient at {@code x}.
     *
     * @param x the point
     * @param gradient where to write the partials, as long as {@code x}, zeroed
     * @return f(x)
     */
    double apply(double[] x, double[] gradient);
  }

  /** How a component's numeric derivative was estimated. */
  public enum Estimate {
    /** The five-point central difference. */
    CENTRAL,
    /** f has a kink in this direction: the claimed value may lie between the one-sided derivatives. */
    KINK,
    /** f is not finite left of x: the one-sided estimate from the right. */
    RIGHT,
    /** f is not finite right of x: the one-sided estimate from the left. */
    LEFT,
    /** No estimate: x, f(x), or f on both sides is not finite. The component fails. */
    NONE
  }

  // ---- entry points ----------------------------------------------------------------------------

  /**
   * Checks {@code gradient}, a function returning the gradient of f, at {@code x}.
   *
   * @param f the function
   * @param gradient its claimed gradient, returning an array as long as its argument
   * @param x the point
   * @return the report; see {@link Report#passed()} and {@link Report#assertPassed()}
   * @throws IllegalArgumentException if the gradient's length is not x's
   */
  public static Report check(ToDoubleFunction<double[]> f, Function<double[], double[]> gradient, double... x) {
    return run(f, gradient.apply(x.clone()), null, x);
  }

  /**
   * Checks {@code claimed}, the gradient of f at {@code x} computed beforehand.
   *
   * @param f the function
   * @param claimed its claimed gradient at x
   * @param x the point
   * @return the report; see {@link Report#passed()} and {@link Report#assertPassed()}
   * @throws IllegalArgumentException if {@code claimed} is not as long as x
   */
  public static Report check(ToDoubleFunction<double[]> f, double[] claimed, double... x) {
    return run(f, claimed.clone(), null, x);
  }

  /**
   * Checks a gradient that writes its partials into an array and returns f(x), as a generated {@code
   * fInto} does: {@code checkInto(p -> Foo.f(p[0], p[1]), (p, g) -> FooGradients.fInto(p[0], p[1], g),
   * x)}. The value it returns is checked against f(x) too.
   *
   * @param f the function
   * @param gradient its claimed gradient
   * @param x the point
   * @return the report; see {@link Report#passed()} and {@link Report#assertPassed()}
   */
  public static Report checkInto(ToDoubleFunction<double[]> f, GradientInto gradient, double... x) {
    double[] g = new double[x.length];
    double value = gradient.apply(x.clone(), g);
    return run(f, g, value, x);
  }

  /**
   * Checks {@link Value#backward()} on a function of {@link Value}s: the claimed gradient is the
   * gradients of leaves holding x after {@code backward()} of {@code f}'s result, and the numeric one
   * differences {@code f}'s data on fresh leaves.
   *
   * @param f the function, called with one new leaf per component of x
   * @param x the point
   * @return the report; see {@link Report#passed()} and {@link Report#assertPassed()}
   */
  public static Report checkValue(Function<Value[], Value> f, double... x) {
    Value[] leaves = leaves(x);
    Value out = f.apply(leaves);
    out.backward();
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      g[i] = leaves[i].grad();
    }
    return run(p -> f.apply(leaves(p)).data(), g, out.data(), x);
  }

  /**
   * A directional derivative, the form of a generated {@code fTangent}: the derivative of f at x along
   * v, Σ ∂f/∂xᵢ·vᵢ.
   */
  @FunctionalInterface
  public interface TangentForm {
    /**
     * Computes the directional derivative.
     *
     * @param x the point
     * @param v the direction
     * @return the derivative of f at x along v
     */
    double apply(double[] x, double[] v);
  }

  /**
   * Checks a directional derivative (forward mode), as a generated {@code fTangent} computes it: {@code
   * checkTangent(p -> Foo.f(p[0], p[1]), (p, d) -> FooGradients.fTangent(p[0], p[1], d[0],
   * d[1]).tangent(), x, v)}. The numeric derivative is that of t ↦ f(x + t·v) at t = 0, estimated as
   * for a gradient's component (so choose v of a size near 1); the report has that one component.
   *
   * @param f the function
   * @param tangent its claimed directional derivative
   * @param x the point
   * @param v the direction
   * @return the report; see {@link Report#passed()} and {@link Report#assertPassed()}
   * @throws IllegalArgumentException if v is not as long as x
   */
  public static Report checkTangent(ToDoubleFunction<double[]> f, TangentForm tangent, double[] x, double[] v) {
    if (v.length != x.length) {
      throw new IllegalArgumentException("the direction has " + v.length + " components but x has " + x.length);
    }
    double[] point = x.clone();
    double[] direction = v.clone();
    double claimed = tangent.apply(point.clone(), direction.clone());
    ToDoubleFunction<double[]> alongV =
        t -> {
          double[] moved = new double[point.length];
          for (int i = 0; i < point.length; i++) {
            moved[i] = point[i] + t[0] * direction[i];
          }
          return f.applyAsDouble(moved);
        };
    return run(alongV, new double[] {claimed}, null, new double[] {0.0});
  }

  /**
   * Checks a Jacobian, as a generated {@code fJacobian} gives it (its components joined into one matrix,
   * a row per output and a column per input): each entry [i][k] against the numeric ∂fᵢ/∂xₖ, estimated as
   * for a gradient's component from the same evaluations of f for every output. The report's component
   * {@code index} is i·n + k for n inputs.
   *
   * @param f the vector-valued function
   * @param jacobian its claimed Jacobian, {@code f(x).length} rows of {@code x.length}
   * @param x the point
   * @return the report; see {@link Report#passed()} and {@link Report#assertPassed()}
   * @throws IllegalArgumentException if the Jacobian's shape is not f's outputs by x's inputs
   */
  public static Report checkJacobian(
      Function<double[], double[]> f, Function<double[], double[][]> jacobian, double... x) {
    return runJacobian(f, jacobian.apply(x.clone()), x);
  }

  /**
   * Checks a Hessian, as a generated {@code fHessian} gives it, against the numeric Jacobian of the
   * gradient (a generated {@code fInto}, checked itself by {@link #checkInto}): the second derivatives
   * as differences of exact first derivatives, which are far more accurate than second differences of f.
   * The report's component {@code index} is i·n + k.
   *
   * @param gradient the gradient of f
   * @param hessian its claimed Hessian
   * @param x the point
   * @return the report; see {@link Report#passed()} and {@link Report#assertPassed()}
   */
  public static Report checkHessian(
      Function<double[], double[]> gradient, Function<double[], double[][]> hessian, double... x) {
    return checkJacobian(gradient, hessian, x);
  }

  /**
   * Checks a Hessian-vector product, as a generated {@code fHessianVector} computes it: each component of
   * H·v against the numeric derivative of t ↦ ∇f(x + t·v)ᵢ at t = 0 (so choose v of a size near 1). The
   * report's component {@code index} is i.
   *
   * @param gradient the gradient of f
   * @param hessianVector its claimed Hessian-vector product, given x and v
   * @param x the point
   * @param v the direction
   * @return the report; see {@link Report#passed()} and {@link Report#assertPassed()}
   * @throws IllegalArgumentException if v is not as long as x
   */
  public static Report checkHessianVector(
      Function<double[], double[]> gradient,
      java.util.function.BiFunction<double[], double[], double[]> hessianVector,
      double[] x,
      double[] v) {
    if (v.length != x.length) {
      throw new IllegalArgumentException("the direction has " + v.length + " components but x has " + x.length);
    }
    double[] point = x.clone();
    double[] direction = v.clone();
    double[] claimed = hessianVector.apply(point.clone(), direction.clone());
    Function<double[], double[]> alongV =
        t -> {
          double[] moved = new double[point.length];
          for (int i = 0; i < point.length; i++) {
            moved[i] = point[i] + t[0] * direction[i];
          }
          return gradient.apply(moved);
        };
    double[][] column = new double[claimed.length][];
    for (int i = 0; i < claimed.length; i++) {
      column[i] = new double[] {claimed[i]};
    }
    return runJacobian(alongV, column, new double[] {0.0});
  }

  private static Report runJacobian(Function<double[], double[]> f, double[][] claimed, double[] x) {
    double[] point = x.clone();
    double[] f0 = f.apply(point.clone());
    if (claimed.length != f0.length) {
      throw new IllegalArgumentException(
          "the Jacobian has " + claimed.length + " rows but f has " + f0.length + " outputs");
    }
    List<Sample> samples = new ArrayList<>(f0.length * x.length);
    for (int k = 0; k < x.length; k++) {
      // every output's estimate from the same six evaluations of f
      int input = k;
      java.util.Map<Double, double[]> evaluated = new java.util.HashMap<>();
      for (int i = 0; i < f0.length; i++) {
        if (claimed[i].length != x.length) {
          throw new IllegalArgumentException(
              "row " + i + " of the Jacobian has " + claimed[i].length + " entries but x has " + x.length);
        }
        int output = i;
        ToDoubleFunction<double[]> fi = p -> evaluated.computeIfAbsent(p[input], unused -> f.apply(p))[output];
        Sample s = sample(fi, point, k, f0[i], claimed[i][k]);
        samples.add(new Sample(
            i * x.length + k, s.x(), s.step(), s.claimed(), s.estimate(), s.numeric(), s.left(), s.right(),
            s.noise(), s.scale()));
      }
    }
    samples.sort(Comparator.comparingInt(Sample::index));
    return new Report(Double.NaN, null, samples, DEFAULT_RTOL, DEFAULT_ATOL, x.length);
  }

  private static Value[] leaves(double[] x) {
    Value[] v = new Value[x.length];
    for (int i = 0; i < x.length; i++) {
      v[i] = new Value(x[i]);
    }
    return v;
  }

  // ---- the check -------------------------------------------------------------------------------

  private static Report run(ToDoubleFunction<double[]> f, double[] claimed, Double claimedValue, double[] x) {
    if (claimed.length != x.length) {
      throw new IllegalArgumentException(
          "the gradient has " + claimed.length + " components but x has " + x.length);
    }
    double[] point = x.clone();
    double f0 = f.applyAsDouble(point.clone());
    List<Sample> samples = new ArrayList<>(x.length);
    for (int i = 0; i < x.length; i++) {
      samples.add(sample(f, point, i, f0, claimed[i]));
    }
    return new Report(f0, claimedValue, samples, DEFAULT_RTOL, DEFAULT_ATOL, 0);
  }

  /** What the tolerance does not change: the estimates for one component. */
  private record Sample(
      int index, double x, double step, double claimed, Estimate estimate, double numeric, double left,
      double right, double noise, double scale) {}

  private static Sample sample(ToDoubleFunction<double[]> f, double[] x, int i, double f0, double claimed) {
    double xi = x[i];
    if (!Double.isFinite(xi)) {
      return new Sample(i, xi, Double.NaN, claimed, Estimate.NONE, Double.NaN, Double.NaN, Double.NaN, 0, 0);
    }
    double h = Math.scalb(1.0, Math.getExponent(Math.max(1.0, Math.abs(xi))) + STEP_EXPONENT);
    double fm2 = at(f, x, i, xi - 2 * h);
    double fm1 = at(f, x, i, xi - h);
    double fmh = at(f, x, i, xi - h / 2);
    double fph = at(f, x, i, xi + h / 2);
    double fp1 = at(f, x, i, xi + h);
    double fp2 = at(f, x, i, xi + 2 * h);

    boolean centre = Double.isFinite(f0);
    boolean leftSide = centre && Double.isFinite(fm2) && Double.isFinite(fm1) && Double.isFinite(fmh);
    boolean rightSide = centre && Double.isFinite(fph) && Double.isFinite(fp1) && Double.isFinite(fp2);
    double largest = 0;
    for (double s : new double[] {f0, fm2, fm1, fmh, fph, fp1, fp2}) {
      if (Double.isFinite(s)) {
        largest = Math.max(largest, Math.abs(s));
      }
    }
    double fError = F_ULPS * Math.ulp(1.0) * largest;

    // One-sided second-order differences at steps h and h/2, and Richardson's extrapolation of the two.
    double rightH = (-3 * f0 + 4 * fp1 - fp2) / (2 * h);
    double rightHalf = (-3 * f0 + 4 * fph - fp1) / h;
    double leftH = (3 * f0 - 4 * fm1 + fm2) / (2 * h);
    double leftHalf = (3 * f0 - 4 * fmh + fm1) / h;
    double right = (4 * rightHalf - rightH) / 3;
    double left = (4 * leftHalf - leftH) / 3;
    double oneSidedNoise = 12 * fError / h; // Σ|coefficient|·fError of the extrapolated quotient

    if (leftSide && rightSide) {
      double central = (fm2 - 8 * fm1 + 8 * fp1 - fp2) / (12 * h);
      double drift = Math.abs(rightH - rightHalf) + Math.abs(leftH - leftHalf);
      boolean kink = Math.abs(right - left) > KINK_FACTOR * drift + 2 * oneSidedNoise;
      if (kink) {
        double scale = Math.max(Math.abs(central), Math.max(Math.abs(left), Math.abs(right)));
        return new Sample(i, xi, h, claimed, Estimate.KINK, central, left, right, oneSidedNoise, scale);
      }
      double noise = 1.5 * fError / h;
      return new Sample(i, xi, h, claimed, Estimate.CENTRAL, central, left, right, noise, Math.abs(central));
    }
    if (rightSide) {
      return new Sample(
          i, xi, h, claimed, Estimate.RIGHT, right, Double.NaN, right, oneSidedNoise, Math.abs(right));
    }
    if (leftSide) {
      return new Sample(i, xi, h, claimed, Estimate.LEFT, left, left, Double.NaN, oneSidedNoise, Math.abs(left));
    }
    return new Sample(i, xi, h, claimed, Estimate.NONE, Double.NaN, Double.NaN, Double.NaN, 0, 0);
  }

  /** f with component i of x replaced by {@code xi}, on a copy. */
  private static double at(ToDoubleFunction<double[]> f, double[] x, int i, double xi) {
    double[] p = x.clone();
    p[i] = xi;
    return f.applyAsDouble(p);
  }

  // ---- the report ------------------------------------------------------------------------------

  /**
   * One component of the check.
   *
   * @param index i, the component's index
   * @param x xᵢ
   * @param step the step h of the differences (NaN if xᵢ is not finite)
   * @param claimed the claimed ∂f/∂xᵢ
   * @param numeric the estimate of ∂f/∂xᵢ: the five-point central difference, or the one-sided estimate
   *     for {@link Estimate#LEFT} and {@link Estimate#RIGHT}; NaN for {@link Estimate#NONE}
   * @param left the one-sided derivative from the left (NaN where f is not finite on that side)
   * @param right the one-sided derivative from the right (NaN where f is not finite on that side)
   * @param estimate how the numeric derivative was estimated
   * @param error how far the claimed value is from what passes: |claimed − numeric|, or for a {@link
   *     Estimate#KINK} its distance from the interval between {@code left} and {@code right} if smaller
   * @param allowed the largest error that passes: atol + rtol·|numeric| + the rounding noise of the
   *     estimate
   */
  public record Component(
      int index, double x, double step, double claimed, double numeric, double left, double right,
      Estimate estimate, double error, double allowed) {

    /**
     * Whether the claimed value is within the tolerance; never for {@link Estimate#NONE} or NaN.
     *
     * @return whether the component passes
     */
    public boolean passed() {
      return estimate != Estimate.NONE && (error <= allowed || claimed == numeric);
    }

    /**
     * The error relative to the numeric estimate: {@code error / |numeric|}, 0 when both are 0.
     *
     * @return the relative error
     */
    public double relativeError() {
      return error == 0 ? 0 : error / Math.abs(numeric);
    }

    /** How the worst components are ranked: error / allowed, every failure above every pass. */
    private double badness() {
      double ratio = error / allowed;
      if (passed()) {
        return Double.isNaN(ratio) ? 0 : Math.min(ratio, 1);
      }
      return Double.isNaN(ratio) ? Double.POSITIVE_INFINITY : 1 + ratio;
    }
  }

  /**
   * The outcome of a check: each component's claimed and numeric derivatives and errors.
   * {@link #toString()} lists the worst; {@link #assertPassed()} throws it as an {@link AssertionError}.
   */
  public static final class Report {
    /** How many of the worst components {@link #toString()} lists. */
    private static final int SHOWN = 8;

    private final double value;
    private final Double claimedValue;
    private final List<Sample> samples;
    private final List<Component> components;
    private final double rtol;
    private final double atol;
    /** The number of inputs of a checked Jacobian (its components are numbered row by row), else 0. */
    private final int inputs;

    private Report(
        double value, Double claimedValue, List<Sample> samples, double rtol, double atol, int inputs) {
      if (!(rtol >= 0 && atol >= 0)) {
        throw new IllegalArgumentException("tolerances must be at least 0: rtol " + rtol + ", atol " + atol);
      }
      this.value = value;
      this.claimedValue = claimedValue;
      this.samples = samples;
      this.rtol = rtol;
      this.atol = atol;
      this.inputs = inputs;
      List<Component> cs = new ArrayList<>(samples.size());
      for (Sample s : samples) {
        cs.add(component(s, rtol, atol));
      }
      this.components = List.copyOf(cs);
    }

    private static Component component(Sample s, double rtol, double atol) {
      double allowed = atol + rtol * s.scale() + s.noise();
      double error = Math.abs(s.claimed() - s.numeric());
      if (s.estimate() == Estimate.KINK) {
        double lo = Math.min(s.left(), s.right());
        double hi = Math.max(s.left(), s.right());
        double outside = s.claimed() < lo ? lo - s.claimed() : s.claimed() > hi ? s.claimed() - hi : 0;
        error = Math.min(error, outside);
      }
      return new Component(
          s.index(), s.x(), s.step(), s.claimed(), s.numeric(), s.left(), s.right(), s.estimate(), error,
          allowed);
    }

    /**
     * The same check judged with other tolerances (the numeric estimates are kept, not recomputed).
     *
     * @param rtol the relative tolerance, at least 0
     * @param atol the absolute tolerance, at least 0
     * @return the new report
     * @throws IllegalArgumentException if a tolerance is negative or NaN
     */
    public Report withTolerance(double rtol, double atol) {
      return new Report(value, claimedValue, samples, rtol, atol, inputs);
    }

    /**
     * Whether every component, and the value returned with the gradient if any, is within tolerance.
     *
     * @return whether the check passed
     */
    public boolean passed() {
      if (!valuePassed()) {
        return false;
      }
      for (Component c : components) {
        if (!c.passed()) {
          return false;
        }
      }
      return true;
    }

    /**
     * Throws unless {@link #passed()}.
     *
     * @throws AssertionError with this report as its message, if the check failed
     */
    public void assertPassed() {
      if (!passed()) {
        throw new AssertionError(toString());
      }
    }

    /**
     * Every component, in index order.
     *
     * @return the components
     */
    public List<Component> components() {
      return components;
    }

    /**
     * The components that failed, in index order.
     *
     * @return the failures
     */
    public List<Component> failures() {
      return components.stream().filter(c -> !c.passed()).toList();
    }

    /**
     * The {@code n} worst components, worst first: ranked by error / allowed, failures first; ties in
     * index order.
     *
     * @param n how many at most
     * @return the components
     */
    public List<Component> worst(int n) {
      return components.stream()
          .sorted(Comparator.comparingDouble(Component::badness).reversed())
          .limit(n)
          .toList();
    }

    /**
     * f(x); NaN for a Jacobian, Hessian or Hessian-vector check, whose function has several outputs.
     *
     * @return the function's value at the point
     */
    public double value() {
      return value;
    }

    /**
     * The value returned with the gradient ({@link #checkInto}, {@link #checkValue}), if any.
     *
     * @return that value, or empty
     */
    public OptionalDouble claimedValue() {
      return claimedValue == null ? OptionalDouble.empty() : OptionalDouble.of(claimedValue);
    }

    /**
     * The relative tolerance of this report.
     *
     * @return rtol
     */
    public double rtol() {
      return rtol;
    }

    /**
     * The absolute tolerance of this report.
     *
     * @return atol
     */
    public double atol() {
      return atol;
    }

    private boolean valuePassed() {
      if (claimedValue == null) {
        return true;
      }
      double c = claimedValue;
      return c == value || Math.abs(c - value) <= atol + rtol * Math.abs(value);
    }

    /**
     * A table of the worst components, failures first, for example (Rosenbrock's function at (−1.2,
     * 1) with a 0.1% error in ∂f/∂y):
     *
     * <pre>
     * GradCheck failed: 1 of 2 components outside tolerance (rtol 1.0e-06, atol 1.0e-08)
     * f(x) = 24.20000000
     *   index               x          claimed          numeric      error    allowed  estimate
     *       1     1.000000000     -88.08800000     -88.00000000   8.80e-02   8.80e-05  central  FAILED
     *       0    -1.200000000     -215.6000000     -215.6000000   4.49e-12   2.16e-04  central
     * </pre>
     *
     * @return the report as text, lines ending with a line feed
     */
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      List<Component> failures = failures();
      String tolerances = String.format(Locale.ROOT, "(rtol %.1e, atol %.1e)", rtol, atol);
      if (failures.isEmpty() && valuePassed()) {
        b.append("GradCheck passed: ").append(components.size()).append(" components within tolerance ");
      } else {
        b.append("GradCheck failed: ").append(failures.size()).append(" of ").append(components.size());
        b.append(" components outside tolerance ");
      }
      b.append(tolerances).append('\n');
      if (inputs > 0) {
        b.append("a Jacobian of ").append(components.size() / inputs).append(" outputs by ").append(inputs)
            .append(" inputs; index: output, input\n");
      } else {
        b.append("f(x) = ").append(number(value));
      }
      if (claimedValue != null) {
        b.append(", returned with the gradient ").append(number(claimedValue));
        b.append(valuePassed() ? "" : "  FAILED");
      }
      if (inputs == 0) {
        b.append('\n');
      }
      if (components.isEmpty()) {
        return b.toString();
      }
      b.append(String.format(
          Locale.ROOT, "  %5s  %14s  %15s  %15s  %9s  %9s  %s\n", "index", "x", "claimed", "numeric", "error",
          "allowed", "estimate"));
      List<Component> shown = worst(SHOWN);
      for (Component c : shown) {
        b.append(String.format(
            Locale.ROOT, "  %5s  %14s  %15s  %15s  %9.2e  %9.2e  %s", index(c), number(c.x()),
            number(c.claimed()), number(c.numeric()), c.error(), c.allowed(), describe(c)));
        b.append(c.passed() ? "" : "  FAILED").append('\n');
      }
      if (components.size() > shown.size()) {
        b.append("  (").append(components.size() - shown.size()).append(" more, all better)\n");
      }
      return b.toString();
    }

    private String index(Component c) {
      return inputs > 0 ? c.index() / inputs + "," + c.index() % inputs : Integer.toString(c.index());
    }

    private String describe(Component c) {
      return switch (c.estimate()) {
        case CENTRAL -> "central";
        case KINK -> "kink: left " + number(c.left()) + ", right " + number(c.right());
        case RIGHT -> "one-sided from the right (f not finite left of x)";
        case LEFT -> "one-sided from the left (f not finite right of x)";
        case NONE -> !Double.isFinite(c.x()) ? "none: x is not finite"
            : !Double.isFinite(value) ? "none: f(x) is not finite"
            : "none: f is not finite on either side";
      };
    }

    private static String number(double d) {
      return Double.isFinite(d) ? String.format(Locale.ROOT, "%.10g", d) : Double.toString(d);
    }
  }
}
