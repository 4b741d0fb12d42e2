package io.fusioncommerce.topologies.pricing;

import io.fusioncommerce.schemas.campaigns.CampaignListRow;
import io.fusioncommerce.schemas.common.CampaignKey;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.common.SkuKey;
import io.fusioncommerce.schemas.envelope.EventIds;
import io.fusioncommerce.schemas.orders.OrderCreated;
import io.fusioncommerce.schemas.orders.OrderLine;
import io.fusioncommerce.schemas.pricing.PricingSignal;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * Demand as the pricing topology needs it: facts keyed by order or campaign, re-keyed by SKU so they
 * reach the partition that owns the SKU's pricing state. Stateless: DSL relays (see PricingTopology).
 */
final class DemandRelay {

  static final String ORDERED = "ORDERED";
  static final String CAMPAIGN = "CAMPAIGN";

  private DemandRelay() {}

  /**
   * One signal per line of a created order: the units asked for are demand, whether or not the stock
   * was then there (a sold-out SKU's unmet demand is exactly what should raise its price).
   */
  static List<KeyValue<SkuKey, PricingSignal>> orderLines(OrderKey key, OrderCreated created) {
    if (key == null || created == null) {
      return List.of();
    }
    List<KeyValue<SkuKey, PricingSignal>> signals = new ArrayList<>();
    for (OrderLine line : created.getItems()) {
      signals.add(KeyValue.pair(new SkuKey(created.getTenantId(), line.getSku()), PricingSignal.newBuilder()
          .setEventId(EventIds.derive(created.getEventId(), "demand:" + line.getSku()))
          .setTenantId(created.getTenantId()).setOccurredAt(created.getOccurredAt())
          .setCorrelationId(created.getCorrelationId()).setCausationId(created.getEventId())
          .setSku(line.getSku()).setKind(ORDERED).setQuantity(line.getQuantity()).build()));
    }
    return signals;
  }

  /** A campaign's row moved: its participant count (and whether it is still open) goes to its SKU. */
  static List<KeyValue<SkuKey, PricingSignal>> campaignRows(CampaignKey key, CampaignListRow row) {
    if (key == null || row == null) {
      return List.of();
    }
    String id = EventIds.derive(row.getCampaignId() + ":" + row.getVersion(), "campaign-demand");
    return List.of(KeyValue.pair(new SkuKey(row.getTenantId(), row.getSku()), PricingSignal.newBuilder()
        .setEventId(id).setTenantId(row.getTenantId()).setOccurredAt(row.getUpdatedAt())
        .setCorrelationId(row.getCampaignId()).setSku(row.getSku()).setKind(CAMPAIGN)
        .setQuantity(row.getParticipants()).setCampaignId(row.getCampaignId())
        .setOpen("OPEN".equals(row.getStatus())).build()));
  }
}
