package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.connectors.objectstore.ObjectStore;
import io.fusioncommerce.ingress.health.HealthCheck;

/** Readiness of the object store ({@code objectStore} in /health/ready): its bucket answers. */
public record ObjectStoreHealth(ObjectStore store) implements HealthCheck {

  @Override
  public String name() {
    return "objectStore";
  }

  @Override
  public Status check() {
    return new Status(store.isHealthy(), store.describe());
  }
}
