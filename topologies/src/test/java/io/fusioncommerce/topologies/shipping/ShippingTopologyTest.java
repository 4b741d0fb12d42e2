package io.fusioncommerce.topologies.shipping;

import io.fusioncommerce.schemas.Topics;
import static io.fusioncommerce.topologies.shipping.ShippingHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.OrderCommand;
import io.fusioncommerce.schemas.orders.OrderShipment;
import io.fusioncommerce.schemas.orders.RecordShipmentProgress;
import io.fusioncommerce.schemas.orders.ShippingAddress;
import io.fusioncommerce.schemas.shipping.LabelRequested;
import io.fusioncommerce.schemas.shipping.RecordLabelFailure;
import io.fusioncommerce.schemas.shipping.RecordTracking;
import io.fusioncommerce.schemas.shipping.RetryLabel;
import io.fusioncommerce.schemas.shipping.ShipmentState;
import io.fusioncommerce.schemas.shipping.ShipmentTracked;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippingTopologyTest {

  @TempDir Path dir;
  ShippingHarness h;

  @BeforeEach
  void start() {
    h = new ShippingHarness(dir);
    h.twoVendors();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static ShippingAddress address(Double lat, Double lon) {
    return ShippingAddress.newBuilder().setName("Alice Buyer").setLine1("1 Main St").setCity("Springfield")
        .setPostalCode("12345").setCountry("US").setLatitude(lat).setLongitude(lon).build();
  }

  private String paidOrder(String orderId, ShippingAddress address) {
    h.saga.place(TENANT, orderId, "USD", Map.of("SHOE", 1L, "SOCK", 2L), address);
    h.relay();
    assertThat(h.orderStatus(orderId)).isEqualTo("CONFIRMED");
    h.pay(orderId);
    return orderId;
  }

  private static String shoes(String orderId) {
    return ShipmentIds.of(TENANT, orderId, "v-shoes");
  }

  private static String socks(String orderId) {
    return ShipmentIds.of(TENANT, orderId, "v-socks");
  }

  @Test
  void aPaidOrderGetsOneShipmentPerVendorEachAskingForALabel() {
    h.saga.place(TENANT, "o1", "USD", Map.of("SHOE", 1L, "SOCK", 2L), address(null, null));
    h.relay();
    assertThat(h.shipmentsOf("o1")).as("nothing ships before it is paid").isEmpty();

    h.pay("o1");

    assertThat(h.orderStatus("o1")).isEqualTo("PAID");
    List<ShipmentState> shipments = h.shipmentsOf("o1");
    assertThat(shipments).extracting(ShipmentState::getShipmentId).containsExactlyInAnyOrder(shoes("o1"), socks("o1"));
    assertThat(shipments).allSatisfy(s -> {
      assertThat(s.getStatus()).isEqualTo("LABEL_PENDING");
      assertThat(s.getRoute()).isEqualTo("CARRIER");
      assertThat(s.getCustomerId()).isEqualTo("c1");
      assertThat(s.getShipTo().getName()).isEqualTo("Alice Buyer");
    });
    assertThat(h.shipment(socks("o1")).getItems()).singleElement()
        .satisfies(item -> assertThat(item.getSku() + " x" + item.getQuantity()).isEqualTo("SOCK x2"));
    assertThat(h.requested).extracting(LabelRequested::getVendorId).containsExactly("v-shoes", "v-socks");
    assertThat(h.saga.order(TENANT, "o1").getShipments()).extracting(OrderShipment::getStatus)
        .containsExactly("LABEL_PENDING", "LABEL_PENDING");
  }

  @Test
  void aReplayedPaidEventOpensNoSecondShipmentAndASecondLabelAnswerChangesNothing() {
    paidOrder("o1", address(null, null));
    h.labelAll();
    assertThat(h.topics.output(Topics.SHIPPING_LABEL_CREATED).readValuesToList()).hasSize(2);
    ShipmentState labelled = h.shipment(shoes("o1"));

    h.replayOrderStatusChanges();

    assertThat(h.shipmentsOf("o1")).hasSize(2);
    assertThat(h.requested).as("no second label request").isEmpty();
    assertThat(h.shipment(shoes("o1"))).isEqualTo(labelled);

    // the worker is at-least-once: it may answer the same request twice
    h.command(shoes("o1"), "second-answer", io.fusioncommerce.schemas.shipping.RecordLabel.newBuilder()
        .setShipmentId(shoes("o1")).setCarrier("other").setService("x").setTrackingNumber("OTHER")
        .setLabelKey("k").setCost(new io.fusioncommerce.schemas.common.Money(1L, "USD")).setRequestId("r").build());
    assertThat(h.shipment(shoes("o1")).getTrackingNumber()).isEqualTo(labelled.getTrackingNumber());
    assertThat(h.topics.output(Topics.SHIPPING_LABEL_CREATED).readValuesToList()).isEmpty();
  }

  @Test
  void theLabelIsAnnouncedAndTheOrderShipsWhenEveryShipmentLeftAndIsDeliveredWhenEveryOneArrived() {
    paidOrder("o1", address(null, null));
    h.labelAll();
    assertThat(h.topics.output(Topics.SHIPPING_LABEL_CREATED).readValuesToList()).allSatisfy(event -> {
      assertThat(event.getLabelUrl()).isEqualTo("/v1/shipments/" + event.getShipmentId() + "/label");
      assertThat(event.getTrackingNumber()).startsWith("LC");
      assertThat(event.getOrderId()).isEqualTo("o1");
    });
    assertThat(h.saga.order(TENANT, "o1").getShipments()).extracting(OrderShipment::getStatus)
        .containsOnly("LABEL_CREATED");

    h.track(shoes("o1"), "IN_TRANSIT");
    assertThat(h.orderStatus("o1")).as("one vendor's parcel is still here").isEqualTo("PAID");
    h.track(socks("o1"), "IN_TRANSIT");
    assertThat(h.orderStatus("o1")).isEqualTo("SHIPPED");

    h.track(shoes("o1"), "OUT_FOR_DELIVERY");
    h.track(shoes("o1"), "DELIVERED");
    assertThat(h.orderStatus("o1")).as("one parcel is still on its way").isEqualTo("SHIPPED");
    h.track(socks("o1"), "DELIVERED");
    assertThat(h.orderStatus("o1")).isEqualTo("DELIVERED");

    assertThat(h.topics.output(Topics.SHIPPING_TRACKING).readValuesToList())
        .extracting(t -> t.getVendorId() + ":" + t.getFromStatus() + ">" + t.getStatus())
        .containsExactly("v-shoes:LABEL_CREATED>IN_TRANSIT", "v-socks:LABEL_CREATED>IN_TRANSIT",
            "v-shoes:IN_TRANSIT>OUT_FOR_DELIVERY", "v-shoes:OUT_FOR_DELIVERY>DELIVERED", "v-socks:IN_TRANSIT>DELIVERED");
    assertThat(h.orderStatusChanges).extracting(c -> c.getToStatus())
        .containsSubsequence("PAID", "SHIPPED", "DELIVERED");
    assertThat(h.shipment(shoes("o1")).getTracking()).extracting(step -> step.getStatus())
        .containsExactly("IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
  }

  @Test
  void aFailedLabelIsAskedForAgainOnRequestWithANewRequestIdAndALateAnswerToTheOldOneChangesNothing() {
    paidOrder("o1", address(null, null));
    LabelRequested first = h.requested.stream().filter(r -> r.getShipmentId().equals(shoes("o1"))).findFirst().orElseThrow();
    h.requested.clear();
    h.command(shoes("o1"), "fail-1", RecordLabelFailure.newBuilder().setShipmentId(shoes("o1"))
        .setReason("carrier down").setRequestId(first.getEventId()).build());
    assertThat(h.shipment(shoes("o1")).getStatus()).isEqualTo("LABEL_FAILED");
    assertThat(ShipmentBook.labelRetryRefusal(h.shipment(socks("o1")))).as("a pending label is not retried")
        .isPresent();

    h.command(shoes("o1"), "retry-1", new RetryLabel(shoes("o1")));

    ShipmentState retried = h.shipment(shoes("o1"));
    assertThat(retried.getStatus()).isEqualTo("LABEL_PENDING");
    assertThat(retried.getLabelAttempt()).isEqualTo(2);
    assertThat(retried.getFailureReason()).isNull();
    assertThat(h.requested).singleElement().satisfies(second -> {
      assertThat(second.getShipmentId()).isEqualTo(shoes("o1"));
      assertThat(second.getEventId()).isNotEqualTo(first.getEventId())
          .isEqualTo(ShipmentIds.labelRequest(TENANT, shoes("o1"), 2));
      assertThat(second.getShipTo()).isEqualTo(first.getShipTo());
      assertThat(second.getItems()).isEqualTo(first.getItems());
    });
    assertThat(h.saga.order(TENANT, "o1").getShipments()).extracting(OrderShipment::getStatus)
        .contains("LABEL_PENDING");

    // the same retry command again (a client retrying its POST), and a late repeat of the first failure
    h.command(shoes("o1"), "retry-1", new RetryLabel(shoes("o1")));
    h.command(shoes("o1"), "fail-1-again", RecordLabelFailure.newBuilder().setShipmentId(shoes("o1"))
        .setReason("carrier down").setRequestId(first.getEventId()).build());
    assertThat(h.shipment(shoes("o1"))).isEqualTo(retried);
    assertThat(h.requested).hasSize(1);

    h.labelAll();
    assertThat(h.shipment(shoes("o1")).getStatus()).isEqualTo("LABEL_CREATED");
    assertThat(ShipmentBook.labelRetryRefusal(h.shipment(shoes("o1")))).isPresent();
    h.command(shoes("o1"), "retry-2", new RetryLabel(shoes("o1")));
    assertThat(h.shipment(shoes("o1")).getStatus()).as("a labelled shipment is not retried").isEqualTo("LABEL_CREATED");
    assertThat(h.requested).isEmpty();
  }

  @Test
  void theTopologyRefusesTrackingThatDoesNotFit() {
    paidOrder("o1", address(null, null));
    h.track(shoes("o1"), "IN_TRANSIT");
    assertThat(h.shipment(shoes("o1")).getStatus()).as("no label yet").isEqualTo("LABEL_PENDING");

    h.labelAll();
    h.track(shoes("o1"), "LOST");
    h.command(shoes("o1"), "wrong-number", RecordTracking.newBuilder().setShipmentId(shoes("o1"))
        .setStatus("IN_TRANSIT").setTrackingNumber("NOT-OURS").setSource("carrier:acme-post").build());
    assertThat(h.shipment(shoes("o1")).getStatus()).isEqualTo("LABEL_CREATED");

    h.track(shoes("o1"), "OUT_FOR_DELIVERY");
    h.track(shoes("o1"), "IN_TRANSIT");
    assertThat(h.shipment(shoes("o1")).getStatus()).as("no going back").isEqualTo("OUT_FOR_DELIVERY");
    h.track(shoes("o1"), "DELIVERED");
    h.track(shoes("o1"), "OUT_FOR_DELIVERY");
    h.track(shoes("o1"), "DELIVERED");
    assertThat(h.shipment(shoes("o1")).getStatus()).isEqualTo("DELIVERED");
    assertThat(h.topics.output(Topics.SHIPPING_TRACKING).readValuesToList()).extracting(ShipmentTracked::getStatus)
        .containsExactly("OUT_FOR_DELIVERY", "DELIVERED");
    assertThat(ShipmentBook.trackingRefusal(h.shipment(shoes("o1")), "IN_TRANSIT", null))
        .hasValueSatisfying(reason -> assertThat(reason).contains("delivered"));
  }

  @Test
  void theOrderRefusesShipmentProgressWhileItIsNotPaidAndForAVendorItDoesNotHave() {
    h.saga.place(TENANT, "o2", "USD", Map.of("SHOE", 1L), address(null, null));
    h.relay();
    progress("o2", "v-shoes", "IN_TRANSIT");
    assertThat(h.orderStatus("o2")).isEqualTo("CONFIRMED");
    assertThat(h.saga.order(TENANT, "o2").getShipments()).isEmpty();

    h.pay("o2");
    progress("o2", "v-hats", "DELIVERED");
    assertThat(h.orderStatus("o2")).isEqualTo("PAID");
    assertThat(h.saga.order(TENANT, "o2").getShipments()).extracting(OrderShipment::getVendorId).containsExactly("v-shoes");
  }

  private void progress(String orderId, String vendor, String status) {
    h.saga.orderCommand(new OrderKey(TENANT, orderId), OrderCommand.newBuilder().setCommandId("p-" + vendor + status)
        .setTenantId(TENANT).setIssuedAt(h.saga.now()).setCorrelationId("c").setIssuedBy(ShippingHarness.STAFF)
        .setCommand(RecordShipmentProgress.newBuilder().setOrderId(orderId).setShipmentId(ShipmentIds.of(TENANT, orderId, vendor))
            .setVendorId(vendor).setStatus(status).build()).build());
    h.relay();
  }

  @Test
  void withHyperlocalOnAShipmentInsideAnAgentsRadiusGoesToTheNearestAgent() {
    // Berlin: Alexanderplatz (52.5219, 13.4132); agents at Mitte (1 km away), Kreuzberg (~3 km), Potsdam (~27 km)
    h.agent("mitte", 52.5200, 13.4050, 5);
    h.agent("kreuzberg", 52.4986, 13.4030, 10);
    h.agent("potsdam", 52.3906, 13.0645, 50);
    h.hyperlocal(true);

    paidOrder("near", address(52.5219, 13.4132));
    assertThat(h.shipmentsOf("near")).allSatisfy(s -> {
      assertThat(s.getRoute()).isEqualTo("HYPERLOCAL");
      assertThat(s.getHyperlocalAgentId()).isEqualTo("mitte");
    });
    assertThat(h.requested).allSatisfy(r -> assertThat(r.getAgent().getAgentId()).isEqualTo("mitte"));

    // Hamburg is in nobody's radius; an address without coordinates cannot be measured
    paidOrder("far", address(53.5511, 9.9937));
    paidOrder("unplaced", address(null, null));
    assertThat(h.shipmentsOf("far")).extracting(ShipmentState::getRoute).containsOnly("CARRIER");
    assertThat(h.shipmentsOf("unplaced")).extracting(ShipmentState::getRoute).containsOnly("CARRIER");

    h.hyperlocal(false);
    paidOrder("off", address(52.5219, 13.4132));
    assertThat(h.shipmentsOf("off")).extracting(ShipmentState::getRoute).containsOnly("CARRIER");
  }

  @Test
  void theHaversineDistanceIsTheGreatCircleDistance() {
    // Paris to London is about 343.5 km
    double km = HyperlocalRouting.distanceKm(new io.fusioncommerce.schemas.shipping.GeoPoint(48.8566, 2.3522), 51.5074, -0.1278);
    assertThat(km).isBetween(342.0, 345.0);
  }

  /** Delivered shipments leave the shipment store after their retention; shipments on their way stay. */
  @Test
  void aDeliveredShipmentGoesNinetyDaysAfterDeliveryAndOneInTransitStays() {
    labelledOrder("o1");
    h.track(shoes("o1"), "IN_TRANSIT");
    h.track(shoes("o1"), "DELIVERED");
    h.track(socks("o1"), "IN_TRANSIT");

    h.saga.advance(Duration.ofDays(89));
    labelledOrder("o2"); // records at the new time move stream time forward
    assertThat(h.shipment(shoes("o1"))).as("delivered 89 days ago").isNotNull();

    h.saga.advance(Duration.ofDays(2));
    labelledOrder("o3");
    assertThat(h.shipment(shoes("o1"))).as("delivered 91 days ago").isNull();
    assertThat(h.shipment(socks("o1"))).as("still in transit").isNotNull();
    assertThat(h.shipment(shoes("o3"))).isNotNull();
  }

  /** A paid order with both shipments labelled (no confirmation check: the clock may have moved far). */
  private void labelledOrder(String orderId) {
    h.saga.place(TENANT, orderId, "USD", Map.of("SHOE", 1L, "SOCK", 2L), address(null, null));
    h.relay();
    h.pay(orderId);
    h.labelAll();
  }
}
