package io.fusioncommerce.ingress.catalog.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fusioncommerce.ingress.catalog.MediaItem;
import io.fusioncommerce.ingress.catalog.Variant;
import io.fusioncommerce.ingress.http.Json;
import java.util.List;
import java.util.Map;

/** The jsonb columns of the catalog tables, to and from their Java values. */
final class CatalogJson {

  private static final ObjectMapper JSON = Json.mapper();
  private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<List<Variant>> VARIANTS = new TypeReference<>() {};
  private static final TypeReference<List<MediaItem>> MEDIA = new TypeReference<>() {};

  private CatalogJson() {}

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a catalog column", e);
    }
  }

  static Map<String, String> strings(String json) {
    return read(json, STRINGS);
  }

  static List<Variant> variants(String json) {
    return read(json, VARIANTS);
  }

  static List<MediaItem> media(String json) {
    return read(json, MEDIA);
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a catalog column holds unreadable JSON", e);
    }
  }
}
