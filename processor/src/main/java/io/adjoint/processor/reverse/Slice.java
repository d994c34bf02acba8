package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.Java;
import io.adjoint.processor.reverse.Linearity.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The statements of a region that some additions need ({@link SummedAdjoints}): the additions, every
 * definition of a region local they read (and, again, what those read), and the ifs and loops around
 * them, with the names their conditions and bounds read. Also the region without the additions and
 * with what only they needed removed.
 */
final class Slice {
  private final Set<Java.Stmt> statements = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<String> needed = new HashSet<>();

  private Slice() {}

  /** The slice of {@code region} for {@code additions}, where {@code locals} are the region's locals; or null. */
  static Slice of(List<Java.Stmt> region, Set<Java.Stmt> additions, Set<String> locals) {
    Slice slice = new Slice();
    for (Java.Stmt s : additions) {
      slice.statements.add(s);
      Aliases.expressions(s).forEach(e -> UnreadStores.names(e, slice.needed));
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Java.Stmt s : region) {
        changed |= slice.grow(s, locals);
      }
    }
    for (Java.Stmt s : slice.statements) {
      if (!(s instanceof Java.Declare d && d.init() == null)
          && Aliases.expressions(s).stream().anyMatch(e -> !ReverseCode.changesNothing(e))) {
        return null; // would run twice, or its effect be moved
      }
    }
    return slice;
  }

  /** Adds to the slice what in {@code s} it needs; whether anything was added. */
  private boolean grow(Java.Stmt s, Set<String> locals) {
    boolean changed = false;
    for (List<Java.Stmt> block : Java.blocks(s)) {
      for (Java.Stmt inner : block) {
        changed |= grow(inner, locals);
      }
    }
    if (statements.contains(s)) {
      return changed;
    }
    String defines = defined(s);
    boolean add = defines != null && locals.contains(defines) && needed.contains(defines)
        || Java.blocks(s).stream().flatMap(List::stream).anyMatch(statements::contains);
    if (add) {
      statements.add(s);
      Aliases.expressions(s).forEach(e -> UnreadStores.names(e, needed));
      changed = true;
    }
    return changed;
  }

  /** The name a declaration or an assignment to a name defines, else null. */
  private static String defined(Java.Stmt s) {
    if (s instanceof Java.Declare d) {
      return d.name();
    } else if (s instanceof Java.Assign a && a.target() instanceof Java.Name n) {
      return n.name();
    }
    return null;
  }

  /** The names the slice reads. */
  Set<String> needed() {
    return Collections.unmodifiableSet(needed);
  }

  /** Whether a name the slice needs is of {@link Kind#OTHER}, which no sound slice can read. */
  boolean neededKinds(Linearity linearity) {
    return needed.stream().anyMatch(name -> linearity.kind(new Java.Name(name)) == Kind.OTHER);
  }

  /** Which of {@code seeds} the slice reads. */
  Set<String> seedsRead(Set<String> seeds) {
    Set<String> read = new HashSet<>();
    for (Java.Stmt s : statements) {
      Aliases.expressions(s).forEach(e -> UnreadStores.names(e, read));
    }
    read.retainAll(seeds);
    return read;
  }

  /**
   * Whether a statement of the slice outside {@code target} reads a seed: there a seed may hold another
   * value than the one T reads, which is the one summed.
   */
  boolean readsSeedOutside(Java.Stmt target, Set<String> seeds) {
    Set<Java.Stmt> inTarget = Collections.newSetFromMap(new IdentityHashMap<>());
    within(target, inTarget);
    for (Java.Stmt s : statements) {
      if (!inTarget.contains(s)) {
        Set<String> read = new HashSet<>();
        Aliases.expressions(s).forEach(e -> UnreadStores.names(e, read));
        if (read.stream().anyMatch(seeds::contains)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void within(Java.Stmt s, Set<Java.Stmt> out) {
    out.add(s);
    Java.blocks(s).forEach(block -> block.forEach(inner -> within(inner, out)));
  }

  /**
   * Whether the slice reads a seed inside two nested loops of {@code target} ({@code target} the first
   * when it is a loop): a matrix applied in each iteration, where summing first saves work.
   */
  boolean readsSeedTwoLoopsDeep(Java.Stmt target, Set<String> seeds) {
    return deep(target, 0, seeds);
  }

  private boolean deep(Java.Stmt s, int loops, Set<String> seeds) {
    if (statements.contains(s) && loops >= 2) {
      Set<String> read = new HashSet<>();
      Aliases.expressions(s).forEach(e -> UnreadStores.names(e, read));
      if (read.stream().anyMatch(seeds::contains)) {
        return true;
      }
    }
    int inside = loops + (s instanceof Java.While || s instanceof Java.CountDown || s instanceof Java.CountUp ? 1 : 0);
    return Java.blocks(s).stream().flatMap(List::stream).anyMatch(inner -> deep(inner, inside, seeds));
  }

  /**
   * {@code region} with only the slice's statements (and the comments right before them), every
   * expression through {@code read} and then every statement, nested ones too, through {@code each}.
   */
  List<Java.Stmt> replay(List<Java.Stmt> region, UnaryOperator<Java.Stmt> each, UnaryOperator<Java.Expr> read) {
    List<Java.Stmt> out = new ArrayList<>();
    for (Java.Stmt s : filter(region)) {
      out.add(everywhere(Java.mapExpressions(s, read), each));
    }
    return out;
  }

  private static Java.Stmt everywhere(Java.Stmt s, UnaryOperator<Java.Stmt> each) {
    return each.apply(Java.mapBlocks(s, block -> block.stream().map(inner -> everywhere(inner, each)).toList()));
  }

  /** How many statements of {@code block} run inside two loops of it, or more: a measure of per-iteration work. */
  static int deep(List<Java.Stmt> block) {
    return deep(block, 0);
  }

  private static int deep(List<Java.Stmt> block, int loops) {
    int count = 0;
    for (Java.Stmt s : block) {
      boolean loop = s instanceof Java.While || s instanceof Java.CountDown || s instanceof Java.CountUp;
      if (Java.blocks(s).isEmpty() && !(s instanceof Java.Comment) && loops >= 2) {
        count++;
      }
      for (List<Java.Stmt> inner : Java.blocks(s)) {
        count += deep(inner, loops + (loop ? 1 : 0));
      }
    }
    return count;
  }

  private List<Java.Stmt> filter(List<Java.Stmt> block) {
    List<Java.Stmt> out = new ArrayList<>();
    for (int i = 0; i < block.size(); i++) {
      Java.Stmt s = block.get(i);
      if (s instanceof Java.Comment) {
        if (i + 1 < block.size() && statements.contains(block.get(i + 1))) {
          out.add(s);
        }
      } else if (statements.contains(s)) {
        out.add(Java.mapBlocks(s, this::filter));
      }
    }
    return out;
  }

  /**
   * {@code region} without {@code additions}, and without the definitions of the names it declares
   * ({@code declared}, whose scope ends in it) that nothing else reads any more, the ifs and loops left
   * empty, and the comments left before nothing.
   */
  static List<Java.Stmt> without(List<Java.Stmt> region, Set<Java.Stmt> additions, Set<String> declared) {
    List<Java.Stmt> out = remove(region, s -> additions.contains(s));
    while (true) {
      Map<String, Integer> reads = new HashMap<>();
      out.forEach(s -> reads(s, reads));
      List<Java.Stmt> next = remove(out, s -> {
        String name = defined(s);
        boolean unread = name != null && declared.contains(name) && reads.getOrDefault(name, 0) == 0;
        return unread && Aliases.expressions(s).stream().allMatch(ReverseCode::changesNothing);
      });
      if (next.equals(out)) {
        return out;
      }
      out = next;
    }
  }

  /** Counts the names each statement reads, a definition's own name not counted as its reader. */
  private static void reads(Java.Stmt s, Map<String, Integer> out) {
    String name = defined(s);
    Set<String> read = new HashSet<>();
    Aliases.expressions(s).forEach(e -> UnreadStores.names(e, read));
    for (String r : read) {
      if (!r.equals(name)) {
        out.merge(r, 1, Integer::sum);
      }
    }
    for (List<Java.Stmt> block : Java.blocks(s)) {
      block.forEach(inner -> reads(inner, out));
    }
  }

  /** {@code block} without the statements {@code gone} takes, the ifs and loops left empty, and dangling comments. */
  private static List<Java.Stmt> remove(List<Java.Stmt> block, java.util.function.Predicate<Java.Stmt> gone) {
    Java.Stmt[] kept = new Java.Stmt[block.size()];
    for (int i = block.size() - 1; i >= 0; i--) {
      Java.Stmt s = block.get(i);
      if (s instanceof Java.Comment) {
        // a comment introduces the statement after it: it goes where that went
        kept[i] = i + 1 < block.size() && kept[i + 1] != null ? s : null;
      } else if (!gone.test(s)) {
        Java.Stmt left = Java.mapBlocks(s, inner -> remove(inner, gone));
        boolean emptied = !Java.blocks(s).isEmpty() && Java.blocks(left).stream().allMatch(List::isEmpty)
            && Aliases.expressions(left).stream().allMatch(ReverseCode::changesNothing);
        kept[i] = emptied ? null : left;
      }
    }
    List<Java.Stmt> out = new ArrayList<>();
    for (Java.Stmt s : kept) {
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }
}
