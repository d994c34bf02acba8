package io.adjoint.processor.reverse;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import java.util.List;

/** Builders of Java model expressions for the tables of bodies in and out of the passes' tests. */
final class Trees {
  private Trees() {}

  static Java.Expr name(String n) {
    return new Java.Name(n);
  }

  static Java.Expr literal(int v) {
    return new Java.Literal(Integer.toString(v));
  }

  static Java.Expr plus(Java.Expr a, Java.Expr b) {
    return new Java.Binary(BinaryOp.ADD, a, b);
  }

  static Java.Expr minus(Java.Expr a, Java.Expr b) {
    return new Java.Binary(BinaryOp.SUB, a, b);
  }

  /** {@code Math.max(0, e)}: what a reverse loop counts to. */
  static Java.Expr atLeastZero(Java.Expr e) {
    return new Java.Call(ClassRef.MATH, null, "max", List.of(literal(0), e));
  }

  /** {@code int name = Math.max(0, of);}. */
  static Java.Stmt declareCount(String name, Java.Expr of) {
    return new Java.Declare(Java.JType.of(Type.INT), name, atLeastZero(of));
  }
}
