package io.fusioncommerce.topologies.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Drops a store's entries once they are past their retention, a bounded slice at a time.
 *
 * <p>Each {@link #sweep} looks at no more than {@code scanBudget} entries, continuing in key order
 * from where the previous sweep stopped and starting over at the end, and deletes the expired ones
 * it saw. A delete writes a tombstone to the store's changelog, which compaction then drops, so the
 * changelog and the RocksDB files shrink too. Time is the stream time the punctuation passes in, so
 * tests drive it with record timestamps and replays decide the same way.
 *
 * <p>The cursor lives in memory only: after a restart or a rebalance the sweep begins again at the
 * first key, which costs one extra pass and never skips an entry for good.
 *
 * @param <K> store key
 * @param <V> store value
 */
public final class StoreRetention<K, V> {

  /** When an entry may go, given the stream time; empty while it must stay. */
  @FunctionalInterface
  public interface Expiry<V> {
    Optional<Instant> expiresAt(V value);
  }

  /** Deletes what belongs to an expiring entry (another store's rows), within a budget of deletes. */
  @FunctionalInterface
  public interface Dependents<K, V> {
    Deleted delete(K key, V value, int budget);
  }

  /** How many dependent rows were deleted, and whether none is left. */
  public record Deleted(int count, boolean complete) {
    public static final Deleted NOTHING = new Deleted(0, true);
  }

  private final KeyValueStore<K, V> store;
  private final Expiry<V> expiry;
  private final Dependents<K, V> dependents;
  private final int scanBudget;
  private K cursor;

  public StoreRetention(KeyValueStore<K, V> store, Expiry<V> expiry, int scanBudget) {
    this(store, expiry, (key, value, budget) -> Deleted.NOTHING, scanBudget);
  }

  public StoreRetention(KeyValueStore<K, V> store, Expiry<V> expiry, Dependents<K, V> dependents, int scanBudget) {
    if (scanBudget < 1) {
      throw new IllegalArgumentException("scanBudget must be at least 1");
    }
    this.store = store;
    this.expiry = expiry;
    this.dependents = dependents;
    this.scanBudget = scanBudget;
  }

  /** The instant at which a closed entry expires: when it closed plus how long closed entries are kept. */
  public static Optional<Instant> closedSince(boolean closed, Instant closedAt, Duration keep) {
    return closed ? Optional.of(closedAt.plus(keep)) : Optional.empty();
  }

  /** One bounded pass; returns how many entries were deleted. */
  public int sweep(long streamTimeMs) {
    Instant now = Instant.ofEpochMilli(streamTimeMs);
    List<KeyValue<K, V>> expired = new ArrayList<>();
    int seen = 0;
    K last = null;
    boolean reachedEnd;
    // Collected first, deleted after the iterator is closed: no writes under an open iterator.
    try (KeyValueIterator<K, V> entries = store.range(cursor, null)) {
      while (entries.hasNext() && seen < scanBudget) {
        KeyValue<K, V> entry = entries.next();
        if (cursor != null && seen == 0 && entry.key.equals(cursor)) {
          continue; // the previous sweep's last key, already looked at
        }
        seen++;
        last = entry.key;
        if (entry.value != null && expiry.expiresAt(entry.value).map(at -> !at.isAfter(now)).orElse(false)) {
          expired.add(entry);
        }
      }
      reachedEnd = !entries.hasNext();
    }
    int deleted = 0;
    int budget = scanBudget; // deletes, dependents included, per sweep
    for (KeyValue<K, V> entry : expired) {
      Deleted rows = budget > 0 ? dependents.delete(entry.key, entry.value, budget) : new Deleted(0, false);
      budget -= rows.count();
      if (!rows.complete() || budget <= 0) {
        // its dependents did not all fit (or the budget is spent): come back to this entry first next time
        cursor = previousOrNull(entry.key);
        return deleted;
      }
      store.delete(entry.key);
      deleted++;
      budget--;
    }
    cursor = reachedEnd ? null : last;
    return deleted;
  }

  /** Sweeps resume after the cursor; to look at {@code key} again the cursor must not be {@code key}. */
  private K previousOrNull(K key) {
    K previous = null;
    try (KeyValueIterator<K, V> entries = store.range(cursor, key)) {
      while (entries.hasNext()) {
        K candidate = entries.next().key;
        if (candidate.equals(key)) {
          break;
        }
        previous = candidate;
      }
    }
    return previous;
  }
}
