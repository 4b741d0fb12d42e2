package io.fusioncommerce.topologies.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.envelope.Cause;
import java.time.Instant;

/**
 * A change of one catalog.products row, read from its Debezium event.
 *
 * @param op what happened to the row
 * @param key the row's tenant and SKU (its primary key)
 * @param row the row after the change; for a delete the row as it was, or null when the event does not carry it whole
 * @param committedAt when it committed in Postgres
 * @param lsn its position in the Postgres log, or null
 * @param txId its Postgres transaction, or null
 */
public record ProductChange(DebeziumChange.Op op, SkuKey key, ProductRow row, Instant committedAt, Long lsn, Long txId) {

  /** @throws UnreadableChangeException when the event is not a readable change of catalog.products */
  public static ProductChange from(DebeziumChange change) {
    SkuKey key = new SkuKey(keyText(change.key(), "tenant_id"), keyText(change.key(), "sku"));
    ProductRow row;
    if (change.op() == DebeziumChange.Op.DELETE) {
      // REPLICA IDENTITY FULL gives the whole old row; without it only the key columns come.
      JsonNode before = change.before();
      row = before != null && before.has("version") && before.has("name") ? ProductRow.from(before) : null;
    } else {
      if (change.after() == null) {
        throw new UnreadableChangeException("a " + change.op() + " change of catalog.products without 'after'");
      }
      row = ProductRow.from(change.after());
    }
    if (row != null && (!row.tenantId().equals(key.getTenantId()) || !row.sku().equals(key.getSku()))) {
      throw new UnreadableChangeException("the key (" + key.getTenantId() + ", " + key.getSku()
          + ") differs from its row (" + row.tenantId() + ", " + row.sku() + ")");
    }
    return new ProductChange(change.op(), key, row, change.committedAt(), change.lsn(), change.txId());
  }

  /**
   * Identifies this change for event ids: the same change delivered again gets the same id, and a row
   * re-inserted after a delete (whose version starts again) gets new ones through its log position.
   */
  public String changeId() {
    long version = row != null ? row.version() : -1;
    return "pg:" + key.getTenantId() + "|" + key.getSku() + "@v" + version + (op == DebeziumChange.Op.DELETE ? "/deleted" : "")
        + (lsn != null ? "/lsn" + lsn : "");
  }

  /**
   * The correlation id of the HTTP request that wrote the row, so its events can be traced to it;
   * for a row written by other means, one id for every event of its Postgres transaction.
   */
  public String correlationId() {
    if (row != null && row.correlationId() != null && !row.correlationId().isBlank()) {
      return row.correlationId();
    }
    return txId != null ? "pg-tx:" + txId : changeId();
  }

  /** The cause of the events this change brings about, for the tenant that owns the row. */
  public Cause cause(String tenantId) {
    return new Cause(changeId(), tenantId, correlationId(), committedAt, null, null);
  }

  static String keyText(JsonNode key, String column) {
    JsonNode value = key.path(column);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new UnreadableChangeException("change event key without " + column + ": " + key);
    }
    return value.asText();
  }
}
