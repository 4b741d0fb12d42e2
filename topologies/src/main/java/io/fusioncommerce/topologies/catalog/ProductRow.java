package io.fusioncommerce.topologies.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.fusioncommerce.schemas.catalog.ProductVariant;
import io.fusioncommerce.schemas.common.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A row of catalog.products (V1__catalog.sql), as far as the catalog topology uses it. */
public record ProductRow(
    String tenantId,
    String sku,
    String vendorId,
    String name,
    String description,
    Money price,
    List<String> categoryIds,
    Map<String, String> attributes,
    List<ProductVariant> variants,
    String media,
    String status,
    String rejectionReason,
    long version,
    Instant updatedAt,
    String correlationId) {

  static final String TABLE = "catalog.products";

  /** Reads a complete row ({@code after}, or {@code before} of a table with REPLICA IDENTITY FULL). */
  public static ProductRow from(JsonNode row) {
    Columns columns = new Columns(row, TABLE);
    String sku = columns.text("sku");
    Money price = new Money(columns.bigint("price_amount"), columns.text("currency").trim());
    JsonNode attributes = columns.jsonb("attributes");
    return new ProductRow(
        columns.text("tenant_id"),
        sku,
        columns.text("vendor_id"),
        columns.text("name"),
        columns.optionalText("description"),
        price,
        columns.textArray("category_ids"),
        Columns.stringMap(attributes, TABLE + ".attributes"),
        variants(columns.jsonb("variants"), sku),
        columns.jsonbText("media"),
        columns.text("status"),
        columns.optionalText("rejection_reason"),
        columns.bigint("version"),
        columns.timestamptz("updated_at"),
        // the HTTP request that wrote the row (V4__catalog_writes.sql), when it came through the API
        columns.optionalText("correlation_id"));
  }

  /** Every SKU this row makes orderable: its own, then its variants' in order. */
  public Set<String> skus() {
    Set<String> skus = new LinkedHashSet<>();
    skus.add(sku);
    variants.forEach(v -> skus.add(v.getSku()));
    return skus;
  }

  /** {@code [{"sku":..,"options":{..},"price":{"amount":..,"currency":..}|null}]}; a variant repeating an earlier SKU is dropped. */
  private static List<ProductVariant> variants(JsonNode array, String productSku) {
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new UnreadableChangeException(TABLE + ".variants must be a JSON array");
    }
    List<ProductVariant> variants = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>(List.of(productSku));
    for (JsonNode variant : array) {
      JsonNode sku = variant.path("sku");
      if (!sku.isTextual() || sku.asText().isBlank()) {
        throw new UnreadableChangeException(TABLE + ".variants has a variant without a sku: " + variant);
      }
      if (!seen.add(sku.asText())) {
        continue;
      }
      variants.add(ProductVariant.newBuilder()
          .setSku(sku.asText())
          .setOptions(Columns.stringMap(variant.get("options"), TABLE + ".variants[].options"))
          .setPrice(money(variant.get("price")))
          .build());
    }
    return variants;
  }

  private static Money money(JsonNode price) {
    if (price == null || price.isNull()) {
      return null;
    }
    JsonNode amount = price.path("amount");
    JsonNode currency = price.path("currency");
    if (!amount.isIntegralNumber() || !amount.canConvertToLong() || !currency.isTextual()) {
      throw new UnreadableChangeException(TABLE + ".variants[].price must be {amount: integer, currency: text}: " + price);
    }
    return new Money(amount.asLong(), currency.asText());
  }
}
