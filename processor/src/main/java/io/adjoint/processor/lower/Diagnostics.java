package io.adjoint.processor.lower;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import io.adjoint.processor.Message;
import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Type;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The problems of one method's lowering, and the source text and line of its trees. Every problem is
 * reported at its tree and lowering goes on; a type error that only follows from one already reported
 * inside the same tree is not reported again.
 */
final class Diagnostics {
  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final Lowerer.Reporter reporter;
  /** The source spans of the trees reported so far, as {start, end}. */
  private final List<long[]> reported = new ArrayList<>();
  private CharSequence content;
  private boolean failed;
  private int errors;

  Diagnostics(CompilationUnitTree unit, SourcePositions positions, Lowerer.Reporter reporter) {
    this.unit = unit;
    this.positions = positions;
    this.reporter = reporter;
  }

  void error(Tree tree, String message) {
    failed = true;
    errors++;
    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    if (message.startsWith(Message.OPERAND_TYPES.code())) {
      for (long[] span : reported) {
        if (start <= span[0] && span[1] <= end) {
          return; // a follow-on of an error inside this tree, whose type stands in for an unknown one
        }
      }
    }
    reported.add(new long[] {start, end});
    reporter.error(tree, message);
  }

  /** Reports {@code message} at {@code t}; the expression it returns stands in for the one not lowered. */
  Expr unsupported(Tree t, String message) {
    error(t, message);
    return placeholder();
  }

  /** What a lowered expression is when its problems were reported: a {@code double} zero. */
  static Expr placeholder() {
    return new Expr.Literal(Type.DOUBLE, "0.0");
  }

  /** Whether any problem was reported. */
  boolean failed() {
    return failed;
  }

  /** How many problems were reported so far: compare two counts to see if lowering a tree reported any. */
  int errors() {
    return errors;
  }

  int line(Tree t) {
    long pos = positions.getStartPosition(unit, t);
    return pos < 0 ? 0 : (int) unit.getLineMap().getLineNumber(pos);
  }

  String source(Tree t) {
    try {
      if (content == null) {
        content = unit.getSourceFile().getCharContent(true);
      }
      long start = positions.getStartPosition(unit, t);
      long end = positions.getEndPosition(unit, t);
      if (start >= 0 && end > start && end <= content.length()) {
        return content.subSequence((int) start, (int) end).toString().replaceAll("\\s+", " ").trim();
      }
    } catch (IOException | UnsupportedOperationException e) {
      // fall back to javac's rendering of the tree
    }
    return t.toString().replaceAll("\\s+", " ").trim();
  }

  /** A tree's kind as words, for a message: {@code "labeled statement"}. */
  static String kindName(Tree t) {
    return t.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
