package io.fusioncommerce.topologies.inventory;

/**
 * How a reservation of one SKU for one order stands: in the inventory's reservation store and on the
 * order's line (OrderStateLine.reservation). The Avro fields stay strings (wire-compatible); processors
 * and books read them through {@link #of} and compare types, not text.
 */
public enum ReservationStatus {
  /** The order's line waits for the inventory's answer (only on an order's line). */
  PENDING,
  /** The units are held for the order. */
  RESERVED,
  /** The inventory refused: not enough stock, or a limit. */
  INSUFFICIENT,
  /** The held units went back to available stock (or the order gave up before any were held). */
  RELEASED,
  /** The held units left with the order for good. */
  COMMITTED;

  public static ReservationStatus of(String stored) {
    return valueOf(stored);
  }
}
