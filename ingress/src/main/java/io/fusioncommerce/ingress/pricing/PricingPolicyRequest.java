package io.fusioncommerce.ingress.pricing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code PUT /v1/products/{sku}/pricing-policy}. The bounds, the step and the interval are
 * checked by the same rules the pricing topology applies (PricingBook.check), so a 400 names the field.
 *
 * @param maxStepPercent the largest single move, in percent of the current price (1..50)
 * @param intervalSeconds the price moves at most once per interval (10 s .. 7 days; default one hour)
 */
public record PricingPolicyRequest(
    @NotNull Boolean enabled,
    @NotNull @Valid Bound floor,
    @NotNull @Valid Bound ceiling,
    @NotNull Integer maxStepPercent,
    Long intervalSeconds) {

  public static final long DEFAULT_INTERVAL_SECONDS = 3600;

  /** A bound in minor units of the product's currency (JPY: whole yen). */
  public record Bound(
      @NotNull Long amount,
      @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an ISO-4217 code such as USD") String currency) {

    io.fusioncommerce.ingress.catalog.Price asPrice() {
      return new io.fusioncommerce.ingress.catalog.Price(amount, currency);
    }
  }

  long intervalOrDefault() {
    return intervalSeconds != null ? intervalSeconds : DEFAULT_INTERVAL_SECONDS;
  }
}
