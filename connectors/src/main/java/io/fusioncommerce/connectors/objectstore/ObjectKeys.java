package io.fusioncommerce.connectors.objectstore;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What an object key may look like: 1 to 1024 bytes of {@code /}-separated segments of letters, digits,
 * {@code . _ -}, none empty, none {@code .} or {@code ..}. Narrower than S3 allows, so a key is also a
 * safe file path (the embedded store keeps objects as files) and a safe URL path.
 */
public final class ObjectKeys {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
  private static final int MAX_BYTES = 1024;

  private ObjectKeys() {}

  public static boolean isValid(String key) {
    if (key == null || key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return false;
    }
    for (String segment : key.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** {@code key}, when it is valid; otherwise an {@link IllegalArgumentException} naming it. */
  public static String requireValid(String key) {
    if (!isValid(key)) {
      throw new IllegalArgumentException("not a valid object key: " + key);
    }
    return key;
  }
}
