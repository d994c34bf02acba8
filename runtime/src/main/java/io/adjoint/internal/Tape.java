package io.adjoint.internal;

import java.util.Arrays;

/**
 * The stack a generated gradient keeps for one call: the forward sweep pushes the values of a loop
 * iteration that the reverse sweep will read (they are overwritten by the next iteration), and the reverse
 * sweep pops them in the opposite order. One tape belongs to one call on one thread; it is never shared.
 */
public final class Tape {
  private double[] doubles = new double[64];
  private int doubleTop;
  private long[] longs = new long[16];
  private int longTop;
  private Object[] objects = new Object[16];
  private int objectTop;

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
    objects[objectTop] = null;
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
