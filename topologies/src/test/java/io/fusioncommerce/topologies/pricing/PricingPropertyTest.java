package io.fusioncommerce.topologies.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.pricing.PricingState;
import io.fusioncommerce.schemas.pricing.SetPricingPolicy;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the demand does, the price the book sets stays within the vendor's bounds and never moves
 * by more than the vendor's largest step (both exactly, in minor units).
 */
class PricingPropertyTest {

  /** One window's worth of signals: units ordered, the stock left, campaign joins. */
  record Window(long units, Long available, int joins) {}

  @Provide
  Arbitrary<List<Window>> windows() {
    Arbitrary<Window> window = Combinators.combine(
        Arbitraries.longs().between(0, 10_000),
        Arbitraries.longs().between(0, 1_000_000).injectNull(0.2),
        Arbitraries.integers().between(0, 50)).as(Window::new);
    return window.list().ofMinSize(1).ofMaxSize(200);
  }

  @Property(tries = 300)
  void noPriceLeavesItsBoundsAndNoStepExceedsTheLargestStep(
      @ForAll @LongRange(min = 1, max = 10_000_000) long list,
      @ForAll @LongRange(min = 0, max = 10_000_000) long a,
      @ForAll @LongRange(min = 0, max = 10_000_000) long b,
      @ForAll @IntRange(min = 1, max = 50) int maxStep,
      @ForAll @LongRange(min = 10, max = 86_400) long interval,
      @ForAll("windows") @Size(min = 1) List<Window> windows,
      @ForAll("currencies") String currency) {
    long floor = Math.min(a, b);
    long ceiling = Math.max(a, b);
    Money listPrice = new Money(list, currency);
    SetPricingPolicy policy = SetPricingPolicy.newBuilder().setEnabled(true).setFloor(new Money(floor, currency))
        .setCeiling(new Money(ceiling, currency)).setMaxStepPercent(maxStep).setIntervalSeconds(interval).build();
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    PricingState state = PricingBook.policy(null, "acme", "SKU-1", policy, listPrice, now).next();
    long price = state.getCurrentPrice().getAmount();
    assertThat(price).isBetween(floor, ceiling);
    int campaign = 0;
    for (Window window : windows) {
      state = orElse(PricingBook.ordered(state, window.units(), now), state);
      if (window.available() != null) {
        state = orElse(PricingBook.stock(state, window.available(), now), state);
      }
      state = orElse(PricingBook.campaign(state, "c" + (campaign++ % 3), window.joins(), true, now), state);
      now = now.plusSeconds(interval);
      PricingBook.Outcome outcome = PricingBook.evaluate(state, listPrice, now);
      state = orElse(outcome.next(), state);
      long next = state.getCurrentPrice().getAmount();
      assertThat(next).isBetween(floor, ceiling);
      assertThat(state.getCurrentPrice().getCurrency()).isEqualTo(currency);
      // |next - price| * 100 <= price * maxStep, in exact integers
      assertThat(BigInteger.valueOf(Math.abs(next - price)).multiply(BigInteger.valueOf(100)))
          .isLessThanOrEqualTo(BigInteger.valueOf(price).multiply(BigInteger.valueOf(maxStep)));
      price = next;
    }
  }

  @Provide
  Arbitrary<String> currencies() {
    return Arbitraries.of("USD", "JPY", "EUR");
  }

  private static PricingState orElse(PricingState next, PricingState current) {
    return next != null ? next : current;
  }
}
