package io.adjoint.processor.lower;

import io.adjoint.processor.ir.Expr;
import io.adjoint.processor.ir.Stmt;
import io.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code return} inside loops, rewritten into what the later stages know: the value goes into a local,
 * a flag says the method has returned, and a {@code break} leaves the loop; after each loop that may have
 * returned, {@code if (returned) break;} leaves the loop around it, and after the outermost one {@code
 * if (returned) return result;} returns (or {@code return result;} alone when that loop can end no other
 * way: {@code while (true)} without a break of its own). The normalizer then removes the breaks as it
 * does every other one.
 */
final class LoopReturns {
  private final UnaryOperator<String> unique;
  private String flag;
  private String result;

  /** {@code unique}: a fresh IR name from a hint. */
  private LoopReturns(UnaryOperator<String> unique) {
    this.unique = unique;
  }

  static List<Stmt> rewrite(List<Stmt> body, UnaryOperator<String> unique) {
    return new LoopReturns(unique).outside(body);
  }

  /** Statements outside every loop: each loop with a return inside gets its flag and result. */
  private List<Stmt> outside(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), outside(f.then()), outside(f.otherwise()), f.line(), f.source()));
      } else if (s instanceof Stmt.Loop l && returns(l.body())) {
        flag = unique.apply("returned");
        result = unique.apply("result");
        out.add(new Stmt.Declare(flag, Type.BOOLEAN, new Expr.Literal(Type.BOOLEAN, "false"), l.line(), null));
        out.add(new Stmt.Declare(result, Type.DOUBLE, new Expr.Literal(Type.DOUBLE, "0.0"), l.line(), null));
        out.add(loop(l));
        Stmt.Return done = new Stmt.Return(new Expr.Local(Type.DOUBLE, result), l.line(), "return " + result);
        boolean forever = l.condition() instanceof Expr.Literal c && c.text().equals("true") && !breaks(l.body());
        out.add(forever ? done : new Stmt.If(new Expr.Local(Type.BOOLEAN, flag), List.of(done), List.of(), l.line(), null));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private Stmt loop(Stmt.Loop l) {
    return new Stmt.Loop(l.condition(), inside(l.body()), l.testAfter(), l.line(), l.source());
  }

  /** Statements inside a loop: a return sets the result and the flag, and breaks. */
  private List<Stmt> inside(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return r) {
        out.add(new Stmt.Assign(result, r.value(), r.line(), r.source()));
        out.add(new Stmt.Assign(flag, new Expr.Literal(Type.BOOLEAN, "true"), r.line(), null));
        out.add(new Stmt.Break(r.line(), "break"));
        return out; // anything after is unreachable
      } else if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), inside(f.then()), inside(f.otherwise()), f.line(), f.source()));
      } else if (s instanceof Stmt.Loop l && returns(l.body())) {
        out.add(loop(l));
        out.add(new Stmt.If(new Expr.Local(Type.BOOLEAN, flag), List.of(new Stmt.Break(l.line(), "break")), List.of(), l.line(), null));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** Whether {@code stmts} hold a return, at any depth. */
  private static boolean returns(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return
          || s instanceof Stmt.If f && (returns(f.then()) || returns(f.otherwise()))
          || s instanceof Stmt.Loop l && returns(l.body())) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code stmts} hold a break of the loop they are the body of (not of a loop inside). */
  private static boolean breaks(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Break || s instanceof Stmt.If f && (breaks(f.then()) || breaks(f.otherwise()))) {
        return true;
      }
    }
    return false;
  }
}
