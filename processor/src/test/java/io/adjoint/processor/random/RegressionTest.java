package io.adjoint.processor.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.adjoint.processor.DifferentiableProcessor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Programs the random-program tests found mishandled, minimized: each must compile and be right. */
class RegressionTest {
  /** Class {@code p.T} with {@code @Differentiable static double f(double x, double y) { body }}. */
  private static String program(String body) {
    return "package p;\nimport io.adjoint.Differentiable;\nclass T {\n  @Differentiable\n"
        + "  static double f(double x, double y) {\n" + body + "  }\n}\n";
  }

  /**
   * The record form of {@code p.T.f} at {@code args} (all double): value, then partials. Fails with the
   * diagnostics if the program does not compile.
   */
  private static double[] gradient(String source, double... args) throws Exception {
    Object record = call(source, "p.TGradients", args);
    RecordComponent[] rc = record.getClass().getRecordComponents();
    double[] out = new double[rc.length];
    for (int i = 0; i < rc.length; i++) {
      rc[i].getAccessor().setAccessible(true);
      out[i] = (double) rc[i].getAccessor().invoke(record);
    }
    return out;
  }

  /** {@code p.T.f} itself at {@code args} (all double). */
  private static double method(String source, double... args) throws Exception {
    return (double) call(source, "p.T", args);
  }

  /** Compiles {@code source} with the processor and calls {@code f(args)} of class {@code owner}. */
  private static Object call(String source, String owner, double... args) throws Exception {
    Compilation c =
        Compiler.javac()
            .withProcessors(new DifferentiableProcessor())
            .compile(JavaFileObjects.forSourceString("p.T", source));
    assertEquals(Compilation.Status.SUCCESS, c.status(), () -> c.diagnostics().toString());
    Class<?> type = new MemoryClassLoader(c, RegressionTest.class.getClassLoader()).loadClass(owner);
    Class<?>[] types = new Class<?>[args.length];
    Arrays.fill(types, double.class);
    Method f = type.getDeclaredMethod("f", types);
    f.setAccessible(true);
    return f.invoke(null, Arrays.stream(args).boxed().toArray());
  }

  /**
   * A call to {@code g(x)} where an overload {@code g(a, b)} of another arity returns a record was taken
   * for a call returning that record (E283, "a record used as a value"; E286 as a Math function's
   * argument): the processor found a call's returned record by the method's name alone. Found by the first
   * default run with record-returning programs, whose names at times overload an earlier program's.
   */
  @Test
  void overloadReturningARecordOfAnotherArity() throws Exception {
    String source =
        """
        package p;
        import io.adjoint.Differentiable;
        class T {
          record P(double x, double y) {}

          @Differentiable
          static double g(double a) {
            return a * a;
          }

          @Differentiable
          static P g(double a, double b) {
            return new P(a * b, a + b);
          }

          @Differentiable
          static double f(double x, double y) {
            P p = g(x, y);
            return g(x) * p.x() + Math.sin(g(y)) + p.y();
          }
        }
        """;
    // f = x³y + sin(y²) + x + y
    double x = 2;
    double y = 3;
    assertArrayEquals(
        new double[] {x * x * x * y + Math.sin(y * y) + x + y, 3 * x * x * y + 1, x * x * x + 2 * y * Math.cos(y * y) + 1},
        gradient(source, x, y),
        1e-12);
  }

  /**
   * A record that methods return but none takes had no tangent record written, which the returning
   * method's pullback takes as its upstream: the generated class did not compile ("cannot find symbol
   * T_PTangent"). Found beside {@link #overloadReturningARecordOfAnotherArity} (the random programs' record
   * types are mostly taken by some program too). The pullback is checked against the gradient of the
   * contraction ⟨u, g(x, y)⟩.
   */
  @Test
  void recordOnlyReturnedHasATangentRecord() throws Exception {
    String source =
        """
        package p;
        import io.adjoint.Differentiable;
        class T {
          record P(double x, double y) {}

          @Differentiable
          static P g(double a, double b) {
            return new P(a * b, Math.exp(a) + b);
          }

          @Differentiable
          static double f(double x, double y) {
            P p = g(x, y);
            return 0.5 * p.x() - 2 * p.y();
          }
        }
        """;
    double x = 0.5;
    double y = -1.5;
    double[] expected = {0.5 * x * y - 2 * (Math.exp(x) + y), 0.5 * y - 2 * Math.exp(x), 0.5 * x - 2};
    assertArrayEquals(expected, gradient(source, x, y), 1e-12);
  }

  /**
   * In an instance method of a record, {@code this.w.length} of a double[] component {@code w} was
   * rejected (E210, "not supported"), though {@code w.length}, {@code w().length} and {@code
   * this.w().length} were accepted: the length of a component read as a field was not recognized. Found
   * by the random instance methods, which read components all four ways.
   */
  @Test
  void lengthOfAnArrayComponentReadAsAField() throws Exception {
    String source =
        """
        package p;
        import io.adjoint.Differentiable;
        class T {
          record R(double[] w, double b) {
            @Differentiable
            double dot(double x) {
              double s = b;
              for (int i = 0; i < this.w.length; i++) {
                s += this.w[i] * x * x;
              }
              return s;
            }
          }
        }
        """;
    Compilation c =
        Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(JavaFileObjects.forSourceString("p.T", source));
    assertEquals(Compilation.Status.SUCCESS, c.status(), () -> c.diagnostics().toString());
    ClassLoader loader = new MemoryClassLoader(c, RegressionTest.class.getClassLoader());
    Class<?> r = loader.loadClass("p.T$R");
    var make = r.getDeclaredConstructor(double[].class, double.class);
    make.setAccessible(true);
    Object receiver = make.newInstance(new double[] {2, -1, 0.5}, 3.0);
    Method dot = null;
    for (Method m : loader.loadClass("p.T_RGradients").getDeclaredMethods()) {
      if (m.getName().equals("dotInto")) {
        dot = m;
      }
    }
    dot.setAccessible(true);
    double x = 1.5;
    double[] partials = new double[5]; // w (3 entries), b, x
    double value = (double) dot.invoke(null, receiver, x, partials);
    assertEquals(3 + 1.5 * x * x, value, 1e-12);
    assertArrayEquals(new double[] {x * x, x * x, x * x, 1, 2 * 1.5 * x}, partials, 1e-12);
  }

  /** A double ?: with active arms inside an if condition crashed the reverse stage (internal error E106). */
  @Test
  void conditionalInsideIfCondition() throws Exception {
    String source =
        program(
            """
            if ((x > 0 ? x : y) > 1) {
              return x * y;
            }
            return y;
            """);
    assertArrayEquals(new double[] {6, 3, 2}, gradient(source, 2, 3));
    assertArrayEquals(new double[] {-6, 3, -2}, gradient(source, -2, 3));
    assertArrayEquals(new double[] {0.5, 0, 1}, gradient(source, -2, 0.5));
  }

  /**
   * A loop condition reading a Math function of an active value crashed the reverse stage (internal
   * error E106): its derivative rule asked for a temporary, which a loop condition cannot have.
   */
  @Test
  void mathCallInLoopCondition() throws Exception {
    String source =
        program(
            """
            int c = 0;
            while (c < 3 && Math.exp(x) > y) {
              c++;
              x = x * 0.5;
            }
            return x * y;
            """);
    // exp(2) > 1 and exp(1) > 1 and exp(0.5) > 1: three halvings; f = x/8 * y
    assertArrayEquals(new double[] {0.25, 0.125, 0.25}, gradient(source, 2, 1));
    // exp(2) > 5, exp(1) < 5: one halving; f = x/2 * y
    assertArrayEquals(new double[] {5, 2.5, 1}, gradient(source, 2, 5));
  }

  /** The same, under a short-circuit operator in a boolean local, which is not lifted either. */
  @Test
  void conditionalUnderShortCircuitInBooleanLocal() throws Exception {
    String source =
        program(
            """
            boolean b = y > 0 || (x > 0 ? x : y) > 1;
            return b ? x : y;
            """);
    assertArrayEquals(new double[] {2, 1, 0}, gradient(source, 2, 3));
    assertArrayEquals(new double[] {-3, 0, 1}, gradient(source, -2, -3));
  }

  /**
   * A reduction's result scaled by int factors: the accumulator's adjoint, computed before the loop,
   * must divide as doubles (k / n as ints would be 1, not 1.5).
   */
  @Test
  void reductionScaledByInts() throws Exception {
    String source =
        program(
            """
            int k = 3;
            int n = 2;
            double sum = 0;
            for (int i = 0; i < 4; i++) {
              sum += x * i + y;
            }
            return sum * k / n;
            """);
    // sum = 6x + 4y, f = 1.5 sum = 9x + 6y
    assertArrayEquals(new double[] {9 * 2 + 6 * 3, 9, 6}, gradient(source, 2, 3), 1e-12);
  }

  /**
   * A store into an array after a loop whose reverse ran inside it (fused) reset the entry's adjoint
   * that the loop had already added into: the loop's part of the gradient was lost. Found in review.
   */
  @Test
  void storeAfterASum() throws Exception {
    String source =
        program(
            """
            double[] a = new double[2];
            a[0] = x;
            a[1] = y;
            double s = 0;
            for (int i = 0; i < 2; i++) {
              s += a[i] * a[i];
            }
            a[0] = 1.0;
            return s + a[0];
            """);
    // f = x² + y² + 1
    assertArrayEquals(new double[] {14, 4, 6}, gradient(source, 2, 3), 1e-12);
  }

  /**
   * Reverse loops whose iterations read entries other iterations added into ran upwards, so the
   * adjoint of a prefix sum reached only the last two entries (c[i] += c[i − 1]), and a sum reading
   * a[0] while a[i] += x[i] lost all but one of its contributions to x[0]. Found in review.
   */
  @Test
  void additionsReadByLaterIterations() throws Exception {
    String prefix =
        program(
            """
            double[] c = new double[] {x, y, x * y, 2.0};
            for (int i = 1; i < 4; i++) {
              c[i] += c[i - 1];
            }
            return c[3];
            """);
    // c[3] = x + y + xy + 2
    assertArrayEquals(new double[] {3 + 5 + 15 + 2, 1 + 5, 1 + 3}, gradient(prefix, 3, 5), 1e-12);
    String head =
        program(
            """
            double[] a = new double[4];
            double s = 0;
            for (int i = 0; i < 4; i++) {
              a[i] += i == 0 ? x : y;
              s += a[0] * 2;
            }
            return s;
            """);
    // s = 4 · 2x
    assertArrayEquals(new double[] {8 * 3, 8, 0}, gradient(head, 3, 5), 1e-12);
  }

  /**
   * An entry of an array the loop does not change, read in one branch of an if that merges the variable,
   * was read again in the reverse sweep for the merged value, whichever branch had given it: the
   * other branch's y became x. Found by the random programs (a switch case reading an array).
   */
  @Test
  void arrayEntryReadInOneBranchOnly() throws Exception {
    String source =
        program(
            """
            double[] a = new double[] {x, 2.0};
            double s = 0;
            for (int i = 0; i < 3; i++) {
              double t;
              if (i == 1) {
                t = a[0];
              } else {
                t = y;
              }
              s = Math.sin(s) + t * t;
            }
            return s;
            """);
    double x = 0.5;
    double y = 0.7;
    // s1 = y², s2 = sin(s1) + x², s3 = sin(s2) + y²
    double s1 = y * y;
    double s2 = Math.sin(s1) + x * x;
    double s3 = Math.sin(s2) + y * y;
    double dx = Math.cos(s2) * 2 * x;
    double dy = Math.cos(s2) * Math.cos(s1) * 2 * y + 2 * y;
    assertArrayEquals(new double[] {s3, dx, dy}, gradient(source, x, y), 1e-12);
  }

  /**
   * A sum's adjoint, computed before its loop, read an entry that a store after the loop changes (at an
   * index the processor cannot see). Found in review.
   */
  @Test
  void factorChangedAfterASum() throws Exception {
    String source =
        program(
            """
            double[] c = new double[2];
            c[0] = 1.0;
            int j = y > 0 ? 0 : 1;
            double s = 0;
            for (int i = 0; i < 3; i++) {
              s += x * x;
            }
            c[j] = 3.0;
            return s * c[0];
            """);
    // y > 0: f = 3x² · 3 = 9x²
    assertArrayEquals(new double[] {36, 36, 0}, gradient(source, 2, 3), 1e-12);
  }

  /**
   * Consecutive additions into one entry were merged although the second reads the array at an index
   * that names the same entry: a[i] += x; a[i] += a[j] with i = j. Found in review.
   */
  @Test
  void additionsThroughAliasedIndices() throws Exception {
    String forward =
        program(
            """
            double[] a = new double[2];
            a[0] = x;
            a[1] = y;
            int i = x > 0 ? 1 : 0;
            int j = y > 0 ? 1 : 0;
            a[i] += x;
            a[i] += a[j];
            return a[0] * a[1];
            """);
    // i = j = 1: a[1] = 2(y + x), f = 2x² + 2xy
    assertArrayEquals(new double[] {20, 14, 4}, gradient(forward, 2, 3), 1e-12);
    String reverse =
        program(
            """
            double[] a = new double[2];
            a[0] = x;
            a[1] = y;
            int i = x > 0 ? 0 : 1;
            int j = y > 0 ? 1 : 0;
            int k = j;
            a[k] += a[j];
            a[i] += a[j];
            return a[0] * a[1];
            """);
    // a[1] = 2y, a[0] = x + 2y, f = 2xy + 4y²
    assertArrayEquals(new double[] {48, 6, 28}, gradient(reverse, 2, 3), 1e-12);
  }

  /**
   * Merged forward additions, a[i] += v1; a[i] += v2 as a[i] += v1 + v2, rounded differently from the
   * method: the gradient's value must be the method's, bit for bit. Found in review.
   */
  @Test
  void forwardAdditionsRoundAsWritten() throws Exception {
    String source =
        program(
            """
            double[] a = new double[2];
            for (int k = 0; k < 2; k++) {
              a[k] = x * 0.1;
            }
            int i = y > 0 ? 0 : 1;
            a[i] += x * 0.2;
            a[i] += x * 0.3;
            return a[0] * y;
            """);
    double value = method(source, 1, 1);
    assertEquals(0.1 + 0.2 + 0.3, value); // 0.6000000000000001, not 0.6
    double[] g = gradient(source, 1, 1);
    assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(g[0]));
    assertArrayEquals(new double[] {0.6, 0.6}, new double[] {g[1], g[2]}, 1e-12);
  }

  /**
   * An int operand in a derivative multiplied as an int: d(u · 50000)/du with u = x · n gave
   * 50000 * n, which overflows at n = 50000. Found in review.
   */
  @Test
  void intOperandsInDerivatives() throws Exception {
    String scaled =
        program(
            """
            int n = 50000;
            double u = x * n;
            return u * 50000 + y;
            """);
    assertArrayEquals(new double[] {5e9 + 3, 2.5e9, 1}, gradient(scaled, 2, 3), 1e-3);
    String entries =
        program(
            """
            double[] a = {x, y};
            return a[0] * 2000000000 + a[0] * 2000000000;
            """);
    assertArrayEquals(new double[] {8e9, 4e9, 0}, gradient(entries, 2, 3), 1e-3);
  }

  /**
   * A sum used twice in each of many statements after its loop: the coefficient of the sum in the
   * result doubled in size with every statement, to code too large to compile. Found in review.
   */
  @Test
  void sumUsedTwiceAfterItsLoop() throws Exception {
    StringBuilder body = new StringBuilder("double s = 0;\nfor (int i = 0; i < 3; i++) {\n  s += x * x;\n}\n");
    body.append("double t0 = s;\n");
    for (int k = 1; k <= 20; k++) {
      body.append("double t").append(k).append(" = t").append(k - 1).append(" * y + t").append(k - 1)
          .append(" * 0.5;\n");
    }
    body.append("return t20;\n");
    // f = 3x² (y + 0.5)^20; at y = 0.5 the factor is 1
    assertArrayEquals(new double[] {3, 6, 60}, gradient(program(body.toString()), 1, 0.5), 1e-9);
  }

  /**
   * Thousands of additions into one adjoint entry merged into a single statement too deep for javac
   * (StackOverflowError). Found in review.
   */
  @Test
  void manyAdditionsIntoOneEntry() throws Exception {
    StringBuilder body = new StringBuilder("double[] a = {x, y};\ndouble t = 0;\n");
    body.append("t += a[0] * 1.0001;\n".repeat(3000));
    body.append("return t;\n");
    double[] g = gradient(program(body.toString()), 2, 3);
    assertEquals(3000 * 1.0001, g[1], 1e-9);
    assertEquals(0, g[2]);
  }

  /**
   * A user's rule taking an int was called with the int widened to a double: a compile error, or, with
   * an overload taking a double, the overload's derivative. Found in review.
   */
  @Test
  void intArgumentsOfUserRules() throws Exception {
    String source =
        """
        package p;
        import io.adjoint.Derivative;
        import io.adjoint.Differentiable;
        class T {
          static double powi(double x, int n) {
            double r = 1;
            for (int i = 0; i < n; i++) {
              r *= x;
            }
            return r;
          }

          @Derivative(of = "powi", wrt = "x")
          static double powiDerivative(double x, int n) {
            return n * powi(x, n - 1);
          }

          static double powiDerivative(double x, double n) {
            return 0;
          }

          @Differentiable
          static double f(double x, double y) {
            return powi(x, 3) + powi(y, 2);
          }
        }
        """;
    // f = x³ + y²
    assertArrayEquals(new double[] {8 + 9, 12, 6}, gradient(source, 2, 3), 1e-12);
  }

  /**
   * A double {@code ?:} inside an array initializer's element got no adjoint: the value was right and
   * the gradient silently zero (issue 16). The lifting of conditionals into ifs skipped initializers.
   */
  @Test
  void conditionalInArrayInitializer() throws Exception {
    String source =
        program(
            """
            double[] t = new double[] {x < 1.0 ? x : 2.0 * x};
            return t[0] + 0.0 * y;
            """);
    // f = x below 1, 2x above
    assertArrayEquals(new double[] {0.7, 1, 0}, gradient(source, 0.7, 5), 1e-15);
    assertArrayEquals(new double[] {3.4, 2, 0}, gradient(source, 1.7, 5), 1e-15);
  }

  /** The same conditional under a Math call inside the initializer (issue 16). */
  @Test
  void conditionalUnderCallInArrayInitializer() throws Exception {
    String source =
        program(
            """
            double[] t = new double[] {Math.sin(x < 1.0 ? x : 2.0 * x)};
            return t[0] + 0.0 * y;
            """);
    assertArrayEquals(new double[] {Math.sin(0.7), Math.cos(0.7), 0}, gradient(source, 0.7, 5), 1e-15);
    assertArrayEquals(
        new double[] {Math.sin(3.4), 2 * Math.cos(3.4), 0}, gradient(source, 1.7, 5), 1e-15);
  }

  /** A conditional in the second element, the first a plain read (issue 16). */
  @Test
  void conditionalInSecondInitializerElement() throws Exception {
    String source =
        program(
            """
            double[] t = new double[] {x, x < 1.0 ? y : 2.0 * y};
            return t[0] * t[1];
            """);
    // f = x·y below x = 1, 2x·y above
    assertArrayEquals(new double[] {0.21, 0.3, 0.7}, gradient(source, 0.7, 0.3), 1e-15);
    assertArrayEquals(new double[] {1.02, 0.6, 3.4}, gradient(source, 1.7, 0.3), 1e-15);
  }

  /** The initializer without {@code new}, and a conditional nested in a conditional's arm (issue 16). */
  @Test
  void nestedConditionalInBareInitializer() throws Exception {
    String source =
        program(
            """
            double[] t = {y, x < 1.0 ? (y < 0 ? x * y : x) : x * x};
            return t[0] + t[1];
            """);
    assertArrayEquals(new double[] {-2 + 0.7 * -2, -2, 1 + 0.7}, gradient(source, 0.7, -2), 1e-15);
    assertArrayEquals(new double[] {2 + 0.7, 1, 1}, gradient(source, 0.7, 2), 1e-15);
    assertArrayEquals(new double[] {2 + 2.89, 3.4, 1}, gradient(source, 1.7, 2), 1e-15);
  }

  /**
   * A {@code double[][]} initializer, with a conditional in an entry: lowered as a sized matrix and a
   * store per entry (issue 16 named the context; before, it was an error saying double[][] is
   * unsupported).
   */
  @Test
  void matrixInitializer() throws Exception {
    String source =
        program(
            """
            double[][] m = new double[][] {{x, y}, {y, x < 1 ? x * x : Math.sin(y)}};
            var k = new double[][] {{x * y}};
            double[][] r = {{2, y}};
            return m[0][0] * m[1][1] + m[0][1] + k[0][0] * r[0][1] + m.length * r[0].length;
            """);
    // below x = 1: f = x³ + y + x·y² + 4; above: f = x·sin y + y + x·y² + 4
    double x = 0.7;
    double y = 0.3;
    assertArrayEquals(
        new double[] {x * x * x + y + x * y * y + 4, 3 * x * x + y * y, 1 + 2 * x * y},
        gradient(source, x, y),
        1e-15);
    x = 1.7;
    assertArrayEquals(
        new double[] {x * Math.sin(y) + y + x * y * y + 4, Math.sin(y) + y * y, x * Math.cos(y) + 1 + 2 * x * y},
        gradient(source, x, y),
        1e-15);
  }

  /**
   * Found by the random vector-valued programs (R0.m0 of batch 8 of a 3,000-program run, whose pullback
   * parted from uᵀJ, and R1.m110 of batch 9), shrunk by hand; a first-order defect of scalar methods too.
   * The normalizer lifted a double {@code ?:} out of an array store's value ({@code t0[i] += e} is {@code
   * t0[i] = t0[i] + e}) but not out of its target index, so the reverse sweep evaluated {@code (int) (c <
   * 0 ? t0[1] : t0[1])} again after {@code t0[1] += a} had changed it, and took the adjoint of the wrong
   * entry: d/da was 2a + 1, for 2a + 2. Fixed in {@code Normalizer.lift}: the indices are lifted too.
   */
  @Test
  void conditionalInStoreIndexReadsArrayChangedLater() throws Exception {
    String source =
        program(
            """
            double[] t0 = new double[2];
            t0[1] = x;
            t0[(int) (y < 0 ? t0[1] : t0[1])] += x * x;
            t0[1] += x;
            return t0[0] + t0[1];
            """);
    double x = 0.6865597169257027;
    double[] g = gradient(source, x, -1.5);
    assertEquals(method(source, x, -1.5), g[0]);
    assertEquals(x * x + 2 * x, g[0], 1e-15);
    assertEquals(2 * x + 2, g[1], 1e-15);
    assertEquals(0.0, g[2]);
  }

  /**
   * Second order, found by the random programs (R0.m6 of batch 6 of a default run while the generator was written, shrunk by hand):
   * pow(a, b)'s partial d/da is written {@code b == 0 ? 0 : b * pow(a, b - 1)} (masked, as PyTorch does,
   * so that pow(0, 0) gives no 0·∞), and second order differentiates that expression: where b is exactly
   * 0 it takes the constant arm, whose derivative by b is 0, so ∂²f/∂a∂b is lost although b·a^(b−1) is
   * smooth there for a ≠ 0. Here f = pow(x² + 1, y) at (0.5, 0): ∂²f/∂x∂y = 2x/(x² + 1) = 0.8, but
   * {@code fHessianVector} along e₀ gives 0 for the y entry, and {@code fHessian}, symmetrized, 0.4.
   * Fixed in {@code rules.Partials.pow}: at b = 0, where a^(b−1) is finite, the partial is written
   * b·a^(b−1) + 0.0, +0.0 as before (the edges test pins first order against {@code Value}) but with
   * its derivative by b.
   */
  @Test
  void powMaskedPartialAtZeroExponentLosesSecondDerivative() throws Exception {
    String source =
        """
        package p;
        import io.adjoint.Differentiable;
        class T {
          @Differentiable(order = 2)
          static double f(double x, double y) {
            return Math.pow(x * x + 1, y);
          }
        }
        """;
    Compilation c =
        Compiler.javac()
            .withProcessors(new DifferentiableProcessor())
            .compile(JavaFileObjects.forSourceString("p.T", source));
    assertEquals(Compilation.Status.SUCCESS, c.status(), () -> c.diagnostics().toString());
    Class<?> gradients = new MemoryClassLoader(c, RegressionTest.class.getClassLoader()).loadClass("p.TGradients");
    Method hv = gradients.getDeclaredMethod("fHessianVector", double.class, double.class, double[].class);
    hv.setAccessible(true);
    double[] column = (double[]) hv.invoke(null, 0.5, 0.0, new double[] {1, 0});
    // ∂²f/∂x² = y(y−1)(x²+1)^(y−2)·4x² + y(x²+1)^(y−1)·2 = 0 at y = 0; ∂²f/∂y∂x = 2x/(x²+1) = 0.8
    assertArrayEquals(new double[] {0.0, 0.8}, column, 1e-15);
    Method hessian = gradients.getDeclaredMethod("fHessian", double.class, double.class);
    hessian.setAccessible(true);
    Object record = hessian.invoke(null, 0.5, 0.0);
    RecordComponent h = record.getClass().getRecordComponents()[2];
    h.getAccessor().setAccessible(true);
    double[][] matrix = (double[][]) h.getAccessor().invoke(record);
    assertEquals(0.8, matrix[0][1], 1e-15);
    assertEquals(0.8, matrix[1][0], 1e-15);
    // just off 0 the mask is not taken, and the same entry is right
    double[] near = (double[]) hv.invoke(null, 0.5, 1e-300, new double[] {1, 0});
    assertEquals(0.8, near[1], 1e-15);
  }

  /**
   * A store's index read an entry of the array that a later statement overwrote, and the reverse sweep
   * computed the index again, after the overwrite: the adjoint went to another entry (found by the
   * merged random programs: a vector program's switch case, R1.m155, shrunk by hand). An index that is
   * not int arithmetic on ints is now named where it is computed.
   */
  @Test
  void storeIndexReadsAnEntryOverwrittenLater() throws Exception {
    String source =
        program(
            """
            double[] t = new double[5];
            t[(int) Math.abs(Math.signum(t[4])) % 4 % t.length] += x * y;
            t[4] = Math.tanh(y + 1);
            return 2 * t[0] + 3 * t[1] + t[4];
            """);
    double y = 0.7;
    double tanh = Math.tanh(y + 1);
    assertArrayEquals(
        new double[] {2 * 0.5 * y + tanh, 2 * y, 2 * 0.5 + (1 - tanh * tanh)}, gradient(source, 0.5, y), 1e-15);
  }

  /** The same for a read: its adjoint went to the entry the index named after the overwrite. */
  @Test
  void readIndexReadsAnEntryOverwrittenLater() throws Exception {
    String source =
        program(
            """
            double[] t = new double[] {x, 2 * x, 0.0};
            double r = t[(int) Math.abs(Math.signum(t[2]))] * y;
            t[2] = 1.0;
            return r + t[2];
            """);
    assertArrayEquals(new double[] {0.5 * 0.7 + 1.0, 0.7, 0.5}, gradient(source, 0.5, 0.7), 1e-15);
  }

  /**
   * A call's value stored into the array the call reads, then read back (forwarded) after another store
   * into that entry: the call's partial with respect to the array reached the array's adjoint at the
   * read, before the reverse of the store in between took that entry's adjoint as its own, so the
   * call's partials counted twice (found by the random programs, in a method returning double[]).
   */
  @Test
  void callValueStoredIntoTheArrayItReads() throws Exception {
    String source =
        """
        package p;
        import io.adjoint.Differentiable;
        class T {
          @Differentiable
          static double g(double p, double[] a) {
            return p * a[0];
          }

          @Differentiable
          static double f(double x, double y) {
            double[] t = new double[1];
            t[0] = x * y;
            t[0] = g(x, t);
            return t[0];
          }
        }
        """;
    double x = 1.45;
    double y = -1.72;
    // f = x · (x y) = x² y
    assertArrayEquals(new double[] {x * x * y, 2 * x * y, x * x}, gradient(source, x, y), 1e-15);
  }

  /**
   * An int constant stored into a double entry and read back was forwarded as the int: {@code
   * Math.ulp(3)} took the float overload, and {@code TWO / a[0]} divided as ints. The generated forms
   * computed a wrong value and wrong partials. Found
   * by a 4,000-program run (R3.m327 of batch 18, a vector program's Jacobian), shrunk by hand.
   */
  @Test
  void intStoredIntoADoubleEntry() throws Exception {
    String source =
        """
        package p;
        import io.adjoint.Differentiable;
        class T {
          static final int THREE = 3;
          static final int TWO = 2;

          @Differentiable
          static double f(double x, double y) {
            double[] a = new double[1];
            a[0] = THREE;
            return x * Math.ulp(a[0]) * 1e12 + y * (TWO / a[0]);
          }
        }
        """;
    double ulp = Math.ulp(3.0) * 1e12;
    assertEquals(2 * ulp + 5 * (2.0 / 3.0), method(source, 2, 5), 0.0);
    assertArrayEquals(new double[] {2 * ulp + 5 * (2.0 / 3.0), ulp, 2.0 / 3.0}, gradient(source, 2, 5), 1e-12);
  }

  /**
   * A loop condition reading an array entry stored before the loop, which the body overwrites through
   * another index: the condition read the value stored before the loop at every test, so the loop ran on
   * (a wrong value and gradient, in every form). Found by the random programs (a vector program's
   * Jacobian, R3.m373 of batch 4 with records), shrunk by hand. At x = 1, y = 0.75 the loop stops after
   * five iterations with a[1] = x + 3y: f = (x + 3y)·x + 5, ∂f/∂x = 2x + 3y, ∂f/∂y = 3x.
   */
  @Test
  void loopConditionReadsAnEntryTheBodyOverwrites() throws Exception {
    String source =
        """
        package p;
        import io.adjoint.Differentiable;
        class T {
          @Differentiable
          static double f(double x, double y) {
            double[] a = new double[2];
            a[1] = x;
            int n = 0;
            for (int i = 0; a[1] < 3 && i < 10; i++) {
              a[(i + 1) % 2] = a[1] + y;
              n = n + 1;
            }
            return a[1] * x + n;
          }
        }
        """;
    assertEquals(8.25, method(source, 1, 0.75), 0.0);
    assertArrayEquals(new double[] {8.25, 4.25, 3.0}, gradient(source, 1, 0.75), 1e-12);
  }

  /**
   * A value stored into an array entry that took part of it from a call reading that array, {@code a[0] =
   * h(g(a))}, read back: forwarded whole, its partials reached {@code a}'s adjoint before the reverse of
   * the store killed it, and were counted again through it. Found by the random programs (a vector
   * program's pullback, R3.m436 of batch 2 with records), shrunk by hand. f = 2·3·x², f' = 12x.
   */
  @Test
  void storedValueReadingTheArrayThroughANestedCall() throws Exception {
    String source =
        """
        package p;
        import io.adjoint.Differentiable;
        class T {
          @Differentiable
          static double g(double[] q) {
            return q[0] * q[0];
          }

          @Differentiable
          static double h(double u) {
            return 3 * u;
          }

          @Differentiable
          static double f(double x) {
            double[] a = new double[1];
            a[0] = x;
            double s = 0;
            for (int i = 0; i < 1; i++) {
              a[0] = h(g(a));
              s += a[0];
            }
            return s + a[0];
          }
        }
        """;
    assertEquals(2 * 3 * 0.7 * 0.7, method(source, 0.7), 1e-15);
    assertArrayEquals(new double[] {2 * 3 * 0.7 * 0.7, 12 * 0.7}, gradient(source, 0.7), 1e-12);
  }

  /**
   * A record local assigned a new record made from its own components ({@code q = new Q(q.b(), q.a())})
   * had its leaves assigned one after another, so that a later component read the earlier one's new
   * value: the swap gave {@code Q(y, y)}, value and gradient alike. Found by the random record programs
   * ({@code var value = pb; value = new Rec3(new Rec2(1.0, 1.0, value.s().y()));}) once the nested
   * reductions reshuffled a default run's draws. The leaves are assigned in {@code
   * lower/RecordLowering.assign}.
   */
  @Test
  void recordLocalAssignedFromItsOwnComponents() throws Exception {
    String source =
        """
        package p;
        import io.adjoint.Differentiable;
        class T {
          record Q(double a, double b, double c) {}

          @Differentiable
          static double f(double x, double y) {
            Q q = new Q(x, y, 0.5);
            q = new Q(q.b(), q.a(), q.c() * q.a());
            return 2 * q.a() + q.b() + q.c();
          }
        }
        """;
    // q = (y, x, 0.5x): f = 2y + x + 0.5x
    double x = 2;
    double y = 3;
    assertEquals(2 * y + 1.5 * x, method(source, x, y), 1e-12);
    assertArrayEquals(new double[] {2 * y + 1.5 * x, 1.5, 2}, gradient(source, x, y), 1e-12);
  }
}
