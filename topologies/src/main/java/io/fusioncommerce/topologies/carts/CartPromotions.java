package io.fusioncommerce.topologies.carts;

import io.fusioncommerce.schemas.carts.CartState;
import java.time.Instant;
import java.util.List;

/** The promotions that apply to a cart now, given its lines priced before any discount. */
@FunctionalInterface
public interface CartPromotions {

  CartPromotions NONE = (cart, lines, at) -> List.of();

  List<CartDiscount> discounts(CartState cart, List<PricedCart.Line> undiscounted, Instant at);
}
