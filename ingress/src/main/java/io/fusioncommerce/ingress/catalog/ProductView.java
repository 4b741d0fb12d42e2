package io.fusioncommerce.ingress.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A product as the API shows it. */
public record ProductView(String sku, String vendorId, String name, String description, Price price,
    List<String> categoryIds, Map<String, String> attributes, List<Variant> variants, List<MediaItem> media,
    String status, String rejectionReason, long version, Instant createdAt, Instant updatedAt) {

  public static ProductView of(CatalogProduct product) {
    return new ProductView(product.sku(), product.vendorId(), product.name(), product.description(), product.price(),
        product.categoryIds(), product.attributes(), product.variants(), product.media(), product.status().name(),
        product.rejectionReason(), product.version(), product.createdAt(), product.updatedAt());
  }
}
