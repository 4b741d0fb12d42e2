package io.fusioncommerce.topologies.shipping;

import java.util.Optional;
import java.util.Set;

/** A shipment's lifecycle. Tracking only moves it forward; a parcel that has arrived stays arrived. */
public enum ShipmentStatus {
  /** Waiting for the label worker. */
  LABEL_PENDING(0),
  /** No carrier could sell a label; staff or the vendor may ask for a new one (back to LABEL_PENDING). */
  LABEL_FAILED(0),
  /** Labelled, waiting for pick-up. */
  LABEL_CREATED(1),
  IN_TRANSIT(2),
  OUT_FOR_DELIVERY(3),
  DELIVERED(4);

  /** What a tracking update may say. */
  public static final Set<ShipmentStatus> TRACKABLE = Set.of(IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED);

  private final int rank;

  ShipmentStatus(int rank) {
    this.rank = rank;
  }

  /** The parcel is with a carrier or an agent, or already delivered. */
  public boolean hasLeft() {
    return rank >= IN_TRANSIT.rank;
  }

  public boolean isAfter(ShipmentStatus other) {
    return rank > other.rank;
  }

  /** The status a tracking update names, if it is one a tracking update may name. */
  public static Optional<ShipmentStatus> trackable(String value) {
    for (ShipmentStatus status : TRACKABLE) {
      if (status.name().equals(value)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
