package io.fusioncommerce.topologies.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The committed model loads from the class path and scores like a probability. */
class ModelFraudScorerTest {

  private static final ModelFraudScorer MODEL = ModelFraudScorer.load();

  @Test
  void the_committed_model_scores_every_order_between_0_and_1() {
    FraudFeatures empty = new FraudFeatures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, false, false, 0, 0, 0);
    FraudFeatures extreme = new FraudFeatures(1_000, 1_000, 1_000, 1_000, 16, 1_000, 1_000, 16, 1_000, 16, 1_000, 1_000,
        100_000, 1e6, 1e4, 1e4, true, true, 1, 1_000, 1_000);

    for (FraudFeatures features : new FraudFeatures[] {empty, extreme, RuleReasonsTest.ORDINARY}) {
      assertThat(MODEL.score(features)).isBetween(0.0, 1.0);
    }
  }

  @Test
  void a_card_testing_burst_scores_far_above_an_ordinary_order_and_carries_its_reasons() {
    FraudFeatures burst = new FraudFeatures(4, 12, 12, 0, 0, 8, 12, 10, 1, 1, 7, 0,
        12, 0.2, 1.0, 0.05, false, true, 0, 1, 1);

    RiskAssessment ordinary = MODEL.assess(RuleReasonsTest.ORDINARY, FraudThresholds.DEFAULTS);
    RiskAssessment assessed = MODEL.assess(burst, FraudThresholds.DEFAULTS);

    assertThat(ordinary.decision()).isEqualTo(RiskDecision.ACCEPT);
    assertThat(ordinary.reasons()).isEmpty();
    assertThat(assessed.score()).isGreaterThan(ordinary.score() + 0.5);
    assertThat(assessed.decision()).isNotEqualTo(RiskDecision.ACCEPT);
    assertThat(assessed.reasons()).contains(RuleReasons.CARD_TESTING, RuleReasons.RECENT_PAYMENT_FAILURES);
  }

  @Test
  void the_decision_follows_the_tenant_thresholds() {
    FraudFeatures burst = new FraudFeatures(4, 12, 12, 0, 0, 8, 12, 10, 1, 1, 7, 0,
        12, 0.2, 1.0, 0.05, false, true, 0, 1, 1);
    double score = MODEL.score(burst);

    assertThat(MODEL.assess(burst, new FraudThresholds(1, 1)).decision()).isEqualTo(score >= 1 ? RiskDecision.REJECT : RiskDecision.ACCEPT);
    assertThat(MODEL.assess(burst, new FraudThresholds(0, 0)).decision()).isEqualTo(RiskDecision.REJECT);
  }
}
