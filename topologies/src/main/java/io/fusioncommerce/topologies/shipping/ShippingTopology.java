package io.fusioncommerce.topologies.shipping;

import io.fusioncommerce.schemas.TopicContract;
import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.shipping.HyperlocalAgent;
import io.fusioncommerce.schemas.shipping.HyperlocalAgentKey;
import io.fusioncommerce.schemas.shipping.ShipmentState;
import io.fusioncommerce.schemas.shipping.ShippingOptions;
import io.fusioncommerce.schemas.serde.AvroSerdes;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.topologies.support.GlobalTableUpdater;
import io.fusioncommerce.topologies.support.RetentionSettings;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Shipping, in two parts. On the orders' partitions, {@link PaidOrderSplitter} keeps what an order
 * ships ({@value #ORDER_STORE}) and opens one shipment per vendor when the order is paid. On the
 * shipments' partitions, {@link ShipmentProcessor} keeps each shipment ({@value #SHIPMENT_STORE}, keyed
 * by shipment id), asks the label worker for a label, records its answer and the tracking updates, and
 * reports each shipment's progress to its order. Hyperlocal agents and the tenants' shipping options are
 * global stores, so every shipment partition can route. See {@link ShipmentBook} for the rules.
 */
public final class ShippingTopology implements TopologyDefinition {

  public static final String CONTEXT = "shipping";
  public static final String SHIPMENT_STORE = "shipments";
  public static final String ORDER_STORE = "shipping-orders";
  public static final String AGENT_STORE = "shipping-hyperlocal-agents";
  public static final String OPTIONS_STORE = "shipping-options";

  static final String ORDER_CREATED_SOURCE = "shipping-order-created";
  static final String ORDER_STATUS_SOURCE = "shipping-order-status";
  static final String SPLITTER = "paid-order-splitter";
  static final String SPLIT_SINK = "create-shipment-sink";
  static final String COMMANDS_SOURCE = "shipping-commands";
  static final String PROCESSOR = "shipment-processor";
  static final String LABEL_REQUESTS_SINK = "label-requests-sink";
  static final String LABEL_CREATED_SINK = "label-created-sink";
  static final String TRACKING_SINK = "tracking-sink";
  static final String ORDER_SINK = "shipment-progress-sink";

  private final RetentionSettings retention;

  public ShippingTopology() {
    this(RetentionSettings.defaults());
  }

  public ShippingTopology(RetentionSettings retention) {
    this.retention = retention;
  }

  @Override
  public String context() {
    return CONTEXT;
  }

  @Override
  public List<String> queryableStores() {
    return List.of(SHIPMENT_STORE);
  }

  @Override
  public Topology build(AvroSerdes serdes) {
    return build(serdes, StoreChangeListener.NONE);
  }

  @Override
  public Topology build(AvroSerdes serdes, StoreChangeListener changes) {
    var orderKey = serdes.key(OrderKey.class);
    var shipmentKey = serdes.key(ShipmentKey.class);
    Topology topology = new Topology();

    topology.addSource(ORDER_CREATED_SOURCE, orderKey.deserializer(),
        serdes.value(Topics.ORDER_CREATED.valueType()).deserializer(), Topics.ORDER_CREATED.name());
    topology.addSource(ORDER_STATUS_SOURCE, orderKey.deserializer(),
        serdes.value(Topics.ORDER_STATUS_CHANGED.valueType()).deserializer(), Topics.ORDER_STATUS_CHANGED.name());
    topology.addProcessor(SPLITTER, PaidOrderSplitter::new, ORDER_CREATED_SOURCE, ORDER_STATUS_SOURCE);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_STORE),
        orderKey, serdes.value(OrderCreated.class)), SPLITTER);
    topology.addSink(SPLIT_SINK, Topics.SHIPPING_COMMANDS.name(), shipmentKey.serializer(),
        serdes.value(Topics.SHIPPING_COMMANDS.valueType()).serializer(), SPLITTER);

    topology.addSource(COMMANDS_SOURCE, shipmentKey.deserializer(),
        serdes.value(Topics.SHIPPING_COMMANDS.valueType()).deserializer(), Topics.SHIPPING_COMMANDS.name());
    topology.addProcessor(PROCESSOR, () -> new ShipmentProcessor(changes), COMMANDS_SOURCE);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SHIPMENT_STORE),
        shipmentKey, serdes.value(ShipmentState.class)), PROCESSOR);

    var agentKey = serdes.key(HyperlocalAgentKey.class);
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AGENT_STORE), agentKey,
            serdes.value(HyperlocalAgent.class)).withLoggingDisabled(),
        "hyperlocal-agents-source", agentKey.deserializer(), serdes.value(HyperlocalAgent.class).deserializer(),
        Topics.SHIPPING_HYPERLOCAL_AGENTS.name(), "hyperlocal-agents-updater", () -> new GlobalTableUpdater<>(AGENT_STORE));
    var tenantKey = serdes.key(TenantKey.class);
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPTIONS_STORE), tenantKey,
            serdes.value(ShippingOptions.class)).withLoggingDisabled(),
        "shipping-options-source", tenantKey.deserializer(), serdes.value(ShippingOptions.class).deserializer(),
        Topics.SHIPPING_OPTIONS.name(), "shipping-options-updater", () -> new GlobalTableUpdater<>(OPTIONS_STORE));

    sink(topology, serdes, LABEL_REQUESTS_SINK, Topics.SHIPPING_LABEL_REQUESTS);
    sink(topology, serdes, LABEL_CREATED_SINK, Topics.SHIPPING_LABEL_CREATED);
    sink(topology, serdes, TRACKING_SINK, Topics.SHIPPING_TRACKING);
    topology.addSink(ORDER_SINK, Topics.ORDER_COMMANDS.name(), orderKey.serializer(),
        serdes.value(Topics.ORDER_COMMANDS.valueType()).serializer(), PROCESSOR);
    ShippingRetention.addTo(topology, retention);
    return topology;
  }

  private static void sink(Topology topology, AvroSerdes serdes, String name, TopicContract<ShipmentKey, ?> topic) {
    topology.addSink(name, topic.name(), serdes.key(ShipmentKey.class).serializer(),
        serdes.value(topic.valueType()).serializer(), PROCESSOR);
  }
}
