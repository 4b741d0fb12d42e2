package io.fusioncommerce.topologies.campaigns;

import io.fusioncommerce.schemas.campaigns.CampaignParticipant;
import io.fusioncommerce.schemas.campaigns.CampaignState;
import io.fusioncommerce.schemas.campaigns.CreateCampaign;
import io.fusioncommerce.schemas.campaigns.GroupOrderOutcome;
import io.fusioncommerce.schemas.campaigns.JoinCampaign;
import io.fusioncommerce.schemas.catalog.Product;
import io.fusioncommerce.topologies.catalog.ProductStatus;
import io.fusioncommerce.topologies.orders.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules of a group-buying campaign. Pure: state and input in, the next state out. The campaign
 * topology applies them on the partition that owns the campaign, so every join of a campaign is
 * decided in order, one at a time: the count is exact under any concurrency.
 */
public final class CampaignBook {

  public static final int MAX_PARTICIPANTS = 1_000_000;
  public static final int MAX_QUANTITY = 100;
  public static final Duration MAX_WINDOW = Duration.ofDays(90);

  /** Why a join was not taken. */
  public static final class Refusals {
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String NOT_STARTED = "NOT_STARTED";
    public static final String ENDED = "ENDED";
    public static final String NOT_OPEN = "NOT_OPEN";
    public static final String FULL = "FULL";
    public static final String BAD_QUANTITY = "BAD_QUANTITY";

    private Refusals() {}
  }

  private CampaignBook() {}

  /**
   * Opens a campaign, or refuses it (status REJECTED with the reason) when the product or the terms
   * are not acceptable; the ingress checked the same before sending the command.
   */
  public static CampaignState open(InviteCodes invites, String tenantId, CreateCampaign create,
      Optional<Product> product, Instant at, String createdBy, String correlationId) {
    String reason = refusal(tenantId, create, product, at);
    Product p = product.orElse(null);
    return CampaignState.newBuilder()
        .setTenantId(tenantId).setCampaignId(create.getCampaignId()).setSku(create.getSku())
        .setProductName(p == null ? "" : p.getName())
        .setVendorId(p == null ? (create.getVendorId() == null ? "" : create.getVendorId()) : p.getVendorId())
        .setMinParticipants(create.getMinParticipants()).setMaxParticipants(create.getMaxParticipants())
        .setGroupPrice(create.getGroupPrice()).setListPrice(p == null ? create.getGroupPrice() : p.getPrice())
        .setStartsAt(create.getStartsAt()).setEndsAt(create.getEndsAt())
        .setStatus(reason == null ? CampaignStatus.OPEN.name() : CampaignStatus.REJECTED.name())
        .setRejectionReason(reason)
        .setInviteCode(invites.issue(tenantId, create.getCampaignId(), null))
        .setCreatedAt(at).setUpdatedAt(at).setCreatedBy(createdBy).setCorrelationId(correlationId).setVersion(1)
        .setRequestHash(create.getRequestHash()).build();
  }

  static String refusal(String tenantId, CreateCampaign create, Optional<Product> product, Instant at) {
    if (product.isEmpty() || !tenantId.equals(product.get().getTenantId()) || !ProductStatus.ACTIVE.is(product.get().getStatus())) {
      return "UNKNOWN_SKU";
    }
    Product p = product.get();
    if (create.getVendorId() != null && !create.getVendorId().equals(p.getVendorId())) {
      return "NOT_THE_VENDORS_PRODUCT";
    }
    if (!p.getPrice().getCurrency().equals(create.getGroupPrice().getCurrency())) {
      return "CURRENCY_MISMATCH";
    }
    if (create.getGroupPrice().getAmount() <= 0 || create.getGroupPrice().getAmount() >= p.getPrice().getAmount()) {
      return "GROUP_PRICE_NOT_BELOW_LIST_PRICE";
    }
    if (create.getMinParticipants() < 2 || create.getMinParticipants() > MAX_PARTICIPANTS
        || (create.getMaxParticipants() != null
            && (create.getMaxParticipants() < create.getMinParticipants() || create.getMaxParticipants() > MAX_PARTICIPANTS))) {
      return "BAD_PARTICIPANT_LIMITS";
    }
    if (!create.getEndsAt().isAfter(create.getStartsAt()) || !create.getEndsAt().isAfter(at)
        || Duration.between(create.getStartsAt(), create.getEndsAt()).compareTo(MAX_WINDOW) > 0) {
      return "BAD_WINDOW";
    }
    return null;
  }

  /** Why {@code join} cannot be taken now, or empty when it can. A repeat of a taken join is not refused. */
  public static Optional<String> admission(CampaignState campaign, JoinCampaign join, Instant at) {
    if (campaign == null) {
      return Optional.of(Refusals.NOT_FOUND);
    }
    if (join.getQuantity() < 1 || join.getQuantity() > MAX_QUANTITY) {
      return Optional.of(Refusals.BAD_QUANTITY);
    }
    CampaignStatus status = CampaignStatus.valueOf(campaign.getStatus());
    if (status == CampaignStatus.EXPIRED || status == CampaignStatus.REJECTED) {
      return Optional.of(Refusals.NOT_OPEN);
    }
    if (at.isBefore(campaign.getStartsAt())) {
      return Optional.of(Refusals.NOT_STARTED);
    }
    if (!at.isBefore(campaign.getEndsAt()) || campaign.getEndedAt() != null) {
      return Optional.of(Refusals.ENDED);
    }
    if (campaign.getMaxParticipants() != null && campaign.getParticipants() >= campaign.getMaxParticipants()) {
      return Optional.of(Refusals.FULL);
    }
    return Optional.empty();
  }

  /** The campaign after one more participant; SUCCEEDED the moment the minimum is reached. */
  public static CampaignState joined(CampaignState campaign, JoinCampaign join, Instant at) {
    int participants = campaign.getParticipants() + 1;
    CampaignState.Builder next = CampaignState.newBuilder(campaign)
        .setParticipants(participants).setUnits(campaign.getUnits() + join.getQuantity())
        .setUpdatedAt(at).setVersion(campaign.getVersion() + 1);
    if (CampaignStatus.OPEN.name().equals(campaign.getStatus()) && participants >= campaign.getMinParticipants()) {
      next.setStatus(CampaignStatus.SUCCEEDED.name()).setSucceededAt(at);
    }
    return next.build();
  }

  public static CampaignParticipant participant(InviteCodes invites, String tenantId, CampaignState campaign,
      JoinCampaign join, String referredBy, Instant at) {
    return CampaignParticipant.newBuilder()
        .setCustomerId(join.getCustomerId()).setQuantity(join.getQuantity()).setJoinedAt(at)
        .setReferredBy(referredBy).setInviteCode(invites.issue(tenantId, campaign.getCampaignId(), join.getCustomerId()))
        .setShippingAddress(join.getShippingAddress()).build();
  }

  /** The window ended: EXPIRED below the minimum, otherwise closed for joins. Null when already ended. */
  public static CampaignState ended(CampaignState campaign, Instant at) {
    if (campaign == null || campaign.getEndedAt() != null
        || CampaignStatus.REJECTED.name().equals(campaign.getStatus())) {
      return null;
    }
    CampaignState.Builder next = CampaignState.newBuilder(campaign).setEndedAt(at).setUpdatedAt(at)
        .setVersion(campaign.getVersion() + 1);
    if (CampaignStatus.OPEN.name().equals(campaign.getStatus())) {
      next.setStatus(CampaignStatus.EXPIRED.name());
    }
    return next.build();
  }

  /** A group order's progress, on the participant and in the campaign's counters. */
  public static CampaignState orderProgressed(CampaignState campaign, CampaignParticipant before,
      GroupOrderOutcome outcome, Instant at) {
    CampaignState.Builder next = CampaignState.newBuilder(campaign).setUpdatedAt(at).setVersion(campaign.getVersion() + 1);
    OrderStatus was = before.getOrderStatus() == null ? null : OrderStatus.valueOf(before.getOrderStatus());
    OrderStatus now = OrderStatus.valueOf(outcome.getStatus());
    if (now == OrderStatus.CONFIRMED && was != OrderStatus.CONFIRMED) {
      next.setOrdersConfirmed(campaign.getOrdersConfirmed() + 1);
    }
    if (now == OrderStatus.REJECTED && was != OrderStatus.REJECTED) {
      next.setOrdersRejected(campaign.getOrdersRejected() + 1);
    }
    return next.build();
  }
}
