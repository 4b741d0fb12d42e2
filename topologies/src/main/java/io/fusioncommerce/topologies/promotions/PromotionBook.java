package io.fusioncommerce.topologies.promotions;

import io.fusioncommerce.schemas.promotions.PromotionState;
import io.fusioncommerce.schemas.promotions.Redemption;
import java.time.Instant;

/**
 * The rules of a promotion's redemptions, counted exactly like stock: one redemption per order, taken on
 * the partition that owns the promotion, so N concurrent checkouts against a limit of L redeem exactly
 * min(N, L); an order's release gives its redemption back once. Pure: state in, next state out.
 */
public final class PromotionBook {

  public enum Status { REDEEMED, REFUSED, RELEASED }

  private PromotionBook() {}

  /**
   * The outcome of a redemption or a release: the promotion's next state (null: unchanged), the order's
   * redemption to store, the customer's next count of redemptions, and whether to tell the order (a
   * release tells no one; a repeated redemption is told again, as it was decided the first time).
   */
  public record Decision(PromotionState next, Redemption redemption, long customerCount, boolean tellOrder) {}

  /** An order asks for one redemption; {@code existing} is what the order already has (a repeat, or a release that came first). */
  public static Decision redeem(PromotionState state, Redemption existing, long customerCount, String orderId,
      String customerId, Instant at) {
    if (existing != null) {
      // a repeat answers as decided; a release that overtook the redemption leaves it released (nothing taken)
      Redemption told = Status.RELEASED.name().equals(existing.getStatus()) && existing.getReason() == null
          ? Redemption.newBuilder(existing).setReason(PromotionRules.Reasons.PROMOTION_UNAVAILABLE).build() : existing;
      return new Decision(null, told, customerCount, true);
    }
    String refusal = null;
    if (state == null || !PromotionRules.running(state.getPromotion(), at)) {
      refusal = PromotionRules.Reasons.PROMOTION_UNAVAILABLE;
    } else if (PromotionRules.usedUp(state)) {
      refusal = PromotionRules.Reasons.USAGE_LIMIT_REACHED;
    } else if (state.getPromotion().getPerCustomerLimit() != null && customerCount >= state.getPromotion().getPerCustomerLimit()) {
      refusal = PromotionRules.Reasons.CUSTOMER_LIMIT_REACHED;
    }
    if (refusal != null) {
      return new Decision(null, new Redemption(orderId, customerId, Status.REFUSED.name(), refusal, at), customerCount, true);
    }
    PromotionState next = PromotionState.newBuilder(state).setRedemptions(state.getRedemptions() + 1)
        .setVersion(state.getVersion() + 1).build();
    return new Decision(next, new Redemption(orderId, customerId, Status.REDEEMED.name(), null, at), customerCount + 1, true);
  }

  /** The order was rejected or cancelled: a redemption it holds is given back, once. */
  public static Decision release(PromotionState state, Redemption existing, long customerCount, String orderId,
      String reason, Instant at) {
    if (existing == null) {
      // the release overtook the redemption: remembered, so the late redemption takes nothing
      return new Decision(null, new Redemption(orderId, "", Status.RELEASED.name(), null, at), customerCount, false);
    }
    if (!Status.REDEEMED.name().equals(existing.getStatus())) {
      return new Decision(null, null, customerCount, false); // refused or released already: nothing to give back
    }
    PromotionState next = state == null ? null : PromotionState.newBuilder(state)
        .setRedemptions(Math.max(0, state.getRedemptions() - 1)).setVersion(state.getVersion() + 1).build();
    return new Decision(next, Redemption.newBuilder(existing).setStatus(Status.RELEASED.name()).setReason(reason)
        .setAt(at).build(), Math.max(0, customerCount - 1), false);
  }
}
