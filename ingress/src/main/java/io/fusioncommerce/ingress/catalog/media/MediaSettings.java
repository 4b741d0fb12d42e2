package io.fusioncommerce.ingress.catalog.media;

import java.util.Map;

/**
 * Limits of the media routes.
 *
 * @param maxUploadBytes the largest file an upload may carry (413 above it); the rest of the API keeps the
 *     ingress's general request limit
 */
public record MediaSettings(long maxUploadBytes) {

  public static final long DEFAULT_MAX_UPLOAD_BYTES = 5L * 1024 * 1024;
  public static final String MAX_UPLOAD_BYTES_VARIABLE = "FUSION_MEDIA_MAX_BYTES";

  public MediaSettings {
    if (maxUploadBytes < 1) {
      throw new IllegalArgumentException("the upload limit must be at least one byte");
    }
  }

  public static MediaSettings defaults() {
    return new MediaSettings(DEFAULT_MAX_UPLOAD_BYTES);
  }

  /** {@value #MAX_UPLOAD_BYTES_VARIABLE} when set (bytes), otherwise 5 MiB. */
  public static MediaSettings fromEnvironment(Map<String, String> env) {
    String value = env.get(MAX_UPLOAD_BYTES_VARIABLE);
    if (value == null || value.isBlank()) {
      return defaults();
    }
    try {
      return new MediaSettings(Long.parseLong(value.trim()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(MAX_UPLOAD_BYTES_VARIABLE + " must be a positive number of bytes, not " + value);
    }
  }
}
