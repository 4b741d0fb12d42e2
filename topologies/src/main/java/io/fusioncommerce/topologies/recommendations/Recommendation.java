package io.fusioncommerce.topologies.recommendations;

/**
 * One recommended SKU, its score (higher is better, comparable within one answer only) and why:
 * {@code BOUGHT_TOGETHER:<sku>}, {@code CATEGORY_AFFINITY:<category>} or {@code POPULAR}.
 */
public record Recommendation(String sku, double score, String reason) {

  public static final String POPULAR = "POPULAR";

  public static String boughtTogether(String sku) {
    return "BOUGHT_TOGETHER:" + sku;
  }

  public static String categoryAffinity(String categoryId) {
    return "CATEGORY_AFFINITY:" + categoryId;
  }
}
