package io.fusioncommerce.ingress.catalog;

import java.util.Map;

/** A variant of a product with its own SKU, its option values and, optionally, its own price. */
public record Variant(String sku, Map<String, String> options, Price price) {

  public Variant {
    options = options == null ? Map.of() : Map.copyOf(options);
  }
}
