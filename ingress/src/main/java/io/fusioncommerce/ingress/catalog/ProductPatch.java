package io.fusioncommerce.ingress.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fusioncommerce.ingress.http.ApiException;
import io.fusioncommerce.ingress.http.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Body of {@code PATCH /v1/products/{sku}} as a JSON merge patch (RFC 7396): a field that is absent
 * stays as it is, a field sent as null is cleared, a value replaces the old one. {@code status} may
 * archive ({@code ARCHIVED}) or, for staff, restore ({@code ACTIVE}) a product; approval has its own
 * endpoints.
 */
public final class ProductPatch {

  static final Set<String> FIELDS = Set.of("name", "description", "price", "categoryIds", "attributes", "variants",
      "vendorId", "status");

  private final ObjectNode patch;
  private final ObjectMapper json;

  private ProductPatch(ObjectNode patch, ObjectMapper json) {
    this.patch = patch;
    this.json = json;
  }

  /** Checks the shape of every field up front, so a bad patch is refused with every wrong field named. */
  public static ProductPatch parse(JsonNode body, ObjectMapper json) {
    if (!(body instanceof ObjectNode object)) {
      throw ApiException.badRequest("a merge patch is a JSON object");
    }
    ProductPatch patch = new ProductPatch(object, json);
    List<FieldError> errors = new ArrayList<>();
    object.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        errors.add(new FieldError(name, "unknown field"));
      }
    });
    patch.check(errors, "price", new TypeReference<Price>() {});
    patch.check(errors, "categoryIds", new TypeReference<List<String>>() {});
    patch.check(errors, "attributes", new TypeReference<Map<String, String>>() {});
    patch.check(errors, "variants", new TypeReference<List<Variant>>() {});
    for (String text : List.of("name", "description", "vendorId", "status")) {
      if (object.has(text) && !object.get(text).isNull() && !object.get(text).isTextual()) {
        errors.add(new FieldError(text, "must be a string"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return patch;
  }

  /** The status the patch asks for, or null when it does not mention it. */
  String status() {
    return patch.has("status") ? patch.get("status").asText("") : null;
  }

  boolean changesFields() {
    return patch.properties().stream().anyMatch(e -> !e.getKey().equals("status"));
  }

  ProductDraft applyTo(ProductDraft draft) {
    return new ProductDraft(draft.sku(),
        text("vendorId", draft.vendorId()),
        text("name", draft.name()),
        text("description", draft.description()),
        value("price", new TypeReference<Price>() {}, draft.price(), null),
        value("categoryIds", new TypeReference<List<String>>() {}, draft.categoryIds(), List.of()),
        value("attributes", new TypeReference<Map<String, String>>() {}, draft.attributes(), Map.of()),
        value("variants", new TypeReference<List<Variant>>() {}, draft.variants(), List.of()));
  }

  private String text(String field, String current) {
    if (!patch.has(field)) {
      return current;
    }
    JsonNode node = patch.get(field);
    return node.isNull() ? null : node.asText();
  }

  private <T> T value(String field, TypeReference<T> type, T current, T cleared) {
    if (!patch.has(field)) {
      return current;
    }
    JsonNode node = patch.get(field);
    if (node.isNull()) {
      return cleared;
    }
    try {
      return json.treeToValue(node, json.getTypeFactory().constructType(type));
    } catch (JsonProcessingException e) {
      throw ApiException.invalidField(field, "has the wrong type or format");
    }
  }

  private <T> void check(List<FieldError> errors, String field, TypeReference<T> type) {
    if (patch.has(field) && !patch.get(field).isNull()) {
      try {
        json.treeToValue(patch.get(field), json.getTypeFactory().constructType(type));
      } catch (JsonProcessingException e) {
        errors.add(new FieldError(field, "has the wrong type or format"));
      }
    }
  }
}
