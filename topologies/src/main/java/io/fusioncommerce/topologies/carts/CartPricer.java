package io.fusioncommerce.topologies.carts;

import io.fusioncommerce.schemas.carts.CartLine;
import io.fusioncommerce.schemas.carts.CartState;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.orders.ShippingAddress;
import io.fusioncommerce.topologies.catalog.ProductStatus;
import io.fusioncommerce.topologies.orders.OrderBook;
import io.fusioncommerce.topologies.tax.TaxCalculator;
import io.fusioncommerce.topologies.tax.TaxRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Prices a cart the way the order saga prices an order: the unit price is the SKU's current dynamic price
 * when it has one in the product's currency, else the catalog's ({@link OrderBook.Catalog}); then the
 * promotions' discounts, split over the lines; then the tax of each line on what is left of it, once the
 * cart has a shipping address whose country the tenant has rates for (see {@link TaxCalculator} for the
 * rounding rule). Pure: the ingress prices a cart it reads and the cart topology prices a checkout with it.
 */
public final class CartPricer {

  private CartPricer() {}

  public static PricedCart price(CartState cart, OrderBook.Catalog catalog, CartPromotions promotions,
      Function<String, Optional<TaxRule>> taxRules, Instant at) {
    List<PricedCart.Line> undiscounted = new ArrayList<>();
    long subtotal = 0;
    for (CartLine line : cart.getLines()) {
      Long unitPrice = unitPrice(cart, line.getSku(), catalog).map(Money::getAmount).orElse(null);
      PricedCart.Line priced = new PricedCart.Line(line.getSku(), line.getQuantity(), unitPrice, 0, 0, 0);
      subtotal = Math.addExact(subtotal, priced.amount());
      undiscounted.add(new PricedCart.Line(line.getSku(), line.getQuantity(), unitPrice, 0, 0, priced.amount()));
    }
    List<CartDiscount> discounts = undiscounted.isEmpty() ? List.of() : promotions.discounts(cart, undiscounted, at);
    Map<String, Long> discountBySku = new HashMap<>();
    long discountTotal = 0;
    for (CartDiscount discount : discounts) {
      discount.bySku().forEach((sku, share) -> discountBySku.merge(sku, share, Math::addExact));
      discountTotal = Math.addExact(discountTotal, discount.amount());
    }
    ShippingAddress address = cart.getShippingAddress();
    Optional<TaxRule> rule = address == null ? Optional.empty() : taxRules.apply(address.getCountry());
    List<PricedCart.Line> lines = new ArrayList<>();
    long tax = 0;
    long total = 0;
    for (PricedCart.Line line : undiscounted) {
      long discount = Math.min(line.amount(), discountBySku.getOrDefault(line.sku(), 0L));
      long net = line.amount() - discount;
      TaxCalculator.LineTax lineTax = rule
          .map(r -> TaxCalculator.line(net, r.rateFor(address.getRegion()), r.inclusive()))
          .orElseGet(() -> TaxCalculator.none(net));
      lines.add(new PricedCart.Line(line.sku(), line.quantity(), line.unitPrice(), discount, lineTax.tax(),
          lineTax.lineTotal()));
      tax = Math.addExact(tax, lineTax.tax());
      total = Math.addExact(total, lineTax.lineTotal());
    }
    return new PricedCart(cart.getCurrency(), lines, subtotal, discounts, discountTotal, tax, total, rule.isPresent());
  }

  /** What a unit of {@code sku} costs the cart now, if the product can be ordered in the cart's currency. */
  public static Optional<Money> unitPrice(CartState cart, String sku, OrderBook.Catalog catalog) {
    return orderable(cart.getTenantId(), sku, catalog)
        .map(product -> catalog.price(cart.getTenantId(), product))
        .filter(price -> price.getCurrency().equals(cart.getCurrency()));
  }

  /** The tenant's product, when it is ACTIVE (what the order saga accepts). */
  public static Optional<Product> orderable(String tenantId, String sku, OrderBook.Catalog catalog) {
    return catalog.product(tenantId, sku)
        .filter(p -> tenantId.equals(p.getTenantId()) && ProductStatus.ACTIVE.is(p.getStatus()));
  }
}
