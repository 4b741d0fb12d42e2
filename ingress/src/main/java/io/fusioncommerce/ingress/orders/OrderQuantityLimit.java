package io.fusioncommerce.ingress.orders;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fusioncommerce.ingress.catalog.store.TenantStore;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.topologies.inventory.StockLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The early, cheap check of the tenant's per-order maximum of one SKU: an order over it is answered
 * 422 instead of 202-then-REJECTED. The tenant's limit is read from its settings at most every
 * {@link #REFRESH} (a setting changed since may be a little late here); the inventory topology stays
 * authoritative and refuses the reservation whatever this check let through.
 */
final class OrderQuantityLimit {

  static final Duration REFRESH = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(OrderQuantityLimit.class);

  private final Database database;
  private final Cache<String, Long> maxPerOrder =
      Caffeine.newBuilder().expireAfterWrite(REFRESH).maximumSize(10_000).build();

  OrderQuantityLimit(Database database) {
    this.database = database;
  }

  /** Refuses (422, field "items") an order with more units of a SKU than the tenant allows per order. */
  void check(String tenantId, PlaceOrderRequest request) {
    if (request.items() == null) {
      return;
    }
    Map<String, Long> bySku = new LinkedHashMap<>();
    request.items().forEach(item -> bySku.merge(item.sku(), item.quantity(), Long::sum));
    long max = limit(tenantId);
    bySku.forEach((sku, quantity) -> {
      if (quantity > max) {
        throw new ApiException(422, "quantity-limit-exceeded", "Quantity limit exceeded",
            "at most " + max + " units of one SKU per order (QUANTITY_LIMIT_EXCEEDED)",
            java.util.List.of(new io.fusioncommerce.ingress.http.FieldError("items",
                sku + ": " + quantity + " units, at most " + max + " per order")));
      }
    });
  }

  private long limit(String tenantId) {
    try {
      return maxPerOrder.get(tenantId, tenant -> {
        TenantStore.StockLimits limits = database.inTenant(tenant, handle -> new TenantStore(handle).settings(tenant))
            .stockLimits();
        return StockLimits.limit(limits.maxQuantityPerOrder(), StockLimits.DEFAULT_MAX_PER_ORDER);
      });
    } catch (RuntimeException unreadable) {
      // the topology checks anyway: an unreachable database must not stop orders here
      LOG.warn("tenant {}'s order limit could not be read; the topology alone checks it: {}", tenantId,
          unreadable.toString());
      return StockLimits.UNLIMITED;
    }
  }
}
