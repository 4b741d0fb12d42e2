package io.fusioncommerce.e2e.evaluation.fraud;

import io.fusioncommerce.topologies.fraud.FraudFeatures;
import java.time.Instant;

/**
 * One generated order as the model sees it: its features (computed by the production feature book from
 * everything before it) and its true label.
 */
public record LabelledOrder(String tenantId, Instant at, FraudFeatures features, FraudPattern pattern) {
  public boolean fraud() {
    return pattern.fraud();
  }
}
