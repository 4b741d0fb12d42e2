package io.fusioncommerce.topologies.fraud;

import java.util.List;

/**
 * The baseline the model is measured against: the {@link RuleReasons} rules' hand-set weights combined as
 * independent pieces of evidence, score = 1 − Π(1 − weight) over the rules that fire (0 when none does).
 * No learning: what a team writes before it has labelled data.
 */
public final class RulesOnlyScorer implements FraudScorer {

  @Override
  public RiskAssessment assess(FraudFeatures features, FraudThresholds thresholds) {
    List<RuleReasons.Rule> firing = RuleReasons.firing(features);
    double clean = 1.0;
    for (RuleReasons.Rule rule : firing) {
      clean *= 1 - rule.weight();
    }
    double score = 1 - clean;
    return new RiskAssessment(score, thresholds.decide(score), firing.stream().map(RuleReasons.Rule::reason).toList());
  }
}
