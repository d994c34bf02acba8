package io.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** DOT and text pictures of Value graphs: structure, escaping, determinism, depth. */
class GraphsTest {

  /** e = (a + b) + a·b at a = 2, b = 3, after backward, with a, b and e labeled. */
  private record Seed(Value a, Value b, Value e, Map<Value, String> labels) {}

  private static Seed seed() {
    Value a = new Value(2.0);
    Value b = new Value(3.0);
    Value e = a.add(b).add(a.mul(b));
    e.backward();
    return new Seed(a, b, e, Map.of(a, "a", b, "b", e, "e"));
  }

  // ---- text ----

  @Test
  void asciiOfTheSeedGraph() {
    Seed s = seed();
    assertEquals(
        """
        e [+] data=11.0 grad=1.0
        |-- #1 [+] data=5.0 grad=1.0
        |   |-- a data=2.0 grad=4.0
        |   `-- b data=3.0 grad=3.0
        `-- #2 [*] data=6.0 grad=1.0
            |-- a (see above)
            `-- b (see above)
        """,
        Graphs.toAscii(s.e(), s.labels()));
  }

  @Test
  void asciiWithoutLabelsNumbersNodesInOrderOfAppearance() {
    Seed s = seed();
    assertEquals(
        """
        #1 [+] data=11.0 grad=1.0
        |-- #2 [+] data=5.0 grad=1.0
        |   |-- #3 data=2.0 grad=4.0
        |   `-- #4 data=3.0 grad=3.0
        `-- #5 [*] data=6.0 grad=1.0
            |-- #3 (see above)
            `-- #4 (see above)
        """,
        s.e().toAscii());
  }

  @Test
  void asciiShowsConstantsAndEveryOperationName() {
    Value x = new Value(4.0);
    Value y = Value.sum(x.mul(0.5), x.sub(3.0), x.relu(), x.pow(2.0));
    assertEquals(
        """
        #1 [sum] data=23.0 grad=0.0
        |-- #2 [* 0.5] data=2.0 grad=0.0
        |   `-- x data=4.0 grad=0.0
        |-- #3 [+ -3.0] data=1.0 grad=0.0
        |   `-- x (see above)
        |-- #4 [relu] data=4.0 grad=0.0
        |   `-- x (see above)
        `-- #5 [^ 2.0] data=16.0 grad=0.0
            `-- x (see above)
        """,
        Graphs.toAscii(y, Map.of(x, "x")));
  }

  @Test
  void asciiStopsAtTheDepthLimitAndPrintsTheNodeAgainWhereItIsShallower() {
    Value x = new Value(1.0);
    Value deep = x.neg().neg(); // depth 2 under the root's first operand, depth 1 under its second
    Value root = deep.neg().add(deep);
    assertEquals(
        """
        #1 [+] data=0.0 grad=0.0
        |-- #2 [neg] data=-1.0 grad=0.0
        |   `-- #3 [neg] data=1.0 grad=0.0
        |       `-- ...
        `-- #3 [neg] data=1.0 grad=0.0
            `-- #4 [neg] data=-1.0 grad=0.0
                `-- ...
        """,
        Graphs.toAscii(root, null, 2));
    assertEquals("#1 [neg] data=-1.0 grad=0.0\n`-- ...\n", Graphs.toAscii(x.neg(), null, 0));
    assertThrows(IllegalArgumentException.class, () -> Graphs.toAscii(x, null, -1));
  }

  @Test
  void asciiEscapesLabels() {
    Value x = new Value(1.0);
    assertEquals(
        "a\\\\b\\nc\\td\\u0007 [x] data=1.0 grad=0.0\n",
        Graphs.toAscii(x, Map.of(x, "a\\b\nc\td\u0007 [x]")));
  }

  // ---- DOT ----

  @Test
  void dotOfTheSeedGraph() {
    Seed s = seed();
    assertEquals(
        """
        digraph {
          graph [rankdir=LR];
          node [shape=record];
          n0 [label="{ a | data 2.0 | grad 4.0 }"];
          n1 [label="{ b | data 3.0 | grad 3.0 }"];
          n2 [label="{ data 5.0 | grad 1.0 }"];
          op2 [label="+", shape=ellipse];
          n0 -> op2;
          n1 -> op2;
          op2 -> n2;
          n3 [label="{ data 6.0 | grad 1.0 }"];
          op3 [label="*", shape=ellipse];
          n0 -> op3;
          n1 -> op3;
          op3 -> n3;
          n4 [label="{ e | data 11.0 | grad 1.0 }"];
          op4 [label="+", shape=ellipse];
          n2 -> op4;
          n3 -> op4;
          op4 -> n4;
        }
        """,
        Graphs.toDot(s.e(), s.labels()));
    assertEquals(Graphs.toDot(s.e(), null), s.e().toDot());
  }

  /** A DOT graph read back by a small parser of the statements {@link Graphs} writes. */
  private record Dot(Map<String, String> labels, Set<String> records, List<String[]> edges) {
    private static final Pattern NODE =
        Pattern.compile("  (\\w+) \\[label=\"((?:[^\"\\\\]|\\\\.)*)\"(, shape=ellipse)?\\];");
    private static final Pattern EDGE = Pattern.compile("  (\\w+) -> (\\w+);");

    static Dot parse(String text) {
      List<String> lines = text.lines().toList();
      assertEquals("digraph {", lines.get(0));
      assertEquals("}", lines.get(lines.size() - 1));
      Map<String, String> labels = new HashMap<>();
      Set<String> records = new HashSet<>();
      List<String[]> edges = new ArrayList<>();
      for (String line : lines.subList(3, lines.size() - 1)) {
        Matcher node = NODE.matcher(line);
        Matcher edge = EDGE.matcher(line);
        if (node.matches()) {
          assertTrue(labels.put(node.group(1), node.group(2)) == null, "declared twice: " + line);
          if (node.group(3) == null) {
            records.add(node.group(1));
          }
        } else if (edge.matches()) {
          assertTrue(labels.containsKey(edge.group(1)), "edge from an undeclared node: " + line);
          assertTrue(labels.containsKey(edge.group(2)), "edge to an undeclared node: " + line);
          edges.add(new String[] {edge.group(1), edge.group(2)});
        } else {
          throw new AssertionError("not a statement Graphs writes: " + line);
        }
      }
      return new Dot(labels, records, edges);
    }

    /** The fields of a record label, split at unescaped bars, with escapes removed. */
    List<String> fields(String node) {
      String label = labels.get(node);
      assertTrue(label.startsWith("{ ") && label.endsWith(" }"), label);
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      for (int i = 2; i < label.length() - 2; i++) {
        char c = label.charAt(i);
        if (c == '\\') {
          char next = label.charAt(++i);
          field.append(next == 'n' ? '\n' : next);
        } else if (c == '|') {
          fields.add(field.toString().strip());
          field.setLength(0);
        } else {
          assertTrue("{}<>\"".indexOf(c) < 0, "unescaped " + c + " in " + label);
          field.append(c);
        }
      }
      fields.add(field.toString().strip());
      return fields;
    }
  }

  @Test
  void dotCountsOneRecordPerValueAndOneOpNodePerOperation() {
    Value x = new Value(0.5);
    Value y = new Value(-2.0);
    Value sq = x.mul(x); // the same operand twice: two edges
    Value z = Value.sum(sq, y.tanh(), x.div(y), sq.log());
    z.backward();
    Dot dot = Dot.parse(Graphs.toDot(z));
    // values: x, y, sq, tanh, div, log, z; operations: all but the two leaves
    assertEquals(7, dot.records().size());
    assertEquals(7 + 5, dot.labels().size());
    // operand edges 2 + 1 + 2 + 1 + 4, one result edge per operation
    assertEquals(10 + 5, dot.edges().size());
    for (String[] edge : dot.edges()) {
      assertTrue(dot.records().contains(edge[0]) != dot.records().contains(edge[1]), "value -> op -> value");
    }
    assertEquals(List.of("data 0.5", "grad " + x.grad()), dot.fields("n0"));
  }

  @Test
  void dotEscapesLabelsSoThatEachStaysOneField() {
    String[] nasty = {"a|b", "{x}", "<port>", "say \"hi\"", "back\\slash", "two\nlines", "bell\u0007", "λ ∂"};
    Value[] leaves = new Value[nasty.length];
    Map<Value, String> labels = new HashMap<>();
    for (int i = 0; i < nasty.length; i++) {
      leaves[i] = new Value(i);
      labels.put(leaves[i], nasty[i]);
    }
    Value total = Value.sum(leaves);
    Dot dot = Dot.parse(Graphs.toDot(total, labels));
    for (int i = 0; i < nasty.length; i++) {
      List<String> fields = dot.fields("n" + i);
      assertEquals(3, fields.size(), dot.labels().get("n" + i));
      String expected = nasty[i].equals("bell\u0007") ? "bell\\u0007" : nasty[i]; // control: shown escaped
      assertEquals(expected, fields.get(0));
      assertEquals("data " + (double) i, fields.get(1));
    }
  }

  @Test
  void sameGraphSameText() {
    assertEquals(Graphs.toDot(seed().e(), seed().labels()), Graphs.toDot(seed().e(), seed().labels()));
    assertEquals(Graphs.toAscii(seed().e()), Graphs.toAscii(seed().e()));
  }

  @Test
  void deepChainNeedsNoRecursion() throws Exception {
    int n = 1_000_000;
    Value x = new Value(0.5);
    Value v = x;
    for (int i = 0; i < n; i++) {
      v = v.mul(1.0);
    }
    long[] lines = {0};
    Graphs.writeDot(v, null, new Appendable() {
      @Override
      public Appendable append(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
          if (s.charAt(i) == '\n') {
            lines[0]++;
          }
        }
        return this;
      }

      @Override
      public Appendable append(CharSequence s, int start, int end) {
        return append(s.subSequence(start, end));
      }

      @Override
      public Appendable append(char c) {
        return append(String.valueOf(c));
      }
    });
    // header 3 lines, closing brace 1, the leaf 1, each operation 4 (record, op node, two edges)
    assertEquals(3 + 1 + 1 + 4L * n, lines[0]);
    String ascii = Graphs.toAscii(v);
    assertEquals(Graphs.DEFAULT_MAX_DEPTH + 2, ascii.lines().count(), "the levels to the limit, then ...");
    assertTrue(ascii.endsWith("`-- ...\n"), ascii);
  }
}
