package io.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's error catalogue lists every message, by code and constant. */
class ReadmeCatalogueTest {
  @Test
  void everyMessageIsInTheReadme() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Message m : Message.values()) {
      String code = m.code().substring("[Adjoint:".length(), m.code().length() - 1);
      String row = "| `" + code + "` | `" + m.name() + "` |";
      assertTrue(readme.contains(row), () -> "README.md lacks the row " + row);
    }
  }
}
