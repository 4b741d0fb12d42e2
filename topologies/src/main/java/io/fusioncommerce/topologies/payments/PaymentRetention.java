package io.fusioncommerce.topologies.payments;

import io.fusioncommerce.schemas.payments.PaymentState;
import io.fusioncommerce.topologies.support.RetentionSettings;
import io.fusioncommerce.topologies.support.StoreRetention;
import java.time.Instant;
import java.util.Optional;

/**
 * When a payment leaves the store: cancelled or fully refunded ones after
 * {@link RetentionSettings#closedPayments()}, captured ones after the refund window
 * {@link RetentionSettings#capturedPayments()}, both counted from the last change. Open payments stay:
 * the order they belong to either pays them or is cancelled, which closes them. Wallets are balances
 * and never expire; the command ids they remember for deduplication are capped per wallet.
 */
final class PaymentRetention implements StoreRetention.Expiry<PaymentState> {

  private final RetentionSettings settings;

  PaymentRetention(RetentionSettings settings) {
    this.settings = settings;
  }

  @Override
  public Optional<Instant> expiresAt(PaymentState payment) {
    PaymentStatus status;
    try {
      status = PaymentStatus.valueOf(payment.getStatus());
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
    return switch (status) {
      case REFUNDED, CANCELED -> Optional.of(payment.getUpdatedAt().plus(settings.closedPayments()));
      case SUCCEEDED, PARTIALLY_REFUNDED -> Optional.of(payment.getUpdatedAt().plus(settings.capturedPayments()));
      default -> Optional.empty();
    };
  }
}
