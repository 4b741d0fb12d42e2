package io.fusioncommerce.ingress.recommendations;

import io.fusioncommerce.topologies.recommendations.Recommendation;
import java.util.List;

/** Answer of the recommendation routes: SKUs, best first, each with its score and why it is there. */
public record RecommendationsView(List<Item> items) {

  /**
   * @param score higher is better; comparable within one answer only
   * @param reason {@code BOUGHT_TOGETHER:<sku>}, {@code CATEGORY_AFFINITY:<category>} or {@code POPULAR}
   */
  public record Item(String sku, double score, String reason) {}

  static RecommendationsView of(List<Recommendation> recommendations) {
    return new RecommendationsView(recommendations.stream()
        .map(r -> new Item(r.sku(), Math.round(r.score() * 10_000) / 10_000.0, r.reason())).toList());
  }
}
