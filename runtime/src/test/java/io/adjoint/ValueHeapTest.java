package io.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A graph of 10,000,000 nodes is built and back-propagated within a 1 GiB heap. */
class ValueHeapTest {

  @Test
  void tenMillionNodeChainFitsInOneGibibyte() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx1g",
                    "-cp",
                    System.getProperty("java.class.path"),
                    LargeGraphCheck.class.getName(),
                    "10000000"))
            .redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), output);
    assertEquals("ok", output.strip());
  }
}
