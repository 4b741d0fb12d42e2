package io.fusioncommerce.topologies.orders;

import java.util.Set;

/** An order's lifecycle, and which transitions it allows. */
public enum OrderStatus {
  /** Reservation results arrived before the order itself (they travel on different partitions). */
  PENDING,
  CREATED,
  /** Every line is reserved but the fraud score asks for an operator's review; the stock stays reserved. */
  HELD,
  CONFIRMED,
  REJECTED,
  PAID,
  SHIPPED,
  DELIVERED,
  CANCELLED;

  public static final Set<OrderStatus> CANCELLABLE = Set.of(CREATED, HELD, CONFIRMED, PAID);
  public static final Set<OrderStatus> FINAL = Set.of(REJECTED, DELIVERED, CANCELLED);

  public boolean isFinal() {
    return FINAL.contains(this);
  }
}
