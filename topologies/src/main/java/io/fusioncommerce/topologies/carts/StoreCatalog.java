package io.fusioncommerce.topologies.carts;

import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.pricing.CurrentPrice;
import io.fusioncommerce.topologies.orders.OrderBook;
import java.util.Optional;
import java.util.function.Function;

/**
 * The catalog as a cart sees it, over the product table (catalog.products) and the current dynamic prices
 * (pricing.current-prices): the same rule as the order topology's, the dynamic price when the SKU has one in
 * its product's currency. Reads through lookups so the cart topology (its global stores) and the ingress
 * (the same stores by interactive query) share it.
 */
public record StoreCatalog(Function<SkuKey, Product> products, Function<SkuKey, CurrentPrice> currentPrices)
    implements OrderBook.Catalog {

  @Override
  public Optional<Product> product(String tenantId, String sku) {
    return Optional.ofNullable(products.apply(new SkuKey(tenantId, sku)));
  }

  @Override
  public Money price(String tenantId, Product product) {
    CurrentPrice dynamic = currentPrices.apply(new SkuKey(tenantId, product.getSku()));
    return dynamic != null && tenantId.equals(dynamic.getTenantId())
        && dynamic.getPrice().getCurrency().equals(product.getPrice().getCurrency()) ? dynamic.getPrice() : product.getPrice();
  }
}
