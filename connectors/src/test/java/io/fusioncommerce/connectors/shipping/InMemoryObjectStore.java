package io.fusioncommerce.connectors.shipping;

import io.fusioncommerce.connectors.objectstore.ObjectStore;
import io.fusioncommerce.connectors.objectstore.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An ObjectStore in a map, counting writes (the S3 one is tested against a real S3 server elsewhere). */
final class InMemoryObjectStore implements ObjectStore {

  final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  final AtomicInteger puts = new AtomicInteger();

  @Override
  public void put(String key, InputStream content, long length, String contentType) {
    try {
      objects.put(key, content.readAllBytes());
      puts.incrementAndGet();
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
