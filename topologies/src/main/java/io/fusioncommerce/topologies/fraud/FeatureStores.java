package io.fusioncommerce.topologies.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The state the fraud features are computed from, per entity key (the {@link FraudFeatureBook} builds keys
 * from the tenant id, the entity's kind and its value, so one tenant never reads another's entries).
 * Two kinds of state, shaped after the Kafka Streams stores that back it in the topology:
 * <ul>
 *   <li>windowed activity: {@link ActivityCounts} per entity and {@linkplain #BUCKET minute bucket}, read as a
 *       sum over a range of buckets — a window store with one-minute windows kept for {@link #RETENTION};</li>
 *   <li>a profile: one bounded {@link EntityProfile} per entity — a key-value store.</li>
 * </ul>
 * Implementations need not be thread-safe: each is used by one stream task (or one test) at a time.
 */
public interface FeatureStores {

  /** The width of an activity bucket. */
  Duration BUCKET = Duration.ofMinutes(1);

  /** How long activity buckets must be kept: the longest window read (24 h) plus a margin for late records. */
  Duration RETENTION = Duration.ofHours(25);

  /** The start of the bucket {@code at} falls into. */
  static Instant bucketStart(Instant at) {
    long millis = at.toEpochMilli();
    return Instant.ofEpochMilli(millis - Math.floorMod(millis, BUCKET.toMillis()));
  }

  /** Adds {@code delta} to the entity's bucket that {@code at} falls into. */
  void addActivity(String entityKey, Instant at, ActivityCounts delta);

  /** The sum of the entity's buckets whose start lies in [{@code from}, {@code to}); {@link ActivityCounts#NONE} if none. */
  ActivityCounts activity(String entityKey, Instant from, Instant to);

  /** The entity's profile, empty for an entity never recorded. */
  Optional<EntityProfile> profile(String entityKey);

  void putProfile(String entityKey, EntityProfile profile);
}
