package io.fusioncommerce.topologies.returns;

/** Where a return is: REQUESTED → APPROVED → RECEIVED → REFUNDED, or REJECTED (before it was received). */
public enum ReturnStatus {
  REQUESTED,
  APPROVED,
  RECEIVED,
  REFUNDED,
  REJECTED;

  public static ReturnStatus of(String value) {
    return valueOf(value);
  }
}
