package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.D;
import io.adjoint.processor.random.Ast.Program;
import io.adjoint.processor.random.Ast.RType;
import io.adjoint.processor.random.ProgramGenerator.Klass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The state of the method that {@link ProgramGenerator} is generating, which all its parts share: which
 * program it is (its class, its order, whether it takes records or returns an array), the variables in
 * scope ({@link VarInfo}) and the names no new variable may take, and where the code being generated
 * stands (inside how many loops, conditions and switch cases, and what its calls cost so far). It draws
 * fresh names and visible variables from the generator's one {@code SplittableRandom}.
 */
final class MethodState {
  /** Names a generated gradient also wants: the processor must keep the user's meaning. */
  static final String[] CLASH_NAMES = {
    "value", "upstream", "adjoints", "offset", "partials", "xBar", "yBar", "hashCode", "toString", "result",
    "C0", "C1", "K0", "t0Bar", "tmp", "branch", "choice", "t", "gradient", "tape", "count", "k", "Tape"
  };

  private final SplittableRandom r; // the generator's
  /** The programs later programs may call: a fresh name is at times one of theirs. */
  private final List<Program> callable;

  // the program being generated
  Klass klass;
  Program program;
  // second order inlines every call: no call under a condition (E263), and only callees that obey the
  // same (its @Derivative rules are differentiated themselves: their bodies are in the subset)
  boolean secondOrder;
  boolean arrays; // whether the program being generated uses arrays
  boolean takesRecords; // whether the program being generated takes records
  String result; // a vector program's result array, or null
  boolean single; // whether the vector program returns only its result array (E262)
  /**
   * Whether an index into the vector program's result array calls a method ({@code (int) Math.abs(e)
   * % 4 % out.length}): inlined into a loop, where the array is split into locals, such an index is
   * computed before its statement, which the processor does not do when it divides by a value other
   * than a literal ({@code u[k % u.length]} in e), lest it throw there (E265).
   */
  boolean resultIndexCalls;
  boolean nesting; // whether the program being generated ends in a nested reduction
  boolean valuing; // whether loopValues is still to come before the program's ending
  D loopValue; // what the ending's return adds: the value of loopValues, or null
  boolean sweeping; // whether a sweep (Sweeps) is still to come before the program's ending
  D sweepValue; // what every return after a sweep adds: its accumulator, or null
  /**
   * Whether every index into an array is a loop counter over it or 0 (see {@link Expressions#index}): in
   * some programs with a sweep, so that the Into form's passes can place every entry it writes (an index
   * such as {@code (i + 1) % a.length} or {@code a.length - 1} rules out that array's part of it).
   */
  boolean linearIndices;
  int callCost; // what its calls cost so far, each as often as it runs (see ProgramGenerator#cost)

  // its variables and names
  final List<VarInfo> env = new ArrayList<>();
  final List<String> freed = new ArrayList<>();
  int counter;
  String pending; // the local whose initializer is being generated: in scope there already
  String outOfReach; // a reduction's accumulator while its loop is generated
  /** Names declared in earlier cases of a colon switch: in scope (Java's), though not readable. */
  final List<String> taken = new ArrayList<>();
  /** The names no parameter or local of the program being generated takes: its receiver's components. */
  final java.util.Set<String> reserved = new java.util.HashSet<>();
  /** The type of each visible record variable (env kinds R, M) and array of records (Q). */
  final Map<String, RType> recordOf = new HashMap<>();

  // where the code being generated stands
  boolean completes;
  int loops; // how many loops enclose the statement being generated
  boolean noCalls; // while generating a loop condition
  int iterations = 1; // at most how often the statement being generated runs per call
  /** The loop depth of the switch expression whose case blocks are being generated, or -1: no exits there. */
  int yielding = -1;
  /**
   * Whether the cases of the switch being generated may return: a return copies the statements after
   * the switch into every case that goes on, so that many of them make large code (see the README).
   */
  boolean returnsInCases = true;
  int conditional; // how many right operands of && and || enclose the expression being generated
  int conditions; // how many conditions enclose the expression being generated
  int selectors; // how many switch selectors enclose the expression being generated

  MethodState(SplittableRandom r, List<Program> callable) {
    this.r = r;
    this.callable = callable;
  }

  /**
   * kind: D, I (int), L (long), B, A (double[]); {@code nonNegative}: an int that is never negative (a
   * loop counter); {@code over}: the array whose length bounds this loop counter, or null.
   */
  record VarInfo(String name, char kind, boolean assignable, boolean nonNegative, String over, boolean split) {
    VarInfo(String name, char kind, boolean assignable, boolean nonNegative, String over) {
      this(name, kind, assignable, nonNegative, over, false);
    }

    VarInfo(String name, char kind, boolean assignable) {
      this(name, kind, assignable, false, null);
    }
  }

  /** Whether a reference to field {@code name} must be qualified: a variable of that name hides it. */
  boolean qualify(String name) {
    return visible(name) || name.equals(pending) || r.nextInt(6) == 0;
  }

  boolean hasInts() {
    return has('I', false);
  }

  String fresh() {
    if (r.nextInt(20) == 0) {
      String clash = CLASH_NAMES[r.nextInt(CLASH_NAMES.length)];
      if (!visible(clash)) {
        return clash;
      }
    }
    if (r.nextInt(20) == 0 && !callable.isEmpty()) {
      String callee = callable.get(r.nextInt(callable.size())).name;
      String name = r.nextBoolean() ? callee : callee + "Bar";
      if (!visible(name)) {
        return name;
      }
    }
    if (r.nextInt(10) == 0) {
      // like the processor's names for a variable's later versions and adjoints: x1, xBar, x1Bar
      String base = env.get(r.nextInt(env.size())).name();
      String name = base + new String[] {"1", "2", "Bar", "1Bar"}[r.nextInt(4)];
      if (!visible(name)) {
        return name;
      }
    }
    if (!freed.isEmpty() && r.nextInt(3) == 0) {
      String name = freed.get(r.nextInt(freed.size()));
      if (!visible(name)) {
        return name;
      }
    }
    while (true) {
      String name = "t" + counter++;
      if (!visible(name)) {
        return name;
      }
    }
  }

  boolean visible(String name) {
    if (name.equals(outOfReach) || taken.contains(name) || reserved.contains(name)) {
      return true;
    }
    for (VarInfo v : env) {
      if (v.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  char kindOf(String name) {
    for (VarInfo v : env) {
      if (v.name().equals(name)) {
        return v.kind();
      }
    }
    throw new IllegalStateException(name);
  }

  /** Whether {@code array} is created inside a loop, and so split into locals by the processor. */
  boolean split(String array) {
    return env.stream().anyMatch(v -> v.name().equals(array) && v.split());
  }

  /** Whether an array is visible that may be passed or walked whole: not one created in a loop. */
  boolean hasWhole() {
    return env.stream().anyMatch(v -> v.kind() == 'A' && !v.split());
  }

  /** An array that may be passed or walked whole (see {@link #hasWhole}). */
  String pickWhole() {
    String name;
    do {
      name = pick('A', false);
    } while (split(name));
    return name;
  }

  boolean has(char kind, boolean assignable) {
    for (VarInfo v : env) {
      if ((v.kind() == kind || (kind == 'I' && v.kind() == 'L')) && (!assignable || v.assignable())) {
        return true;
      }
    }
    return false;
  }

  /** A visible variable of the kind ('I' includes long); there is always an assignable double. */
  String pick(char kind, boolean assignable) {
    List<String> names = new ArrayList<>();
    for (VarInfo v : env) {
      if ((v.kind() == kind || (kind == 'I' && v.kind() == 'L')) && (!assignable || v.assignable())) {
        names.add(v.name());
      }
    }
    // prefer recent locals, so that values flow through the DAG
    int i = names.size() - 1 - Math.min(names.size() - 1, (int) Math.abs(r.nextGaussian() * 2.5));
    return names.get(r.nextBoolean() ? i : r.nextInt(names.size()));
  }
}
