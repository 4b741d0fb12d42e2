package io.fusioncommerce.ingress.catalog.store;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** A tenant's settings ({@code catalog.tenants}); Debezium streams them to the topic tenant.settings. */
public final class TenantStore {

  public static final String DEFAULT_HOUSE_VENDOR = "house";

  /** A tenant's settings; {@code orderHoldSeconds} empty means the platform default. */
  public record TenantSettings(String tenantId, boolean requiresApproval, Optional<Long> orderHoldSeconds,
      String houseVendorId, long version, StockLimits stockLimits) {

    public TenantSettings(String tenantId, boolean requiresApproval, Optional<Long> orderHoldSeconds,
        String houseVendorId, long version) {
      this(tenantId, requiresApproval, orderHoldSeconds, houseVendorId, version, StockLimits.DEFAULTS);
    }

    static TenantSettings defaults(String tenantId) {
      return new TenantSettings(tenantId, false, Optional.empty(), DEFAULT_HOUSE_VENDOR, 0);
    }
  }

  /**
   * The tenant's limits against stock hoarding as stored; null is the platform default, 0 no limit
   * (the topologies' StockLimits applies them).
   */
  public record StockLimits(Long maxQuantityPerOrder, Long maxQuantityPerCustomer, Long customerLimitWindowSeconds,
      Long scarceStockThreshold, Long scarceHoldSeconds) {
    public static final StockLimits DEFAULTS = new StockLimits(null, null, null, null, null);
  }

  private static final String COLUMNS = "requires_approval, order_hold_seconds, house_vendor_id, version, "
      + "max_quantity_per_order, max_quantity_per_customer, customer_limit_window_seconds, scarce_stock_threshold, "
      + "scarce_hold_seconds";

  private static TenantSettings read(String tenantId, java.sql.ResultSet rs) throws java.sql.SQLException {
    return new TenantSettings(tenantId, rs.getBoolean(1), Optional.ofNullable(rs.getObject(2, Long.class)),
        rs.getString(3), rs.getLong(4), new StockLimits(rs.getObject(5, Long.class), rs.getObject(6, Long.class),
            rs.getObject(7, Long.class), rs.getObject(8, Long.class), rs.getObject(9, Long.class)));
  }

  private final Handle handle;

  public TenantStore(Handle handle) {
    this.handle = handle;
  }

  /** The tenant's return window in days (V13__tenant_return_window.sql); empty: the platform default. */
  public Optional<Long> returnWindowDays(String tenantId) {
    return handle.createQuery("select return_window_days from catalog.tenants where tenant_id = :tenant")
        .bind("tenant", tenantId)
        .map((rs, ctx) -> Optional.ofNullable(rs.getObject(1, Long.class)))
        .findOne().flatMap(window -> window);
  }

  /** Sets the tenant's return window (null: back to the platform default); creates the tenant's row if needed. */
  public Optional<Long> saveReturnWindowDays(String tenantId, Long days) {
    return handle.createQuery("insert into catalog.tenants (tenant_id, return_window_days) values (:tenant, :days) "
            + "on conflict (tenant_id) do update set return_window_days = excluded.return_window_days, "
            + "version = catalog.tenants.version + 1, updated_at = now() returning return_window_days")
        .bind("tenant", tenantId).bind("days", days)
        .map((rs, ctx) -> Optional.ofNullable(rs.getObject(1, Long.class)))
        .one();
  }

  public TenantSettings settings(String tenantId) {
    return handle.createQuery("select " + COLUMNS + " from catalog.tenants where tenant_id = :tenant")
        .bind("tenant", tenantId)
        .map((rs, ctx) -> read(tenantId, rs))
        .findOne().orElseGet(() -> TenantSettings.defaults(tenantId));
  }

  public TenantSettings save(String tenantId, boolean requiresApproval, Optional<Long> orderHoldSeconds) {
    return save(tenantId, requiresApproval, orderHoldSeconds, StockLimits.DEFAULTS);
  }

  /** Saves every setting; the stock limits replace the stored ones (null: back to the platform default). */
  public TenantSettings save(String tenantId, boolean requiresApproval, Optional<Long> orderHoldSeconds,
      StockLimits limits) {
    return handle.createQuery("insert into catalog.tenants (tenant_id, requires_approval, order_hold_seconds, "
            + "max_quantity_per_order, max_quantity_per_customer, customer_limit_window_seconds, "
            + "scarce_stock_threshold, scarce_hold_seconds) "
            + "values (:tenant, :approval, :hold, :perOrder, :perCustomer, :window, :threshold, :scarceHold) "
            + "on conflict (tenant_id) do update set "
            + "requires_approval = excluded.requires_approval, order_hold_seconds = excluded.order_hold_seconds, "
            + "max_quantity_per_order = excluded.max_quantity_per_order, "
            + "max_quantity_per_customer = excluded.max_quantity_per_customer, "
            + "customer_limit_window_seconds = excluded.customer_limit_window_seconds, "
            + "scarce_stock_threshold = excluded.scarce_stock_threshold, "
            + "scarce_hold_seconds = excluded.scarce_hold_seconds, "
            + "version = catalog.tenants.version + 1, updated_at = now() "
            + "returning " + COLUMNS)
        .bind("tenant", tenantId).bind("approval", requiresApproval).bind("hold", orderHoldSeconds.orElse(null))
        .bind("perOrder", limits.maxQuantityPerOrder()).bind("perCustomer", limits.maxQuantityPerCustomer())
        .bind("window", limits.customerLimitWindowSeconds()).bind("threshold", limits.scarceStockThreshold())
        .bind("scarceHold", limits.scarceHoldSeconds())
        .map((rs, ctx) -> read(tenantId, rs))
        .one();
  }
}
