package io.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the partial derivative of a function the processor cannot see into (a library method) or
 * should not differentiate itself (one that needs a numerically careful rule), as Swift's
 * {@code @derivative(of:)} and JAX's {@code custom_vjp} allow. Wherever a {@code @Differentiable}
 * method calls that function, the generated code calls the function for its value and this method for
 * its partial derivative.
 *
 * <p>The annotated method is static, returns {@code double} and takes the same parameters as the
 * function; it returns the partial derivative of the function with respect to parameter {@link #wrt()}
 * at those arguments. Declare one for each {@code double} parameter of the function:
 *
 * <pre>{@code
 * @Derivative(of = "erf", in = Erf.class, wrt = "x")
 * static double erfDerivative(double x) {
 *   return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
 * }
 * }</pre>
 *
 * <p>The function must be static and visible to the generated class (not private). Declarations are
 * found among the classes compiled together with the methods that use them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Derivative {
  /**
   * The name of the function this method differentiates.
   *
   * @return the function's simple name
   */
  String of();

  /**
   * The name of the parameter of that function the derivative is taken with respect to.
   *
   * @return a {@code double} parameter's name
   */
  String wrt();

  /**
   * The class declaring the function; by default the class declaring this method.
   *
   * @return the class, or {@code void.class} for this method's own
   */
  Class<?> in() default void.class;
}
