package io.fusioncommerce.topologies.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fusioncommerce.schemas.common.Money;
import io.fusioncommerce.schemas.pricing.PriceSignals;
import io.fusioncommerce.schemas.pricing.PricingState;
import io.fusioncommerce.schemas.pricing.SetPricingPolicy;
import io.fusioncommerce.topologies.pricing.PricingBook.Outcome;
import io.fusioncommerce.topologies.pricing.PricingBook.Publication;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PricingBookTest {

  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  static final Money LIST = usd(1000);

  static Money usd(long amount) {
    return new Money(amount, "USD");
  }

  static SetPricingPolicy policy(long floor, long ceiling, int step, long interval) {
    return SetPricingPolicy.newBuilder().setEnabled(true).setFloor(usd(floor)).setCeiling(usd(ceiling))
        .setMaxStepPercent(step).setIntervalSeconds(interval).build();
  }

  static PricingState set(SetPricingPolicy policy) {
    return PricingBook.policy(null, "acme", "SKU-1", policy, LIST, T0).next();
  }

  static PriceSignals signals(long units, long expectedMilli, Long coverMilliDays, long joins) {
    return PriceSignals.newBuilder().setUnitsInWindow(units).setExpectedUnitsMilli(expectedMilli)
        .setStockCoverMilliDays(coverMilliDays).setCampaignJoins(joins).build();
  }

  @Test
  void aPolicyIsCheckedFieldByField() {
    assertThat(PricingBook.check(policy(800, 1500, 5, 3600), "USD")).isEmpty();
    assertThat(PricingBook.check(policy(1500, 800, 5, 3600), "USD")).extracting(PricingBook.Problem::field)
        .containsExactly("floor");
    assertThat(PricingBook.check(policy(-1, 800, 51, 5), "USD")).extracting(PricingBook.Problem::field)
        .containsExactly("floor.amount", "maxStepPercent", "intervalSeconds");
    assertThat(PricingBook.check(policy(800, 1500, 0, 3600), "USD")).extracting(PricingBook.Problem::field)
        .containsExactly("maxStepPercent");
    assertThat(PricingBook.check(policy(800, 1500, 5, 3600), "EUR")).extracting(PricingBook.Problem::field)
        .containsExactly("floor.currency", "ceiling.currency");
  }

  @Test
  void settingAPolicyStartsFromTheListPriceHeldWithinTheBounds() {
    Outcome within = PricingBook.policy(null, "acme", "SKU-1", policy(800, 1500, 5, 3600), LIST, T0);
    assertThat(within.next().getCurrentPrice()).isEqualTo(LIST);
    assertThat(within.publication()).isEqualTo(Publication.PUT);
    assertThat(within.change()).isNull(); // the customer's price did not move
    assertThat(within.next().getNextEvaluationAt()).isEqualTo(T0.plusSeconds(3600));

    Outcome above = PricingBook.policy(null, "acme", "SKU-1", policy(1200, 1500, 5, 3600), LIST, T0);
    assertThat(above.next().getCurrentPrice()).isEqualTo(usd(1200));
    assertThat(above.change().reason()).isEqualTo(PricingBook.Reasons.POLICY_SET);
  }

  @Test
  void aPolicyInAnotherCurrencyThanTheProductsIsRefusedAndChangesNothing() {
    Outcome refused = PricingBook.policy(null, "acme", "SKU-1", policy(800, 1500, 5, 3600), new Money(1000L, "EUR"), T0);
    assertThat(refused.refusal()).startsWith("floor.currency");
    assertThat(refused.next()).isNull();
  }

  @Test
  void switchingThePolicyOffWithdrawsTheDynamicPrice() {
    PricingState on = PricingBook.policy(null, "acme", "SKU-1", policy(1200, 1500, 5, 3600), LIST, T0).next();
    SetPricingPolicy off = SetPricingPolicy.newBuilder(policy(1200, 1500, 5, 3600)).setEnabled(false).build();
    Outcome outcome = PricingBook.policy(on, "acme", "SKU-1", off, LIST, T0.plusSeconds(5));
    assertThat(outcome.publication()).isEqualTo(Publication.REMOVE);
    assertThat(outcome.next().getCurrentPrice()).isNull();
    assertThat(outcome.change().next()).isEqualTo(LIST);
    assertThat(PricingBook.evaluate(outcome.next(), LIST, T0.plusSeconds(7200)).next()).isNull();
  }

  @Test
  void demandAboveExpectationAndScarceStockMoveAWholeStepUp() {
    // 30 units against 10 expected, 1 day of stock left: two votes, the whole 5 %
    assertThat(PricingBook.decide(1000, 1000, 800, 1500, 5, signals(30, 10_000, 1_000L, 0)))
        .isEqualTo(new PricingBook.Move(1050, PricingBook.Reasons.HIGH_DEMAND));
    // one vote: half the step
    assertThat(PricingBook.decide(1000, 1000, 800, 1500, 6, signals(0, 0, null, 2)))
        .isEqualTo(new PricingBook.Move(1030, PricingBook.Reasons.CAMPAIGN_INTEREST));
    // the ceiling holds
    assertThat(PricingBook.decide(1490, 1000, 800, 1500, 5, signals(30, 10_000, 1_000L, 0)).amount()).isEqualTo(1500);
  }

  @Test
  void slackDemandAndExcessStockMoveDownAndNoSignalWalksBackToTheList() {
    assertThat(PricingBook.decide(1000, 1000, 800, 1500, 10, signals(1, 10_000, 90_000L, 0)))
        .isEqualTo(new PricingBook.Move(900, PricingBook.Reasons.LOW_DEMAND));
    assertThat(PricingBook.decide(820, 1000, 800, 1500, 10, signals(1, 10_000, 90_000L, 0)).amount()).isEqualTo(800);
    assertThat(PricingBook.decide(1200, 1000, 800, 1500, 10, signals(10, 10_000, 10_000L, 0)))
        .isEqualTo(new PricingBook.Move(1080, PricingBook.Reasons.BACK_TO_LIST));
    assertThat(PricingBook.decide(1020, 1000, 800, 1500, 10, signals(10, 10_000, 10_000L, 0)).amount()).isEqualTo(1000);
    assertThat(PricingBook.decide(1000, 1000, 800, 1500, 10, signals(10, 10_000, 10_000L, 0)).reason())
        .isEqualTo(PricingBook.Reasons.STEADY);
  }

  @Test
  void yenMoveInWholeYenAndAStepNeverRoundsAboveTheAllowedPercent() {
    // 5 % of 999 is 49.95 yen: the step is 49, so the price stays a whole amount within the 5 %
    PriceSignals hot = signals(30, 10_000, 1_000L, 0);
    assertThat(PricingBook.decide(999, 999, 1, 100_000, 5, hot).amount()).isEqualTo(1048);
    assertThat(PricingBook.decide(999, 999, 1, 100_000, 5, signals(0, 10_000, 90_000L, 0)).amount()).isEqualTo(950);
  }

  @Test
  void ordersInTheWindowRaiseThePriceAtItsEndAndTheAverageLearnsThem() {
    PricingState state = set(policy(800, 1500, 10, 3600));
    state = PricingBook.stock(state, 100, T0);
    state = PricingBook.ordered(state, 5, T0.plusSeconds(10));
    Outcome early = PricingBook.evaluate(state, LIST, T0.plusSeconds(3600));
    assertThat(early.change().next()).isEqualTo(usd(1100));
    assertThat(early.change().signals().getUnitsInWindow()).isEqualTo(5);
    assertThat(early.change().signals().getAvailableStock()).isEqualTo(100);
    assertThat(early.publication()).isEqualTo(Publication.PUT);
    PricingState after = early.next();
    assertThat(after.getUnitsInWindow()).isZero();
    assertThat(after.getExpectedUnitsMilli()).isEqualTo(5_000);
    assertThat(after.getValidFrom()).isEqualTo(T0.plusSeconds(3600));
    assertThat(after.getNextEvaluationAt()).isEqualTo(T0.plusSeconds(7200));
  }

  @Test
  void campaignJoinsCountOnlyNewParticipantsOfOpenCampaigns() {
    PricingState state = set(policy(800, 1500, 10, 3600));
    state = PricingBook.campaign(state, "c1", 3, true, T0);
    state = PricingBook.campaign(state, "c1", 5, true, T0);
    state = PricingBook.campaign(state, "c1", 5, true, T0);
    assertThat(state.getCampaignJoinsInWindow()).isEqualTo(5);
    state = PricingBook.campaign(state, "c1", 6, false, T0);
    assertThat(state.getCampaignParticipants()).isEmpty();
    assertThat(PricingBook.ordered(null, 3, T0)).as("no policy: no state").isNull();
  }
}
