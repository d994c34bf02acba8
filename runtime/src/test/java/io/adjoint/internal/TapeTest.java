package io.adjoint.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.IdentityHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The tape a generated Jacobian replays: after {@link Tape#keep}, each {@link Tape#replay} gives back
 * every value pushed before it, in the same last-first order, however often it is popped, references
 * included; a tape released and acquired again starts empty. The arrays a tape lends: distinct within a
 * call, zeroed, and the same ones again on the next call that asks for the same shapes; nested calls
 * reuse their own tapes.
 */
class TapeTest {
  @Test
  void replayGivesBackWhatWasKeptEveryTime() {
    Tape tape = Tape.acquire();
    Object record = new Object();
    for (int i = 0; i < 100; i++) { // past the initial capacities
      tape.push(i + 0.5);
      tape.push((long) i);
      tape.push(record);
    }
    tape.keep();
    for (int row = 0; row < 3; row++) {
      tape.replay();
      for (int i = 99; i >= 0; i--) {
        assertSame(record, tape.popObject());
        assertEquals(i, tape.popLong());
        assertEquals(i + 0.5, tape.popDouble());
      }
    }
    tape.release();
  }

  /**
   * A loop writes its doubles straight into the tape's array (generated code does, for a loop whose
   * number of iterations it knows): they interleave with push and pop, grow the tape past its capacity,
   * and replay as pushed values do.
   */
  @Test
  void doublesWrittenIntoTheArrayAreKeptLikePushedOnes() {
    Tape tape = Tape.acquire();
    tape.push(-1.0);
    double[] array = tape.doubles(300); // past the initial capacity
    int top = tape.doubleTop();
    assertEquals(1, top);
    for (int i = 0; i < 300; i++) {
      array[top] = i;
      top += 1;
    }
    tape.doubleTop(top);
    tape.push(300.0);
    tape.keep();
    for (int row = 0; row < 2; row++) {
      tape.replay();
      assertEquals(300.0, tape.popDouble());
      double[] read = tape.doubles(0);
      int at = tape.doubleTop();
      for (int i = 299; i >= 0; i--) {
        at -= 1;
        assertEquals(i, read[at]);
      }
      tape.doubleTop(at);
      assertEquals(-1.0, tape.popDouble());
      assertEquals(0, tape.doubleTop());
    }
    tape.release();
  }

  @Test
  void releasedTapeStartsEmptyAndForgetsTheMark() {
    Tape tape = Tape.acquire();
    tape.push(1.0);
    tape.keep();
    tape.popDouble();
    tape.release();
    Tape again = Tape.acquire();
    again.push(2.0);
    again.push(3.0);
    assertEquals(3.0, again.popDouble());
    assertEquals(2.0, again.popDouble());
    again.release();
  }

  @Test
  void lentArraysAreDistinctZeroedAndReusedByTheNextCall() {
    double[][] ragged = {{1, 2}, {3}, {}};
    Object[] first = new Object[6];
    for (int call = 0; call < 3; call++) {
      Tape tape = Tape.acquire();
      Object[] got = {
        tape.array(3), tape.array(3), tape.matrix(2, 4), tape.zerosLike(ragged), tape.array(0), tape.array(5)
      };
      Map<Object, Boolean> distinct = new IdentityHashMap<>();
      for (Object array : got) {
        distinct.put(array, true);
      }
      assertEquals(got.length, distinct.size(), "arrays lent in one call are distinct");
      assertArrayEquals(new double[3], (double[]) got[0]);
      assertArrayEquals(new double[3], (double[]) got[1]);
      assertArrayEquals(new double[2][4], (double[][]) got[2]);
      assertArrayEquals(new double[][] {{0, 0}, {0}, {}}, (double[][]) got[3]);
      assertArrayEquals(new double[5], (double[]) got[5]);
      for (Object array : got) { // dirty them, as a call would
        if (array instanceof double[] a && a.length > 0) {
          a[a.length - 1] = 7;
        } else if (array instanceof double[][] m && m.length > 0 && m[0].length > 0) {
          m[0][0] = 7;
        }
      }
      for (int i = 0; i < got.length; i++) {
        if (call == 0) {
          first[i] = got[i];
        } else {
          assertSame(first[i], got[i], "array " + i + " of call " + call + " is the first call's");
        }
      }
      tape.release();
    }
    Tape tape = Tape.acquire();
    assertNotSame(first[0], tape.array(4), "another length: a new array");
    assertArrayEquals(new double[3], tape.array(3), "the next place keeps its array");
    tape.release();
  }

  @Test
  void nestedCallsReuseTheirOwnTapes() {
    Tape outer = Tape.acquire();
    Tape inner = Tape.acquire();
    assertNotSame(outer, inner);
    inner.release();
    outer.release();
    Tape outerAgain = Tape.acquire();
    Tape innerAgain = Tape.acquire();
    assertSame(outer, outerAgain);
    assertSame(inner, innerAgain);
    innerAgain.release();
    outerAgain.release();
  }
}
