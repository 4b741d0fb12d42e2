package io.fusioncommerce.topologies.inventory;

import io.fusioncommerce.schemas.tenants.TenantSettings;
import java.time.Duration;

/**
 * A tenant's limits against stock hoarding, from its settings (the topic tenant.settings) with the
 * platform defaults for what it did not set. A limit of 0 in the settings means "no limit".
 *
 * @param maxPerOrder most units of one SKU one order may reserve ({@link #UNLIMITED} for none)
 * @param maxPerCustomer most units of one SKU one customer may reserve within {@code window}
 * @param window the per-customer limit's sliding window, by record time
 * @param scarceThreshold a reservation leaving fewer units than this available makes the stock scarce
 * @param scarceHold how long a confirmed, unpaid order holds scarce stock
 */
public record StockLimits(long maxPerOrder, long maxPerCustomer, Duration window, long scarceThreshold,
    Duration scarceHold) {

  public static final long UNLIMITED = Long.MAX_VALUE;
  public static final long DEFAULT_MAX_PER_ORDER = 10;
  public static final long DEFAULT_MAX_PER_CUSTOMER = 20;
  public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
  public static final long DEFAULT_SCARCE_THRESHOLD = 10;
  public static final Duration DEFAULT_SCARCE_HOLD = Duration.ofMinutes(10);

  public static final StockLimits DEFAULTS = new StockLimits(DEFAULT_MAX_PER_ORDER, DEFAULT_MAX_PER_CUSTOMER,
      DEFAULT_WINDOW, DEFAULT_SCARCE_THRESHOLD, DEFAULT_SCARCE_HOLD);

  /** Reasons an order line is refused by a limit (an order's rejectionReason). */
  public static final String QUANTITY_LIMIT_EXCEEDED = "QUANTITY_LIMIT_EXCEEDED";
  public static final String CUSTOMER_LIMIT_EXCEEDED = "CUSTOMER_LIMIT_EXCEEDED";
  public static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";

  /** The limits of a tenant whose settings are {@code settings} (null: it set nothing). */
  public static StockLimits of(TenantSettings settings) {
    if (settings == null) {
      return DEFAULTS;
    }
    return new StockLimits(
        limit(settings.getMaxQuantityPerOrder(), DEFAULT_MAX_PER_ORDER),
        limit(settings.getMaxQuantityPerCustomer(), DEFAULT_MAX_PER_CUSTOMER),
        settings.getCustomerLimitWindowSeconds() != null && settings.getCustomerLimitWindowSeconds() > 0
            ? Duration.ofSeconds(settings.getCustomerLimitWindowSeconds()) : DEFAULT_WINDOW,
        settings.getScarceStockThreshold() != null ? Math.max(0, settings.getScarceStockThreshold()) : DEFAULT_SCARCE_THRESHOLD,
        settings.getScarceHoldSeconds() != null && settings.getScarceHoldSeconds() > 0
            ? Duration.ofSeconds(settings.getScarceHoldSeconds()) : DEFAULT_SCARCE_HOLD);
  }

  /** Whether {@code remainingAvailable} units left after a reservation make the SKU scarce. */
  public boolean scarce(long remainingAvailable) {
    return remainingAvailable < scarceThreshold;
  }

  /** A tenant's stored limit as enforced: unset is the platform's default, 0 (or less) is no limit. */
  public static long limit(Long value, long platformDefault) {
    if (value == null) {
      return platformDefault;
    }
    return value <= 0 ? UNLIMITED : value;
  }
}
