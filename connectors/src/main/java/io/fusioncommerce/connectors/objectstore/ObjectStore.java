package io.fusioncommerce.connectors.objectstore;

import java.io.InputStream;
import java.util.Optional;

/**
 * Binary objects (product images, labels, exports) under string keys, in one bucket. Keys are
 * {@code /}-separated paths that callers scope by tenant themselves (for instance
 * {@code <tenant>/products/<sku>/<id>.png}); the store knows nothing of tenants.
 *
 * <p>Implementations: {@link S3ObjectStore} (AWS S3, MinIO, and the embedded mode's {@link EmbeddedS3Server}).
 * Every method throws {@link ObjectStoreException} when the store cannot be reached or refuses the call.
 */
public interface ObjectStore {

  /**
   * Stores {@code length} bytes read from {@code content} under {@code key}, replacing what was there.
   * The caller keeps ownership of {@code content} and closes it.
   */
  void put(String key, InputStream content, long length, String contentType);

  /** The object under {@code key} as a stream with its metadata, or empty when there is none. Close it. */
  Optional<StoredObject> get(String key);

  /** Removes the object under {@code key}; removing a missing object is not an error. */
  void delete(String key);

  boolean exists(String key);

  /** True when the store answers (and its bucket exists); for readiness checks, never throws. */
  boolean isHealthy();

  /** Where the objects live, for logs and health details (e.g. {@code http://127.0.0.1:9000/fusion-media}). */
  String describe();
}
