package io.fusioncommerce.topologies.shipping;

import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderLine;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.shipping.CreateShipment;
import io.fusioncommerce.schemas.shipping.ShipmentCommand;
import io.fusioncommerce.schemas.shipping.ShipmentItem;
import io.fusioncommerce.schemas.envelope.EventIds;
import io.fusioncommerce.topologies.orders.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The order side of shipping, on the partitions that own the orders: remembers each order's lines and
 * address from order.created (order.status-changed does not carry them), and when the order becomes
 * PAID opens one shipment per vendor, each on the partition that owns the shipment. The order is
 * forgotten once it is final.
 */
final class PaidOrderSplitter implements Processor<OrderKey, SpecificRecord, ShipmentKey, ShipmentCommand> {

  static final Actor SYSTEM = Actor.newBuilder().setSubject("shipping-topology").setRoles(List.of()).build();
  private static final Set<String> FINAL = Set.of("DELIVERED", "CANCELLED", "REJECTED");

  private ProcessorContext<ShipmentKey, ShipmentCommand> context;
  private KeyValueStore<OrderKey, OrderCreated> orders;

  @Override
  public void init(ProcessorContext<ShipmentKey, ShipmentCommand> context) {
    this.context = context;
    this.orders = context.getStateStore(ShippingTopology.ORDER_STORE);
  }

  @Override
  public void process(Record<OrderKey, SpecificRecord> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    switch (record.value()) {
      case OrderCreated created -> orders.put(record.key(), created);
      case OrderStatusChanged changed -> statusChanged(record, changed);
      default -> { }
    }
  }

  private void statusChanged(Record<OrderKey, SpecificRecord> record, OrderStatusChanged changed) {
    if (FINAL.contains(changed.getToStatus())) {
      orders.delete(record.key());
      return;
    }
    if (OrderStatus.valueOf(changed.getToStatus()) != OrderStatus.PAID) {
      return;
    }
    OrderCreated order = orders.get(record.key());
    if (order == null) {
      return; // an order this topology never saw created (it predates shipping): nothing to split
    }
    Instant at = Instant.ofEpochMilli(record.timestamp());
    for (Map.Entry<String, List<ShipmentItem>> part : byVendor(order.getItems()).entrySet()) {
      String shipmentId = ShipmentIds.of(order.getTenantId(), order.getOrderId(), part.getKey());
      ShipmentCommand command = ShipmentCommand.newBuilder()
          .setCommandId(EventIds.derive(changed.getEventId(), "create-shipment:" + part.getKey()))
          .setTenantId(order.getTenantId()).setIssuedAt(at).setCorrelationId(changed.getCorrelationId())
          .setCausationId(changed.getEventId()).setIssuedBy(SYSTEM)
          .setCommand(CreateShipment.newBuilder().setShipmentId(shipmentId).setOrderId(order.getOrderId())
              .setVendorId(part.getKey()).setCustomerId(order.getCustomerId())
              .setCurrency(order.getTotal().getCurrency()).setShipTo(order.getShippingAddress())
              .setItems(part.getValue()).build())
          .build();
      context.forward(new Record<>(new ShipmentKey(order.getTenantId(), shipmentId), command, record.timestamp(),
          record.headers()));
    }
  }

  /** The order's lines by vendor, vendors sorted so the commands come out in the same order on a replay. */
  static Map<String, List<ShipmentItem>> byVendor(List<OrderLine> lines) {
    Map<String, List<ShipmentItem>> parts = new TreeMap<>();
    for (OrderLine line : lines) {
      if (line.getVendorId() != null) {
        parts.computeIfAbsent(line.getVendorId(), v -> new ArrayList<>())
            .add(new ShipmentItem(line.getSku(), line.getQuantity()));
      }
    }
    return parts;
  }
}
