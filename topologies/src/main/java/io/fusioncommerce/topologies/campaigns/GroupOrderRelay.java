package io.fusioncommerce.topologies.campaigns;

import io.fusioncommerce.schemas.campaigns.GroupOrderOutcome;
import io.fusioncommerce.schemas.common.CampaignKey;
import io.fusioncommerce.schemas.common.OrderKey;
import io.fusioncommerce.schemas.orders.OrderStatusChanged;
import io.fusioncommerce.schemas.envelope.EventIds;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Passes the status changes of group orders on to the campaign that placed them, re-keyed by the
 * campaign so they reach the partition that owns it. Orders of no campaign are dropped here.
 */
final class GroupOrderRelay implements Processor<OrderKey, OrderStatusChanged, CampaignKey, GroupOrderOutcome> {

  private ProcessorContext<CampaignKey, GroupOrderOutcome> context;

  @Override
  public void init(ProcessorContext<CampaignKey, GroupOrderOutcome> context) {
    this.context = context;
  }

  @Override
  public void process(Record<OrderKey, OrderStatusChanged> record) {
    OrderStatusChanged changed = record.value();
    if (changed == null || changed.getCampaignId() == null || record.key() == null) {
      return;
    }
    GroupOrderOutcome outcome = GroupOrderOutcome.newBuilder()
        .setEventId(EventIds.derive(changed.getEventId(), "group-order"))
        .setTenantId(changed.getTenantId()).setCampaignId(changed.getCampaignId())
        .setCustomerId(changed.getCustomerId()).setOrderId(changed.getOrderId()).setStatus(changed.getToStatus())
        .setReason(changed.getReason()).setOccurredAt(changed.getOccurredAt()).build();
    context.forward(record.withKey(new CampaignKey(changed.getTenantId(), changed.getCampaignId())).withValue(outcome));
  }
}
