package io.fusioncommerce.topologies.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads columns of a row as Debezium's JsonConverter writes them for Postgres: {@code text} as a
 * string, {@code bigint} as a number, {@code text[]} as a JSON array, {@code jsonb} as a string holding
 * JSON (io.debezium.data.Json), {@code timestamptz} as an ISO-8601 string (ZonedTimestamp).
 */
final class Columns {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode row;
  private final String table;

  Columns(JsonNode row, String table) {
    this.row = row;
    this.table = table;
  }

  String text(String column) {
    JsonNode value = present(column);
    if (!value.isTextual()) {
      throw wrong(column, "text");
    }
    return value.asText();
  }

  String optionalText(String column) {
    JsonNode value = row.path(column);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrong(column, "text");
    }
    return value.asText();
  }

  long bigint(String column) {
    JsonNode value = present(column);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw wrong(column, "bigint");
    }
    return value.asLong();
  }

  Long optionalBigint(String column) {
    JsonNode value = row.path(column);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw wrong(column, "bigint");
    }
    return value.asLong();
  }

  boolean bool(String column) {
    JsonNode value = present(column);
    if (!value.isBoolean()) {
      throw wrong(column, "boolean");
    }
    return value.asBoolean();
  }

  List<String> textArray(String column) {
    JsonNode value = row.path(column);
    if (value.isMissingNode() || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw wrong(column, "text[]");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        throw wrong(column, "text[]");
      }
      values.add(element.asText());
    }
    return values;
  }

  /** A jsonb column, parsed; Debezium sends it as a string, but an inline JSON value is accepted too. */
  JsonNode jsonb(String column) {
    JsonNode value = row.path(column);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      return value;
    }
    try {
      return JSON.readTree(value.asText());
    } catch (IOException e) {
      throw new UnreadableChangeException(table + "." + column + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** A jsonb column as normalised JSON text (for comparing), or null. */
  String jsonbText(String column) {
    JsonNode value = jsonb(column);
    return value == null ? null : value.toString();
  }

  Instant timestamptz(String column) {
    JsonNode value = present(column);
    if (!value.isTextual()) {
      throw wrong(column, "timestamptz");
    }
    try {
      return OffsetDateTime.parse(value.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw new UnreadableChangeException(table + "." + column + " is not an ISO-8601 timestamp: " + value.asText(), e);
    }
  }

  /** A JSON object's members as strings: strings as they are, anything else as its JSON text. */
  static Map<String, String> stringMap(JsonNode object, String what) {
    if (object == null || object.isNull()) {
      return Map.of();
    }
    if (!object.isObject()) {
      throw new UnreadableChangeException(what + " must be a JSON object");
    }
    Map<String, String> values = new LinkedHashMap<>();
    object.properties().forEach(e -> values.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText()
        : e.getValue().toString()));
    return values;
  }

  private JsonNode present(String column) {
    JsonNode value = row.path(column);
    if (value.isMissingNode() || value.isNull()) {
      throw new UnreadableChangeException(table + "." + column + " is missing");
    }
    return value;
  }

  private UnreadableChangeException wrong(String column, String type) {
    return new UnreadableChangeException(table + "." + column + " is not a " + type + ": " + row.path(column));
  }
}
