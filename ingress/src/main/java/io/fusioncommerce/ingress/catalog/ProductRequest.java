package io.fusioncommerce.ingress.catalog;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /v1/products}. {@code vendorId} is for admins; a vendor's products are its own.
 * Checked by {@link ProductRules}, which names every wrong field.
 */
public record ProductRequest(String sku, String vendorId, String name, String description, Price price,
    List<String> categoryIds, Map<String, String> attributes, List<Variant> variants) {

  ProductDraft draft() {
    return new ProductDraft(sku, vendorId, name, description, price, categoryIds, attributes, variants);
  }
}
