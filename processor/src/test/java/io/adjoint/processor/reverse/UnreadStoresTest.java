package io.adjoint.processor.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Type;
import io.adjoint.processor.rules.JavaExprs;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link UnreadStores} removes from a method body and what it keeps, a table of cases: each body,
 * the adjoint arrays the reverse sweep declared in it, and the body that should come out. A store goes
 * only when nothing can read it.
 */
class UnreadStoresTest {
  private static final Java.Expr ZERO = JavaExprs.ZERO;
  private static final Java.JType DOUBLE = Java.JType.of(Type.DOUBLE);
  private static final Java.JType ARRAY = Java.JType.of(Type.DOUBLE_ARRAY);

  static Stream<Arguments> cases() {
    Java.Stmt declareX = new Java.Declare(DOUBLE, "x", name("p"));
    Java.Stmt declareBar = new Java.Declare(ARRAY, "aBar", newArray());
    Java.Stmt returnX = ret(name("x"));
    return Stream.of(
        Arguments.of(
            "an adjoint reset nothing reads",
            List.of(declareX, call("use", name("x")), set(name("x"), ZERO), ret(name("p"))),
            Set.of(),
            List.of(declareX, call("use", name("x")), ret(name("p")))),
        Arguments.of(
            "x = 0.0; x += y becomes x = y",
            List.of(declareX, set(name("x"), ZERO), assign(name("x"), "+=", name("q")), returnX),
            Set.of(),
            List.of(declareX, set(name("x"), name("q")), returnX)),
        Arguments.of(
            "x = 0.0; x += y becomes x = y, comments between",
            List.of(declareX, call("use", name("x")), set(name("x"), ZERO), new Java.Comment("c"),
                assign(name("x"), "+=", name("q")), returnX),
            Set.of(),
            List.of(declareX, call("use", name("x")), new Java.Comment("c"), set(name("x"), name("q")), returnX)),
        Arguments.of(
            "double x = 0.0; x -= y becomes double x = -y",
            List.of(new Java.Declare(DOUBLE, "x", ZERO), assign(name("x"), "-=", name("q")), returnX),
            Set.of(),
            List.of(new Java.Declare(DOUBLE, "x", JavaExprs.neg(name("q"))), returnX)),
        Arguments.of(
            "x = 0.0; x += y is kept where y reads x",
            List.of(declareX, set(name("x"), ZERO), assign(name("x"), "+=", mul(name("x"), name("q"))), returnX),
            Set.of(),
            List.of(declareX, set(name("x"), ZERO), assign(name("x"), "+=", mul(name("x"), name("q"))), returnX)),
        Arguments.of(
            "a local assigned and never read, with its declaration",
            List.of(declareX, new Java.Declare(DOUBLE, "t", name("x")), set(name("t"), name("p")), returnX),
            Set.of(),
            List.of(declareX, returnX)),
        Arguments.of(
            "a parameter's assignment stays: only locals of the body go",
            List.of(set(name("p"), ZERO), ret(name("q"))),
            Set.of(),
            List.of(set(name("p"), ZERO), ret(name("q")))),
        Arguments.of(
            "an entry reset that only other entries are read after",
            List.of(declareBar, set(entry("aBar", "1"), ZERO), ret(entry("aBar", "0"))),
            Set.of("aBar"),
            List.of(declareBar, ret(entry("aBar", "0")))),
        Arguments.of(
            "an entry reset read at a computed index is kept",
            List.of(declareBar, set(entry("aBar", "1"), ZERO), ret(new Java.ArrayRead(name("aBar"), name("i")))),
            Set.of("aBar"),
            List.of(declareBar, set(entry("aBar", "1"), ZERO), ret(new Java.ArrayRead(name("aBar"), name("i"))))),
        Arguments.of(
            "a store into an array that is not an adjoint array stays",
            List.of(new Java.Declare(ARRAY, "a", newArray()), set(entry("a", "1"), ZERO), ret(ZERO)),
            Set.of(),
            List.of(new Java.Declare(ARRAY, "a", newArray()), set(entry("a", "1"), ZERO), ret(ZERO))),
        Arguments.of(
            "a store into an adjoint array a call sees stays",
            List.of(declareBar, set(entry("aBar", "1"), ZERO), call("add", name("aBar")), ret(ZERO)),
            Set.of("aBar"),
            List.of(declareBar, set(entry("aBar", "1"), ZERO), call("add", name("aBar")), ret(ZERO))),
        Arguments.of(
            "a store into an adjoint array another local aliases stays",
            List.of(declareBar, new Java.Declare(ARRAY, "b", name("aBar")), set(entry("aBar", "1"), ZERO),
                ret(entry("b", "1"))),
            Set.of("aBar"),
            List.of(declareBar, new Java.Declare(ARRAY, "b", name("aBar")), set(entry("aBar", "1"), ZERO),
                ret(entry("b", "1")))),
        Arguments.of(
            "a reset at the end of a loop body, read at its start in the next iteration",
            List.of(declareX, loop(new Java.Declare(DOUBLE, "t", name("x")), set(name("x"), ZERO),
                call("use", name("t"))), ret(ZERO)),
            Set.of(),
            List.of(declareX, loop(new Java.Declare(DOUBLE, "t", name("x")), set(name("x"), ZERO),
                call("use", name("t"))), ret(ZERO))),
        Arguments.of(
            "a reset at the end of a loop body of a local the body declares",
            List.of(loop(new Java.Declare(DOUBLE, "t", name("p")), call("use", name("t")), set(name("t"), ZERO)),
                ret(ZERO)),
            Set.of(),
            List.of(loop(new Java.Declare(DOUBLE, "t", name("p")), call("use", name("t"))), ret(ZERO))),
        Arguments.of(
            "a loop left with nothing to do, and the counter it set again",
            List.of(declareBar, declareX,
                new Java.CountDown("k", name("n"), List.of(set(name("x"), name("k")), set(entry("aBar", "0"), ZERO))),
                ret(name("p"))),
            Set.of("aBar"),
            List.of(declareBar, ret(name("p")))), // an allocation stays
        Arguments.of(
            "an entry reset read in a later iteration is kept",
            List.of(declareBar, loop(call("use", entry("aBar", "1")), set(entry("aBar", "1"), ZERO)), ret(ZERO)),
            Set.of("aBar"),
            List.of(declareBar, loop(call("use", entry("aBar", "1")), set(entry("aBar", "1"), ZERO)), ret(ZERO))),
        Arguments.of(
            "a count that only its own increments read",
            List.of(new Java.Declare(Java.JType.of(Type.INT), "count", JavaExprs.lit("0")),
                loop(call("use", name("p")), assign(name("count"), "+=", JavaExprs.lit("1"))), ret(name("p"))),
            Set.of(),
            List.of(loop(call("use", name("p"))), ret(name("p")))),
        Arguments.of(
            "pops and pushes stay, and so does what they read",
            List.of(declareX, new Java.Declare(DOUBLE, "y", call("pop").expr()), call("push", name("x")), ret(ZERO)),
            Set.of(),
            List.of(declareX, new Java.Declare(DOUBLE, "y", call("pop").expr()), call("push", name("x")), ret(ZERO))),
        Arguments.of(
            "a store in a branch, read after the if",
            List.of(declareX, new Java.If(name("c"), List.of(set(name("x"), ZERO)), List.of(ret(name("x")))), returnX),
            Set.of(),
            List.of(declareX, new Java.If(name("c"), List.of(set(name("x"), ZERO)), List.of(ret(name("x")))), returnX)),
        Arguments.of(
            "a local its block never names again goes, though another block declares and reads the name",
            List.of(loop(new Java.Declare(DOUBLE, "m", name("p")), call("use", name("m"))),
                loop(new Java.Declare(DOUBLE, "m", name("p")), call("use", name("q"))), ret(ZERO)),
            Set.of(),
            List.of(loop(new Java.Declare(DOUBLE, "m", name("p")), call("use", name("m"))),
                loop(call("use", name("q"))), ret(ZERO))),
        Arguments.of(
            "a local its block assigns again but never reads goes with the assignment",
            List.of(loop(new Java.Declare(DOUBLE, "m", name("p")), call("use", name("m"))),
                loop(new Java.Declare(DOUBLE, "m", name("p")), set(name("m"), name("q")), call("use", name("q"))),
                ret(ZERO)),
            Set.of(),
            List.of(loop(new Java.Declare(DOUBLE, "m", name("p")), call("use", name("m"))),
                loop(call("use", name("q"))), ret(ZERO))),
        Arguments.of(
            "a comment goes with the statements it stood above",
            List.of(declareX, new Java.Comment("line 3"), set(name("x"), ZERO), new Java.Comment("line 4"), ret(ZERO)),
            Set.of(),
            List.of(new Java.Comment("line 4"), ret(ZERO))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void removes(String description, List<Java.Stmt> body, Set<String> adjointArrays, List<Java.Stmt> expected) {
    assertEquals(expected, UnreadStores.remove(body, adjointArrays));
  }

  private static Java.Expr name(String n) {
    return JavaExprs.name(n);
  }

  private static Java.Expr entry(String array, String index) {
    return new Java.ArrayRead(name(array), JavaExprs.lit(index));
  }

  private static Java.Expr newArray() {
    return new Java.NewArray(List.of(new Java.FieldRead(null, name("p"), "length")), List.of());
  }

  private static Java.Expr mul(Java.Expr a, Java.Expr b) {
    return new Java.Binary(BinaryOp.MUL, a, b);
  }

  private static Java.Stmt set(Java.Expr target, Java.Expr value) {
    return assign(target, "=", value);
  }

  private static Java.Stmt assign(Java.Expr target, String op, Java.Expr value) {
    return new Java.Assign(target, op, value);
  }

  private static Java.Stmt ret(Java.Expr value) {
    return new Java.Return(value);
  }

  private static Java.Eval call(String method, Java.Expr... args) {
    return new Java.Eval(new Java.Call(null, name("tape"), method, List.of(args)));
  }

  private static Java.Stmt loop(Java.Stmt... body) {
    return new Java.While(name("c"), List.of(body), false);
  }
}
