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
 * anew. A nested call (a gradient calling another with loops) finds no free tape and makes its own; a call
 * that ends by an exception does not give its tape back, and the next call makes a new one.
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
    FREE.set(null);
    return free;
  }

  /** Gives this tape back for the thread's next call; it must be empty (every push popped). */
  public void release() {
    if (doubles.length <= KEEP_AT_MOST && longs.length <= KEEP_AT_MOST && objects.length <= KEEP_AT_MOST) {
      Arrays.fill(objects, 0, Math.max(objectTop, keptObjects), null);
      keptDoubles = -1;
      keptLongs = -1;
      keptObjects = -1;
      doubleTop = 0;
      longTop = 0;
      objectTop = 0;
      FREE.set(this);
    }
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
