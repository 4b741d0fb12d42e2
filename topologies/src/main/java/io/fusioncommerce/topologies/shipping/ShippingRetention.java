package io.fusioncommerce.topologies.shipping;

import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.shipping.ShipmentState;
import io.fusioncommerce.topologies.support.RetentionProcessor;
import io.fusioncommerce.topologies.support.RetentionSettings;
import io.fusioncommerce.topologies.support.StoreRetention;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.Topology;

/**
 * Retention of the shipping stores: a delivered shipment leaves {@value ShippingTopology#SHIPMENT_STORE}
 * {@link RetentionSettings#deliveredShipments()} after its last change; a shipment still on its way
 * (or whose label failed, which staff still have to act on) stays. An order remembered in
 * {@value ShippingTopology#ORDER_STORE} is deleted by the splitter when it reaches a final status;
 * one that never does leaves after {@link RetentionSettings#unfinishedShippingOrders()}.
 *
 * <p>Added as nodes of their own beside the shipping processors, so the shipping rules are untouched.
 */
final class ShippingRetention {

  static final String SHIPMENT_RETENTION = "shipment-retention";
  static final String ORDER_RETENTION = "shipping-order-retention";

  private ShippingRetention() {}

  static Optional<java.time.Instant> shipmentExpiry(ShipmentState shipment, RetentionSettings settings) {
    return StoreRetention.closedSince(ShipmentStatus.DELIVERED.name().equals(shipment.getStatus()),
        shipment.getUpdatedAt(), settings.deliveredShipments());
  }

  static void addTo(Topology topology, RetentionSettings settings) {
    topology.addProcessor(SHIPMENT_RETENTION, () -> new RetentionProcessor<ShipmentKey, Object>(settings.sweepInterval(),
        context -> List.of(new StoreRetention<ShipmentKey, ShipmentState>(
            context.getStateStore(ShippingTopology.SHIPMENT_STORE), shipment -> shipmentExpiry(shipment, settings),
            settings.sweepBudget()))), ShippingTopology.COMMANDS_SOURCE);
    topology.connectProcessorAndStateStores(SHIPMENT_RETENTION, ShippingTopology.SHIPMENT_STORE);

    topology.addProcessor(ORDER_RETENTION, () -> new RetentionProcessor<OrderKey, Object>(settings.sweepInterval(),
        context -> List.of(new StoreRetention<OrderKey, OrderCreated>(context.getStateStore(ShippingTopology.ORDER_STORE),
            order -> Optional.of(order.getOccurredAt().plus(settings.unfinishedShippingOrders())),
            settings.sweepBudget()))), ShippingTopology.ORDER_CREATED_SOURCE, ShippingTopology.ORDER_STATUS_SOURCE);
    topology.connectProcessorAndStateStores(ORDER_RETENTION, ShippingTopology.ORDER_STORE);
  }
}
