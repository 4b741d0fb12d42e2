package io.fusioncommerce.topologies.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.shipping.CreateShipment;
import io.fusioncommerce.schemas.shipping.RecordLabel;
import io.fusioncommerce.schemas.shipping.RecordLabelFailure;
import io.fusioncommerce.schemas.shipping.RecordTracking;
import io.fusioncommerce.schemas.shipping.ShipmentItem;
import io.fusioncommerce.schemas.shipping.ShipmentState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A shipment's rules: shipment + what happened → the shipment after it, or why not. */
class ShipmentBookTest {

  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void a_paid_order_opens_its_shipment_once_waiting_for_a_label() {
    ShipmentState opened = opened();

    assertThat(opened.getStatus()).isEqualTo(ShipmentStatus.LABEL_PENDING.name());
    assertThat(ShipmentBook.open(opened, "t1", create(), ShipmentBook.ROUTE_CARRIER, null, NOW, "corr-1")).isEmpty();
  }

  @Test
  void a_label_is_recorded_once() {
    ShipmentState labelled = labelled();

    assertThat(labelled.getStatus()).isEqualTo(ShipmentStatus.LABEL_CREATED.name());
    assertThat(labelled.getTrackingNumber()).isEqualTo("TRACK-1");
    assertThat(ShipmentBook.labelled(labelled, label(opened()), NOW)).isEmpty();
  }

  @Test
  void only_the_failure_of_the_current_attempt_counts() {
    ShipmentState opened = opened();

    assertThat(ShipmentBook.labelFailed(opened, new RecordLabelFailure("ship-1", "no carrier", "an-earlier-request"), NOW))
        .isEmpty();
    ShipmentState failed = failed(opened);
    assertThat(failed.getStatus()).isEqualTo(ShipmentStatus.LABEL_FAILED.name());
    assertThat(failed.getFailureReason()).isEqualTo("no carrier");
  }

  @Test
  void only_a_failed_label_can_be_asked_for_again_with_the_next_attempt() {
    assertThat(ShipmentBook.labelRetryRefusal(opened())).isPresent();
    assertThat(ShipmentBook.labelRetried(opened(), NOW)).isEmpty();

    ShipmentState retried = ShipmentBook.labelRetried(failed(opened()), NOW).orElseThrow();

    assertThat(retried.getStatus()).isEqualTo(ShipmentStatus.LABEL_PENDING.name());
    assertThat(retried.getLabelAttempt()).isEqualTo(opened().getLabelAttempt() + 1);
    assertThat(ShipmentBook.currentLabelRequest(retried)).isNotEqualTo(ShipmentBook.currentLabelRequest(opened()));
  }

  @Test
  void tracking_moves_a_labelled_shipment_forward_only() {
    ShipmentState inTransit = ShipmentBook.track(labelled(), tracking("IN_TRANSIT", null), NOW).next();

    assertThat(inTransit.getStatus()).isEqualTo(ShipmentStatus.IN_TRANSIT.name());
    assertThat(inTransit.getTracking()).hasSize(1);
    assertThat(ShipmentBook.track(opened(), tracking("IN_TRANSIT", null), NOW).refused()).isTrue();
    ShipmentState delivered = ShipmentBook.track(inTransit, tracking("DELIVERED", null), NOW).next();
    assertThat(ShipmentBook.track(delivered, tracking("IN_TRANSIT", null), NOW).refused()).isTrue();
  }

  @Test
  void delivered_twice_is_delivered_once() {
    ShipmentState delivered = ShipmentBook.track(labelled(), tracking("DELIVERED", null), NOW).next();

    ShipmentBook.Tracked again = ShipmentBook.track(delivered, tracking("DELIVERED", null), NOW);

    assertThat(again.refused()).isFalse();
    assertThat(again.next()).isNull();
  }

  @Test
  void a_carrier_can_only_report_its_own_tracking_number_and_known_statuses() {
    assertThat(ShipmentBook.trackingRefusal(labelled(), "IN_TRANSIT", "SOMEONE-ELSES")).isPresent();
    assertThat(ShipmentBook.trackingRefusal(labelled(), "LOST", null)).isPresent();
    assertThat(ShipmentBook.trackingRefusal(labelled(), "IN_TRANSIT", "TRACK-1")).isEmpty();
  }

  private static ShipmentState opened() {
    return ShipmentBook.open(null, "t1", create(), ShipmentBook.ROUTE_CARRIER, null, NOW, "corr-1").orElseThrow();
  }

  private static ShipmentState labelled() {
    return ShipmentBook.labelled(opened(), label(opened()), NOW).orElseThrow();
  }

  private static ShipmentState failed(ShipmentState pending) {
    return ShipmentBook.labelFailed(pending,
        new RecordLabelFailure("ship-1", "no carrier", ShipmentBook.currentLabelRequest(pending)), NOW).orElseThrow();
  }

  private static CreateShipment create() {
    return CreateShipment.newBuilder().setShipmentId("ship-1").setOrderId("order-1").setVendorId("vendor-1")
        .setCustomerId("cust-1").setCurrency("EUR").setItems(List.of(new ShipmentItem("sku-1", 1L))).build();
  }

  private static RecordLabel label(ShipmentState state) {
    return RecordLabel.newBuilder().setShipmentId("ship-1").setCarrier("dhl").setService("parcel")
        .setTrackingNumber("TRACK-1").setLabelKey("labels/ship-1.pdf").setCost(new Money(500L, "EUR"))
        .setRequestId(ShipmentBook.currentLabelRequest(state)).build();
  }

  private static RecordTracking tracking(String status, String trackingNumber) {
    return RecordTracking.newBuilder().setShipmentId("ship-1").setStatus(status).setTrackingNumber(trackingNumber)
        .setSource("api").build();
  }
}
