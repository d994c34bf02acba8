package io.adjoint.processor.random;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Defines the classes an in-memory compilation wrote to CLASS_OUTPUT. */
public final class MemoryClassLoader extends ClassLoader {
  private final Map<String, byte[]> classes = new HashMap<>();

  public MemoryClassLoader(Compilation compilation, ClassLoader parent) {
    super(parent);
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = f.toUri().getPath();
      int at = path.indexOf("CLASS_OUTPUT/");
      if (at < 0) {
        continue;
      }
      String name = path.substring(at + "CLASS_OUTPUT/".length(), path.length() - ".class".length());
      try (InputStream in = f.openInputStream()) {
        classes.put(name.replace('/', '.'), in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }
}
