package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.ssa.Node;
import io.adjoint.processor.ssa.SsaStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java of an SSA expression, as the forward sweep computes it. How a value is read is the emitter's
 * to say (in reverse code it may be a literal, or computed again); the rest is the same everywhere.
 */
final class ForwardJava {
  private ForwardJava() {}

  /** How the emitter reads values. */
  interface Reads {
    Java.Expr read(Node.Ref ref);

    /** The value of a call to another gradient, from its record. */
    Java.Expr readCallValue(Node.CallValue call);
  }

  /** The Java of {@code n}; {@code receiver} names the receiver parameter, for fields of an instance. */
  static Java.Expr of(Node n, String receiver, Reads reads) {
    if (n instanceof Node.Ref r) {
      return reads.read(r);
    }
    if (n instanceof Node.CallValue c) {
      return reads.readCallValue(c);
    }
    if (n instanceof Node.Literal l) {
      return JavaExprs.lit(l.text());
    }
    if (n instanceof Node.FieldRead f) {
      return new Java.FieldRead(f.owner(), f.owner() == null ? JavaExprs.name(receiver) : null, f.name());
    }
    if (n instanceof Node.Unary u) {
      return new Java.Unary(u.op().symbol(), of(u.operand(), receiver, reads));
    }
    if (n instanceof Node.Binary b) {
      return JavaExprs.bin(b.op(), of(b.left(), receiver, reads), of(b.right(), receiver, reads));
    }
    if (n instanceof Node.Conditional c) {
      return JavaExprs.cond(
          of(c.condition(), receiver, reads), of(c.ifTrue(), receiver, reads), of(c.ifFalse(), receiver, reads));
    }
    if (n instanceof Node.Cast c) {
      return new Java.Cast(c.type(), of(c.operand(), receiver, reads));
    }
    if (n instanceof Node.MathCall m) {
      return new Java.Call(
          m.strict() ? ClassRef.STRICT_MATH : ClassRef.MATH, null, m.function().javaName(), all(m.args(), receiver, reads));
    }
    if (n instanceof Node.ArrayRead a) {
      return new Java.ArrayRead(of(a.array(), receiver, reads), of(a.index(), receiver, reads));
    }
    if (n instanceof Node.CustomCall c) {
      return new Java.Call(c.rule().owner(), null, c.rule().method(), all(c.args(), receiver, reads));
    }
    if (n instanceof Node.Length l) {
      return new Java.FieldRead(null, of(l.array(), receiver, reads), "length");
    }
    if (n instanceof Node.NewArray a) {
      return new Java.NewArray(all(a.dimensions(), receiver, reads), all(a.elements(), receiver, reads));
    }
    throw new IllegalStateException("unknown node " + n);
  }

  /** {@code Gradients.callee(args)}: the call that gives the value and partials of a differentiable call. */
  static Java.Expr call(SsaStatement.Call c, String receiver, Reads reads) {
    List<Java.Expr> args = new ArrayList<>();
    if (c.record().callee.instance()) {
      args.add(JavaExprs.name(receiver));
    }
    args.addAll(all(c.args(), receiver, reads));
    return new Java.Call(c.record().callee.gradients(), null, c.record().callee.method(), args);
  }

  private static List<Java.Expr> all(List<Node> nodes, String receiver, Reads reads) {
    List<Java.Expr> out = new ArrayList<>();
    for (Node n : nodes) {
      out.add(of(n, receiver, reads));
    }
    return out;
  }
}
