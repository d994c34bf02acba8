package io.adjoint.processor.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.CodeBlock;
import io.adjoint.processor.ir.BinaryOp;
import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Java;
import io.adjoint.processor.ir.Java.JType;
import io.adjoint.processor.ir.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordElements}: an element of an array of records that a loop body reads more than once is
 * loaded once into a local, named like the record whose leaves it reads, for as long as its index holds.
 */
class RecordElementsTest {
  private static final ClassRef PARTICLE = new ClassRef("p", List.of("S", "Particle"));
  private static final JType DOUBLE = JType.of(Type.DOUBLE);

  private static Java.Expr leaf(Java.Expr index, String... path) {
    Java.Expr read = new Java.ArrayRead(new Java.Name("ps"), index);
    for (String accessor : path) {
      read = new Java.Call(null, read, accessor, List.of());
    }
    return read;
  }

  private static Java.Expr name(String name) {
    return new Java.Name(name);
  }

  private static Java.Expr plus(Java.Expr left, int right) {
    return new Java.Binary(BinaryOp.ADD, left, new Java.Literal(Integer.toString(right)));
  }

  private static String render(List<Java.Stmt> body) {
    Set<String> names = new HashSet<>();
    body.forEach(s -> Splitter.names(s, names));
    CodeBlock.Builder code = CodeBlock.builder();
    new GradientWriter.Renderer(names).statements(body, code);
    return code.build().toString();
  }

  private static List<Java.Stmt> bind(List<Java.Stmt> body) {
    Set<String> taken = new HashSet<>(Set.of("ps", "i", "e"));
    body.forEach(s -> Splitter.names(s, taken));
    return RecordElements.bind(body, "ps", PARTICLE, false, taken);
  }

  @Test
  void anElementReadTwiceInALoopIsLoadedOnce() {
    Java.Stmt loop = new Java.While(
        new Java.Binary(BinaryOp.LT, name("i"), new Java.FieldRead(null, name("ps"), "length")),
        List.of(
            new Java.Declare(DOUBLE, "p$pos$x", leaf(name("i"), "pos", "x")),
            new Java.Assign(name("e"), "+=", new Java.Binary(BinaryOp.MUL, name("p$pos$x"), leaf(name("i"), "mass"))),
            new Java.Assign(name("e"), "+=", leaf(plus(name("i"), 1), "mass")),
            new Java.Assign(name("i"), "=", plus(name("i"), 1))),
        false);
    assertEquals(
        """
        while (i < ps.length) {
          p.S.Particle p = ps[i];
          double p$pos$x = p.pos().x();
          e += p$pos$x * p.mass();
          e += ps[i + 1].mass();
          i = i + 1;
        }
        """,
        render(bind(List.of(loop))));
  }

  @Test
  void aLocalEndsWhereItsIndexIsAssigned() {
    Java.Stmt loop = new Java.CountDown(
        "k",
        name("n"),
        List.of(
            new Java.Assign(name("i"), "=", new Java.Binary(BinaryOp.SUB, name("k"), new Java.Literal("1"))),
            new Java.Assign(name("e"), "+=", leaf(name("i"), "mass")),
            new Java.Assign(name("e"), "+=", leaf(name("i"), "pos", "y")),
            new Java.Assign(name("i"), "=", name("k")),
            new Java.Assign(name("e"), "+=", leaf(name("i"), "mass")),
            new Java.Assign(name("e"), "+=", leaf(name("i"), "pos", "y"))));
    assertEquals(
        """
        for (int k = n; k > 0; k--) {
          i = k - 1;
          p.S.Particle psElement = ps[i];
          e += psElement.mass();
          e += psElement.pos().y();
          i = k;
          p.S.Particle psElement2 = ps[i];
          e += psElement2.mass();
          e += psElement2.pos().y();
        }
        """,
        render(bind(List.of(loop))));
  }

  @Test
  void topLevelReadsAreLeftAlone() {
    List<Java.Stmt> body = List.of(
        new Java.Assign(name("e"), "+=", leaf(name("i"), "mass")),
        new Java.Assign(name("e"), "+=", leaf(name("i"), "mass")));
    assertEquals(body, bind(body));
  }
}
