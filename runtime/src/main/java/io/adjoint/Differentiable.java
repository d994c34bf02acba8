package io.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method returning {@code double} or {@code double[]} whose derivatives the Adjoint processor
 * generates at compile time.
 *
 * <p>For a class {@code p.Foo} the processor writes {@code p.FooGradients} (a nested {@code Outer.Inner}
 * gives {@code Outer_InnerGradients}). For each annotated method {@code double f(double x, double y)} it
 * holds:
 *
 * <ul>
 *   <li>{@code static FGradient f(double x, double y)}, returning a record with the value and one
 *       partial derivative per differentiable parameter, named like that parameter;
 *   <li>{@code static double fInto(double x, double y, double[] partials)}, the allocation-free form for
 *       hot loops: it writes the partials into {@code partials} and returns the value;
 *   <li>{@code static double fPullback(double x, double y, double upstream, double[] adjoints, int
 *       offset)}: it adds {@code upstream} times each partial into {@code adjoints[offset + i]} and
 *       returns the value.
 * </ul>
 *
 * <p>Every method also gets {@code fTangent}, its directional derivative in one forward sweep. A method
 * returning {@code double[]} gets {@code fJacobian}, {@code fTangent} and {@code fPullback} (the
 * vector–Jacobian product) instead of the gradient forms; with {@code order = 2}, a method returning
 * {@code double} also gets {@code fHessian} and {@code fHessianVector}.
 *
 * <p>The annotation is kept in class files so that methods compiled into a jar can be called from
 * differentiable methods compiled later.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {
  /**
   * The highest order of derivatives to generate: 1 (the default) for gradients, tangents and, for a
   * method returning {@code double[]}, Jacobians; 2 to add {@code fHessian} and {@code fHessianVector}
   * for a method returning {@code double}.
   *
   * @return 1 or 2
   */
  int order() default 1;
}
