package io.adjoint;

/**
 * Builds and back-propagates a chain of {@code args[0]} operations, then prints "ok". Run by {@link
 * ValueHeapTest} in a JVM of its own so that the heap limit applies to this graph alone.
 */
final class LargeGraphCheck {
  private LargeGraphCheck() {}

  public static void main(String[] args) {
    ValueGraphTest.checkChain(Integer.parseInt(args[0]));
    System.out.println("ok");
  }
}
