package io.adjoint.processor.ssa;

import io.adjoint.processor.ir.Function;
import io.adjoint.processor.ir.Parameter;
import java.util.HashSet;
import java.util.Set;

/**
 * A function in the shape every transformation starts from: its body normalized (see {@link
 * Normalizer}), a name allocator that already holds every name the body uses and the parameters, and the
 * receiver parameter's name for an instance method.
 *
 * @param function the function, its body normalized
 * @param names allocates the generated locals' names, never one the user wrote
 * @param receiver the receiver parameter's name, or null for a static method
 */
public record Normalized(Function function, Names names, String receiver) {
  public static Normalized of(Function function) {
    Set<String> reserved = new HashSet<>();
    for (Parameter p : function.parameters()) {
      reserved.add(p.name());
    }
    // a record parameter is a parameter of the generated forms too, beside the leaves it is taken into
    function.records().forEach(r -> reserved.add(r.name()));
    Normalizer.declaredNames(function.body(), reserved);
    var body = new Normalizer(reserved).normalize(function.body());
    Normalizer.declaredNames(body, reserved);
    if (!Normalizer.terminates(body)) {
      throw new IllegalStateException("a path of " + function.name() + " does not return");
    }
    Function normalized = function.withBody(body);
    Names names = new Names(reserved);
    for (Parameter p : function.parameters()) {
      names.allocate(p.name(), true);
    }
    String receiver =
        function.receiver() == null
            ? null
            : names.allocate(decapitalize(function.receiver().type().simpleName()), false);
    return new Normalized(normalized, names, receiver);
  }

  private static String decapitalize(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
