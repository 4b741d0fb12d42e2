package io.fusioncommerce.topologies.campaigns;

import io.fusioncommerce.schemas.Topics;
import io.fusioncommerce.schemas.campaigns.CampaignParticipant;
import io.fusioncommerce.schemas.campaigns.CampaignState;
import io.fusioncommerce.schemas.common.CampaignKey;
import io.fusioncommerce.topologies.support.RetentionSettings;
import io.fusioncommerce.topologies.support.StoreChangeListener;
import io.fusioncommerce.topologies.support.WiredTopology;
import io.fusioncommerce.topologies.support.Wiring;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Group buying: each campaign's state and counters ({@value #CAMPAIGN_STORE}), its participants
 * ({@value #PARTICIPANT_STORE}, one entry each, so a join writes one small record however large the
 * campaign), their invite codes and the end-of-window timers, on the partition that owns the
 * campaign. Group orders go through the order saga; their outcomes come back through
 * {@code campaign.group-orders}; the campaign list's rows go to {@code campaigns.view}. See
 * {@link CampaignBook} for the rules.
 */
public final class CampaignTopology extends WiredTopology {

  public static final String CONTEXT = "campaigns";
  public static final String CAMPAIGN_STORE = "campaigns";
  public static final String PARTICIPANT_STORE = "campaign-participants";
  public static final String INVITE_STORE = "campaign-invites";
  public static final String TIMER_STORE = "campaign-timers";
  public static final String PRODUCT_STORE = "campaigns-catalog-products";
  /** Campaigns whose list row is behind their count (flushed once a second). */
  public static final String STALE_ROWS_STORE = "campaign-stale-rows";

  private final InviteCodes inviteCodes;
  private final RetentionSettings retention;

  /** @param inviteCodes signs participants' invite codes and verifies the referral codes joins carry */
  public CampaignTopology(InviteCodes inviteCodes) {
    this(inviteCodes, RetentionSettings.defaults());
  }

  public CampaignTopology(InviteCodes inviteCodes, RetentionSettings retention) {
    super(CONTEXT, CAMPAIGN_STORE, PARTICIPANT_STORE);
    this.inviteCodes = java.util.Objects.requireNonNull(inviteCodes, "inviteCodes");
    this.retention = retention;
  }

  @Override
  protected void wire(Wiring wiring, StoreChangeListener changes) {
    // group orders' status changes, re-keyed by campaign
    wiring.relay("group-order-relay", Topics.ORDER_STATUS_CHANGED, Topics.CAMPAIGN_GROUP_ORDERS, GroupOrderRelay::outcomes);
    wiring.processor("campaign-processor", () -> new CampaignProcessor(changes, inviteCodes))
        .reads(Topics.CAMPAIGN_COMMANDS, Topics.CAMPAIGN_GROUP_ORDERS)
        // a hot campaign's record changes with every join: the cache collapses those writes per commit
        .keeps(wiring.store(CAMPAIGN_STORE, CampaignKey.class, CampaignState.class).withCachingEnabled(),
            Wiring.store(PARTICIPANT_STORE, Serdes.String(), wiring.value(CampaignParticipant.class)),
            Wiring.store(INVITE_STORE, Serdes.String(), Serdes.String()),
            Wiring.store(TIMER_STORE, Serdes.String(), Serdes.String()),
            // a hot campaign marks itself stale with every join: the cache keeps that to one write per commit
            Wiring.store(STALE_ROWS_STORE, wiring.key(CampaignKey.class), Serdes.Long()).withCachingEnabled())
        .writes(Topics.CAMPAIGN_CREATED, Topics.CAMPAIGN_REJECTED, Topics.CAMPAIGN_JOINED, Topics.CAMPAIGN_JOIN_REFUSED,
            Topics.CAMPAIGN_SUCCEEDED, Topics.CAMPAIGN_EXPIRED, Topics.CAMPAIGNS_VIEW, Topics.ORDER_COMMANDS,
            Topics.INVENTORY_COMMANDS, Topics.FRAUD_COMMANDS)
        .sweeps(retention, context -> CampaignRetention.sweep(context, retention), CAMPAIGN_STORE, PARTICIPANT_STORE,
            INVITE_STORE, STALE_ROWS_STORE);
    wiring.globalTable(Topics.CATALOG_PRODUCTS, PRODUCT_STORE);
  }
}
