package io.fusioncommerce.topologies.payments;

import io.fusioncommerce.schemas.common.Money;
import org.apache.avro.specific.SpecificRecord;

/** What a decision about a payment causes besides its new state; the processor turns these into records. */
public sealed interface PaymentEffect {

  /** The intent exists: publish payment.created. */
  record Created() implements PaymentEffect {}

  /** Publish payment.succeeded. */
  record Succeeded() implements PaymentEffect {}

  /** Publish payment.failed. */
  record Failed(String failureCode, String failureMessage) implements PaymentEffect {}

  /** Ask the payment worker to call the provider; {@code requestId} is the idempotency key. */
  record ProviderCall(String requestId, String provider, SpecificRecord operation) implements PaymentEffect {}

  /** Tell the order it is paid (MarkOrderPaid). */
  record OrderPaid() implements PaymentEffect {}

  /** Take the payment's amount out of the customer's wallet; the answer comes back with {@code attemptId}. */
  record DebitWallet(String attemptId) implements PaymentEffect {}

  /** Put money into the customer's wallet (a refund to the wallet). */
  record CreditWallet(String refundId, Money amount) implements PaymentEffect {}

  /** Publish payment.refunded. */
  record Refunded(String refundId, Money amount, boolean toWallet, String reason) implements PaymentEffect {}

  /** Publish payment.refund-refused. */
  record RefundRefused(String refundId, Money amount, String reason) implements PaymentEffect {}

  /** A command that changed nothing, and why (logged and counted). */
  record Refused(String reason) implements PaymentEffect {}
}
