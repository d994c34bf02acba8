package io.adjoint.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * The tape a generated Jacobian replays: after {@link Tape#keep}, each {@link Tape#replay} gives back
 * every value pushed before it, in the same last-first order, however often it is popped, references
 * included; a tape released and acquired again starts empty.
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
}
