package io.adjoint.processor.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adjoint.processor.ir.ClassRef;
import io.adjoint.processor.ir.Function;
import io.adjoint.processor.lower.LoweredMethods;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The forms of a method share one SSA program, which writing a form does not change: each form written
 * from the shared program, after the others, is the form written from a program of its own.
 */
class SharedProgramTest {
  private static final ClassRef RECORD = new ClassRef("p", List.of("FGradients", "FGradient"));

  static Stream<Arguments> methods() {
    return Stream.of(
        Arguments.of("straight-line", "double a = x[0] * y[0]; double b = Math.sin(a) + a * a; return a * b;"),
        Arguments.of(
            "a loop keeping values on the tape",
            "double s = 1; for (int i = 0; i < x.length; i++) { s = Math.sin(s * x[i]) + y[i]; } return s;"),
        Arguments.of(
            "a fused loop", "double s = 0; for (int i = 0; i < x.length; i++) { s += x[i] * y[i]; } return s;"),
        Arguments.of(
            "branches and a merge",
            "double r = x[0] - y[0]; if (r > 0) { r = r * r; } else { r = Math.exp(r); } return r * x[1];"),
        Arguments.of(
            "stores into a local array",
            "double[] t = new double[2]; t[0] = x[0] * y[0]; t[1] = t[0] + x[1]; t[0] += t[1]; return t[0] * t[1];"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void formsFromTheSharedProgramAreFormsFromOwnPrograms(String name, String body) {
    Function f = LoweredMethods.lower(
        "@Differentiable static double f(double[] x, double[] y) { " + body + " }", "f");
    Generator.Program shared = Generator.program(f);
    for (Generator.Form form : List.of(Generator.Form.RECORD, Generator.Form.INTO, Generator.Form.PULLBACK)) {
      assertEquals(Generator.generate(f, RECORD, form), Generator.generate(shared, RECORD, form), form.name());
    }
    // and again, after every form has been written from it once
    for (Generator.Form form : List.of(Generator.Form.PULLBACK, Generator.Form.RECORD, Generator.Form.INTO)) {
      assertEquals(Generator.generate(f, RECORD, form), Generator.generate(shared, RECORD, form), form.name());
    }
  }
}
