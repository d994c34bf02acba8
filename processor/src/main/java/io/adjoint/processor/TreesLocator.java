package io.adjoint.processor;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's {@link Trees} for a processing environment, also when a build tool wraps javac's (IntelliJ
 * hands processors a proxy, Gradle a delegating wrapper). Returns null where there is no javac underneath,
 * as under Eclipse's compiler; the processor then reports one clear error per method.
 */
final class TreesLocator {
  private TreesLocator() {}

  static Trees find(ProcessingEnvironment env) {
    ProcessingEnvironment current = env;
    for (int depth = 0; depth < 8 && current != null; depth++) {
      try {
        return Trees.instance(current);
      } catch (IllegalArgumentException | LinkageError notJavac) {
        current = unwrap(current);
      }
    }
    return null;
  }

  /** The environment a wrapper delegates to, or null. */
  private static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
    if (Proxy.isProxyClass(env.getClass())) {
      InvocationHandler handler = Proxy.getInvocationHandler(env);
      ProcessingEnvironment inner = field(handler, "val$delegateTo", "delegate", "delegateTo", "target");
      if (inner != null) {
        return inner;
      }
    }
    return field(env, "delegate", "processingEnv", "processingEnvironment", "env");
  }

  private static ProcessingEnvironment field(Object holder, String... names) {
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (String name : names) {
        try {
          Field f = c.getDeclaredField(name);
          f.setAccessible(true);
          Object value = f.get(holder);
          if (value instanceof ProcessingEnvironment p && p != holder) {
            return p;
          }
        } catch (ReflectiveOperationException | RuntimeException ignored) {
          // not this one
        }
      }
    }
    return null;
  }
}
