package io.fusioncommerce.topologies.fraud;

/**
 * Scores an order from its features. Called inside the fraud topology for every order, so it must be
 * fast (microseconds), thread-safe and free of I/O: a model is loaded once, before the topology starts.
 */
@FunctionalInterface
public interface FraudScorer {
  RiskAssessment assess(FraudFeatures features, FraudThresholds thresholds);
}
