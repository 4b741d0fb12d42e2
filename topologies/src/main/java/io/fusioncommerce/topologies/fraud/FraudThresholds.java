package io.fusioncommerce.topologies.fraud;

/**
 * A tenant's cut-offs on the risk score: below {@code review} an order is accepted, from {@code review}
 * it is held for review, from {@code reject} it is rejected. Both lie in [0, 1] and review ≤ reject
 * (review = reject means "never review").
 */
public record FraudThresholds(double review, double reject) {

  public static final FraudThresholds DEFAULTS = new FraudThresholds(0.5, 0.85);

  public FraudThresholds {
    if (!(review >= 0 && review <= 1)) {
      throw new IllegalArgumentException("reviewThreshold must lie in [0, 1]: " + review);
    }
    if (!(reject >= 0 && reject <= 1)) {
      throw new IllegalArgumentException("rejectThreshold must lie in [0, 1]: " + reject);
    }
    if (review > reject) {
      throw new IllegalArgumentException("reviewThreshold must not exceed rejectThreshold: " + review + " > " + reject);
    }
  }

  /** The decision for {@code score}. */
  public RiskDecision decide(double score) {
    return score >= reject ? RiskDecision.REJECT : score >= review ? RiskDecision.REVIEW : RiskDecision.ACCEPT;
  }
}
