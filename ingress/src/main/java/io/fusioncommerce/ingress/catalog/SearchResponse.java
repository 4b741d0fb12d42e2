package io.fusioncommerce.ingress.catalog;

import io.fusioncommerce.ingress.catalog.store.ProductSearch;
import java.util.List;
import java.util.Map;

/**
 * Answer of {@code GET /v1/products}: a page of products, the requested facet counts and the next
 * cursor; {@code fuzzy} when the words matched nothing and the products shown match
 * {@code correctedQuery}, the words corrected against the catalog's vocabulary, instead.
 */
public record SearchResponse(List<ProductView> items, Map<String, List<ProductSearch.FacetValue>> facets, String next,
    boolean fuzzy, String correctedQuery) {}
