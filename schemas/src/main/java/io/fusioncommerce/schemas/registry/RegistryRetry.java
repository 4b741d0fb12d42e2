package io.fusioncommerce.schemas.registry;

import java.time.Duration;

/** How hard the registry client tries before giving up. */
public record RegistryRetry(int maxRetries, Duration initialDelay, Duration maxDelay) {

  public static RegistryRetry defaults() {
    return new RegistryRetry(6, Duration.ofMillis(100), Duration.ofSeconds(3));
  }
}
