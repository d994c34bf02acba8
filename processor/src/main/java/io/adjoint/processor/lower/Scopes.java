package io.adjoint.processor.lower;

import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What is in scope where a statement is lowered: the locals of each enclosing block under their source
 * names, the IR names taken so far (a local declared twice in sibling blocks gets two), and the loops
 * around the statement with what a {@code continue} in each runs.
 */
final class Scopes {
  /**
   * A local or parameter as the IR knows it: its IR name and type; for a record or an array of records,
   * what it is bound to ({@link RecordLowering.Bound}), its type then a stand-in never read.
   */
  record Local(String name, Type type, RecordLowering.Bound record) {
    Local(String name, Type type) {
      this(name, type, null);
    }
  }

  /** The locals of each enclosing block by source name, innermost first. */
  private final Deque<Map<String, Local>> blocks = new ArrayDeque<>();
  private final Set<String> irNames = new HashSet<>();
  /** The update statements of the enclosing loops, innermost first: what a continue runs. */
  private final Deque<List<Stmt>> loopUpdates = new ArrayDeque<>();

  void push() {
    blocks.push(new HashMap<>());
  }

  void pop() {
    blocks.pop();
  }

  /** Declares a parameter: its IR name is its source name. */
  void parameter(String name, Type type) {
    irNames.add(name);
    declare(name, name, type);
  }

  /** Declares {@code name} in the innermost block as the IR local {@code irName}. */
  void declare(String name, String irName, Type type) {
    blocks.peek().put(name, new Local(irName, type));
  }

  /** Declares {@code name} in the innermost block as a record, or an array of records, taken apart. */
  void declareRecord(String name, RecordLowering.Bound record) {
    blocks.peek().put(name, new Local(name, Type.DOUBLE, record));
  }

  /** The local a source name means here, or null. */
  Local lookup(String name) {
    for (Map<String, Local> block : blocks) {
      Local l = block.get(name);
      if (l != null) {
        return l;
      }
    }
    return null;
  }

  /**
   * The source name of a local in scope that {@code test} accepts, the last found looking from the
   * innermost block outwards; null if none.
   */
  String lastNameOf(Predicate<Local> test) {
    String name = null;
    for (Map<String, Local> block : blocks) {
      for (Map.Entry<String, Local> e : block.entrySet()) {
        name = test.test(e.getValue()) ? e.getKey() : name;
      }
    }
    return name;
  }

  /** An IR name not taken yet: {@code name}, else {@code name_2}, {@code name_3}, …. */
  String unique(String name) {
    String ir = name;
    for (int i = 2; !irNames.add(ir); i++) {
      ir = name + "_" + i;
    }
    return ir;
  }

  /** Enters a loop's body; a continue in it runs {@code update} (a for loop's). */
  void enterLoop(List<Stmt> update) {
    loopUpdates.push(update);
  }

  void exitLoop() {
    loopUpdates.pop();
  }

  /** What a continue runs here: the update of the innermost loop. */
  List<Stmt> continueUpdate() {
    return loopUpdates.peek();
  }

  /** How many loops enclose the statement being lowered. */
  int loopDepth() {
    return loopUpdates.size();
  }

  boolean inLoop() {
    return !loopUpdates.isEmpty();
  }
}
