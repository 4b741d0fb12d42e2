package io.fusioncommerce.topologies.carts;

import java.util.List;

/**
 * A cart priced now: every line with its unit price, discount share, tax and total, in minor units of the
 * cart's currency. A line whose product can no longer be ordered (archived, another currency) has no
 * unit price and costs nothing here; a checkout of such a cart is rejected by the order saga (UNKNOWN_SKU).
 *
 * @param taxed whether a tax rule applied (a shipping address whose country has rates)
 */
public record PricedCart(String currency, List<Line> lines, long subtotal, List<CartDiscount> discounts,
    long discountTotal, long tax, long total, boolean taxed) {

  /** @param unitPrice null when the product cannot be ordered now */
  public record Line(String sku, long quantity, Long unitPrice, long discount, long tax, long lineTotal) {
    public long amount() {
      return unitPrice == null ? 0 : Math.multiplyExact(unitPrice, quantity);
    }
  }
}
