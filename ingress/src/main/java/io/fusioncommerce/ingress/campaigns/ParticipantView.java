package io.fusioncommerce.ingress.campaigns;

import io.fusioncommerce.schemas.campaigns.CampaignParticipant;
import java.time.Instant;
import java.util.List;

/** One participant: who brought them, how many they brought, their own invite link and group order. */
public record ParticipantView(String customerId, int quantity, Instant joinedAt, String referredBy, int referrals,
    String inviteUrl, String orderId, String orderStatus, String orderReason) {

  static ParticipantView of(CampaignParticipant p, String baseUrl, String campaignId) {
    return new ParticipantView(p.getCustomerId(), p.getQuantity(), p.getJoinedAt(), p.getReferredBy(), p.getReferrals(),
        CampaignRoutes.inviteUrl(baseUrl, campaignId, p.getInviteCode()), p.getOrderId(), p.getOrderStatus(),
        p.getOrderReason());
  }

  /** A page of participants, in customer-id order. */
  public record Page(List<ParticipantView> items, String next) {}
}
