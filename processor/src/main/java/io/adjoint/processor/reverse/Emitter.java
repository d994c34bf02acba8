package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Java.JType;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the forward sweep and the reverse sweep of an SSA body as Java statements.
 *
 * <p>A path (the body, or a branch of an if that ends the method) is written as its forward statements,
 * then its end (a return, whose adjoint is seeded at once, or an if whose branches are paths of their
 * own), then the reverse of its statements in reverse order. An if that falls through is written twice:
 * forward, and in the reverse sweep as an if on the same condition holding the reverse of each branch.
 * Values read by reverse code from inside such an if are declared before it.
 */
final class Emitter {
  /** Statements before their declarations are settled (see {@link #settle}). */
  sealed interface P {}

  record Done(Java.Stmt stmt) implements P {}

  /** {@code [type] name = expr}: a declaration, unless the value was declared earlier. */
  record Define(Val val, Java.Expr expr) implements P {}

  /** {@code type name;} before an if that assigns it on every path. */
  record DeclareBefore(Val val) implements P {}

  /** Declarations of values defined inside the ifs that follow and read by reverse code. */
  record Hoist(List<Val> vals) implements P {}

  record PIf(Java.Expr condition, List<P> then, List<P> otherwise) implements P {}

  private final Ssa ssa;
  private final Names names;
  private final Java.Expr seed;
  private final String receiver;
  private boolean reversing;
  private Scope current;
  private List<P> out;
  private List<Val> hoist;
  private boolean resultDeclared;

  Emitter(Ssa ssa, Names names, Java.Expr seed, String receiver) {
    this.ssa = ssa;
    this.names = names;
    this.seed = seed;
    this.receiver = receiver;
  }

  /** The statements of the whole body. */
  List<Java.Stmt> emit() {
    List<P> top = new ArrayList<>();
    path(ssa.body, ssa.top, top);
    return settle(top);
  }

  String name(Val v) {
    Val r = v.resolve();
    if (r.name == null) {
      boolean own = r.callee == null && !r.base.equals("t") && !r.base.equals("branch");
      r.name = names.allocate(r.base, own && r != ssa.result);
    }
    return r.name;
  }

  /** The adjoint of a value, or null when nothing flowed into it. */
  Java.Expr adjoint(Val v) {
    Val r = v.resolve();
    return r.bar == null ? null : J.name(r.bar);
  }

  private void path(List<F> code, Scope scope, List<P> block) {
    scope.reverse = block;
    F last = code.get(code.size() - 1);
    List<F> body = code.subList(0, code.size() - 1);
    for (F f : body) {
      forward(f, block);
    }
    if (last instanceof F.Group g && g.isReturn()) {
      forward(g, block);
      reverse(g, block, scope);
    } else if (last instanceof F.If i && i.tail()) {
      if (!resultDeclared) {
        block.add(new DeclareBefore(ssa.result));
        resultDeclared = true;
      }
      List<P> then = new ArrayList<>();
      List<P> otherwise = new ArrayList<>();
      Java.Expr condition = forwardExpr(i.condition());
      path(i.then(), i.thenScope(), then);
      path(i.otherwise(), i.elseScope(), otherwise);
      comment(block, i.line(), i.source(), false);
      block.add(new PIf(condition, then, otherwise));
    } else {
      throw new IllegalStateException("a path does not end in a return");
    }
    for (int k = body.size() - 1; k >= 0; k--) {
      reverse(body.get(k), block, scope);
    }
  }

  private void forward(F f, List<P> block) {
    if (f instanceof F.Group g) {
      comment(block, g.line(), g.source(), false);
      for (F part : g.parts()) {
        if (part instanceof F.Def d) {
          define(d.target(), forwardExpr(d.expr()), block);
        } else if (part instanceof F.Call c) {
          define(c.record(), call(c), block);
        }
      }
    } else if (f instanceof F.If i) {
      boolean outermost = hoist == null;
      if (outermost) {
        hoist = new ArrayList<>();
        block.add(new Hoist(hoist));
      }
      for (Val phi : i.phis()) {
        if (!outermost) {
          hoist.add(phi);
        }
        block.add(new DeclareBefore(phi));
      }
      comment(block, i.line(), i.source(), false);
      List<P> then = new ArrayList<>();
      List<P> otherwise = new ArrayList<>();
      for (F g : i.then()) {
        forward(g, then);
      }
      for (F g : i.otherwise()) {
        forward(g, otherwise);
      }
      block.add(new PIf(forwardExpr(i.condition()), then, otherwise));
      if (outermost) {
        hoist = null;
      }
    }
  }

  private void define(Val v, Java.Expr expr, List<P> block) {
    if (hoist != null) {
      hoist.add(v);
    }
    name(v);
    block.add(new Define(v, expr));
  }

  private void reverse(F f, List<P> block, Scope scope) {
    Scope savedScope = current;
    List<P> savedOut = out;
    boolean savedReversing = reversing;
    current = scope;
    out = block;
    reversing = true;
    try {
      if (f instanceof F.Group g) {
        int mark = block.size();
        for (int k = g.parts().size() - 1; k >= 0; k--) {
          if (g.parts().get(k) instanceof F.Def d) {
            Val target = d.target().resolve();
            Java.Expr bar = target == ssa.result ? seed : adjoint(target);
            if (target.active && bar != null) {
              propagate(d.expr(), bar, target);
            }
          }
        }
        if (block.size() > mark && g.source() != null) {
          block.add(mark, new Done(new Java.Comment(commentText(g.line(), g.source(), true))));
        }
      } else if (f instanceof F.If i) {
        List<P> then = reverseBranch(i.then(), i.thenScope());
        List<P> otherwise = reverseBranch(i.otherwise(), i.elseScope());
        current = scope;
        out = block;
        if (!then.isEmpty() || !otherwise.isEmpty()) {
          comment(block, i.line(), i.source(), true);
          Java.Expr condition = forwardExpr(i.condition());
          if (then.isEmpty()) {
            block.add(new PIf(new Java.Unary("!", condition), otherwise, List.of()));
          } else {
            block.add(new PIf(condition, then, otherwise));
          }
        }
      }
    } finally {
      current = savedScope;
      out = savedOut;
      reversing = savedReversing;
    }
  }

  private List<P> reverseBranch(List<F> code, Scope scope) {
    List<P> block = new ArrayList<>();
    scope.reverse = block;
    for (int k = code.size() - 1; k >= 0; k--) {
      reverse(code.get(k), block, scope);
    }
    return block;
  }

  /** Sends {@code bar}, the adjoint of {@code node}, to the values it was computed from. */
  private void propagate(Node node, Java.Expr bar, Val self) {
    if (!node.active()) {
      return;
    }
    if (node instanceof Node.Ref r) {
      accumulate(r.val(), bar);
      return;
    }
    if (node instanceof Node.CallValue c) {
      c.record().needed = true;
    }
    List<Node> operands = Rules.operands(node);
    List<Rules.Partial> partials =
        Rules.partials(
            node,
            new Rules.Values() {
              @Override
              public Java.Expr operand(int index) {
                return value(operands.get(index));
              }

              @Override
              public Java.Expr self() {
                return self != null ? value(new Node.Ref(self)) : forwardExpr(node);
              }
            });
    if (partials.size() > 1 && !J.isSimple(bar)) {
      String tmp =
          names.allocate(node instanceof Node.CallValue c ? name(c.record()) + "Bar" : "tBar", false);
      out.add(new Done(new Java.Declare(JType.of(Type.DOUBLE), tmp, bar)));
      bar = J.name(tmp);
    }
    for (Rules.Partial p : partials) {
      propagate(operands.get(p.operand()), J.mul(bar, p.derivative()), null);
    }
  }

  private void accumulate(Val v, Java.Expr contribution) {
    Val r = v.resolve();
    if (!r.active) {
      return;
    }
    if (r.bar == null) {
      r.bar = names.allocate(name(r) + "Bar", false);
      if (r.scope == current) {
        out.add(new Done(new Java.Declare(JType.of(Type.DOUBLE), r.bar, contribution)));
        return;
      }
      if (!current.within(r.scope)) {
        throw new IllegalStateException("adjoint of " + r + " used outside its scope");
      }
      r.scope.reverse.add(new Done(new Java.Declare(JType.of(Type.DOUBLE), r.bar, J.ZERO)));
    }
    if (contribution instanceof Java.Unary u && u.op().equals("-")) {
      out.add(new Done(new Java.Assign(J.name(r.bar), "-=", u.operand())));
    } else {
      out.add(new Done(new Java.Assign(J.name(r.bar), "+=", contribution)));
    }
  }

  /** The value of an operand, read by a derivative rule. */
  private Java.Expr value(Node n) {
    return forwardExpr(n);
  }

  Java.Expr forwardExpr(Node n) {
    if (n instanceof Node.Ref r) {
      if (reversing) {
        r.val().resolve().needed = true;
      }
      return J.name(name(r.val()));
    }
    if (n instanceof Node.Lit l) {
      return J.lit(l.text());
    }
    if (n instanceof Node.Fld f) {
      return new Java.FieldRead(f.owner(), f.owner() == null ? J.name(receiver) : null, f.name());
    }
    if (n instanceof Node.Un u) {
      return new Java.Unary(u.op().symbol(), forwardExpr(u.operand()));
    }
    if (n instanceof Node.Bin b) {
      return J.bin(b.op(), forwardExpr(b.left()), forwardExpr(b.right()));
    }
    if (n instanceof Node.Cond c) {
      return J.cond(forwardExpr(c.condition()), forwardExpr(c.ifTrue()), forwardExpr(c.ifFalse()));
    }
    if (n instanceof Node.Cst c) {
      return new Java.Cast(c.type(), forwardExpr(c.operand()));
    }
    if (n instanceof Node.MCall m) {
      List<Java.Expr> args = new ArrayList<>();
      for (Node a : m.args()) {
        args.add(forwardExpr(a));
      }
      return new Java.Call(
          m.strict() ? ClassRef.STRICT_MATH : ClassRef.MATH, null, m.function().javaName(), args);
    }
    if (n instanceof Node.CallValue c) {
      if (reversing) {
        c.record().needed = true;
      }
      return new Java.Call(null, J.name(name(c.record())), "value", List.of());
    }
    throw new IllegalStateException("unknown node " + n);
  }

  private Java.Expr call(F.Call c) {
    List<Java.Expr> args = new ArrayList<>();
    if (c.record().callee.instance()) {
      args.add(J.name(receiver));
    }
    for (Node a : c.args()) {
      args.add(forwardExpr(a));
    }
    return new Java.Call(c.record().callee.gradients(), null, c.record().callee.method(), args);
  }

  private void comment(List<P> block, int line, String source, boolean reverse) {
    if (source != null) {
      block.add(new Done(new Java.Comment(commentText(line, source, reverse))));
    }
  }

  private static String commentText(int line, String source, boolean reverse) {
    String text = source.replace("\\", "\\ ");
    return (reverse ? "adjoint of line " : "line ") + line + ": " + text;
  }

  /** Turns {@link P}s into statements, now that it is known which values reverse code reads. */
  private List<Java.Stmt> settle(List<P> block) {
    List<Java.Stmt> stmts = new ArrayList<>();
    for (P p : block) {
      if (p instanceof Done d) {
        stmts.add(d.stmt());
      } else if (p instanceof Hoist h) {
        for (Val v : h.vals()) {
          Val r = v.resolve();
          if (r == v && r.needed && !r.hoisted) {
            r.hoisted = true;
            stmts.add(new Java.Declare(type(r), name(r), defaultValue(r)));
          }
        }
      } else if (p instanceof DeclareBefore d) {
        Val r = d.val().resolve();
        if (!r.hoisted && !r.declared) {
          r.declared = true;
          stmts.add(new Java.Declare(type(r), name(r), null));
        }
      } else if (p instanceof Define d) {
        Val r = d.val().resolve();
        if (r.hoisted || r.declared) {
          stmts.add(new Java.Assign(J.name(name(r)), "=", d.expr()));
        } else {
          r.declared = true;
          stmts.add(new Java.Declare(type(r), name(r), d.expr()));
        }
      } else if (p instanceof PIf i) {
        stmts.add(new Java.If(i.condition(), settle(i.then()), settle(i.otherwise())));
      }
    }
    return stmts;
  }

  private static JType type(Val v) {
    return v.callee != null ? JType.of(v.callee.record()) : JType.of(v.type);
  }

  private static Java.Expr defaultValue(Val v) {
    if (v.callee != null) {
      return J.lit("null");
    }
    return switch (v.type) {
      case DOUBLE -> J.ZERO;
      case BOOLEAN -> J.lit("false");
      case LONG -> J.lit("0L");
      case INT -> J.lit("0");
    };
  }
}
