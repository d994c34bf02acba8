package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Java.JType;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.ssa.Scope;
import io.adjoint.processor.ssa.SsaValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reverse mode's code before its declarations are settled, and the pass that settles it. What a
 * statement becomes depends on what the reverse sweep, written after it, turns out to read: a value
 * reverse code reads is declared where reverse code sees it, and pushed onto the tape when a loop
 * overwrites it. So {@link Emitter} writes {@link P}s, and {@link #settle} turns them into Java once the
 * whole method is written, merging the additions into one adjoint entry that follow each other.
 */
final class ReverseCode {
  /** Statements before their declarations are settled (see {@link ReverseCode#settle}). */
  sealed interface P {}

  record Done(Java.Stmt stmt) implements P {}

  /** {@code a[i] += v} in reverse code: an addition into an adjoint entry, which may {@link #merge}. */
  record Adds(Java.Stmt stmt) implements P {}

  /** {@code [type] name = expr}: a declaration, unless the value was declared earlier. */
  record Define(SsaValue val, Java.Expr expr) implements P {}

  /** {@code type name;} before an if that assigns it on every path. */
  record DeclareBefore(SsaValue val) implements P {}

  /** {@code type name = 0;}, for a value set under a condition and read after it. */
  record DeclareDefault(SsaValue val) implements P {}

  /** Declarations of values defined inside the ifs that follow and read by reverse code. */
  record Hoist(List<SsaValue> vals) implements P {}

  /** Pushes onto the tape those of {@code vals} that reverse code reads. */
  record Push(List<SsaValue> vals) implements P {}

  /** Pops what the matching {@link Push} pushed; values of {@code scope} are declared. */
  record Pop(List<SsaValue> vals, Scope scope) implements P {}

  /**
   * {@code counter = value}, if reverse code reads the loop counter.
   *
   * @param live whether the forward sweep's declaration of the counter is visible here (the reverse of
   *     a loop inside a fused loop's iteration), so that it is assigned, never declared again
   */
  record Recount(SsaValue counter, Java.Expr value, boolean live) implements P {}

  /**
   * The value with which an iteration started of an int that only an inner loop advances ({@link
   * LoopCounters#advance}), if reverse code reads it. A reverse loop that runs last first has it from the
   * next iteration's value: {@code counter = counter - added}, the loop's final value kept for the first.
   * One that may run first first ({@link ReverseCode#orient}) has it from the previous iteration's, {@code counter =
   * next; next = counter + added}, with {@code next = start} before the loop: the tape need not keep the
   * final value.
   *
   * @param added what the iteration's inner loop adds to the int, from values the iteration started with
   * @param next the name of the local that carries the value from one iteration to the next
   */
  record Advanced(SsaValue counter, Java.Expr start, Java.Expr added, String next, boolean live) implements P {}

  record PIf(Java.Expr condition, List<P> then, List<P> otherwise) implements P {}

  /**
   * A forward loop; {@code trips}, its number of iterations as computed before it, or null when that is
   * not known.
   */
  record PWhile(Java.Expr condition, List<P> body, boolean testAfter, Java.Expr trips) implements P {}

  /**
   * The reverse of a loop's iterations, last first; or first first when {@code orderFree} (see {@link
   * ReverseOrder}) and its body pops nothing from the tape but doubles from a window ({@link
   * ReverseCode#orient}).
   */
  record PCountDown(String counter, Java.Expr from, List<P> body, boolean orderFree) implements P {}

  /** At most this many additions merge into one statement. */
  private static final int MAX_MERGED = 8;

  /**
   * The statements {@link Adds} wrote, the only ones {@link #merge} merges, with how many additions each
   * holds.
   */
  private final java.util.Map<Java.Stmt, Integer> terms = new java.util.IdentityHashMap<>();

  /** How values are named in generated code. */
  private final Function<SsaValue, String> names;
  /** What the emission decided about the values, which settling completes. */
  private final Emission state;
  private final String tape;
  /** A fresh name in generated code from a base name. */
  private final Function<String, String> fresh;
  private boolean usesTape;
  /** The reverse loops that run first first, and their {@link Advanced}s ({@link #orient}). */
  private final Set<P> upward = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** The tape's array of doubles and the index of its top, in locals, while a loop settled now uses them. */
  private Window window;

  /**
   * The tape's doubles held in locals across a loop, {@code array} and its top {@code top}: a loop
   * whose body alone keeps doubles, a known number per iteration, writes them straight into the array
   * (room made before the loop) and its reverse reads them back, a store and a load where a push or a
   * pop calls into the tape and checks its capacity each time. A reverse loop running first first reads
   * each iteration's doubles where its forward wrote them: {@code top} is then where the first
   * iteration's start, and {@code counter} the reverse loop's counter (null in every other window).
   *
   * @param perIteration the doubles each iteration keeps
   */
  private record Window(String array, String top, String counter, int perIteration) {}

  /**
   * The doubles of the current iteration that a window running first first ({@link Window#counter}) has
   * not read yet: its body's pops take them last first, as a reverse loop running last first would.
   */
  private int unread;

  ReverseCode(Function<SsaValue, String> names, Emission state, String tape, Function<String, String> fresh) {
    this.names = names;
    this.state = state;
    this.tape = tape;
    this.fresh = fresh;
  }

  /** Whether the settled code pushes onto or pops from the tape. */
  boolean usesTape() {
    return usesTape;
  }

  private String name(SsaValue v) {
    return names.apply(v);
  }

  /**
   * Decides, before anything is settled, which reverse loops run first first: those whose iterations may
   * run in any order and that pop nothing from the tape, nested loops included (a loop nested in one
   * pops from the tape's array held in a local, not only with {@code tape.pop…}). The final values of
   * their {@link Advanced} ints then need not be kept by an enclosing loop, whose code is settled before
   * theirs. Nested loops first, as what an inner loop keeps is popped by the outer one's body.
   */
  void orient(List<P> block) {
    for (P p : block) {
      if (p instanceof PIf i) {
        orient(i.then());
        orient(i.otherwise());
      } else if (p instanceof PWhile w) {
        orient(w.body());
      } else if (p instanceof PCountDown c) {
        orient(c.body());
        if (c.orderFree() && (!popsFromTape(c.body()) || popsOnlyWindowed(c))) {
          upward.add(c);
          for (P part : c.body()) {
            if (part instanceof Advanced a) {
              upward.add(a);
              state.of(a.counter().resolve()).recounted = true;
            }
          }
        }
      }
    }
  }

  /**
   * Whether the settled body of {@code loop} pops only doubles, from a window ({@link #windowed}), and
   * only at its top level: its iterations then find theirs at a place known from the counter, and the
   * loop may run first first. (Its trip count, read to find the first iteration's doubles and to count,
   * is computed once, into a local where it is not a name.)
   */
  private boolean popsOnlyWindowed(PCountDown loop) {
    if (windowed(loop.body(), false) == 0) {
      return false;
    }
    for (P p : loop.body()) {
      boolean other = (p instanceof Pop pop && doubles(kept(pop.vals())) != kept(pop.vals()).size())
          || (!(p instanceof Pop) && popsFromTape(List.of(p)));
      if (other) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the settled {@code block} would pop anything from the tape, with {@code tape.pop…} or from
   * the tape's array held in a local, nested loops included.
   */
  private boolean popsFromTape(List<P> block) {
    for (P p : block) {
      boolean pops = (p instanceof Pop pop && !kept(pop.vals()).isEmpty())
          || (p instanceof Done d && pops(List.of(d.stmt())))
          || (p instanceof Adds a && pops(List.of(a.stmt())))
          || (p instanceof Define d && callsPop(d.expr()))
          || (p instanceof PIf i && (popsFromTape(i.then()) || popsFromTape(i.otherwise())))
          || (p instanceof PWhile w && popsFromTape(w.body()))
          || (p instanceof PCountDown c && popsFromTape(c.body()));
      if (pops) {
        return true;
      }
    }
    return false;
  }

  /** Turns {@link P}s into statements, now that it is known which values reverse code reads. */
  List<Java.Stmt> settle(List<P> block) {
    List<Java.Stmt> stmts = new ArrayList<>();
    for (P p : block) {
      if (p instanceof Done d) {
        stmts.add(d.stmt());
      } else if (p instanceof Adds a) {
        if (!merge(stmts, a.stmt())) {
          stmts.add(a.stmt());
          terms.put(a.stmt(), 1);
        }
      } else if (p instanceof Hoist h) {
        for (SsaValue v : h.vals()) {
          SsaValue r = v.resolve();
          if (r == v && state.of(r).needed && !state.of(r).hoisted && !state.of(r).declared) {
            state.of(r).hoisted = true;
            stmts.add(new Java.Declare(type(r), name(r), defaultValue(r)));
          }
        }
      } else if (p instanceof DeclareDefault d) {
        SsaValue r = d.val().resolve();
        if (!state.of(r).hoisted && !state.of(r).declared) {
          state.of(r).declared = true;
          stmts.add(new Java.Declare(type(r), name(r), defaultValue(r)));
        }
      } else if (p instanceof DeclareBefore d) {
        SsaValue r = d.val().resolve();
        if (!state.of(r).hoisted && !state.of(r).declared) {
          state.of(r).declared = true;
          stmts.add(new Java.Declare(type(r), name(r), null));
        }
      } else if (p instanceof Define d) {
        SsaValue r = d.val().resolve();
        if (state.of(r).hoisted || state.of(r).declared) {
          stmts.add(new Java.Assign(JavaExprs.name(name(r)), "=", d.expr()));
        } else {
          state.of(r).declared = true;
          stmts.add(new Java.Declare(type(r), name(r), d.expr()));
        }
      } else if (p instanceof Push push) {
        int written = 0;
        for (SsaValue v : kept(push.vals())) {
          usesTape = true;
          if (window != null && isDouble(v)) {
            stmts.add(new Java.Assign(windowEntry(written++), "=", JavaExprs.name(name(v))));
          } else {
            stmts.add(new Java.Eval(new Java.Call(null, JavaExprs.name(tape), "push", List.of(JavaExprs.name(name(v))))));
          }
        }
        if (written > 0) {
          stmts.add(new Java.Assign(JavaExprs.name(window.top()), "+=", JavaExprs.lit(Integer.toString(written))));
        }
      } else if (p instanceof Pop pop) {
        List<SsaValue> vals = kept(pop.vals());
        int read = window == null ? 0 : doubles(vals);
        if (read > 0 && window.counter() == null) {
          stmts.add(new Java.Assign(JavaExprs.name(window.top()), "-=", JavaExprs.lit(Integer.toString(read))));
        } else if (read > 0) {
          unread -= read;
          read += unread; // past the iteration's first double
        }
        for (int k = vals.size() - 1; k >= 0; k--) {
          SsaValue v = vals.get(k);
          Java.Expr popped = window != null && isDouble(v) ? windowEntry(--read) : popped(v);
          if (v.scope.within(pop.scope())) {
            stmts.add(new Java.Declare(type(v), name(v), popped));
          } else {
            stmts.add(new Java.Assign(JavaExprs.name(name(v)), "=", popped));
          }
        }
      } else if (p instanceof Recount r) {
        SsaValue h = r.counter().resolve();
        if (state.of(h).needed) {
          stmts.add(recount(h, r.value(), r.live()));
        }
      } else if (p instanceof Advanced a) {
        SsaValue h = a.counter().resolve();
        if (state.of(h).needed) {
          boolean up = upward.contains(a);
          Java.Expr value = up ? JavaExprs.name(a.next()) : JavaExprs.sub(JavaExprs.name(name(h)), a.added());
          stmts.add(recount(h, value, a.live()));
          if (up) {
            stmts.add(new Java.Assign(JavaExprs.name(a.next()), "=", JavaExprs.add(JavaExprs.name(name(h)), a.added())));
          }
        }
      } else if (p instanceof PIf i) {
        stmts.add(new Java.If(i.condition(), nested(i.then(), null), nested(i.otherwise(), null)));
      } else if (p instanceof PWhile w) {
        int written = w.trips() == null ? 0 : windowed(w.body(), true);
        Window opened = written == 0 ? null
            : open(stmts, JavaExprs.mul(JavaExprs.lit(Integer.toString(written)), w.trips()));
        stmts.add(new Java.While(w.condition(), nested(w.body(), opened), w.testAfter()));
        close(stmts, opened);
      } else if (p instanceof PCountDown c) {
        int perIteration = windowed(c.body(), false);
        boolean up = upward.contains(c);
        Java.Expr from = c.from();
        if (up && perIteration > 0 && !(from instanceof Java.Name || from instanceof Java.Literal)) {
          // read twice, for the first iteration's doubles and to count: computed once, into a local
          String count = fresh.apply("count");
          stmts.add(new Java.Declare(JType.of(Type.INT), count, from));
          from = JavaExprs.name(count);
        }
        Window opened = perIteration == 0 ? null
            : up ? openFirstFirst(stmts, c.counter(), from, perIteration) : open(stmts, JavaExprs.lit("0"));
        List<Java.Stmt> body = nested(c.body(), opened);
        if (body.isEmpty()) {
          if (!stmts.isEmpty() && stmts.get(stmts.size() - 1) instanceof Java.Comment) {
            stmts.remove(stmts.size() - 1); // its comment
          }
        } else if (up) {
          if (pops(body)) {
            throw new IllegalStateException("a reverse loop oriented first first pops from the tape");
          }
          for (P part : c.body()) {
            if (part instanceof Advanced a && state.of(a.counter().resolve()).needed) {
              stmts.add(new Java.Declare(type(a.counter().resolve()), a.next(), a.start()));
            }
          }
          stmts.add(new Java.CountDown(c.counter(), from, body, true));
          close(stmts, opened);
        } else {
          stmts.add(new Java.CountDown(c.counter(), c.from(), body, false));
          close(stmts, opened);
        }
      }
    }
    return stmts;
  }

  /**
   * {@code h = value} at the top of a reverse iteration; a declaration when no enclosing loop keeps
   * {@code h}, so that no reverse block declared it.
   */
  private Java.Stmt recount(SsaValue h, Java.Expr value, boolean live) {
    boolean popped = !(state.of(h).recounted && !state.of(h).readOutside);
    if (popped || live || !insideLoop(h.scope)) {
      return new Java.Assign(JavaExprs.name(name(h)), "=", value);
    }
    return new Java.Declare(type(h), name(h), value);
  }

  /** Settles a block nested in the one being settled, in {@code opened} (or in none). */
  private List<Java.Stmt> nested(List<P> block, Window opened) {
    Window saved = window;
    int savedUnread = unread;
    window = opened;
    unread = opened == null ? 0 : opened.perIteration();
    try {
      return settle(block);
    } finally {
      window = saved;
      unread = savedUnread;
    }
  }

  /** Declares a {@link Window} before a loop, with room for {@code more} doubles. */
  private Window open(List<Java.Stmt> stmts, Java.Expr more) {
    usesTape = true;
    Window w = new Window(fresh.apply("doubles"), fresh.apply("top"), null, 0);
    stmts.add(new Java.Declare(JType.of(Type.DOUBLE_ARRAY), w.array(),
        new Java.Call(null, JavaExprs.name(tape), "doubles", List.of(more))));
    stmts.add(new Java.Declare(JType.of(Type.INT), w.top(), new Java.Call(null, JavaExprs.name(tape), "doubleTop", List.of())));
    return w;
  }

  /**
   * Declares the {@link Window} of a reverse loop running first first, counting with {@code counter} to
   * {@code count}, whose iterations pop {@code perIteration} doubles each: its top is where the first
   * iteration's doubles start, below all the loop's, and stays there; it is the tape's top again after
   * the loop.
   */
  private Window openFirstFirst(List<Java.Stmt> stmts, String counter, Java.Expr count, int perIteration) {
    usesTape = true;
    Window w = new Window(fresh.apply("doubles"), fresh.apply("top"), counter, perIteration);
    stmts.add(new Java.Declare(JType.of(Type.DOUBLE_ARRAY), w.array(),
        new Java.Call(null, JavaExprs.name(tape), "doubles", List.of(JavaExprs.lit("0")))));
    Java.Expr all = perIteration == 1 ? count : JavaExprs.mul(JavaExprs.lit(Integer.toString(perIteration)), count);
    stmts.add(new Java.Declare(JType.of(Type.INT), w.top(),
        JavaExprs.sub(new Java.Call(null, JavaExprs.name(tape), "doubleTop", List.of()), all)));
    return w;
  }

  /** Gives the tape back its top after the loop of {@code opened}. */
  private void close(List<Java.Stmt> stmts, Window opened) {
    if (opened != null) {
      stmts.add(new Java.Eval(new Java.Call(null, JavaExprs.name(tape), "doubleTop", List.of(JavaExprs.name(opened.top())))));
    }
  }

  /** The entry {@code offset} past the window's top. */
  private Java.Expr windowEntry(int offset) {
    Java.Expr top = JavaExprs.name(window.top());
    if (window.counter() != null) {
      // the iteration's doubles start perIteration * (counter - 1) past the first's
      Java.Expr before = JavaExprs.sub(JavaExprs.name(window.counter()), JavaExprs.lit("1"));
      top = JavaExprs.add(top, window.perIteration() == 1 ? before
          : JavaExprs.mul(JavaExprs.lit(Integer.toString(window.perIteration())), before));
    }
    return new Java.ArrayRead(JavaExprs.name(window.array()),
        offset == 0 ? top : JavaExprs.add(top, JavaExprs.lit(Integer.toString(offset))));
  }

  /**
   * How many doubles the top level of a loop's body pushes ({@code pushes}) or pops in each iteration,
   * when nothing nested in it pushes or pops a double, whose place the window would not know; else 0.
   */
  private int windowed(List<P> body, boolean pushes) {
    int count = 0;
    for (P p : body) {
      if (p instanceof Push push) {
        if (!pushes && doubles(kept(push.vals())) > 0) {
          return 0;
        }
        count += doubles(kept(push.vals()));
      } else if (p instanceof Pop pop) {
        if (pushes && doubles(kept(pop.vals())) > 0) {
          return 0;
        }
        count += doubles(kept(pop.vals()));
      } else if (keepsDoubles(List.of(p))) {
        return 0;
      }
    }
    return count;
  }

  /** Whether {@code block}'s nested blocks push or pop a double. */
  private boolean keepsDoubles(List<P> block) {
    for (P p : block) {
      if ((p instanceof Push push && doubles(kept(push.vals())) > 0)
          || (p instanceof Pop pop && doubles(kept(pop.vals())) > 0)
          || (p instanceof PIf i && (keepsDoubles(i.then()) || keepsDoubles(i.otherwise())))
          || (p instanceof PWhile w && keepsDoubles(w.body()))
          || (p instanceof PCountDown c && keepsDoubles(c.body()))) {
        return true;
      }
    }
    return false;
  }

  private static int doubles(List<SsaValue> vals) {
    return (int) vals.stream().filter(ReverseCode::isDouble).count();
  }

  /** Whether {@code v} is kept on the tape's stack of doubles. */
  private static boolean isDouble(SsaValue v) {
    return v.callee == null && v.type == Type.DOUBLE;
  }

  /**
   * Adds {@code a[i] ±= v2} to {@code a[i] ±= v1} written just before by reverse code (comments between
   * them aside), as {@code a[i] ±= v1 ± v2}: one read and one write of the entry instead of two, and a
   * shorter chain of dependent additions where consecutive iterations update the same entry ({@code
   * partials[i + 1]} then {@code partials[i]}). Only where {@code v2} and the index read nothing of
   * {@code a}, so that the first addition cannot change them (another index may name the same entry),
   * and only in reverse code, whose additions into adjoints may round in another order; the forward
   * sweep's values are the method's, bit for bit. The comments between, which would be left with no
   * statement, go.
   */
  private boolean merge(List<Java.Stmt> stmts, Java.Stmt next) {
    if (!(next instanceof Java.Assign b) || !(b.target() instanceof Java.ArrayRead r)
        || !(b.op().equals("+=") || b.op().equals("-=")) || !pure(b.target())) {
      return false;
    }
    Java.Expr array = r.array();
    while (array instanceof Java.ArrayRead inner) {
      array = inner.array();
    }
    if (mentions(b.value(), array) || mentions(r.index(), array)) {
      return false;
    }
    int k = stmts.size() - 1;
    while (k >= 0 && stmts.get(k) instanceof Java.Comment) {
      k--;
    }
    if (k < 0 || !terms.containsKey(stmts.get(k)) || !(stmts.get(k) instanceof Java.Assign a)
        || !a.target().equals(b.target()) || !(a.op().equals("+=") || a.op().equals("-="))) {
      return false;
    }
    int count = terms.get(a);
    if (count >= MAX_MERGED) {
      return false; // a long chain of additions in one statement is too deep for javac to compile
    }
    Java.Expr value = a.op().equals(b.op()) ? JavaExprs.add(a.value(), b.value()) : JavaExprs.sub(a.value(), b.value());
    stmts.subList(k, stmts.size()).clear();
    Java.Assign sum = new Java.Assign(a.target(), a.op(), value);
    stmts.add(sum);
    terms.put(sum, count + 1);
    return true;
  }

  /** Whether {@code stmts} pop anything from the tape, which must come off in the order it went on. */
  private boolean pops(List<Java.Stmt> stmts) {
    boolean[] found = {false};
    for (Java.Stmt s : stmts) {
      Java.mapExpressions(s, e -> {
        if (callsPop(e)) {
          found[0] = true;
        }
        return e;
      });
    }
    return found[0];
  }

  private boolean callsPop(Java.Expr e) {
    if (e instanceof Java.Call c && c.target() != null && c.target().equals(JavaExprs.name(tape))
        && c.method().startsWith("pop")) {
      return true;
    }
    return parts(e).stream().anyMatch(this::callsPop);
  }

  /** Whether {@code e} contains {@code part}. */
  private static boolean mentions(Java.Expr e, Java.Expr part) {
    if (e.equals(part)) {
      return true;
    }
    return parts(e).stream().anyMatch(x -> mentions(x, part));
  }

  /** Whether evaluating {@code e} has no side effect: no call (but {@link #readsOnly}), no allocation. */
  static boolean pure(Java.Expr e) {
    if ((e instanceof Java.Call c && !readsOnly(c)) || e instanceof Java.New || e instanceof Java.NewArray) {
      return false;
    }
    return parts(e).stream().allMatch(ReverseCode::pure);
  }

  /**
   * Whether evaluating {@code e} changes nothing and gives the same value each time: it calls only
   * {@link #sameEachTime} functions and creates nothing.
   */
  static boolean changesNothing(Java.Expr e) {
    if (e instanceof Java.Call c && !sameEachTime(c) || e instanceof Java.New || e instanceof Java.NewArray) {
      return false;
    }
    return parts(e).stream().allMatch(ReverseCode::changesNothing);
  }

  /**
   * Whether a call changes nothing and gives the same value for the same arguments: {@code Math}'s and
   * {@code StrictMath}'s functions but {@code random}, and {@link #readsOnly} ones.
   */
  static boolean sameEachTime(Java.Call c) {
    boolean math = c.target() == null && (ClassRef.MATH.equals(c.owner()) || ClassRef.STRICT_MATH.equals(c.owner()))
        && !c.method().equals("random");
    return math || readsOnly(c);
  }

  /**
   * Whether a call only reads its arguments: {@code Adjoints.rowStart}, the place of a row in the flat
   * array of a direct matrix ({@link Propagation.Direct}), so that additions into one entry of it merge as
   * into an adjoint matrix's, and round alike.
   */
  private static boolean readsOnly(Java.Call c) {
    return Propagation.rowStart(c);
  }

  static List<Java.Expr> parts(Java.Expr e) {
    if (e instanceof Java.Unary u) {
      return List.of(u.operand());
    }
    if (e instanceof Java.Binary b) {
      return List.of(b.left(), b.right());
    }
    if (e instanceof Java.Conditional c) {
      return List.of(c.condition(), c.ifTrue(), c.ifFalse());
    }
    if (e instanceof Java.Cast c) {
      return List.of(c.operand());
    }
    if (e instanceof Java.Call c) {
      List<Java.Expr> all = new ArrayList<>(c.args());
      if (c.target() != null) {
        all.add(c.target());
      }
      return all;
    }
    if (e instanceof Java.FieldRead f) {
      return f.target() == null ? List.of() : List.of(f.target());
    }
    if (e instanceof Java.ArrayRead a) {
      return List.of(a.array(), a.index());
    }
    if (e instanceof Java.NewArray n) {
      List<Java.Expr> all = new ArrayList<>(n.dimensions());
      all.addAll(n.elements());
      return all;
    }
    if (e instanceof Java.New n) {
      return n.args();
    }
    return List.of();
  }

  static boolean insideLoop(Scope s) {
    for (Scope x = s; x != null; x = x.parent) {
      if (x.isLoopBody()) {
        return true;
      }
    }
    return false;
  }

  /** The values of an iteration that reverse code reads, each once, in a fixed order. */
  private List<SsaValue> kept(List<SsaValue> vals) {
    Set<SsaValue> out = new LinkedHashSet<>();
    for (SsaValue v : vals) {
      SsaValue r = v.resolve();
      if (state.of(r).needed && !(state.of(r).recounted && !state.of(r).readOutside)) {
        out.add(r);
      }
    }
    return new ArrayList<>(out);
  }

  private Java.Expr popped(SsaValue v) {
    if (v.callee != null) {
      return new Java.Cast(null, new Java.Call(null, JavaExprs.name(tape), "popObject", List.of()), v.callee.record());
    }
    String method = switch (v.type) {
      case DOUBLE -> "popDouble";
      case INT -> "popInt";
      case LONG -> "popLong";
      case BOOLEAN -> "popBoolean";
      default -> throw new IllegalStateException("an array kept on the tape: " + v);
    };
    return new Java.Call(null, JavaExprs.name(tape), method, List.of());
  }

  private static JType type(SsaValue v) {
    return v.callee != null ? JType.of(v.callee.record()) : JType.of(v.type);
  }

  private static Java.Expr defaultValue(SsaValue v) {
    if (v.callee != null) {
      return JavaExprs.lit("null");
    }
    return switch (v.type) {
      case DOUBLE -> JavaExprs.ZERO;
      case BOOLEAN -> JavaExprs.lit("false");
      case LONG -> JavaExprs.lit("0L");
      case INT -> JavaExprs.lit("0");
      case DOUBLE_ARRAY, DOUBLE_MATRIX, ENUM -> JavaExprs.lit("null");
    };
  }
}
