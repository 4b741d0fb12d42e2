package io.fusioncommerce.topologies.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Change events shaped exactly as the catalog source connector writes them (Debezium 3.4, pgoutput,
 * JsonConverter without schemas): text[] as a JSON array, jsonb as a string holding JSON (with Postgres'
 * own spacing), timestamptz as an ISO string with microseconds, bigint as a number, the source block
 * with commit time, transaction and log position.
 */
final class DebeziumJson {

  static final ObjectMapper JSON = new ObjectMapper();
  private static long nextLsn = 24_000_000L;

  private DebeziumJson() {}

  /** A catalog.products row as Debezium renders it; change fields with the setters. */
  static final class ProductRowJson {
    final ObjectNode row = JSON.createObjectNode();
    private final ArrayNode variants = JSON.createArrayNode();

    ProductRowJson(String tenant, String sku) {
      row.put("tenant_id", tenant).put("sku", sku).put("vendor_id", "v-1").put("name", "Trail shoe")
          .put("description", "Light and grippy").put("price_amount", 5999L).put("currency", "USD");
      row.putArray("category_ids").add("shoes").add("outdoor");
      row.put("attributes", "{\"brand\": \"Acme\", \"weight\": 310}");
      row.put("media", "[]");
      row.put("status", "ACTIVE").putNull("rejection_reason").put("version", 1L);
      row.put("created_at", "2026-11-24T12:00:00.123456Z").put("updated_at", "2026-11-24T12:00:00.123456Z");
      syncVariants();
    }

    ProductRowJson variant(String sku, String size, String color, Long amount) {
      ObjectNode variant = variants.addObject();
      variant.put("sku", sku);
      if (amount == null) {
        variant.putNull("price");
      } else {
        variant.putObject("price").put("amount", amount).put("currency", "USD");
      }
      variant.putObject("options").put("size", size).put("color", color);
      syncVariants();
      return this;
    }

    ProductRowJson withoutVariant(String sku) {
      for (int i = 0; i < variants.size(); i++) {
        if (variants.get(i).path("sku").asText().equals(sku)) {
          variants.remove(i);
          break;
        }
      }
      syncVariants();
      return this;
    }

    ProductRowJson set(String column, String value) {
      if (value == null) {
        row.putNull(column);
      } else {
        row.put(column, value);
      }
      return this;
    }

    ProductRowJson price(long amount) {
      row.put("price_amount", amount);
      return this;
    }

    /** The next write: Postgres' writer increments version and updated_at with every change. */
    ProductRowJson version(long version) {
      row.put("version", version);
      row.put("updated_at", Instant.parse("2026-11-24T12:00:00.123456Z").plus(version, ChronoUnit.SECONDS).toString());
      return this;
    }

    ProductRowJson copy() {
      ProductRowJson copy = new ProductRowJson(row.path("tenant_id").asText(), row.path("sku").asText());
      copy.row.setAll(row.deepCopy());
      copy.variants.removeAll();
      copy.variants.addAll(variants.deepCopy());
      copy.syncVariants();
      return copy;
    }

    private void syncVariants() {
      // Postgres prints jsonb with a space after ':' and ','; Debezium passes that text on as a string.
      row.put("variants", variants.toString().replace("\":", "\": ").replace(",\"", ", \""));
    }
  }

  /** A key of catalog.products: its primary key columns. */
  static byte[] productKey(String tenant, String sku) {
    return bytes(JSON.createObjectNode().put("tenant_id", tenant).put("sku", sku));
  }

  static byte[] tenantKey(String tenant) {
    return bytes(JSON.createObjectNode().put("tenant_id", tenant));
  }

  static ObjectNode tenantRow(String tenant, boolean requiresApproval, Long holdSeconds, long version) {
    ObjectNode row = JSON.createObjectNode().put("tenant_id", tenant).put("requires_approval", requiresApproval);
    if (holdSeconds == null) {
      row.putNull("order_hold_seconds");
    } else {
      row.put("order_hold_seconds", holdSeconds);
    }
    return row.put("house_vendor_id", "house").put("version", version).put("updated_at", "2026-11-24T12:00:00.5Z");
  }

  /** A change event; {@code lsn} 0 takes the next log position. */
  static byte[] change(String table, String op, ObjectNode before, ObjectNode after, Instant committedAt, long lsn,
      long txId) {
    long position = lsn != 0 ? lsn : (nextLsn += 512);
    ObjectNode envelope = JSON.createObjectNode();
    envelope.set("before", before);
    envelope.set("after", after);
    long micros = committedAt.getEpochSecond() * 1_000_000 + committedAt.getNano() / 1000;
    ObjectNode source = envelope.putObject("source");
    source.put("version", "3.4.0.Final").put("connector", "postgresql").put("name", "cdc")
        .put("ts_ms", committedAt.toEpochMilli()).put("snapshot", "r".equals(op) ? "true" : "false")
        .put("db", "fusion").put("sequence", "[\"" + (position - 256) + "\",\"" + position + "\"]")
        .put("ts_us", micros).put("ts_ns", micros * 1000).put("schema", "catalog").put("table", table)
        .put("txId", txId).put("lsn", position).putNull("xmin");
    envelope.putNull("transaction");
    envelope.put("op", op).put("ts_ms", committedAt.toEpochMilli() + 7).put("ts_us", micros + 7000)
        .put("ts_ns", (micros + 7000) * 1000);
    return bytes(envelope);
  }

  static byte[] bytes(Object json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
