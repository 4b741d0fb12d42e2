package io.fusioncommerce.ingress.catalog;

import io.fusioncommerce.ingress.catalog.store.ProductStore;
import io.fusioncommerce.ingress.database.Database;
import io.fusioncommerce.ingress.inventory.SkuCatalog;
import java.util.Optional;

/** The product a SKU names, as the catalog in Postgres has it (catalog.skus, then catalog.products). */
public final class CatalogSkus implements SkuCatalog {

  private final Database database;

  public CatalogSkus(Database database) {
    this.database = database;
  }

  @Override
  public Optional<CatalogProduct> product(String tenantId, String sku) {
    return database.inTenant(tenantId,
        handle -> new ProductStore(handle).orderable(tenantId, sku).map(ProductStore.Orderable::product));
  }
}
