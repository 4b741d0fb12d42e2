package io.fusioncommerce.topologies.payments;

import java.util.EnumSet;
import java.util.Set;

/** Where a payment is; the names follow Stripe's PaymentIntent statuses where they mean the same. */
public enum PaymentStatus {
  /** The provider is asked for an intent. */
  CREATING,
  /** The intent exists; the customer confirms it with a payment method (again after a failure). */
  REQUIRES_PAYMENT_METHOD,
  /** A confirmation is with the provider (or the wallet). */
  PROCESSING,
  /** The provider wants an extra confirmation (3-D Secure); another confirm completes it. */
  REQUIRES_ACTION,
  SUCCEEDED,
  PARTIALLY_REFUNDED,
  REFUNDED,
  /** The order was cancelled before it was paid. */
  CANCELED;

  /** Statuses in which the customer may confirm. */
  public static final Set<PaymentStatus> CONFIRMABLE = EnumSet.of(REQUIRES_PAYMENT_METHOD, REQUIRES_ACTION);

  /** Statuses in which money was captured and some may still be refunded. */
  public static final Set<PaymentStatus> CAPTURED = EnumSet.of(SUCCEEDED, PARTIALLY_REFUNDED, REFUNDED);
}
