package io.adjoint.internal;

/**
 * Helpers for the generated Jacobian and Hessian forms: the choice between forward and reverse sweeps,
 * and the reshaping of a flat matrix (rows: outputs; columns: inputs in the flat layout) into one
 * component per parameter.
 */
public final class Jacobians {
  /**
   * How many forward sweeps cost as much as one reverse sweep (a pullback: the function's forward pass
   * and its reverse pass): a Jacobian takes forward sweeps while there are at most this many inputs per
   * output. {@code JacobianBenchmark} measures both on the same functions: on straight-line code a
   * pullback costs 0.6 to 0.9 tangents (bundle adjustment's reprojection error, a rotation), on a loop
   * over an array about 1 (exponential-decay residuals); only a loop nested in a loop, whose reverse
   * sweep keeps a tape, costs far more (a dense layer: 30 tangents), and that is the reverse sweep's to
   * fix. So, as JAX's {@code jacfwd}/{@code jacrev} advice goes: forward when there are no more inputs
   * than outputs.
   */
  static final int FORWARD_SWEEPS_PER_REVERSE = 1;

  private Jacobians() {}

  /**
   * Whether a Jacobian with {@code inputs} columns and {@code outputs} rows is cheaper by forward sweeps
   * (one per input) than by reverse sweeps (one per output).
   *
   * @param inputs the number of inputs, in the flat layout
   * @param outputs the number of outputs
   * @return true for forward sweeps
   */
  public static boolean forward(int inputs, int outputs) {
    return inputs <= (long) outputs * FORWARD_SWEEPS_PER_REVERSE;
  }

  /**
   * Room for one matrix per output: the component of a Jacobian for a {@code double[][]} parameter,
   * whose rows the reverse sweeps fill in turn.
   *
   * @param outputs the number of outputs
   * @return an array of {@code outputs} nulls
   */
  public static double[][][] matrices(int outputs) {
    return new double[outputs][][];
  }

  /**
   * Stores {@code tangent} as column {@code column} of {@code jacobian}.
   *
   * @param jacobian the matrix, one row per output
   * @param column the column
   * @param tangent one entry per output
   */
  public static void setColumn(double[][] jacobian, int column, double[] tangent) {
    for (int i = 0; i < jacobian.length; i++) {
      jacobian[i][column] = tangent[i];
    }
  }

  /**
   * Column {@code column} of {@code jacobian}: the derivatives of every output by one input.
   *
   * @param jacobian the matrix, one row per output
   * @param column the column
   * @return a new array, one entry per output
   */
  public static double[] column(double[][] jacobian, int column) {
    double[] out = new double[jacobian.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = jacobian[i][column];
    }
    return out;
  }

  /**
   * Columns {@code offset} to {@code offset + length} of every row: the derivatives of every output by a
   * {@code double[]} input.
   *
   * @param jacobian the matrix, one row per output
   * @param offset the first column
   * @param length the number of columns
   * @return a new matrix, one row per output
   */
  public static double[][] columns(double[][] jacobian, int offset, int length) {
    double[][] out = new double[jacobian.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = java.util.Arrays.copyOfRange(jacobian[i], offset, offset + length);
    }
    return out;
  }

  /**
   * The columns from {@code offset} on, shaped like {@code shape} for every output: the derivatives of
   * every output by a {@code double[][]} input.
   *
   * @param jacobian the matrix, one row per output
   * @param offset the first column
   * @param shape the input, whose rows give the shape
   * @return a new array, one matrix per output
   */
  public static double[][][] columns(double[][] jacobian, int offset, double[][] shape) {
    double[][][] out = new double[jacobian.length][shape.length][];
    for (int i = 0; i < out.length; i++) {
      int at = offset;
      for (int r = 0; r < shape.length; r++) {
        out[i][r] = java.util.Arrays.copyOfRange(jacobian[i], at, at + shape[r].length);
        at += shape[r].length;
      }
    }
    return out;
  }

  /**
   * The entries from {@code offset} on, shaped like {@code shape}: a {@code double[][]} input's part of a
   * flat vector.
   *
   * @param flat the flat vector
   * @param offset where the first row starts
   * @param shape the input, whose rows give the shape
   * @return a new matrix
   */
  public static double[][] rows(double[] flat, int offset, double[][] shape) {
    double[][] out = new double[shape.length][];
    int at = offset;
    for (int r = 0; r < shape.length; r++) {
      out[r] = java.util.Arrays.copyOfRange(flat, at, at + shape[r].length);
      at += shape[r].length;
    }
    return out;
  }

  /**
   * Checks that a direction has one entry per input.
   *
   * @param direction the direction
   * @param inputs the number of inputs
   * @throws IllegalArgumentException if it has another length
   */
  public static void requireLength(double[] direction, int inputs) {
    if (direction.length != inputs) {
      throw new IllegalArgumentException(
          "the direction has " + direction.length + " entries, and the method " + inputs + " inputs (the flat"
              + " layout: a double one, a double[] its entries, a double[][] its rows in turn)");
    }
  }

  /**
   * Makes {@code matrix} exactly symmetric: each pair of entries across the diagonal becomes their mean.
   *
   * @param matrix a square matrix
   */
  public static void symmetrize(double[][] matrix) {
    for (int i = 0; i < matrix.length; i++) {
      for (int k = 0; k < i; k++) {
        double mean = 0.5 * (matrix[i][k] + matrix[k][i]);
        matrix[i][k] = mean;
        matrix[k][i] = mean;
      }
    }
  }
}
