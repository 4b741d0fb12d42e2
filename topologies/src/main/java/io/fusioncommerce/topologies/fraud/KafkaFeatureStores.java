package io.fusioncommerce.topologies.fraud;

import io.fusioncommerce.schemas.fraud.FraudActivity;
import io.fusioncommerce.schemas.fraud.FraudProfile;
import io.fusioncommerce.schemas.fraud.FraudProfileMember;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * {@link FeatureStores} over the fraud topology's stores: activity in a window store of one-minute windows
 * (one entry per entity and bucket, kept {@link FeatureStores#RETENTION}), profiles in a key-value store.
 * Used by one stream task at a time, inside its exactly-once transaction.
 */
final class KafkaFeatureStores implements FeatureStores {

  private final WindowStore<String, FraudActivity> activity;
  private final KeyValueStore<String, FraudProfile> profiles;
  /** The stream time of the record being processed: when a profile was last written, for its retention. */
  private final Supplier<Instant> now;

  KafkaFeatureStores(WindowStore<String, FraudActivity> activity, KeyValueStore<String, FraudProfile> profiles,
      Supplier<Instant> now) {
    this.activity = activity;
    this.profiles = profiles;
    this.now = now;
  }

  @Override
  public void addActivity(String entityKey, Instant at, ActivityCounts delta) {
    long bucket = FeatureStores.bucketStart(at).toEpochMilli();
    FraudActivity current = activity.fetch(entityKey, bucket);
    ActivityCounts sum = (current == null ? ActivityCounts.NONE : counts(current)).plus(delta);
    activity.put(entityKey, new FraudActivity(sum.orders(), sum.amountMinor(), sum.failedPayments()), bucket);
  }

  @Override
  public ActivityCounts activity(String entityKey, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      return ActivityCounts.NONE;
    }
    ActivityCounts sum = ActivityCounts.NONE;
    // window starts in [from, to): the store's range is inclusive at both ends
    try (WindowStoreIterator<FraudActivity> buckets = activity.fetch(entityKey, from, to.minusMillis(1))) {
      while (buckets.hasNext()) {
        sum = sum.plus(counts(buckets.next().value));
      }
    }
    return sum;
  }

  @Override
  public Optional<EntityProfile> profile(String entityKey) {
    FraudProfile stored = profiles.get(entityKey);
    if (stored == null) {
      return Optional.empty();
    }
    return Optional.of(new EntityProfile(stored.getFirstSeen(), stored.getOrders(), stored.getAmountMinor(),
        stored.getMembers().stream().map(m -> new EntityProfile.RecentMember(m.getValue(), m.getLastSeen())).toList()));
  }

  @Override
  public void putProfile(String entityKey, EntityProfile profile) {
    profiles.put(entityKey, FraudProfile.newBuilder().setFirstSeen(profile.firstSeen()).setOrders(profile.orders())
        .setAmountMinor(profile.amountMinor())
        .setMembers(profile.members().stream().map(m -> new FraudProfileMember(m.value(), m.lastSeen())).toList())
        .setLastWritten(now.get()).build());
  }

  private static ActivityCounts counts(FraudActivity stored) {
    return new ActivityCounts(stored.getOrders(), stored.getAmountMinor(), stored.getFailedPayments());
  }
}
