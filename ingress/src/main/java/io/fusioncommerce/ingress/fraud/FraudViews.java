package io.fusioncommerce.ingress.fraud;

import io.fusioncommerce.ingress.orders.OrderResponse.MoneyView;
import io.fusioncommerce.schemas.fraud.FraudReview;
import io.fusioncommerce.schemas.fraud.FraudSettings;
import io.fusioncommerce.topologies.fraud.FraudThresholds;
import java.time.Instant;
import java.util.List;

/** What the fraud routes answer. */
final class FraudViews {

  private FraudViews() {}

  /** A tenant's fraud settings; {@code version} 0 and no {@code updatedAt}: the platform's defaults. */
  record Settings(double reviewThreshold, double rejectThreshold, List<String> highRiskCategories, Instant updatedAt,
      long version) {
    static final Settings DEFAULTS = new Settings(FraudThresholds.DEFAULTS.review(), FraudThresholds.DEFAULTS.reject(),
        List.of(), null, 0);

    static Settings of(FraudSettings stored) {
      return new Settings(stored.getReviewThreshold(), stored.getRejectThreshold(), List.copyOf(stored.getHighRiskCategories()),
          stored.getUpdatedAt(), stored.getVersion());
    }
  }

  /** The risk of a held order as the queue shows it. */
  record Risk(Double score, String decision, List<String> reasons) {}

  /** One HELD order waiting for an operator. */
  record Review(String orderId, String customerId, MoneyView total, Risk risk, Instant heldAt) {
    static Review of(FraudReview review) {
      return new Review(review.getOrderId(), review.getCustomerId(), MoneyView.of(review.getTotal()),
          new Risk(review.getScore(), review.getDecision(), List.copyOf(review.getReasons())), review.getHeldAt());
    }
  }

  /** A page of the review queue, oldest order id first ({@code next}: the cursor of the next page, null on the last). */
  record ReviewPage(List<Review> items, String next) {}

  /** Answer of an accepted command (202). */
  record Accepted(String orderId, String decision) {}
}
