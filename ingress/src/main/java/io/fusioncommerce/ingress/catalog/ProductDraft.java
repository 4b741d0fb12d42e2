package io.fusioncommerce.ingress.catalog;

import java.util.List;
import java.util.Map;

/**
 * What a writer asks a product to be (over HTTP or from a CSV row), before the rules have checked it.
 * {@code vendorId} is null when the writer did not name one.
 */
public record ProductDraft(String sku, String vendorId, String name, String description, Price price,
    List<String> categoryIds, Map<String, String> attributes, List<Variant> variants) {

  public ProductDraft {
    categoryIds = categoryIds == null ? List.of() : List.copyOf(categoryIds);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    variants = variants == null ? List.of() : List.copyOf(variants);
  }

  public ProductDraft withVendor(String vendor) {
    return new ProductDraft(sku, vendor, name, description, price, categoryIds, attributes, variants);
  }
}
