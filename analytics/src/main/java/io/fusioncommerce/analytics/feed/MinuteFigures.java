package io.fusioncommerce.analytics.feed;

import io.fusioncommerce.analytics.live.LiveMinute;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tenant's minute as the window store keeps it. Bounded whatever the traffic: counters, one sum per
 * currency, at most {@value #MAX_REASONS} rejection reasons (the rest under {@value #OTHER_REASON}), and
 * the confirmation latencies in a fixed histogram.
 */
public record MinuteFigures(long placed, long confirmed, long rejected, long unitsConfirmed,
    Map<String, Long> revenueByCurrency, Map<String, Long> rejectionsByReason, long[] latencyBuckets,
    long latencyMaxMillis) {

  /** Upper bounds (ms, inclusive) of the latency buckets; one more bucket holds everything above the last. */
  static final long[] LATENCY_BOUNDS = {10, 25, 50, 100, 200, 300, 500, 750, 1_000, 1_500, 2_000, 3_000, 5_000,
      10_000, 30_000, 60_000, 300_000};
  static final int MAX_REASONS = 16;
  static final int MAX_CURRENCIES = 32;
  static final String OTHER_REASON = "OTHER";

  public MinuteFigures {
    revenueByCurrency = new TreeMap<>(revenueByCurrency == null ? Map.of() : revenueByCurrency);
    rejectionsByReason = new TreeMap<>(rejectionsByReason == null ? Map.of() : rejectionsByReason);
    latencyBuckets = latencyBuckets == null || latencyBuckets.length != LATENCY_BOUNDS.length + 1
        ? new long[LATENCY_BOUNDS.length + 1] : latencyBuckets.clone();
  }

  public static MinuteFigures empty() {
    return new MinuteFigures(0, 0, 0, 0, Map.of(), Map.of(), null, 0);
  }

  MinuteFigures with(LiveEvent event) {
    return switch (event) {
      case LiveEvent.Placed p -> new MinuteFigures(placed + 1, confirmed, rejected, unitsConfirmed, revenueByCurrency,
          rejectionsByReason, latencyBuckets, latencyMaxMillis);
      case LiveEvent.Confirmed c -> {
        Map<String, Long> revenue = new TreeMap<>(revenueByCurrency);
        if (revenue.containsKey(c.currency()) || revenue.size() < MAX_CURRENCIES) {
          revenue.merge(c.currency(), c.revenue(), Long::sum);
        }
        long[] buckets = latencyBuckets.clone();
        long latency = Math.max(0, c.latencyMillis());
        buckets[bucketOf(latency)]++;
        yield new MinuteFigures(placed, confirmed + 1, rejected, unitsConfirmed + c.units(), revenue,
            rejectionsByReason, buckets, Math.max(latencyMaxMillis, latency));
      }
      case LiveEvent.Rejected r -> {
        Map<String, Long> reasons = new TreeMap<>(rejectionsByReason);
        String reason = r.reason() == null ? "UNSPECIFIED" : r.reason();
        reasons.merge(reasons.containsKey(reason) || reasons.size() < MAX_REASONS - 1 ? reason : OTHER_REASON, 1L,
            Long::sum);
        yield new MinuteFigures(placed, confirmed, rejected + 1, unitsConfirmed, revenueByCurrency, reasons,
            latencyBuckets, latencyMaxMillis);
      }
      default -> this;
    };
  }

  static int bucketOf(long latencyMillis) {
    int i = Arrays.binarySearch(LATENCY_BOUNDS, latencyMillis);
    return i >= 0 ? i : -i - 1;
  }

  /**
   * The latency under which {@code quantile} of this minute's confirmations fell: the upper bound of the
   * bucket holding that rank (never more than the largest latency seen); null without confirmations.
   */
  Long latencyPercentile(double quantile) {
    long total = Arrays.stream(latencyBuckets).sum();
    if (total == 0) {
      return null;
    }
    long rank = (long) Math.ceil(quantile * total);
    long seen = 0;
    for (int i = 0; i < latencyBuckets.length; i++) {
      seen += latencyBuckets[i];
      if (seen >= rank) {
        return i < LATENCY_BOUNDS.length ? Math.min(LATENCY_BOUNDS[i], latencyMaxMillis) : latencyMaxMillis;
      }
    }
    return latencyMaxMillis;
  }

  public LiveMinute toLiveMinute(Instant start) {
    return new LiveMinute(start, placed, confirmed, rejected, unitsConfirmed, revenueByCurrency, rejectionsByReason,
        latencyPercentile(0.50), latencyPercentile(0.99));
  }

  public static LiveMinute zero(Instant start) {
    return empty().toLiveMinute(start);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MinuteFigures m && placed == m.placed && confirmed == m.confirmed && rejected == m.rejected
        && unitsConfirmed == m.unitsConfirmed && revenueByCurrency.equals(m.revenueByCurrency)
        && rejectionsByReason.equals(m.rejectionsByReason) && Arrays.equals(latencyBuckets, m.latencyBuckets)
        && latencyMaxMillis == m.latencyMaxMillis;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(placed, confirmed, rejected, unitsConfirmed, revenueByCurrency, rejectionsByReason,
        Arrays.hashCode(latencyBuckets), latencyMaxMillis);
  }

  @Override
  public String toString() {
    return "MinuteFigures[placed=" + placed + ", confirmed=" + confirmed + ", rejected=" + rejected + ", units="
        + unitsConfirmed + ", revenue=" + revenueByCurrency + ", reasons=" + rejectionsByReason + "]";
  }
}
