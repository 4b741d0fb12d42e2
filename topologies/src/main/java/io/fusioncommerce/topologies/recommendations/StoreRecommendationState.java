package io.fusioncommerce.topologies.recommendations;

import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.CustomerKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.recommendations.CategoryKey;
import io.fusioncommerce.schemas.recommendations.CategoryPopularity;
import io.fusioncommerce.schemas.recommendations.CustomerProfile;
import io.fusioncommerce.schemas.recommendations.SkuNeighbours;
import java.util.Optional;

/**
 * One tenant's view of the {@link RecommendationTopology}'s stores: every key is built here with the
 * tenant the view was made for, so whatever reads the stores (interactive queries, a test driver) cannot
 * reach another tenant's rows.
 */
public record StoreRecommendationState(String tenantId, Rows rows) implements RecommendationState {

  /** Reads one key of one of the topology's stores (its rows or its catalog global table). */
  @FunctionalInterface
  public interface Rows {
    Optional<Object> get(String store, Object key);
  }

  @Override
  public Optional<SkuNeighbours> neighbours(String sku) {
    return rows.get(RecommendationTopology.NEIGHBOUR_STORE, new SkuKey(tenantId, sku)).map(SkuNeighbours.class::cast);
  }

  @Override
  public Optional<CategoryPopularity> popularity(String categoryId) {
    return rows.get(RecommendationTopology.POPULARITY_STORE, new CategoryKey(tenantId, categoryId))
        .map(CategoryPopularity.class::cast);
  }

  @Override
  public Optional<CustomerProfile> customer(String customerId) {
    return rows.get(RecommendationTopology.CUSTOMER_STORE, new CustomerKey(tenantId, customerId))
        .map(CustomerProfile.class::cast);
  }

  /** The SKU's catalog entry in this tenant, ACTIVE or not; empty for a SKU the tenant does not have. */
  public Optional<Product> product(String sku) {
    return rows.get(RecommendationTopology.PRODUCT_STORE, new SkuKey(tenantId, sku)).map(Product.class::cast);
  }

  @Override
  public boolean answerable(String sku) {
    return RecommendationBook.answerable(product(sku).orElse(null));
  }
}
