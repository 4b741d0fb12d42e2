package io.fusioncommerce.analytics.query;

import java.time.Duration;

/** The width of a time bucket, and the longest range a query may ask for at that width. */
public enum Granularity {
  MINUTE(Duration.ofMinutes(1), Duration.ofDays(1)),
  HOUR(Duration.ofHours(1), Duration.ofDays(93)),
  DAY(Duration.ofDays(1), Duration.ofDays(3 * 366));

  private final Duration bucket;
  private final Duration longestRange;

  Granularity(Duration bucket, Duration longestRange) {
    this.bucket = bucket;
    this.longestRange = longestRange;
  }

  public Duration bucket() {
    return bucket;
  }

  /** At most 1,440 minutes, 2,232 hours or 1,098 days: bounded answers, bounded work for Druid. */
  public Duration longestRange() {
    return longestRange;
  }
}
