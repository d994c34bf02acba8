package io.adjoint.processor.ssa;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Callee;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.GenerationError;
import io.adjoint.processor.ir.Parameter;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replaces calls to other {@code @Differentiable} methods by their bodies, so that every transformation
 * sees one program: always the calls to vector-valued methods (their result is a fresh array, which no
 * generated form hands back with its derivatives), and, for second order, every call through which a
 * derivative flows.
 *
 * <p>For first order, a call inside a loop, or one passing arrays a derivative flows into, is inlined too
 * where it can be ({@link ElectiveCalls}), so that no gradient record is allocated for it; where it cannot
 * be, it stays a call.
 *
 * <p>A call is inlined where it is evaluated unconditionally; the caller's body is normalized first, so
 * that a {@code double} conditional has become an {@code if}. The callee's parameters become locals
 * initialized with the arguments, except that an array argument that is a variable (or a row of one)
 * stands for the parameter itself, since a callee never writes into its parameters. Its locals are
 * renamed apart from the caller's. Its returns assign the result: a {@code double} local declared before
 * the inlined statements, or, for an array, the array the callee fills and returns, renamed to the result.
 */
public final class Inliner {
  /** Where a callee's lowered function comes from: empty where its source is not in this compilation. */
  public interface Bodies {
    Optional<Function> of(Callee callee);
  }

  /** Why a call cannot be inlined; the transformation reports it at the call. */
  public interface Problems {
    /** The callee is compiled elsewhere, so its body is not known. */
    String noSource(Callee callee);

    /** The callee calls itself, directly or through others. */
    String recursive(Callee callee);

    /** The callee returns arrays that are not one local array it declares, or an array it is passed. */
    String returnsSeveralArrays(Callee callee);

    /** The call is evaluated only under a condition ({@code &&}, {@code ||}, an int {@code ?:}). */
    String conditional(Callee callee);

    /** The call is inside a loop and returns an array, or creates one. */
    String arrayInLoop(Callee callee);

    /**
     * Null when code where the callee is inlined can see every field and method its body names; else
     * what it cannot see (a field of another package that is not public, say).
     */
    String inaccessible(Callee callee, Function body);
  }

  private static final int MAX_DEPTH = 64;

  private final Bodies bodies;
  private final Problems problems;
  private final boolean everything;
  /** Every name the function being built uses, so that new locals avoid them. */
  private final Set<String> names;
  /** The callees being inlined, outermost first: a callee among them is a recursion. */
  private final Deque<String> inlining = new ArrayDeque<>();
  /** How many loops the statements being inlined are in. */
  private int loops;
  /** The variables the current outermost loop declares or assigns. */
  private Set<String> variant = Set.of();
  /** The locals the inliner has made (its bodies' parameters and locals). */
  private final Set<String> made = new HashSet<>();
  /** The constant tables of bodies inlined in the current outermost loop, declared before it. */
  private List<Stmt> tables = new ArrayList<>();
  /** The arrays bodies inlined inside loops create, with the call of each: split into scalars after. */
  private final Map<String, Expr.DiffCall> loopArrays = new LinkedHashMap<>();
  /** Which calls first order inlines though nothing requires it; null for second order. */
  private ElectiveCalls elective;
  /** Whether a call was inlined that nothing required inlined (see {@link ElectiveCalls}). */
  private boolean inlinedElective;

  private Inliner(Bodies bodies, Problems problems, boolean everything, Set<String> names) {
    this.bodies = bodies;
    this.problems = problems;
    this.everything = everything;
    this.names = names;
  }

  /**
   * {@code function} with its calls inlined: the calls to vector-valued methods, and with {@code
   * everything} (second order) every call through which a derivative may flow. Unchanged when there is
   * no such call. {@code self}: the function as its callers see it, so that a call to itself is known
   * for a recursion (null for a function no one calls).
   *
   * @throws GenerationError at a call that cannot be inlined
   */
  public static Function inline(
      Function function, Callee self, Bodies bodies, Problems problems, boolean everything) {
    if (!calls(function.body(), everything) && (everything || !ElectiveCalls.any(function.body()))) {
      return function;
    }
    Set<String> names = new HashSet<>();
    for (Parameter p : function.parameters()) {
      names.add(p.name());
    }
    function.records().forEach(r -> names.add(r.name())); // parameters of the generated forms too
    Normalizer.declaredNames(function.body(), names);
    List<Stmt> body = new Normalizer(names).normalize(function.body());
    Normalizer.declaredNames(body, names);
    Inliner inliner = new Inliner(bodies, problems, everything, names);
    if (!everything) {
      inliner.elective = new ElectiveCalls(function);
    }
    if (self != null) {
      inliner.inlining.push(key(self)); // a call to the function itself is a recursion
    }
    List<Stmt> inlined = inliner.statements(body);
    if (!calls(function.body(), everything) && !inliner.inlinedElective) {
      return function; // every elective call stays a call: the body as it was, not normalized
    }
    if (!inliner.loopArrays.isEmpty()) {
      inlined = InlinedLoopArrays.split(
          inlined, inliner.loopArrays, call -> problems.arrayInLoop(call.callee()), inliner::fresh);
    }
    return function.withBody(inlined);
  }

  private boolean inlinable(Expr e) {
    return e instanceof Expr.DiffCall c && inlinable(c, everything);
  }

  /**
   * A vector-valued call, or one to a method taking records, always; for second order, a call through which a derivative may flow: one to a
   * method with a differentiable parameter (a call to one without is a value, computed by the method).
   */
  private static boolean inlinable(Expr.DiffCall c, boolean everything) {
    return c.type() == Type.DOUBLE_ARRAY
        || c.callee().recordShaped()
        || everything && c.callee().accessors().stream().anyMatch(java.util.Objects::nonNull);
  }

  /** Whether {@code stmts} hold a call this inliner would inline. */
  private static boolean calls(List<Stmt> stmts, boolean everything) {
    for (Stmt s : stmts) {
      boolean found;
      if (s instanceof Stmt.Declare d) {
        found = d.init() != null && calls(d.init(), everything);
      } else if (s instanceof Stmt.Assign a) {
        found = calls(a.value(), everything);
      } else if (s instanceof Stmt.Return r) {
        found = calls(r.value(), everything);
      } else if (s instanceof Stmt.ArrayWrite w) {
        found = calls(w.value(), everything) || w.indices().stream().anyMatch(i -> calls(i, everything));
      } else if (s instanceof Stmt.If i) {
        found = calls(i.condition(), everything) || calls(i.then(), everything) || calls(i.otherwise(), everything);
      } else if (s instanceof Stmt.Loop l) {
        found = calls(l.condition(), everything) || calls(l.body(), everything);
      } else if (s instanceof Stmt.Continue c) {
        found = calls(c.update(), everything);
      } else {
        found = false;
      }
      if (found) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a call nothing requires inlined is inlined where it can be (see {@link ElectiveCalls}): for
   * first order only, since second order inlines every call a derivative flows through.
   */
  private boolean worthInlining(Expr e) {
    return elective != null && elective.wanted(e, loops);
  }

  private static boolean calls(Expr e, boolean everything) {
    if (e instanceof Expr.DiffCall c && inlinable(c, everything)) {
      return true;
    }
    return e.operands().stream().anyMatch(o -> calls(o, everything));
  }

  // ---- the caller's statements ----------------------------------------------------------------

  private List<Stmt> statements(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      statement(s, out);
    }
    return out;
  }

  private void statement(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Declare d && d.init() instanceof Expr.DiffCall c && inlinable(c)) {
      inline((Expr.DiffCall) lift(c, out, s, true), d.name(), d.type(), out, s);
    } else if (s instanceof Stmt.Declare d && worthInlining(d.init())) {
      Expr.DiffCall call = (Expr.DiffCall) lift(d.init(), out, s, true);
      if (!inlinedIfSmall(call, d.name(), d.type(), out, s)) {
        out.add(new Stmt.Declare(d.name(), d.type(), call, d.line(), d.source()));
      }
    } else if (s instanceof Stmt.Declare d) {
      Expr init = d.init() == null ? null : lift(d.init(), out, s, false);
      out.add(new Stmt.Declare(d.name(), d.type(), init, d.line(), d.source()));
    } else if (s instanceof Stmt.Assign a) {
      out.add(new Stmt.Assign(a.name(), lift(a.value(), out, s, false), a.line(), a.source()));
    } else if (s instanceof Stmt.Return r) {
      out.add(new Stmt.Return(lift(r.value(), out, s, false), r.line(), r.source()));
    } else if (s instanceof Stmt.ArrayWrite w) {
      List<Expr> indices = new ArrayList<>();
      for (Expr index : w.indices()) {
        indices.add(lift(index, out, s, false));
      }
      out.add(new Stmt.ArrayWrite(w.array(), indices, lift(w.value(), out, s, false), w.line(), w.source()));
    } else if (s instanceof Stmt.If i) {
      Expr condition = lift(i.condition(), out, s, false);
      out.add(new Stmt.If(condition, statements(i.then()), statements(i.otherwise()), i.line(), i.source()));
    } else if (s instanceof Stmt.Loop l) {
      if (calls(l.condition(), false)) {
        // evaluated before every iteration: a vector-valued call there cannot become statements before it
        Expr.DiffCall call = firstCall(l.condition());
        throw new GenerationError(call.origin(), problems.conditional(call.callee()));
      }
      List<Stmt> outerTables = tables;
      if (loops == 0) {
        tables = new ArrayList<>(); // what bodies inlined in this loop leave before it
        variant = new HashSet<>();
        Stmt.names(l.body(), variant,
            x -> x instanceof Stmt.Declare d ? d.name() : x instanceof Stmt.Assign a ? a.name() : null);
      }
      loops++;
      List<Stmt> body = statements(l.body());
      loops--;
      if (loops == 0) {
        out.addAll(tables);
        tables = outerTables;
      }
      out.add(new Stmt.Loop(l.condition(), body, l.testAfter(), l.line(), l.source()));
    } else if (s instanceof Stmt.Continue c) {
      out.add(new Stmt.Continue(statements(c.update()), c.line(), c.source()));
    } else {
      out.add(s);
    }
  }

  /**
   * A call in {@code e} that can only be inlined, never called: to a vector-valued method, or to one
   * taking records (its generated forms take the records, the caller has their leaves); else null.
   */
  private static Expr.DiffCall mustInline(Expr e) {
    if (e instanceof Expr.DiffCall c && (c.type() == Type.DOUBLE_ARRAY || c.callee().recordShaped())) {
      return c;
    }
    for (Expr o : e.operands()) {
      Expr.DiffCall c = mustInline(o);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  private static Expr.DiffCall firstCall(Expr e) {
    if (e instanceof Expr.DiffCall c) {
      return c;
    }
    for (Expr o : e.operands()) {
      Expr.DiffCall c = firstCall(o);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  /**
   * {@code e} with each inlinable call it evaluates unconditionally replaced by a local the inlined body
   * computes, innermost first; {@code keepTop}: the call {@code e} itself stays (its arguments are
   * lifted), since the caller inlines it into a declaration of its own.
   */
  private Expr lift(Expr e, List<Stmt> out, Stmt at, boolean keepTop) {
    if (e instanceof Expr.Conditional
        || e instanceof Expr.Binary b && (b.op() == BinaryOp.COND_AND || b.op() == BinaryOp.COND_OR)) {
      for (Expr operand : e.operands().subList(1, e.operands().size())) {
        Expr.DiffCall call = mustInline(operand);
        if (call != null) {
          throw new GenerationError(call.origin(), problems.conditional(call.callee()));
        }
      }
      // the arms of an int or boolean conditional, and && and ||, carry no derivative: value-only calls stay
      Expr first = lift(e.operands().get(0), out, at, false);
      List<Expr> operands = new ArrayList<>(e.operands());
      operands.set(0, first);
      return e.withOperands(operands);
    }
    Expr lifted = e.mapOperands(operand -> lift(operand, out, at, false));
    if (!keepTop && !inlinable(lifted) && worthInlining(lifted)) {
      Expr.DiffCall call = (Expr.DiffCall) lifted;
      String result = fresh(call.callee().method());
      return inlinedIfSmall(call, result, call.type(), out, at) ? new Expr.Local(call.type(), result) : call;
    }
    if (keepTop || !inlinable(lifted)) {
      return lifted;
    }
    Expr.DiffCall call = (Expr.DiffCall) lifted;
    String result = fresh(call.callee().method());
    inline(call, result, call.type(), out, at);
    return new Expr.Local(call.type(), result);
  }

  // ---- one callee -----------------------------------------------------------------------------

  /**
   * Appends to {@code out} the body of {@code call}, which declares {@code result}, if it can be inlined
   * without creating arrays in the loop and stays within {@link ElectiveCalls#LIMIT}; else appends nothing,
   * leaves this inliner as it was, and gives false: the call stays a call.
   */
  private boolean inlinedIfSmall(Expr.DiffCall call, String result, Type type, List<Stmt> out, Stmt at) {
    int depth = inlining.size();
    int hoisted = tables.size();
    Set<String> arrays = new HashSet<>(loopArrays.keySet());
    List<Stmt> inlined = new ArrayList<>();
    boolean fits;
    try {
      inline(call, result, type, inlined, at);
      fits = loopArrays.size() == arrays.size() && ElectiveCalls.nodes(inlined) <= ElectiveCalls.LIMIT;
    } catch (GenerationError e) {
      fits = false; // kept as a call, the transformations report what they find of it
    }
    if (!fits) {
      while (inlining.size() > depth) {
        inlining.pop();
      }
      tables.subList(hoisted, tables.size()).clear();
      loopArrays.keySet().retainAll(arrays);
      return false;
    }
    out.addAll(inlined);
    inlinedElective = true;
    return true;
  }

  /** Appends to {@code out} the body of {@code call}, which declares {@code result} of {@code type}. */
  private void inline(Expr.DiffCall call, String result, Type type, List<Stmt> out, Stmt at) {
    Callee callee = call.callee();
    String key = key(callee);
    if (inlining.contains(key) || inlining.size() >= MAX_DEPTH) {
      throw new GenerationError(call.origin(), problems.recursive(callee));
    }
    Function function =
        bodies.of(callee)
            .orElseThrow(() -> new GenerationError(call.origin(), problems.noSource(callee)));
    String hidden = problems.inaccessible(callee, function);
    if (hidden != null) {
      throw new GenerationError(call.origin(), hidden);
    }
    Set<String> own = new HashSet<>();
    for (Parameter p : function.parameters()) {
      own.add(p.name());
    }
    Normalizer.declaredNames(function.body(), own);
    List<Stmt> body = new Normalizer(own).normalize(function.body());

    Map<String, String> renamed = new HashMap<>();
    Map<String, Expr> bound = new HashMap<>();
    List<Stmt> prologue = new ArrayList<>();
    String label = callee.method() + ": ";
    for (int i = 0; i < function.parameters().size(); i++) {
      Parameter p = function.parameters().get(i);
      Expr arg = call.args().get(i);
      if (p.type().isArray() && !(arg instanceof Expr.NewArray)) {
        bound.put(p.name(), stabilized(arg, prologue, at));
      } else if (p.type() == Type.ENUM) {
        bound.put(p.name(), arg); // a parameter or a constant, never assigned: it stands for itself
      } else {
        String local = fresh(p.name());
        renamed.put(p.name(), local);
        Expr init = arg.type() == p.type() || p.type().isArray() ? arg : new Expr.Cast(p.type(), arg);
        prologue.add(new Stmt.Declare(local, p.type(), init, at.line(), label + p.name() + " = argument " + (i + 1)));
      }
    }
    List<Expr> returned = new ArrayList<>();
    returnedValues(body, returned);
    String filled = type == Type.DOUBLE_ARRAY ? filledArray(body, returned, call) : null;
    Set<String> declared = new HashSet<>();
    Normalizer.declaredNames(body, declared);
    for (String local : declared) {
      renamed.put(local, local.equals(filled) ? result : fresh(local));
    }
    List<Stmt> renamedBody = rename(body, new Renaming(renamed, bound, label, call.origin()));
    if (loops > 0) {
      renamedBody = hoistArrays(hoistTables(renamedBody), result);
      // the arrays it creates, split into scalars once the whole function is inlined
      declaredArrays(prologue).forEach(array -> loopArrays.put(array, call)); // new arrays it is passed
      declaredArrays(renamedBody).forEach(array -> loopArrays.put(array, call));
      if (type == Type.DOUBLE_ARRAY) {
        loopArrays.put(result, call);
      }
    }

    inlining.push(key);
    List<Stmt> inlined = statements(renamedBody);
    inlining.pop();

    out.addAll(prologue);
    if (type == Type.DOUBLE_ARRAY && filled == null) {
      // a new array, or one the callee was passed (copied: a call gives a fresh array)
      Expr source = withoutReturn(inlined);
      out.addAll(inlined);
      copy(result, source, out, at);
      return;
    }
    if (type != Type.DOUBLE_ARRAY) {
      out.add(new Stmt.Declare(result, type, null, at.line(), label + "result"));
    }
    out.addAll(assignReturns(inlined, result, type));
  }

  /**
   * A body inlined inside a loop without its constant tables ({@code double[] c = {0.99, 676.5, …};},
   * never written): they move before the outermost loop, where they are created once, as the same
   * values would be in every iteration.
   */
  private List<Stmt> hoistTables(List<Stmt> body) {
    Set<String> written = new HashSet<>();
    writtenArrays(body, written);
    List<Stmt> rest = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d
          && d.init() instanceof Expr.NewArray created
          && !written.contains(d.name())
          && created.operands().stream().allMatch(Inliner::constant)) {
        tables.add(d);
      } else {
        rest.add(s);
      }
    }
    return rest;
  }

  /**
   * {@code body}, inlined in a loop, with the arrays it creates at its top level of a size the loop does
   * not change, but not constant (so not split into scalars), made once before the outermost loop. Where
   * the body made one, it is set to zeros instead, as a new array would be: the perceptron's layers
   * {@code new double[w1.length]}, made in every iteration over the examples. An array that each
   * iteration fills before it reads it is then scratch space the reverse sweep can reuse in the same
   * iteration (see {@code reverse.ScratchArrays}), and nothing is allocated per iteration.
   *
   * <p>Only a size that cannot be negative (lengths, under sums and products), since the array is now
   * made even where the body would not run; and not the array the body returns ({@code result}), which
   * the caller may keep beyond the iteration.
   */
  private List<Stmt> hoistArrays(List<Stmt> body, String result) {
    List<Stmt> rest = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d
          && !d.name().equals(result)
          && d.type() == Type.DOUBLE_ARRAY
          && d.init() instanceof Expr.NewArray created
          && created.elements().isEmpty()
          && created.dimensions().size() == 1
          && !constant(created.dimensions().get(0))
          && invariant(created.dimensions().get(0))
          && nonNegative(created.dimensions().get(0))) {
        tables.add(d);
        zeros(d, rest);
      } else {
        rest.add(s);
      }
    }
    return rest;
  }

  /** {@code for (int i = 0; i < a.length; i++) a[i] = 0.0;} for array {@code a} declared by {@code d}. */
  private void zeros(Stmt.Declare d, List<Stmt> out) {
    String index = fresh("i");
    Expr at = new Expr.Local(Type.INT, index);
    Expr length = new Expr.Length(new Expr.Local(Type.DOUBLE_ARRAY, d.name()));
    out.add(new Stmt.Declare(index, Type.INT, new Expr.Literal(Type.INT, "0"), d.line(), d.source()));
    List<Stmt> body = List.of(
        new Stmt.ArrayWrite(d.name(), List.of(at), new Expr.Literal(Type.DOUBLE, "0.0"), d.line(), d.source()),
        new Stmt.Assign(index, new Expr.Binary(BinaryOp.ADD, at, new Expr.Literal(Type.INT, "1"), Type.INT), d.line(), d.source()));
    out.add(new Stmt.Loop(new Expr.Binary(BinaryOp.LT, at, length, Type.BOOLEAN), body, false, d.line(), d.source()));
  }

  /**
   * Whether an int expression has the same value before the outermost loop as anywhere in it: literals,
   * and lengths and values of variables the loop neither declares nor assigns, under arithmetic.
   */
  private boolean invariant(Expr e) {
    if (e instanceof Expr.Local l) {
      return !variant.contains(l.name()) && !made.contains(l.name());
    }
    if (e instanceof Expr.Literal || e instanceof Expr.Length) {
      return e.operands().stream().allMatch(this::invariant);
    }
    return e instanceof Expr.Binary b && b.op().isArithmetic() && e.operands().stream().allMatch(this::invariant);
  }

  /** Whether an int expression cannot be negative: lengths and literals under sums and products. */
  private static boolean nonNegative(Expr e) {
    if (e instanceof Expr.Length) {
      return true;
    }
    if (e instanceof Expr.Literal l) {
      return !l.text().startsWith("-");
    }
    return e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.MUL)
        && nonNegative(b.left()) && nonNegative(b.right());
  }

  /** Whether {@code e} is a constant: literals under arithmetic and casts ({@code -0.5}, {@code 1.0 / 3}). */
  private static boolean constant(Expr e) {
    return e instanceof Expr.Literal
        || (e instanceof Expr.Unary || e instanceof Expr.Binary || e instanceof Expr.Cast)
            && e.operands().stream().allMatch(Inliner::constant);
  }

  /** The arrays {@code stmts} write entries of, nested blocks included. */
  static void writtenArrays(List<Stmt> stmts, Set<String> out) {
    Stmt.names(stmts, out, s -> s instanceof Stmt.ArrayWrite w ? w.array() : null);
  }

  /** The arrays and matrices {@code stmts} declare, nested blocks included. */
  private static List<String> declaredArrays(List<Stmt> stmts) {
    List<String> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Declare d && d.type().isArray()) {
        out.add(d.name());
      } else if (s instanceof Stmt.If i) {
        out.addAll(declaredArrays(i.then()));
        out.addAll(declaredArrays(i.otherwise()));
      } else if (s instanceof Stmt.Loop l) {
        out.addAll(declaredArrays(l.body()));
      }
    }
    return out;
  }


  private static String key(Callee callee) {
    return callee.gradients() + "." + callee.method() + callee.parameterTypes();
  }

  /**
   * An array argument as an expression that may stand for the parameter throughout the inlined body: a
   * variable, or a row of one at an index computed once, before it.
   */
  private Expr stabilized(Expr arg, List<Stmt> prologue, Stmt at) {
    if (arg instanceof Expr.ArrayRead a) {
      Expr index = a.index();
      if (!(index instanceof Expr.Local || index instanceof Expr.Literal)) {
        String name = fresh("row");
        prologue.add(new Stmt.Declare(name, Type.INT, index, at.line(), null));
        index = new Expr.Local(Type.INT, name);
      }
      return new Expr.ArrayRead(stabilized(a.array(), prologue, at), index, a.type());
    }
    return arg;
  }

  private static void returnedValues(List<Stmt> stmts, List<Expr> out) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return r) {
        out.add(r.value());
      } else if (s instanceof Stmt.If i) {
        returnedValues(i.then(), out);
        returnedValues(i.otherwise(), out);
      }
    }
  }

  /**
   * The local array the callee returns on every path, declared at the top of its body, which becomes the
   * caller's result; null when it returns an array it was passed (on its only path).
   */
  private String filledArray(List<Stmt> body, List<Expr> returned, Expr.DiffCall call) {
    Set<String> topLevel = new HashSet<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d) {
        topLevel.add(d.name());
      }
    }
    String name = null;
    for (Expr e : returned) {
      if (e instanceof Expr.Local l && topLevel.contains(l.name()) && (name == null || name.equals(l.name()))) {
        name = l.name();
      } else if (e instanceof Expr.NewArray && returned.size() == 1) {
        return null; // a single return of a new array: declared below as the result
      } else if (returned.size() == 1 && !(e instanceof Expr.Local l && topLevel.contains(l.name()))) {
        return null;
      } else {
        throw new GenerationError(call.origin(), problems.returnsSeveralArrays(call.callee()));
      }
    }
    return name;
  }

  /** Removes the single final return of {@code inlined}, giving the array it returned. */
  private static Expr withoutReturn(List<Stmt> inlined) {
    Stmt.Return r = (Stmt.Return) inlined.remove(inlined.size() - 1);
    return r.value();
  }

  /**
   * {@code double[] result = source} as a fresh array: {@code new double[] {…}} as it is, an array the
   * callee was passed copied entry by entry.
   */
  private void copy(String result, Expr source, List<Stmt> out, Stmt at) {
    if (source instanceof Expr.NewArray) {
      out.add(new Stmt.Declare(result, Type.DOUBLE_ARRAY, source, at.line(), null));
      return;
    }
    Expr length = new Expr.Length(source);
    out.add(new Stmt.Declare(result, Type.DOUBLE_ARRAY, new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(length), List.of()), at.line(), null));
    String index = fresh("entry");
    Expr i = new Expr.Local(Type.INT, index);
    out.add(new Stmt.Declare(index, Type.INT, new Expr.Literal(Type.INT, "0"), at.line(), null));
    out.add(
        new Stmt.Loop(
            new Expr.Binary(BinaryOp.LT, i, new Expr.Length(new Expr.Local(Type.DOUBLE_ARRAY, result)), Type.BOOLEAN),
            List.of(
                new Stmt.ArrayWrite(result, List.of(i), new Expr.ArrayRead(source, i, Type.DOUBLE), at.line(), null),
                new Stmt.Assign(index, new Expr.Binary(BinaryOp.ADD, i, new Expr.Literal(Type.INT, "1"), Type.INT), at.line(), null)),
            false,
            at.line(),
            null));
  }

  /** The inlined body with each return assigning {@code result} (a double), or dropped (the filled array). */
  private static List<Stmt> assignReturns(List<Stmt> stmts, String result, Type type) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return r) {
        if (type != Type.DOUBLE_ARRAY) {
          out.add(new Stmt.Assign(result, r.value(), r.line(), r.source()));
        }
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), assignReturns(i.then(), result, type), assignReturns(i.otherwise(), result, type), i.line(), i.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  // ---- renaming -------------------------------------------------------------------------------

  /**
   * How an inlined body is renamed: its locals apart from the caller's, its array parameters bound to the
   * arguments, its statements' source labelled with the callee, and the calls in it tied to the call
   * being inlined ({@code origin}), which is where a problem with them is reported: in the caller, the
   * method being differentiated, whose source is the one being compiled.
   */
  private record Renaming(Map<String, String> renamed, Map<String, Expr> bound, String label, Object origin) {}

  private static List<Stmt> rename(List<Stmt> stmts, Renaming r) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      out.add(rename(s, r));
    }
    return out;
  }

  private static Stmt rename(Stmt s, Renaming r) {
    String source = s.source() == null ? null : r.label() + s.source();
    if (s instanceof Stmt.Declare d) {
      Expr init = d.init() == null ? null : rename(d.init(), r);
      return new Stmt.Declare(r.renamed().get(d.name()), d.type(), init, d.line(), source);
    }
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(r.renamed().get(a.name()), rename(a.value(), r), a.line(), source);
    }
    if (s instanceof Stmt.Return ret) {
      return new Stmt.Return(rename(ret.value(), r), ret.line(), source);
    }
    if (s instanceof Stmt.ArrayWrite w) {
      List<Expr> indices = new ArrayList<>();
      for (Expr index : w.indices()) {
        indices.add(rename(index, r));
      }
      return new Stmt.ArrayWrite(r.renamed().get(w.array()), indices, rename(w.value(), r), w.line(), source);
    }
    if (s instanceof Stmt.If i) {
      return new Stmt.If(rename(i.condition(), r), rename(i.then(), r), rename(i.otherwise(), r), i.line(), source);
    }
    if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(rename(l.condition(), r), rename(l.body(), r), l.testAfter(), l.line(), source);
    }
    if (s instanceof Stmt.Continue c) {
      return new Stmt.Continue(rename(c.update(), r), c.line(), source);
    }
    return s; // break
  }

  private static Expr rename(Expr e, Renaming r) {
    if (e instanceof Expr.Local l) {
      Expr argument = r.bound().get(l.name());
      if (argument != null) {
        return argument;
      }
      String name = r.renamed().get(l.name());
      return name == null ? l : new Expr.Local(l.type(), name);
    }
    Expr renamed = e.mapOperands(operand -> rename(operand, r));
    if (renamed instanceof Expr.DiffCall c) {
      return new Expr.DiffCall(c.callee(), c.args(), r.origin());
    }
    if (renamed instanceof Expr.CustomCall c) {
      return new Expr.CustomCall(c.custom(), c.args(), r.origin());
    }
    return renamed;
  }

  private String fresh(String base) {
    String name = base;
    for (int i = 2; names.contains(name) || Names.isKeyword(name); i++) {
      name = base + i;
    }
    names.add(name);
    made.add(name);
    return name;
  }
}
