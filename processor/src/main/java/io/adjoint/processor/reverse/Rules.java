package io.adjoint.processor.reverse;

import io.adjoint.processor.Message;
import io.adjoint.processor.ir.Callee;
import io.adjoint.processor.ir.GenerationError;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.rules.JavaExprs;
import io.adjoint.processor.rules.Partials;
import io.adjoint.processor.rules.Partials.Partial;
import io.adjoint.processor.ssa.Differentiation;
import io.adjoint.processor.ssa.Node;
import io.adjoint.processor.ssa.SsaValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The derivative rules of SSA nodes: for an active node, the local partial derivative with respect to
 * each active operand, written in terms of the operands' values and the node's own value. The reverse
 * sweep multiplies each by the node's adjoint. Operators and {@code Math} functions take the rules every
 * transformation shares ({@link Partials}); calls to other gradients and to user rules are reverse mode's
 * own.
 */
final class Rules {
  private Rules() {}

  /** Where a rule reads values: the operands' and the node's own. */
  interface Values {
    /** Operand {@code index} as a factor of a derivative: a double, an int operand widened. */
    Java.Expr operand(int index);

    /** Operand {@code index} as it is, of its own type: an argument of a user's rule. */
    default Java.Expr argument(int index) {
      return operand(index);
    }

    Java.Expr self();

    /** The generated name of the record a call to another gradient returned. */
    String name(SsaValue record);
  }

  /** The operands of a node that take part in differentiation, in order. */
  static List<Node> operands(Node node) {
    return Node.operands(node);
  }

  /** What building the SSA program asks of reverse mode's rules (see {@link Differentiation}). */
  static final Differentiation DIFFERENTIATION = new Differentiation() {
    @Override
    public Differentiation.Reads reads(Node node) {
      boolean[] self = new boolean[1];
      boolean[] wanted = new boolean[operands(node).size()];
      partials(
          node,
          new Values() {
            @Override
            public Java.Expr operand(int index) {
              wanted[index] = true;
              return JavaExprs.name("_");
            }

            @Override
            public Java.Expr self() {
              self[0] = true;
              return JavaExprs.name("_");
            }

            @Override
            public String name(SsaValue record) {
              return "_";
            }
          });
      return new Differentiation.Reads(wanted, self[0]);
    }

    @Override
    public GenerationError inactiveParameter(Object origin, int index, Callee callee) {
      String name = callee.parameterNames().get(index);
      return new GenerationError(
          origin, Message.INACTIVE_PARAMETER.format(index + 1, callee.displayName(), name, name));
    }
  };

  /** The partials of an active node with respect to its active operands. */
  static List<Partial> partials(Node node, Values v) {
    List<Node> ops = operands(node);
    List<Partial> out = new ArrayList<>();
    if (node instanceof Node.Unary u) {
      switch (u.op()) {
        case NEG -> out.add(new Partial(0, JavaExprs.lit("-1.0")));
        case PLUS -> out.add(new Partial(0, JavaExprs.ONE));
        default -> throw new IllegalStateException("inactive operator " + u.op());
      }
    } else if (node instanceof Node.Cast) {
      out.add(new Partial(0, JavaExprs.ONE));
    } else if (node instanceof Node.Binary b) {
      out.addAll(Partials.binary(b.op(), operands(ops, v)));
    } else if (node instanceof Node.MathCall m) {
      out.addAll(Partials.math(m.function(), operands(ops, v)));
    } else if (node instanceof Node.CallValue c) {
      List<String> accessors = c.record().callee.accessors();
      for (int i = 0; i < accessors.size(); i++) {
        if (accessors.get(i) != null) {
          out.add(
              new Partial(i, new Java.Call(null, JavaExprs.name(v.name(c.record())), accessors.get(i), List.of())));
        }
      }
    } else if (node instanceof Node.CustomCall c) {
      // the user's rules, called with the function's arguments
      List<Java.Expr> args = new ArrayList<>();
      for (int i = 0; i < ops.size(); i++) {
        args.add(v.argument(i));
      }
      for (int i = 0; i < ops.size(); i++) {
        String d = c.rule().derivatives().get(i);
        if (d != null) {
          out.add(new Partial(i, new Java.Call(c.rule().derivativeOwners().get(i), null, d, args)));
        }
      }
    } else {
      throw new IllegalStateException("no derivative rule for " + node);
    }
    out.removeIf(p -> !ops.get(p.operand()).active());
    return out;
  }


  /** The operands of a node as the shared rules see them. */
  private static Partials.Operands operands(List<Node> ops, Values v) {
    return new Partials.Operands() {
      @Override
      public Java.Expr operand(int index) {
        return v.operand(index);
      }

      @Override
      public Java.Expr argument(int index) {
        return v.argument(index);
      }

      @Override
      public Java.Expr self() {
        return v.self();
      }

      @Override
      public boolean active(int index) {
        return ops.get(index).active();
      }

      @Override
      public double literal(int index) {
        return ops.get(index) instanceof Node.Literal l ? JavaExprs.numeric(JavaExprs.lit(l.text())) : Double.NaN;
      }

      @Override
      public boolean sameLeaf() {
        return ops.size() == 2 && ops.get(0).isLeaf() && ops.get(0).equals(ops.get(1));
      }
    };
  }
}
