package io.fusioncommerce.analytics.feed;

import java.util.List;

/**
 * A product's category as the facts carry it: its first category id, and the path down to it.
 *
 * <p>The category tree lives in the catalog's database only (no topic carries a category's parents), so
 * the path is the category id itself until the tree is published; the column is there so Druid's
 * schema does not change when it is.
 */
public record ProductCategory(String category, String path) {

  public static final String UNCATEGORISED = "uncategorised";
  public static final ProductCategory NONE = new ProductCategory(UNCATEGORISED, UNCATEGORISED);

  public static ProductCategory of(List<? extends CharSequence> categoryIds) {
    if (categoryIds == null || categoryIds.isEmpty()) {
      return NONE;
    }
    String first = categoryIds.getFirst().toString();
    return new ProductCategory(first, first);
  }
}
