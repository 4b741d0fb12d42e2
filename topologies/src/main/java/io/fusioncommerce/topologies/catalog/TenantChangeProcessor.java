package io.fusioncommerce.topologies.catalog;

import static io.fusioncommerce.topologies.support.Wiring.sinkName;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.tenants.TenantKey;
import io.fusioncommerce.schemas.tenants.TenantSettings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keeps the compacted table tenant.settings equal to catalog.tenants: every change of a tenant's row
 * writes its settings, a delete writes a tombstone (the tenant has the defaults again). A repeated
 * change writes the same value again, which a table absorbs; changes of a row arrive in commit order,
 * so the table ends at the row's latest state.
 */
final class TenantChangeProcessor implements Processor<byte[], byte[], SpecificRecord, SpecificRecord> {

  private ProcessorContext<SpecificRecord, SpecificRecord> context;

  @Override
  public void init(ProcessorContext<SpecificRecord, SpecificRecord> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      return; // Debezium's tombstone after a delete
    }
    DebeziumChange change = DebeziumChange.parse(record.key(), record.value(), "catalog", "tenants");
    TenantKey key = new TenantKey(ProductChange.keyText(change.key(), "tenant_id"));
    TenantSettings settings = null;
    if (change.op() != DebeziumChange.Op.DELETE) {
      if (change.after() == null) {
        throw new UnreadableChangeException("a " + change.op() + " change of catalog.tenants without 'after'");
      }
      TenantRow row = TenantRow.from(change.after());
      if (!row.tenantId().equals(key.getTenantId())) {
        throw new UnreadableChangeException("the key's tenant (" + key.getTenantId() + ") differs from its row's ("
            + row.tenantId() + ")");
      }
      settings = row.settings();
    }
    context.forward(new Record<SpecificRecord, SpecificRecord>(key, settings, change.committedAt().toEpochMilli(),
        new RecordHeaders()), sinkName(Topics.TENANT_SETTINGS));
  }
}
