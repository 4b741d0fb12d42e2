package io.fusioncommerce.analytics.live;

import java.time.Instant;

/** An open group-buying campaign: how many units have been committed against its target. */
public record CampaignProgress(String campaignId, String sku, long joinedQuantity, long targetQuantity, Instant endsAt) {}
