package io.fusioncommerce.topologies.fraud;

import java.util.List;

/**
 * The outcome of scoring one order: what an operator and the order's reader see as {@code risk}.
 *
 * @param score the estimated probability that the order is fraudulent, 0 to 1
 * @param decision what the tenant's thresholds make of the score
 * @param reasons the rule reasons that explain it (e.g. {@code NEW_SHIPPING_ADDRESS}), most telling first;
 *     may be empty for an unremarkable order
 */
public record RiskAssessment(double score, RiskDecision decision, List<String> reasons) {
  public RiskAssessment {
    reasons = List.copyOf(reasons);
  }
}
