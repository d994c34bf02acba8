package io.adjoint.processor.reverse;

import io.adjoint.processor.reverse.ReverseCode.P;
import io.adjoint.processor.ssa.Node;
import io.adjoint.processor.ssa.Scope;
import io.adjoint.processor.ssa.SsaValue;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one emission of reverse code has decided about the SSA program it writes, kept beside the program
 * (which never changes), keyed by its values and scopes: so the forms of one method share one program.
 */
final class Emission {
  private final Map<SsaValue, Value> values = new IdentityHashMap<>();
  private final Map<Scope, List<P>> reverseBlocks = new IdentityHashMap<>();
  private final Map<SsaValue, Node> tripCounts = new IdentityHashMap<>();
  private final Map<SsaValue, Node> rereads = new IdentityHashMap<>();

  /** What the emission has decided about one value. */
  static final class Value {
    /** Its name in generated code, once it has one. */
    String name;
    /** The name of its adjoint, once something flows into it. */
    String bar;
    /** Declared before the ifs that define it, since reverse code after them reads it. */
    boolean hoisted;
    boolean declared;
    /** Whether reverse code reads the value: then it must be visible there. */
    boolean needed;
    /** A loop counter whose value the reverse sweep computes from the iteration number. */
    boolean recounted;
    /** Whether reverse code outside its loop's body reads this header. */
    boolean readOutside;
    /** The reverse block {@link SsaValue#remat} was last computed into, so that it is computed there once. */
    List<P> rematerialized;
  }

  /** What the emission has decided about {@code v}. */
  Value of(SsaValue v) {
    return values.computeIfAbsent(v, k -> new Value());
  }

  /** The block the reverse code of {@code scope} is being written to. */
  List<P> reverse(Scope scope) {
    return reverseBlocks.get(scope);
  }

  void reverse(Scope scope, List<P> block) {
    reverseBlocks.put(scope, block);
  }

  /** Has the reverse sweep compute loop count {@code count} from the loop's bounds, {@code tripCount}. */
  void tripCount(SsaValue count, Node tripCount) {
    tripCounts.put(count, tripCount);
  }

  /** The trip count of loop count {@code count}, or null. */
  Node tripCountOf(SsaValue count) {
    return tripCounts.get(count);
  }

  /** Has the reverse sweep read these array entries again (see {@link Rereads}) instead of keeping them. */
  void reread(Map<SsaValue, Node> entries) {
    rereads.putAll(entries);
  }

  /**
   * An expression that gives {@code v} again: a loop count's trip count, an entry of an array that has
   * not changed, or the program's.
   */
  Node remat(SsaValue v) {
    Node trip = tripCounts.get(v);
    if (trip != null) {
      return trip;
    }
    Node entry = rereads.get(v);
    return entry != null ? entry : v.remat();
  }
}
