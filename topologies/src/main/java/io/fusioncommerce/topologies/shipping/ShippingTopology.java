package io.fusioncommerce.topologies.shipping;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.shipping.ShipmentState;
import io.fusioncommerce.topologies.support.RetentionSettings;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.WiredTopology;
import io.fusioncommerce.topologies.support.Wiring;

/**
 * Shipping, in two parts. On the orders' partitions, {@link PaidOrderSplitter} keeps what an order
 * ships ({@value #ORDER_STORE}) and opens one shipment per vendor when the order is paid. On the
 * shipments' partitions, {@link ShipmentProcessor} keeps each shipment ({@value #SHIPMENT_STORE}, keyed
 * by shipment id), asks the label worker for a label, records its answer and the tracking updates, and
 * reports each shipment's progress to its order. Hyperlocal agents and the tenants' shipping options are
 * global stores, so every shipment partition can route. See {@link ShipmentBook} for the rules.
 */
public final class ShippingTopology extends WiredTopology {

  public static final String CONTEXT = "shipping";
  public static final String SHIPMENT_STORE = "shipments";
  public static final String ORDER_STORE = "shipping-orders";
  public static final String AGENT_STORE = "shipping-hyperlocal-agents";
  public static final String OPTIONS_STORE = "shipping-options";

  private final RetentionSettings retention;

  public ShippingTopology() {
    this(RetentionSettings.defaults());
  }

  public ShippingTopology(RetentionSettings retention) {
    super(CONTEXT, SHIPMENT_STORE);
    this.retention = retention;
  }

  @Override
  protected void wire(Wiring wiring, StoreChangeListener changes) {
    // keeps what each order ships, so a Processor API node, not a relay
    wiring.processor("paid-order-splitter", PaidOrderSplitter::new)
        .reads(Topics.ORDER_CREATED, Topics.ORDER_STATUS_CHANGED)
        .keeps(wiring.store(ORDER_STORE, OrderKey.class, OrderCreated.class))
        .writes(Topics.SHIPPING_COMMANDS)
        .expires(ORDER_STORE, ShippingRetention.unfinishedOrders(retention), retention);
    wiring.processor("shipment-processor", () -> new ShipmentProcessor(changes))
        .reads(Topics.SHIPPING_COMMANDS)
        .keeps(wiring.store(SHIPMENT_STORE, ShipmentKey.class, ShipmentState.class))
        .writes(Topics.SHIPPING_LABEL_REQUESTS, Topics.SHIPPING_LABEL_CREATED, Topics.SHIPPING_TRACKING,
            Topics.ORDER_COMMANDS)
        .expires(SHIPMENT_STORE, ShippingRetention.deliveredShipments(retention), retention);
    wiring.globalTable(Topics.SHIPPING_HYPERLOCAL_AGENTS, AGENT_STORE);
    wiring.globalTable(Topics.SHIPPING_OPTIONS, OPTIONS_STORE);
  }
}
