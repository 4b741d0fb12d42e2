package io.fusioncommerce.topologies.orders;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.orders.OrderHistory;
import io.fusioncommerce.schemas.orders.OrderHistoryEntry;
import io.fusioncommerce.schemas.orders.OrderState;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.schemas.tenants.TenantSettings;
import io.fusioncommerce.topologies.support.GlobalTableUpdater;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Orders: each order's state ({@value #ORDER_STORE}), its audit trail ({@value #HISTORY_STORE}) and
 * its timers ({@value #TIMER_STORE}), on the partition that owns the order. Lines are priced from the
 * catalog's product table (a global store, so pricing needs no extra hop); reservations are made by the
 * inventory topology on the SKUs' partitions and their outcomes come back here. See {@link OrderBook}
 * for the rules.
 */
public final class OrderTopology implements TopologyDefinition {

  public static final String CONTEXT = "orders";
  public static final String ORDER_STORE = "orders";
  /** The first version's audit trail, one growing value per order: read for old orders, emptied as they move on. */
  public static final String HISTORY_STORE = "order-history";
  /** The audit trail, one entry per key (see OrderHistoryKeys), so no value grows with it. */
  public static final String HISTORY_ENTRIES_STORE = "order-history-entries";
  public static final String TIMER_STORE = "order-timers";
  public static final String PRODUCT_STORE = "orders-catalog-products";
  public static final String TENANT_STORE = "orders-tenant-settings";

  static final String COMMANDS_SOURCE = "order-commands";
  static final String RESERVED_SOURCE = "inventory-reserved";
  static final String INSUFFICIENT_SOURCE = "inventory-insufficient";
  static final String PROCESSOR = "order-processor";
  static final String CREATED_SINK = "order-created-sink";
  static final String STATUS_SINK = "order-status-sink";
  static final String VIEW_SINK = "orders-view-sink";
  static final String INVENTORY_SINK = "inventory-commands-sink";

  /** How long a closed order (delivered, cancelled, rejected) stays in the stores by default. */
  public static final Duration DEFAULT_CLOSED_RETENTION = Duration.ofDays(30);

  private final Duration closedRetention;

  public OrderTopology() {
    this(DEFAULT_CLOSED_RETENTION);
  }

  /** @param closedRetention how long after it closed an order's state and trail are kept in the stores */
  public OrderTopology(Duration closedRetention) {
    if (closedRetention.isNegative() || closedRetention.isZero()) {
      throw new IllegalArgumentException("closed-order retention must be positive: " + closedRetention);
    }
    this.closedRetention = closedRetention;
  }

  @Override
  public String context() {
    return CONTEXT;
  }

  @Override
  public List<String> queryableStores() {
    return List.of(ORDER_STORE, HISTORY_STORE, HISTORY_ENTRIES_STORE);
  }

  @Override
  public Topology build(AvroSerdes serdes) {
    return build(serdes, StoreChangeListener.NONE);
  }

  @Override
  public Topology build(AvroSerdes serdes, StoreChangeListener changes) {
    var orderKey = serdes.key(OrderKey.class);
    var skuKey = serdes.key(SkuKey.class);
    Topology topology = new Topology();
    topology.addSource(COMMANDS_SOURCE, orderKey.deserializer(),
        serdes.value(Topics.ORDER_COMMANDS.valueType()).deserializer(), Topics.ORDER_COMMANDS.name());
    topology.addSource(RESERVED_SOURCE, orderKey.deserializer(),
        serdes.value(Topics.INVENTORY_RESERVED.valueType()).deserializer(), Topics.INVENTORY_RESERVED.name());
    topology.addSource(INSUFFICIENT_SOURCE, orderKey.deserializer(),
        serdes.value(Topics.INVENTORY_INSUFFICIENT.valueType()).deserializer(), Topics.INVENTORY_INSUFFICIENT.name());
    topology.addProcessor(PROCESSOR, () -> new OrderProcessor(changes, closedRetention), COMMANDS_SOURCE, RESERVED_SOURCE,
        INSUFFICIENT_SOURCE);

    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_STORE),
        orderKey, serdes.value(OrderState.class)), PROCESSOR);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE),
        orderKey, serdes.value(OrderHistory.class)), PROCESSOR);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_ENTRIES_STORE),
        Serdes.String(), serdes.value(OrderHistoryEntry.class)), PROCESSOR);
    // Timer keys sort by due time as strings (see OrderTimers), which Avro's varint encoding would not.
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMER_STORE),
        Serdes.String(), Serdes.String()), PROCESSOR);

    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PRODUCT_STORE), skuKey, serdes.value(Product.class))
            .withLoggingDisabled(),
        "catalog-products-source", skuKey.deserializer(), serdes.value(Product.class).deserializer(),
        Topics.CATALOG_PRODUCTS.name(), "catalog-products-updater", () -> new GlobalTableUpdater<>(PRODUCT_STORE));
    var tenantKey = serdes.key(TenantKey.class);
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TENANT_STORE), tenantKey,
            serdes.value(TenantSettings.class)).withLoggingDisabled(),
        "tenant-settings-source", tenantKey.deserializer(), serdes.value(TenantSettings.class).deserializer(),
        Topics.TENANT_SETTINGS.name(), "tenant-settings-updater", () -> new GlobalTableUpdater<>(TENANT_STORE));

    topology.addSink(CREATED_SINK, Topics.ORDER_CREATED.name(), orderKey.serializer(),
        serdes.value(Topics.ORDER_CREATED.valueType()).serializer(), PROCESSOR);
    topology.addSink(STATUS_SINK, Topics.ORDER_STATUS_CHANGED.name(), orderKey.serializer(),
        serdes.value(Topics.ORDER_STATUS_CHANGED.valueType()).serializer(), PROCESSOR);
    topology.addSink(VIEW_SINK, Topics.ORDERS_VIEW.name(), orderKey.serializer(),
        serdes.value(Topics.ORDERS_VIEW.valueType()).serializer(), PROCESSOR);
    topology.addSink(INVENTORY_SINK, Topics.INVENTORY_COMMANDS.name(), skuKey.serializer(),
        serdes.value(Topics.INVENTORY_COMMANDS.valueType()).serializer(), PROCESSOR);
    return topology;
  }
}
