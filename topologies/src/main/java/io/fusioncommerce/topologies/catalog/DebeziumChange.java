package io.fusioncommerce.topologies.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/**
 * One Debezium change event as the catalog source connector writes it: JSON without embedded schemas
 * ({@code JsonConverter}, {@code schemas.enable=false}), the key being the row's primary key.
 *
 * @param key the primary key columns, e.g. {@code {"tenant_id":"acme","sku":"SKU-1"}}
 * @param op {@code c} insert, {@code u} update, {@code d} delete, {@code r} read by a snapshot
 * @param before the row before the change ({@code u} and {@code d}; complete only with REPLICA IDENTITY FULL)
 * @param after the row after the change ({@code c}, {@code u}, {@code r})
 * @param committedAt when the transaction committed in Postgres ({@code source.ts_ms}; the read time for snapshots)
 * @param lsn the change's position in the Postgres log ({@code source.lsn}); null if absent
 * @param txId the Postgres transaction ({@code source.txId}); null if absent
 */
public record DebeziumChange(JsonNode key, Op op, JsonNode before, JsonNode after, Instant committedAt, Long lsn,
    Long txId) {

  /** Debezium's operation codes. */
  public enum Op {
    CREATE, UPDATE, DELETE, READ;

    static Op of(String code) {
      return switch (code) {
        case "c" -> CREATE;
        case "u" -> UPDATE;
        case "d" -> DELETE;
        case "r" -> READ;
        default -> throw new UnreadableChangeException("unsupported Debezium operation '" + code + "'");
      };
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads a change event of {@code schema.table}.
   *
   * @throws UnreadableChangeException when the bytes are not such an event
   */
  public static DebeziumChange parse(byte[] key, byte[] value, String schema, String table) {
    if (key == null) {
      throw new UnreadableChangeException("change event without a key");
    }
    JsonNode keyNode = read(key, "key");
    JsonNode envelope = read(value, "value");
    if (!keyNode.isObject() || !envelope.isObject()) {
      throw new UnreadableChangeException("change event key and value must be JSON objects");
    }
    JsonNode source = envelope.path("source");
    if (!schema.equals(source.path("schema").asText(null)) || !table.equals(source.path("table").asText(null))) {
      throw new UnreadableChangeException("expected a change of " + schema + "." + table + " but source is "
          + source.path("schema").asText("?") + "." + source.path("table").asText("?"));
    }
    JsonNode op = envelope.path("op");
    if (!op.isTextual()) {
      throw new UnreadableChangeException("change event without op");
    }
    JsonNode committed = source.path("ts_ms");
    if (!committed.canConvertToLong()) {
      throw new UnreadableChangeException("change event without source.ts_ms");
    }
    return new DebeziumChange(keyNode, Op.of(op.asText()), row(envelope.path("before")), row(envelope.path("after")),
        Instant.ofEpochMilli(committed.asLong()), optionalLong(source.path("lsn")), optionalLong(source.path("txId")));
  }

  /** The row this change leaves behind ({@code after}), or, for a delete, the row it removed ({@code before}). */
  public JsonNode row() {
    return op == Op.DELETE ? before : after;
  }

  private static JsonNode read(byte[] bytes, String what) {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new UnreadableChangeException("change event " + what + " is empty");
      }
      return node;
    } catch (IOException e) {
      throw new UnreadableChangeException("change event " + what + " is not JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode row(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() ? null : node;
  }

  private static Long optionalLong(JsonNode node) {
    return node.canConvertToLong() ? node.asLong() : null;
  }
}
