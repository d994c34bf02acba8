package io.adjoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pictures of a {@link Value} graph: Graphviz DOT, as micrograd's {@code draw_dot} draws it, and an
 * indented text tree for a terminal.
 *
 * <pre>{@code
 * Value a = new Value(2.0);
 * Value b = new Value(3.0);
 * Value e = a.add(b).add(a.mul(b));
 * e.backward();
 * Map<Value, String> labels = Map.of(a, "a", b, "b", e, "e");
 * Files.writeString(Path.of("graph.dot"), Graphs.toDot(e, labels)); // dot -Tsvg graph.dot -o graph.svg
 * System.out.print(Graphs.toAscii(e, labels));
 * }</pre>
 *
 * prints
 *
 * <pre>
 * e [+] data=11.0 grad=1.0
 * |-- #1 [+] data=5.0 grad=1.0
 * |   |-- a data=2.0 grad=4.0
 * |   `-- b data=3.0 grad=3.0
 * `-- #2 [*] data=6.0 grad=1.0
 *     |-- a (see above)
 *     `-- b (see above)
 * </pre>
 *
 * <p><b>Labels</b> are optional: a map from nodes to names ({@code Value} compares by identity, so any
 * {@code Map} works), or null. Nodes without one are numbered {@code #1}, {@code #2}, … in the text
 * tree and show no name in DOT. Labels are escaped, so any string is safe.
 *
 * <p><b>Operations</b> are printed as {@code +}, {@code -}, {@code *}, {@code /}, {@code ^}, {@code
 * neg}, {@code relu}, {@code sigmoid}, {@code tanh}, {@code exp}, {@code log}, {@code sin}, {@code cos},
 * {@code tan}, {@code sqrt}, {@code abs}, {@code min}, {@code max} and {@code sum}; an operation with a
 * {@code double} operand shows it after a space ({@code * 0.5}, and {@code x.sub(3)} as {@code + -3.0}).
 * A {@link Value#withPartials} node is a {@code sum} of one {@code * partial} node per input, whose data is
 * never computed (NaN). Numbers are printed as {@link Double#toString(double)} prints them.
 *
 * <p><b>Order and size.</b> Both walks are iterative (no recursion: a chain of a million operations
 * works on the default stack) and deterministic: operands in the order the operation takes them, so the
 * same graph always gives the same text. Each node appears once, however many nodes use it.
 */
public final class Graphs {
  /** The depth below which {@link #toAscii(Value)} prints {@code ...} instead of more nodes. */
  public static final int DEFAULT_MAX_DEPTH = 50;

  private Graphs() {}

  // ---- DOT -------------------------------------------------------------------------------------

  /**
   * The graph of {@code root} in Graphviz DOT, without labels; see {@link #toDot(Value, Map)}.
   *
   * @param root the node whose graph to draw
   * @return the DOT text
   */
  public static String toDot(Value root) {
    return toDot(root, null);
  }

  /**
   * The graph of {@code root} in Graphviz DOT, left to right, as micrograd's {@code draw_dot} draws
   * it: a record node {@code { label | data … | grad … }} for each value, and for each operation a
   * small node with its symbol, with edges from the operands to it and from it to its result. Value
   * nodes are named {@code n0}, {@code n1}, … in topological order (operands first), the operation
   * that made {@code nK} is {@code opK}. Render it with {@code dot -Tsvg graph.dot -o graph.svg}.
   *
   * @param root the node whose graph to draw
   * @param labels names to show, or null for none
   * @return the DOT text, each line ending with a line feed
   */
  public static String toDot(Value root, Map<Value, String> labels) {
    StringBuilder out = new StringBuilder();
    try {
      writeDot(root, labels, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder never throws
    }
    return out.toString();
  }

  /**
   * Writes {@link #toDot(Value, Map)}'s text to {@code out} as it goes, for graphs too large to hold
   * as one string.
   *
   * @param root the node whose graph to draw
   * @param labels names to show, or null for none
   * @param out where to write
   * @throws IOException if {@code out} throws
   */
  public static void writeDot(Value root, Map<Value, String> labels, Appendable out) throws IOException {
    IdentityHashMap<Value, Integer> ids = new IdentityHashMap<>();
    List<Value> order = topologicalOrder(root, ids);
    out.append("digraph {\n  graph [rankdir=LR];\n  node [shape=record];\n");
    StringBuilder b = new StringBuilder(); // one node's statements, written to out at once
    for (int k = 0; k < order.size(); k++) {
      Value v = order.get(k);
      String label = labels == null ? null : labels.get(v);
      b.setLength(0);
      b.append("  n").append(k).append(" [label=\"{ ");
      if (label != null) {
        b.append(escapeRecord(label)).append(" | ");
      }
      b.append("data ").append(v.data()).append(" | grad ").append(v.grad()).append(" }\"];\n");
      int arity = v.arity();
      if (arity > 0) {
        b.append("  op").append(k).append(" [label=\"").append(escapeString(v.opLabel()));
        b.append("\", shape=ellipse];\n");
        for (int i = 0; i < arity; i++) {
          b.append("  n").append(ids.get(v.operand(i)).intValue()).append(" -> op").append(k).append(";\n");
        }
        b.append("  op").append(k).append(" -> n").append(k).append(";\n");
      }
      out.append(b);
    }
    out.append("}\n");
  }

  /**
   * Every node {@code root} depends on, and {@code root} last, operands before the nodes that use them
   * (a depth-first post-order, operands in order); {@code ids} maps each node to its index.
   */
  private static List<Value> topologicalOrder(Value root, IdentityHashMap<Value, Integer> ids) {
    List<Value> order = new ArrayList<>();
    Value[] stack = new Value[16];
    int[] next = new int[16]; // the next operand to visit of each node on the stack
    int top = 0;
    stack[top++] = root;
    while (top > 0) {
      Value v = stack[top - 1];
      int i = next[top - 1];
      if (i < v.arity()) {
        next[top - 1] = i + 1;
        Value operand = v.operand(i);
        // A node is finished before anything can reach it again (the graph has no cycles), so a
        // node not yet in ids is not on the stack either.
        if (!ids.containsKey(operand)) {
          if (top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
            next = Arrays.copyOf(next, top * 2);
          }
          stack[top] = operand;
          next[top] = 0;
          top++;
        }
      } else {
        stack[--top] = null;
        ids.put(v, order.size());
        order.add(v);
      }
    }
    return order;
  }

  /** {@code s} inside a DOT record label: the record's own syntax characters escaped too. */
  private static String escapeRecord(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '{', '}', '|', '<', '>', '"', '\\' -> b.append('\\').append(c);
        case '\n' -> b.append("\\n");
        default -> appendVisible(b, c, "\\\\");
      }
    }
    return b.toString();
  }

  /** {@code s} inside a DOT quoted string. */
  private static String escapeString(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"', '\\' -> b.append('\\').append(c);
        case '\n' -> b.append("\\n");
        default -> appendVisible(b, c, "\\\\");
      }
    }
    return b.toString();
  }

  /** {@code c}, or a control character as {@code backslash} then {@code u} and four hex digits. */
  private static void appendVisible(StringBuilder b, char c, String backslash) {
    if (Character.isISOControl(c)) {
      b.append(backslash).append(String.format(Locale.ROOT, "u%04x", (int) c));
    } else {
      b.append(c);
    }
  }

  // ---- text ------------------------------------------------------------------------------------

  /**
   * {@link #toAscii(Value, Map, int)} without labels, to depth {@link #DEFAULT_MAX_DEPTH}.
   *
   * @param root the node whose graph to draw
   * @return the tree
   */
  public static String toAscii(Value root) {
    return toAscii(root, null, DEFAULT_MAX_DEPTH);
  }

  /**
   * {@link #toAscii(Value, Map, int)} to depth {@link #DEFAULT_MAX_DEPTH}.
   *
   * @param root the node whose graph to draw
   * @param labels names to show, or null for none
   * @return the tree
   */
  public static String toAscii(Value root, Map<Value, String> labels) {
    return toAscii(root, labels, DEFAULT_MAX_DEPTH);
  }

  /**
   * The graph of {@code root} as an indented tree, one line per node, in plain ASCII:
   *
   * <pre>
   * NAME [OP] data=D grad=G      an operation, followed by its operands one level deeper
   * NAME data=D grad=G           a leaf
   * NAME (see above)             a node already printed with its operands
   * ...                          operands deeper than maxDepth, not printed
   * </pre>
   *
   * <p>NAME is the node's label, or {@code #1}, {@code #2}, … for unlabeled nodes in the order they
   * first appear. An operand line starts with {@code |-- }, the last operand's with {@code `-- }, below
   * a column of {@code |   } that joins the operands of one node. The root has depth 0; a node at depth
   * {@code maxDepth} is printed, its operands are not ({@code ...}), and it is printed again in full if
   * a shallower node uses it too. Every line ends with {@code \n}. In labels, {@code \}, line breaks
   * and other control characters are written as Java escapes ({@code \\}, {@code \n},
   * <code>&#92;u0007</code>).
   *
   * @param root the node whose graph to draw
   * @param labels names to show, or null for none
   * @param maxDepth the deepest level printed, at least 0
   * @return the tree, each line ending with a line feed
   * @throws IllegalArgumentException if {@code maxDepth} is negative
   */
  public static String toAscii(Value root, Map<Value, String> labels, int maxDepth) {
    if (maxDepth < 0) {
      throw new IllegalArgumentException("maxDepth " + maxDepth + " < 0");
    }
    StringBuilder out = new StringBuilder();
    IdentityHashMap<Value, String> names = new IdentityHashMap<>();
    IdentityHashMap<Value, Boolean> shown = new IdentityHashMap<>(); // printed with their operands
    int[] unnamed = {0};
    boolean[] lastAt = new boolean[maxDepth + 2]; // whether the ancestor at each depth is a last operand
    // A preorder walk: a stack of lines to print, the first operand on top.
    Value[] stack = new Value[16];
    int[] depth = new int[16];
    boolean[] last = new boolean[16];
    int top = 0;
    stack[top] = root;
    depth[top] = 0;
    last[top] = true;
    top++;
    while (top > 0) {
      top--;
      Value v = stack[top];
      stack[top] = null;
      int d = depth[top];
      lastAt[d] = last[top];
      indent(out, lastAt, d);
      String name = names.computeIfAbsent(v, n -> nameOf(n, labels, unnamed));
      out.append(name);
      if (shown.containsKey(v)) {
        out.append(" (see above)\n");
        continue;
      }
      int arity = v.arity();
      if (arity > 0) {
        out.append(" [").append(escapeText(v.opLabel())).append(']');
      }
      out.append(" data=").append(v.data()).append(" grad=").append(v.grad()).append('\n');
      if (arity == 0) {
        shown.put(v, Boolean.TRUE);
        continue;
      }
      if (d == maxDepth) {
        lastAt[d + 1] = true;
        indent(out, lastAt, d + 1);
        out.append("...\n");
        continue;
      }
      shown.put(v, Boolean.TRUE);
      if (top + arity > stack.length) {
        int size = Math.max(stack.length * 2, top + arity);
        stack = Arrays.copyOf(stack, size);
        depth = Arrays.copyOf(depth, size);
        last = Arrays.copyOf(last, size);
      }
      for (int i = arity - 1; i >= 0; i--) {
        stack[top] = v.operand(i);
        depth[top] = d + 1;
        last[top] = i == arity - 1;
        top++;
      }
    }
    return out.toString();
  }

  /** The tree's left margin for a line at depth {@code d}, whose ancestors' lastness is in lastAt. */
  private static void indent(StringBuilder out, boolean[] lastAt, int d) {
    for (int j = 1; j < d; j++) {
      out.append(lastAt[j] ? "    " : "|   ");
    }
    if (d > 0) {
      out.append(lastAt[d] ? "`-- " : "|-- ");
    }
  }

  private static String nameOf(Value v, Map<Value, String> labels, int[] unnamed) {
    String label = labels == null ? null : labels.get(v);
    return label != null ? escapeText(label) : "#" + ++unnamed[0];
  }

  /** {@code s} with backslashes and control characters written as Java escapes. */
  private static String escapeText(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> appendVisible(b, c, "\\");
      }
    }
    return b.toString();
  }
}
