package io.fusioncommerce.analytics.feed;

import io.fusioncommerce.analytics.feed.Facts.CampaignFact;
import io.fusioncommerce.analytics.feed.Facts.PaymentFact;
import io.fusioncommerce.schemas.campaigns.CampaignCreated;
import io.fusioncommerce.schemas.campaigns.CampaignExpired;
import io.fusioncommerce.schemas.campaigns.CampaignJoinRefused;
import io.fusioncommerce.schemas.campaigns.CampaignJoined;
import io.fusioncommerce.schemas.campaigns.CampaignSucceeded;
import io.fusioncommerce.schemas.campaigns.GroupOrderOutcome;
import io.fusioncommerce.schemas.payments.PaymentCreated;
import io.fusioncommerce.schemas.payments.PaymentFailed;
import io.fusioncommerce.schemas.payments.PaymentRefunded;
import io.fusioncommerce.schemas.payments.PaymentSucceeded;
import java.util.List;

/**
 * The facts that need no memory: one business event, one fact (none for what the contract does not
 * list). The fact id is the event id, so a reprocessed event gives the same fact.
 */
final class EventFacts {

  private EventFacts() {}

  static PaymentFact paymentCreated(PaymentCreated e) {
    return new PaymentFact(e.getOccurredAt().toEpochMilli(), e.getEventId(), e.getTenantId(), "CREATED",
        e.getPaymentId(), e.getOrderId(), null, e.getProvider(), null, null, e.getAmount().getCurrency(),
        e.getAmount().getAmount());
  }

  static PaymentFact paymentSucceeded(PaymentSucceeded e) {
    return new PaymentFact(e.getOccurredAt().toEpochMilli(), e.getEventId(), e.getTenantId(), "SUCCEEDED",
        e.getPaymentId(), e.getOrderId(), null, e.getProvider(), null, null, e.getAmount().getCurrency(),
        e.getAmount().getAmount());
  }

  static PaymentFact paymentFailed(PaymentFailed e) {
    return new PaymentFact(e.getOccurredAt().toEpochMilli(), e.getEventId(), e.getTenantId(), "FAILED",
        e.getPaymentId(), e.getOrderId(), null, e.getProvider(), null, e.getFailureCode(),
        e.getAmount().getCurrency(), e.getAmount().getAmount());
  }

  static PaymentFact paymentRefunded(PaymentRefunded e) {
    return new PaymentFact(e.getOccurredAt().toEpochMilli(), e.getEventId(), e.getTenantId(), "REFUNDED",
        e.getPaymentId(), e.getOrderId(), null, null, e.getToWallet() ? "wallet" : null, null,
        e.getAmount().getCurrency(), e.getAmount().getAmount());
  }

  static CampaignFact campaignCreated(CampaignCreated e) {
    return new CampaignFact(e.getOccurredAt().toEpochMilli(), e.getEventId(), e.getTenantId(), "CREATED",
        e.getCampaignId(), e.getSku(), e.getVendorId(), null, null, (long) e.getMinParticipants(), null);
  }

  static CampaignFact campaignJoined(CampaignJoined e) {
    return new CampaignFact(e.getOccurredAt().toEpochMilli(), e.getEventId(), e.getTenantId(), "JOINED",
        e.getCampaignId(), null, null, e.getCustomerId(), (long) e.getQuantity(), null, null);
  }

  static CampaignFact campaignJoinRefused(CampaignJoinRefused e) {
    return new CampaignFact(e.getOccurredAt().toEpochMilli(), e.getEventId(), e.getTenantId(), "JOIN_REFUSED",
        e.getCampaignId(), null, null, e.getCustomerId(), null, null, e.getReason());
  }

  static CampaignFact campaignSucceeded(CampaignSucceeded e) {
    return new CampaignFact(e.getOccurredAt().toEpochMilli(), e.getEventId(), e.getTenantId(), "SUCCEEDED",
        e.getCampaignId(), null, null, null, (long) e.getParticipants(), null, null);
  }

  static CampaignFact campaignExpired(CampaignExpired e) {
    return new CampaignFact(e.getOccurredAt().toEpochMilli(), e.getEventId(), e.getTenantId(), "EXPIRED",
        e.getCampaignId(), null, null, null, (long) e.getParticipants(), null, null);
  }

  /** A group order the campaign placed; the order's later moves are order-line facts already. */
  static List<CampaignFact> groupOrder(GroupOrderOutcome e) {
    if (!"CREATED".equals(e.getStatus())) {
      return List.of();
    }
    return List.of(new CampaignFact(e.getOccurredAt().toEpochMilli(), e.getEventId(), e.getTenantId(),
        "ORDER_PLACED", e.getCampaignId(), null, null, e.getCustomerId(), null, null, e.getReason()));
  }
}
