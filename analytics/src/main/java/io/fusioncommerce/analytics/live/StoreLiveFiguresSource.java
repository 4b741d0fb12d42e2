package io.fusioncommerce.analytics.live;

import io.fusioncommerce.analytics.feed.AnalyticsTopology;
import io.fusioncommerce.analytics.feed.LiveEntries;
import io.fusioncommerce.analytics.feed.MinuteFigures;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The live figures read from the analytics topology's stores by interactive query: the tenant's last
 * {@value #MINUTES} minutes (oldest first, the current one last, minutes without events as zeros), its
 * low-stock SKUs (lowest stock first, at most {@value #MAX_LOW_STOCK}) and its open campaigns (ending
 * soonest first, at most {@value #MAX_CAMPAIGNS}). Empty while the stores cannot be read here: the
 * topology is starting or rebalancing, or the tenant's partition is on another instance.
 */
public final class StoreLiveFiguresSource implements LiveFiguresSource {

  static final int MINUTES = 60;
  static final int MAX_LOW_STOCK = 50;
  static final int MAX_CAMPAIGNS = 50;
  private static final StringSerializer KEYS = new StringSerializer();

  /** Finds a store of the tenant's partition, or throws {@link InvalidStateStoreException}. */
  @FunctionalInterface
  public interface Stores {
    <T> T store(String name, QueryableStoreType<T> type, String tenantId);
  }

  private final Stores stores;
  private final Clock clock;

  public StoreLiveFiguresSource(Stores stores, Clock clock) {
    this.stores = stores;
    this.clock = clock;
  }

  /** Reads the stores of the running analytics topology ({@code streams} empty while there is none). */
  public static StoreLiveFiguresSource of(Supplier<Optional<KafkaStreams>> streams, Clock clock) {
    return new StoreLiveFiguresSource(new Stores() {
      @Override
      public <T> T store(String name, QueryableStoreType<T> type, String tenantId) {
        KafkaStreams running = streams.get().orElseThrow(() -> new InvalidStateStoreException("no analytics topology"));
        KeyQueryMetadata owner = running.queryMetadataForKey(name, tenantId, KEYS);
        if (owner == null || owner.partition() < 0) {
          throw new InvalidStateStoreException("no owner of " + name + " yet");
        }
        // only the tenant's partition: if another instance owns it, this throws (the caller answers empty)
        return running.store(StoreQueryParameters.fromNameAndType(name, type).withPartition(owner.partition()));
      }
    }, clock);
  }

  @Override
  public Optional<LiveFigures> figures(String tenantId) {
    Instant now = clock.instant();
    long minute = AnalyticsTopology.MINUTE.toMillis();
    long current = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), minute);
    long first = current - (MINUTES - 1) * minute;
    try {
      ReadOnlyWindowStore<String, MinuteFigures> windows =
          stores.store(AnalyticsTopology.MINUTE_STORE, QueryableStoreTypes.windowStore(), tenantId);
      Map<Long, MinuteFigures> byStart = new HashMap<>();
      try (WindowStoreIterator<MinuteFigures> found =
               windows.fetch(tenantId, Instant.ofEpochMilli(first), Instant.ofEpochMilli(current))) {
        found.forEachRemaining(entry -> byStart.put(entry.key, entry.value));
      }
      List<LiveMinute> minutes = new ArrayList<>(MINUTES);
      for (long start = first; start <= current; start += minute) {
        MinuteFigures figures = byStart.get(start);
        minutes.add(figures == null ? MinuteFigures.zero(Instant.ofEpochMilli(start))
            : figures.toLiveMinute(Instant.ofEpochMilli(start)));
      }
      List<LowStockSku> lowStock = entries(AnalyticsTopology.LOW_STOCK_STORE, tenantId, LiveEntries.LowStock.class)
          .stream()
          .sorted(Comparator.comparingLong(LiveEntries.LowStock::available).thenComparing(LiveEntries.LowStock::sku))
          .limit(MAX_LOW_STOCK)
          .map(low -> new LowStockSku(low.sku(), low.vendorId(), low.available(), low.threshold(),
              Instant.ofEpochMilli(low.since())))
          .toList();
      List<CampaignProgress> campaigns = entries(AnalyticsTopology.CAMPAIGN_STORE, tenantId,
          LiveEntries.OpenCampaign.class).stream()
          .filter(campaign -> campaign.endsAt() > now.toEpochMilli())
          .sorted(Comparator.comparingLong(LiveEntries.OpenCampaign::endsAt)
              .thenComparing(LiveEntries.OpenCampaign::campaignId))
          .limit(MAX_CAMPAIGNS)
          .map(campaign -> new CampaignProgress(campaign.campaignId(), campaign.sku(), campaign.participants(),
              campaign.targetParticipants(), Instant.ofEpochMilli(campaign.endsAt())))
          .toList();
      return Optional.of(new LiveFigures(tenantId, now, minutes, lowStock, campaigns));
    } catch (InvalidStateStoreException e) {
      return Optional.empty();
    }
  }

  private <V> List<V> entries(String store, String tenantId, Class<V> type) {
    ReadOnlyKeyValueStore<String, V> entries = stores.store(store, QueryableStoreTypes.keyValueStore(), tenantId);
    List<V> values = new ArrayList<>();
    try (KeyValueIterator<String, V> found = entries.prefixScan(LiveEntries.tenantPrefix(tenantId), KEYS)) {
      found.forEachRemaining((KeyValue<String, V> entry) -> values.add(type.cast(entry.value)));
    }
    return values;
  }

}
