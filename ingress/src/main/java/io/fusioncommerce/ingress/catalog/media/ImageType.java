package io.fusioncommerce.ingress.catalog.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * The image types product media may be, and how an upload's real type is found: from its magic bytes
 * (Apache Tika's MIME database), never from its name or the type its sender declared.
 */
public enum ImageType {
  JPEG("image/jpeg", "jpg", "image/jpg", "image/pjpeg"),
  PNG("image/png", "png", "image/x-png"),
  WEBP("image/webp", "webp"),
  GIF("image/gif", "gif");

  /** Content detection by magic bytes only: no file name or declared type is given to it. */
  private static final MimeTypes MAGIC = MimeTypes.getDefaultMimeTypes();

  private final String mimeType;
  private final String extension;
  /** Other names clients send for the type (old browsers, some libraries). */
  private final List<String> aliases;

  ImageType(String mimeType, String extension, String... aliases) {
    this.mimeType = mimeType;
    this.extension = extension;
    this.aliases = List.of(aliases);
  }

  public String mimeType() {
    return mimeType;
  }

  public String extension() {
    return extension;
  }

  /** The type named {@code mimeType} or one of its aliases ({@code image/jpg} is JPEG). */
  public static Optional<ImageType> ofMimeType(String mimeType) {
    return Arrays.stream(values())
        .filter(type -> type.mimeType.equals(mimeType) || type.aliases.contains(mimeType)).findFirst();
  }

  public static Optional<ImageType> ofExtension(String extension) {
    return Arrays.stream(values()).filter(type -> type.extension.equals(extension)).findFirst();
  }

  public static String allowed() {
    return Arrays.stream(values()).map(ImageType::mimeType).collect(Collectors.joining(", "));
  }

  /**
   * The type {@code content}'s bytes are (e.g. {@code image/png}, {@code text/plain},
   * {@code application/octet-stream} when nothing matches). {@code content} must support mark/reset;
   * it is reset to where it was.
   */
  public static String detect(InputStream content) {
    if (!content.markSupported()) {
      throw new IllegalArgumentException("detection needs a stream that supports mark/reset");
    }
    try {
      return MAGIC.detect(content, new Metadata()).getBaseType().toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the upload", e);
    }
  }

  /** The base type of a Content-Type header value, lower case ({@code "image/PNG; x=y"} → {@code image/png}). */
  static Optional<String> baseType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return Optional.empty();
    }
    MediaType parsed = MediaType.parse(contentType.trim().toLowerCase(Locale.ROOT));
    return parsed == null ? Optional.empty() : Optional.of(parsed.getBaseType().toString());
  }
}
