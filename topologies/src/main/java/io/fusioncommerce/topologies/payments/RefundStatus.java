package io.fusioncommerce.topologies.payments;

/** Where one refund of a payment is (PaymentRefund.status). */
public enum RefundStatus {
  /** Asked of the provider; its answer is awaited. */
  PENDING,
  SUCCEEDED,
  FAILED;

  public static RefundStatus of(String stored) {
    return valueOf(stored);
  }
}
