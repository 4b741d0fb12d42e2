package io.fusioncommerce.topologies.fraud;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link FeatureStores} in plain maps: for unit tests and the offline traffic generator, which run the same
 * {@link FraudFeatureBook} as the topology. Buckets older than {@link #RETENTION} before the newest activity
 * of an entity are dropped, as a window store's retention would.
 */
public final class InMemoryFeatureStores implements FeatureStores {

  private final Map<String, NavigableMap<Instant, ActivityCounts>> activity = new HashMap<>();
  private final Map<String, EntityProfile> profiles = new HashMap<>();

  @Override
  public void addActivity(String entityKey, Instant at, ActivityCounts delta) {
    NavigableMap<Instant, ActivityCounts> buckets = activity.computeIfAbsent(entityKey, k -> new TreeMap<>());
    buckets.merge(FeatureStores.bucketStart(at), delta, ActivityCounts::plus);
    buckets.headMap(at.minus(RETENTION), false).clear();
  }

  @Override
  public ActivityCounts activity(String entityKey, Instant from, Instant to) {
    NavigableMap<Instant, ActivityCounts> buckets = activity.get(entityKey);
    if (buckets == null || !from.isBefore(to)) {
      return ActivityCounts.NONE;
    }
    return buckets.subMap(from, true, to, false).values().stream().reduce(ActivityCounts.NONE, ActivityCounts::plus);
  }

  @Override
  public Optional<EntityProfile> profile(String entityKey) {
    return Optional.ofNullable(profiles.get(entityKey));
  }

  @Override
  public void putProfile(String entityKey, EntityProfile profile) {
    profiles.put(entityKey, profile);
  }
}
