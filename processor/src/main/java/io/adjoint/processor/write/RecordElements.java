package io.adjoint.processor.write;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Java;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One local per element of an array of records that a block reads more than once: {@code Particle p =
 * chain[i];} then {@code p.pos().x()}, {@code p.mass()}, where the block read {@code chain[i].pos().x()},
 * {@code chain[i].mass()}. The element is loaded once, where the block first read it, and its leaves are
 * read through it, as in code written by hand; the reads stay in place, so nothing is read earlier than
 * before. (HotSpot's C2 already loaded the element once: this is for the reader, and for compilers that
 * do not.) A local covers the reads up to the statement that assigns a name its index uses, or the next
 * statement with a block of its own (a loop, an {@code if}), whose blocks get locals of their own.
 *
 * <p>Only nested blocks get these locals (loop bodies, branches): a method's top-level statements may be
 * split between methods ({@link Splitter}), and the per-iteration loads are the ones that count.
 */
final class RecordElements {
  private final String array;
  private final ClassRef type;
  private final String suffix;
  private final Set<String> taken;

  private RecordElements(String array, ClassRef type, String suffix, Set<String> taken) {
    this.array = array;
    this.type = type;
    this.suffix = suffix;
    this.taken = taken;
  }

  /**
   * {@code body} with the elements of {@code array} (of records of class {@code type}) its nested blocks
   * read more than once bound to locals; new names are added to {@code taken}, which holds every name of
   * the method. An array of tangents ({@code tangents}) names its elements like the leaves' tangents,
   * {@code pDot}.
   */
  static List<Java.Stmt> bind(List<Java.Stmt> body, String array, ClassRef type, boolean tangents, Set<String> taken) {
    body.forEach(s -> counters(s, taken));
    RecordElements elements = new RecordElements(array, type, tangents ? "Dot" : "", taken);
    return body.stream().map(elements::nested).toList();
  }

  /** Adds the counters of the backward loops in {@code s} to {@code out} ({@link Splitter#names} leaves them out). */
  private static void counters(Java.Stmt s, Set<String> out) {
    if (s instanceof Java.CountDown c) {
      out.add(c.counter());
    }
    Java.blocks(s).forEach(block -> block.forEach(x -> counters(x, out)));
  }

  /** {@code s} with its nested blocks given their locals. */
  private Java.Stmt nested(Java.Stmt s) {
    return Java.mapBlocks(s, this::block);
  }

  /** Statements {@code first..last} of a block, which read element {@code index} {@code reads} times. */
  private static final class Run {
    final Java.Expr index;
    final int first;
    int last;
    int reads;
    String name;

    Run(Java.Expr index, int first) {
      this.index = index;
      this.first = first;
    }
  }

  private List<Java.Stmt> block(List<Java.Stmt> stmts) {
    List<Java.Stmt> in = stmts.stream().map(this::nested).toList();
    List<Run> runs = new ArrayList<>();
    Map<Java.Expr, Run> open = new LinkedHashMap<>();
    for (int k = 0; k < in.size(); k++) {
      Java.Stmt s = in.get(k);
      if (!Java.blocks(s).isEmpty()) {
        runs.addAll(open.values());
        open.clear();
        continue;
      }
      List<Java.Expr> indices = new ArrayList<>();
      Java.mapExpressions(s, e -> collect(e, indices));
      for (Java.Expr index : indices) {
        int at = k;
        Run run = open.computeIfAbsent(index, i -> new Run(i, at));
        run.reads++;
        run.last = k;
      }
      String assigned = assigned(s);
      for (var it = open.values().iterator(); assigned != null && it.hasNext(); ) {
        Run run = it.next();
        if (mentions(run.index, assigned)) {
          runs.add(run);
          it.remove();
        }
      }
    }
    runs.addAll(open.values());
    runs.removeIf(run -> run.reads < 2);
    if (runs.isEmpty()) {
      return in;
    }
    runs.sort((a, b) -> Integer.compare(a.first, b.first));
    List<Java.Stmt> current = new ArrayList<>(in);
    for (Run run : runs) {
      run.name = fresh(name(in, run));
      for (int k = run.first; k <= run.last; k++) {
        current.set(k, Java.mapExpressions(current.get(k), e -> replace(e, run.index, run.name)));
      }
    }
    List<Java.Stmt> out = new ArrayList<>();
    int next = 0;
    for (int k = 0; k < current.size(); k++) {
      for (; next < runs.size() && runs.get(next).first == k; next++) {
        Run run = runs.get(next);
        out.add(new Java.Declare(Java.JType.of(type), run.name, element(run.index)));
      }
      out.add(current.get(k));
    }
    return out;
  }

  private Java.Expr element(Java.Expr index) {
    return new Java.ArrayRead(new Java.Name(array), index);
  }

  /** Adds the index of each element of {@code array} that {@code e} reads to {@code out}, in reading order. */
  private Java.Expr collect(Java.Expr e, List<Java.Expr> out) {
    if (e instanceof Java.ArrayRead a && a.array() instanceof Java.Name n && n.name().equals(array)) {
      out.add(a.index());
      return e;
    }
    return Java.mapOperands(e, x -> collect(x, out));
  }

  private Java.Expr replace(Java.Expr e, Java.Expr index, String name) {
    if (e.equals(element(index))) {
      return new Java.Name(name);
    }
    return Java.mapOperands(e, x -> replace(x, index, name));
  }

  /** The local {@code s} assigns or declares, or null. */
  private static String assigned(Java.Stmt s) {
    if (s instanceof Java.Declare d) {
      return d.name();
    }
    return s instanceof Java.Assign a && a.target() instanceof Java.Name n ? n.name() : null;
  }

  private static boolean mentions(Java.Expr e, String name) {
    boolean[] found = {false};
    Java.mapOperands(e, x -> {
      found[0] |= mentions(x, name);
      return x;
    });
    return found[0] || e instanceof Java.Name n && n.name().equals(name);
  }

  /**
   * The name of the element {@code run} reads: the record's own name where one of its statements
   * declares a leaf of it ({@code p} of {@code double p$pos$x = chain[i].pos().x()}, {@code pDot} of
   * {@code double p$xDot = chainTangent[i].x()}), else {@code chainElement}.
   */
  private String name(List<Java.Stmt> stmts, Run run) {
    for (int k = run.first; k <= run.last; k++) {
      if (stmts.get(k) instanceof Java.Declare d && d.name().indexOf('$') > 0 && leafOf(d.init(), run.index)) {
        String record = d.name().substring(0, d.name().indexOf('$'));
        if (Character.isLowerCase(record.charAt(0))) {
          return record + suffix;
        }
      }
    }
    return array + "Element";
  }

  /** Whether {@code e} is a leaf of the element, {@code chain[i].pos().x()}. */
  private boolean leafOf(Java.Expr e, Java.Expr index) {
    while (e instanceof Java.Call c && c.args().isEmpty() && c.target() != null) {
      e = c.target();
    }
    return e.equals(element(index));
  }

  /** {@code name}, or {@code name2}, {@code name3}… when taken; the one returned is then taken. */
  private String fresh(String name) {
    String out = name;
    for (int n = 2; !taken.add(out); n++) {
      out = name + n;
    }
    return out;
  }
}
