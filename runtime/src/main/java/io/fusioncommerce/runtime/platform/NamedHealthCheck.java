package io.fusioncommerce.runtime.platform;

import io.fusioncommerce.ingress.health.HealthCheck;
import java.util.function.Supplier;

/** A readiness check made of its name and how its status is found, for checks that need no state of their own. */
record NamedHealthCheck(String name, Supplier<Status> status) implements HealthCheck {

  @Override
  public Status check() {
    return status.get();
  }
}
