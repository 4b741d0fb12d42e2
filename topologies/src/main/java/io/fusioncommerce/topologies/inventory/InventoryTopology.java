package io.fusioncommerce.topologies.inventory;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.CustomerReservations;
import io.fusioncommerce.schemas.inventory.CustomerSkuKey;
import io.fusioncommerce.schemas.inventory.Reservation;
import io.fusioncommerce.schemas.inventory.ReservationKey;
import io.fusioncommerce.schemas.inventory.StockLevel;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.schemas.tenants.TenantSettings;
import io.fusioncommerce.topologies.support.GlobalTableUpdater;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Inventory: stock per SKU and warehouse ({@value #STOCK_STORE}) and the reservations orders hold
 * against it ({@value #RESERVATION_STORE}). Every command for a SKU lands on the partition that owns
 * the SKU and is applied one at a time, so reservations are atomic per SKU: no oversell, under any
 * concurrency. Reservation outcomes are published keyed by the order. The catalog's product table
 * ({@value #PRODUCT_STORE}, a global store of catalog.products) names each SKU's vendor, so a stock
 * level a vendor sets on another vendor's SKU is refused here too, not only at the ingress.
 */
public final class InventoryTopology implements TopologyDefinition {

  public static final String CONTEXT = "inventory";
  public static final String STOCK_STORE = "inventory-stock";
  public static final String RESERVATION_STORE = "inventory-reservations";
  /** The catalog's product table (SKU to product, vendor included), fed by the catalog topology. */
  public static final String PRODUCT_STORE = "inventory-catalog-products";
  /** Per customer and SKU: what it reserved within the tenant's limit window (see StockLimits). */
  public static final String CUSTOMER_WINDOW_STORE = "inventory-customer-windows";
  /** What retention drops when: keys sorted by due time (see InventorySweep). */
  public static final String SWEEP_STORE = "inventory-sweep";
  public static final String TENANT_STORE = "inventory-tenant-settings";

  static final String SOURCE = "inventory-commands";
  static final String PROCESSOR = "inventory-command-processor";
  static final String STOCK_CHANGED_SINK = "stock-changed-sink";
  static final String LOW_STOCK_SINK = "low-stock-sink";
  static final String RESERVED_SINK = "reserved-sink";
  static final String INSUFFICIENT_SINK = "insufficient-sink";
  static final String RELEASED_SINK = "released-sink";
  static final String COMMITTED_SINK = "committed-sink";

  @Override
  public String context() {
    return CONTEXT;
  }

  @Override
  public List<String> queryableStores() {
    return List.of(STOCK_STORE);
  }

  @Override
  public Topology build(AvroSerdes serdes) {
    return build(serdes, StoreChangeListener.NONE);
  }

  @Override
  public Topology build(AvroSerdes serdes, StoreChangeListener changes) {
    var skuKey = serdes.key(SkuKey.class);
    var orderKey = serdes.key(OrderKey.class);
    Topology topology = new Topology();
    topology.addSource(SOURCE, skuKey.deserializer(),
        serdes.value(Topics.INVENTORY_COMMANDS.valueType()).deserializer(), Topics.INVENTORY_COMMANDS.name());
    topology.addProcessor(PROCESSOR, () -> new InventoryCommandProcessor(changes), SOURCE);
    topology.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STOCK_STORE), skuKey, serdes.value(StockLevel.class)), PROCESSOR);
    topology.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(RESERVATION_STORE), serdes.key(ReservationKey.class),
        serdes.value(Reservation.class)), PROCESSOR);
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PRODUCT_STORE), skuKey, serdes.value(Product.class))
            .withLoggingDisabled(),
        "inventory-catalog-products-source", skuKey.deserializer(), serdes.value(Product.class).deserializer(),
        Topics.CATALOG_PRODUCTS.name(), "inventory-catalog-products-updater",
        () -> new GlobalTableUpdater<>(PRODUCT_STORE));
    topology.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(CUSTOMER_WINDOW_STORE), serdes.key(CustomerSkuKey.class),
        serdes.value(CustomerReservations.class)), PROCESSOR);
    // Sweep keys sort by due time as strings, which Avro's varint encoding would not.
    topology.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(SWEEP_STORE), Serdes.String(), Serdes.String()), PROCESSOR);
    var tenantKey = serdes.key(TenantKey.class);
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TENANT_STORE), tenantKey,
            serdes.value(TenantSettings.class)).withLoggingDisabled(),
        "inventory-tenant-settings-source", tenantKey.deserializer(), serdes.value(TenantSettings.class).deserializer(),
        Topics.TENANT_SETTINGS.name(), "inventory-tenant-settings-updater", () -> new GlobalTableUpdater<>(TENANT_STORE));
    topology.addSink(STOCK_CHANGED_SINK, Topics.INVENTORY_STOCK_CHANGED.name(), skuKey.serializer(),
        serdes.value(Topics.INVENTORY_STOCK_CHANGED.valueType()).serializer(), PROCESSOR);
    topology.addSink(LOW_STOCK_SINK, Topics.INVENTORY_LOW_STOCK.name(), skuKey.serializer(),
        serdes.value(Topics.INVENTORY_LOW_STOCK.valueType()).serializer(), PROCESSOR);
    topology.addSink(RESERVED_SINK, Topics.INVENTORY_RESERVED.name(), orderKey.serializer(),
        serdes.value(Topics.INVENTORY_RESERVED.valueType()).serializer(), PROCESSOR);
    topology.addSink(INSUFFICIENT_SINK, Topics.INVENTORY_INSUFFICIENT.name(), orderKey.serializer(),
        serdes.value(Topics.INVENTORY_INSUFFICIENT.valueType()).serializer(), PROCESSOR);
    topology.addSink(RELEASED_SINK, Topics.INVENTORY_RELEASED.name(), orderKey.serializer(),
        serdes.value(Topics.INVENTORY_RELEASED.valueType()).serializer(), PROCESSOR);
    topology.addSink(COMMITTED_SINK, Topics.INVENTORY_COMMITTED.name(), orderKey.serializer(),
        serdes.value(Topics.INVENTORY_COMMITTED.valueType()).serializer(), PROCESSOR);
    return topology;
  }
}
