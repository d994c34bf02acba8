package io.adjoint.internal;

/** Array helpers for generated gradients. */
public final class Adjoints {
  private Adjoints() {}

  /**
   * A zero array shaped like {@code a}: the adjoint of a matrix, row by row.
   *
   * @param a the matrix
   * @return zeros with the rows' lengths
   */
  public static double[][] zerosLike(double[][] a) {
    double[][] z = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      z[i] = new double[a[i].length];
    }
    return z;
  }

  /**
   * {@code into[i] += scale * from[i]} for every i.
   *
   * @param into the array added to
   * @param scale the factor
   * @param from the array added, at least as long as {@code into}
   */
  public static void addScaled(double[] into, double scale, double[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += scale * from[i];
    }
  }

  /**
   * {@code into[i][j] += scale * from[i][j]} for every i, j.
   *
   * @param into the matrix added to
   * @param scale the factor
   * @param from the matrix added, shaped like {@code into}
   */
  public static void addScaled(double[][] into, double scale, double[][] from) {
    for (int i = 0; i < into.length; i++) {
      addScaled(into[i], scale, from[i]);
    }
  }

  /**
   * Copies {@code from} into {@code to} at {@code offset}.
   *
   * @param from the entries
   * @param to the flat array
   * @param offset where the first entry goes
   * @return the offset after the last
   */
  public static int write(double[] from, double[] to, int offset) {
    System.arraycopy(from, 0, to, offset, from.length);
    return offset + from.length;
  }

  /**
   * Copies the rows of {@code from} into {@code to} at {@code offset}, one after another.
   *
   * @param from the matrix
   * @param to the flat array
   * @param offset where the first entry goes
   * @return the offset after the last
   */
  public static int write(double[][] from, double[] to, int offset) {
    for (double[] row : from) {
      offset = write(row, to, offset);
    }
    return offset;
  }

  /**
   * Adds {@code scale * from} into {@code to} at {@code offset}.
   *
   * @param scale the factor
   * @param from the entries
   * @param to the flat array
   * @param offset where the first entry goes
   * @return the offset after the last
   */
  public static int add(double scale, double[] from, double[] to, int offset) {
    for (int i = 0; i < from.length; i++) {
      to[offset + i] += scale * from[i];
    }
    return offset + from.length;
  }

  /**
   * Adds {@code scale * from} row by row into {@code to} at {@code offset}.
   *
   * @param scale the factor
   * @param from the matrix
   * @param to the flat array
   * @param offset where the first entry goes
   * @return the offset after the last
   */
  public static int add(double scale, double[][] from, double[] to, int offset) {
    for (double[] row : from) {
      offset = add(scale, row, to, offset);
    }
    return offset;
  }

  /**
   * Writes {@code length} zeros into {@code to} at {@code offset}.
   *
   * @param to the flat array
   * @param offset where the first zero goes
   * @param length how many
   * @return the offset after the last
   */
  public static int zero(double[] to, int offset, int length) {
    java.util.Arrays.fill(to, offset, offset + length, 0.0);
    return offset + length;
  }

  /**
   * Zeroes the entries of {@code to[offset, offset + length)} a loop does not store into: the loop stores
   * into the entries {@code from} to {@code until} (exclusive, counted from {@code offset}) when {@code
   * from < until}, and into none otherwise. The bounds are clamped to the part.
   *
   * @param to the flat array
   * @param offset where the part starts
   * @param length the number of entries in the part
   * @param from the first entry the loop stores into, counted from {@code offset}
   * @param until the entry after the last the loop stores into, counted from {@code offset}
   */
  public static void zeroOutside(double[] to, int offset, int length, int from, int until) {
    int head = Math.min(Math.max(from, 0), length);
    int tail = Math.min(Math.max(until, head), length);
    java.util.Arrays.fill(to, offset, offset + head, 0.0);
    java.util.Arrays.fill(to, offset + tail, offset + length, 0.0);
  }

  /**
   * Where the rows of a matrix start when its entries are laid out row after row from {@code offset}
   * (see {@link #rowStart}): null, and nothing allocated, when every row has row 0's length; else one
   * start per row.
   *
   * @param a the matrix
   * @param offset where its first entry goes
   * @return null for a rectangular matrix, else the start of each row
   */
  public static int[] rowStarts(double[][] a, int offset) {
    int length = a.length == 0 ? 0 : a[0].length;
    int i = 0;
    while (i < a.length && a[i].length == length) {
      i++;
    }
    if (i == a.length) {
      return null;
    }
    int[] starts = new int[a.length];
    for (int r = 0; r < a.length; r++) {
      starts[r] = offset;
      offset += a[r].length;
    }
    return starts;
  }

  /**
   * Where row {@code i} of a matrix starts in a flat array holding its rows one after another from
   * {@code offset}: {@code offset + i * a[0].length} for a rectangular matrix, {@code starts[i]} else.
   * Total: for a row the matrix does not have it returns some int and throws nothing, so that generated
   * code may compute a row's start before a loop that uses it only if it runs.
   *
   * @param starts {@link #rowStarts} of the matrix at that offset
   * @param a the matrix
   * @param offset where its first entry goes
   * @param i the row
   * @return the position of entry {@code [i][0]}
   */
  public static int rowStart(int[] starts, double[][] a, int offset, int i) {
    if (starts == null) {
      return a.length == 0 ? offset : offset + i * a[0].length;
    }
    return i >= 0 && i < starts.length ? starts[i] : offset;
  }

  /**
   * The number of entries of a matrix, summed over its rows.
   *
   * @param a the matrix
   * @return its size
   */
  public static int size(double[][] a) {
    int n = 0;
    for (double[] row : a) {
      n += row.length;
    }
    return n;
  }
}
