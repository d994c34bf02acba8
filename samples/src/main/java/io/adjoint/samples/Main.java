package io.adjoint.samples;

/** Runs every sample. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("Adjoint samples");
  }
}
