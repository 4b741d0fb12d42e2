package io.fusioncommerce.ingress.catalog;

import io.fusioncommerce.ingress.auth.Principal;
import io.fusioncommerce.ingress.catalog.media.ProductMediaCatalog;
import io.fusioncommerce.ingress.catalog.media.StoredMedia;
import io.fusioncommerce.ingress.catalog.store.ProductStore;
import io.fusioncommerce.ingress.database.Database;

/** Product media as the catalog keeps it: the media list of the product's row in Postgres. */
public final class CatalogProductMedia implements ProductMediaCatalog {

  private final Database database;

  public CatalogProductMedia(Database database) {
    this.database = database;
  }

  @Override
  public void requireEditable(Principal principal, String sku) {
    database.inTenant(principal.tenantId(), handle -> ProductAccess.editable(principal,
        new ProductStore(handle).find(principal.tenantId(), sku, false).orElseThrow(() -> ProductAccess.notFound(sku))));
  }

  @Override
  public void attach(Principal principal, String sku, StoredMedia media) {
    database.inTenant(principal.tenantId(), handle -> ProductCatalog.addMedia(handle, principal, sku,
        new MediaItem(media.key(), media.url(), media.contentType(), media.bytes()),
        new ProductStore.Change(principal.subject(), null)));
  }

  @Override
  public boolean isPublic(String tenantId, String sku, String key) {
    return database.inTenant(tenantId, handle -> new ProductStore(handle).find(tenantId, sku, false)
        .filter(product -> product.status() == ProductStatus.ACTIVE)
        .filter(product -> product.media().stream().anyMatch(item -> item.key().equals(key)))
        .isPresent());
  }
}
