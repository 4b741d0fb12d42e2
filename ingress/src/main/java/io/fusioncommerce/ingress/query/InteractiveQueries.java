package io.fusioncommerce.ingress.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries against the topologies' stores: finds which instance owns a key and reads the
 * local store when that instance is this one.
 *
 * <p>The owner is computed as the producer partitions: murmur2 of the serialized key modulo the
 * partition count, then the partition's active host from the streams metadata. That metadata is
 * cached (Kafka Streams' own {@code queryMetadataForKey} takes a global lock and rebuilds task sets on
 * every call, which serialises all reads under load) and refreshed whenever the topology rebalanced
 * or a read found a store that moved.
 */
public final class InteractiveQueries {

  private static final long REFRESH_NANOS = 1_000_000_000L;

  private final StreamsDirectory directory;
  private final Supplier<HostInfo> self;
  private final Optional<HostInfo> upstream;
  private final Map<String, Ownership> ownershipByStore = new ConcurrentHashMap<>();
  private final Map<StoreAndPartition, ReadOnlyKeyValueStore<?, ?>> localStores = new ConcurrentHashMap<>();

  /**
   * @param self known once the HTTP port is bound, hence a supplier
   * @param upstream where a stateless ingress (no topologies in its process) sends reads: any
   *     topology instance, which forwards to the owner
   */
  public InteractiveQueries(StreamsDirectory directory, Supplier<HostInfo> self, Optional<HostInfo> upstream) {
    this.directory = directory;
    this.self = self;
    this.upstream = upstream;
  }

  public HostInfo self() {
    return self.get();
  }

  /** Which partition owns which host, for one store, as of {@code takenAt}. */
  private record Ownership(String topic, int partitions, Map<Integer, HostInfo> active,
      Map<Integer, List<HostInfo>> standbys, long takenAt, KafkaStreams.State state) {}

  private record StoreAndPartition(String context, String store, int partition) {}

  public <K> KeyLocation locate(String context, String store, K key, Serializer<K> keySerializer) {
    Optional<KafkaStreams> streams = directory.streams(context);
    if (streams.isEmpty()) {
      return upstream.<KeyLocation>map(host -> new KeyLocation.Remote(host, List.of()))
          .orElseGet(() -> new KeyLocation.Unavailable("the " + context + " topology does not run in this process"));
    }
    Ownership ownership = ownership(context, streams.get(), store, false);
    if (ownership.partitions() == 0) {
      return new KeyLocation.Unavailable("the " + context + " topology is " + ownership.state().name().toLowerCase());
    }
    // Serialized for a source topic of the store, exactly as the producer serialized it there.
    int partition = Utils.toPositive(Utils.murmur2(keySerializer.serialize(ownership.topic(), key))) % ownership.partitions();
    HostInfo active = ownership.active().get(partition);
    if (active == null) {
      return new KeyLocation.Unavailable("partition " + partition + " of " + store + " has no owner yet");
    }
    if (active.equals(self.get())) {
      return new KeyLocation.Local(partition);
    }
    return new KeyLocation.Remote(active, ownership.standbys().getOrDefault(partition, List.of()));
  }

  /** Reads a key from this instance's copy of the store; empty when absent. */
  public <K, V> Optional<V> get(String context, String store, K key, int partition, boolean allowStale) {
    return this.<K, V, Optional<V>>onLocalStore(context, store, partition, allowStale,
        local -> Optional.ofNullable(local.get(key)));
  }

  /**
   * Reads a key from a global store of {@code context} (a table every instance holds whole, such as the
   * product table a topology prices with): answered here, whichever instance owns which partition.
   */
  @SuppressWarnings("unchecked")
  public <K, V> Optional<V> global(String context, String store, K key) {
    KafkaStreams streams =
        directory.streams(context).orElseThrow(() -> new InvalidStateStoreException(context + " is not running here"));
    ReadOnlyKeyValueStore<K, V> table = (ReadOnlyKeyValueStore<K, V>) streams.store(
        StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
    return Optional.ofNullable(table.get(key));
  }

  /** Up to {@code limit} values of a global store of {@code context} that pass {@code keep}, read here. */
  @SuppressWarnings("unchecked")
  public <V> List<V> globalValues(String context, String store, java.util.function.Predicate<V> keep, int limit) {
    KafkaStreams streams =
        directory.streams(context).orElseThrow(() -> new InvalidStateStoreException(context + " is not running here"));
    ReadOnlyKeyValueStore<Object, V> table = (ReadOnlyKeyValueStore<Object, V>) streams.store(
        StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
    List<V> found = new java.util.ArrayList<>();
    try (KeyValueIterator<Object, V> all = table.all()) {
      while (all.hasNext() && found.size() < limit) {
        V value = all.next().value;
        if (value != null && keep.test(value)) {
          found.add(value);
        }
      }
    }
    return found;
  }

  /** Entries of a String-keyed store on one partition of this instance, by key prefix, in key order. */
  public <V> List<KeyValue<String, V>> scan(String context, String store, int partition, String prefix, String after,
      int limit, boolean allowStale) {
    return this.<String, V, List<KeyValue<String, V>>>onLocalStore(context, store, partition, allowStale, local -> {
      List<KeyValue<String, V>> found = new java.util.ArrayList<>();
      // a range from just after the cursor to the end of the prefix, so deep pages cost no more than the first
      String from = after == null ? prefix : after + "\u0000";
      try (KeyValueIterator<String, V> entries = local.range(from, prefix + "\uffff")) {
        while (entries.hasNext() && found.size() < limit) {
          KeyValue<String, V> entry = entries.next();
          if (entry.key.startsWith(prefix)) {
            found.add(entry);
          }
        }
      }
      return found;
    });
  }

  /**
   * Runs {@code read} on this instance's copy of one partition of the store (kept open between reads,
   * unless stale reads are allowed); when the partition has moved away the cached store and ownership
   * are dropped and the error is passed on.
   */
  @SuppressWarnings("unchecked")
  private <K, V, R> R onLocalStore(String context, String store, int partition, boolean allowStale,
      java.util.function.Function<ReadOnlyKeyValueStore<K, V>, R> read) {
    KafkaStreams streams =
        directory.streams(context).orElseThrow(() -> new InvalidStateStoreException(context + " is not running here"));
    StoreAndPartition id = new StoreAndPartition(context, store, partition);
    try {
      return read.apply((ReadOnlyKeyValueStore<K, V>) (allowStale
          ? open(streams, id, true)
          : localStores.computeIfAbsent(id, s -> open(streams, s, false))));
    } catch (InvalidStateStoreException moved) {
      localStores.remove(id);
      ownership(context, streams, store, true);
      throw moved;
    }
  }

  private static ReadOnlyKeyValueStore<?, ?> open(KafkaStreams streams, StoreAndPartition id, boolean allowStale) {
    StoreQueryParameters<ReadOnlyKeyValueStore<Object, Object>> parameters =
        StoreQueryParameters.fromNameAndType(id.store(), QueryableStoreTypes.keyValueStore()).withPartition(id.partition());
    return streams.store(allowStale ? parameters.enableStaleStores() : parameters);
  }

  private Ownership ownership(String context, KafkaStreams streams, String store, boolean force) {
    Ownership known = ownershipByStore.get(store);
    KafkaStreams.State state = streams.state();
    if (!force && known != null && known.state() == state && System.nanoTime() - known.takenAt() < REFRESH_NANOS) {
      return known;
    }
    Ownership fresh = read(streams, store, state, directory.sourceTopics(context, store));
    if (known != null && !known.active().equals(fresh.active())) {
      localStores.keySet().removeIf(id -> id.store().equals(store)); // partitions moved: reopen lazily
    }
    ownershipByStore.put(store, fresh);
    return fresh;
  }

  private static Ownership read(KafkaStreams streams, String store, KafkaStreams.State state, Set<String> sources) {
    if (state != KafkaStreams.State.RUNNING) {
      return new Ownership(null, 0, Map.of(), Map.of(), System.nanoTime(), state);
    }
    Map<Integer, HostInfo> active = new HashMap<>();
    Map<Integer, List<HostInfo>> standbys = new HashMap<>();
    int partitions = 0;
    try {
      for (StreamsMetadata metadata : streams.streamsMetadataForStore(store)) {
        for (TopicPartition topicPartition : metadata.topicPartitions()) {
          if (!sources.isEmpty() && !sources.contains(topicPartition.topic())) {
            continue;
          }
          active.put(topicPartition.partition(), metadata.hostInfo());
          partitions = Math.max(partitions, topicPartition.partition() + 1);
        }
        for (TopicPartition topicPartition : metadata.standbyTopicPartitions()) {
          if (!sources.isEmpty() && !sources.contains(topicPartition.topic())) {
            continue;
          }
          standbys.computeIfAbsent(topicPartition.partition(), p -> new java.util.ArrayList<>()).add(metadata.hostInfo());
        }
      }
    } catch (IllegalStateException | InvalidStateStoreException notReady) {
      return new Ownership(null, 0, Map.of(), Map.of(), System.nanoTime(), state);
    }
    String topic = sources.isEmpty() ? store : sources.stream().sorted().findFirst().orElseThrow();
    return new Ownership(topic, partitions, Map.copyOf(active), Map.copyOf(standbys), System.nanoTime(), state);
  }
}
