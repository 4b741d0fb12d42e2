package io.fusioncommerce.ingress.inventory;

import io.fusioncommerce.ingress.catalog.CatalogProduct;
import java.util.Optional;

/**
 * What the inventory routes need from the product catalog, which lives in Postgres and belongs to the
 * catalog context: the product a SKU names (the product's own SKU or one of its variants'), to know
 * whose stock it is. Implementations look only inside {@code tenantId}.
 */
@FunctionalInterface
public interface SkuCatalog {

  Optional<CatalogProduct> product(String tenantId, String sku);
}
