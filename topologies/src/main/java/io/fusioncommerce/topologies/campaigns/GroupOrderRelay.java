package io.fusioncommerce.topologies.campaigns;

import io.fusioncommerce.schemas.campaigns.GroupOrderOutcome;
import io.fusioncommerce.schemas.common.CampaignKey;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.envelope.EventIds;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * Passes the status changes of group orders on to the campaign that placed them, re-keyed by the
 * campaign so they reach the partition that owns it. Orders of no campaign are dropped here.
 * Stateless: a DSL relay (see CampaignTopology).
 */
final class GroupOrderRelay {

  private GroupOrderRelay() {}

  /** The outcome a group order's status change tells its campaign: none for other orders. */
  static List<KeyValue<CampaignKey, GroupOrderOutcome>> outcomes(OrderKey key, OrderStatusChanged changed) {
    if (changed == null || changed.getCampaignId() == null || key == null) {
      return List.of();
    }
    GroupOrderOutcome outcome = GroupOrderOutcome.newBuilder()
        .setEventId(EventIds.derive(changed.getEventId(), "group-order"))
        .setTenantId(changed.getTenantId()).setCampaignId(changed.getCampaignId())
        .setCustomerId(changed.getCustomerId()).setOrderId(changed.getOrderId()).setStatus(changed.getToStatus())
        .setReason(changed.getReason()).setOccurredAt(changed.getOccurredAt()).build();
    return List.of(KeyValue.pair(new CampaignKey(changed.getTenantId(), changed.getCampaignId()), outcome));
  }
}
