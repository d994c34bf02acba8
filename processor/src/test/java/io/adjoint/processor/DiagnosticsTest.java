package io.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One negative test per user-facing {@link Message}. Each input marks the lines that must get an error with
 * a trailing {@code // ERROR: CONSTANT} comment (Error Prone's trick); {@link #assertErrors} checks that
 * each marked line gets an error with that constant's code, and that there are no other errors.
 *
 * <p>Not covered here: {@link Message#INTERNAL_ERROR}, which needs a processor bug; every test checks
 * that it does not appear. (Clashing record names get a numeric suffix, see {@code Naming}; methods of
 * local and anonymous classes are not visible to annotation processors at all.)
 */
class DiagnosticsTest {
  private static final Pattern MARKER = Pattern.compile("// ERROR: ([A-Z_]+(?:, [A-Z_]+)*)\\s*$");

  // ------------------------------------------------------------------------------- the method as a whole

  @Test
  void returnTypeNotDouble() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static float f(double x) { // ERROR: RETURN_TYPE
            return 1;
          }
        }
        """);
  }

  @Test
  void abstractMethod() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        abstract class Foo {
          @Differentiable
          abstract double f(double x); // ERROR: NO_BODY
        }
        """);
  }

  @Test
  void nativeMethod() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          native double f(double x); // ERROR: NO_BODY
        }
        """);
  }

  @Test
  void interfaceMethod() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        interface Foo {
          @Differentiable
          double f(double x); // ERROR: NO_BODY
        }
        """);
  }

  @Test
  void objectParameter() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(
              String label, // ERROR: PARAMETER_TYPE
              double x) {
            return x;
          }
        }
        """);
  }

  @Test
  void typeVariableParameter() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static <T extends Number> double f(
              T t, // ERROR: PARAMETER_TYPE
              double x) {
            return x;
          }
        }
        """);
  }

  @Test
  void instanceMethodOfPrivateClass() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          private static class Inner {
            @Differentiable
            double f(double x) { // ERROR: PRIVATE_RECEIVER
              return x * x;
            }
          }
        }
        """);
  }

  @Test
  void returnWithoutValue() {
    assertErrorsInBody(
        """
        return; // ERROR: MISSING_RETURN
        """);
  }

  @Test
  void pathWithoutReturn() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(double x) { // ERROR: MISSING_RETURN
            if (x > 0) {
              return x;
            }
          }
        }
        """);
  }

  @Test
  void calleeThatFailedBeforeTheCaller() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double g(double x) {
            synchronized (Foo.class) { // ERROR: SYNCHRONIZED
              return x;
            }
          }

          @Differentiable
          static double f(double x) {
            return 2 * g(x); // ERROR: CALLEE_FAILED
          }
        }
        """);
  }

  @Test
  void calleeThatFailedAfterTheCaller() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(double x) {
            return 2 * g(x); // ERROR: CALLEE_FAILED
          }

          @Differentiable
          static double g(double x) {
            synchronized (Foo.class) { // ERROR: SYNCHRONIZED
              return x;
            }
          }
        }
        """);
  }

  @Test
  void calleeThatFailedInAClassProcessedLater() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(double x) {
            return h(x) + Bar.g(x); // ERROR: CALLEE_FAILED, CALLEE_FAILED
          }

          @Differentiable
          static double h(double x) {
            return Bar.k(x); // ERROR: CALLEE_FAILED
          }
        }

        class Bar {
          @Differentiable
          static double k(double x) {
            return g(x); // ERROR: CALLEE_FAILED
          }

          @Differentiable
          static double g(double x) {
            throw new IllegalStateException(); // ERROR: THROW
          }
        }
        """);
  }

  // --------------------------------------------------------------------------------------- statements

  @Test
  void assertStatement() {
    assertErrorsInBody(
        """
        assert x > 0; // ERROR: UNSUPPORTED_STATEMENT
        return x;
        """);
  }

  @Test
  void tryCatch() {
    assertErrorsInBody(
        """
        try { // ERROR: TRY
          return x;
        } catch (RuntimeException e) {
          return 0;
        }
        """);
  }

  @Test
  void synchronizedBlock() {
    assertErrorsInBody(
        """
        synchronized (Foo.class) { // ERROR: SYNCHRONIZED
          return x;
        }
        """);
  }

  @Test
  void localClass() {
    assertErrorsInBody(
        """
        class Helper {} // ERROR: LOCAL_CLASS
        return x;
        """);
  }

  @Test
  void labeledBreak() {
    assertErrorsInBody(
        """
        double y = x;
        outer:
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            if (y > 10) {
              break outer; // ERROR: LABELED_JUMP
            }
            y = y * x;
          }
        }
        return y;
        """);
  }

  @Test
  void labeledContinue() {
    assertErrorsInBody(
        """
        double y = x;
        outer:
        while (y < 100) {
          for (int j = 0; j < 3; j++) {
            y = y + x * x + 1;
            continue outer; // ERROR: LABELED_JUMP
          }
        }
        return y;
        """);
  }

  @Test
  void arrayCreatedInsideLoop() {
    assertErrorsInBody(
        """
        double y = 0;
        for (int i = 0; i < 3; i++) {
          double[] scratch = new double[i + 1]; // ERROR: ARRAY_IN_LOOP
          double[][] m = new double[2][2]; // ERROR: ARRAY_IN_LOOP
          double[] big = new double[17]; // ERROR: ARRAY_IN_LOOP
          double[] split = new double[2];
          split[1] = x;
          y = y + scratch[0] + split[1];
        }
        return y;
        """);
  }

  @Test
  void arrayCreatedInsideLoopUsedWhole() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double sum(double[] a) {
            return a[0] + a[1];
          }

          @Differentiable
          static double f(double x) {
            double y = 0;
            for (int i = 0; i < 3; i++) {
              double[] t = {x, x * i};
              y += sum(t); // ERROR: LOOP_ARRAY_USE
              for (double v : t) { // ERROR: LOOP_ARRAY_USE
                y += v;
              }
              y += t[(int) Math.floor(x)]; // ERROR: LOOP_ARRAY_USE
            }
            return y;
          }
        }
        """);
  }

  @Test
  void writeIntoParameterArray() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(double[] x) {
            x[0] = 2 * x[0]; // ERROR: PARAMETER_ARRAY_WRITE
            return x[0];
          }
        }
        """);
  }

  @Test
  void arrayAlias() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(double[] x) {
            double[] y; // ERROR: ARRAY_ALIAS
            return x[0];
          }
        }
        """);
  }

  @Test
  void rowPassedWhereItMayNotBeEvaluated() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double sum(double[] a) {
            return a[0] + a[1];
          }

          @Differentiable
          static double f(double[][] m, double x) {
            double y = sum(m[0]) * x;
            int i = 0;
            while (i < m.length && sum(m[i]) > 0) { // ERROR: ARRAY_ALIAS
              y += x > 0 ? sum(m[i]) : 0; // ERROR: ARRAY_ALIAS
              i++;
            }
            return y;
          }
        }
        """);
  }

  @Test
  void writeThroughASecondName() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(double[][] m, int i) {
            double[][] copy = new double[2][2];
            double[] row = copy[i];
            double[] same = row;
            row[0] = m[0][0]; // ERROR: ALIAS_WRITE
            same[1] += 1; // ERROR: ALIAS_WRITE
            return row[0] + same[1];
          }
        }
        """);
  }

  @Test
  void writeIntoAnArrayWhileASecondNameLives() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(double x) {
            double[] a = {x, 2 * x};
            a[0] = x * x;
            double s = 0;
            {
              double[] b = a;
              s += b[0];
              a[1] = s; // ERROR: ALIASED_ARRAY_WRITE
            }
            a[1] = s * 2;
            return a[0] + a[1] + s;
          }
        }
        """);
  }

  @Test
  void intArray() {
    assertErrorsInBody(
        """
        int[] counts = new int[3]; // ERROR: ARRAY_TYPE
        return x;
        """);
  }

  @Test
  void indexedArrayCreation() {
    assertErrorsInBody(
        """
        return x * new double[] {x, 2 * x}[1]; // ERROR: INDEXED_CREATION
        """);
  }

  @Test
  void generatedFormsClash() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;
        import io.adjoint.NoDerivative;

        class Foo {
          @Differentiable
          static double f(double a, double b) {
            return a * b;
          }

          @Differentiable
          static double f(double a, @NoDerivative double b, @NoDerivative double c) { // ERROR: GENERATED_CLASH
            return a * b + c;
          }
        }
        """);
  }

  @Test
  void matrixInitializerWithRaggedRows() {
    assertErrorsInBody(
        """
        double[][] m = {{x, 1}, {x}}; // ERROR: MATRIX_INITIALIZER
        return m[0][0];
        """);
  }

  @Test
  void matrixInitializerWithAComputedRow() {
    assertErrorsInBody(
        """
        double[][] m = {x > 0 ? new double[] {x} : new double[] {1}}; // ERROR: MATRIX_INITIALIZER
        return m[0][0];
        """);
  }

  @Test
  void matrixInitializerOutsideADeclaration() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(double x) {
            return trace(new double[][] {{x}}); // ERROR: MATRIX_INITIALIZER
          }

          @Differentiable
          static double trace(double[][] m) {
            return m[0][0];
          }
        }
        """);
  }

  @Test
  void throwStatement() {
    assertErrorsInBody(
        """
        if (x < 0) {
          throw new IllegalArgumentException("negative"); // ERROR: THROW
        }
        return Math.sqrt(x);
        """);
  }

  @Test
  void enumsAreParametersAndConstantsOnly() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          enum Mode { FAST, SLOW }

          @Differentiable
          static double f(double x, Mode m) {
            Mode other = Mode.FAST; // ERROR: ENUM_VARIABLE
            var same = m; // ERROR: ENUM_VARIABLE
            m = Mode.SLOW; // ERROR: ENUM_VARIABLE
            double n = m.compareTo(Mode.FAST); // ERROR: ENUM_METHOD
            return x * m.ordinal() + n;
          }
        }
        """);
  }

  @Test
  void privateEnumParameter() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          private enum Mode { FAST, SLOW }

          @Differentiable
          static double f(double x,
              Mode m) { // ERROR: PRIVATE_ENUM
            return x;
          }
        }
        """);
  }

  @Test
  void switchOnADouble() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(double x, long n) {
            switch (n) { // ERROR: SWITCH_SELECTOR
              case 1:
                return x;
              default:
                return x * x;
            }
          }

          @Differentiable
          static double g(double x) {
            return switch (x) { // ERROR: SWITCH_SELECTOR
              case 1 -> x;
              default -> x * x;
            };
          }
        }
        """);
  }

  @Test
  void yieldFromInsideALoop() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(double x, int k) {
            double y = switch (k) {
              case 1 -> x;
              default -> {
                for (int i = 0; i < 3; i++) {
                  yield x * i; // ERROR: SWITCH_JUMP
                }
                yield x;
              }
            };
            return y;
          }
        }
        """);
  }

  @Test
  void switchExpressionWithBlocksInsideAnExpression() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(double x, int k) {
            return 2 * switch (k) {
              case 1 -> x;
              default -> { // ERROR: SWITCH_EXPRESSION_BLOCK
                double t = x * x;
                yield t;
              }
            };
          }
        }
        """);
  }

  @Test
  void localOfObjectType() {
    assertErrorsInBody(
        """
        String label; // ERROR: LOCAL_TYPE
        return x;
        """);
  }

  @Test
  void localOfTypeFloat() {
    assertErrorsInBody(
        """
        float y = 2; // ERROR: LOCAL_TYPE
        return x * y;
        """);
  }

  // -------------------------------------------------------------------------------------- expressions

  @Test
  void followOnErrorsOfAnUnsupportedOperandAreNotReported() {
    // the operand's type is unknown, so "operator && cannot be applied to double" would mislead
    assertErrorsInBody(
        """
        boolean boxed = x instanceof Double; // ERROR: UNSUPPORTED_EXPRESSION
        if (boxed && x instanceof Double) { // ERROR: UNSUPPORTED_EXPRESSION
          return x;
        }
        int n = 'a'; // ERROR: LITERAL_TYPE
        return n + -"b".length(); // ERROR: CALL_ON_OBJECT
        """);
  }

  @Test
  void thisAsAValue() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          double f(double x) {
            return (this == this ? 1 : 0) * x; // ERROR: UNSUPPORTED_EXPRESSION, UNSUPPORTED_EXPRESSION
          }
        }
        """);
  }

  @Test
  void lambda() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;
        import java.util.function.DoubleUnaryOperator;

        class Foo {
          static double apply(DoubleUnaryOperator op, double x) {
            return op.applyAsDouble(x);
          }

          @Differentiable
          static double f(double x) {
            return apply(y -> y * y, x); // ERROR: LAMBDA
          }
        }
        """);
  }

  @Test
  void methodReference() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;
        import java.util.function.DoubleUnaryOperator;

        class Foo {
          static double apply(DoubleUnaryOperator op, double x) {
            return op.applyAsDouble(x);
          }

          @Differentiable
          static double f(double x) {
            return apply(Math::sin, x); // ERROR: METHOD_REFERENCE
          }
        }
        """);
  }

  @Test
  void objectCreation() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;
        import java.util.function.DoubleUnaryOperator;

        class Foo {
          static final class Square implements DoubleUnaryOperator {
            @Override
            public double applyAsDouble(double y) {
              return y * y;
            }
          }

          static double apply(DoubleUnaryOperator op, double x) {
            return op.applyAsDouble(x);
          }

          @Differentiable
          static double f(double x) {
            return apply(new Square(), x); // ERROR: OBJECT_CREATION
          }
        }
        """);
  }

  @Test
  void assignmentInsideAnExpression() {
    assertErrorsInBody(
        """
        double y;
        return x * (y = x + 1); // ERROR: NESTED_ASSIGNMENT
        """);
  }

  @Test
  void incrementInsideAnExpression() {
    assertErrorsInBody(
        """
        double y = x;
        return x * y++; // ERROR: NESTED_ASSIGNMENT
        """);
  }

  @Test
  void floatLiteral() {
    assertErrorsInBody(
        """
        return 0.5f * x; // ERROR: LITERAL_TYPE
        """);
  }

  @Test
  void charLiteral() {
    assertErrorsInBody(
        """
        return x + 'a'; // ERROR: LITERAL_TYPE
        """);
  }

  @Test
  void stringLiteral() {
    assertErrorsInBody(
        """
        return Double.parseDouble("2.5") * x; // ERROR: LITERAL_TYPE
        """);
  }

  @Test
  void operandTypes() {
    assertErrorsInBody(
        """
        int n = x; // ERROR: OPERAND_TYPES
        return n * x;
        """);
  }

  @Test
  void remainderOfDoubles() {
    assertErrorsInBody(
        """
        return x % 1.0; // ERROR: DOUBLE_REMAINDER
        """);
  }

  @Test
  void castToFloat() {
    assertErrorsInBody(
        """
        return (float) x; // ERROR: CAST_TYPE
        """);
  }

  @Test
  void castToObject() {
    assertErrorsInBody(
        """
        double y = (Double) x; // ERROR: CAST_TYPE
        return y;
        """);
  }

  // -------------------------------------------------------------------------------------------- calls

  @Test
  void callToUnannotatedUserMethod() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          static double square(double x) {
            return x * x;
          }

          @Differentiable
          static double f(double x) {
            return square(x) + 1; // ERROR: NO_DERIVATIVE
          }
        }
        """);
  }

  @Test
  void callToLibraryMethod() {
    assertErrorsInBody(
        """
        return Double.valueOf(String.valueOf(x)); // ERROR: NO_DERIVATIVE
        """);
  }

  @Test
  void callToVarargsLibraryMethod() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;
        import java.util.Objects;

        class Foo {
          @Differentiable
          static double f(double x) {
            return Objects.hash(x); // ERROR: NO_DERIVATIVE
          }
        }
        """);
  }

  @Test
  void mathRandom() {
    assertErrorsInBody(
        """
        return x * Math.random(); // ERROR: MATH_NO_DERIVATIVE
        """);
  }

  @Test
  void mathFloatOverload() {
    assertErrors(
        """
        package p;

        import static java.lang.StrictMath.nextUp;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(double x, int n) {
            double ok = Math.scalb(x, n) + Math.fma(x, 2, 1) + nextUp(x);
            return ok + nextUp(n) // ERROR: MATH_FLOAT_OVERLOAD
                + Math.copySign(n, -1); // ERROR: MATH_FLOAT_OVERLOAD
          }
        }
        """);
  }

  @Test
  void unresolvedMethod() {
    assertErrorsInBody(
        """
        return Math.sin(x) + Math.atan2(x); // ERROR: UNRESOLVED_METHOD
        """);
  }

  @Test
  void callOnObject() {
    assertErrorsInBody(
        """
        return String.valueOf(x).length(); // ERROR: CALL_ON_OBJECT
        """);
  }

  @Test
  void instanceMethodCalledFromStaticMethod() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          double g(double x) {
            return x * x;
          }

          @Differentiable
          static double f(double x) {
            return g(x); // ERROR: CALL_ON_OBJECT
          }
        }
        """);
  }

  @Test
  void ambiguousCall() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double g(int n, double x) {
            return n * x;
          }

          @Differentiable
          static double g(double x, int n) {
            return n * x;
          }

          @Differentiable
          static double f(double x) {
            return g(1, 2); // ERROR: AMBIGUOUS_CALL
          }
        }
        """);
  }

  @Test
  void activeArgumentForNoDerivativeParameter() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;
        import io.adjoint.NoDerivative;

        class Foo {
          @Differentiable
          static double scaled(double x, @NoDerivative double scale) {
            return x * scale;
          }

          @Differentiable
          static double f(double x, double y) {
            double fixed = scaled(x, 2.0);
            return fixed + scaled(x, y * y); // ERROR: INACTIVE_PARAMETER
          }
        }
        """);
  }

  @Test
  void differentiableCallInLoopCondition() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double g(double x) {
            return x * x;
          }

          @Differentiable
          static double f(double x) {
            double y = x;
            while (g(y) < 100) {
              y = y * 2;
            }
            do {
              y = y - 1;
              if (y > 50) {
                continue;
              }
              y = y * 0.5;
            } while (g(y) > 10); // ERROR: CALL_IN_LOOP_CONDITION
            return y;
          }
        }
        """);
  }

  // ------------------------------------------------------------------------------ custom derivatives

  @Test
  void derivativeOfMissingFunction() {
    assertErrors(
        """
        package p;

        import io.adjoint.Derivative;

        class Foo {
          static double g(double x) {
            return x;
          }

          @Derivative(of = "h", wrt = "x") // ERROR: DERIVATIVE_TARGET
          static double dg(double x) {
            return 1;
          }
        }
        """);
  }

  @Test
  void derivativeWithRespectToUnknownParameter() {
    assertErrors(
        """
        package p;

        import io.adjoint.Derivative;

        class Foo {
          static double g(double x) {
            return x;
          }

          @Derivative(of = "g", wrt = "y") // ERROR: DERIVATIVE_WRT
          static double dg(double x) {
            return 1;
          }
        }
        """);
  }

  @Test
  void derivativeOfAPrivateFunction() {
    assertErrors(
        """
        package p;

        import io.adjoint.Derivative;

        class Foo {
          private static double g(double x) {
            return x;
          }

          @Derivative(of = "g", wrt = "x") // ERROR: DERIVATIVE_SIGNATURE
          static double dg(double x) {
            return 1;
          }
        }
        """);
  }

  @Test
  void twoDerivativesForOneParameter() {
    assertErrors(
        """
        package p;

        import io.adjoint.Derivative;

        class Foo {
          static double g(double x) {
            return x;
          }

          @Derivative(of = "g", wrt = "x")
          static double dg(double x) {
            return 1;
          }

          @Derivative(of = "g", wrt = "x") // ERROR: DERIVATIVE_DUPLICATE
          static double dgAgain(double x) {
            return 1;
          }
        }
        """);
  }

  @Test
  void derivativeMissingForAParameter() {
    assertErrors(
        """
        package p;

        import io.adjoint.Derivative;
        import io.adjoint.Differentiable;

        class Foo {
          static double g(double x, double y) {
            return x * y;
          }

          @Derivative(of = "g", wrt = "x")
          static double dgdx(double x, double y) {
            return y;
          }

          @Differentiable
          static double f(double x) {
            return g(x, 2 * x); // ERROR: DERIVATIVE_MISSING
          }
        }
        """);
  }

  // ---------------------------------------------------------------------------------- names and fields

  @Test
  void fieldWrite() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          static double last;
          double scale;

          @Differentiable
          static double f(double x) {
            last = x; // ERROR: FIELD_WRITE
            return x;
          }

          @Differentiable
          double g(double x) {
            this.scale += x; // ERROR: FIELD_WRITE
            return x;
          }
        }
        """);
  }

  @Test
  void fieldOfObjectType() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          static Double scale = 2.0;

          @Differentiable
          static double f(double x) {
            return scale * x; // ERROR: FIELD_TYPE
          }
        }
        """);
  }

  @Test
  void privateNonConstantField() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          private static final double CONSTANT = 2;
          private static double scale = 2;

          @Differentiable
          static double f(double x) {
            return CONSTANT * x + scale * x; // ERROR: FIELD_PRIVATE
          }
        }
        """);
  }

  @Test
  void fieldOfPrivateClass() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          private static class Inner {
            static double scale = 2;

            @Differentiable
            static double f(double x) {
              return scale * x; // ERROR: FIELD_PRIVATE
            }
          }
        }
        """);
  }

  @Test
  void unresolvedName() {
    assertErrorsInBody(
        """
        return x * scale; // ERROR: UNRESOLVED_NAME
        """);
  }

  @Test
  void instanceFieldInStaticMethod() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          double scale = 2;

          @Differentiable
          static double f(double x) {
            return x * scale; // ERROR: INSTANCE_FIELD_IN_STATIC
          }
        }
        """);
  }

  // ------------------------------------------------------------------------------ the tree API missing

  @Test
  void treesUnavailableBehindAnOpaqueWrapper() {
    assertErrors(
        new WrappedEnvironment(new DifferentiableProcessor(), Opaque::new),
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(double x) { // ERROR: TREES_UNAVAILABLE
            return x * x;
          }

          @Differentiable
          static double g(double x) { // ERROR: TREES_UNAVAILABLE
            return x * x;
          }
        }
        """);
  }

  @Test
  void treesFoundBehindAWrapperThatNamesItsDelegate() {
    Compilation compilation =
        javac()
            .withProcessors(new WrappedEnvironment(new DifferentiableProcessor(), Named::new))
            .compile(
                JavaFileObjects.forSourceString(
                    "p.Foo",
                    """
                    package p;

                    import io.adjoint.Differentiable;

                    class Foo {
                      @Differentiable
                      static double f(double x) {
                        return x * x;
                      }
                    }
                    """));
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("p.FooGradients").contentsAsUtf8String().contains("FGradient");
  }

  // --------------------------------------------------------------------------- several problems at once

  @Test
  void allProblemsOfAMethodAreReported() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          static double last;

          @Differentiable
          static double f(double x) {
            double noise = Math.random(); // ERROR: MATH_NO_DERIVATIVE
            last = x; // ERROR: FIELD_WRITE
            try { // ERROR: TRY
              return x * noise;
            } finally {
              last = 0;
            }
          }
        }
        """);
  }

  @Test
  void allProblemsOfASignatureAreReported() {
    assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static float f( // ERROR: RETURN_TYPE
              Object o, // ERROR: PARAMETER_TYPE
              double x,
              java.util.List<Double> xs) { // ERROR: PARAMETER_TYPE
            return 1;
          }
        }
        """);
  }

  @Test
  void otherMethodsOfTheClassStillGetTheirGradients(@TempDir Path dir) throws Exception {
    // compile-testing hides generated files when compilation fails, so this test runs javac itself
    String source =
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double good(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x) {
            return x % 2.0; // ERROR: DOUBLE_REMAINDER
          }

          @Differentiable
          static double alsoGood(double x, double y) {
            return good(x) * y;
          }
        }
        """;
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      Path generated = Files.createDirectories(dir.resolve("generated"));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      files.setLocationFromPaths(
          StandardLocation.CLASS_OUTPUT, List.of(Files.createDirectories(dir.resolve("classes"))));
      JavaCompiler.CompilationTask task =
          compiler.getTask(
              null,
              files,
              diagnostics,
              List.of("-classpath", System.getProperty("java.class.path")),
              null,
              List.of(JavaFileObjects.forSourceString("p.Foo", source)));
      task.setProcessors(List.of(new DifferentiableProcessor()));
      assertFalse(task.call());

      List<Diagnostic<? extends JavaFileObject>> errors =
          diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
      assertEquals(1, errors.size(), () -> "errors: " + errors);
      assertTrue(errors.get(0).getMessage(Locale.ROOT).startsWith(Message.DOUBLE_REMAINDER.code()));
      assertEquals(lineOf(source, "// ERROR"), errors.get(0).getLineNumber());

      String gradients = Files.readString(generated.resolve("p/FooGradients.java"));
      assertTrue(gradients.contains("static GoodGradient good(double x)"), gradients);
      assertTrue(gradients.contains("static AlsoGoodGradient alsoGood(double x, double y)"), gradients);
      assertFalse(gradients.contains("bad"), gradients);
      assertFalse(gradients.contains("Bad"), gradients);
    }
  }

  // ------------------------------------------------------------------------------------------- helpers

  /** {@link #assertErrors(String)} for the body of {@code @Differentiable static double f(double x)}. */
  private static Compilation assertErrorsInBody(String body) {
    return assertErrors(
        """
        package p;

        import io.adjoint.Differentiable;

        class Foo {
          @Differentiable
          static double f(double x) {
        %s  }
        }
        """
            .formatted(body.indent(4)));
  }

  static Compilation assertErrors(String source) {
    return assertErrors(new DifferentiableProcessor(), source);
  }

  /**
   * Compiles {@code source} (class {@code p.Foo}) and asserts that each line marked {@code // ERROR: A, B}
   * got an error with the code of each named message, that there were no other errors, and no crash.
   */
  private static Compilation assertErrors(Processor processor, String source) {
    return assertErrors(javac().withProcessors(processor), source);
  }

  /** {@link #assertErrors(Processor, String)} with a compiler set up by the caller (a classpath, say). */
  static Compilation assertErrors(com.google.testing.compile.Compiler compiler, String source) {
    JavaFileObject file = JavaFileObjects.forSourceString("p.Foo", source);
    Compilation compilation = compiler.compile(file);
    List<String> expected = new ArrayList<>();
    for (String line : source.lines().toList()) {
      Matcher m = MARKER.matcher(line);
      if (!m.find()) {
        assertFalse(line.contains("ERROR"), () -> "malformed marker: " + line);
        continue;
      }
      for (String name : m.group(1).split(", ")) {
        Message message = Message.valueOf(name);
        expected.add(name + " on " + line.strip());
        assertThat(compilation).hadErrorContaining(message.code()).inFile(file).onLineContaining(line.strip());
      }
    }
    assertFalse(expected.isEmpty(), "the source marks no line with // ERROR");
    assertNoCrash(compilation);
    assertEquals(
        expected.size(),
        compilation.errors().size(),
        () -> "expected " + expected + "\nbut got:\n" + describe(compilation.errors()));
    return compilation;
  }

  private static void assertNoCrash(Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      String message = d.getMessage(Locale.ROOT);
      assertFalse(message.contains("An exception has occurred"), message);
      assertFalse(message.contains(Message.INTERNAL_ERROR.code()), message);
    }
  }

  private static String describe(List<? extends Diagnostic<? extends JavaFileObject>> diagnostics) {
    return diagnostics.stream()
        .map(d -> "  line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.joining("\n"));
  }

  private static long lineOf(String source, String text) {
    List<String> lines = source.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text);
  }

  /**
   * Runs a processor with a {@link Proxy} in place of javac's environment, as IntelliJ does; the handler
   * decides whether {@code TreesLocator} can find javac's environment behind it.
   */
  private static final class WrappedEnvironment extends AbstractProcessor {
    private final Processor delegate;
    private final java.util.function.Function<ProcessingEnvironment, InvocationHandler> handler;

    WrappedEnvironment(
        Processor delegate, java.util.function.Function<ProcessingEnvironment, InvocationHandler> handler) {
      this.delegate = delegate;
      this.handler = handler;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      delegate.init(
          (ProcessingEnvironment)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {ProcessingEnvironment.class},
                  handler.apply(env)));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }
  }

  /** Forwards every call, and keeps its target in a field no unwrapping heuristic knows. */
  private static final class Opaque implements InvocationHandler {
    private final Object hidden;

    Opaque(Object hidden) {
      this.hidden = hidden;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      return forward(hidden, method, args);
    }
  }

  /** Forwards every call, and keeps its target in a field named {@code delegate}, as wrappers often do. */
  private static final class Named implements InvocationHandler {
    private final Object delegate;

    Named(Object delegate) {
      this.delegate = delegate;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      return forward(delegate, method, args);
    }
  }

  private static Object forward(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
