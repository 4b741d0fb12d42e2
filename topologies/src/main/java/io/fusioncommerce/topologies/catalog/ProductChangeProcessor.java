package io.fusioncommerce.topologies.catalog;

import static io.fusioncommerce.topologies.support.Wiring.sinkName;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.CatalogProductState;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.catalog.ProductApproved;
import io.fusioncommerce.schemas.catalog.ProductArchived;
import io.fusioncommerce.schemas.catalog.ProductCreated;
import io.fusioncommerce.schemas.catalog.ProductRejected;
import io.fusioncommerce.schemas.catalog.ProductUpdated;
import io.fusioncommerce.schemas.common.SkuKey;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads Debezium's changes of catalog.products, decides with {@link ProductChanges} against the last
 * change processed for the row, then stores the new state and publishes the events and table entries.
 * Everything that can fail (reading the JSON, the rules) happens before anything is written, so an
 * unreadable change goes to the dead-letter topic having changed nothing.
 *
 * <p>The raw topic is keyed by the row's primary key, so every change of a row reaches the same task in
 * commit order; the state is kept there, without a repartition hop.
 */
final class ProductChangeProcessor implements Processor<byte[], byte[], SpecificRecord, SpecificRecord> {

  private ProcessorContext<SpecificRecord, SpecificRecord> context;
  private KeyValueStore<SkuKey, CatalogProductState> states;

  @Override
  public void init(ProcessorContext<SpecificRecord, SpecificRecord> context) {
    this.context = context;
    this.states = context.getStateStore(CatalogTopology.PRODUCT_STATE_STORE);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      return; // Debezium's tombstone after a delete: for compaction of the raw topic only
    }
    ProductChange change = ProductChange.from(
        DebeziumChange.parse(record.key(), record.value(), "catalog", "products"));
    ProductChanges.Decision decision = ProductChanges.decide(states.get(change.key()), change);
    if (decision.ignored()) {
      return;
    }
    states.put(change.key(), decision.state());
    long timestamp = change.committedAt().toEpochMilli();
    SkuKey key = change.key();
    for (SpecificRecord event : decision.events()) {
      forward(key, event, timestamp, sinkOf(event));
    }
    for (Map.Entry<String, Product> entry : decision.table().entrySet()) {
      forward(new SkuKey(key.getTenantId(), entry.getKey()), entry.getValue(), timestamp, sinkName(Topics.CATALOG_PRODUCTS));
    }
  }

  private void forward(SkuKey key, SpecificRecord value, long timestamp, String sink) {
    context.forward(new Record<SpecificRecord, SpecificRecord>(key, value, timestamp, new RecordHeaders()), sink);
  }

  private static String sinkOf(SpecificRecord event) {
    return switch (event) {
      case ProductCreated ignored -> sinkName(Topics.PRODUCT_CREATED);
      case ProductUpdated ignored -> sinkName(Topics.PRODUCT_UPDATED);
      case ProductArchived ignored -> sinkName(Topics.PRODUCT_ARCHIVED);
      case ProductApproved ignored -> sinkName(Topics.PRODUCT_APPROVED);
      case ProductRejected ignored -> sinkName(Topics.PRODUCT_REJECTED);
      default -> throw new IllegalStateException("no sink for " + event.getClass().getName());
    };
  }
}
