package io.adjoint.processor.random;

import io.adjoint.Value;
import io.adjoint.processor.random.Ast.Program;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Checks one program at random points (mostly in [-2, 2], sometimes tiny, wider, or 0, ±1, 0.5; each
 * {@code double[]} argument of 1 to 3 entries, each {@code double[][]} one of 1 to 3 rows of 1 to 3
 * entries, often of different lengths ({@link #rowLengths}); each entry a coordinate of its own):
 *
 * <ul>
 *   <li>the record's components are named {@code value}, then each double and double[] parameter (an
 *       array's component an array of its length); no generated form modifies the caller's arrays;
 *   <li>{@code fInto} (into a pre-filled array longer than needed), {@code fPullback} (an upstream of
 *       ±2^k, so that no rounding separates it from the record, a random offset, a pre-filled array)
 *       and the Value overload (one node) agree with the record exactly, and touch nothing else;
 *   <li>the record's value is the program's, bit for bit;
 *   <li>its partials agree with the Value version of the program to {@link #VALUE_RTOL};
 *   <li>and with Richardson-extrapolated central differences to {@link #FD_RTOL};
 *   <li>the dot-product test: for a random direction ẋ over all inputs (array entries included) and a
 *       random upstream ȳ, ⟨ẋ, Jᵀȳ⟩ from {@code fPullback} agrees with ȳ times the Richardson central
 *       difference of f along ẋ, to {@link #FD_RTOL} of ȳ·Σ|ẋᵢ·∂ᵢf| (see {@link #dotProduct}).
 * </ul>
 *
 * Every form lays the inputs out flat, in parameter order, an array's entries one after another, a
 * matrix's rows one after another: {@code x} below is that vector of all differentiable inputs.
 *
 * A point is skipped, and counted, where finite differences mean nothing: within {@link #KINK_MARGIN} of
 * a kink or branch threshold that moves with the input, at a singularity or an overflow, or where some
 * coordinate's slope is too steep or too shallow for any difference quotient to show. Along one
 * coordinate, differences that cross a kink, are not finite, or whose quotients at several steps
 * disagree (rounding noise) skip that coordinate only; the point's others are still checked.
 */
final class DifferentialCheck {
  /** Points closer than this (relative) to a kink or a branch threshold are skipped. */
  static final double KINK_MARGIN = 1e-4;
  /** Generated gradient against Value: two exact computations that may round differently. */
  static final double VALUE_RTOL = 1e-9;
  /** Generated gradient against Value, for partials that cancel to 0: relative to the gradient's size. */
  static final double ABSOLUTE = 1e-12;
  /** Generated gradient against finite differences (Richardson-extrapolated central differences). */
  static final double FD_RTOL = 1e-5;

  static final Set<String> RESERVED =
      Set.of("value", "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

  /**
   * The name of the generated record's component for the j-th differentiable parameter of p: the
   * parameter's name, {@code _} appended to a reserved one; an instance method's receiver's is {@code receiver}.
   */
  static String componentName(Program p, int j) {
    String name = p.doubles().get(j);
    return name.equals(Program.RECEIVER) ? "receiver" : RESERVED.contains(name) ? name + "_" : name;
  }

  /** Counts over all programs; one thread. */
  static final class Stats {
    int programs;
    int points;
    int checked; // points where central differences checked at least one coordinate
    // points where they checked none: every coordinate's differences crossed a kink, were not finite or
    // were noisy (the first of these reasons that any coordinate had)
    int kinks;
    int nonFinite;
    int fdNoisy;
    int coordinatesChecked; // coordinates checked against central differences
    int partlyChecked; // points with some coordinates checked and others skipped
    int coordinatesSkipped; // the coordinates skipped at those points
    int nodes;
    int arrayPrograms;
    int recordPrograms; // programs taking records (order 1, scalar or returning a record)
    int recordReturnPrograms; // of those, programs returning a record
    int instancePrograms; // of those, instance methods of records
    int recordReturnPoints;
    int recordReturnSkipped; // near a kink or not finite
    int recordReturnRowsChecked; // rows (one per double of the record) against central differences
    int recordReturnRowsNoisy;
    int recordReturnByDifferences; // Value, tangent or pullback parted from the pullbacks' rows by rounding
    int recordCoordinates; // coordinates that are record leaves, over all points
    int matrixPrograms; // programs with a double[][] parameter
    int matrixEntries; // coordinates that are entries of double[][] parameters, over all points
    int customPrograms; // programs calling a helper with a custom derivative themselves
    int arrayEntries; // coordinates that are array entries, over all points
    int dotChecked;
    int dotKinks;
    int dotNoisy;
    double worstFd;
    double worstValue;
    double worstDot;
    int tangentChecked;
    int tangentByDifferences; // tangent and ⟨∇f, v⟩ parted by rounding; decided by central differences
    int valueByDifferences; // generated and Value partials parted by rounding; decided likewise
    double worstTangent;
    // second order
    int hessianPrograms;
    int hessianPoints; // points where the Hessian forms were checked against each other and the gradient
    int hessianChecked; // of those, where H·v agreed with central differences of the gradient
    int hessianNoisy; // where those differences were noise or crossed a kink
    int hessianByDifferences; // exact forms parted by rounding, decided by central differences
    double worstHessianFd;
    double worstHessianColumn;
    // vector-valued programs
    int vectorPrograms;
    int vectorPoints;
    int vectorSkipped; // near a kink or not finite
    int jacobianForward; // points where fJacobian took forward sweeps (Jacobians.forward)
    int jacobianReverse; // and reverse sweeps
    int jacobianShared; // reverse sweeps after one shared forward sweep (a method ending in its only return)
    int jacobianRowsChecked; // rows checked against central differences
    int jacobianRowsNoisy;
    int vectorByDifferences; // Value, tangent or pullback parted from the Jacobian by rounding; decided by differences
    double worstJacobianFd;
    double worstJacobianValue;
    double worstVectorTangent;
    double worstVectorPullback;

    int skipped() {
      return kinks + nonFinite + fdNoisy;
    }

    @Override
    public String toString() {
      return String.format(
          "%d programs, %d points: %d checked, %d skipped (%d near a kink, %d non-finite, %d noisy finite"
              + " differences); %d coordinates checked against central differences, at %d of the checked"
              + " points %d more skipped (a kink, non-finite or noisy along them);"
              + " worst relative error %.2e against finite differences, %.2e against Value;"
              + " %d points through the Value overload; %d programs with double[] parameters, %d array"
              + " entries checked as coordinates; %d programs calling custom-derivative helpers; dot-product test: %d points checked, %d skipped (%d near"
              + " a kink, %d noisy), worst relative error %.2e; tangents against ⟨∇f, v⟩: %d points, worst"
              + " relative error %.2e (%d more, ill-conditioned, confirmed by central differences along v);"
              + " %d partials where generated and Value parted by rounding, both confirmed by central differences;"
              + " %d programs with double[][] parameters, %d matrix entries checked as coordinates",
          programs, points, checked, skipped(), kinks, nonFinite, fdNoisy, coordinatesChecked, partlyChecked,
          coordinatesSkipped, worstFd, worstValue, nodes,
          arrayPrograms, arrayEntries, customPrograms, dotChecked, dotKinks + dotNoisy, dotKinks, dotNoisy, worstDot,
          tangentChecked, worstTangent, tangentByDifferences, valueByDifferences, matrixPrograms, matrixEntries)
          + String.format("; records: %d programs, %d record leaves checked as coordinates; %d instance methods;"
                  + " %d returning records, at %d points (%d skipped: kink or non-finite), %d rows against central"
                  + " differences (%d noisy), %d entries decided by differences", recordPrograms, recordCoordinates,
              instancePrograms, recordReturnPrograms, recordReturnPoints, recordReturnSkipped, recordReturnRowsChecked,
              recordReturnRowsNoisy, recordReturnByDifferences)
          + String.format(
              "; second order: %d programs, %d points, H·v against central differences of the gradient at %d"
                  + " (%d skipped: noise or a kink), worst relative error %.2e; Hessian columns against H·eⱼ"
                  + " worst %.2e; %d entries decided by differences",
              hessianPrograms, hessianPoints, hessianChecked, hessianNoisy, worstHessianFd, worstHessianColumn,
              hessianByDifferences)
          + String.format(
              "; vector-valued: %d programs, %d points (%d skipped: kink or non-finite), Jacobian by forward"
                  + " sweeps at %d, by reverse sweeps at %d (%d sharing one forward sweep); %d rows against central differences (%d noisy),"
                  + " worst relative error %.2e; against Value worst %.2e; tangent J·v worst %.2e; pullback uᵀJ"
                  + " worst %.2e; %d entries decided by differences",
              vectorPrograms, vectorPoints, vectorSkipped, jacobianForward, jacobianReverse, jacobianShared, jacobianRowsChecked,
              jacobianRowsNoisy, worstJacobianFd, worstJacobianValue, worstVectorTangent, worstVectorPullback,
              vectorByDifferences);
    }
  }

  final Program program;
  final Batch.Handles h;
  final Stats stats;
  final int[] diffIndex; // argument index of each double, double[] and double[][] parameter
  // at the current point: the length of each double[] parameter (by argument index), the shape code of
  // each double[][] one (see rowLengths)
  int[] lengths;
  int k; // at the current point: the number of differentiable inputs, array entries included
  private int n; // the value of int and long parameters at the current point
  private boolean flag; // the value of boolean parameters at the current point
  private double data; // the value of @NoDerivative parameters at the current point

  DifferentialCheck(Program program, Batch.Handles h, Stats stats) {
    this.program = program;
    this.h = h;
    this.stats = stats;
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < program.params.size(); i++) {
      if (program.differentiable(i)) {
        idx.add(i);
      }
    }
    this.diffIndex = idx.stream().mapToInt(Integer::intValue).toArray();
    this.lengths = new int[program.params.size()];
  }

  private void setLengths(int[] lengths) {
    this.lengths = lengths.clone();
    k = 0;
    for (int a : diffIndex) {
      k += size(a);
    }
  }

  /** Shape codes of a double[][] parameter: see {@link #rowLengths}. */
  static final int MATRIX_SHAPES = 18;

  /**
   * The row lengths of a double[][] parameter of shape code {@code code}: 1 to 3 rows of 1 to 3 entries,
   * all of one length (codes below 9) or each of another (from 9 on, where a second row exists), so that
   * a row's place in the flat layout is not its index times a length.
   */
  static int[] rowLengths(int code) {
    int[] rows = new int[1 + code % 3];
    int first = (code / 3) % 3;
    for (int i = 0; i < rows.length; i++) {
      rows[i] = 1 + (code >= 9 ? (first + i) % 3 : first);
    }
    return rows;
  }

  /** How many inputs differentiable parameter {@code a} takes in the flat vector at the current point. */
  private int size(int a) {
    return switch (program.kind(a)) {
      case 'A' -> lengths[a];
      case 'M' -> Arrays.stream(rowLengths(lengths[a])).sum();
      case 'R', 'Q' -> recordCoordinates(a).size();
      default -> 1;
    };
  }

  private List<String> recordCoordinates(int a) {
    return RecordValues.coordinates(program.params.get(a), program.kind(a), program.records.get(a), lengths[a]);
  }

  /** The name of input j of the flat vector: {@code x}, {@code a[1]}, {@code m[1][0]} or a record's leaf. */
  String coordinate(int j) {
    for (int a : diffIndex) {
      int len = size(a);
      if (j < len) {
        if (program.records.get(a) != null) {
          return recordCoordinates(a).get(j);
        }
        String name = program.params.get(a);
        if (program.kind(a) == 'M') {
          int i = 0;
          for (int row : rowLengths(lengths[a])) {
            if (j < row) {
              break;
            }
            j -= row;
            i++;
          }
          return name + "[" + i + "][" + j + "]";
        }
        return name + (program.kind(a) == 'A' ? "[" + j + "]" : "");
      }
      j -= len;
    }
    throw new IndexOutOfBoundsException();
  }

  void run(SplittableRandom r, int points) throws Throwable {
    if (program.vector) {
      stats.vectorPrograms++;
    } else {
      stats.programs++;
    }
    if (program.order == 2) {
      stats.hessianPrograms++;
    }
    if (program.kinds.indexOf('A') >= 0) {
      stats.arrayPrograms++;
    }
    if (program.takesRecords()) {
      stats.recordPrograms++;
    }
    if (program.returns != null) {
      stats.recordReturnPrograms++;
    }
    if (program.receiver != null) {
      stats.instancePrograms++;
    }
    if (program.kinds.indexOf('M') >= 0) {
      stats.matrixPrograms++;
    }
    if (SourcePrinter.methodSource(program).matches("(?s).*\\b(softplus|logCosh|logAddExp)\\(.*")) {
      stats.customPrograms++;
    }
    for (int p = 0; p < points; p++) {
      int[] len = new int[program.params.size()];
      for (int a = 0; a < len.length; a++) {
        // an array's length; a record's shape (see RecordValues); a matrix's shape code (see rowLengths)
        len[a] = program.kind(a) == 'A' || program.records.get(a) != null ? 1 + r.nextInt(3)
            : program.kind(a) == 'M' ? r.nextInt(MATRIX_SHAPES)
            : 0;
      }
      setLengths(len);
      double[] x = new double[k];
      for (int i = 0; i < k; i++) {
        x[i] = input(r);
      }
      n = r.nextInt(-2, 6);
      flag = r.nextBoolean();
      data = input(r);
      if (program.vector) {
        stats.vectorPoints++;
        new JacobianCheck(this).at(x, r);
        continue;
      }
      if (program.returns != null) {
        stats.recordReturnPoints++;
        new JacobianCheck(this).at(x, r);
        continue;
      }
      stats.points++;
      point(x, r);
    }
  }

  private static double input(SplittableRandom r) {
    int roll = r.nextInt(40);
    if (roll == 0) {
      return new double[] {0.0, 1.0, -1.0, 0.5}[r.nextInt(4)];
    }
    if (roll < 5) {
      return r.nextDouble(-0.1, 0.1);
    }
    if (roll < 8) {
      return r.nextDouble(-4, 4);
    }
    return r.nextDouble(-2, 2);
  }

  /** The arguments at x: fresh arrays each time. */
  Object[] args(double[] x) {
    Object[] a = new Object[program.params.size()];
    place(a, x, double[][]::new);
    for (int i = 0; i < a.length; i++) {
      switch (program.kind(i)) {
        case 'I' -> a[i] = n;
        case 'L' -> a[i] = (long) n;
        case 'Z' -> a[i] = flag;
        case 'N' -> a[i] = data;
        case 'O' -> a[i] = record(h.plain().getParameterTypes()[i], i, RecordValues.data(data, false), false);
        // label l of a switch on it is S(l+1): the constant a switch on n would choose, for n in [-1, 4]
        case 'E' -> a[i] = h.plain().getParameterTypes()[i].getEnumConstants()[Math.floorMod(n + 1, Ast.ENUM_CONSTANTS)];
        default -> {}
      }
    }
    return a;
  }

  /** The Value version's arguments at x, with {@code leaves} (one per input) in place of the inputs. */
  Object[] valueArgs(double[] x, Value[] leaves) {
    Object[] a = args(x);
    place(a, leaves, Value[][]::new);
    for (int i = 0; i < a.length; i++) {
      if (program.kind(i) == 'O') {
        a[i] = record(h.value().getParameterTypes()[i], i, RecordValues.data(data, true), false);
      }
    }
    return a;
  }

  /**
   * Puts the inputs {@code flat} (x's entries, a {@code double[]}, or their leaves, a {@code Value[]})
   * into {@code a} at the differentiable parameters, one after another: a double as one, an array as
   * its entries, a matrix (made by {@code matrix}) as its rows, a record (or an array of records, or their
   * Value twins) as its leaves (see {@link RecordValues}).
   */
  private void place(Object[] a, Object flat, IntFunction<Object[]> matrix) {
    int j = 0;
    for (int p : diffIndex) {
      if (program.records.get(p) != null) {
        RecordValues.Flat values = new RecordValues.Flat(flat, j);
        Method version = flat instanceof Value[] ? h.value() : h.plain();
        a[p] = record(version.getParameterTypes()[p], p, values, false);
        j = values.at;
      } else if (program.kind(p) == 'A') {
        a[p] = slice(flat, j, j + lengths[p]);
        j += lengths[p];
      } else if (program.kind(p) == 'M') {
        int[] rows = rowLengths(lengths[p]);
        Object[] m = matrix.apply(rows.length);
        for (int i = 0; i < rows.length; i++) {
          m[i] = slice(flat, j, j + rows[i]);
          j += rows[i];
        }
        a[p] = m;
      } else {
        a[p] = java.lang.reflect.Array.get(flat, j++);
      }
    }
  }

  private static Object slice(Object flat, int from, int to) {
    return flat instanceof double[] d ? Arrays.copyOfRange(d, from, to) : Arrays.copyOfRange((Value[]) flat, from, to);
  }

  /** The argument of record parameter p, of class {@code type}, its leaves from {@code leaves}. */
  private Object record(Class<?> type, int p, RecordValues.Leaves leaves, boolean tangent) {
    return RecordValues.build(type, program.kind(p), program.records.get(p), lengths[p], leaves, n, flag, tangent);
  }

  /** Fails unless the array arguments in {@code args} still hold x's entries: the caller's arrays. */
  void unmodified(double[] x, Object[] args, String form) {
    Object[] fresh = args(x);
    for (int p : diffIndex) {
      if (program.kind(p) == 'A' && !Arrays.equals((double[]) fresh[p], (double[]) args[p])) {
        fail(x, form + " modified the caller's array " + program.params.get(p) + ": "
            + Arrays.toString((double[]) args[p]));
      }
      if (program.records.get(p) != null
          && !Arrays.equals(RecordValues.flatten(fresh[p]), RecordValues.flatten(args[p]))) {
        fail(x, form + " modified an array of the caller's record " + program.params.get(p) + ": "
            + Arrays.toString(RecordValues.flatten(args[p])));
      }
      if (program.kind(p) == 'M' && !Arrays.deepEquals((double[][]) fresh[p], (double[][]) args[p])) {
        fail(x, form + " modified the caller's matrix " + program.params.get(p) + ": "
            + Arrays.deepToString((double[][]) args[p]));
      }
    }
  }

  static Object call(Method m, Object... args) throws Throwable {
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The probe version at x: its value; {@link Probe} holds the distances and path. */
  double probe(double[] x) throws Throwable {
    Probe.reset();
    return (double) call(h.probe(), args(x));
  }

  /**
   * How close the point just probed (its {@link Probe} state still there) comes to a kink that moves
   * with the input: those whose distance changes when every input moves a little. (A kink of constants,
   * such as Math.floor(2.0) or y < y, is no kink for a finite difference.) 0 at a singularity, or if
   * the little move changes the path; leaves {@link Probe} as it found it but for the move's state.
   */
  double margin(double[] x, SplittableRandom r) throws Throwable {
    long path = Probe.path;
    boolean singular = Probe.singular;
    double[] distances = Probe.distances();
    double[] moved = x.clone();
    for (int i = 0; i < k; i++) {
      moved[i] += (r.nextBoolean() ? 1e-6 : -1e-6) * Math.max(1.0, Math.abs(x[i]));
    }
    Probe.reset();
    call(h.probe(), args(moved));
    double margin = Probe.path == path && !singular ? Double.POSITIVE_INFINITY : 0.0;
    for (int i = 0; i < distances.length && margin > 0; i++) {
      if (Probe.distances[i] != distances[i]) {
        margin = Math.min(margin, distances[i]);
      }
    }
    return margin;
  }

  private void point(double[] x, SplittableRandom r) throws Throwable {
    double f = probe(x);
    long path = Probe.path;
    double margin = margin(x, r);
    double plain = (double) call(h.plain(), args(x));
    if (Double.doubleToLongBits(plain) != Double.doubleToLongBits(f)) {
      fail(x, "the probe version computes " + f + ", the program " + plain + " (a harness bug)");
    }

    // the generated forms, which must agree exactly with each other
    Object[] recordArgs = args(x);
    Object record = call(h.gradient(), recordArgs);
    unmodified(x, recordArgs, program.name + "(record form)");
    double[] grad = components(record);
    for (int p : diffIndex) {
      if (program.kind(p) == 'A') {
        stats.arrayEntries += lengths[p];
      } else if (program.kind(p) == 'M') {
        stats.matrixEntries += size(p);
      }
    }
    checkInto(x, grad, r);
    checkPullback(x, grad, r);
    checkNode(x, grad);
    if (!same(grad[0], f)) {
      fail(x, "the generated gradient's value is " + grad[0] + ", the program computes " + f);
    }

    // Value, on the same program
    Value[] leaves = new Value[k];
    for (int i = 0; i < k; i++) {
      leaves[i] = new Value(x[i]);
    }
    Value out = (Value) call(h.value(), valueArgs(x, leaves));
    if (!close(out.data(), f, VALUE_RTOL)) {
      fail(x, "the Value version computes " + out.data() + ", the program " + f + " (a harness bug)");
    }
    if (!Double.isFinite(f)) {
      stats.nonFinite++;
      return;
    }
    if (margin < KINK_MARGIN) {
      stats.kinks++;
      return;
    }
    out.backward();
    double gradScale = Math.max(1.0, Math.abs(f));
    for (int i = 1; i <= k; i++) {
      if (Double.isFinite(grad[i])) {
        gradScale = Math.max(gradScale, Math.abs(grad[i]));
      }
    }
    checkTangent(x, grad, gradScale, path, r);
    if (program.order == 2) {
      new HessianCheck(this).at(x, grad, gradScale, path, r);
    }
    for (int i = 0; i < k; i++) {
      double ad = grad[i + 1];
      double v = leaves[i].grad();
      if (!close(ad, v, VALUE_RTOL, gradScale)) {
        // Two reverse sweeps that add the same terms in other orders: where an adjoint far larger than
        // the result is added and taken away again ((t - t) * big), each keeps a different rounding
        // error. Then central differences decide: both must agree with a converged estimate.
        double step = 1e-5 * Math.max(1.0, Math.abs(x[i]));
        double fd = richardson(x, i, step, path);
        double fd2 = richardson(x, i, step / 2, path);
        boolean converged = Double.isFinite(fd) && Double.isFinite(fd2) && Math.abs(fd - fd2) <= FD_RTOL * scale(fd, fd2) / 10;
        if (!converged || Math.abs(ad - fd) > FD_RTOL * scale(ad, fd) || Math.abs(v - fd) > FD_RTOL * scale(v, fd)) {
          fail(x, "d/d" + coordinate(i) + ": generated " + ad + ", Value " + v + ", central differences " + fd + " and " + fd2);
        }
        stats.valueByDifferences++;
        continue;
      }
      if (Double.isFinite(ad) && Double.isFinite(v) && Math.max(Math.abs(ad), Math.abs(v)) > 1e-3 * gradScale) {
        stats.worstValue = Math.max(stats.worstValue, relative(ad, v)); // of partials not mostly cancelled
      }
    }

    dotProduct(x, grad, path, r);

    // central differences, where every evaluation of the stencils takes the same branches, coordinate
    // by coordinate: one whose differences cross a kink, are not finite or are noisy is skipped, and the
    // others are still checked; but a point where differences cannot show some coordinate's slope at all
    // is ill-conditioned, and none is checked there (see Along)
    Along[] along = new Along[k];
    for (int i = 0; i < k; i++) {
      along[i] = centralDifferences(x, i, f, grad[i + 1], path);
      if (along[i].skip == Skip.ILL_CONDITIONED) {
        stats.fdNoisy++;
        return;
      }
    }
    int checkedHere = 0;
    Skip first = null;
    for (int i = 0; i < k; i++) {
      if (along[i].skip == null) {
        checkedHere++;
      } else if (first == null || along[i].skip.ordinal() < first.ordinal()) {
        first = along[i].skip;
      }
    }
    if (first != null && checkedHere == 0) {
      switch (first) {
        case KINK -> stats.kinks++;
        case NON_FINITE -> stats.nonFinite++;
        default -> stats.fdNoisy++;
      }
      return;
    }
    for (int i = 0; i < k; i++) {
      if (along[i].skip == null) {
        if (along[i].error > FD_RTOL) {
          fail(x, "d/d" + coordinate(i) + ": generated " + grad[i + 1] + ", central differences "
              + along[i].fd + " (relative error " + along[i].error + ")");
        }
        stats.worstFd = Math.max(stats.worstFd, along[i].error);
      }
    }
    stats.checked++;
    stats.coordinatesChecked += checkedHere;
    if (checkedHere < k) {
      stats.partlyChecked++;
      stats.coordinatesSkipped += k - checkedHere;
    }
  }

  /** Why central differences along a coordinate cannot check its derivative. */
  private enum Skip {
    /** The differences' path crosses a kink. */
    KINK,
    /** The differences or the derivative are not finite. */
    NON_FINITE,
    /**
     * No difference quotient can show the slope: it changes f by more than f's size over the step, or
     * by less than f's rounding. Then an intermediate is far larger than f, and a change of another
     * input may be lost below its last place too (q − 1.6e14 moves only in steps of 0.03): no coordinate
     * of the point is checked.
     */
    ILL_CONDITIONED,
    /** The estimates of different steps disagree (rounding swamps them), or f is flat in floating point. */
    NOISY
  }

  /** What central differences along one coordinate showed: its estimate, and why it is skipped, if it is. */
  private record Along(double fd, double error, Skip skip) {}

  /**
   * Central differences along coordinate i, at several steps, compared with {@code derivative}, the
   * generated gradient's component: their estimate and relative error, or why they cannot check it.
   */
  private Along centralDifferences(double[] x, int i, double f, double derivative, long path) throws Throwable {
    double step = 1e-5 * Math.max(1.0, Math.abs(x[i]));
    double fd = Double.NaN;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < STEPS.length; j++) {
      double d = richardson(x, i, step * STEPS[j], path);
      if (Double.isNaN(d) && Probe.path != path) {
        return new Along(d, Double.NaN, Skip.KINK);
      }
      if (j == 0) {
        fd = d;
      }
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    if (!Double.isFinite(fd) || !Double.isFinite(derivative)) {
      return new Along(fd, Double.NaN, Skip.NON_FINITE);
    }
    // the estimates of different steps agree to O(h⁴) unless rounding swamps them: an ill-conditioned
    // point; no difference quotient can show a slope that changes f by more than its size over the
    // step (sin(cosh(100 x))); nor one smaller than f's rounding over the step, where f is so large
    // that the change is lost below its last place: every step then gives the same difference (often
    // 0), so their spread does not show it; nor at a point where f does not change at all, at any step,
    // though the derivative is not 0: flat in floating point (see dotProduct), where Value still checks
    if (Math.abs(derivative) * step > Math.max(1.0, Math.abs(f))
        || 16 * Math.ulp(Math.abs(f)) / step > FD_RTOL / 4 * scale(derivative, fd)) {
      return new Along(fd, Double.NaN, Skip.ILL_CONDITIONED);
    }
    double error = Math.abs(derivative - fd) / scale(derivative, fd);
    if (hi - lo > FD_RTOL / 4 * scale(derivative, fd)
        || (hi == 0 && lo == 0 && derivative != 0)
        || (error > FD_RTOL && !smoothBelowStep(f, fd, step, h -> richardson(x, i, h, path)))) {
      return new Along(fd, error, Skip.NOISY);
    }
    return new Along(fd, error, null);
  }

  /**
   * The dot-product test at x: ⟨ẋ, Jᵀȳ⟩ = ȳ·(Jẋ) for a random direction ẋ over every input (array
   * entries included; Gaussian, scaled to max-norm 1) and a random upstream ȳ, ±[0.3, 3) (not a power of
   * two, unlike {@link #checkPullback}, so the products round). Jᵀȳ comes from {@code fPullback} into
   * zeroed adjoints, Jẋ from Richardson central differences of f along ẋ (one finite difference for all
   * inputs at once, where the other checks take one per input), at the steps {@link #STEPS} in which
   * every evaluation takes x's branches.
   *
   * <p>Tolerance: |⟨ẋ, Jᵀȳ⟩ − ȳ·D| ≤ {@link #FD_RTOL} · |ȳ| · Σᵢ |ẋᵢ| · max(|∂ᵢf|, 1e-3), where ∂ᵢf are the
   * record's partials. That is the per-input tolerance of the central-difference check (FD_RTOL relative,
   * absolute below 1e-3) carried through the sum by the triangle inequality: the most the sum could be
   * off if every partial were off by as much as the per-input check accepts, and no looser. The
   * directional difference D is itself a single Richardson estimate with the same O(h⁴) truncation and
   * ε·|f|/h rounding as a per-input one (ẋ has max-norm 1, the step is the per-input step), so it needs
   * no more; and cancellation among the terms ẋᵢ·∂ᵢf cannot make it more accurate than its terms, which
   * is why the scale is their magnitudes, not the (possibly cancelled) sum. As for the per-input check, a
   * point where the estimates of the different steps spread by more than a quarter of the tolerance is
   * skipped as noisy, and one whose stencil crosses a kink as near a kink.
   */
  private void dotProduct(double[] x, double[] grad, long path, SplittableRandom r) throws Throwable {
    for (int i = 1; i <= k; i++) {
      if (!Double.isFinite(grad[i])) {
        return; // counted as non-finite by the per-input check
      }
    }
    double[] dir = new double[k];
    double max = 0;
    for (int i = 0; i < k; i++) {
      dir[i] = r.nextGaussian();
      max = Math.max(max, Math.abs(dir[i]));
    }
    for (int i = 0; i < k; i++) {
      dir[i] /= max;
    }
    double upstream = (r.nextBoolean() ? 1 : -1) * r.nextDouble(0.3, 3.0);
    double[] adjoints = new double[k];
    Object[] a = Arrays.copyOf(args(x), program.params.size() + 3);
    a[a.length - 3] = upstream;
    a[a.length - 2] = adjoints;
    a[a.length - 1] = 0;
    double value = (double) call(h.pullback(), a);
    if (!same(value, grad[0])) {
      fail(x, program.name + "Pullback returns " + value + ", the record's value is " + grad[0]);
    }
    double lhs = 0;
    double terms = 0; // Σ |ẋᵢ·∂ᵢf|
    double tolerance = 0; // Σ |ẋᵢ|·max(|∂ᵢf|, 1e-3)
    double xMax = 0;
    for (int i = 0; i < k; i++) {
      lhs += dir[i] * adjoints[i];
      terms += Math.abs(dir[i] * grad[i + 1]);
      tolerance += Math.abs(dir[i]) * Math.max(Math.abs(grad[i + 1]), 1e-3);
      xMax = Math.max(xMax, Math.abs(x[i]));
    }
    double scale = Math.abs(upstream) * tolerance;
    double step = 1e-5 * Math.max(1.0, xMax);
    double fd = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < STEPS.length; j++) {
      double d = directional(x, dir, step * STEPS[j], path);
      if (Double.isNaN(d) && Probe.path != path) {
        stats.dotKinks++;
        return;
      }
      if (j == 0) {
        fd = d;
      }
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    if (!Double.isFinite(fd) || !Double.isFinite(lhs)) {
      return; // counted as non-finite by the per-input check
    }
    double f = grad[0];
    // a difference quotient cannot resolve less than the rounding of f over the step: where f is so large
    // that the directional change is lost below its last place, every step gives the same (often 0)
    double resolution = 16 * Math.ulp(Math.abs(f)) / step;
    // and where f does not change at all, at any step, while the derivative is not 0, f is flat in
    // floating point (tan(atan(z)) at z = 1e19 is tan(π/2 rounded), whatever z): differences tell
    // nothing there, and the comparison with Value still checks the derivative
    boolean flat = hi == 0 && lo == 0 && lhs != 0;
    if (Math.abs(upstream) * (hi - lo) > FD_RTOL / 4 * scale || terms * step > Math.max(1.0, Math.abs(f))
        || Math.abs(upstream) * resolution > FD_RTOL / 4 * scale || flat) {
      stats.dotNoisy++;
      return;
    }
    double rhs = upstream * fd;
    double err = Math.abs(lhs - rhs) / scale;
    if (err > FD_RTOL && !smoothBelowStep(f, fd, step, h -> directional(x, dir, h, path))) {
      stats.dotNoisy++;
      return;
    }
    if (err > FD_RTOL) {
      fail(x, "dot-product test: <xdot, J^T ybar> = " + lhs + " from " + program.name + "Pullback, ybar * (central"
          + " difference along xdot) = " + rhs + " (error " + err + " of the tolerance's scale " + scale
          + "; ybar = " + upstream + ", xdot = " + Arrays.toString(dir) + ")");
    }
    stats.dotChecked++;
    stats.worstDot = Math.max(stats.worstDot, err);
  }

  /** Richardson-extrapolated central difference along {@code dir}; NaN off x's path, as {@link #richardson}. */
  double directional(double[] x, double[] dir, double h, long path) throws Throwable {
    double[] d = along(x, dir, h, xs -> {
      double f = probe(xs);
      return Probe.path == path ? new double[] {f} : null;
    });
    return d == null ? Double.NaN : d[0];
  }

  /** Values at a point of a stencil, or null where the point leaves the path being differenced. */
  interface Evaluation {
    double[] at(double[] xs) throws Throwable;
  }

  /**
   * Richardson-extrapolated central differences along {@code dir} of every entry {@code evaluation}
   * gives, (4·D(h) − D(2h)) / 3; null if it gives null at a point of the stencil.
   */
  double[] along(double[] x, double[] dir, double h, Evaluation evaluation) throws Throwable {
    double[][] s = new double[4][];
    double[] offsets = {h, -h, 2 * h, -2 * h};
    for (int j = 0; j < 4; j++) {
      double[] xs = x.clone();
      for (int i = 0; i < k; i++) {
        xs[i] = x[i] + offsets[j] * dir[i];
      }
      s[j] = evaluation.at(xs);
      if (s[j] == null) {
        return null;
      }
    }
    double[] out = new double[s[0].length];
    for (int i = 0; i < out.length; i++) {
      double d1 = (s[0][i] - s[1][i]) / (2 * h);
      double d2 = (s[2][i] - s[3][i]) / (4 * h);
      out[i] = (4 * d1 - d2) / 3;
    }
    return out;
  }

  /**
   * The arguments of a form that takes a direction after the parameters, as the tangent does: x's
   * arguments, then {@code dir}'s entry for each double and double[] parameter, then {@code extra} nulls.
   */
  Object[] withDirections(double[] x, double[] dir, int extra) {
    Object[] point = args(x);
    Object[] directions = args(dir);
    Object[] a = Arrays.copyOf(point, program.params.size() + diffIndex.length + extra);
    int at = 0;
    for (int j = 0; j < diffIndex.length; j++) {
      int p = diffIndex[j];
      if (program.records.get(p) != null) {
        // a record's direction is its tangent record (an array of them for an array of records)
        RecordValues.Flat leaves = new RecordValues.Flat(dir, at);
        a[program.params.size() + j] = record(h.tangent().getParameterTypes()[program.params.size() + j], p, leaves, true);
      } else {
        a[program.params.size() + j] = directions[p];
      }
      at += size(p);
    }
    return a;
  }

  /**
   * Relative steps of the finite differences: their spread measures the rounding noise, and a step 30
   * times larger sees the slope of a function whose intermediates change by less than their rounding
   * over the small steps (tanh(17), exactly constant to these steps though its slope is 1e-7).
   */
  static final double[] STEPS = {1.0, 0.7, 0.45, 30};

  /**
   * Richardson-extrapolated central difference in coordinate i with step h: (4·D(h) − D(2h)) / 3, error
   * O(h⁴). NaN, with {@link Probe#path} left different from {@code path}, if the stencil crosses a kink.
   */
  double richardson(double[] x, int i, double h, long path) throws Throwable {
    double[] s = new double[4];
    double[] offsets = {h, -h, 2 * h, -2 * h};
    for (int j = 0; j < 4; j++) {
      double[] xs = x.clone();
      xs[i] = x[i] + offsets[j];
      s[j] = probe(xs);
      if (Probe.path != path) {
        return Double.NaN;
      }
    }
    double d1 = (s[0] - s[1]) / ((x[i] + h) - (x[i] - h));
    double d2 = (s[2] - s[3]) / ((x[i] + 2 * h) - (x[i] - 2 * h));
    return (4 * d1 - d2) / 3;
  }

  /** A difference quotient at a step: {@link #richardson} or {@link #directional}. */
  interface Difference {
    double at(double h) throws Throwable;
  }

  /**
   * Whether f is smooth below the step, asked only where a derivative disagrees with the difference
   * {@code d} at {@code step}: the difference at a thousandth of the step must agree with it to f's
   * rounding over that smaller step. Where f is smooth, the two differ by O(h⁴) and rounding, so a wrong
   * derivative still fails. Where f is chaotic below the step, they do not agree: a loop that multiplies
   * an input's tangent by 10¹⁵ (x = p + 57.3·x − 2^cos(57.3·x²), four times) has a derivative the generated
   * gradient, Value and a hand-written forward sweep agree on, while f moves by rounding only, at any
   * step a double can take, and every difference reads about 0. A path change at the smaller step counts
   * as not smooth too. Rounding: f's values over the smaller stencil are about |f| + |d|·step at most, and
   * the extrapolated difference multiplies their rounding by about 1.5/h; 16 ulps allow for f's own.
   */
  static boolean smoothBelowStep(double f, double d, double step, Difference difference) throws Throwable {
    double small = step / 1000;
    double e = difference.at(small);
    double rounding = 16 * Math.ulp(Math.abs(f) + Math.abs(d) * step) / small;
    return !Double.isNaN(e) && Math.abs(e - d) <= rounding;
  }

  static double maxAbs(double[] x) {
    double max = 0;
    for (double v : x) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
  /** The record's components, checking their names: value, then each double parameter. */
  private double[] components(Object record) throws Throwable {
    RecordComponent[] rc = record.getClass().getRecordComponents();
    if (rc.length != diffIndex.length + 1) {
      throw new AssertionError(program + ": record " + Arrays.toString(rc) + " has " + rc.length + " components");
    }
    double[] out = new double[k + 1];
    int j = 0;
    for (int i = 0; i < rc.length; i++) {
      String expected = i == 0 ? "value" : componentName(program, i - 1);
      if (!rc[i].getName().equals(expected)) {
        throw new AssertionError(program + ": component " + i + " is " + rc[i].getName() + ", not " + expected);
      }
      Method accessor = rc[i].getAccessor();
      accessor.setAccessible(true);
      Object v = accessor.invoke(record);
      if (i > 0 && program.records.get(diffIndex[i - 1]) != null) {
        // a tangent record, or an array of them: its leaves in the Into form's order
        double[] leaves = RecordValues.flatten(v);
        int size = size(diffIndex[i - 1]);
        if (leaves.length != size) {
          throw new AssertionError(program + ": component " + expected + " has " + leaves.length
              + " leaves, its parameter " + size);
        }
        System.arraycopy(leaves, 0, out, j + 1, size);
        j += size;
        stats.recordCoordinates += size;
      } else if (i > 0 && program.kind(diffIndex[i - 1]) == 'M') {
        double[][] rows = (double[][]) v;
        int[] shape = rowLengths(lengths[diffIndex[i - 1]]);
        if (rows.length != shape.length) {
          throw new AssertionError(program + ": component " + expected + " has " + rows.length
              + " rows, its parameter " + shape.length);
        }
        for (int row = 0; row < shape.length; row++) {
          if (rows[row].length != shape[row]) {
            throw new AssertionError(program + ": row " + row + " of component " + expected + " has "
                + rows[row].length + " entries, its parameter's " + shape[row]);
          }
          System.arraycopy(rows[row], 0, out, j + 1, shape[row]);
          j += shape[row];
        }
      } else if (i > 0 && program.kind(diffIndex[i - 1]) == 'A') {
        double[] entries = (double[]) v;
        int len = lengths[diffIndex[i - 1]];
        if (entries.length != len) {
          throw new AssertionError(program + ": component " + expected + " has " + entries.length
              + " entries, its parameter " + len);
        }
        System.arraycopy(entries, 0, out, j + 1, len);
        j += len;
      } else {
        out[i == 0 ? 0 : ++j] = (double) v;
      }
    }
    return out;
  }

  /**
   * The tangent form along a random direction v: its value is the record's exactly, and its tangent is
   * ⟨∇f, v⟩ of the (already checked) gradient, to the rounding of two exact computations.
   */
  private void checkTangent(double[] x, double[] grad, double gradScale, long path, SplittableRandom r)
      throws Throwable {
    double[] dir = new double[k];
    for (int i = 0; i < k; i++) {
      dir[i] = r.nextInt(5) == 0 ? 0.0 : r.nextDouble(-1, 1);
    }
    Object[] a = withDirections(x, dir, 0);
    Object result = call(h.tangent(), a);
    unmodified(x, a, program.name + "Tangent");
    RecordComponent[] rc = result.getClass().getRecordComponents();
    rc[0].getAccessor().setAccessible(true);
    rc[1].getAccessor().setAccessible(true);
    double value = (double) rc[0].getAccessor().invoke(result);
    double tangent = (double) rc[1].getAccessor().invoke(result);
    if (!same(value, grad[0])) {
      fail(x, program.name + "Tangent returns the value " + value + ", the record's value is " + grad[0]);
    }
    double expected = 0;
    double size = 0;
    for (int i = 0; i < k; i++) {
      if (dir[i] != 0) {
        if (!Double.isFinite(grad[i + 1])) {
          return; // counted as non-finite by the per-input check
        }
        expected += dir[i] * grad[i + 1];
        size += Math.abs(dir[i]);
      }
    }
    if (!close(tangent, expected, VALUE_RTOL, size * gradScale)) {
      // Forward and reverse mode round differently; in an ill-conditioned program (large terms that
      // cancel) they can part by more than VALUE_RTOL. Then a third oracle decides: Richardson-extrapolated
      // central differences along v, at two steps that agree with each other, must confirm the tangent.
      double step = 1e-5 * Math.max(1.0, maxAbs(x));
      double fd = directional(x, dir, step, path);
      double fd2 = directional(x, dir, step / 2, path);
      boolean converged = Double.isFinite(fd) && Double.isFinite(fd2) && Math.abs(fd - fd2) <= FD_RTOL * scale(fd, fd2) / 10;
      if (!converged || Math.abs(tangent - fd) > FD_RTOL * scale(tangent, fd)) {
        fail(x, program.name + "Tangent along " + Arrays.toString(dir) + " is " + tangent + ", ⟨∇f, v⟩ = " + expected
            + ", central differences along v " + fd + " and " + fd2);
      }
      stats.tangentByDifferences++;
      return;
    }
    stats.tangentChecked++;
    if (Math.abs(expected) > 1e-3 * size * gradScale) {
      stats.worstTangent = Math.max(stats.worstTangent, relative(tangent, expected));
    }
  }

  private void checkInto(double[] x, double[] grad, SplittableRandom r) throws Throwable {
    double[] partials = new double[k + r.nextInt(3)];
    for (int i = 0; i < partials.length; i++) {
      partials[i] = r.nextDouble(-100, 100);
    }
    double[] before = partials.clone();
    Object[] a = Arrays.copyOf(args(x), program.params.size() + 1);
    a[a.length - 1] = partials;
    double value = (double) call(h.into(), a);
    unmodified(x, a, program.name + "Into");
    if (!same(value, grad[0])) {
      fail(x, program.name + "Into returns " + value + ", the record's value is " + grad[0]);
    }
    // where the Into form adds a map's contributions once, to their sums over a loop, and the record one by
    // one, the two agree to the rounding of a different order of the same additions, as Pullback does
    double terms = 0;
    for (int i = 1; i < grad.length; i++) {
      if (Double.isFinite(grad[i])) {
        terms = Math.max(terms, Math.abs(grad[i]));
      }
    }
    for (int i = 0; i < partials.length; i++) {
      double expected = i < k ? grad[i + 1] : before[i];
      boolean rounding = h.summed() && i < k && Math.abs(partials[i] - expected) <= 0x1p-40 * Math.max(1.0, terms);
      if (!same(partials[i], expected) && !rounding) {
        fail(x, program.name + "Into wrote " + partials[i] + " to partials[" + i + "], expected " + expected);
      }
    }
  }

  private void checkPullback(double[] x, double[] grad, SplittableRandom r) throws Throwable {
    // a power of two, so that upstream * (a + b) == upstream * a + upstream * b exactly
    double upstream = Math.scalb(r.nextBoolean() ? 1.0 : -1.0, r.nextInt(-3, 4));
    int offset = r.nextInt(4);
    int length = offset + k + r.nextInt(3);
    pullback(x, grad, upstream, offset, new double[length]);
    double[] adjoints = new double[length];
    for (int i = 0; i < adjoints.length; i++) {
      adjoints[i] = r.nextDouble(-100, 100);
    }
    pullback(x, grad, upstream, offset, adjoints);
  }

  /**
   * Checks that {@code xPullback} adds {@code upstream} times the gradient into {@code adjoints} at
   * {@code offset} and leaves the rest alone. The value must be the record's exactly, and so must the
   * entries outside the window. An entry inside may differ from {@code a + upstream·g} by the rounding of
   * a different association of the same terms, a few units in the last place: an array parameter's terms
   * are added straight into {@code adjoints}, {@code (a + c1) + c2} where the record holds {@code c1 +
   * c2}; and the record form, whose seed is the literal 1.0, folds it (an adjoint that stays 1.0 is
   * never a variable), so consecutive updates of one entry can merge there and not in the pullback. The
   * terms may be far larger than the entry and the partial, and cancel: {@code (a + c1) - c1} is not
   * {@code a} when {@code c1} is 1e12 (a program of value 2e12 whose partial in {@code v[0]} is exactly 0
   * in both forms, from such terms, left 95.5 + 7e-10 where 95.5 was). The largest partial's magnitude
   * stands for the terms' scale.
   */
  private void pullback(double[] x, double[] grad, double upstream, int offset, double[] adjoints)
      throws Throwable {
    double[] before = adjoints.clone();
    double terms = 0;
    for (int i = 1; i < grad.length; i++) {
      if (Double.isFinite(grad[i])) { // a NaN partial (0·∞ at a singular point) must not void the allowance
        terms = Math.max(terms, Math.abs(upstream * grad[i]));
      }
    }
    Object[] a = Arrays.copyOf(args(x), program.params.size() + 3);
    a[a.length - 3] = upstream;
    a[a.length - 2] = adjoints;
    a[a.length - 1] = offset;
    double value = (double) call(h.pullback(), a);
    unmodified(x, a, program.name + "Pullback");
    if (!same(value, grad[0])) {
      fail(x, program.name + "Pullback returns " + value + ", the record's value is " + grad[0]);
    }
    for (int i = 0; i < adjoints.length; i++) {
      int c = i - offset;
      boolean inside = c >= 0 && c < k;
      double added = inside ? upstream * grad[c + 1] : 0.0;
      double expected = inside ? before[i] + added : before[i];
      boolean ok = same(adjoints[i], expected)
          || (inside && Math.abs(adjoints[i] - expected)
              <= 0x1p-40 * Math.max(Math.max(1.0, terms), Math.max(Math.abs(before[i]), Math.abs(added))));
      if (!ok) {
        fail(x, program.name + "Pullback(upstream " + upstream + ", offset " + offset + ") left adjoints["
            + i + "] = " + adjoints[i] + ", expected " + expected + " = " + before[i] + " + " + upstream
            + " * " + (inside ? grad[c + 1] : 0.0));
      }
    }
  }

  /** The scale of a derivative for a relative comparison; below 1e-3 the comparison is absolute. */
  static double scale(double ad, double fd) {
    return Math.max(Math.max(Math.abs(ad), Math.abs(fd)), 1e-3);
  }

  /** The generated gradient as one Value node: its value and what backward gives each input. */
  private void checkNode(double[] x, double[] grad) throws Throwable {
    if (h.node() == null) {
      return;
    }
    Value[] leaves = new Value[k];
    for (int i = 0; i < k; i++) {
      leaves[i] = new Value(x[i]);
    }
    Value node = (Value) call(h.node(), valueArgs(x, leaves));
    stats.nodes++;
    if (!same(node.data(), grad[0])) {
      fail(x, "the Value overload's node holds " + node.data() + ", the record's value is " + grad[0]);
    }
    node.backward();
    for (int i = 0; i < k; i++) {
      if (!same(leaves[i].grad(), grad[i + 1])) {
        fail(x, "after backward on the Value overload's node, d/d" + coordinate(i) + " is "
            + leaves[i].grad() + ", the record's is " + grad[i + 1]);
      }
    }
  }

  static boolean same(double a, double b) {
    return Double.doubleToLongBits(a) == Double.doubleToLongBits(b) || (a == b);
  }

  static double relative(double a, double b) {
    double scale = Math.max(Math.abs(a), Math.abs(b));
    return scale == 0 ? 0 : Math.abs(a - b) / scale;
  }

  static boolean close(double a, double b, double rtol) {
    return close(a, b, rtol, 0.0);
  }

  /**
   * Within {@code rtol} relative, or within {@code ABSOLUTE · scale}: a partial that is 0 up to rounding
   * (contributions that cancel) is compared against the gradient's and the value's magnitude.
   */
  static boolean close(double a, double b, double rtol, double scale) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b);
    }
    if (Double.isInfinite(a) || Double.isInfinite(b)) {
      return a == b;
    }
    double diff = Math.abs(a - b);
    return diff <= rtol * Math.max(Math.abs(a), Math.abs(b)) || diff <= ABSOLUTE * scale;
  }

  /** A failed check, with the point it failed at, so that it can be reproduced alone. */
  static final class Mismatch extends AssertionError {
    final double[] x;
    final int[] lengths;
    final int n;
    final boolean flag;
    final String what;

    Mismatch(String message, double[] x, int[] lengths, int n, boolean flag, String what) {
      super(message);
      this.x = x;
      this.lengths = lengths;
      this.n = n;
      this.flag = flag;
      this.what = what;
    }

    /** The kind of failure: what failed, without the numbers. */
    String kind() {
      return what.replaceAll("-?[0-9][0-9.E-]*|NaN|-?Infinity", "#");
    }
  }

  /** Checks the program at one point: for reproducing a {@link Mismatch}. */
  void at(double[] x, int[] lengths, int n, boolean flag) throws Throwable {
    setLengths(lengths);
    this.n = n;
    this.flag = flag;
    if (program.vector || program.returns != null) {
      new JacobianCheck(this).at(x, new SplittableRandom(1));
      return;
    }
    point(x, new SplittableRandom(1));
  }

  void fail(double[] x, String what) {
    StringBuilder s = new StringBuilder(program.toString()).append(" at (");
    for (int i = 0; i < k; i++) {
      s.append(i > 0 ? ", " : "").append(coordinate(i)).append(" = ").append(x[i]);
    }
    for (int i = 0; i < program.params.size(); i++) {
      if (program.kind(i) != 'D' && !program.differentiable(i)) {
        Object v = program.kind(i) == 'Z' ? flag : program.kind(i) == 'N' || program.kind(i) == 'O' ? data : n;
        s.append(", ").append(program.params.get(i)).append(" = ").append(v);
      }
    }
    s.append("): ").append(what).append("\n\n").append(Batch.sourceWithCallees(program));
    throw new Mismatch(s.toString(), x.clone(), lengths.clone(), n, flag, what);
  }
}
