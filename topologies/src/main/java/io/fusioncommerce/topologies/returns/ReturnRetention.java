package io.fusioncommerce.topologies.returns;

import io.fusioncommerce.schemas.returns.ReturnLedger;
import io.fusioncommerce.topologies.support.StoreRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * When an order's ledger may leave the store: never while one of its returns is open (REQUESTED, APPROVED,
 * or RECEIVED and waiting for its refund); an order that ended without being delivered soon after its last
 * change; any other a while after the longest return window a tenant may set, counted from its last change.
 */
final class ReturnRetention implements StoreRetention.Expiry<ReturnLedger> {

  /** The longest return window a tenant may set (the settings route refuses more). */
  static final long MAX_WINDOW_DAYS = 365;
  static final Duration KEEP_AFTER_LAST_CHANGE = Duration.ofDays(MAX_WINDOW_DAYS + 35);
  static final Duration KEEP_UNDELIVERED = Duration.ofDays(7);
  private static final Set<String> ENDED_UNDELIVERED = Set.of("REJECTED", "CANCELLED");

  @Override
  public Optional<Instant> expiresAt(ReturnLedger ledger) {
    boolean open = ledger.getReturns().stream().anyMatch(r -> {
      ReturnStatus status = ReturnStatus.of(r.getStatus());
      return status != ReturnStatus.REFUNDED && status != ReturnStatus.REJECTED;
    });
    if (open) {
      return Optional.empty();
    }
    return Optional.of(ledger.getUpdatedAt().plus(ENDED_UNDELIVERED.contains(ledger.getOrderStatus())
        ? KEEP_UNDELIVERED : KEEP_AFTER_LAST_CHANGE));
  }
}
