package io.fusioncommerce.ingress.carts;

import io.fusioncommerce.ingress.orders.OrderResponse.MoneyView;
import io.fusioncommerce.schemas.carts.CartState;
import io.fusioncommerce.topologies.carts.PricedCart;
import java.util.List;

/**
 * Answer of the cart routes, as API.md defines it: the lines priced now, the discounts, the tax (null until
 * the cart has a shipping address whose country has rates) and the total, in minor units of the currency.
 * A line whose product can no longer be ordered has no unit price and counts for nothing.
 */
public record CartView(String cartId, String customerId, String currency, String status, List<Item> items,
    MoneyView subtotal, List<Discount> discounts, MoneyView tax, MoneyView total, String orderId, long version) {

  public record Item(String sku, long quantity, MoneyView unitPrice, MoneyView discount, MoneyView tax,
      MoneyView lineTotal) {}

  public record Discount(String promotionId, String code, MoneyView amount) {}

  static CartView of(CartState cart, PricedCart priced) {
    String currency = cart.getCurrency();
    return new CartView(cart.getCartId(), cart.getCustomerId(), currency, cart.getStatus(),
        priced.lines().stream().map(line -> new Item(line.sku(), line.quantity(),
            line.unitPrice() == null ? null : new MoneyView(line.unitPrice(), currency),
            new MoneyView(line.discount(), currency), priced.taxed() ? new MoneyView(line.tax(), currency) : null,
            new MoneyView(line.lineTotal(), currency))).toList(),
        new MoneyView(priced.subtotal(), currency),
        priced.discounts().stream().map(d -> new Discount(d.promotionId(), d.code(), new MoneyView(d.amount(), currency)))
            .toList(),
        priced.taxed() ? new MoneyView(priced.tax(), currency) : null,
        new MoneyView(priced.total(), currency), cart.getOrderId(), cart.getVersion());
  }
}
