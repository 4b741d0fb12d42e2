package io.fusioncommerce.analytics.feed;

/** Finds the category of a tenant's SKU (a variant SKU takes its product's). */
@FunctionalInterface
public interface CategoryLookup {

  ProductCategory categoryOf(String tenantId, String sku);
}
