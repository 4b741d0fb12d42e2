package io.fusioncommerce.ingress.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A product as the catalog stores it. */
public record CatalogProduct(String tenantId, String sku, String vendorId, String name, String description,
    Price price, List<String> categoryIds, Map<String, String> attributes, List<Variant> variants,
    List<MediaItem> media, ProductStatus status, String rejectionReason, long version, Instant createdAt,
    Instant updatedAt) {

  public CatalogProduct {
    categoryIds = List.copyOf(categoryIds);
    attributes = Map.copyOf(attributes);
    variants = List.copyOf(variants);
    media = List.copyOf(media);
  }

  public static CatalogProduct from(String tenantId, ProductDraft draft, ProductStatus status) {
    return new CatalogProduct(tenantId, draft.sku(), draft.vendorId(), draft.name(), draft.description(),
        draft.price(), draft.categoryIds(), draft.attributes(), draft.variants(), List.of(), status, null, 1, null, null);
  }

  /** This product with the writable fields of {@code draft}; status, media and history stay. */
  public CatalogProduct revisedBy(ProductDraft draft) {
    return new CatalogProduct(tenantId, sku, draft.vendorId(), draft.name(), draft.description(), draft.price(),
        draft.categoryIds(), draft.attributes(), draft.variants(), media, status, rejectionReason, version, createdAt,
        updatedAt);
  }

  public ProductDraft asDraft() {
    return new ProductDraft(sku, vendorId, name, description, price, categoryIds, attributes, variants);
  }

  public CatalogProduct withStatus(ProductStatus next, String reason) {
    return new CatalogProduct(tenantId, sku, vendorId, name, description, price, categoryIds, attributes, variants,
        media, next, reason, version, createdAt, updatedAt);
  }

  public CatalogProduct withMedia(List<MediaItem> items) {
    return new CatalogProduct(tenantId, sku, vendorId, name, description, price, categoryIds, attributes, variants,
        items, status, rejectionReason, version, createdAt, updatedAt);
  }
}
