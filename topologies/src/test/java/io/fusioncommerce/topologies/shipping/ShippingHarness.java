package io.fusioncommerce.topologies.shipping;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.common.Actor;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.ShipmentKey;
import io.fusioncommerce.schemas.orders.MarkOrderPaid;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.shipping.GeoPoint;
import io.fusioncommerce.schemas.shipping.HyperlocalAgent;
import io.fusioncommerce.schemas.shipping.HyperlocalAgentKey;
import io.fusioncommerce.schemas.shipping.LabelRequested;
import io.fusioncommerce.schemas.shipping.RecordLabel;
import io.fusioncommerce.schemas.shipping.RecordTracking;
import io.fusioncommerce.schemas.shipping.ShipmentCommand;
import io.fusioncommerce.schemas.shipping.ShipmentState;
import io.fusioncommerce.schemas.shipping.ShippingOptions;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.topologies.orders.SagaWiredHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The shipping topics in a TopologyTestDriver, wired to the order saga (order and inventory
 * topologies in their own drivers): order events go into shipping, shipment progress goes back to the
 * orders, as on the broker. The label worker is played by the test, through {@link #labelAll()}.
 */
final class ShippingHarness extends SagaWiredHarness {

  static final String TENANT = "acme";
  static final Actor STAFF = Actor.newBuilder().setSubject("ops").setRoles(List.of("operator")).build();

  final KeyValueStore<ShipmentKey, ShipmentState> shipmentStore;
  /** Every label request the worker was handed, in order. */
  final List<LabelRequested> requested = new ArrayList<>();
  /** Status changes of the orders, as the shipping topics saw them. */
  final List<OrderStatusChanged> orderStatusChanges = new ArrayList<>();

  ShippingHarness(Path stateDir) {
    super(stateDir, "shipping", new ShippingTopology());
    shipmentStore = store(ShippingTopology.SHIPMENT_STORE);
  }

  /** Two vendors' products in stock: SHOE by v-shoes, SOCK by v-socks. */
  void twoVendors() {
    saga.shoesAndSocks(TENANT);
    saga.stock(TENANT, "SHOE", "main", 100);
    saga.stock(TENANT, "SOCK", "main", 100);
    saga.relay();
  }

  void pay(String orderId) {
    saga.orderCommand(new OrderKey(TENANT, orderId), OrderCommand.newBuilder().setCommandId("pay-" + orderId)
        .setTenantId(TENANT).setIssuedAt(saga.now()).setCorrelationId("corr-" + orderId).setIssuedBy(STAFF)
        .setCommand(new MarkOrderPaid(orderId, "pay-" + orderId, new Money(1L, "USD"))).build());
    relay();
  }

  void agent(String agentId, double lat, double lon, double radiusKm) {
    topics.input(Topics.SHIPPING_HYPERLOCAL_AGENTS).pipeInput(
        new HyperlocalAgentKey(TENANT, agentId), HyperlocalAgent.newBuilder().setTenantId(TENANT)
        .setAgentId(agentId).setName("Agent " + agentId).setLocation(new GeoPoint(lat, lon)).setRadiusKm(radiusKm)
        .setUpdatedAt(saga.now()).build(), saga.now());
  }

  void hyperlocal(boolean enabled) {
    topics.input(Topics.SHIPPING_OPTIONS).pipeInput(
        new TenantKey(TENANT), ShippingOptions.newBuilder().setTenantId(TENANT)
        .setHyperlocalEnabled(enabled).setUpdatedAt(saga.now()).build(), saga.now());
  }

  /** Answers every pending label request as the worker would: a label from the cheapest carrier. */
  void labelAll() {
    for (LabelRequested request : List.copyOf(requested)) {
      command(request.getShipmentId(), "label-" + request.getEventId(), RecordLabel.newBuilder()
          .setShipmentId(request.getShipmentId()).setCarrier("local-courier").setService("standard")
          .setTrackingNumber("LC" + Math.abs(request.getShipmentId().hashCode()))
          .setLabelKey(TENANT + "/shipments/" + request.getShipmentId() + "/label.pdf")
          .setCost(new Money(700L, "USD")).setRequestId(request.getEventId()).build());
    }
    requested.clear();
  }

  void track(String shipmentId, String status) {
    command(shipmentId, UUID.randomUUID().toString(), RecordTracking.newBuilder().setShipmentId(shipmentId)
        .setStatus(status).setLocation("Hub").setSource("api").build());
  }

  void command(String shipmentId, String commandId, Object command) {
    topics.input(Topics.SHIPPING_COMMANDS).pipeInput(
        new ShipmentKey(TENANT, shipmentId), ShipmentCommand.newBuilder().setCommandId(commandId)
        .setTenantId(TENANT).setIssuedAt(saga.now()).setCorrelationId("corr-" + commandId).setIssuedBy(STAFF)
        .setCommand(command).build(), saga.now());
    relay();
  }

  /** New orders and their status changes go into shipping, shipment progress goes back to the orders. */
  @Override
  protected boolean relayOnce() {
    saga.relay();
    boolean moved = false;
    for (TestRecord<OrderKey, OrderCreated> r : saga.drainCreated()) {
      topics.input(Topics.ORDER_CREATED).pipeInput(r.key(), r.value(), saga.now());
      moved = true;
    }
    moved |= forwardStatusChanges(orderStatusChanges::add) > 0;
    moved |= forwardOrderCommands() > 0;
    // shipping.commands is written and read by the same topology: the driver pipes it itself
    topics.output(Topics.SHIPPING_LABEL_REQUESTS).readValuesToList().forEach(requested::add);
    return moved;
  }

  /** Pipes every order status change seen so far into shipping once more (a replay after a crash). */
  void replayOrderStatusChanges() {
    for (OrderStatusChanged changed : List.copyOf(orderStatusChanges)) {
      topics.input(Topics.ORDER_STATUS_CHANGED).pipeInput(
          new OrderKey(changed.getTenantId(), changed.getOrderId()), changed, saga.now());
    }
    relay();
  }

  ShipmentState shipment(String shipmentId) {
    return shipmentStore.get(new ShipmentKey(TENANT, shipmentId));
  }

  List<ShipmentState> shipmentsOf(String orderId) {
    List<ShipmentState> found = new ArrayList<>();
    try (var all = shipmentStore.all()) {
      all.forEachRemaining(entry -> {
        if (entry.value.getOrderId().equals(orderId)) {
          found.add(entry.value);
        }
      });
    }
    return found;
  }

  String orderStatus(String orderId) {
    return saga.status(TENANT, orderId);
  }
}
