package io.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code double} method whose reverse-mode gradient the Adjoint processor generates at compile
 * time.
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
 * <p>The annotation is kept in class files so that methods compiled into a jar can be called from
 * differentiable methods compiled later.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {}
