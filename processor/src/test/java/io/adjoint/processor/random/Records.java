package io.adjoint.processor.random;

import io.adjoint.processor.random.Ast.ARead;
import io.adjoint.processor.random.Ast.ARef;
import io.adjoint.processor.random.Ast.AssignR;
import io.adjoint.processor.random.Ast.D;
import io.adjoint.processor.random.Ast.DeclR;
import io.adjoint.processor.random.Ast.I;
import io.adjoint.processor.random.Ast.ILen;
import io.adjoint.processor.random.Ast.IVar;
import io.adjoint.processor.random.Ast.Program;
import io.adjoint.processor.random.Ast.RAt;
import io.adjoint.processor.random.Ast.RComp;
import io.adjoint.processor.random.Ast.RCond;
import io.adjoint.processor.random.Ast.RE;
import io.adjoint.processor.random.Ast.RName;
import io.adjoint.processor.random.Ast.RNew;
import io.adjoint.processor.random.Ast.RRead;
import io.adjoint.processor.random.Ast.RType;
import io.adjoint.processor.random.Ast.RecordConstruct;
import io.adjoint.processor.random.Ast.S;
import io.adjoint.processor.random.MethodState.VarInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What record programs do with records (see {@link Ast.RecordConstruct}): the generator's record types,
 * a program's record parameters, reads through accessor chains and of elements of arrays of records,
 * record expressions ({@code new}, {@code ?:}, the records there), the record a program returns, the
 * receivers of calls to instance methods, and record statements (record locals, reassigned).
 */
final class Records {
  /** How many record types a generator declares (per batch): the first ones have only doubles. */
  static final int RECORD_TYPES = 6;

  private static final String[] COMPONENT_NAMES = {"x", "y", "z", "m", "k", "s", "h", "v", "r", "len"};

  /**
   * The names of record parameters, which no other variable takes: the processor does not yet keep an
   * inlined callee's variables from taking a record parameter's name ({@code double q} declared twice
   * where {@code f(Rec q)} calls {@code g(Rec p) { double q = p.x(); … }}).
   */
  private static final String[] RECORD_PARAM_NAMES = {"pt", "pa", "pb", "body", "cfg", "part", "sp", "model"};

  private final SplittableRandom r;
  private final MethodState state;
  private final List<RType> recordTypes = new ArrayList<>();
  // the other parts it calls, which call it in turn (the grammar nests): set by connect
  private Expressions expressions;
  private Calls calls;

  Records(ProgramGenerator generator) {
    this.r = generator.r;
    this.state = generator.state;
  }

  /** Takes the other parts it calls, once the generator has made them all. */
  void connect(ProgramGenerator generator) {
    expressions = generator.expressions;
    calls = generator.calls;
  }

  /** The record types of this generator's programs (declared once per batch). */
  List<RType> recordTypes() {
    if (recordTypes.isEmpty()) {
      for (int i = 0; i < RECORD_TYPES; i++) {
        recordTypes.add(recordType("Rec" + i, i < 3 || r.nextInt(4) == 0));
      }
    }
    return recordTypes;
  }

  /**
   * A record type of 1 to 4 components: doubles, and earlier types (nested at most 3 deep); unless
   * {@code doublesOnly}, ints, booleans and double[]s too. At least one component is a double or a record.
   */
  private RType recordType(String name, boolean doublesOnly) {
    List<String> pool = new ArrayList<>(List.of(COMPONENT_NAMES));
    List<RType> nestable = new ArrayList<>();
    for (RType t : recordTypes) {
      if (t.depth() < 3 && (!doublesOnly || t.allDoubles())) {
        nestable.add(t);
      }
    }
    List<RComp> components = new ArrayList<>();
    boolean hasLeaf = false;
    for (int n = 1 + r.nextInt(4); n > 0; n--) {
      String c = pool.remove(r.nextInt(pool.size()));
      int roll = r.nextInt(100);
      if (roll < 30 && !nestable.isEmpty()) {
        components.add(new RComp(c, 'R', nestable.get(r.nextInt(nestable.size()))));
      } else if (!doublesOnly && roll < 45) {
        components.add(new RComp(c, 'I', null));
      } else if (!doublesOnly && roll < 55) {
        components.add(new RComp(c, 'Z', null));
      } else if (!doublesOnly && roll < 70) {
        components.add(new RComp(c, 'A', null));
      } else {
        components.add(new RComp(c, 'D', null));
      }
      hasLeaf |= components.get(components.size() - 1).kind() == 'D' || components.get(components.size() - 1).kind() == 'R';
    }
    if (!hasLeaf) {
      components.set(0, new RComp(components.get(0).name(), 'D', null));
    }
    return new RType(name, components);
  }

  static boolean enabled(RecordConstruct c) {
    return c.supported;
  }

  /**
   * Adds a record program's record parameters at random places: one or two records, at times an array of
   * records whose leaves are doubles (not where every index must be a counter over its array or 0, {@link
   * MethodState#linearIndices}: a record's entries lie at the index times its size), at times a {@code
   * @NoDerivative} record.
   */
  void recordParameters(List<String> params, StringBuilder kinds, List<RType> types) {
    List<RType> all = recordTypes();
    List<RType> ofDoubles = all.stream().filter(RType::allDoubles).toList();
    int n = 1 + (r.nextInt(3) == 0 ? 1 : 0);
    for (int i = 0; i < n + 1; i++) {
      char kind;
      if (i == n) {
        // a further array of records or @NoDerivative record, at times
        int roll = r.nextInt(100);
        kind = roll < 35 && enabled(RecordConstruct.ARRAY_PARAMETER) && !state.linearIndices ? 'Q'
            : roll < 50 && enabled(RecordConstruct.NO_DERIVATIVE) ? 'O' : 0;
        if (kind == 0) {
          break;
        }
      } else {
        kind = 'R';
      }
      RType t = kind == 'Q' ? ofDoubles.get(r.nextInt(ofDoubles.size())) : all.get(r.nextInt(all.size()));
      int at = r.nextInt(params.size() + 1);
      String name;
      do {
        name = RECORD_PARAM_NAMES[r.nextInt(RECORD_PARAM_NAMES.length)];
      } while (params.contains(name));
      params.add(at, name);
      kinds.insert(at, kind);
      types.add(at, t);
    }
  }

  /** The record types the program being generated knows: those of its parameters, nested ones too. */
  private List<RType> knownTypes() {
    return Ast.recordTypes(List.of(state.program));
  }

  /** The visible record variables ({@code kinds} among R, M, Q). */
  List<String> recordVars(String kinds) {
    List<String> out = new ArrayList<>();
    for (VarInfo v : state.env) {
      if (kinds.indexOf(v.kind()) >= 0) {
        out.add(v.name());
      }
    }
    return out;
  }

  /** Whether a leaf of {@code kind} (D, I, Z, A) is in t, nested records included. */
  private static boolean reaches(RType t, char kind) {
    return t.components.stream().anyMatch(c -> c.kind() == kind || c.kind() == 'R' && reaches(c.type(), kind));
  }

  /** A random accessor chain from t down to a leaf of {@code kind}: {@code .q().x()}. */
  private String pathTo(RType t, char kind) {
    List<RComp> options = t.components.stream()
        .filter(c -> c.kind() == kind || c.kind() == 'R' && reaches(c.type(), kind)).toList();
    RComp c = options.get(r.nextInt(options.size()));
    String step = "." + c.name() + "()";
    return c.kind() == 'R' ? step + pathTo(c.type(), kind) : step;
  }

  /**
   * A component of {@code kind} (I, Z, A) of a visible record, as its accessor chain {@code p.q().k()};
   * with {@code data}, of a {@code @NoDerivative} record only. Null when there is none.
   */
  String recordPath(char kind, boolean data) {
    List<String> options = new ArrayList<>();
    for (String v : recordVars(data ? "O" : "RO")) {
      if (reaches(state.recordOf.get(v), kind)) {
        options.add(v);
      }
    }
    if (options.isEmpty()) {
      return null;
    }
    String v = options.get(r.nextInt(options.size()));
    return v + pathTo(state.recordOf.get(v), kind);
  }

  /**
   * A double read from a record: {@code p.x()}, {@code p.q().x()}, {@code ps[i].x()}, or an entry of a
   * double[] component, {@code p.a()[i]}; null when no record is visible.
   */
  D recordRead() {
    List<String> vars = recordVars("ROQ");
    if (vars.isEmpty()) {
      return null;
    }
    int i = vars.size() - 1 - Math.min(vars.size() - 1, (int) Math.abs(r.nextGaussian() * 1.5));
    String base = vars.get(r.nextBoolean() ? i : r.nextInt(vars.size()));
    RType t = state.recordOf.get(base);
    if (state.kindOf(base) == 'Q') {
      return new RRead(base, expressions.index(base), pathTo(t, 'D'));
    }
    if (reaches(t, 'A') && r.nextInt(4) == 0) {
      String array = base + pathTo(t, 'A');
      return new ARead(array, expressions.index(array));
    }
    return new RRead(base, null, pathTo(t, 'D'));
  }

  /** An int read from a record: a length ({@code ps.length}, {@code p.a().length}) or an int component. */
  I recordInt(boolean length) {
    if (length) {
      if (state.has('Q', false) && r.nextBoolean()) {
        return new ILen(state.pick('Q', false));
      }
      String array = recordPath('A', false);
      return array == null ? null : new ILen(array);
    }
    String component = recordPath('I', false);
    return component == null ? null : new IVar(component, false);
  }

  /** An array of records of element type t, visible; there is one (see {@link Calls#canPass}). */
  String pickRecordArray(RType t) {
    List<String> options = recordVars("Q").stream().filter(v -> state.recordOf.get(v) == t).toList();
    return options.get(r.nextInt(options.size()));
  }

  /**
   * The records of type t that can be named here: visible records of t, their nested components of t
   * ({@code p.q()}), and (as {@code ps[?]}, the index still to draw) elements of arrays of t; with {@code
   * data}, only what a {@code @NoDerivative} record holds.
   */
  private List<RE> recordsOf(RType t, boolean data) {
    List<RE> out = new ArrayList<>();
    for (String v : recordVars(data ? "O" : "ROQ")) {
      RType vt = state.recordOf.get(v);
      if (state.kindOf(v) == 'Q') {
        if (vt == t) {
          out.add(new RAt(v, null));
        }
      } else {
        chains(v, vt, t, out);
      }
    }
    return out;
  }

  private static void chains(String text, RType in, RType t, List<RE> out) {
    if (in == t) {
      out.add(new RName(text));
    }
    for (RComp c : in.components) {
      if (c.kind() == 'R') {
        chains(text + "." + c.name() + "()", c.type(), t, out);
      }
    }
  }

  /** Whether {@code new t(…)} can be written: its double[] components need an array the method names. */
  private boolean newable(RType t, boolean data) {
    return enabled(RecordConstruct.NEW) && (!t.hasArrays() || !data && arrayForRecord() != null);
  }

  /** An array a new record may hold: a double[] parameter, or a double[] component of a record; or null. */
  private String arrayForRecord() {
    List<String> options = new ArrayList<>();
    for (VarInfo v : state.env) {
      if (v.kind() == 'A' && state.program.params.contains(v.name())) {
        options.add(v.name());
      }
    }
    String component = recordPath('A', false);
    if (component != null) {
      options.add(component);
    }
    return options.isEmpty() ? null : options.get(r.nextInt(options.size()));
  }

  /** Whether {@link #recordExpr} can make a record of t. */
  boolean canMake(RType t, boolean data) {
    return !recordsOf(t, data).isEmpty() || newable(t, data);
  }

  /**
   * A record of type t: one that is visible (or nested in one, or an element), a {@code new t(…)} of
   * computed components, at times a {@code ?:} of two; with {@code data}, one that does not depend on the
   * inputs (for a {@code @NoDerivative} parameter: a literal's, or a {@code @NoDerivative} record's).
   */
  RE recordExpr(RType t, int depth, boolean data) {
    List<RE> named = recordsOf(t, data);
    if (!data && depth > 0 && r.nextInt(8) == 0 && !t.hasArrays() && enabled(RecordConstruct.CONDITIONAL_LOCAL)) {
      return new RCond(expressions.cond(1), recordExpr(t, depth - 1, false), recordExpr(t, depth - 1, false));
    }
    if (named.isEmpty() || (newable(t, data) && depth > 0 && r.nextInt(3) == 0)) {
      return newRecord(t, depth, data);
    }
    RE e = named.get(r.nextInt(named.size()));
    return e instanceof RAt a ? new RAt(a.array(), expressions.index(a.array())) : e;
  }

  /** {@code new t(…)}: each component computed (ints, conditions, records of their own). */
  private RNew newRecord(RType t, int depth, boolean data) {
    List<Object> args = new ArrayList<>();
    for (RComp c : t.components) {
      args.add(
          switch (c.kind()) {
            case 'D' -> data ? expressions.lit() : expressions.expr(Math.max(depth, 0));
            case 'I' -> expressions.intOnly(1);
            case 'Z' -> expressions.cond(0);
            case 'A' -> new ARef(arrayForRecord());
            default -> recordExpr(c.type(), Math.max(depth - 1, 0), data);
          });
    }
    return new RNew(t, args);
  }

  /**
   * What a program returning a record of t returns, {@code value} part of it: mostly {@code new t(…)}
   * with {@code value} in one of its doubles (nested records too) and the others computed; at times a
   * record that is there (a parameter, a local, an element, a nested record, a {@code ?:} of two).
   */
  RE returnedRecord(RType t, D value) {
    if (r.nextInt(5) == 0) {
      return recordExpr(t, 1, false);
    }
    return newWith(t, value);
  }

  private RNew newWith(RType t, D value) {
    int at = r.nextInt(t.components.size());
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < t.components.size(); i++) {
      RComp c = t.components.get(i);
      if (i == at) {
        args.add(c.kind() == 'D' ? value : newWith(c.type(), value));
      } else {
        args.add(c.kind() == 'D' ? expressions.expr(2) : recordExpr(c.type(), 1, false));
      }
    }
    return new RNew(t, args);
  }

  /**
   * The receiver of a call to an instance method of t: a record there ({@code p}, {@code p.q()}, {@code
   * ps[i]}, {@code this}), at times a {@code new t(…)}.
   */
  RE receiverExpr(RType t) {
    List<RE> named = recordsOf(t, false);
    if (named.isEmpty() || (newable(t, false) && r.nextInt(6) == 0)) {
      return newRecord(t, 1, false);
    }
    // elements of arrays of records and the receiver (this, this.q()) often, which would be rare
    List<RE> preferred = named.stream()
        .filter(e -> e instanceof RAt || e instanceof RName n && isReceiver(n.text())).toList();
    RE e = !preferred.isEmpty() && r.nextBoolean() ? preferred.get(r.nextInt(preferred.size())) : named.get(r.nextInt(named.size()));
    return e instanceof RAt a ? new RAt(a.array(), expressions.index(a.array())) : e;
  }

  /** The receiver of the program being generated and the records nested in it of type t: {@code this}, {@code this.q()}. */
  List<RE> receivers(RType t) {
    return recordsOf(t, false).stream().filter(e -> e instanceof RName n && isReceiver(n.text())).toList();
  }

  private static boolean isReceiver(String text) {
    return text.equals(Program.RECEIVER) || text.startsWith(Program.RECEIVER + ".");
  }

  /**
   * A record statement: a record local ({@code Rec0 q = p;}, {@code var q = c ? a : b;}, {@code Rec0 q =
   * new Rec0(…);}) or a record local assigned again ({@code q = new Rec0(…);}); null when none fits.
   */
  S recordStatement() {
    int roll = r.nextInt(10);
    if (roll < 3 && state.has('R', true) && enabled(RecordConstruct.REASSIGN)) {
      String target = state.pick('R', true);
      RType t = state.recordOf.get(target);
      Ast.RCall call = r.nextInt(4) == 0 ? calls.recordCall(t) : null;
      if (call != null) {
        return new AssignR(target, call);
      }
      return new AssignR(target, r.nextInt(3) > 0 && newable(t, false) ? newRecord(t, 2, false) : recordExpr(t, 1, false));
    }
    if (roll >= 7) {
      // the result of a program returning a record, kept in a local
      String name = state.fresh();
      state.pending = name;
      Ast.RCall call = calls.recordCall(null);
      state.pending = null;
      if (call != null) {
        RType t = call.call().callee().returns;
        state.env.add(new VarInfo(name, 'R', true));
        state.recordOf.put(name, t);
        return new DeclR(name, t, r.nextInt(3) == 0, call);
      }
    }
    List<RType> known = knownTypes();
    RType t = known.get(r.nextInt(known.size()));
    if (!canMake(t, false)) {
      return null;
    }
    String name = state.fresh();
    state.pending = name; // in scope in its initializer: a K0 there must be qualified
    RE init;
    if (roll < 6 && enabled(RecordConstruct.ALIAS_LOCAL) && !recordsOf(t, false).isEmpty()) {
      init = recordExpr(t, 0, false);
    } else if (roll < 8 && !t.hasArrays() && enabled(RecordConstruct.CONDITIONAL_LOCAL)) {
      // (of records holding arrays, E285)
      init = new RCond(expressions.cond(1), recordExpr(t, 1, false), recordExpr(t, 1, false));
    } else if (newable(t, false)) {
      init = newRecord(t, 2, false);
    } else {
      init = recordExpr(t, 1, false);
    }
    state.pending = null;
    // a record holding arrays is not assigned again (E285)
    state.env.add(new VarInfo(name, 'R', !t.hasArrays()));
    state.recordOf.put(name, t);
    return new DeclR(name, t, r.nextInt(3) == 0, init);
  }
}
