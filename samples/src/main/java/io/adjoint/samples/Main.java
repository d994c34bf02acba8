package io.adjoint.samples;

import io.adjoint.samples.walkthrough.Walkthrough;

/** Runs every sample. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("Adjoint samples");
    Walkthrough.run(System.out);
    io.adjoint.samples.seed.SeedSamples.run(System.out);
    io.adjoint.samples.mlp.Training.run(System.out);
  }
}
