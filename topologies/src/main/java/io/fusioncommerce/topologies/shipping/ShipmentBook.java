package io.fusioncommerce.topologies.shipping;

import io.fusioncommerce.schemas.shipping.CreateShipment;
import io.fusioncommerce.schemas.shipping.RecordLabel;
import io.fusioncommerce.schemas.shipping.RecordLabelFailure;
import io.fusioncommerce.schemas.shipping.RecordTracking;
import io.fusioncommerce.schemas.shipping.ShipmentState;
import io.fusioncommerce.schemas.shipping.TrackingStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a shipment's life. Pure: the current state and an input in, the next state out (empty
 * when nothing changes). The shipping topology applies them one record at a time on the partition that
 * owns the shipment; the ingress asks {@link #trackingRefusal} first only to answer 409 at once.
 */
public final class ShipmentBook {

  public static final String ROUTE_CARRIER = "CARRIER";
  public static final String ROUTE_HYPERLOCAL = "HYPERLOCAL";

  private ShipmentBook() {}

  /** Where the label of a shipment is served (relative to the API's base URL). */
  public static String labelPath(String shipmentId) {
    return "/v1/shipments/" + shipmentId + "/label";
  }

  /** A new shipment, or empty when it exists already (a replayed paid order opens nothing twice). */
  public static Optional<ShipmentState> open(ShipmentState current, String tenantId, CreateShipment create,
      String route, String hyperlocalAgentId, Instant at, String correlationId) {
    if (current != null) {
      return Optional.empty();
    }
    return Optional.of(ShipmentState.newBuilder()
        .setTenantId(tenantId).setShipmentId(create.getShipmentId()).setOrderId(create.getOrderId())
        .setVendorId(create.getVendorId()).setCustomerId(create.getCustomerId()).setCurrency(create.getCurrency())
        .setShipTo(create.getShipTo()).setItems(create.getItems())
        .setStatus(ShipmentStatus.LABEL_PENDING.name()).setRoute(route).setHyperlocalAgentId(hyperlocalAgentId)
        .setCreatedAt(at).setUpdatedAt(at).setCorrelationId(correlationId).setVersion(1).build());
  }

  /** The label is bought: once. A second answer to the same request (the worker is at-least-once) changes nothing. */
  public static Optional<ShipmentState> labelled(ShipmentState current, RecordLabel label, Instant at) {
    if (current == null || !(is(current, ShipmentStatus.LABEL_PENDING) || is(current, ShipmentStatus.LABEL_FAILED))) {
      return Optional.empty();
    }
    return Optional.of(touch(current, at).setStatus(ShipmentStatus.LABEL_CREATED.name())
        .setCarrier(label.getCarrier()).setService(label.getService()).setTrackingNumber(label.getTrackingNumber())
        .setLabelKey(label.getLabelKey()).setCost(label.getCost()).setFailureReason(null).build());
  }

  /**
   * The label attempt the shipment waits on failed. An answer to an earlier attempt (a late repeat from the
   * at-least-once worker after a retry was asked for) changes nothing.
   */
  public static Optional<ShipmentState> labelFailed(ShipmentState current, RecordLabelFailure failure, Instant at) {
    if (current == null || !is(current, ShipmentStatus.LABEL_PENDING)
        || !failure.getRequestId().equals(currentLabelRequest(current))) {
      return Optional.empty();
    }
    return Optional.of(touch(current, at).setStatus(ShipmentStatus.LABEL_FAILED.name())
        .setFailureReason(failure.getReason()).build());
  }

  /** The id of the label request the shipment is on (its current attempt). */
  public static String currentLabelRequest(ShipmentState current) {
    return ShipmentIds.labelRequest(current.getTenantId(), current.getShipmentId(), current.getLabelAttempt());
  }

  /** Why a label cannot be asked for again now, if it cannot: only a LABEL_FAILED shipment can. */
  public static Optional<String> labelRetryRefusal(ShipmentState current) {
    if (current == null) {
      return Optional.of("no such shipment");
    }
    if (!is(current, ShipmentStatus.LABEL_FAILED)) {
      return Optional.of("only a shipment whose label failed can ask for a new one; this one is " + current.getStatus());
    }
    return Optional.empty();
  }

  /**
   * Back to LABEL_PENDING with the next label attempt; empty when the label did not fail (a repeated retry
   * command finds the shipment pending already and changes nothing).
   */
  public static Optional<ShipmentState> labelRetried(ShipmentState current, Instant at) {
    if (labelRetryRefusal(current).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(touch(current, at).setStatus(ShipmentStatus.LABEL_PENDING.name())
        .setLabelAttempt(current.getLabelAttempt() + 1).setFailureReason(null).build());
  }

  /** The outcome of a tracking update: the next state, or why it was refused, or neither (a repeat). */
  public record Tracked(ShipmentState next, String refusal) {
    public boolean refused() {
      return refusal != null;
    }
  }

  public static Tracked track(ShipmentState current, RecordTracking update, Instant at) {
    Optional<String> refusal = trackingRefusal(current, update.getStatus(), update.getTrackingNumber());
    if (refusal.isPresent()) {
      return new Tracked(null, refusal.get());
    }
    ShipmentStatus status = ShipmentStatus.valueOf(update.getStatus());
    if (status == ShipmentStatus.DELIVERED && is(current, ShipmentStatus.DELIVERED)) {
      return new Tracked(null, null); // delivered twice is delivered once
    }
    List<TrackingStep> steps = new ArrayList<>(current.getTracking());
    steps.add(new TrackingStep(status.name(), update.getLocation(), at, update.getSource()));
    return new Tracked(touch(current, at).setStatus(status.name()).setTracking(steps).build(), null);
  }

  /**
   * Why a tracking update cannot be applied now, if it cannot: an unknown status, no label yet, the
   * parcel already further along, or a tracking number that is not this shipment's. The same status
   * again is a new scan (another location) and is taken.
   */
  public static Optional<String> trackingRefusal(ShipmentState current, String statusName, String trackingNumber) {
    if (current == null) {
      return Optional.of("no such shipment");
    }
    Optional<ShipmentStatus> status = ShipmentStatus.trackable(statusName);
    if (status.isEmpty()) {
      return Optional.of("a tracking update is IN_TRANSIT, OUT_FOR_DELIVERY or DELIVERED, not " + statusName);
    }
    if (trackingNumber != null && !trackingNumber.equals(current.getTrackingNumber())) {
      return Optional.of("tracking number " + trackingNumber + " is not this shipment's");
    }
    ShipmentStatus now = ShipmentStatus.valueOf(current.getStatus());
    if (!now.hasLeft() && now != ShipmentStatus.LABEL_CREATED) {
      return Optional.of("the shipment has no label yet (" + now + ")");
    }
    if (now == ShipmentStatus.DELIVERED && status.get() != ShipmentStatus.DELIVERED) {
      return Optional.of("the shipment was delivered already");
    }
    if (now.isAfter(status.get())) {
      return Optional.of("the shipment is " + now + " already; it cannot go back to " + status.get());
    }
    return Optional.empty();
  }

  private static boolean is(ShipmentState state, ShipmentStatus status) {
    return status.name().equals(state.getStatus());
  }

  private static ShipmentState.Builder touch(ShipmentState current, Instant at) {
    return ShipmentState.newBuilder(current).setUpdatedAt(at).setVersion(current.getVersion() + 1);
  }
}
