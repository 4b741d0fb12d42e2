package io.fusioncommerce.topologies.recommendations;

import io.fusioncommerce.topologies.support.StoreChangeListener;
import java.util.function.BiFunction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one recommendation row per key (a SKU's neighbours, a customer's profile, a category's
 * popularity) on the partition that owns the key: each purchase event is folded into the row by a
 * {@link RecommendationBook} rule. Writes nothing: the rows are read by interactive query.
 */
final class RowProcessor<K, E, V> implements Processor<K, E, Void, Void> {

  private final String store;
  private final BiFunction<V, E, V> fold;
  private final StoreChangeListener changes;
  private KeyValueStore<K, V> rows;

  RowProcessor(String store, BiFunction<V, E, V> fold, StoreChangeListener changes) {
    this.store = store;
    this.fold = fold;
    this.changes = changes;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    rows = context.getStateStore(store);
  }

  @Override
  public void process(Record<K, E> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    rows.put(record.key(), fold.apply(rows.get(record.key()), record.value()));
    changes.changed(store, record.key());
  }
}
