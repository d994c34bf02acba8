package io.adjoint.processor.write;

import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Java.JType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a generated method body that would be too large into consecutive parts, each a method of its
 * own. The JVM rejects methods over 64 KB of bytecode, and HotSpot never compiles one over 8,000 bytes
 * (it stays interpreted); a gradient of a long method would be either. The body is cut between its
 * top-level statements; the locals a later part reads are spilled into arrays at the end of a part and
 * reloaded at the start of the next, under their own names, so the parts' code is the body's unchanged.
 */
final class Splitter {
  /** Bodies estimated larger than this, in bytes of bytecode, are split. */
  static final int SPLIT_ABOVE = 6000;
  /** The size a part aims at. */
  static final int PART = 3000;

  /** A local carried from one part to later ones, in slot {@code slot} of frame {@code frame}. */
  record Spill(String name, JType type, char frame, int slot) {}

  /** One part: its statements, what it reloads first, and what it spills last. */
  record Part(List<Java.Stmt> body, List<Spill> inputs, List<Spill> outputs) {}

  /** The parts, and the sizes of the three frames ({@code double[]}, {@code long[]}, {@code Object[]}). */
  record Plan(List<Part> parts, int doubles, int longs, int objects) {}

  private Splitter() {}

  /** The plan for {@code body}, or null when it is small enough as it is. */
  static Plan plan(List<Java.Stmt> body) {
    int total = 0;
    for (Java.Stmt s : body) {
      total += size(s);
    }
    if (total <= SPLIT_ABOVE) {
      return null;
    }
    List<List<Java.Stmt>> chunks = new ArrayList<>();
    List<Java.Stmt> chunk = new ArrayList<>();
    int size = 0;
    for (Java.Stmt s : body) {
      int n = size(s);
      if (!chunk.isEmpty() && size + n > PART && !(s instanceof Java.Comment)) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        size = 0;
      }
      chunk.add(s);
      size += n;
    }
    chunks.add(chunk);
    if (chunks.size() < 2) {
      return null;
    }

    // Which part declares each top-level local, and with what type.
    Map<String, Integer> owner = new HashMap<>();
    Map<String, JType> types = new HashMap<>();
    for (int c = 0; c < chunks.size(); c++) {
      for (Java.Stmt s : chunks.get(c)) {
        if (s instanceof Java.Declare d) {
          owner.put(d.name(), c);
          types.put(d.name(), d.type());
        }
      }
    }
    List<Set<String>> touched = new ArrayList<>();
    for (List<Java.Stmt> ch : chunks) {
      Set<String> names = new LinkedHashSet<>();
      for (Java.Stmt s : ch) {
        names(s, names);
      }
      touched.add(names);
    }
    Map<String, Spill> slots = new LinkedHashMap<>();
    int[] counts = new int[3];
    List<Part> parts = new ArrayList<>();
    for (int c = 0; c < chunks.size(); c++) {
      List<Spill> inputs = new ArrayList<>();
      Set<String> live = new LinkedHashSet<>();
      for (String n : touched.get(c)) {
        Integer o = owner.get(n);
        if (o != null && o < c) {
          inputs.add(slot(n, types.get(n), slots, counts));
          live.add(n);
        }
        if (o != null && o == c) {
          live.add(n);
        }
      }
      List<Spill> outputs = new ArrayList<>();
      for (String n : live) {
        for (int later = c + 1; later < chunks.size(); later++) {
          if (touched.get(later).contains(n)) {
            outputs.add(slot(n, types.get(n), slots, counts));
            break;
          }
        }
      }
      List<Java.Stmt> stmts = new ArrayList<>();
      for (Java.Stmt s : chunks.get(c)) {
        // a local declared here and assigned later must have a value to spill
        if (s instanceof Java.Declare d && d.init() == null) {
          s = new Java.Declare(d.type(), d.name(), zero(d.type()));
        }
        stmts.add(s);
      }
      parts.add(new Part(stmts, inputs, outputs));
    }
    return new Plan(parts, counts[0], counts[1], counts[2]);
  }

  private static Spill slot(String name, JType type, Map<String, Spill> slots, int[] counts) {
    return slots.computeIfAbsent(
        name,
        n -> {
          char frame = frame(type);
          int index = frame == 'd' ? 0 : frame == 'l' ? 1 : 2;
          return new Spill(n, type, frame, counts[index]++);
        });
  }

  static char frame(JType type) {
    if (type.ref() != null) {
      return 'o';
    }
    return switch (type.keyword()) {
      case "double" -> 'd';
      case "int", "long", "boolean" -> 'l';
      default -> 'o';
    };
  }

  private static Java.Expr zero(JType type) {
    if (type.ref() != null) {
      return new Java.Literal("null");
    }
    return new Java.Literal(
        switch (type.keyword()) {
          case "double" -> "0.0";
          case "int" -> "0";
          case "long" -> "0L";
          case "boolean" -> "false";
          default -> "null";
        });
  }

  /** Every name a statement reads or writes. */
  static void names(Java.Stmt s, Set<String> out) {
    if (s instanceof Java.Declare d) {
      out.add(d.name());
      if (d.init() != null) {
        names(d.init(), out);
      }
    } else if (s instanceof Java.Assign a) {
      names(a.target(), out);
      names(a.value(), out);
    } else if (s instanceof Java.If i) {
      names(i.condition(), out);
      i.then().forEach(x -> names(x, out));
      i.otherwise().forEach(x -> names(x, out));
    } else if (s instanceof Java.While w) {
      names(w.condition(), out);
      w.body().forEach(x -> names(x, out));
    } else if (s instanceof Java.CountDown c) {
      names(c.from(), out);
      c.body().forEach(x -> names(x, out));
    } else if (s instanceof Java.CountUp c) {
      out.add(c.counter());
      names(c.to(), out);
      c.body().forEach(x -> names(x, out));
    } else if (s instanceof Java.Return r) {
      names(r.value(), out);
    } else if (s instanceof Java.Eval e) {
      names(e.expr(), out);
    }
  }

  private static void names(Java.Expr e, Set<String> out) {
    if (e instanceof Java.Name n) {
      out.add(n.name());
    } else if (e instanceof Java.Unary u) {
      names(u.operand(), out);
    } else if (e instanceof Java.Binary b) {
      names(b.left(), out);
      names(b.right(), out);
    } else if (e instanceof Java.Conditional c) {
      names(c.condition(), out);
      names(c.ifTrue(), out);
      names(c.ifFalse(), out);
    } else if (e instanceof Java.Cast c) {
      names(c.operand(), out);
    } else if (e instanceof Java.Call c) {
      if (c.target() != null) {
        names(c.target(), out);
      }
      c.args().forEach(a -> names(a, out));
    } else if (e instanceof Java.FieldRead f) {
      if (f.target() != null) {
        names(f.target(), out);
      }
    } else if (e instanceof Java.ArrayRead a) {
      names(a.array(), out);
      names(a.index(), out);
    } else if (e instanceof Java.NewArray n) {
      n.dimensions().forEach(x -> names(x, out));
      n.elements().forEach(x -> names(x, out));
    } else if (e instanceof Java.New n) {
      n.args().forEach(x -> names(x, out));
    }
  }

  /** A rough estimate of a statement's bytecode, in bytes. */
  static int size(Java.Stmt s) {
    if (s instanceof Java.Declare d) {
      return 2 + (d.init() == null ? 0 : size(d.init()));
    }
    if (s instanceof Java.Assign a) {
      return 3 + size(a.target()) + size(a.value());
    }
    if (s instanceof Java.If i) {
      return 6 + size(i.condition()) + sum(i.then()) + sum(i.otherwise());
    }
    if (s instanceof Java.While w) {
      return 8 + size(w.condition()) + sum(w.body());
    }
    if (s instanceof Java.CountDown c) {
      return 12 + size(c.from()) + sum(c.body());
    }
    if (s instanceof Java.CountUp c) {
      return 12 + size(c.to()) + sum(c.body());
    }
    if (s instanceof Java.Return r) {
      return 1 + size(r.value());
    }
    if (s instanceof Java.Eval e) {
      return 1 + size(e.expr());
    }
    return 0;
  }

  private static int sum(List<Java.Stmt> stmts) {
    int n = 0;
    for (Java.Stmt s : stmts) {
      n += size(s);
    }
    return n;
  }

  private static int size(Java.Expr e) {
    if (e instanceof Java.Name) {
      return 3;
    }
    if (e instanceof Java.Literal) {
      return 3;
    }
    if (e instanceof Java.Unary u) {
      return 2 + size(u.operand());
    }
    if (e instanceof Java.Binary b) {
      return 2 + size(b.left()) + size(b.right());
    }
    if (e instanceof Java.Conditional c) {
      return 8 + size(c.condition()) + size(c.ifTrue()) + size(c.ifFalse());
    }
    if (e instanceof Java.Cast c) {
      return 3 + size(c.operand());
    }
    if (e instanceof Java.Call c) {
      int n = 3 + (c.target() == null ? 0 : size(c.target()));
      for (Java.Expr a : c.args()) {
        n += size(a);
      }
      return n;
    }
    if (e instanceof Java.FieldRead f) {
      return 3 + (f.target() == null ? 0 : size(f.target()));
    }
    if (e instanceof Java.ArrayRead a) {
      return 1 + size(a.array()) + size(a.index());
    }
    if (e instanceof Java.NewArray n) {
      int k = 6;
      for (Java.Expr x : n.dimensions()) {
        k += size(x);
      }
      for (Java.Expr x : n.elements()) {
        k += 5 + size(x);
      }
      return k;
    }
    if (e instanceof Java.New n) {
      int k = 7;
      for (Java.Expr x : n.args()) {
        k += size(x);
      }
      return k;
    }
    return 3;
  }

  /** Names used for the frames, free in the body. */
  static Map<Character, String> frameNames(List<Java.Stmt> body, Set<String> taken) {
    Set<String> used = new HashSet<>(taken);
    for (Java.Stmt s : body) {
      names(s, used);
    }
    Map<Character, String> names = new HashMap<>();
    for (char f : new char[] {'d', 'l', 'o'}) {
      String base = f == 'd' ? "doubles" : f == 'l' ? "longs" : "objects";
      String name = base;
      for (int i = 2; used.contains(name); i++) {
        name = base + i;
      }
      used.add(name);
      names.put(f, name);
    }
    return names;
  }
}
