package io.fusioncommerce.ingress.catalog.store;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** A tenant's settings ({@code catalog.tenants}); Debezium streams them to the topic tenant.settings. */
public final class TenantStore {

  public static final String DEFAULT_HOUSE_VENDOR = "house";

  /** A tenant's settings; {@code orderHoldSeconds} empty means the platform default. */
  public record TenantSettings(String tenantId, boolean requiresApproval, Optional<Long> orderHoldSeconds,
      String houseVendorId, long version) {

    static TenantSettings defaults(String tenantId) {
      return new TenantSettings(tenantId, false, Optional.empty(), DEFAULT_HOUSE_VENDOR, 0);
    }
  }

  private final Handle handle;

  public TenantStore(Handle handle) {
    this.handle = handle;
  }

  public TenantSettings settings(String tenantId) {
    return handle.createQuery("select requires_approval, order_hold_seconds, house_vendor_id, version "
            + "from catalog.tenants where tenant_id = :tenant")
        .bind("tenant", tenantId)
        .map((rs, ctx) -> new TenantSettings(tenantId, rs.getBoolean(1),
            Optional.ofNullable(rs.getObject(2, Long.class)), rs.getString(3), rs.getLong(4)))
        .findOne().orElseGet(() -> TenantSettings.defaults(tenantId));
  }

  public TenantSettings save(String tenantId, boolean requiresApproval, Optional<Long> orderHoldSeconds) {
    return handle.createQuery("insert into catalog.tenants (tenant_id, requires_approval, order_hold_seconds) "
            + "values (:tenant, :approval, :hold) on conflict (tenant_id) do update set "
            + "requires_approval = excluded.requires_approval, order_hold_seconds = excluded.order_hold_seconds, "
            + "version = catalog.tenants.version + 1, updated_at = now() "
            + "returning requires_approval, order_hold_seconds, house_vendor_id, version")
        .bind("tenant", tenantId).bind("approval", requiresApproval).bind("hold", orderHoldSeconds.orElse(null))
        .map((rs, ctx) -> new TenantSettings(tenantId, rs.getBoolean(1),
            Optional.ofNullable(rs.getObject(2, Long.class)), rs.getString(3), rs.getLong(4)))
        .one();
  }
}
