package io.fusioncommerce.topologies.carts;

import java.util.Map;

/**
 * What one promotion takes off a cart, and how that splits over the cart's lines (by SKU; the shares add up
 * to {@code amount} exactly, see DiscountAllocation).
 */
public record CartDiscount(String promotionId, String code, long amount, Map<String, Long> bySku) {
  public CartDiscount {
    bySku = Map.copyOf(bySku);
  }
}
