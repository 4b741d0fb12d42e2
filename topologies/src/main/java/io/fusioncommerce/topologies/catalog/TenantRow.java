package io.fusioncommerce.topologies.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.schemas.tenants.TenantSettings;

/** A row of catalog.tenants (V1__catalog.sql), as far as tenant.settings carries it. */
public record TenantRow(String tenantId, boolean requiresApproval, Long orderHoldSeconds, long version) {

  static final String TABLE = "catalog.tenants";

  public static TenantRow from(JsonNode row) {
    Columns columns = new Columns(row, TABLE);
    return new TenantRow(columns.text("tenant_id"), columns.bool("requires_approval"),
        columns.optionalBigint("order_hold_seconds"), columns.bigint("version"));
  }

  public TenantSettings settings() {
    return TenantSettings.newBuilder().setTenantId(tenantId).setRequiresApproval(requiresApproval)
        .setOrderHoldSeconds(orderHoldSeconds).setVersion(version).build();
  }
}
