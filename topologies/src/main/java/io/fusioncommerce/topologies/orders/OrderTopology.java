package io.fusioncommerce.topologies.orders;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.OrderHistory;
import io.fusioncommerce.schemas.orders.OrderHistoryEntry;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.WiredTopology;
import io.fusioncommerce.topologies.support.Wiring;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Orders: each order's state ({@value #ORDER_STORE}), its audit trail ({@value #HISTORY_STORE}) and
 * its timers ({@value #TIMER_STORE}), on the partition that owns the order. Lines are priced from the
 * catalog's product table and the current dynamic prices (global stores, so pricing needs no extra hop); reservations are made by the
 * inventory topology on the SKUs' partitions and their outcomes come back here, as does the order's risk
 * from the fraud topology (fraud.assessed, keyed by order like the outcomes). See {@link OrderBook}
 * for the rules.
 */
public final class OrderTopology extends WiredTopology {

  public static final String CONTEXT = "orders";
  public static final String ORDER_STORE = "orders";
  /** The first version's audit trail, one growing value per order: read for old orders, emptied as they move on. */
  public static final String HISTORY_STORE = "order-history";
  /** The audit trail, one entry per key (see OrderHistoryKeys), so no value grows with it. */
  public static final String HISTORY_ENTRIES_STORE = "order-history-entries";
  public static final String TIMER_STORE = "order-timers";
  public static final String PRODUCT_STORE = "orders-catalog-products";
  public static final String TENANT_STORE = "orders-tenant-settings";
  /** Dynamically priced SKUs' current prices (pricing.current-prices). */
  public static final String CURRENT_PRICE_STORE = "orders-current-prices";

  /** How long a closed order (delivered, cancelled, rejected) stays in the stores by default. */
  public static final Duration DEFAULT_CLOSED_RETENTION = Duration.ofDays(30);

  private final Duration closedRetention;

  public OrderTopology() {
    this(DEFAULT_CLOSED_RETENTION);
  }

  /** @param closedRetention how long after it closed an order's state and trail are kept in the stores */
  public OrderTopology(Duration closedRetention) {
    super(CONTEXT, ORDER_STORE, HISTORY_STORE, HISTORY_ENTRIES_STORE);
    if (closedRetention.isNegative() || closedRetention.isZero()) {
      throw new IllegalArgumentException("closed-order retention must be positive: " + closedRetention);
    }
    this.closedRetention = closedRetention;
  }

  @Override
  protected void wire(Wiring wiring, StoreChangeListener changes) {
    wiring.processor("order-processor", () -> new OrderProcessor(changes, closedRetention))
        .reads(Topics.ORDER_COMMANDS, Topics.INVENTORY_RESERVED, Topics.INVENTORY_INSUFFICIENT, Topics.FRAUD_ASSESSED,
            // COMMERCE: a cart checkout's promotion redemptions, keyed by order like the reservation outcomes
            Topics.PROMOTION_REDEMPTIONS)
        .keeps(wiring.store(ORDER_STORE, OrderKey.class, OrderState.class),
            wiring.store(HISTORY_STORE, OrderKey.class, OrderHistory.class),
            Wiring.store(HISTORY_ENTRIES_STORE, Serdes.String(), wiring.value(OrderHistoryEntry.class)),
            // Timer keys sort by due time as strings (see OrderTimers), which Avro's varint encoding would not.
            Wiring.store(TIMER_STORE, Serdes.String(), Serdes.String()))
        .writes(Topics.ORDER_CREATED, Topics.ORDER_STATUS_CHANGED, Topics.ORDERS_VIEW, Topics.INVENTORY_COMMANDS,
            Topics.PROMOTION_COMMANDS);
    wiring.globalTable(Topics.CATALOG_PRODUCTS, PRODUCT_STORE);
    wiring.globalTable(Topics.TENANT_SETTINGS, TENANT_STORE);
    wiring.globalTable(Topics.PRICING_CURRENT_PRICES, CURRENT_PRICE_STORE);
  }
}
