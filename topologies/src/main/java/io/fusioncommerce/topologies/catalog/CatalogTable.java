package io.fusioncommerce.topologies.catalog;

import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.catalog.ProductVariant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The entries of the compacted table catalog.products that one product row stands for: one per
 * orderable SKU, the product itself and each of its variants. A variant has the product as parent, its
 * own price or else the product's, and the product's vendor, name, status, categories, version and update time.
 */
final class CatalogTable {

  private CatalogTable() {}

  /** SKU to entry, the product first; a null entry is a tombstone. */
  static Map<String, Product> entries(ProductRow row) {
    Map<String, Product> entries = new LinkedHashMap<>();
    entries.put(row.sku(), base(row).setSku(row.sku()).setParentSku(null).setPrice(row.price()).setOptions(Map.of()).build());
    for (ProductVariant variant : row.variants()) {
      entries.put(variant.getSku(), base(row).setSku(variant.getSku()).setParentSku(row.sku())
          .setPrice(variant.getPrice() != null ? variant.getPrice() : row.price())
          .setOptions(variant.getOptions()).build());
    }
    return entries;
  }

  /** The entries of {@code next} plus tombstones for every SKU of {@code previousSkus} it no longer has. */
  static Map<String, Product> replacing(Set<String> previousSkus, ProductRow next) {
    Map<String, Product> entries = new LinkedHashMap<>();
    Map<String, Product> current = entries(next);
    for (String sku : previousSkus) {
      if (!current.containsKey(sku)) {
        entries.put(sku, null);
      }
    }
    entries.putAll(current);
    return entries;
  }

  /** Tombstones for every SKU. */
  static Map<String, Product> removing(Set<String> skus) {
    Map<String, Product> entries = new LinkedHashMap<>();
    skus.forEach(sku -> entries.put(sku, null));
    return entries;
  }

  private static Product.Builder base(ProductRow row) {
    return Product.newBuilder().setTenantId(row.tenantId()).setVendorId(row.vendorId()).setName(row.name())
        .setStatus(row.status()).setVersion(row.version()).setUpdatedAt(row.updatedAt())
        .setCategoryIds(row.categoryIds());
  }
}
