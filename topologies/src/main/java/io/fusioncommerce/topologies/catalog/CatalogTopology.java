package io.fusioncommerce.topologies.catalog;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.catalog.CatalogProductState;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.WiredTopology;
import io.fusioncommerce.topologies.support.Wiring;

/**
 * Catalog: turns the Postgres catalog's change data capture (Debezium, topics {@value Topics#CDC_CATALOG_PRODUCTS}
 * and {@value Topics#CDC_CATALOG_TENANTS}, JSON) into the platform's Avro contracts: the product events
 * (product.created, .updated, .archived, .approved, .rejected), the compacted table catalog.products the
 * order topology prices with (one entry per orderable SKU, variants included), and the compacted table
 * tenant.settings. The last processed change of each product row is kept in {@value #PRODUCT_STATE_STORE};
 * see {@link ProductChanges} for the rules. One hop from Debezium to every output.
 */
public final class CatalogTopology extends WiredTopology {

  public static final String CONTEXT = "catalog";
  public static final String PRODUCT_STATE_STORE = "catalog-product-state";

  // the children the change processors forward to, one per topic they write

  public CatalogTopology() {
    super(CONTEXT);
  }

  @Override
  protected void wire(Wiring wiring, StoreChangeListener changes) {
    wiring.processor("product-change-processor", ProductChangeProcessor::new)
        .readsBytes(Topics.CDC_CATALOG_PRODUCTS)
        .keeps(wiring.store(PRODUCT_STATE_STORE, SkuKey.class, CatalogProductState.class))
        .writes(Topics.PRODUCT_CREATED, Topics.PRODUCT_UPDATED, Topics.PRODUCT_ARCHIVED, Topics.PRODUCT_APPROVED,
            Topics.PRODUCT_REJECTED, Topics.CATALOG_PRODUCTS);
    wiring.processor("tenant-change-processor", TenantChangeProcessor::new)
        .readsBytes(Topics.CDC_CATALOG_TENANTS)
        .writes(Topics.TENANT_SETTINGS);
  }
}
