package io.fusioncommerce.ingress.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.ingress.catalog.Price;
import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.pricing.PricingState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What GET /v1/products/{sku}/price answers from the pricing state: what the order topology would charge. */
class PricingRoutesTest {

  static final Price LIST = new Price(5000L, "USD");
  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  static PricingState state(boolean enabled, Money current) {
    return PricingState.newBuilder().setTenantId("acme").setSku("LAMP").setEnabled(enabled)
        .setFloor(new Money(4000L, "USD")).setCeiling(new Money(6000L, "USD")).setMaxStepPercent(5)
        .setIntervalSeconds(3600).setCurrentPrice(current).setReason("HIGH_DEMAND").setValidFrom(T0)
        .setUpdatedAt(T0).build();
  }

  @Test
  void withoutAPolicyTheCurrentPriceIsTheListPrice() {
    assertThat(PricingRoutes.view(LIST, null)).isEqualTo(new PriceView(LIST, LIST, "LIST_PRICE", null));
  }

  @Test
  void aDynamicPriceIsShownBesideTheListPrice() {
    assertThat(PricingRoutes.view(LIST, state(true, new Money(5250L, "USD"))))
        .isEqualTo(new PriceView(LIST, new Price(5250L, "USD"), "HIGH_DEMAND", T0));
  }

  @Test
  void aPriceTheOrdersWouldNotChargeIsNotShown() {
    assertThat(PricingRoutes.view(LIST, state(true, new Money(5250L, "EUR"))).currentPrice()).isEqualTo(LIST);
    assertThat(PricingRoutes.view(LIST, state(false, null)).currentPrice()).isEqualTo(LIST);
  }
}
