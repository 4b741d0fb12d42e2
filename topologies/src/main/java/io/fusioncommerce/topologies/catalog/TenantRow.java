package io.fusioncommerce.topologies.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.schemas.tenants.TenantSettings;

/** A row of catalog.tenants (V1__catalog.sql), as far as tenant.settings carries it. */
public record TenantRow(String tenantId, boolean requiresApproval, Long orderHoldSeconds, long version,
    StockLimitColumns stockLimits, Long returnWindowDays) {

  /** Without the return window (V13__tenant_return_window.sql): the platform default. */
  public TenantRow(String tenantId, boolean requiresApproval, Long orderHoldSeconds, long version,
      StockLimitColumns stockLimits) {
    this(tenantId, requiresApproval, orderHoldSeconds, version, stockLimits, null);
  }

  /** The stock-limit columns (V10__tenant_stock_limits.sql); null columns mean the platform defaults. */
  public record StockLimitColumns(Long maxQuantityPerOrder, Long maxQuantityPerCustomer, Long customerLimitWindowSeconds,
      Long scarceStockThreshold, Long scarceHoldSeconds) {
    public static final StockLimitColumns NONE = new StockLimitColumns(null, null, null, null, null);
  }

  public TenantRow(String tenantId, boolean requiresApproval, Long orderHoldSeconds, long version) {
    this(tenantId, requiresApproval, orderHoldSeconds, version, StockLimitColumns.NONE);
  }

  static final String TABLE = "catalog.tenants";

  public static TenantRow from(JsonNode row) {
    Columns columns = new Columns(row, TABLE);
    return new TenantRow(columns.text("tenant_id"), columns.bool("requires_approval"),
        columns.optionalBigint("order_hold_seconds"), columns.bigint("version"),
        new StockLimitColumns(columns.optionalBigint("max_quantity_per_order"),
            columns.optionalBigint("max_quantity_per_customer"), columns.optionalBigint("customer_limit_window_seconds"),
            columns.optionalBigint("scarce_stock_threshold"), columns.optionalBigint("scarce_hold_seconds")),
        columns.optionalBigint("return_window_days"));
  }

  public TenantSettings settings() {
    return TenantSettings.newBuilder().setTenantId(tenantId).setRequiresApproval(requiresApproval)
        .setOrderHoldSeconds(orderHoldSeconds).setVersion(version)
        .setMaxQuantityPerOrder(stockLimits.maxQuantityPerOrder())
        .setMaxQuantityPerCustomer(stockLimits.maxQuantityPerCustomer())
        .setCustomerLimitWindowSeconds(stockLimits.customerLimitWindowSeconds())
        .setScarceStockThreshold(stockLimits.scarceStockThreshold())
        .setScarceHoldSeconds(stockLimits.scarceHoldSeconds()).setReturnWindowDays(returnWindowDays).build();
  }
}
