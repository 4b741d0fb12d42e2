package io.fusioncommerce.connectors.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * One event as a webhook receiver sees it: {@code {"id","type","tenantId","occurredAt","data":{...}}}
 * where data is the Avro event in plain JSON (unions as their value, enums as their symbol, timestamps
 * ISO-8601, decimals as strings, bytes base64).
 *
 * @param resource what the event is about, from its Kafka key without the tenant ({@code order:ORD-1}):
 *                 deliveries of one resource go out in order
 */
public record WebhookEvent(String eventId, String tenantId, Instant occurredAt, String type, String resource,
    String json) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The event {@code value} (keyed by {@code key}) as webhook event type {@code type}. */
  public static WebhookEvent of(String type, SpecificRecord key, SpecificRecord value) {
    String eventId = field(value, "eventId");
    String tenantId = field(value, "tenantId");
    Object occurred = value.get(value.getSchema().getField("occurredAt").pos());
    Instant occurredAt = occurred instanceof Instant i ? i : Instant.ofEpochMilli(((Number) occurred).longValue());
    ObjectNode envelope = NODES.objectNode();
    envelope.put("id", eventId);
    envelope.put("type", type);
    envelope.put("tenantId", tenantId);
    envelope.put("occurredAt", occurredAt.toString());
    envelope.set("data", toJson(value));
    try {
      return new WebhookEvent(eventId, tenantId, occurredAt, type, resource(key), JSON.writeValueAsString(envelope));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always writes", e);
    }
  }

  /** {@code order:ORD-1} for an OrderKey, {@code sku:SKU-1} for a SkuKey: the key's fields but the tenant. */
  static String resource(SpecificRecord key) {
    String name = key.getSchema().getName();
    String kind = name.endsWith("Key") ? name.substring(0, name.length() - 3) : name;
    StringJoiner id = new StringJoiner("/", kind.toLowerCase(java.util.Locale.ROOT) + ":", "");
    for (Schema.Field f : key.getSchema().getFields()) {
      if (!f.name().equals("tenantId")) {
        id.add(String.valueOf(key.get(f.pos())));
      }
    }
    return id.toString();
  }

  private static String field(SpecificRecord record, String name) {
    Schema.Field f = record.getSchema().getField(name);
    if (f == null || record.get(f.pos()) == null) {
      throw new IllegalArgumentException(record.getSchema().getFullName() + " has no " + name);
    }
    return record.get(f.pos()).toString();
  }

  static JsonNode toJson(Object value) {
    return switch (value) {
      case null -> NODES.nullNode();
      case IndexedRecord record -> {
        ObjectNode object = NODES.objectNode();
        for (Schema.Field f : record.getSchema().getFields()) {
          object.set(f.name(), toJson(record.get(f.pos())));
        }
        yield object;
      }
      case CharSequence text -> NODES.textNode(text.toString());
      case Boolean b -> NODES.booleanNode(b);
      case Integer i -> NODES.numberNode(i);
      case Long l -> NODES.numberNode(l);
      case Float f -> NODES.numberNode(f);
      case Double d -> NODES.numberNode(d);
      case BigDecimal d -> NODES.textNode(d.toPlainString());
      case Enum<?> e -> NODES.textNode(e.name());
      case GenericEnumSymbol<?> e -> NODES.textNode(e.toString());
      case ByteBuffer bytes -> {
        ByteBuffer copy = bytes.duplicate();
        byte[] raw = new byte[copy.remaining()];
        copy.get(raw);
        yield NODES.textNode(Base64.getEncoder().encodeToString(raw));
      }
      case GenericFixed fixed -> NODES.textNode(Base64.getEncoder().encodeToString(fixed.bytes()));
      case Map<?, ?> map -> {
        ObjectNode object = NODES.objectNode();
        map.forEach((k, v) -> object.set(k.toString(), toJson(v)));
        yield object;
      }
      case Collection<?> items -> {
        ArrayNode array = NODES.arrayNode();
        items.forEach(item -> array.add(toJson(item)));
        yield array;
      }
      // logical types (Instant, LocalDate, UUID, ...) read as their ISO text
      default -> NODES.textNode(value.toString());
    };
  }
}
