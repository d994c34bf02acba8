package io.adjoint.processor;

import java.util.Locale;

/**
 * Every diagnostic the processor reports. Each has a stable code, printed first as {@code
 * [Adjoint:E201]}; tests refer to these constants, never to copies of the text.
 */
public enum Message {
  // Records (differentiable records: see the README).
  RECORD_COMPONENT(280, "record %s has component %s of type %s, so it cannot be differentiated. A"
      + " differentiable record's components are double, double[], double[][], int, long, boolean, or"
      + " differentiable records: change the component's type, or pass its parts as separate parameters."),
  RECORD_HIDDEN(281, "record %s is private, generic or contains itself, so generated code cannot take it apart."
      + " Make it a non-generic package-private (or public) record."),
  RECORD_ARRAY(282, "%s is an array of %s, whose components are not all doubles (nested records of doubles"
      + " are fine): an array of records is taken apart into one double[]. Keep the other components in"
      + " separate arrays, or pass the records one by one."),
  RECORD_VALUE(283, "%s is a record used as a value here. Read its components through accessors (%s),"
      + " pass it to a @Differentiable method, keep it in a local, or create one with new."),
  RECORD_METHOD(284, "%s calls a method of a record that is neither an accessor nor @Differentiable: mark the"
      + " method @Differentiable (a record's instance methods may be), or compute its value outside."),
  RECORD_LOCAL(285, "%s: a record local is declared with a record value (a record parameter, an element of an"
      + " array of records, new R(…), an accessor, or another record local); its array components must be"
      + " arrays the method already names, and a record with array components is not assigned again."),
  RECORD_CONDITIONAL(287, "%s chooses between records with array components, which are not taken apart"
      + " there: choose between the components you need (c ? a.x() : b.x()), or make the call in each branch"
      + " of an if."),
  RECORD_FORM(286, "%s takes or gives a record, which is not supported yet for %s. Use a double-valued"
      + " method of order 1 over records, or pass the components as doubles and arrays."),
  // The method as a whole.
  RETURN_TYPE(100, "%s returns %s; only methods returning double or double[] can be @Differentiable."
      + " Return double (a gradient) or double[] (a Jacobian), or remove @Differentiable."),
  NO_BODY(101, "%s has no body (abstract, native or interface method), so there is nothing to"
      + " differentiate. Put @Differentiable on a method with a body."),
  PARAMETER_TYPE(102, "parameter %s has type %s, which cannot be differentiated. Use double, double[] or"
      + " double[][] (they get partial derivatives), a record of these (or an array of one), or int, long,"
      + " boolean or an enum (passed through). A plain class can become a record."),
  PRIVATE_ENUM(103, "parameter %s has type %s, a private enum or one in a private class, which the generated"
      + " class cannot name. Make the enum package-private."),
  PRIVATE_RECEIVER(104, "%s is an instance method of private %s, which the generated class cannot"
      + " name. Make the class package-private, or the method static."),
  TREES_UNAVAILABLE(105, "this compiler does not give annotation processors the javac Tree API"
      + " (com.sun.source), so Adjoint cannot read %s. Build with javac: Maven, Gradle or the javac"
      + " command line."),
  INTERNAL_ERROR(106, "internal error while differentiating %s: %s. This is a bug in Adjoint;"
      + " please report it with this method."),
  MISSING_RETURN(107, "not every path through %s ends in a return statement."),
  GENERATED_CLASH(109, "the %s form generated for %s would have the same signature, %s, as one generated"
      + " for %s. Rename one of the two methods, or change its parameters."),
  ORDER(110, "@Differentiable(order = %d) on %s: the order must be 1 (gradients, tangents, Jacobians) or 2"
      + " (also Hessians)."),
  ORDER_OF_VECTOR(111, "@Differentiable(order = 2) on %s, which returns double[]: Hessians are generated for"
      + " methods returning double. Use order = 1 for the Jacobian, or differentiate one output twice in a"
      + " double method."),
  CALLEE_FAILED(108, "%s cannot be differentiated because its gradient could not be generated (see the"
      + " errors reported on it)."),

  // Inlining: calls to vector-valued methods, and every call of a second-order method.
  INLINE_NO_SOURCE(260, "%s is compiled elsewhere, so its body cannot be inlined here, which %s. Compile it"
      + " together with this method."),
  INLINE_RECURSIVE(261, "%s calls itself (directly or through other methods), so its body cannot be inlined,"
      + " which %s. Write it without recursion."),
  INLINE_ARRAYS(262, "%s returns different arrays on different paths, so a call to it cannot be inlined."
      + " Declare one result array at the top of the method, fill it on every path, and return it."),
  INLINE_CONDITIONAL(263, "%s is called where it is evaluated only under a condition (a loop condition, the"
      + " right of && or ||, or an arm of ?:), so its body cannot be inlined there. Call it before, into a"
      + " local."),
  INLINE_ARRAY_IN_LOOP(265, "%s, inlined where it is called, inside a loop, creates or returns an array that"
      + " cannot be split into scalars there: only a double[] of constant size (at most 16 entries), only"
      + " indexed, can be (E242). Call it before the loop, give the array a constant size, or write the loop"
      + " body as a method returning double."),
  INLINE_INACCESSIBLE(266, "%s uses %s, which is not visible in package %s, where its body would be inlined,"
      + " which %s. Make it public (and its class), or move the caller into package %s."),
  SECOND_ORDER_RULE(264, "the second derivatives of %s need the derivative of the @Derivative rule %s (of %s),"
      + " whose body is not in the differentiable subset or not compiled with it. Write the rule within the"
      + " subset, make the function @Differentiable instead of giving it rules, or use order = 1."),

  // Statements.
  UNSUPPORTED_STATEMENT(200, "%s is not supported in a @Differentiable method. The supported statements"
      + " are local declarations, assignments, ++/--, if/else, blocks and return."),
  TRY(201, "try statements are not supported in a @Differentiable method: a derivative cannot flow"
      + " through an exception. Catch exceptions in the caller."),
  SYNCHRONIZED(202, "synchronized is not supported in a @Differentiable method: it must be a pure"
      + " function of its arguments. Synchronize in the caller."),
  LOCAL_CLASS(203, "local classes are not supported in a @Differentiable method. Declare the class"
      + " outside the method."),
  LABELED_JUMP(204, "labeled break and continue are not supported in a @Differentiable method. Move the"
      + " inner loop into a @Differentiable method of its own, or use a flag."),
  THROW(205, "throw is not supported in a @Differentiable method. Validate arguments in the caller."),
  LOCAL_TYPE(207, "local variable %s has type %s. Locals of a @Differentiable method must be double,"
      + " int, long or boolean."),
  ENUM_VARIABLE(270, "%s would keep an enum value in a variable of the method, which is not supported in a"
      + " @Differentiable method: an enum value is data there, a parameter or a constant (Mode.FAST), compared"
      + " with == and != and switched on. Use the parameter or the constant itself, or switch on it."),
  ENUM_METHOD(271, "%s calls a method of an enum value, which is not supported in a @Differentiable method"
      + " (ordinal() is): compare it with == and != or switch on it, or compute the value outside and pass it"
      + " in as a parameter."),

  CALL_IN_LOOP_CONDITION(209, "the condition %s of a do-while loop whose body has continue calls a"
      + " @Differentiable method, which is not supported. Compute it into a local at the end of the body and"
      + " before each continue, and test the local."),

  // Expressions.
  UNSUPPORTED_EXPRESSION(210, "%s is not supported in a @Differentiable method, which computes with"
      + " double, int, long and boolean values only."),
  LAMBDA(211, "lambda expressions are not supported in a @Differentiable method. Call a"
      + " @Differentiable method instead."),
  METHOD_REFERENCE(212, "method references are not supported in a @Differentiable method. Call a"
      + " @Differentiable method instead."),
  OBJECT_CREATION(213, "object creation (%s) is not supported in a @Differentiable method, which"
      + " computes with double, int, long and boolean values only."),
  NESTED_ASSIGNMENT(214, "an assignment or %s inside an expression is not supported. Write it as a"
      + " statement of its own."),
  LITERAL_TYPE(215, "%s literals are not supported in a @Differentiable method. Use double, int, long"
      + " or boolean values."),
  OPERAND_TYPES(216, "operator %s cannot be applied to %s here."),
  DOUBLE_REMAINDER(217, "%% on double values is not supported: its derivative with respect to the"
      + " divisor is discontinuous. Write a - b * Math.floor(a / b) instead."),
  CAST_TYPE(218, "cast to %s is not supported. Casts to double, int and long are."),

  ARRAY_ALIAS(240, "%s would make a second name for an array in a way that is not supported: the gradient"
      + " of an array is tracked under one name. A local may name another array or a row, to read it"
      + " (double[] row = m[i];); otherwise index the original array directly."),
  PARAMETER_ARRAY_WRITE(241, "%s writes into parameter %s: generated code never modifies the caller's"
      + " arrays. Copy it into a local array first."),
  RETURN_ARRAY_IN_LOOP(249, "%s returns from inside a loop something other than a new array of the size every"
      + " such return gives (return new double[] {a, b}; or a record): assign the entries to locals declared"
      + " before the loop, break, and return after it."),
  ARRAY_IN_LOOP(242, "%s creates an array inside a loop, which is supported only for a double[] of a"
      + " constant size (new double[3], {a, b}) of at most 16 entries, split into one local per entry. Create"
      + " it before the loop and overwrite its entries."),
  LOOP_ARRAY_USE(248, "%s: %s is an array created inside a loop, which can only be indexed, with int"
      + " arithmetic that calls nothing (t[0], t[k + 1]), and asked its length: it is split into one local per"
      + " entry. Index it, or create it before the loop and overwrite its entries."),
  ALIAS_WRITE(246, "%s writes through %s, a second name for array %s: a second name can only be read in a"
      + " @Differentiable method. Write into %3$s itself."),
  ALIASED_ARRAY_WRITE(247, "%s writes into %s while %s, a second name for it, is in scope: a second name"
      + " can only be read, and the array it names must not change while it lives. Write before declaring"
      + " %3$s, or after its block."),
  ARRAY_TYPE(243, "%s arrays are not supported. Use double[] or double[][] (rectangular)."),
  INDEXED_CREATION(245, "%s reads an entry of an array as it is created, which is not supported: the"
      + " gradient of an array is tracked under a local's name. Declare it (double[] t = {...};), then read"
      + " t[i]."),
  MATRIX_INITIALIZER(244, "%s: a double[][] is initialized with {...} only where a local is declared,"
      + " each row a {...} list of doubles and every row of one length. Declare a local"
      + " (double[][] m = {{a, b}, {c, d}};), or create it with new double[n][m] and store its entries."),

  // Calls.
  INACTIVE_PARAMETER(225, "argument %s of %s depends on the differentiated inputs, but parameter %s is"
      + " @NoDerivative, so its derivative would be lost. Remove @NoDerivative from %s, or pass a value that"
      + " does not depend on the inputs."),
  NO_DERIVATIVE(220, "call to %s has no derivative: annotate it with @Differentiable, declare its"
      + " derivative with @Derivative, or compute the value outside and pass it in as a parameter."),
  MATH_NO_DERIVATIVE(221, "Math.%s has no derivative rule. Supported: sin cos tan asin acos atan atan2"
      + " sinh cosh tanh exp expm1 log log10 log1p sqrt cbrt pow hypot abs min max toRadians toDegrees fma"
      + " scalb copySign nextUp nextDown nextAfter IEEEremainder, and signum floor ceil rint round ulp"
      + " getExponent (derivative 0)."),
  MATH_FLOAT_OVERLOAD(226, "Math.%s(%s) would call the float overload, and float is not supported in a"
      + " @Differentiable method. Make an argument double: (double) n."),
  UNRESOLVED_METHOD(222, "cannot find a method %s taking (%s)."),
  CALL_ON_OBJECT(223, "calls on objects (%s) are not supported in a @Differentiable method. Call static"
      + " methods, methods of this class, or Math functions."),
  AMBIGUOUS_CALL(224, "call to %s is ambiguous between overloads. Cast the arguments to pick one."),

  // Switch.
  SWITCH_SELECTOR(227, "switch on %s, a %s value, is not supported in a @Differentiable method: a switch"
      + " must be on an int or an enum. Compare with if/else instead."),
  SWITCH_JUMP(228, "this %s would leave a switch from inside a loop or another switch, or leave a switch"
      + " expression, which is not supported in a @Differentiable method. Set a local there, and test it"
      + " after the inner statement."),
  SWITCH_EXPRESSION_BLOCK(229, "a switch expression whose cases are not all expressions (case 1 -> e;) can"
      + " only stand alone in a @Differentiable method: as a local's initializer, an assignment's value or a"
      + " returned value. Assign it to a local first."),
  // Custom derivatives.
  DERIVATIVE_TARGET(250, "@Derivative(of = \"%s\") on %s: %s has no method %s with the same parameter types as %s."
      + " Give the derivative method the function's parameters."),
  DERIVATIVE_WRT(251, "@Derivative(wrt = \"%s\") on %s: %s has no double parameter named %s."),
  DERIVATIVE_SIGNATURE(252, "@Derivative method %s must be static, return double and not be private; and the"
      + " function it differentiates must be static and not private, so that generated code can call both."),
  DERIVATIVE_MISSING(253, "%s has a @Derivative for %s but none for its double parameter %s. Declare"
      + " @Derivative(of = \"%s\", wrt = \"%s\") too."),
  DERIVATIVE_DUPLICATE(254, "%s already has a @Derivative with respect to %s: %s."),

  // Names and fields.
  FIELD_WRITE(230, "assignment to field %s: a @Differentiable method may not write fields. Use a local"
      + " variable."),
  FIELD_TYPE(231, "field %s has type %s. A @Differentiable method can read double, int, long and"
      + " boolean fields only."),
  FIELD_PRIVATE(232, "field %s is private, or in a private class, and not a compile-time constant, so the"
      + " generated class cannot read it. Make the field and its class package-private, or make it a final"
      + " field with a constant value."),
  UNRESOLVED_NAME(233, "cannot find %s."),
  INSTANCE_FIELD_IN_STATIC(234, "instance field %s is read in static method %s.");

  private final String code;
  private final String template;

  Message(int number, String template) {
    this.code = String.format(Locale.ROOT, "[Adjoint:E%d]", number);
    this.template = template;
  }

  /** The stable code, for example {@code [Adjoint:E201]}. */
  public String code() {
    return code;
  }

  public String format(Object... args) {
    return code + " " + String.format(Locale.ROOT, template, args);
  }
}
