package io.fusioncommerce.topologies.shipping;

import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.shipping.ShipmentState;
import io.fusioncommerce.topologies.support.RetentionSettings;
import io.fusioncommerce.topologies.support.StoreRetention;
import java.time.Instant;
import java.util.Optional;

/**
 * Retention of the shipping stores: a delivered shipment leaves {@value ShippingTopology#SHIPMENT_STORE}
 * {@link RetentionSettings#deliveredShipments()} after its last change; a shipment still on its way
 * (or whose label failed, which staff still have to act on) stays. An order remembered in
 * {@value ShippingTopology#ORDER_STORE} is deleted by the splitter when it reaches a final status;
 * one that never does leaves after {@link RetentionSettings#unfinishedShippingOrders()}.
 *
 * <p>Swept by nodes of their own beside the shipping processors (see ShippingTopology), so the
 * shipping rules are untouched.
 */
final class ShippingRetention {

  private ShippingRetention() {}

  static Optional<Instant> shipmentExpiry(ShipmentState shipment, RetentionSettings settings) {
    return StoreRetention.closedSince(ShipmentStatus.DELIVERED.name().equals(shipment.getStatus()),
        shipment.getUpdatedAt(), settings.deliveredShipments());
  }

  static StoreRetention.Expiry<ShipmentState> deliveredShipments(RetentionSettings settings) {
    return shipment -> shipmentExpiry(shipment, settings);
  }

  static StoreRetention.Expiry<OrderCreated> unfinishedOrders(RetentionSettings settings) {
    return order -> Optional.of(order.getOccurredAt().plus(settings.unfinishedShippingOrders()));
  }
}
