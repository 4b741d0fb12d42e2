package io.fusioncommerce.connectors.objectstore;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * An object read from an {@link ObjectStore}: its bytes as a stream (read once, then close) and its
 * metadata. Closing it releases the underlying connection.
 */
public final class StoredObject implements Closeable {

  private final InputStream content;
  private final String contentType;
  private final long length;
  private final Optional<String> etag;

  public StoredObject(InputStream content, String contentType, long length, Optional<String> etag) {
    this.content = Objects.requireNonNull(content, "content");
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.length = length;
    this.etag = Objects.requireNonNull(etag, "etag");
  }

  public InputStream content() {
    return content;
  }

  public String contentType() {
    return contentType;
  }

  /** Length in bytes. */
  public long length() {
    return length;
  }

  /** The store's entity tag, quoted as in HTTP ({@code "abc123"}), when it reports one. */
  public Optional<String> etag() {
    return etag;
  }

  @Override
  public void close() throws IOException {
    content.close();
  }
}
