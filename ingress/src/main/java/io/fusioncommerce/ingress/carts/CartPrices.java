package io.fusioncommerce.ingress.carts;

import io.fusioncommerce.ingress.query.InteractiveQueries;
import io.fusioncommerce.schemas.carts.CartState;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.pricing.CurrentPrice;
import io.fusioncommerce.schemas.tax.TaxRates;
import io.fusioncommerce.schemas.tax.TaxRatesKey;
import io.fusioncommerce.topologies.carts.CartPricer;
import io.fusioncommerce.schemas.promotions.PromotionState;
import io.fusioncommerce.topologies.carts.PromotionOffers;
import java.util.List;
import io.fusioncommerce.topologies.carts.CartTopology;
import io.fusioncommerce.topologies.carts.PricedCart;
import io.fusioncommerce.topologies.carts.StoreCatalog;
import io.fusioncommerce.topologies.tax.TaxRule;
import java.time.Instant;
import java.util.Optional;

/**
 * Prices a cart now, on whichever instance answers, from the cart topology's global tables (the product
 * table, the current dynamic prices, the tenants' tax rates): the same tables and the same rules
 * ({@link CartPricer}) the cart topology prices a checkout with, so the cart a customer sees is the order
 * it places.
 */
record CartPrices(InteractiveQueries queries) {

  static final int MAX_PROMOTIONS = 10_000;

  StoreCatalog catalog() {
    return new StoreCatalog(
        key -> queries.<Object, Product>global(CartTopology.CONTEXT, CartTopology.PRODUCT_STORE, key).orElse(null),
        key -> queries.<Object, CurrentPrice>global(CartTopology.CONTEXT, CartTopology.CURRENT_PRICE_STORE, key).orElse(null));
  }

  Optional<TaxRates> taxRates(String tenantId, String country) {
    return queries.<TaxRatesKey, TaxRates>global(CartTopology.CONTEXT, CartTopology.TAX_RATES_STORE,
        new TaxRatesKey(tenantId, country)).filter(rates -> tenantId.equals(rates.getTenantId()));
  }

  /** The tenant's promotions as the carts see them (the same table the cart topology prices with). */
  List<PromotionState> promotions(String tenantId) {
    return queries.<PromotionState>globalValues(CartTopology.CONTEXT, CartTopology.PROMOTION_STORE,
        state -> tenantId.equals(state.getPromotion().getTenantId()), MAX_PROMOTIONS);
  }

  PricedCart price(CartState cart, Instant at) {
    StoreCatalog catalog = catalog();
    return CartPricer.price(cart, catalog, new PromotionOffers(this::promotions, catalog),
        country -> taxRates(cart.getTenantId(), country).map(TaxRule::of), at);
  }
}
