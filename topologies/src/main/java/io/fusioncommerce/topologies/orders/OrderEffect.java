package io.fusioncommerce.topologies.orders;

import java.time.Instant;

/** What a decision about an order causes besides its new state; the processor turns these into records. */
public sealed interface OrderEffect {

  /** The order is created and priced: publish order.created. */
  record Created() implements OrderEffect {}

  /** The status moved: publish order.status-changed. */
  record StatusChanged(OrderStatus from, OrderStatus to, String reason) implements OrderEffect {}

  /** Give a SKU's reservation back. */
  record ReleaseStock(String sku, String reason) implements OrderEffect {}

  /** Give the order's redemption of a promotion back (the order was rejected or cancelled). */
  record ReleaseRedemption(String promotionId, String reason) implements OrderEffect {}

  /** The reserved stock of a SKU leaves with the order. */
  record CommitStock(String sku) implements OrderEffect {}

  /** Wake the order at {@code dueAt} (hold expiry, reservation timeout). */
  record Timer(Instant dueAt, TimerKind kind) implements OrderEffect {}

  /** An audit-trail entry that is not a status change (a refused command, a late result). */
  record Note(String type, String detail) implements OrderEffect {}

  enum TimerKind {
    /** A confirmed order's reservation is held this long for payment. */
    HOLD_EXPIRY,
    /** Reservation results (or the order itself) should have arrived by then. */
    RESERVATION_TIMEOUT,
    /** A closed order's retention ended: its state and trail leave the stores (the read model keeps its row). */
    PURGE
  }
}
