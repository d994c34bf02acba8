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

  public void push(double v) {
    if (doubleTop == doubles.length) {
      doubles = Arrays.copyOf(doubles, doubles.length * 2);
    }
    doubles[doubleTop++] = v;
  }

  public double popDouble() {
    return doubles[--doubleTop];
  }

  public void push(long v) {
    if (longTop == longs.length) {
      longs = Arrays.copyOf(longs, longs.length * 2);
    }
    longs[longTop++] = v;
  }

  public void push(int v) {
    push((long) v);
  }

  public void push(boolean v) {
    push(v ? 1L : 0L);
  }

  public void push(Object v) {
    if (objectTop == objects.length) {
      objects = Arrays.copyOf(objects, objects.length * 2);
    }
    objects[objectTop++] = v;
  }

  public Object popObject() {
    Object v = objects[--objectTop];
    objects[objectTop] = null;
    return v;
  }

  public long popLong() {
    return longs[--longTop];
  }

  public int popInt() {
    return (int) longs[--longTop];
  }

  public boolean popBoolean() {
    return longs[--longTop] != 0;
  }
}
