package io.fusioncommerce.topologies.recommendations;

import io.fusioncommerce.schemas.recommendations.PurchasedSku;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A confirmed order as the recommendations count it: who bought which SKUs (with their categories) when.
 * A SKU on two lines of the order counts once.
 */
public record ConfirmedPurchase(String tenantId, String orderId, String customerId, List<PurchasedSku> lines,
    Instant at) {

  public ConfirmedPurchase {
    lines = List.copyOf(lines);
  }

  /** The order's distinct SKUs, in line order. */
  public List<String> skus() {
    Set<String> skus = new LinkedHashSet<>();
    lines.forEach(line -> skus.add(line.getSku()));
    return List.copyOf(skus);
  }

  /** The order's other distinct SKUs than {@code sku}. */
  public List<String> boughtWith(String sku) {
    return skus().stream().filter(other -> !other.equals(sku)).toList();
  }

  /**
   * The order's distinct SKUs per category (category ids in line order), and all of them under
   * {@link RecommendationBook#WHOLE_TENANT} for the tenant's own popularity.
   */
  public Map<String, List<String>> skusByCategory() {
    Map<String, Set<String>> byCategory = new LinkedHashMap<>();
    byCategory.put(RecommendationBook.WHOLE_TENANT, new LinkedHashSet<>(skus()));
    for (PurchasedSku line : lines) {
      for (String category : line.getCategoryIds()) {
        if (!category.isEmpty()) {
          byCategory.computeIfAbsent(category, c -> new LinkedHashSet<>()).add(line.getSku());
        }
      }
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    byCategory.forEach((category, skus) -> result.put(category, new ArrayList<>(skus)));
    return result;
  }
}
