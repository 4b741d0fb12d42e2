package io.fusioncommerce.topologies.campaigns;

import io.fusioncommerce.schemas.campaigns.CampaignState;
import io.fusioncommerce.schemas.common.CampaignKey;
import io.fusioncommerce.topologies.support.RetentionSettings;
import io.fusioncommerce.topologies.support.StoreRetention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Retention of the campaign stores: a campaign that succeeded, expired or was rejected leaves
 * {@value CampaignTopology#CAMPAIGN_STORE} {@link RetentionSettings#endedCampaigns()} after it ended
 * (the later of its end time and its last change; a rejected one never opened, so its last change),
 * together with its participants, its invite codes and its pending list-row refresh. An open
 * campaign stays. Participants and invites go first, a budget's worth per sweep, the campaign last,
 * so an interrupted sweep leaves nothing unreachable behind.
 */
final class CampaignRetention {

  private static final String PREFIX_END = "\uffff";

  private CampaignRetention() {}

  static Optional<Instant> expiry(CampaignState campaign, RetentionSettings settings) {
    CampaignStatus status;
    try {
      status = CampaignStatus.valueOf(campaign.getStatus());
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
    return switch (status) {
      case OPEN -> Optional.empty();
      case REJECTED -> Optional.of(campaign.getUpdatedAt().plus(settings.endedCampaigns()));
      case SUCCEEDED, EXPIRED -> {
        Instant ended = campaign.getEndsAt().isAfter(campaign.getUpdatedAt()) ? campaign.getEndsAt() : campaign.getUpdatedAt();
        yield Optional.of(ended.plus(settings.endedCampaigns()));
      }
    };
  }

  /** The sweep of a task's campaign stores (the campaign processor's retention node runs it). */
  static StoreRetention<CampaignKey, CampaignState> sweep(ProcessorContext<Void, Void> context,
      RetentionSettings settings) {
    KeyValueStore<String, Object> participants = context.getStateStore(CampaignTopology.PARTICIPANT_STORE);
    KeyValueStore<String, String> invites = context.getStateStore(CampaignTopology.INVITE_STORE);
    KeyValueStore<CampaignKey, Long> staleRows = context.getStateStore(CampaignTopology.STALE_ROWS_STORE);
    return new StoreRetention<>(context.getStateStore(CampaignTopology.CAMPAIGN_STORE),
        campaign -> expiry(campaign, settings),
        (key, campaign, budget) -> {
          String prefix = CampaignCodes.participantPrefix(key.getTenantId(), key.getCampaignId());
          int deleted = deletePrefix(participants, prefix, budget);
          if (deleted >= budget) {
            return new StoreRetention.Deleted(deleted, false);
          }
          deleted += deletePrefix(invites, prefix, budget - deleted);
          if (deleted >= budget) {
            return new StoreRetention.Deleted(deleted, false);
          }
          staleRows.delete(key);
          return new StoreRetention.Deleted(deleted + 1, true);
        },
        settings.sweepBudget());
  }

  /** Deletes up to {@code budget} keys starting with {@code prefix}; returns how many it deleted. */
  private static <V> int deletePrefix(KeyValueStore<String, V> store, String prefix, int budget) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, V> entries = store.range(prefix, prefix + PREFIX_END)) {
      while (entries.hasNext() && keys.size() < budget) {
        KeyValue<String, V> entry = entries.next();
        if (entry.key.startsWith(prefix)) {
          keys.add(entry.key);
        }
      }
    }
    keys.forEach(store::delete);
    return keys.size();
  }
}
