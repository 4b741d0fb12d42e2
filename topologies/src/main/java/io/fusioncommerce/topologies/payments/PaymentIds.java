package io.fusioncommerce.topologies.payments;

import io.fusioncommerce.schemas.envelope.EventIds;

/**
 * Payment ids are derived from the order id, so replaying the order's events (or its CONFIRMED twice)
 * opens the same payment, never a second one. Provider request ids are derived from the command that
 * caused them and become the provider's idempotency keys.
 */
public final class PaymentIds {

  public static final String PREFIX = "pay-";

  private PaymentIds() {}

  public static String forOrder(String orderId) {
    return PREFIX + orderId;
  }

  /** The id of the provider request (or wallet debit) that {@code commandId} causes. */
  public static String request(String commandId, String paymentId) {
    return EventIds.derive(commandId, paymentId + ":provider-request");
  }

  /** A refund's provider request: one per refund id, so a repeated refund is one refund at the provider. */
  public static String refundRequest(String refundId) {
    return EventIds.derive(refundId, "refund");
  }
}
