package io.fusioncommerce.ingress.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.query.StoreReader;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.OrderHistory;
import io.fusioncommerce.schemas.orders.OrderHistoryEntry;
import io.fusioncommerce.topologies.orders.OrderHistoryKeys;
import io.fusioncommerce.topologies.orders.OrderTopology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/** Paging an order's trail: oldest first, every entry once, whichever way it is stored. */
class HistoryPageTest {

  private static final OrderKey ORDER = new OrderKey("acme", "o-1");

  /** The stores of one partition, as the owning instance reads them. */
  private static final class Stores implements StoreReader.Local {
    final TreeMap<String, OrderHistoryEntry> entries = new TreeMap<>();
    OrderHistory legacy;

    @Override
    @SuppressWarnings("unchecked")
    public <V> Optional<V> get(String store) {
      return OrderTopology.HISTORY_STORE.equals(store) ? Optional.ofNullable((V) legacy) : Optional.empty();
    }

    @Override
    public <K2, V> Optional<V> get(String store, K2 otherKey) {
      return Optional.empty();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> List<KeyValue<String, V>> scan(String store, String prefix, String after, int limit) {
      assertThat(store).isEqualTo(OrderTopology.HISTORY_ENTRIES_STORE);
      List<KeyValue<String, V>> found = new ArrayList<>();
      for (Map.Entry<String, OrderHistoryEntry> e : entries.tailMap(after == null ? prefix : after, after == null).entrySet()) {
        if (!e.getKey().startsWith(prefix) || found.size() == limit) {
          break;
        }
        found.add(KeyValue.pair(e.getKey(), (V) e.getValue()));
      }
      return found;
    }
  }

  private static OrderHistoryEntry entry(int n) {
    return OrderHistoryEntry.newBuilder().setEventId("e" + n).setType("T").setStatus("CREATED")
        .setOccurredAt(Instant.ofEpochSecond(n)).build();
  }

  private static List<String> walk(Stores stores, int limit) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      HistoryPage page = HistoryPage.read(stores, ORDER, cursor, limit);
      assertThat(page.entries().size()).isLessThanOrEqualTo(limit);
      page.entries().forEach(e -> seen.add(e.getEventId()));
      cursor = page.next();
    } while (cursor != null);
    return seen;
  }

  @Test
  void pagesThroughEntriesOldestFirstEachOnce() {
    Stores stores = new Stores();
    for (int i = 0; i < 123; i++) {
      stores.entries.put(OrderHistoryKeys.key("acme", "o-1", i), entry(i));
    }
    stores.entries.put(OrderHistoryKeys.key("acme", "o-10", 0), entry(999)); // another order, same prefix text
    List<String> seen = walk(stores, 50);
    assertThat(seen).hasSize(123).doesNotHaveDuplicates().startsWith("e0", "e1").endsWith("e122");
    assertThat(HistoryPage.read(stores, ORDER, null, 500).next()).isNull();
  }

  @Test
  void aTrailStillInOneValueIsPagedTheSameWay() {
    Stores stores = new Stores();
    List<OrderHistoryEntry> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      all.add(entry(i));
    }
    stores.legacy = new OrderHistory("acme", "o-1", all);
    assertThat(walk(stores, 3)).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6");
  }

  @Test
  void aCursorThatIsNotOursIsRefused() {
    assertThatThrownBy(() -> HistoryPage.read(new Stores(), ORDER, "bm9wZQ", 10))
        .isInstanceOf(ApiException.class);
  }
}
