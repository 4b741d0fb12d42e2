package io.fusioncommerce.ingress.query;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries against the topologies' stores: finds which instance owns a key (the partition
 * is computed from the serialized key, exactly as the producer partitions it) and reads the local store
 * when that instance is this one.
 */
public final class InteractiveQueries {

  private final StreamsDirectory directory;
  private final Supplier<HostInfo> self;
  private final Optional<HostInfo> upstream;

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

  public <K> KeyLocation locate(String context, String store, K key, Serializer<K> keySerializer) {
    Optional<KafkaStreams> streams = directory.streams(context);
    if (streams.isEmpty()) {
      return upstream.<KeyLocation>map(host -> new KeyLocation.Remote(host, List.of()))
          .orElseGet(() -> new KeyLocation.Unavailable("the " + context + " topology does not run in this process"));
    }
    KeyQueryMetadata metadata;
    try {
      metadata = streams.get().queryMetadataForKey(store, key, keySerializer);
    } catch (IllegalStateException | InvalidStateStoreException e) {
      return new KeyLocation.Unavailable(e.getMessage());
    }
    if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      return new KeyLocation.Unavailable("the " + context + " topology is rebalancing");
    }
    if (metadata.activeHost().equals(self.get())) {
      return new KeyLocation.Local(metadata.partition());
    }
    return new KeyLocation.Remote(metadata.activeHost(), metadata.standbyHosts().stream().toList());
  }

  /** Reads a key from this instance's copy of the store; empty when absent. */
  public <K, V> Optional<V> get(String context, String store, K key, int partition, boolean allowStale) {
    KafkaStreams streams =
        directory.streams(context).orElseThrow(() -> new InvalidStateStoreException(context + " is not running here"));
    StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> parameters =
        StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<K, V>keyValueStore()).withPartition(partition);
    if (allowStale) {
      parameters = parameters.enableStaleStores();
    }
    return Optional.ofNullable(streams.store(parameters).get(key));
  }
}
