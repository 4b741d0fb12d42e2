package io.fusioncommerce.topologies.recommendations;

import io.fusioncommerce.schemas.recommendations.CategoryPopularity;
import io.fusioncommerce.schemas.recommendations.CustomerProfile;
import io.fusioncommerce.schemas.recommendations.SkuNeighbours;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One tenant's recommendation rows in memory, changed by the same {@link RecommendationBook} rules the
 * topology's processors apply to the purchases it re-keys (one row per SKU, customer and category): for
 * the offline evaluation and for tests of the rules.
 */
public final class InMemoryRecommendations implements RecommendationState {

  private final RecommendationBook book;
  private final Predicate<String> answerable;
  private final Map<String, SkuNeighbours> neighbours = new HashMap<>();
  private final Map<String, CustomerProfile> customers = new HashMap<>();
  private final Map<String, CategoryPopularity> popularity = new HashMap<>();

  /** @param answerable which SKUs are ACTIVE in the catalog */
  public InMemoryRecommendations(RecommendationBook book, Predicate<String> answerable) {
    this.book = book;
    this.answerable = answerable;
  }

  /** Counts a confirmed order, as the topology does once its basket is complete. */
  public void record(ConfirmedPurchase purchase) {
    String tenant = purchase.tenantId();
    for (String sku : purchase.skus()) {
      if (!purchase.boughtWith(sku).isEmpty()) {
        neighbours.put(sku, book.addCoPurchase(neighbours.get(sku), tenant, sku, purchase.boughtWith(sku), purchase.at()));
      }
    }
    customers.put(purchase.customerId(), book.addPurchase(customers.get(purchase.customerId()), purchase));
    purchase.skusByCategory().forEach((category, skus) ->
        popularity.put(category, book.addPurchase(popularity.get(category), tenant, category, skus, purchase.at())));
  }

  @Override
  public Optional<SkuNeighbours> neighbours(String sku) {
    return Optional.ofNullable(neighbours.get(sku));
  }

  @Override
  public Optional<CategoryPopularity> popularity(String categoryId) {
    return Optional.ofNullable(popularity.get(categoryId));
  }

  @Override
  public Optional<CustomerProfile> customer(String customerId) {
    return Optional.ofNullable(customers.get(customerId));
  }

  @Override
  public boolean answerable(String sku) {
    return answerable.test(sku);
  }
}
