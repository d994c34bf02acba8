package io.adjoint.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pictures sample trains, reports progress and writes two real PNG images. */
class PicturesTest {
  @Test
  void writesTheLossCurveAndTheBoundary(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Pictures.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Step    0: loss"), printed);
    assertTrue(printed.contains("Step  350: loss"), printed);
    assertTrue(printed.contains("Final: loss"), printed);
    BufferedImage loss = ImageIO.read(dir.resolve("loss.png").toFile());
    BufferedImage boundary = ImageIO.read(dir.resolve("boundary.png").toFile());
    assertEquals(640, loss.getWidth());
    assertEquals(400, loss.getHeight());
    assertEquals(560, boundary.getWidth());
    // the boundary picture shows both class colours of the field
    boolean orange = false;
    boolean blue = false;
    for (int x = 0; x < boundary.getWidth(); x += 4) {
      for (int y = 0; y < boundary.getHeight(); y += 4) {
        int rgb = boundary.getRGB(x, y) & 0xffffff;
        orange |= rgb == 0xfde0c5;
        blue |= rgb == 0xc6dbef;
      }
    }
    assertTrue(orange && blue, "both regions drawn");
  }
}
