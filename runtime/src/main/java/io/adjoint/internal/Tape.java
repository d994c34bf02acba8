package io.adjoint.internal;

import java.util.Arrays;

/**
 * The stack a generated gradient keeps for one call: the forward sweep pushes the values of a loop
 * iteration that the reverse sweep will read (they are overwritten by the next iteration), and the reverse
 * sweep pops them in the opposite order. One tape belongs to one call on one thread at a time; it is never
 * shared.
 *
 * <p>Generated code takes its tape with {@link #acquire()} and gives it back with {@link #release()}, so
 * that a thread calling a gradient again reuses the arrays the last call grew instead of allocating them
 * anew. A thread keeps a stack of free tapes, so that a nested call (a gradient calling another with
 * loops) reuses the tape the same nested call used last time; a call that ends by an exception does not
 * give its tape back, and the next call makes a new one.
 *
 * <p>A tape also lends the call the local arrays its generated code would allocate ({@link #array},
 * {@link #matrix}, {@link #zerosLike}): the arrays the body creates and their adjoints, which never
 * leave the call. The n-th array a call asks for is the n-th array the last call on this tape asked for,
 * zeroed, when it has the same shape, so that a thread calling the same gradient again allocates
 * nothing.
 */
public final class Tape {
  private static final ThreadLocal<Tape> FREE = new ThreadLocal<>();
  /** Tapes that grew beyond this many entries are not kept for reuse, so that no thread hoards memory. */
  private static final int KEEP_AT_MOST = 1 << 24;

  /**
   * A tape for one call: this thread's free one, emptied, or a new one.
   *
   * @return the tape, empty
   */
  public static Tape acquire() {
    Tape free = FREE.get();
    if (free == null) {
      return new Tape();
    }
    FREE.set(free.nextFree);
    free.nextFree = null;
    return free;
  }

  /** Gives this tape back for the thread's next call; it must be empty (every push popped). */
  public void release() {
    if (doubles.length <= KEEP_AT_MOST && longs.length <= KEEP_AT_MOST && objects.length <= KEEP_AT_MOST
        && lentDoubles <= KEEP_AT_MOST) {
      Arrays.fill(objects, 0, Math.max(objectTop, keptObjects), null);
      keptDoubles = -1;
      keptLongs = -1;
      keptObjects = -1;
      doubleTop = 0;
      longTop = 0;
      objectTop = 0;
      lentTop = 0;
      nextFree = FREE.get();
      FREE.set(this);
    }
  }

  /**
   * A zeroed {@code double[length]} for the call holding this tape, which it must not keep after {@link
   * #release}: the array the last call got at this point, if it has that length.
   *
   * @param length the array's length
   * @return the array, all zeros
   */
  public double[] array(int length) {
    if (lentTop < lent.length && lent[lentTop] instanceof double[] kept && kept.length == length) {
      lentTop++;
      Arrays.fill(kept, 0.0);
      return kept;
    }
    return lend(new double[length]);
  }

  /**
   * A zeroed {@code double[rows][columns]} for the call holding this tape, as {@link #array}.
   *
   * @param rows how many rows
   * @param columns the length of each
   * @return the matrix, all zeros
   */
  public double[][] matrix(int rows, int columns) {
    if (lentTop < lent.length && lent[lentTop] instanceof double[][] kept && kept.length == rows) {
      boolean same = true;
      for (int i = 0; i < rows && same; i++) {
        same = kept[i].length == columns;
      }
      if (same) {
        lentTop++;
        for (double[] row : kept) {
          Arrays.fill(row, 0.0);
        }
        return kept;
      }
    }
    return lend(new double[rows][columns]);
  }

  /**
   * A zeroed matrix whose rows have the lengths of {@code shape}'s, for the call holding this tape, as
   * {@link #array}: the adjoint of a local matrix.
   *
   * @param shape a matrix, whose rows may differ in length
   * @return the matrix, all zeros
   */
  public double[][] zerosLike(double[][] shape) {
    if (lentTop < lent.length && lent[lentTop] instanceof double[][] kept && kept.length == shape.length) {
      boolean same = true;
      for (int i = 0; i < shape.length && same; i++) {
        same = kept[i].length == shape[i].length;
      }
      if (same) {
        lentTop++;
        for (double[] row : kept) {
          Arrays.fill(row, 0.0);
        }
        return kept;
      }
    }
    double[][] zeros = new double[shape.length][];
    for (int i = 0; i < shape.length; i++) {
      zeros[i] = new double[shape[i].length];
    }
    return lend(zeros);
  }

  /** Keeps {@code fresh} at the current place for the next call, unless the tape lends too much already. */
  private <T> T lend(T fresh) {
    if (lentTop == lent.length && lentTop < LEND_AT_MOST) {
      lent = Arrays.copyOf(lent, lent.length * 2);
    }
    if (lentTop < lent.length) {
      Object replaced = lent[lentTop];
      lentDoubles += doubles(fresh) - (replaced == null ? 0 : doubles(replaced));
      lent[lentTop++] = fresh;
    }
    return fresh;
  }

  private static long doubles(Object array) {
    if (array instanceof double[] a) {
      return a.length;
    }
    long count = 0;
    for (double[] row : (double[][]) array) {
      count += row.length;
    }
    return count;
  }

  /**
   * Marks what the tape holds now as what {@link #replay} restores: a Jacobian's forward sweep, run once,
   * whose tape each of its reverse sweeps pops in turn.
   */
  public void keep() {
    keptDoubles = doubleTop;
    keptLongs = longTop;
    keptObjects = objectTop;
  }

  /** Holds again what it held at {@link #keep}: the entries popped since then, in place, are pushed back. */
  public void replay() {
    doubleTop = keptDoubles;
    longTop = keptLongs;
    objectTop = keptObjects;
  }

  /** The tape freed before this one on its thread, while this one is free. */
  private Tape nextFree;
  /** How many arrays a tape lends at most; a call asking for more allocates the others. */
  private static final int LEND_AT_MOST = 1 << 12;
  /** The arrays lent to calls, in the order they were asked for, and how many this call has. */
  private Object[] lent = new Object[8];
  private int lentTop;
  /** How many doubles the arrays lent hold, so that a tape lending too much is not kept. */
  private long lentDoubles;

  private double[] doubles = new double[64];
  private int doubleTop;
  private long[] longs = new long[16];
  private int longTop;
  private Object[] objects = new Object[16];
  private int objectTop;
  /** The tops {@link #keep} marked, or -1: then popped references stay for {@link #replay}. */
  private int keptDoubles = -1;
  private int keptLongs = -1;
  private int keptObjects = -1;

  /**
   * Pushes a {@code double}.
   *
   * @param v the value
   */
  public void push(double v) {
    if (doubleTop == doubles.length) {
      doubles = Arrays.copyOf(doubles, doubles.length * 2);
    }
    doubles[doubleTop++] = v;
  }

  /**
   * Pops the {@code double} pushed last.
   *
   * @return the value
   */
  public double popDouble() {
    return doubles[--doubleTop];
  }

  /**
   * The array the {@code double}s are kept in, with room for {@code more} beyond the top: a loop that
   * keeps a known number of doubles writes them into it at {@link #doubleTop()} and on, then sets the
   * top past them ({@link #doubleTop(int)}), and its reverse reads them back the same way, with no call
   * per value. The array is the tape's until the tape next grows.
   *
   * @param more how many doubles the caller will write (zero to read)
   * @return the array
   */
  public double[] doubles(int more) {
    if (more > doubles.length - doubleTop) {
      long size = Math.max(2L * doubles.length, (long) doubleTop + more);
      if (size > Integer.MAX_VALUE - 8) {
        throw new OutOfMemoryError("a tape of more than 2^31 doubles");
      }
      doubles = Arrays.copyOf(doubles, (int) size);
    }
    return doubles;
  }

  /**
   * Where the next {@code double} goes: one past the last kept.
   *
   * @return the index in {@link #doubles(int)}'s array
   */
  public int doubleTop() {
    return doubleTop;
  }

  /**
   * Sets where the next {@code double} goes, after writing into or reading from {@link #doubles(int)}'s
   * array.
   *
   * @param top the index
   */
  public void doubleTop(int top) {
    doubleTop = top;
  }

  /**
   * Pushes a {@code long}.
   *
   * @param v the value
   */
  public void push(long v) {
    if (longTop == longs.length) {
      longs = Arrays.copyOf(longs, longs.length * 2);
    }
    longs[longTop++] = v;
  }

  /**
   * Pushes an {@code int}, on the {@code long} stack.
   *
   * @param v the value
   */
  public void push(int v) {
    push((long) v);
  }

  /**
   * Pushes a {@code boolean}, on the {@code long} stack.
   *
   * @param v the value
   */
  public void push(boolean v) {
    push(v ? 1L : 0L);
  }

  /**
   * Pushes a reference: the gradient record of a call, which the reverse sweep reads again.
   *
   * @param v the reference
   */
  public void push(Object v) {
    if (objectTop == objects.length) {
      objects = Arrays.copyOf(objects, objects.length * 2);
    }
    objects[objectTop++] = v;
  }

  /**
   * Pops the reference pushed last, and lets go of it.
   *
   * @return the reference
   */
  public Object popObject() {
    Object v = objects[--objectTop];
    if (keptObjects < 0) {
      objects[objectTop] = null;
    }
    return v;
  }

  /**
   * Pops the {@code long} pushed last.
   *
   * @return the value
   */
  public long popLong() {
    return longs[--longTop];
  }

  /**
   * Pops the {@code int} pushed last.
   *
   * @return the value
   */
  public int popInt() {
    return (int) longs[--longTop];
  }

  /**
   * Pops the {@code boolean} pushed last.
   *
   * @return the value
   */
  public boolean popBoolean() {
    return longs[--longTop] != 0;
  }
}
