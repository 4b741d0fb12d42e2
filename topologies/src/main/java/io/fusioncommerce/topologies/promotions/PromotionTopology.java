package io.fusioncommerce.topologies.promotions;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.promotions.PromotionKey;
import io.fusioncommerce.schemas.promotions.PromotionState;
import io.fusioncommerce.schemas.promotions.Redemption;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.WiredTopology;
import io.fusioncommerce.topologies.support.Wiring;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Promotions: each promotion and its redemption count ({@value #PROMOTION_STORE}), each order's redemption
 * ({@value #REDEMPTION_STORE}) and each customer's count ({@value #CUSTOMER_STORE}), on the partition that
 * owns the promotion. Redemptions are taken inside the order saga (see {@link PromotionBook}); the outcome
 * goes back keyed by the order on promotion.redemptions, and every change of a promotion is mirrored on
 * promotions.definitions for the carts.
 */
public final class PromotionTopology extends WiredTopology {

  public static final String CONTEXT = "promotions";
  public static final String PROMOTION_STORE = "promotions";
  public static final String REDEMPTION_STORE = "promotion-redemptions";
  public static final String CUSTOMER_STORE = "promotion-customer-counts";

  public PromotionTopology() {
    super(CONTEXT, PROMOTION_STORE);
  }

  @Override
  protected void wire(Wiring wiring, StoreChangeListener changes) {
    wiring.processor("promotion-processor", () -> new PromotionProcessor(changes))
        .reads(Topics.PROMOTION_COMMANDS)
        .keeps(wiring.store(PROMOTION_STORE, PromotionKey.class, PromotionState.class),
            Wiring.store(REDEMPTION_STORE, Serdes.String(), wiring.value(Redemption.class)),
            Wiring.store(CUSTOMER_STORE, Serdes.String(), Serdes.Long()))
        .writes(Topics.PROMOTION_REDEMPTIONS, Topics.PROMOTIONS_DEFINITIONS);
  }
}
