package io.fusioncommerce.ingress.campaigns;

import io.fusioncommerce.ingress.catalog.Price;
import io.fusioncommerce.schemas.campaigns.CampaignState;
import java.time.Instant;

/** Answer of {@code GET /v1/campaigns/{id}}, as API.md defines it, with the campaign's progress. */
public record CampaignView(
    String campaignId,
    String sku,
    String productName,
    String vendorId,
    String status,
    String rejectionReason,
    int participants,
    long units,
    int minParticipants,
    Integer maxParticipants,
    Price groupPrice,
    Price listPrice,
    Instant startsAt,
    Instant endsAt,
    boolean joinable,
    String inviteUrl,
    Orders orders,
    Instant succeededAt,
    Instant endedAt,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  /** The group orders placed once the campaign succeeded. */
  public record Orders(int placed, int confirmed, int rejected) {}

  static CampaignView of(CampaignState state, String baseUrl, Instant now) {
    boolean joinable = !"EXPIRED".equals(state.getStatus()) && !"REJECTED".equals(state.getStatus())
        && state.getEndedAt() == null && !now.isBefore(state.getStartsAt()) && now.isBefore(state.getEndsAt())
        && (state.getMaxParticipants() == null || state.getParticipants() < state.getMaxParticipants());
    return new CampaignView(state.getCampaignId(), state.getSku(), state.getProductName(), state.getVendorId(),
        state.getStatus(), state.getRejectionReason(), state.getParticipants(), state.getUnits(),
        state.getMinParticipants(), state.getMaxParticipants(),
        new Price(state.getGroupPrice().getAmount(), state.getGroupPrice().getCurrency()),
        new Price(state.getListPrice().getAmount(), state.getListPrice().getCurrency()),
        state.getStartsAt(), state.getEndsAt(), joinable,
        CampaignRoutes.inviteUrl(baseUrl, state.getCampaignId(), state.getInviteCode()),
        new Orders(state.getOrdersPlaced(), state.getOrdersConfirmed(), state.getOrdersRejected()),
        state.getSucceededAt(), state.getEndedAt(), state.getCreatedAt(), state.getUpdatedAt(), state.getVersion());
  }
}
