package io.fusioncommerce.connectors.objectstore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ObjectStore in a map, for tests of what writes to one (the S3 store is tested against a real S3
 * server elsewhere). Shared with the runtime module's tests through this module's test jar.
 */
public final class InMemoryObjectStore implements ObjectStore {

  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

  /** What is stored, by key (a live view). */
  public Map<String, byte[]> objects() {
    return objects;
  }

  @Override
  public void put(String key, InputStream content, long length, String contentType) {
    try {
      objects.put(key, content.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<StoredObject> get(String key) {
    byte[] bytes = objects.get(key);
    return bytes == null ? Optional.empty()
        : Optional.of(new StoredObject(new ByteArrayInputStream(bytes), "application/octet-stream", bytes.length,
            Optional.empty()));
  }

  @Override
  public void delete(String key) {
    objects.remove(key);
  }

  @Override
  public boolean exists(String key) {
    return objects.containsKey(key);
  }

  @Override
  public boolean isHealthy() {
    return true;
  }

  @Override
  public String describe() {
    return "memory";
  }
}
