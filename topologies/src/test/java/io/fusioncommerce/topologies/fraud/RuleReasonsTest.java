package io.fusioncommerce.topologies.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reasons an operator reads on a scored order, and the rules-only baseline built from them. */
class RuleReasonsTest {

  /** An unremarkable returning customer's order. */
  static final FraudFeatures ORDINARY = new FraudFeatures(0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0,
      12, 2_000, 1.1, 0.9, false, false, 0, 2, 2);

  @Test
  void an_ordinary_order_has_no_reasons_and_a_zero_rules_score() {
    assertThat(RuleReasons.of(ORDINARY)).isEmpty();
    RiskAssessment assessment = new RulesOnlyScorer().assess(ORDINARY, FraudThresholds.DEFAULTS);
    assertThat(assessment.score()).isZero();
    assertThat(assessment.decision()).isEqualTo(RiskDecision.ACCEPT);
  }

  @Test
  void a_card_testing_burst_is_named_with_its_failures_and_velocity_most_telling_first() {
    FraudFeatures burst = new FraudFeatures(3, 9, 9, 0, 0, 6, 9, 8, 1, 1, 5, 0,
        9, 0.2, 1.0, 0.05, false, true, 0, 1, 1);

    assertThat(RuleReasons.of(burst)).containsExactly(RuleReasons.CARD_TESTING, RuleReasons.RECENT_PAYMENT_FAILURES,
        RuleReasons.VELOCITY_CUSTOMER, RuleReasons.COUNTRY_MISMATCH);
    RiskAssessment assessment = new RulesOnlyScorer().assess(burst, FraudThresholds.DEFAULTS);
    assertThat(assessment.decision()).isEqualTo(RiskDecision.REJECT);
    assertThat(assessment.reasons()).first().isEqualTo(RuleReasons.CARD_TESTING);
  }

  @Test
  void an_account_takeover_shows_a_new_address_an_unusual_amount_and_risky_goods() {
    FraudFeatures takeover = new FraudFeatures(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
        8, 900, 6.5, 5.0, true, false, 1.0, 2, 1);

    assertThat(RuleReasons.of(takeover)).containsExactly(RuleReasons.AMOUNT_ABOVE_HISTORY,
        RuleReasons.NEW_SHIPPING_ADDRESS, RuleReasons.HIGH_RISK_SKUS);
  }

  @Test
  void a_large_first_order_and_a_shared_drop_address() {
    FraudFeatures first = new FraudFeatures(0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0, 0,
        0, 0, 1.0, 7.0, false, false, 0.5, 3, 2);

    assertThat(RuleReasons.of(first)).containsExactly(RuleReasons.RESHIPPING, RuleReasons.HIGH_VALUE_FIRST_ORDER,
        RuleReasons.HIGH_RISK_SKUS);
  }

  @Test
  void the_rules_score_grows_with_each_rule_that_fires_and_the_tenant_thresholds_decide() {
    FraudFeatures one = new FraudFeatures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        5, 100, 1, 1, true, false, 0, 1, 1);
    FraudFeatures two = new FraudFeatures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        5, 100, 1, 1, true, true, 0, 1, 1);
    RulesOnlyScorer rules = new RulesOnlyScorer();

    double oneScore = rules.assess(one, FraudThresholds.DEFAULTS).score();
    double twoScore = rules.assess(two, FraudThresholds.DEFAULTS).score();
    assertThat(oneScore).isEqualTo(0.15, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(twoScore).isGreaterThan(oneScore).isLessThan(1);
    assertThat(rules.assess(two, new FraudThresholds(0.3, 0.9)).decision()).isEqualTo(RiskDecision.REVIEW);
    assertThat(rules.assess(two, new FraudThresholds(0.2, 0.3)).decision()).isEqualTo(RiskDecision.REJECT);
  }
}
