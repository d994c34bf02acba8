package io.adjoint.processor.ssa;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Custom;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a normalized body into SSA form: every assignment defines a new {@link SsaValue}, an if that falls
 * through merges what its branches assign, and each expression is split so that every value a derivative
 * rule reads is a leaf (a variable, a constant, or a temporary the forward sweep keeps). On the way it
 * finds what every transformation needs to know of each value: whether it is active, and whether it is
 * cheaper to compute again than to keep ({@link SsaValue#remat}).
 */
final class SsaBuilder {
  private final Map<String, Type> types = new HashMap<>();
  private final List<SsaValue> params = new ArrayList<>();
  private final SsaValue result;
  private final Scope top = new Scope(null);
  private final List<SsaStatement> body;
  private final Differentiation rules;
  /** Whether anything is differentiated at all; local arrays are taken as active when so. */
  private final boolean anyActive;

  SsaBuilder(Function function, Differentiation rules) {
    this.rules = rules;
    Map<String, SsaValue> env = new LinkedHashMap<>();
    anyActive = function.parameters().stream().anyMatch(Parameter::differentiable);
    for (Parameter p : function.parameters()) {
      SsaValue v = new SsaValue(p.name(), p.type(), null, top);
      v.active = p.differentiable();
      params.add(v);
      env.put(p.name(), v);
      types.put(p.name(), p.type());
    }
    result = new SsaValue("value", Type.DOUBLE, null, top);
    result.active = true;
    number(function.body(), -1);
    body = block(function.body(), top, env);
  }

  SsaProgram program() {
    return new SsaProgram(List.copyOf(params), result, top, List.copyOf(body));
  }

  // A local array is frozen at a read when no store into it can follow the read: then reverse code may
  // read the entry again rather than keep it. Statements are numbered in program order; a statement in a
  // loop takes the number of the outermost loop around it, which may run it again after any read in it.
  private final Map<Stmt, Integer> starts = new java.util.IdentityHashMap<>();
  private final Map<String, Integer> lastStore = new HashMap<>();
  private int numbered;
  private int readAt = Integer.MAX_VALUE;

  /** Numbers {@code stmts}; {@code loop} is the number of the outermost enclosing loop, or -1. */
  private void number(List<Stmt> stmts, int loop) {
    for (Stmt s : stmts) {
      int id = numbered++;
      int start = loop >= 0 ? loop : id;
      // a statement shared by two branches (the normalizer's tail copies) keeps its first, smaller number
      starts.putIfAbsent(s, start);
      if (s instanceof Stmt.If i) {
        number(i.then(), loop);
        number(i.otherwise(), loop);
      } else if (s instanceof Stmt.Loop l) {
        number(l.body(), start);
      } else if (s instanceof Stmt.ArrayWrite w) {
        lastStore.merge(w.array(), start, Math::max);
      }
    }
  }

  private boolean frozen(Node array) {
    while (array instanceof Node.ArrayRead row) {
      array = row.array();
    }
    if (!(array instanceof Node.Ref r)) {
      return false;
    }
    Integer stored = lastStore.get(r.val().base);
    return stored == null || stored < readAt;
  }

  /**
   * Store-to-load forwarding within one block: the value last stored into an entry, while no other store
   * into that array intervened. A read of the entry is that value, which the reverse sweep may have
   * without the tape (see {@link #remat}).
   */
  private Map<SsaValue, Map<List<Node>, Node>> stores = new HashMap<>();

  private List<SsaStatement> block(List<Stmt> stmts, Scope scope, Map<String, SsaValue> env) {
    Map<SsaValue, Map<List<Node>, Node>> outer = stores;
    stores = new HashMap<>();
    try {
      return statements(stmts, scope, env);
    } finally {
      stores = outer;
      stores.clear(); // the nested block may have stored into anything
    }
  }

  private List<SsaStatement> statements(List<Stmt> stmts, Scope scope, Map<String, SsaValue> env) {
    List<SsaStatement> out = new ArrayList<>();
    for (Stmt s : stmts) {
      readAt = starts.getOrDefault(s, Integer.MIN_VALUE);
      if (s instanceof Stmt.Declare d) {
        types.put(d.name(), d.type());
        if (d.init() == null) {
          env.put(d.name(), null);
        } else {
          assign(d.name(), d.init(), d.line(), d.source(), scope, env, out);
        }
      } else if (s instanceof Stmt.Assign a) {
        assign(a.name(), a.value(), a.line(), a.source(), scope, env, out);
      } else if (s instanceof Stmt.Return r) {
        List<SsaStatement> parts = new ArrayList<>();
        Node n = build(r.value(), parts, scope, env, true);
        parts.add(new SsaStatement.Def(result, n));
        out.add(new SsaStatement.Group(r.line(), r.source(), parts, true));
      } else if (s instanceof Stmt.If i) {
        branch(i, scope, env, out);
      } else if (s instanceof Stmt.ArrayWrite w) {
        List<SsaStatement> parts = new ArrayList<>();
        List<Node> indices = new ArrayList<>();
        for (Expr index : w.indices()) {
          indices.add(index(index, parts, scope, env));
        }
        SsaValue array = env.get(w.array());
        Node value = build(w.value(), parts, scope, env, false);
        int increment = 0;
        if (value instanceof Node.Binary b && b.type() == Type.DOUBLE
            && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
            && isEntry(b.left(), array, indices)) {
          // a[i] = a[i] ± e: an increment, whose reverse leaves the entry's adjoint as it is
          increment = b.op() == BinaryOp.ADD ? 1 : -1;
          value = b.right();
          stores.remove(array);
        } else {
          if (!value.isLeaf() || readsArrays(value)) {
            // a call reading arrays is named too: forwarded to a later read, its partials would reach those
            // arrays' adjoints there, before the reverse of a store in between that rightly kills them
            value = temp(value, parts, scope);
          }
          Map<List<Node>, Node> entries = new HashMap<>();
          entries.put(indices, value);
          stores.put(array, entries); // any other entry may have been overwritten: forget them
        }
        parts.add(new SsaStatement.Store(array, indices, value, increment));
        out.add(new SsaStatement.Group(w.line(), w.source(), parts, false));
      } else if (s instanceof Stmt.Loop l) {
        loop(l, scope, env, out);
      } else {
        throw new IllegalStateException("statement left for the reverse stage: " + s);
      }
    }
    return out;
  }

  /**
   * A loop. The variables it assigns that exist before it become headers: set before the loop and copied
   * back at the end of each iteration. A header is active if its value before the loop or at the end of an
   * iteration is; since the body's activity depends on the headers', the body is built again until it
   * no longer changes.
   */
  private void loop(Stmt.Loop l, Scope scope, Map<String, SsaValue> env, List<SsaStatement> out) {
    java.util.Set<String> assigned = new java.util.HashSet<>();
    assignedIn(l.body(), assigned);
    List<String> carried = new ArrayList<>();
    for (String name : env.keySet()) {
      if (assigned.contains(name)) {
        carried.add(name);
      }
    }
    java.util.Set<String> activeHeaders = new java.util.HashSet<>();
    while (true) {
      Map<String, SsaValue> headers = new LinkedHashMap<>();
      List<SsaStatement> inits = new ArrayList<>();
      for (String name : carried) {
        SsaValue before = env.get(name);
        Type type = types.get(name);
        SsaValue h = new SsaValue(name, type, null, scope);
        h.multi = true;
        h.active = (before != null && before.resolve().active) || activeHeaders.contains(name);
        headers.put(name, h);
        inits.add(new SsaStatement.Def(h, before == null ? new Node.Literal(type, zero(type)) : new Node.Ref(before)));
      }
      Scope body = new Scope(scope);
      body.loop = true;
      for (SsaValue h : headers.values()) {
        h.loop = body;
      }
      Map<String, SsaValue> bodyEnv = new LinkedHashMap<>(env);
      bodyEnv.putAll(headers);
      List<SsaStatement> conditionParts = new ArrayList<>();
      java.util.Set<String> stored = new java.util.HashSet<>();
      storedIn(l.body(), stored);
      // Evaluated anew before each iteration and never differentiated: no temporaries, which would be
      // computed once before the loop; and no value stored before the loop into an array the body stores
      // into stands for a read of it there (the body may have overwritten that entry).
      stores.keySet().removeIf(array -> stored.contains(array.base));
      whole = true;
      Node condition;
      try {
        condition = build(l.condition(), conditionParts, body, bodyEnv, true);
      } finally {
        whole = false;
      }
      if (!conditionParts.isEmpty()) {
        throw new IllegalStateException("a loop condition calls a differentiable method");
      }
      LoopContext context = new LoopContext(body, stored, new ArrayList<>(), new HashMap<>());
      loops.push(context);
      List<SsaStatement> code;
      try {
        code = block(l.body(), body, bodyEnv);
      } finally {
        loops.pop();
      }
      List<SsaStatement> copyBacks = new ArrayList<>();
      boolean changed = false;
      for (String name : carried) {
        SsaValue h = headers.get(name);
        SsaValue last = bodyEnv.get(name);
        if (last == null || last == h) {
          continue;
        }
        copyBacks.add(new SsaStatement.Def(h, new Node.Ref(last)));
        if (last.resolve().active && !h.active) {
          activeHeaders.add(name);
          changed = true;
        }
      }
      if (changed) {
        continue;
      }
      SsaValue count = new SsaValue("count", Type.INT, null, scope);
      if (!inits.isEmpty()) {
        out.add(new SsaStatement.Group(l.line(), null, inits, false));
      }
      out.add(
          new SsaStatement.Loop(
              condition,
              code,
              copyBacks,
              body,
              List.copyOf(headers.values()),
              inits.stream().map(f -> ((SsaStatement.Def) f).expr()).toList(),
              count,
              context.preheader(),
              l.testAfter(),
              l.line(),
              l.source()));
      env.putAll(headers);
      return;
    }
  }

  /**
   * A loop being built: entries of arrays it does not store into, read at indices it does not change,
   * are read once before it ({@code preheader}) rather than in every iteration.
   */
  private record LoopContext(
      Scope body, java.util.Set<String> stored, List<SsaStatement> preheader, Map<Node, Node> hoisted) {}

  private final java.util.Deque<LoopContext> loops = new java.util.ArrayDeque<>();

  private static void storedIn(List<Stmt> stmts, java.util.Set<String> names) {
    Stmt.names(stmts, names, s -> s instanceof Stmt.ArrayWrite w ? w.array() : null);
  }

  /** The entry {@code read} as a value read before the innermost loop, if the loop cannot change it. */
  private Node hoisted(Node read) {
    LoopContext loop = loops.peek();
    if (loop == null || read.type() != Type.DOUBLE || !invariantEntry(read, loop)) {
      return null;
    }
    return loop.hoisted().computeIfAbsent(read, r -> {
      SsaValue t = new SsaValue("t", Type.DOUBLE, null, loop.body().parent);
      t.active = r.active();
      loop.preheader().add(new SsaStatement.Def(t, r));
      return new Node.Ref(t);
    });
  }

  private static boolean invariantEntry(Node n, LoopContext loop) {
    if (n instanceof Node.ArrayRead a) {
      return invariantEntry(a.array(), loop) && invariantIndex(a.index(), loop);
    }
    return n instanceof Node.Ref r && !loop.stored().contains(r.val().base) && !r.val().scope.within(loop.body());
  }

  private static boolean invariantIndex(Node n, LoopContext loop) {
    if (n instanceof Node.Literal) {
      return true;
    }
    if (n instanceof Node.Ref r) {
      SsaValue v = r.val().resolve();
      return v.loop != loop.body() && !v.scope.within(loop.body());
    }
    if (n instanceof Node.Binary b) {
      return invariantIndex(b.left(), loop) && invariantIndex(b.right(), loop);
    }
    if (n instanceof Node.Length len) {
      return len.array() instanceof Node.Ref;
    }
    return false;
  }

  private static void assignedIn(List<Stmt> stmts, java.util.Set<String> names) {
    Stmt.names(stmts, names, s -> s instanceof Stmt.Assign a ? a.name() : s instanceof Stmt.Declare d ? d.name() : null);
  }


  private static String zero(Type type) {
    return switch (type) {
      case BOOLEAN -> "false";
      case INT -> "0";
      case LONG -> "0L";
      default -> "0.0";
    };
  }

  private void assign(
      String name, Expr value, int line, String source, Scope scope, Map<String, SsaValue> env, List<SsaStatement> out) {
    List<SsaStatement> parts = new ArrayList<>();
    Node n = build(value, parts, scope, env, true);
    Type type = types.get(name);
    SsaValue v = new SsaValue(name, type, null, scope);
    v.active = (type == Type.DOUBLE || type.isArray()) && n.active();
    if (n instanceof Node.Literal lit && type == lit.type()) {
      v.literal = lit.text();
    } else {
      remat(v, n);
    }
    parts.add(new SsaStatement.Def(v, n));
    out.add(new SsaStatement.Group(line, source, parts, false));
    env.put(name, v);
  }

  private void branch(Stmt.If s, Scope scope, Map<String, SsaValue> env, List<SsaStatement> out) {
    boolean tail = Normalizer.terminates(s.then()) && Normalizer.terminates(s.otherwise());
    List<SsaStatement> parts = new ArrayList<>();
    Node condition = build(s.condition(), parts, scope, env, true);
    if (!tail && !cheap(condition)) {
      // the reverse sweep branches again on this decision: keep it rather than evaluate it twice
      SsaValue decision = new SsaValue("branch", Type.BOOLEAN, null, scope);
      parts.add(new SsaStatement.Def(decision, condition));
      condition = new Node.Ref(decision);
    }
    if (!parts.isEmpty()) {
      out.add(new SsaStatement.Group(s.line(), s.source(), parts, false));
    }
    Scope thenScope = new Scope(scope);
    Scope elseScope = new Scope(scope);
    Map<String, SsaValue> thenEnv = new LinkedHashMap<>(env);
    Map<String, SsaValue> elseEnv = new LinkedHashMap<>(env);
    List<SsaStatement> thenF = block(s.then(), thenScope, thenEnv);
    List<SsaStatement> elseF = block(s.otherwise(), elseScope, elseEnv);
    List<SsaValue> phis = new ArrayList<>();
    if (!tail) {
      for (Map.Entry<String, SsaValue> e : env.entrySet()) {
        String name = e.getKey();
        SsaValue before = e.getValue();
        SsaValue t = thenEnv.get(name);
        SsaValue f = elseEnv.get(name);
        if (t == before && f == before) {
          continue;
        }
        if (t == null || f == null) {
          e.setValue(null); // assigned on one path only: javac rejects any read after the if
          continue;
        }
        SsaValue phi = new SsaValue(name, types.get(name), null, scope);
        phi.active = t.resolve().active || f.resolve().active;
        merge(t, before, phi, thenScope, thenF);
        merge(f, before, phi, elseScope, elseF);
        phis.add(phi);
        e.setValue(phi);
      }
    }
    out.add(new SsaStatement.If(condition, thenF, elseF, thenScope, elseScope, phis, tail, s.line(), s.source()));
  }

  /** The branch's last value of a variable becomes the merged value, or is copied into it. */
  private static void merge(SsaValue last, SsaValue before, SsaValue phi, Scope branch, List<SsaStatement> branchCode) {
    if (last != before && last.scope == branch && last.redirect == null && !last.multi) {
      last.redirect = phi;
    } else {
      branchCode.add(new SsaStatement.Group(0, null, List.of(new SsaStatement.Def(phi, new Node.Ref(last))), false));
    }
  }

  /** A condition cheap enough to evaluate again in the reverse sweep. */
  private static boolean cheap(Node n) {
    if (n instanceof Node.Ref || n instanceof Node.Literal) {
      return true;
    }
    if (n instanceof Node.Binary b) {
      return b.left().isLeaf() && b.right().isLeaf() && !(b.left() instanceof Node.CallValue)
          && !(b.right() instanceof Node.CallValue);
    }
    if (n instanceof Node.Unary u) {
      return u.operand() instanceof Node.Ref;
    }
    return false;
  }

  /** While building a loop condition: expressions stay whole, without temporaries. */
  private boolean whole;

  private Node build(Expr e, List<SsaStatement> parts, Scope scope, Map<String, SsaValue> env, boolean root) {
    Node n = convert(e, parts, scope, env);
    if (whole || !n.active() || n.isLeaf() || n instanceof Node.ArrayRead || n instanceof Node.NewArray) {
      return n;
    }
    // Ask the rule which values it reads, and make each a leaf.
    List<Node> ops = Node.operands(n);
    Differentiation.Reads ruleReads = rules.reads(n);
    boolean[] wanted = ruleReads.operands();
    boolean changed = false;
    List<Node> leaves = new ArrayList<>(ops);
    for (int i = 0; i < ops.size(); i++) {
      if (wanted[i] && !ops.get(i).isLeaf()) {
        Node op = ops.get(i);
        Node before = op instanceof Node.ArrayRead ? hoisted(op) : null;
        if (before != null) {
          leaves.set(i, before);
        } else if (op instanceof Node.ArrayRead) {
          // the same entry read twice in one statement is kept once
          Map<Node, Node> reads = entries.computeIfAbsent(parts, k -> new HashMap<>());
          leaves.set(i, reads.computeIfAbsent(op, k -> temp(k, parts, scope)));
        } else {
          leaves.set(i, temp(op, parts, scope));
        }
        changed = true;
      }
    }
    if (changed) {
      n = withOperands(n, leaves);
    }
    if (ruleReads.self() && !root) {
      return temp(n, parts, scope);
    }
    return n;
  }

  /** Whether an array cannot change during the call: a parameter's (never written) or a field's. */
  private boolean fixed(Node array) {
    if (array instanceof Node.ArrayRead a) {
      return a.fixed();
    }
    if (array instanceof Node.FieldRead) {
      return true;
    }
    return array instanceof Node.Ref r && params.contains(r.val());
  }

  /** The entries of arrays kept in temporaries, per statement. */
  private final Map<List<SsaStatement>, Map<Node, Node>> entries = new java.util.IdentityHashMap<>();

  /** Whether {@code n} reads {@code array[indices]}. */
  private static boolean isEntry(Node n, SsaValue array, List<Node> indices) {
    List<Node> read = new ArrayList<>();
    Node base = n;
    while (base instanceof Node.ArrayRead a) {
      read.add(0, a.index());
      base = a.array();
    }
    return base instanceof Node.Ref r && r.val() == array && read.equals(indices);
  }

  /**
   * Whether {@code value} is, or takes part of its value from, a call reading arrays: {@code f(g(a))} reads
   * {@code a} through {@code g}, and forwarded whole its partials would reach {@code a}'s adjoint too.
   */
  private static boolean readsArrays(Node value) {
    if (value instanceof Node.CallValue c && c.args().stream().anyMatch(a -> a.type().isArray())) {
      return true;
    }
    return value instanceof Node.CallValue || value instanceof Node.CustomCall || !value.isLeaf()
        ? Node.operands(value).stream().anyMatch(SsaBuilder::readsArrays)
        : false;
  }

  /** The value last stored into the entry {@code read} reads, if this block knows it. */
  private Node forwarded(Node read) {
    List<Node> indices = new ArrayList<>();
    Node base = read;
    while (base instanceof Node.ArrayRead a) {
      indices.add(0, a.index());
      base = a.array();
    }
    if (!(base instanceof Node.Ref r) || read.type() != Type.DOUBLE) {
      return null;
    }
    Map<List<Node>, Node> entries = stores.get(r.val());
    Node value = entries == null ? null : entries.get(indices);
    // an int stored into a double entry is read back as a double: forwarded as the int, it would pick
    // another overload (Math.ulp(3) is ulp(float)) or divide as ints
    return value != null && value.type() == read.type() ? value : null;
  }

  /**
   * An index, as the reverse sweep may use it again to find the entry's adjoint: as it is when it is int
   * arithmetic on ints, which it can compute again; else named here, so that it is read, not computed
   * again from values that may have changed since ({@code a[(int) Math.signum(a[4])] += x;} followed by
   * a store into {@code a[4]}).
   */
  private Node index(Expr e, List<SsaStatement> parts, Scope scope, Map<String, SsaValue> env) {
    Node n = build(e, parts, scope, env, false);
    // a loop condition is computed whole before each iteration, and never differentiated
    return whole || n.isLeaf() || Node.cheapInt(n) ? n : temp(n, parts, scope);
  }

  private Node temp(Node n, List<SsaStatement> parts, Scope scope) {
    SsaValue t = new SsaValue("t", n.type(), null, scope);
    t.active = n.active();
    remat(t, n);
    parts.add(new SsaStatement.Def(t, n));
    return new Node.Ref(t);
  }

  /**
   * Lets the reverse sweep compute {@code v} again from {@code n} instead of reading it (which, in a loop,
   * would mean keeping it on the tape): for int arithmetic, copies, and a few double operations on
   * entries of arrays that do not change.
   */
  private static void remat(SsaValue v, Node n) {
    if (v.type == Type.INT || v.type == Type.LONG) {
      if (Node.cheapInt(n)) {
        v.remat = n;
      }
    } else if (v.type == Type.DOUBLE
        && Node.cheapDouble(n, 3, r -> !r.resolve().multi || r.resolve().type == Type.INT || r.resolve().type == Type.LONG)) {
      v.remat = n;
    }
  }

  private static Node withOperands(Node n, List<Node> ops) {
    if (n instanceof Node.Unary u) {
      return new Node.Unary(u.op(), ops.get(0), u.type(), u.active());
    }
    if (n instanceof Node.Binary b) {
      return new Node.Binary(b.op(), ops.get(0), ops.get(1), b.type(), b.active());
    }
    if (n instanceof Node.Cast c) {
      return new Node.Cast(c.type(), ops.get(0), c.active());
    }
    if (n instanceof Node.MathCall m) {
      return new Node.MathCall(m.function(), m.strict(), ops, m.type(), m.active());
    }
    if (n instanceof Node.CustomCall c) {
      return new Node.CustomCall(c.rule(), ops, c.active());
    }
    throw new IllegalStateException("no operands to replace in " + n);
  }

  /**
   * How many enclosing expressions carry no derivative (comparisons, int arithmetic, casts to int): below
   * them no derivative flows, so conditionals may stay inline. An array initializer carries its elements'
   * derivatives, so it is not one of them.
   */
  private int opaque;

  private Node convert(Expr e, List<SsaStatement> parts, Scope scope, Map<String, SsaValue> env) {
    if (!e.type().carriesDerivatives()) {
      opaque++;
      try {
        return convertNode(e, parts, scope, env);
      } finally {
        opaque--;
      }
    }
    return convertNode(e, parts, scope, env);
  }

  private Node convertNode(Expr e, List<SsaStatement> parts, Scope scope, Map<String, SsaValue> env) {
    if (e instanceof Expr.Literal l) {
      return new Node.Literal(l.type(), l.text());
    }
    if (e instanceof Expr.Local l) {
      if (!env.containsKey(l.name()) || env.get(l.name()) == null) {
        throw new IllegalStateException("read of unassigned variable " + l.name());
      }
      return new Node.Ref(env.get(l.name()));
    }
    if (e instanceof Expr.Field f) {
      return new Node.FieldRead(f.type(), f.owner(), f.name());
    }
    if (e instanceof Expr.ArrayRead a) {
      Node array = build(a.array(), parts, scope, env, false);
      Node index = index(a.index(), parts, scope, env);
      Node read = new Node.ArrayRead(array, index, a.type(), array.active(), fixed(array) || frozen(array));
      Node forwarded = forwarded(read);
      return forwarded != null ? forwarded : read;
    }
    if (e instanceof Expr.Length l) {
      return new Node.Length(build(l.array(), parts, scope, env, false));
    }
    if (e instanceof Expr.NewArray n) {
      List<Node> dimensions = new ArrayList<>();
      for (Expr d : n.dimensions()) {
        dimensions.add(build(d, parts, scope, env, false));
      }
      List<Node> elements = new ArrayList<>();
      for (Expr x : n.elements()) {
        elements.add(build(x, parts, scope, env, false));
      }
      return new Node.NewArray(n.type(), dimensions, elements, anyActive);
    }
    if (e instanceof Expr.Unary u) {
      Node o = build(u.operand(), parts, scope, env, false);
      boolean active =
          u.type() == Type.DOUBLE && o.active() && (u.op() == UnaryOp.NEG || u.op() == UnaryOp.PLUS);
      return new Node.Unary(u.op(), o, u.type(), active);
    }
    if (e instanceof Expr.Binary b) {
      Node l = build(b.left(), parts, scope, env, false);
      Node r = build(b.right(), parts, scope, env, false);
      boolean active = b.type() == Type.DOUBLE && b.op().isArithmetic() && (l.active() || r.active());
      if (active && b.op() == BinaryOp.REM) {
        throw new IllegalStateException("% on active doubles reached the reverse stage");
      }
      return new Node.Binary(b.op(), l, r, b.type(), active);
    }
    if (e instanceof Expr.Cast c) {
      Node o = build(c.operand(), parts, scope, env, false);
      return new Node.Cast(c.type(), o, c.type() == Type.DOUBLE && o.active());
    }
    if (e instanceof Expr.Conditional c) {
      Node cond = build(c.condition(), parts, scope, env, false);
      Node a = build(c.ifTrue(), parts, scope, env, false);
      Node b = build(c.ifFalse(), parts, scope, env, false);
      // Left inline only where its value cannot carry a derivative: under a condition or an int expression.
      boolean activeArms = c.type() == Type.DOUBLE && (a.active() || b.active());
      if (activeArms && opaque == 0) {
        throw new IllegalStateException("active conditional expression was not lifted into an if");
      }
      return new Node.Conditional(cond, a, b, c.type(), activeArms);
    }
    if (e instanceof Expr.MathCall m) {
      List<Node> args = new ArrayList<>();
      boolean any = false;
      for (Expr a : m.args()) {
        Node n = build(a, parts, scope, env, false);
        any |= n.active();
        args.add(n);
      }
      boolean active = any && m.type() == Type.DOUBLE && !m.function().isPiecewiseConstant();
      return new Node.MathCall(m.function(), m.strict(), args, m.type(), active);
    }
    if (e instanceof Expr.CustomCall c) {
      List<Node> args = new ArrayList<>();
      boolean active = false;
      for (int i = 0; i < c.args().size(); i++) {
        Node n = build(c.args().get(i), parts, scope, env, false);
        active |= n.active() && c.custom().derivatives().get(i) != null;
        args.add(n);
      }
      return new Node.CustomCall(c.custom(), args, active);
    }
    if (e instanceof Expr.DiffCall c) {
      List<Node> args = new ArrayList<>();
      boolean active = false;
      for (int i = 0; i < c.args().size(); i++) {
        Node n = build(c.args().get(i), parts, scope, env, false);
        String accessor = c.callee().accessors().get(i);
        Type type = c.callee().parameterTypes().get(i);
        if (n.active() && accessor == null && (type == Type.DOUBLE || type.isArray())) {
          throw rules.inactiveParameter(c.origin(), i, c.callee());
        }
        if (n.active() && !n.isLeaf()) {
          n = temp(n, parts, scope);
        }
        active |= n.active() && accessor != null;
        args.add(n);
      }
      if (!active && c.callee().owner() != null && !c.callee().instance()) {
        return valueOnly(c, args);
      }
      SsaValue record = new SsaValue(c.callee().method(), null, c.callee(), scope);
      record.active = active;
      parts.add(new SsaStatement.Call(record, args));
      return new Node.CallValue(record, args);
    }
    throw new IllegalStateException("unknown expression " + e);
  }

  /**
   * A call through which no derivative flows, as the method itself: {@code Owner.method(args)}, a call
   * with no derivatives declared, rather than the callee's gradient, whose record nothing would read
   * but the value. Arguments are cast to the parameters' types, as overloads are told apart.
   */
  private static Node valueOnly(Expr.DiffCall c, List<Node> args) {
    List<Node> declared = new ArrayList<>();
    List<io.adjoint.processor.ir.ClassRef> noOwners = new ArrayList<>();
    List<String> none = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Type type = c.callee().parameterTypes().get(i);
      Node arg = args.get(i);
      declared.add(arg.type() == type || type.isArray() || type == Type.ENUM ? arg : new Node.Cast(type, arg, false));
      noOwners.add(null);
      none.add(null);
    }
    Custom method = new Custom(c.callee().displayName(), c.callee().owner(), c.callee().method(), noOwners, none);
    return new Node.CustomCall(method, declared, false);
  }
}
