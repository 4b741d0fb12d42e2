package io.fusioncommerce.topologies.inventory;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.inventory.StockLevel;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Inventory: stock per SKU and warehouse, in the persistent store {@value #STOCK_STORE}, keyed by
 * tenant and SKU. Every command for a SKU lands on the partition that owns the SKU, so changes to one
 * SKU are serialized and atomic.
 */
public final class InventoryTopology implements TopologyDefinition {

  public static final String CONTEXT = "inventory";
  public static final String STOCK_STORE = "inventory-stock";

  static final String SOURCE = "inventory-commands";
  static final String PROCESSOR = "inventory-command-processor";
  static final String STOCK_CHANGED_SINK = "stock-changed-sink";
  static final String LOW_STOCK_SINK = "low-stock-sink";

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
    var keySerde = serdes.key(SkuKey.class);
    Topology topology = new Topology();
    topology.addSource(
        SOURCE,
        keySerde.deserializer(),
        serdes.value(Topics.INVENTORY_COMMANDS.valueType()).deserializer(),
        Topics.INVENTORY_COMMANDS.name());
    topology.addProcessor(PROCESSOR, InventoryCommandProcessor::new, SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STOCK_STORE), keySerde, serdes.value(StockLevel.class)),
        PROCESSOR);
    topology.addSink(
        STOCK_CHANGED_SINK,
        Topics.INVENTORY_STOCK_CHANGED.name(),
        keySerde.serializer(),
        serdes.value(Topics.INVENTORY_STOCK_CHANGED.valueType()).serializer(),
        PROCESSOR);
    topology.addSink(
        LOW_STOCK_SINK,
        Topics.INVENTORY_LOW_STOCK.name(),
        keySerde.serializer(),
        serdes.value(Topics.INVENTORY_LOW_STOCK.valueType()).serializer(),
        PROCESSOR);
    return topology;
  }
}
