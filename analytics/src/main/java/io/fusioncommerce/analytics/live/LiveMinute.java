package io.fusioncommerce.analytics.live;

import java.time.Instant;
import java.util.Map;

/**
 * One minute of a tenant's orders. Revenue is confirmed revenue in minor units per currency; the
 * confirmation latency (order placed → CONFIRMED) percentiles are null in a minute without confirmations.
 */
public record LiveMinute(Instant start, long ordersPlaced, long ordersConfirmed, long ordersRejected, long unitsConfirmed,
    Map<String, Long> revenueByCurrency, Map<String, Long> rejectionsByReason, Long confirmLatencyP50Millis,
    Long confirmLatencyP99Millis) {

  public LiveMinute {
    revenueByCurrency = Map.copyOf(revenueByCurrency);
    rejectionsByReason = Map.copyOf(rejectionsByReason);
  }
}
