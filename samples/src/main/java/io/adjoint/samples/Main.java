package io.adjoint.samples;

import io.adjoint.samples.walkthrough.Walkthrough;

/** Runs every sample. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("Adjoint samples");
    Walkthrough.run(System.out);
    io.adjoint.samples.seed.SeedSamples.run(System.out);
    io.adjoint.samples.logistic.LogisticSample.run(System.out);
    io.adjoint.samples.curvefit.CurveFitSample.run(System.out);
    io.adjoint.samples.newton.NewtonSample.run(System.out);
    io.adjoint.samples.ba.BundleAdjustmentSample.run(System.out);
    io.adjoint.samples.lstm.LstmSample.run(System.out);
    io.adjoint.samples.records.RecordSamples.run(System.out);
    try {
      io.adjoint.samples.mlp.Pictures.run(picturesDirectory(), System.out);
    } catch (java.io.IOException e) {
      System.out.println("Could not write the pictures: " + e.getMessage());
    }
  }

  /** Where the pictures go: {@code samples/target/pictures} from the repository, else {@code target/pictures}. */
  static java.nio.file.Path picturesDirectory() {
    java.nio.file.Path samples = java.nio.file.Path.of("samples");
    java.nio.file.Path base = java.nio.file.Files.isDirectory(samples.resolve("src")) ? samples : java.nio.file.Path.of(".");
    return base.resolve("target").resolve("pictures");
  }
}
