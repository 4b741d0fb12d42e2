package io.fusioncommerce.ingress.catalog.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import javax.imageio.ImageIO;

/** Real image files for the media tests. */
final class TestImages {

  private TestImages() {}

  /** An image written by the JDK's ImageIO ({@code png}, {@code jpg}, {@code gif}). */
  static byte[] image(String format, int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      image.setRGB(x, x % height, 0xff8800);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).as(format).isTrue();
    return out.toByteArray();
  }

  /** A 1x1 lossless WebP (ImageIO writes no WebP). */
  static byte[] webp() {
    return HexFormat.of().parseHex("524946461a000000574542505650384c0d0000002f00000010071011118888fe0700");
  }

  /** {@code head} followed by zeros up to {@code size} bytes: still starts with the image's magic bytes. */
  static byte[] padded(byte[] head, int size) {
    byte[] bytes = new byte[size];
    System.arraycopy(head, 0, bytes, 0, head.length);
    return bytes;
  }
}
