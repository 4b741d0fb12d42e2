package io.fusioncommerce.topologies.recommendations;

import java.time.Duration;

/**
 * How recommendations weigh time and how much each row keeps.
 *
 * @param halfLife a purchase counts half as much after this long (co-occurrence, popularity, affinity)
 * @param neighbours SKUs kept per SKU's bought-together row; more than are ever answered (50), so a pair
 *     just outside the answer can still climb into it
 * @param popular SKUs kept per category's popularity row
 * @param purchases distinct SKUs kept per customer (what it is never recommended again, newest first)
 * @param categories category affinities kept per customer
 */
public record RecommendationSettings(Duration halfLife, int neighbours, int popular, int purchases, int categories) {

  public static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(30);

  public RecommendationSettings {
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("half-life must be positive: " + halfLife);
    }
    if (neighbours < 1 || popular < 1 || purchases < 1 || categories < 1) {
      throw new IllegalArgumentException("every row must keep at least one entry");
    }
  }

  public static RecommendationSettings defaults() {
    return withHalfLife(DEFAULT_HALF_LIFE);
  }

  public static RecommendationSettings withHalfLife(Duration halfLife) {
    return new RecommendationSettings(halfLife, 100, 100, 200, 20);
  }

  /**
   * A row not touched for this long has decayed below 1/4096 of what it was: the retention sweep forgets it.
   */
  public Duration idleRetention() {
    return halfLife.multipliedBy(12);
  }
}
