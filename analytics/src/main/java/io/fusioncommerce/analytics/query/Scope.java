package io.fusioncommerce.analytics.query;

import java.util.Objects;
import java.util.Optional;

/**
 * Whose facts a query may read: always one tenant, and for a vendor only its own lines. Built by the
 * server from the verified token; a query never widens it.
 */
public record Scope(String tenantId, Optional<String> vendorId) {

  public Scope {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(vendorId, "vendorId");
  }

  public static Scope tenant(String tenantId) {
    return new Scope(tenantId, Optional.empty());
  }

  public static Scope vendor(String tenantId, String vendorId) {
    return new Scope(tenantId, Optional.of(vendorId));
  }
}
