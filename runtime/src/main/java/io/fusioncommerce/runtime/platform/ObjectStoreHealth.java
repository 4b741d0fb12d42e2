package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.connectors.objectstore.ObjectStore;
import io.fusioncommerce.ingress.health.HealthCheck;

/** Readiness of the object store ({@code objectStore} in /health/ready): its bucket answers. */
public final class ObjectStoreHealth implements HealthCheck {

  private final ObjectStore store;

  public ObjectStoreHealth(ObjectStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "objectStore";
  }

  @Override
  public Status check() {
    return new Status(store.isHealthy(), store.describe());
  }
}
