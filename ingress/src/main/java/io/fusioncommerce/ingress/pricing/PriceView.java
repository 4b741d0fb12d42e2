package io.fusioncommerce.ingress.pricing;

import io.fusioncommerce.ingress.catalog.Price;
import java.time.Instant;

/**
 * Answer of {@code GET /v1/products/{sku}/price}: what a customer pays now and why.
 *
 * @param listPrice the catalog price
 * @param currentPrice the price an order placed now is charged (the list price when no policy is on)
 * @param reason why the current price is what it is: LIST_PRICE without a policy, else the last move's reason
 * @param validFrom since when the current price applies; null for the list price without a policy
 */
public record PriceView(Price listPrice, Price currentPrice, String reason, Instant validFrom) {}
