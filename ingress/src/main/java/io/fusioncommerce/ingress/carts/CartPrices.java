package io.fusioncommerce.ingress.carts;

import io.fusioncommerce.ingress.query.InteractiveQueries;
import io.fusioncommerce.schemas.carts.CartState;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.pricing.CurrentPrice;
import io.fusioncommerce.schemas.tax.TaxRates;
import io.fusioncommerce.schemas.tax.TaxRatesKey;
import io.fusioncommerce.topologies.carts.CartPricer;
import io.fusioncommerce.topologies.carts.CartPromotions;
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

  StoreCatalog catalog() {
    return new StoreCatalog(
        key -> queries.<Object, Product>global(CartTopology.CONTEXT, CartTopology.PRODUCT_STORE, key).orElse(null),
        key -> queries.<Object, CurrentPrice>global(CartTopology.CONTEXT, CartTopology.CURRENT_PRICE_STORE, key).orElse(null));
  }

  Optional<TaxRates> taxRates(String tenantId, String country) {
    return queries.<TaxRatesKey, TaxRates>global(CartTopology.CONTEXT, CartTopology.TAX_RATES_STORE,
        new TaxRatesKey(tenantId, country)).filter(rates -> tenantId.equals(rates.getTenantId()));
  }

  PricedCart price(CartState cart, Instant at) {
    return CartPricer.price(cart, catalog(), CartPromotions.NONE,
        country -> taxRates(cart.getTenantId(), country).map(TaxRule::of), at);
  }
}
