package io.fusioncommerce.topologies;

import io.fusioncommerce.topologies.returns.ReturnTopology;
import io.fusioncommerce.topologies.campaigns.CampaignTopology;
import io.fusioncommerce.topologies.carts.CartTopology;
import io.fusioncommerce.topologies.promotions.PromotionTopology;
import io.fusioncommerce.topologies.campaigns.InviteCodes;
import io.fusioncommerce.topologies.catalog.CatalogTopology;
import io.fusioncommerce.topologies.fraud.FraudTopology;
import io.fusioncommerce.topologies.fraud.ModelFraudScorer;
import io.fusioncommerce.topologies.inventory.InventoryTopology;
import io.fusioncommerce.topologies.orders.OrderTopology;
import io.fusioncommerce.topologies.payments.PaymentTopology;
import io.fusioncommerce.topologies.pricing.PricingTopology;
import io.fusioncommerce.topologies.recommendations.RecommendationTopology;
import io.fusioncommerce.topologies.shipping.ShippingTopology;
import io.fusioncommerce.topologies.support.TopologyDefinition;
import java.util.List;

/** Every bounded context's topology, in the order they start. */
public final class PlatformTopologies {

  private PlatformTopologies() {}

  /** @param inviteCodes the campaign topology's invite code signer (the same secret as the ingress's) */
  public static List<TopologyDefinition> all(InviteCodes inviteCodes) {
    return List.of(new CatalogTopology(), new InventoryTopology(), new OrderTopology(), new CampaignTopology(inviteCodes),
        new PaymentTopology(), new ShippingTopology(),
        // Pricing
        new PricingTopology(),
        // Recommendations
        new RecommendationTopology(),
        // Fraud: the committed model (ADR 0019), loaded once here, before any topology starts
        new FraudTopology(ModelFraudScorer.load()),
        // Carts (COMMERCE): carts, checkout into the order saga, tax; idle time from FUSION_CART_ABANDON_AFTER
        CartTopology.fromEnvironment(System.getenv()), new PromotionTopology(),
        // Returns
        new ReturnTopology());
  }
}
